package org.melkit.dataset;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.melkit.features.MelParams;
import org.melkit.plot.SpectrogramImage;

/**
 * The parameters of {@code melkit images} ({@link SpectrogramImageDataset}).
 *
 * @param mel mel parameters (its {@code sr} is the load rate); default librosa's at 22050 Hz
 * @param seconds audio per image, cut or zero-padded, or null for each clip's whole length (the
 *     default); with a length only the samples it needs are decoded
 * @param image size, dB mapping and colour map (default 128 x 128 grey, -80..0 dB)
 */
public record ImagesParams(MelParams mel, Double seconds, SpectrogramImage.Options image) {
    /** librosa's mel defaults at 22050 Hz, whole clips, 128 x 128 grey images. */
    public static final ImagesParams DEFAULT = new ImagesParams(MelParams.of(22050), null, SpectrogramImage.Options.DEFAULT);

    /** How pixel levels map back to dB, recorded in the manifest. */
    static final String PIXEL = "level = round(255 * clamp((db - floor_db) / (top_db - floor_db), 0, 1)); row 0 = highest mel band";
    static final String DB = "power_to_db(melspectrogram(y), ref=np.max, amin=1e-10, top_db=80)";

    public ImagesParams {
        Objects.requireNonNull(mel, "mel; use MelParams.of(22050)");
        Objects.requireNonNull(image, "image; use SpectrogramImage.Options.DEFAULT");
        if (seconds != null && !(seconds > 0 && Double.isFinite(seconds))) {
            throw new IllegalArgumentException("seconds=" + seconds + " must be > 0, or null to keep each clip's length; typical: 3.0");
        }
    }

    public ImagesParams withMel(MelParams v) { return new ImagesParams(v, seconds, image); }

    public ImagesParams withSeconds(Double v) { return new ImagesParams(mel, v, image); }

    public ImagesParams withImage(SpectrogramImage.Options v) { return new ImagesParams(mel, seconds, v); }

    /** Samples per image at {@code mel.sr()}, or -1 for whole clips. */
    int samples() {
        return seconds == null ? -1 : (int) Math.round(seconds * mel.sr());
    }

    /**
     * The parameters as the manifest records them (snake_case, with the dB and pixel mappings so
     * pixel values can be turned back into dB): a re-run with other values is refused unless
     * overwrite.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sr", mel.sr());
        m.put("n_fft", mel.stft().nFft());
        m.put("hop_length", mel.stft().hopLength());
        m.put("win_length", mel.stft().winLength());
        m.put("window", mel.stft().window().name().toLowerCase(Locale.ROOT));
        m.put("center", mel.stft().center());
        m.put("pad_mode", mel.stft().padMode().name().toLowerCase(Locale.ROOT));
        m.put("power", mel.power());
        m.put("n_mels", mel.nMels());
        m.put("fmin", mel.fmin());
        m.put("fmax", mel.fmax());
        m.put("htk", mel.htk());
        m.put("norm", String.valueOf(mel.norm()).toLowerCase(Locale.ROOT));
        m.put("seconds", seconds);
        m.put("db", DB);
        m.put("width", image.width());
        m.put("height", image.height());
        m.put("colormap", image.colormap().name().toLowerCase(Locale.ROOT));
        m.put("floor_db", image.scale().floorDb());
        m.put("top_db", image.scale().topDb());
        m.put("pixel", PIXEL);
        return m;
    }
}
