package org.melkit.ml;

import java.util.Arrays;
import java.util.Locale;

/**
 * Standardisation and principal component analysis of a small feature table, as
 * {@code sklearn.preprocessing.StandardScaler().fit_transform(X)} followed by
 * {@code sklearn.decomposition.PCA(n_components=k).fit_transform(Z)}:
 * each column centred and divided by its population standard deviation (ddof = 0; a constant
 * column is divided by 1, as sklearn does), then projected onto the eigenvectors of the
 * covariance of Z in order of non-increasing variance. Signs of components are free in PCA;
 * melkit fixes them deterministically so that each component's largest-magnitude loading is
 * positive.
 *
 * <p>The covariance matrix is (features x features), at most a few dozen wide here, so its
 * eigenvectors are found with the cyclic Jacobi method in double precision: exact to rounding,
 * a few microseconds, no native libraries (ND4J's LAPACK needs 2-3 s and ~120 MB to start for
 * the same 15 x 15 problem).
 */
public final class Pca {
    private Pca() {}

    /**
     * A fitted standardisation + PCA.
     *
     * @param mean per column mean (features)
     * @param scale per column population std, 1 where the std is 0 (features)
     * @param components principal axes, (k, features), row i the i-th axis
     * @param variance variance of each projection, population (ddof = 0), non-increasing (k)
     * @param varianceRatio {@code variance / total variance of Z} (k)
     * @param scores the projections, (rows, k)
     */
    public record Result(double[] mean, double[] scale, double[][] components, double[] variance, double[] varianceRatio,
                         double[][] scores) {
        public int k() { return components.length; }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Pca[" + scores.length + " rows x " + mean.length + " features -> " + k()
                    + " components; variance ratio");
            for (double r : varianceRatio) {
                sb.append(String.format(Locale.ROOT, " %.4f", r));
            }
            return sb.append(']').toString();
        }
    }

    /**
     * Standardises {@code x} (rows x features) and projects it on the first {@code k} principal axes.
     *
     * @throws IllegalArgumentException if {@code k} is not in [1, min(rows, features)]
     */
    public static Result standardiseAndProject(double[][] x, int k) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        if (k < 1 || k > Math.min(n, d)) {
            throw new IllegalArgumentException("k=" + k + " principal components must be in [1, min(rows, features)] = [1, "
                    + Math.min(n, d) + "] for " + n + " rows x " + d + " features (sklearn: n_components); use a smaller --pca");
        }
        for (double[] row : x) {
            if (row.length != d) {
                throw new IllegalArgumentException("every row must have " + d + " features; found one with " + row.length);
            }
        }
        StandardScaler standard = StandardScaler.fit(x);
        double[] mean = standard.mean();
        double[] scale = standard.scale();
        double[][] z = standard.transform(x);
        // Z is centred: re-centre anyway against rounding, as PCA does
        double[] zMean = new double[d];
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                zMean[j] += row[j] / n;
            }
        }
        for (double[] row : z) {
            for (int j = 0; j < d; j++) {
                row[j] -= zMean[j];
            }
        }
        double[][] cov = new double[d][d];
        for (double[] row : z) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += row[a] * row[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= n;
                cov[b][a] = cov[a][b];
            }
        }
        Eigen e = symmetricEigen(cov);
        double total = 0;
        for (double v : e.values) {
            total += Math.max(0, v);
        }
        double[][] comps = new double[k][];
        double[] var = new double[k];
        double[] ratio = new double[k];
        for (int c = 0; c < k; c++) {
            comps[c] = e.vectors[c].clone();
            int big = 0;
            for (int j = 1; j < d; j++) {
                if (Math.abs(comps[c][j]) > Math.abs(comps[c][big])) {
                    big = j;
                }
            }
            if (comps[c][big] < 0) {
                for (int j = 0; j < d; j++) {
                    comps[c][j] = -comps[c][j];
                }
            }
            var[c] = Math.max(0, e.values[c]);
            ratio[c] = total > 0 ? var[c] / total : 0;
        }
        double[][] scores = new double[n][k];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < k; c++) {
                double s = 0;
                for (int j = 0; j < d; j++) {
                    s += z[i][j] * comps[c][j];
                }
                scores[i][c] = s;
            }
        }
        return new Result(mean, scale, comps, var, ratio, scores);
    }

    /** Eigen-pairs of a symmetric matrix, values non-increasing, {@code vectors[i]} the i-th unit eigenvector. */
    record Eigen(double[] values, double[][] vectors) {}

    /**
     * Cyclic Jacobi eigen-decomposition of a symmetric matrix (Golub & Van Loan, Algorithm 8.4.3),
     * rotations until the off-diagonal mass is below 1e-30 of the total (or 100 sweeps). Eigenvalues
     * are returned in non-increasing order; ties keep their column order, so the result is
     * deterministic.
     */
    static Eigen symmetricEigen(double[][] s) {
        int d = s.length;
        double[][] a = new double[d][];
        for (int i = 0; i < d; i++) {
            a[i] = s[i].clone();
        }
        double[][] v = new double[d][d];
        for (int i = 0; i < d; i++) {
            v[i][i] = 1;
        }
        double norm = 0;
        for (double[] row : a) {
            for (double x : row) {
                norm += x * x;
            }
        }
        for (int sweep = 0; sweep < 100; sweep++) {
            double off = 0;
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    off += 2 * a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * norm || off == 0) {
                break;
            }
            for (int p = 0; p < d; p++) {
                for (int q = p + 1; q < d; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double sn = t * c;
                    for (int k = 0; k < d; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - sn * akq;
                        a[k][q] = sn * akp + c * akq;
                    }
                    for (int k = 0; k < d; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - sn * aqk;
                        a[q][k] = sn * apk + c * aqk;
                    }
                    for (int k = 0; k < d; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - sn * vkq;
                        v[k][q] = sn * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[] values = new double[d];
        double[][] vectors = new double[d][d];
        for (int r = 0; r < d; r++) {
            int col = order[r];
            values[r] = a[col][col];
            for (int k = 0; k < d; k++) {
                vectors[r][k] = v[k][col];
            }
        }
        return new Eigen(values, vectors);
    }
}
