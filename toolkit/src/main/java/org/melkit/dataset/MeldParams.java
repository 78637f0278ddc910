package org.melkit.dataset;

/**
 * Parameters of the MELD spectrograms ({@code recipe_b}, {@link org.melkit.features.Recipes#melMinMax}):
 * load at {@code sr}, first {@code duration} seconds, zero-pad to {@code sr*duration} samples,
 * melspectrogram({@code nFft, hopLength, nMels}), power_to_db(ref=max), fix to {@code frames},
 * per-clip min-max to [0, 1]. Defaults ({@link #DEFAULT}) are the original MELD audio pipeline's:
 * 16 kHz, 3 s, n_fft 1024, hop 376, 128 mels, 128 frames.
 */
public record MeldParams(int sr, double duration, int nFft, int hopLength, int nMels, int frames) {
    public static final MeldParams DEFAULT = new MeldParams(16000, 3.0, 1024, 376, 128, 128);

    public MeldParams {
        positive("sr", sr, "typical: 16000 (MELD's pipeline)");
        if (!(duration > 0) || Double.isInfinite(duration)) {
            throw new IllegalArgumentException("duration=" + duration + " must be a finite number of seconds > 0; typical: 3.0");
        }
        positive("nFft", nFft, "typical: 1024 (librosa: n_fft)");
        positive("hopLength", hopLength, "typical: 376 (librosa: hop_length)");
        positive("nMels", nMels, "typical: 128 (librosa: n_mels)");
        positive("frames", frames, "typical: 128");
        if ((long) Math.round(sr * duration) > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("sr*duration=" + sr * duration + " samples is too long for one clip; use a shorter duration");
        }
    }

    private static void positive(String name, int v, String hint) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + "=" + v + " must be > 0; " + hint);
        }
    }

    public MeldParams withSr(int sr) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }

    public MeldParams withDuration(double duration) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }

    public MeldParams withNFft(int nFft) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }

    public MeldParams withHopLength(int hopLength) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }

    public MeldParams withNMels(int nMels) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }

    public MeldParams withFrames(int frames) { return new MeldParams(sr, duration, nFft, hopLength, nMels, frames); }
}
