package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastLogTest {
    @Test
    void matchesMathLog10() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.pow(10, r.nextDouble(-30, 30));
            assertEquals(Math.log10(x), FastLog.log10(x), 1e-12, "x=" + x);
        }
        for (double x : new double[] {1e-10, 1.0, 2.0, Math.sqrt(2), 0.5, 10.0, 1e-300, Double.MIN_NORMAL, Double.MAX_VALUE}) {
            assertEquals(Math.log10(x), FastLog.log10(x), 1e-12, "x=" + x);
        }
        assertEquals(Double.NEGATIVE_INFINITY, FastLog.log10(0.0));
        assertEquals(Math.log10(Double.MIN_VALUE), FastLog.log10(Double.MIN_VALUE));
        assertEquals(Double.NaN, FastLog.log10(-1.0));
    }
}
