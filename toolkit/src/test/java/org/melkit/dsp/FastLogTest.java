package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FastLogTest {
    @Test
    void dbMatchesTenLog10() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 200_000; i++) {
            double x = Math.pow(10, r.nextDouble(-30, 30));
            assertEquals(10 * Math.log10(x), FastLog.db(x), 1e-9, "x=" + x);
        }
        for (double x : new double[] {1e-10, 1.0, 2.0, Math.sqrt(2), 0.5, 10.0, 1e-300, Double.MIN_NORMAL, Double.MAX_VALUE}) {
            assertEquals(10 * Math.log10(x), FastLog.db(x), 1e-9, "x=" + x);
        }
        assertEquals(Double.NEGATIVE_INFINITY, FastLog.db(0.0));
        assertEquals(10 * Math.log10(Double.MIN_VALUE), FastLog.db(Double.MIN_VALUE));
        assertEquals(Double.NaN, FastLog.db(-1.0));
    }

    @Test
    void dbInPlaceMatchesTheFormulaIncludingEdgeCases() {
        SplittableRandom r = new SplittableRandom(2);
        float[] v = new float[5000];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) Math.pow(10, r.nextDouble(-14, 6)) * (i % 17 == 0 ? -1 : 1);
        }
        v[3] = 0f;
        v[4] = Float.MIN_VALUE;
        float[] fast = v.clone();
        FastLog.dbInPlace(fast, fast.length, 1e-10, 3.5, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < v.length; i++) {
            double expected = 10.0 * Math.log10(Math.max(1e-10, v[i])) - 3.5;
            assertEquals((float) expected, fast[i], 1e-5f, "value " + v[i]);
        }
        float[] odd = {1f, Float.NaN, Float.POSITIVE_INFINITY, 0f, -2f};
        FloatMatrix d = Db.powerToDb(FloatMatrix.of(1, 5, odd), Ref.value(1.0), 1e-10, null);
        assertEquals(0f, d.get(0, 0));
        assertEquals(Float.NaN, d.get(0, 1), "NaN stays NaN, as np.maximum");
        assertEquals(Float.POSITIVE_INFINITY, d.get(0, 2));
        assertEquals(-100f, d.get(0, 3), 1e-4f);
        assertEquals(-100f, d.get(0, 4), 1e-4f, "negative input is clamped to amin");
        float[] clipped = Db.powerToDb(FloatMatrix.of(1, 3, new float[] {1f, 1e-3f, 1e-9f}), Ref.max(), 1e-10, 40.0).toArray();
        assertEquals(0f, clipped[0]);
        assertEquals(-30f, clipped[1], 1e-4f);
        assertEquals(-40f, clipped[2], 0f, "floor is max - top_db");
    }
}
