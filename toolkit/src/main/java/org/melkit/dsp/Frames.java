package org.melkit.dsp;

/** Frame counting and the padded-signal arithmetic that librosa's {@code util.frame} implies. */
public final class Frames {
    private Frames() {}

    /**
     * Frames of length {@code frameLength} every {@code hopLength} samples over {@code n} samples:
     * {@code 1 + n / hop} when centred (the signal is padded by {@code frameLength / 2} each side),
     * {@code 1 + (n - frameLength) / hop} otherwise.
     */
    public static int count(int n, int frameLength, int hopLength, boolean center) {
        if (hopLength <= 0) {
            throw new IllegalArgumentException("hopLength=" + hopLength + " must be > 0 (librosa: hop_length)");
        }
        if (center) {
            return 1 + n / hopLength;
        }
        if (frameLength > n) {
            throw new IllegalArgumentException("frame length " + frameLength + " > signal length " + n
                    + " with center=false (librosa raises ParameterError); use center=true or a shorter n_fft/frame_length");
        }
        return 1 + (n - frameLength) / hopLength;
    }

    /**
     * Copies frame {@code t} of {@code y} into {@code dst[0..frameLength)}: samples
     * {@code [t*hop - off, t*hop - off + frameLength)} of {@code y} extended by {@code mode},
     * with {@code off = frameLength/2} when centred, else 0.
     */
    public static void copyFrame(float[] y, int t, int frameLength, int hopLength, boolean center, PadMode mode, double[] dst) {
        int start = t * hopLength - (center ? frameLength / 2 : 0);
        int n = y.length;
        if (start >= 0 && start + frameLength <= n) {
            for (int i = 0; i < frameLength; i++) {
                dst[i] = y[start + i];
            }
        } else {
            for (int i = 0; i < frameLength; i++) {
                dst[i] = mode.sample(y, start + i);
            }
        }
    }
}
