package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** FftConvolver against the circular convolution sum, in each of its three modes. */
class FftConvolverTest {
    private static final int[] SIZES = {4, 8, 64, 512, 4096};

    @Test
    void convolveIsTheCircularConvolution() {
        SplittableRandom r = new SplittableRandom(1);
        for (int n : SIZES) {
            double[] h = gaussian(r, Math.max(1, n / 3) | 1);
            double[] x = gaussian(r, n);
            FftConvolver c = FftConvolver.of(h, n);
            double[] work = new double[c.workLength()];
            System.arraycopy(x, 0, work, 0, n);
            c.convolve(work, new double[c.workLength()]);
            double[] want = circular(x, h);
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], work[i], 1e-11 * n, "n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void zeroStuffedEqualsConvolvingTheStuffedSignal() {
        SplittableRandom r = new SplittableRandom(2);
        for (int n : SIZES) {
            double[] h = gaussian(r, Math.max(1, n / 2 - 1));
            double[] v = gaussian(r, n / 2);
            double[] u = new double[n];
            for (int i = 0; i < n / 2; i++) {
                u[2 * i] = v[i];
            }
            FftConvolver c = FftConvolver.of(h, n);
            double[] work = new double[c.workLength()];
            System.arraycopy(v, 0, work, 0, n / 2);
            c.convolveZeroStuffed(work, new double[c.workLength()]);
            double[] want = circular(u, h);
            for (int i = 0; i < n; i++) {
                assertEquals(want[i], work[i], 1e-11 * n, "n=" + n + " i=" + i);
            }
        }
    }

    @Test
    void decimatedKeepsTheEvenSamples() {
        SplittableRandom r = new SplittableRandom(3);
        for (int n : SIZES) {
            double[] h = gaussian(r, n - 1);
            double[] x = gaussian(r, n);
            FftConvolver c = FftConvolver.of(h, n);
            double[] work = new double[c.workLength()];
            System.arraycopy(x, 0, work, 0, n);
            c.convolveDecimated(work, new double[c.workLength()]);
            double[] want = circular(x, h);
            for (int j = 0; j < n / 2; j++) {
                assertEquals(want[2 * j], work[j], 1e-11 * n, "n=" + n + " j=" + j);
            }
        }
    }

    @Test
    void jtransformsBinsMatchFftwBins() {
        // the interleaved-bin layout is the same whichever library computes it
        SplittableRandom r = new SplittableRandom(4);
        for (int n : new int[] {8, 100, 4096, 15}) {
            double[] x = gaussian(r, n);
            RealFft fast = RealFft.of(n);
            RealFft ref = RealFft.jtransforms(n);
            double[] a = new double[fast.binsLength()];
            double[] b = new double[ref.binsLength()];
            fast.forwardBins(x, a);
            ref.forwardBins(x.clone(), b);
            for (int i = 0; i < a.length; i++) {
                assertEquals(b[i], a[i], 1e-12 * n, fast.backend() + " n=" + n + " i=" + i);
            }
            double[] back = new double[n];
            double[] backRef = new double[n];
            fast.inverseBinsUnscaled(a.clone(), back);
            ref.inverseBinsUnscaled(b.clone(), backRef);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i] * n, back[i], 1e-11 * n, "round trip n=" + n);
                assertEquals(x[i] * n, backRef[i], 1e-11 * n, "jtransforms round trip n=" + n);
            }
        }
    }

    @Test
    void jtransformsFallbackGivesTheSameConvolutions() {
        SplittableRandom r = new SplittableRandom(5);
        for (int n : new int[] {8, 1024, 4096}) {
            double[] h = gaussian(r, n / 4 + 1);
            double[] x = gaussian(r, n);
            FftConvolver fast = FftConvolver.of(h, n);
            FftConvolver ref = FftConvolver.jtransforms(h, n);
            for (int mode = 0; mode < 3; mode++) {
                double[] a = new double[fast.workLength()];
                double[] b = new double[ref.workLength()];
                System.arraycopy(x, 0, a, 0, n);
                System.arraycopy(x, 0, b, 0, n);
                run(fast, mode, a);
                run(ref, mode, b);
                for (int i = 0; i < (mode == 2 ? n / 2 : n); i++) {
                    assertEquals(b[i], a[i], 1e-12 * n, "mode " + mode + " n=" + n + " i=" + i);
                }
            }
        }
    }

    private static void run(FftConvolver c, int mode, double[] work) {
        double[] scratch = new double[c.workLength()];
        switch (mode) {
            case 0 -> c.convolve(work, scratch);
            case 1 -> c.convolveZeroStuffed(work, scratch);
            default -> c.convolveDecimated(work, scratch);
        }
    }

    @Test
    void badSizesNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FftConvolver.of(new double[3], 6));
        assertEquals("size=6 must be a positive multiple of 4; typical: a power of two", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FftConvolver.of(new double[9], 8));
        assertThrows(IllegalArgumentException.class, () -> FftConvolver.of(new double[0], 8));
    }

    private static double[] circular(double[] x, double[] h) {
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int t = 0; t < h.length; t++) {
                s += h[t] * x[Math.floorMod(i - t, n)];
            }
            y[i] = s;
        }
        return y;
    }

    private static double[] gaussian(SplittableRandom r, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = r.nextDouble(-1, 1);
        }
        return x;
    }
}
