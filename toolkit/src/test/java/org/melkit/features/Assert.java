package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import org.melkit.dsp.FloatMatrix;

/** Comparisons with the conformance kit's tolerance rules. */
final class Assert {
    private Assert() {}

    /** Same shape and max |a-b| <= rel * max|expected| (+ a tiny absolute floor). */
    static void close(FloatMatrix expected, FloatMatrix actual, double rel, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        double scale = 0;
        for (float v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double worst = 0;
        int at = -1;
        for (int i = 0; i < e.length; i++) {
            double d = Math.abs((double) e[i] - a[i]);
            if (d > worst) {
                worst = d;
                at = i;
            }
        }
        double limit = rel * scale + 1e-12;
        double w = worst;
        int idx = at;
        assertTrue(worst <= limit, () -> String.format(Locale.ROOT, "%s: max abs diff %.3g at %d (expected %g, got %g) > limit %.3g",
                what, w, idx, idx >= 0 ? e[idx] : 0f, idx >= 0 ? a[idx] : 0f, limit));
    }

    /** dB comparison: |a-b| <= tolDb over cells within 80 dB of the maximum (the kit's rule). */
    static void closeDb(FloatMatrix expected, FloatMatrix actual, double tolDb, String what) {
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        float[] e = expected.toArray();
        float[] a = actual.toArray();
        float max = expected.max();
        for (int i = 0; i < e.length; i++) {
            if (e[i] >= max - 80f) {
                int idx = i;
                assertTrue(Math.abs(e[i] - a[i]) <= tolDb,
                        () -> String.format(Locale.ROOT, "%s: cell %d expected %.5f dB got %.5f dB", what, idx, e[idx], a[idx]));
            }
        }
    }
}
