package org.melkit.audio;

/**
 * The frames librosa 0.11's {@code load} reads for {@code offset} and {@code duration}, in the
 * file's native rate and before any down-mix or resampling ({@code __soundfile_load}): it seeks
 * to {@code int(offset * sr_native)} (only when {@code offset} is non-zero) and reads
 * {@code int(duration * sr_native)} frames, or to the end when {@code duration} is None. Both
 * products are float64 and truncated toward zero. A start at or past the end gives no frames,
 * a count past the end gives the frames that are there.
 *
 * @param offset seconds to skip (>= 0)
 * @param duration seconds to read, or null for the rest
 */
record FrameWindow(double offset, Double duration) {
    static final FrameWindow ALL = new FrameWindow(0.0, null);

    static FrameWindow of(LoadOptions options) {
        return new FrameWindow(options.offset(), options.duration());
    }

    /** First frame to read at native rate {@code sr}. */
    long start(int sr) {
        return offset == 0 ? 0 : (long) (offset * sr);
    }

    /** Number of frames to read at native rate {@code sr}, or -1 for all the rest. */
    long count(int sr) {
        return duration == null ? -1 : (long) (duration * sr);
    }

    /** Frames actually read from a stream of {@code available} frames. */
    long clampedCount(int sr, long available) {
        long s = Math.min(start(sr), available);
        long c = count(sr);
        return c < 0 ? available - s : Math.min(c, available - s);
    }
}
