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
            forwardPass(p, re, im);
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
            inversePass(p, re, im);
        }
    }

    private void forwardPass(int p, double[] re, double[] im) {
        int len = size >> (2 * p);
        int q = len >> 2;
        double[] w = twiddles[p];
        if (q == 1) {
            forwardLast(re, im);
        } else if (q < SHORT_PASS) {
            for (int j = 0; j < q; j++) {
                double w1r = w[j], w1i = w[q + j], w2r = w[2 * q + j], w2i = w[3 * q + j];
                double w3r = w[4 * q + j], w3i = w[5 * q + j];
                for (int i0 = j; i0 < size; i0 += len) {
                    forwardButterfly(re, im, i0, q, w1r, w1i, w2r, w2i, w3r, w3i);
                }
            }
        } else {
            for (int s = 0; s < size; s += len) {
                for (int j = 0; j < q; j++) {
                    forwardButterfly(re, im, s + j, q, w[j], w[q + j], w[2 * q + j],
                            w[3 * q + j], w[4 * q + j], w[5 * q + j]);
                }
            }
        }
    }

    private void inversePass(int p, double[] re, double[] im) {
        int len = size >> (2 * p);
        int q = len >> 2;
        double[] w = twiddles[p];
        if (q == 1) {
            inverseLast(re, im);
        } else if (q < SHORT_PASS) {
            for (int j = 0; j < q; j++) {
                double w1r = w[j], w1i = w[q + j], w2r = w[2 * q + j], w2i = w[3 * q + j];
                double w3r = w[4 * q + j], w3i = w[5 * q + j];
                for (int i0 = j; i0 < size; i0 += len) {
                    inverseButterfly(re, im, i0, q, w1r, w1i, w2r, w2i, w3r, w3i);
                }
            }
        } else {
            for (int s = 0; s < size; s += len) {
                for (int j = 0; j < q; j++) {
                    inverseButterfly(re, im, s + j, q, w[j], w[q + j], w[2 * q + j],
                            w[3 * q + j], w[4 * q + j], w[5 * q + j]);
                }
            }
        }
    }

    /**
     * Circular convolution in place: {@code x = size * IDFT(DFT(x) * h)}, {@code x = re + i im}
     * in natural order, {@code h} a spectrum from {@link #forward}. The last forward pass, the
     * product and the first inverse pass are one pass over the data.
     */
    void convolve(double[] re, double[] im, double[] hRe, double[] hIm) {
        forwardAllButLast(re, im);
        if ((log2 & 1) != 0) {
            for (int i = 0; i < size; i += 2) {
                double ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
                double pr = ar + br, pi = ai + bi, mr = ar - br, mi = ai - bi;
                double c0r = pr * hRe[i] - pi * hIm[i], c0i = pr * hIm[i] + pi * hRe[i];
                double c1r = mr * hRe[i + 1] - mi * hIm[i + 1], c1i = mr * hIm[i + 1] + mi * hRe[i + 1];
                re[i] = c0r + c1r;
                im[i] = c0i + c1i;
                re[i + 1] = c0r - c1r;
                im[i + 1] = c0i - c1i;
            }
        } else {
            for (int i0 = 0; i0 < size; i0 += 4) {
                double ar = re[i0], ai = im[i0], br = re[i0 + 1], bi = im[i0 + 1];
                double cr = re[i0 + 2], ci = im[i0 + 2], dr = re[i0 + 3], di = im[i0 + 3];
                double sacR = ar + cr, sacI = ai + ci, dacR = ar - cr, dacI = ai - ci;
                double sbdR = br + dr, sbdI = bi + di, dbdR = bi - di, dbdI = dr - br;
                double p0r = sacR + sbdR, p0i = sacI + sbdI, p1r = sacR - sbdR, p1i = sacI - sbdI;
                double p2r = dacR + dbdR, p2i = dacI + dbdI, p3r = dacR - dbdR, p3i = dacI - dbdI;
                inverseLastTimesH(re, im, i0, hRe, hIm, p0r, p0i, p1r, p1i, p2r, p2i, p3r, p3i);
            }
        }
        inverseAllButFirst(re, im);
    }

    /**
     * Convolution of a signal zero-stuffed by 2: {@code re, im[0, size/2)} hold the samples
     * {@code v} in natural order, and on return {@code re, im[0, size)} hold
     * {@code size * IDFT(DFT(u) * h)} with {@code u[2i] = v[i]}, {@code u[2i + 1] = 0}. Since
     * DFT(u) is DFT(v) repeated, only a half-size forward transform ({@code half}) is done.
     */
    void convolveZeroStuffed(double[] re, double[] im, double[] hRe, double[] hIm, ResamplerFft half) {
        half.forward(re, im); // bit-reversed: position 2i and 2i + 1 of the full spectrum = i here
        if ((log2 & 1) != 0) {
            for (int i = size / 2 - 1; i >= 0; i--) {
                int j = 2 * i;
                double xr = re[i], xi = im[i];
                double c0r = xr * hRe[j] - xi * hIm[j], c0i = xr * hIm[j] + xi * hRe[j];
                double c1r = xr * hRe[j + 1] - xi * hIm[j + 1], c1i = xr * hIm[j + 1] + xi * hRe[j + 1];
                re[j] = c0r + c1r;
                im[j] = c0i + c1i;
                re[j + 1] = c0r - c1r;
                im[j + 1] = c0i - c1i;
            }
        } else {
            for (int g = size / 4 - 1; g >= 0; g--) {
                double xr = re[2 * g], xi = im[2 * g], yr = re[2 * g + 1], yi = im[2 * g + 1];
                inverseLastTimesH(re, im, 4 * g, hRe, hIm, xr, xi, xr, xi, yr, yi, yr, yi);
            }
        }
        inverseAllButFirst(re, im);
    }

    /**
     * Convolution followed by decimation by 2: on return {@code re, im[j]} for j in
     * {@code [0, size/2)} is element {@code 2j} of {@link #convolve}'s result. The spectrum is
     * folded ({@code X[k] + X[k + size/2]}, neighbours in bit-reversed order) and inverted
     * at half size ({@code half}).
     */
    void convolveDecimated(double[] re, double[] im, double[] hRe, double[] hIm, ResamplerFft half) {
        forwardAllButLast(re, im);
        if ((log2 & 1) != 0) {
            for (int i = 0; i < size; i += 2) {
                double ar = re[i], ai = im[i], br = re[i + 1], bi = im[i + 1];
                double pr = ar + br, pi = ai + bi, mr = ar - br, mi = ai - bi;
                re[i >> 1] = pr * hRe[i] - pi * hIm[i] + mr * hRe[i + 1] - mi * hIm[i + 1];
                im[i >> 1] = pr * hIm[i] + pi * hRe[i] + mr * hIm[i + 1] + mi * hRe[i + 1];
            }
        } else {
            for (int i0 = 0; i0 < size; i0 += 4) {
                double ar = re[i0], ai = im[i0], br = re[i0 + 1], bi = im[i0 + 1];
                double cr = re[i0 + 2], ci = im[i0 + 2], dr = re[i0 + 3], di = im[i0 + 3];
                double sacR = ar + cr, sacI = ai + ci, dacR = ar - cr, dacI = ai - ci;
                double sbdR = br + dr, sbdI = bi + di, dbdR = bi - di, dbdI = dr - br;
                double p0r = sacR + sbdR, p0i = sacI + sbdI, p1r = sacR - sbdR, p1i = sacI - sbdI;
                double p2r = dacR + dbdR, p2i = dacI + dbdI, p3r = dacR - dbdR, p3i = dacI - dbdI;
                int j = i0 >> 1;
                re[j] = p0r * hRe[i0] - p0i * hIm[i0] + p1r * hRe[i0 + 1] - p1i * hIm[i0 + 1];
                im[j] = p0r * hIm[i0] + p0i * hRe[i0] + p1r * hIm[i0 + 1] + p1i * hRe[i0 + 1];
                re[j + 1] = p2r * hRe[i0 + 2] - p2i * hIm[i0 + 2] + p3r * hRe[i0 + 3] - p3i * hIm[i0 + 3];
                im[j + 1] = p2r * hIm[i0 + 2] + p2i * hRe[i0 + 2] + p3r * hIm[i0 + 3] + p3i * hRe[i0 + 3];
            }
        }
        half.inverse(re, im);
    }

    /** Multiplies spectrum values p0..p3 (positions i0..i0+3) by h, then the span-4 inverse. */
    private static void inverseLastTimesH(double[] re, double[] im, int i0, double[] hRe, double[] hIm,
            double p0r, double p0i, double p1r, double p1i, double p2r, double p2i, double p3r, double p3i) {
        double y0r = p0r * hRe[i0] - p0i * hIm[i0], y0i = p0r * hIm[i0] + p0i * hRe[i0];
        double y1r = p1r * hRe[i0 + 1] - p1i * hIm[i0 + 1], y1i = p1r * hIm[i0 + 1] + p1i * hRe[i0 + 1];
        double y2r = p2r * hRe[i0 + 2] - p2i * hIm[i0 + 2], y2i = p2r * hIm[i0 + 2] + p2i * hRe[i0 + 2];
        double y3r = p3r * hRe[i0 + 3] - p3i * hIm[i0 + 3], y3i = p3r * hIm[i0 + 3] + p3i * hRe[i0 + 3];
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

    /** Every forward pass but the span-2 (odd log2) or span-4 (even log2) one. */
    private void forwardAllButLast(double[] re, double[] im) {
        int passes = (log2 & 1) != 0 ? twiddles.length : twiddles.length - 1;
        for (int p = 0; p < passes; p++) {
            forwardPass(p, re, im);
        }
    }

    /** Every inverse pass after the span-2 (odd log2) or span-4 (even log2) one. */
    private void inverseAllButFirst(double[] re, double[] im) {
        int first = (log2 & 1) != 0 ? twiddles.length - 1 : twiddles.length - 2;
        for (int p = first; p >= 0; p--) {
            inversePass(p, re, im);
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
