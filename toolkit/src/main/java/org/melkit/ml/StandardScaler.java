package org.melkit.ml;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.melkit.io.Json;

/**
 * Standard scaling, as scikit-learn's {@code StandardScaler()}: per column
 * {@code z = (x - mean) / scale}, with the mean and the population standard deviation
 * ({@code ddof=0}) of the rows it was fitted on; a column whose deviation is 0 keeps scale 1, so
 * it maps to 0 instead of NaN. Fit on the training rows only, then transform any rows; the
 * fitted parameters are saved and read back as JSON ({@code {"mean": [...], "scale": [...]}}).
 * Immutable.
 *
 * <pre>{@code
 * StandardScaler s = StandardScaler.fit(train);
 * double[][] zTest = s.transform(test);
 * s.save(out.resolve("standard_scaler.json"));
 * }</pre>
 */
public final class StandardScaler {
    private final double[] mean;
    private final double[] scale;

    private StandardScaler(double[] mean, double[] scale) {
        if (mean.length != scale.length) {
            throw new IllegalArgumentException("mean has " + mean.length + " columns, scale " + scale.length + "; they must match");
        }
        this.mean = mean.clone();
        this.scale = scale.clone();
    }

    /** A scaler with given parameters (scale 0 or non-finite is taken as 1, as scikit-learn does). */
    public static StandardScaler of(double[] mean, double[] scale) {
        double[] s = scale.clone();
        for (int j = 0; j < s.length; j++) {
            s[j] = s[j] == 0 || !Double.isFinite(s[j]) ? 1.0 : s[j];
        }
        return new StandardScaler(mean, s);
    }

    /**
     * Fits mean and population standard deviation per column of {@code rows}.
     *
     * @throws IllegalArgumentException when there are no rows or they differ in length
     */
    public static StandardScaler fit(double[][] rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows is empty: a scaler needs at least one row to fit");
        }
        int n = rows.length;
        int d = rows[0].length;
        double[] mean = new double[d];
        for (double[] row : rows) {
            if (row.length != d) {
                throw new IllegalArgumentException("every row must have " + d + " features; found one with " + row.length);
            }
            for (int j = 0; j < d; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= n;
        }
        double[] var = new double[d];
        for (double[] row : rows) {
            for (int j = 0; j < d; j++) {
                double c = row[j] - mean[j];
                var[j] += c * c;
            }
        }
        double[] scale = new double[d];
        for (int j = 0; j < d; j++) {
            scale[j] = Math.sqrt(var[j] / n);
        }
        return of(mean, scale);
    }

    /** Columns. */
    public int features() { return mean.length; }

    /** Per-column mean (a copy). */
    public double[] mean() { return mean.clone(); }

    /** Per-column scale: the population standard deviation, 1 where it is 0 (a copy). */
    public double[] scale() { return scale.clone(); }

    /** {@code (row - mean) / scale} as a new array. */
    public double[] transform(double[] row) {
        if (row.length != mean.length) {
            throw new IllegalArgumentException("row has " + row.length + " features; this scaler was fitted on " + mean.length);
        }
        double[] z = new double[row.length];
        for (int j = 0; j < z.length; j++) {
            z[j] = (row[j] - mean[j]) / scale[j];
        }
        return z;
    }

    /** {@link #transform(double[])} of every row. */
    public double[][] transform(double[][] rows) {
        double[][] z = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            z[i] = transform(rows[i]);
        }
        return z;
    }

    /** {@code z * scale + mean}: the inverse of {@link #transform(double[])}. */
    public double[] inverseTransform(double[] z) {
        double[] x = new double[z.length];
        for (int j = 0; j < x.length; j++) {
            x[j] = z[j] * scale[j] + mean[j];
        }
        return x;
    }

    /** The parameters as JSON: {@code {"mean": [...], "scale": [...]}}. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mean", mean);
        m.put("scale", scale);
        return Json.write(m);
    }

    /** Writes {@link #toJson()} to {@code file} atomically. */
    public void save(Path file) {
        org.melkit.io.AtomicFiles.write(file, toJson());
    }

    /** Reads a scaler {@link #save saved} to {@code file}. */
    public static StandardScaler load(Path file) {
        Params p = Json.read(file, Params.class);
        if (p.mean() == null || p.scale() == null) {
            throw new IllegalArgumentException(file + ": a standard scaler needs \"mean\" and \"scale\" arrays");
        }
        return of(p.mean(), p.scale());
    }

    /** The saved form. */
    record Params(double[] mean, double[] scale) {}

    @Override
    public boolean equals(Object o) {
        return o instanceof StandardScaler s && Arrays.equals(mean, s.mean) && Arrays.equals(scale, s.scale);
    }

    @Override
    public int hashCode() { return 31 * Arrays.hashCode(mean) + Arrays.hashCode(scale); }

    @Override
    public String toString() {
        return "StandardScaler[" + mean.length + " features]";
    }
}
