package org.melkit.audio;

/**
 * In-place complex FFT of one power-of-two size, for {@link Resampler}'s fast convolution only.
 *
 * <p>The forward transform is decimation-in-frequency: natural-order input, bit-reversed
 * output. The inverse is decimation-in-time: bit-reversed input, natural-order output, not
 * scaled. A convolution therefore never permutes: {@code inverse(forward(s) * forward(h))}
 * with both spectra in the same scrambled order is {@code size} times the circular
 * convolution of {@code s} and {@code h}. Data are split arrays {@code re[]}, {@code im[]}.
 *
 * <p>Two radix-2 stages are fused per pass over the data (radix-2<sup>2</sup>), so a
 * size-4096 transform reads the data six times instead of twelve; each pass has its twiddles
 * in one contiguous table, passes with few distinct twiddles loop over them outermost, and
 * the last pass needs none. The plan is immutable and may be shared between threads.
 */
final class ResamplerFft {
    /** Below this many twiddles per pass, loop over twiddles outside and blocks inside. */
    private static final int SHORT_PASS = 16;

    private final int size;
    private final int log2;
    /**
     * Per radix-4 pass of span {@code len} (q = len / 4): {@code [w1r, w1i, w2r, w2i, w3r, w3i]}
     * blocks of q values each, {@code wm = e^{-2 pi i m j / len}} for j in [0, q).
     */
    private final double[][] twiddles;

    ResamplerFft(int size) {
        if (size < 4 || Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size=" + size + " must be a power of two >= 4");
        }
        this.size = size;
        this.log2 = Integer.numberOfTrailingZeros(size);
        twiddles = new double[log2 / 2][];
        for (int p = 0; p < twiddles.length; p++) {
            int len = size >> (2 * p);
            int q = len / 4;
            double[] w = new double[6 * q];
            for (int j = 0; j < q; j++) {
                for (int m = 1; m <= 3; m++) {
                    double a = -2 * Math.PI * m * j / len;
                    w[(2 * m - 2) * q + j] = Math.cos(a);
                    w[(2 * m - 1) * q + j] = Math.sin(a);
                }
            }
            twiddles[p] = w;
        }
    }

    int size() { return size; }

    /** Forward DFT (exponent sign -1) in place; the result is in bit-reversed order. */
    void forward(double[] re, double[] im) {
        for (int p = 0; p < twiddles.length; p++) {
            int len = size >> (2 * p);
            int q = len >> 2;
            if (q == 1) {
                forwardLast(re, im);
            } else if (q < SHORT_PASS) {
                double[] w = twiddles[p];
                for (int j = 0; j < q; j++) {
                    double w1r = w[j], w1i = w[q + j], w2r = w[2 * q + j], w2i = w[3 * q + j];
                    double w3r = w[4 * q + j], w3i = w[5 * q + j];
                    for (int i0 = j; i0 < size; i0 += len) {
                        forwardButterfly(re, im, i0, q, w1r, w1i, w2r, w2i, w3r, w3i);
                    }
                }
            } else {
                double[] w = twiddles[p];
                for (int s = 0; s < size; s += len) {
                    for (int j = 0; j < q; j++) {
                        forwardButterfly(re, im, s + j, q, w[j], w[q + j], w[2 * q + j],
                                w[3 * q + j], w[4 * q + j], w[5 * q + j]);
                    }
                }
            }
        }
        if ((log2 & 1) != 0) {
            radix2(re, im);
        }
    }

    /** Inverse DFT (exponent sign +1, unscaled) in place, from bit-reversed to natural order. */
    void inverse(double[] re, double[] im) {
        if ((log2 & 1) != 0) {
            radix2(re, im);
        }
        for (int p = twiddles.length - 1; p >= 0; p--) {
            int len = size >> (2 * p);
            int q = len >> 2;
            if (q == 1) {
                inverseLast(re, im);
            } else if (q < SHORT_PASS) {
                double[] w = twiddles[p];
                for (int j = 0; j < q; j++) {
                    double w1r = w[j], w1i = w[q + j], w2r = w[2 * q + j], w2i = w[3 * q + j];
                    double w3r = w[4 * q + j], w3i = w[5 * q + j];
                    for (int i0 = j; i0 < size; i0 += len) {
                        inverseButterfly(re, im, i0, q, w1r, w1i, w2r, w2i, w3r, w3i);
                    }
                }
            } else {
                double[] w = twiddles[p];
                for (int s = 0; s < size; s += len) {
                    for (int j = 0; j < q; j++) {
                        inverseButterfly(re, im, s + j, q, w[j], w[q + j], w[2 * q + j],
                                w[3 * q + j], w[4 * q + j], w[5 * q + j]);
                    }
                }
            }
        }
    }

    /**
     * Two fused decimation-in-frequency radix-2 stages on a, b, c, d = x[i0 + k q]: the span-len
     * stage (twiddles w^j on (a, c), -i w^j on (b, d)), then the span-len/2 stage (w^2j).
     */
    private static void forwardButterfly(double[] re, double[] im, int i0, int q,
            double w1r, double w1i, double w2r, double w2i, double w3r, double w3i) {
        int i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
        double ar = re[i0], ai = im[i0], br = re[i1], bi = im[i1];
        double cr = re[i2], ci = im[i2], dr = re[i3], di = im[i3];
        double sacR = ar + cr, sacI = ai + ci;  // a + c
        double dacR = ar - cr, dacI = ai - ci;  // a - c
        double sbdR = br + dr, sbdI = bi + di;  // b + d
        double dbdR = bi - di, dbdI = dr - br;  // (b - d) * (-i)
        double y1r = sacR - sbdR, y1i = sacI - sbdI;
        double y2r = dacR + dbdR, y2i = dacI + dbdI;
        double y3r = dacR - dbdR, y3i = dacI - dbdI;
        re[i0] = sacR + sbdR;
        im[i0] = sacI + sbdI;
        re[i1] = y1r * w2r - y1i * w2i;
        im[i1] = y1r * w2i + y1i * w2r;
        re[i2] = y2r * w1r - y2i * w1i;
        im[i2] = y2r * w1i + y2i * w1r;
        re[i3] = y3r * w3r - y3i * w3i;
        im[i3] = y3r * w3i + y3i * w3r;
    }

    /** Exact inverse of {@link #forwardButterfly}, times 4. */
    private static void inverseButterfly(double[] re, double[] im, int i0, int q,
            double w1r, double w1i, double w2r, double w2i, double w3r, double w3i) {
        int i1 = i0 + q, i2 = i1 + q, i3 = i2 + q;
        double y0r = re[i0], y0i = im[i0];
        double x1r = re[i1], x1i = im[i1], x2r = re[i2], x2i = im[i2], x3r = re[i3], x3i = im[i3];
        double y1r = x1r * w2r + x1i * w2i, y1i = x1i * w2r - x1r * w2i; // times conj(w^2j)
        double y2r = x2r * w1r + x2i * w1i, y2i = x2i * w1r - x2r * w1i;
        double y3r = x3r * w3r + x3i * w3i, y3i = x3i * w3r - x3r * w3i;
        double sacR = y0r + y1r, sacI = y0i + y1i;  // 2 (a + c)
        double sbdR = y0r - y1r, sbdI = y0i - y1i;  // 2 (b + d)
        double dacR = y2r + y3r, dacI = y2i + y3i;  // 2 (a - c)
        double dbdR = y3i - y2i, dbdI = y2r - y3r;  // 2 (b - d) = (y2 - y3) * i
        re[i0] = sacR + dacR;
        im[i0] = sacI + dacI;
        re[i2] = sacR - dacR;
        im[i2] = sacI - dacI;
        re[i1] = sbdR + dbdR;
        im[i1] = sbdI + dbdI;
        re[i3] = sbdR - dbdR;
        im[i3] = sbdI - dbdI;
    }

    /** The span-4 pass: every twiddle is 1. */
    private void forwardLast(double[] re, double[] im) {
        for (int i0 = 0; i0 < size; i0 += 4) {
            double ar = re[i0], ai = im[i0], br = re[i0 + 1], bi = im[i0 + 1];
            double cr = re[i0 + 2], ci = im[i0 + 2], dr = re[i0 + 3], di = im[i0 + 3];
            double sacR = ar + cr, sacI = ai + ci, dacR = ar - cr, dacI = ai - ci;
            double sbdR = br + dr, sbdI = bi + di, dbdR = bi - di, dbdI = dr - br;
            re[i0] = sacR + sbdR;
            im[i0] = sacI + sbdI;
            re[i0 + 1] = sacR - sbdR;
            im[i0 + 1] = sacI - sbdI;
            re[i0 + 2] = dacR + dbdR;
            im[i0 + 2] = dacI + dbdI;
            re[i0 + 3] = dacR - dbdR;
            im[i0 + 3] = dacI - dbdI;
        }
    }

    private void inverseLast(double[] re, double[] im) {
        for (int i0 = 0; i0 < size; i0 += 4) {
            double y0r = re[i0], y0i = im[i0], y1r = re[i0 + 1], y1i = im[i0 + 1];
            double y2r = re[i0 + 2], y2i = im[i0 + 2], y3r = re[i0 + 3], y3i = im[i0 + 3];
            double sacR = y0r + y1r, sacI = y0i + y1i, sbdR = y0r - y1r, sbdI = y0i - y1i;
            double dacR = y2r + y3r, dacI = y2i + y3i, dbdR = y3i - y2i, dbdI = y2r - y3r;
            re[i0] = sacR + dacR;
            im[i0] = sacI + dacI;
            re[i0 + 2] = sacR - dacR;
            im[i0 + 2] = sacI - dacI;
            re[i0 + 1] = sbdR + dbdR;
            im[i0 + 1] = sbdI + dbdI;
            re[i0 + 3] = sbdR - dbdR;
            im[i0 + 3] = sbdI - dbdI;
        }
    }

    /** The span-2 stage left over when log2(size) is odd (its own inverse, times 2). */
    private void radix2(double[] re, double[] im) {
        for (int i = 0; i < size; i += 2) {
            double ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
            re[i] = ar + br;
            im[i] = ai + bi;
            re[i + 1] = ar - br;
            im[i + 1] = ai - bi;
        }
    }
}
