package org.melkit.ml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PcaTest {
    static double[][] fixture(String name) throws IOException {
        try (InputStream in = PcaTest.class.getResourceAsStream("/fixtures/summary/" + name + ".csv")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().filter(l -> !l.isBlank())
                    .map(l -> Arrays.stream(l.split(",")).mapToDouble(Double::parseDouble).toArray())
                    .toArray(double[][]::new);
        }
    }

    @Test
    void matchesSklearnUpToSign() throws IOException {
        double[][] x = fixture("pca_x");
        double[][] scores = fixture("pca_scores_k4");
        double[][] comps = fixture("pca_components_k4");
        double[] ratio = fixture("pca_variance_ratio_k4")[0];
        Pca.Result r = Pca.standardiseAndProject(x, 4);
        assertEquals(4, r.k());
        for (int c = 0; c < 4; c++) {
            // sign of this component relative to sklearn's
            double dot = 0;
            for (int j = 0; j < comps[c].length; j++) {
                dot += comps[c][j] * r.components()[c][j];
            }
            double sign = Math.signum(dot);
            assertEquals(1.0, Math.abs(dot), 1e-9, "component " + c + " is a unit vector along sklearn's");
            for (int i = 0; i < x.length; i++) {
                assertEquals(scores[i][c], sign * r.scores()[i][c], 1e-9, "score row " + i + " pc " + c);
            }
            assertEquals(ratio[c], r.varianceRatio()[c], 1e-12, "variance ratio " + c);
        }
        // the constant last column is scaled by 1 (sklearn's StandardScaler) and carries no weight
        assertEquals(1.0, r.scale()[5]);
        for (int c = 0; c < 4; c++) {
            assertEquals(0.0, r.components()[c][5], 1e-12);
        }
    }

    @Test
    void varianceIsNonIncreasingAndScoresUncorrelated() {
        Random rnd = new Random(7);
        double[][] x = new double[40][5];
        for (double[] row : x) {
            double a = rnd.nextGaussian();
            row[0] = a;
            row[1] = 3 * a + 0.1 * rnd.nextGaussian();
            row[2] = rnd.nextGaussian() * 100;
            row[3] = rnd.nextGaussian() * 0.01 - a;
            row[4] = rnd.nextGaussian();
        }
        Pca.Result r = Pca.standardiseAndProject(x, 5);
        for (int c = 1; c < 5; c++) {
            assertTrue(r.variance()[c] <= r.variance()[c - 1] + 1e-12);
        }
        double sum = Arrays.stream(r.varianceRatio()).sum();
        assertEquals(1.0, sum, 1e-12, "all components explain all variance");
        for (int a = 0; a < 5; a++) {
            for (int b = 0; b < 5; b++) {
                double cov = 0;
                for (double[] s : r.scores()) {
                    cov += s[a] * s[b] / x.length;
                }
                assertEquals(a == b ? r.variance()[a] : 0.0, cov, 1e-9, "cov(pc" + a + ", pc" + b + ")");
            }
        }
    }

    @Test
    void jacobiSolvesAKnownMatrix() {
        double[][] m = {{4, 1, 0.5}, {1, 3, 0.2}, {0.5, 0.2, 2}};
        Pca.Eigen e = Pca.symmetricEigen(m);
        // ND4J/LAPACK give 4.7216, 2.3983, 1.8801 for this matrix
        assertEquals(4.7216, e.values()[0], 1e-4);
        assertEquals(2.3983, e.values()[1], 1e-4);
        assertEquals(1.8801, e.values()[2], 1e-4);
        for (int k = 0; k < 3; k++) {
            for (int i = 0; i < 3; i++) {
                double av = 0;
                for (int j = 0; j < 3; j++) {
                    av += m[i][j] * e.vectors()[k][j];
                }
                assertEquals(e.values()[k] * e.vectors()[k][i], av, 1e-12);
            }
        }
    }

    @Test
    void rejectsTooManyComponents() {
        double[][] x = {{1, 2, 3}, {2, 3, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Pca.standardiseAndProject(x, 3));
        assertTrue(e.getMessage().contains("k=3"), e.getMessage());
    }
}
