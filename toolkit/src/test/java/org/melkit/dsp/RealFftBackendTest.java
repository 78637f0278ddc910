package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The FFTW backend gives JTransforms' numbers in JTransforms' layout, forward and inverse. */
class RealFftBackendTest {
    @Test
    void fftwIsUsedForEvenSizesOnThisPlatform() {
        Assumptions.assumeTrue(FftwRealFft.available(), "FFTW natives not available here: JTransforms serves every size");
        assertEquals("fftw", RealFft.of(2048).backend());
        assertEquals("jtransforms", RealFft.of(1001).backend(), "odd sizes stay on JTransforms");
    }

    @Test
    void backendsAgreeForwardAndInverse() {
        SplittableRandom r = new SplittableRandom(17);
        for (int n : new int[] {2, 4, 6, 16, 100, 256, 1000, 1024, 2048, 4096, 8192, 15, 999}) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = r.nextGaussian();
            }
            RealFft fast = RealFft.of(n);
            RealFft ref = RealFft.jtransforms(n);
            double[] a = x.clone();
            double[] b = x.clone();
            fast.forward(a);
            ref.forward(b);
            double max = 0;
            for (double v : b) {
                max = Math.max(max, Math.abs(v));
            }
            for (int i = 0; i < n; i++) {
                assertEquals(b[i], a[i], 1e-13 * max, fast.backend() + " vs jtransforms, n=" + n + " i=" + i);
            }
            double[] re = new double[fast.bins()];
            double[] im = new double[fast.bins()];
            fast.unpack(a, re, im);
            double[] back = new double[n];
            fast.inverse(re, im, new double[n], back);
            for (int i = 0; i < n; i++) {
                assertEquals(x[i], back[i], 1e-12, "inverse round trip n=" + n);
            }
        }
    }
}
