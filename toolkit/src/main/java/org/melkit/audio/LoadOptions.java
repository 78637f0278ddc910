package org.melkit.audio;

/**
 * Options of {@link Audio#load(java.nio.file.Path, LoadOptions)}, librosa 0.11's
 * {@code load(path, sr=22050, mono=True, offset=0.0, duration=None)}.
 *
 * <p>{@code offset} and {@code duration} count frames at the file's native rate, before
 * down-mix and resampling, with librosa's arithmetic: the first frame read is
 * {@code int(offset * sr_native)}, the number read {@code int(duration * sr_native)} (float64
 * products truncated toward zero). An offset at or past the end gives an empty clip; a duration
 * past the end gives what is there.
 *
 * @param sr target sample rate in Hz, or {@code null} to keep the file's native rate
 *           (librosa: {@code sr=None})
 * @param mono down-mix to the channel mean (librosa's {@code to_mono})
 * @param offset seconds to skip at the start (>= 0)
 * @param duration seconds to read after {@code offset}, or {@code null} for the rest
 */
public record LoadOptions(Integer sr, boolean mono, double offset, Double duration) {
    /** librosa's defaults: 22050 Hz, mono, whole file. */
    public static final LoadOptions DEFAULT = new LoadOptions(22050, true, 0.0, null);
    /** Native rate, mono, whole file ({@code sr=None}). */
    public static final LoadOptions NATIVE = new LoadOptions(null, true, 0.0, null);

    public LoadOptions {
        if (sr != null && sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 or null for the native rate (librosa: sr)");
        }
        if (!(offset >= 0) || Double.isInfinite(offset)) {
            throw new IllegalArgumentException("offset=" + offset + " must be a finite number >= 0 seconds (librosa: offset)");
        }
        if (duration != null && (!(duration >= 0) || duration.isInfinite())) {
            throw new IllegalArgumentException("duration=" + duration + " must be >= 0 seconds or null for the rest of the file (librosa: duration)");
        }
    }

    public static LoadOptions atRate(int sr) { return DEFAULT.withSr(sr); }

    public LoadOptions withSr(Integer sr) { return new LoadOptions(sr, mono, offset, duration); }

    public LoadOptions withMono(boolean mono) { return new LoadOptions(sr, mono, offset, duration); }

    public LoadOptions withOffset(double offset) { return new LoadOptions(sr, mono, offset, duration); }

    public LoadOptions withDuration(Double duration) { return new LoadOptions(sr, mono, offset, duration); }
}
