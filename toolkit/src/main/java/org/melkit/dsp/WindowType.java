package org.melkit.dsp;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Analysis windows, periodic ("DFT-even") as librosa's {@code get_window(window, n, fftbins=True)}.
 * The Hann window is periodic: {@code 0.5 - 0.5 cos(2 pi k / n)}, not the symmetric one.
 */
public enum WindowType {
    /** Periodic Hann, librosa's default {@code window='hann'}. */
    HANN,
    /** Periodic Hamming {@code 0.54 - 0.46 cos(2 pi k / n)}. */
    HAMMING,
    /** All ones ({@code 'boxcar'}, {@code 'rectangular'}, {@code 'ones'}). */
    RECTANGULAR;

    private static final Map<Long, double[]> CACHE = new ConcurrentHashMap<>();

    /** The periodic window of length {@code n} (a fresh copy). */
    public double[] periodic(int n) {
        return cached(n).clone();
    }

    /** Cached, shared, never modified: for code in this package. */
    double[] cached(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("window length n=" + n + " must be > 0 (librosa: win_length)");
        }
        return CACHE.computeIfAbsent(((long) ordinal() << 32) | n, k -> compute(n));
    }

    private double[] compute(int n) {
        double[] w = new double[n];
        for (int k = 0; k < n; k++) {
            switch (this) {
                case HANN -> w[k] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * k / n);
                case HAMMING -> w[k] = 0.54 - 0.46 * Math.cos(2.0 * Math.PI * k / n);
                case RECTANGULAR -> w[k] = 1.0;
                default -> throw new IllegalStateException(name());
            }
        }
        return w;
    }

    /** Parses librosa/scipy window names: {@code hann}, {@code hamming}, {@code boxcar}/{@code rectangular}/{@code ones}. */
    public static WindowType parse(String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "hann": case "hanning":
                return HANN;
            case "hamming": case "hamm":
                return HAMMING;
            case "boxcar": case "rectangular": case "rect": case "ones": case "box":
                return RECTANGULAR;
            default:
                throw new IllegalArgumentException("window='" + name + "' is not supported; use hann (librosa's default), hamming or boxcar");
        }
    }
}
