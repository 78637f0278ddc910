package org.melkit.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The type-II DCT as scipy's {@code fftpack.dct(x, type=2, norm=...)} along a matrix's rows,
 * as a cached {@code (nOut, nIn)} matrix: MFCCs need only the first few of {@code nIn} outputs,
 * so a matrix product is cheaper than a full transform.
 */
public final class Dct {
    private static final Map<Long, double[]> CACHE = new ConcurrentHashMap<>();

    private Dct() {}

    /**
     * Row {@code k} of the DCT-II basis for length {@code n}: {@code ortho} scales row 0 by
     * {@code sqrt(1/n)} and the others by {@code sqrt(2/n)}; otherwise scipy's unnormalised
     * {@code 2 cos(...)}.
     */
    static double[] basis(int nOut, int nIn, boolean ortho) {
        long key = ((long) nOut << 33) | ((long) nIn << 1) | (ortho ? 1 : 0);
        return CACHE.computeIfAbsent(key, k -> {
            double[] m = new double[nOut * nIn];
            for (int r = 0; r < nOut; r++) {
                double scale = ortho ? (r == 0 ? Math.sqrt(1.0 / nIn) : Math.sqrt(2.0 / nIn)) : 2.0;
                for (int j = 0; j < nIn; j++) {
                    m[r * nIn + j] = scale * Math.cos(Math.PI * r * (2 * j + 1) / (2.0 * nIn));
                }
            }
            return m;
        });
    }

    /**
     * The first {@code nOut} DCT-II coefficients along axis 0 of {@code x} (shape {@code (n, t)}),
     * as {@code scipy.fftpack.dct(x, axis=-2, type=2, norm='ortho' or None)[:nOut]}.
     */
    public static FloatMatrix dct2(FloatMatrix x, int nOut, boolean ortho) {
        int n = x.rows();
        if (nOut <= 0 || nOut > n) {
            throw new IllegalArgumentException("nOut=" + nOut + " must be in [1, " + n + "] (librosa: n_mfcc <= n_mels)");
        }
        double[] b = basis(nOut, n, ortho);
        int t = x.cols();
        float[] src = x.toArray();
        float[] out = new float[nOut * t];
        double[] acc = new double[t];
        for (int r = 0; r < nOut; r++) {
            java.util.Arrays.fill(acc, 0);
            for (int j = 0; j < n; j++) {
                double c = b[r * n + j];
                int off = j * t;
                for (int c2 = 0; c2 < t; c2++) {
                    acc[c2] += c * src[off + c2];
                }
            }
            for (int c2 = 0; c2 < t; c2++) {
                out[r * t + c2] = (float) acc[c2];
            }
        }
        return FloatMatrix.wrap(nOut, t, out);
    }
}
