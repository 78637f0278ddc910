package org.melkit.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.melkit.io.Npy;

/** Bit-exact against scikit-learn's MinMaxScaler (fixtures from gen_dataset_fixtures.py, see calls.json). */
class MinMaxScalerTest {
    static Npy.Array fixture(String name) {
        URL u = MinMaxScalerTest.class.getResource("/fixtures/dataset/" + name + ".npy");
        if (u == null) {
            throw new IllegalStateException("fixture " + name + " missing; run toolkit/src/test/python/gen_dataset_fixtures.py");
        }
        try {
            return Npy.read(Path.of(u.toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[][] rows(Npy.Array a) {
        int n = a.shape()[0];
        int c = a.shape()[1];
        float[][] r = new float[n][];
        for (int i = 0; i < n; i++) {
            r[i] = Arrays.copyOfRange(a.data(), i * c, (i + 1) * c);
        }
        return r;
    }

    @Test
    void matchesSklearnBitForBitIncludingConstantColumnsAndUnclippedTestValues() {
        float[][] train = rows(fixture("minmax_train"));
        float[][] test = rows(fixture("minmax_test"));
        MinMaxScaler s = MinMaxScaler.fit(train);
        assertArrayEquals(fixture("minmax_data_min").data(), s.dataMin());
        assertArrayEquals(fixture("minmax_data_max").data(), s.dataMax());
        float[][] trainScaled = rows(fixture("minmax_train_scaled"));
        float[][] testScaled = rows(fixture("minmax_test_scaled"));
        for (int i = 0; i < train.length; i++) {
            assertArrayEquals(trainScaled[i], s.transform(train[i]), "train row " + i);
        }
        boolean outside = false;
        for (int i = 0; i < test.length; i++) {
            float[] t = s.transform(test[i]);
            assertArrayEquals(testScaled[i], t, "test row " + i);
            for (float v : t) {
                outside |= v < 0 || v > 1;
            }
        }
        assertTrue(outside, "the fixture has test values beyond the training range, and they are not clipped");
        // constant column: x - min
        assertEquals(-10.0f - -12.5f, s.transform(test[1])[2]);
    }

    @Test
    void fitterNeedsRows() {
        assertThrows(IllegalStateException.class, () -> new MinMaxScaler.Fitter(3).fit());
        assertThrows(IllegalArgumentException.class, () -> new MinMaxScaler.Fitter(3).add(new float[2]));
    }
}
