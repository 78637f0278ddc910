package org.melkit.dsp;

import java.util.Locale;

/** How centred frames are padded at the edges (numpy's {@code np.pad} modes). */
public enum PadMode {
    /** Zeros: librosa's default for {@code stft} and {@code rms} since 0.10. */
    CONSTANT,
    /** Repeat the edge sample (used by {@code zero_crossing_rate}). */
    EDGE,
    /** Mirror without repeating the edge; repeated when the pad is longer than the signal, as numpy. */
    REFLECT;

    public static PadMode parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "constant": case "zeros":
                return CONSTANT;
            case "edge":
                return EDGE;
            case "reflect":
                return REFLECT;
            default:
                throw new IllegalArgumentException("pad_mode='" + name + "' is not supported; use constant (librosa's default), edge or reflect");
        }
    }

    /**
     * Sample {@code i} of {@code y} extended beyond its ends by this mode
     * ({@code i} may be negative or >= y.length).
     */
    public float sample(float[] y, int i) {
        int n = y.length;
        if (i >= 0 && i < n) {
            return y[i];
        }
        if (n == 0) {
            return 0f;
        }
        switch (this) {
            case CONSTANT:
                return 0f;
            case EDGE:
                return i < 0 ? y[0] : y[n - 1];
            case REFLECT:
                if (n == 1) {
                    return y[0];
                }
                int period = 2 * (n - 1);
                int m = Math.floorMod(i, period);
                return y[m < n ? m : period - m];
            default:
                throw new IllegalStateException(name());
        }
    }
}
