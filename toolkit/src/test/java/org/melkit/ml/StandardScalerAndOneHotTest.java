package org.melkit.ml;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandardScalerAndOneHotTest {
    @TempDir
    Path tmp;

    @Test
    void standardScalingHasZeroMeanUnitPopulationStdAndRoundTripsThroughJson() {
        Random rnd = new Random(5);
        double[][] x = new double[50][3];
        for (double[] row : x) {
            row[0] = 3 + 2 * rnd.nextGaussian();
            row[1] = -7 + 0.1 * rnd.nextGaussian();
            row[2] = 4.0; // constant column: scale 1, maps to 0
        }
        StandardScaler s = StandardScaler.fit(x);
        double[][] z = s.transform(x);
        for (int j = 0; j < 3; j++) {
            double m = 0;
            double v = 0;
            for (double[] row : z) {
                m += row[j];
            }
            m /= z.length;
            for (double[] row : z) {
                v += (row[j] - m) * (row[j] - m);
            }
            assertEquals(0.0, m, 1e-12);
            assertEquals(j == 2 ? 0.0 : 1.0, v / z.length, 1e-12, "population variance of column " + j);
        }
        assertEquals(1.0, s.scale()[2]);
        assertArrayEquals(x[7], s.inverseTransform(z[7]), 1e-12);

        s.save(tmp.resolve("s.json"));
        StandardScaler back = StandardScaler.load(tmp.resolve("s.json"));
        assertEquals(s, back, "exact round trip of the saved parameters");
        assertThrows(IllegalArgumentException.class, () -> s.transform(new double[2]));
    }

    @Test
    void oneHotRowsSumToOneAtTheLabel() {
        OneHot h = OneHot.of(4);
        float[] y = h.encode(new int[] {2, 0, 3});
        assertArrayEquals(new float[] {0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 1}, y);
        assertArrayEquals(new float[] {0, 1, 0, 0}, h.row(1));
        assertThrows(IllegalArgumentException.class, () -> h.row(4));
    }
}
