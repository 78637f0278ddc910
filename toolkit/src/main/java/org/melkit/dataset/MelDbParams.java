package org.melkit.dataset;

import java.util.LinkedHashMap;
import java.util.Map;
import org.melkit.features.MelParams;

/**
 * Parameters of the per-file spectrogram of {@link ClassFolderExtractor} and
 * {@link EmotionCorpora}: the conformance kit's {@code recipe_a},
 * {@code load(sr, mono) -> melspectrogram(n_fft, hop_length, n_mels) -> power_to_db(ref=max,
 * top_db) -> right-pad with 0.0 or cut to frames}, giving float32 {@code (nMels, frames)} per file.
 * Defaults are {@code melkit extract}'s: 22050 Hz, n_fft 2048, hop 512, 128 mels, 256 frames,
 * top_db 80 (librosa 0.11's defaults for {@code load}, {@code melspectrogram} and
 * {@code power_to_db}; 256 frames are about 5.9 s at 22050 Hz / hop 512).
 *
 * @param sr sample rate the audio is loaded at, Hz
 * @param nFft FFT size (librosa: n_fft)
 * @param hopLength hop between frames (librosa: hop_length)
 * @param nMels mel bands (librosa: n_mels)
 * @param frames frames kept per file (right-padded with 0.0 or cut)
 * @param topDb dynamic range kept below the peak in dB, or {@code null} for none (librosa: top_db)
 */
public record MelDbParams(int sr, int nFft, int hopLength, int nMels, int frames, Double topDb) implements java.io.Serializable {
    /** {@code melkit extract}'s defaults ({@code melkit corpora} uses them with 128 frames). */
    public static final MelDbParams DEFAULT = new MelDbParams(22050, 2048, 512, 128, 256, 80.0);

    public MelDbParams {
        MelParams.of(sr, nFft, hopLength, nMels); // validates sr, nFft, hopLength, nMels with librosa's names
        if (frames <= 0) {
            throw new IllegalArgumentException("frames=" + frames + " must be > 0 (frames kept per file); typical: 256");
        }
        if (topDb != null && (!(topDb >= 0) || topDb.isInfinite())) {
            throw new IllegalArgumentException("topDb=" + topDb + " must be a finite number >= 0 dB or null for no floor (librosa: top_db); typical: 80");
        }
    }

    public static MelDbParams defaults() { return DEFAULT; }

    public MelDbParams withSr(int v) { return new MelDbParams(v, nFft, hopLength, nMels, frames, topDb); }

    public MelDbParams withNFft(int v) { return new MelDbParams(sr, v, hopLength, nMels, frames, topDb); }

    public MelDbParams withHopLength(int v) { return new MelDbParams(sr, nFft, v, nMels, frames, topDb); }

    public MelDbParams withNMels(int v) { return new MelDbParams(sr, nFft, hopLength, v, frames, topDb); }

    public MelDbParams withFrames(int v) { return new MelDbParams(sr, nFft, hopLength, nMels, v, topDb); }

    public MelDbParams withTopDb(Double v) { return new MelDbParams(sr, nFft, hopLength, nMels, frames, v); }

    /** The parameters under their CLI/JSON names (snake_case), in a fixed order, for manifests. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sr", sr);
        m.put("n_fft", nFft);
        m.put("hop_length", hopLength);
        m.put("n_mels", nMels);
        m.put("frames", frames);
        m.put("top_db", topDb);
        return m;
    }
}
