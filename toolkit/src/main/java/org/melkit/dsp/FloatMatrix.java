package org.melkit.dsp;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * An immutable float32 matrix in row-major (C) order, shaped like librosa's arrays:
 * a spectrogram is {@code [bin][frame]} = librosa's {@code (n_bins, t)}.
 *
 * <p>Accessors never hand out the internal array: {@link #toArray()} copies,
 * {@link #asBuffer()} is a read-only view (zero copy, for writers).
 */
public final class FloatMatrix {
    private final int rows;
    private final int cols;
    private final float[] data;

    private FloatMatrix(int rows, int cols, float[] data) {
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    /** A matrix over a copy of {@code data} (row-major, {@code rows * cols} values). */
    public static FloatMatrix of(int rows, int cols, float[] data) {
        Objects.requireNonNull(data, "data");
        checkShape(rows, cols, data.length);
        return new FloatMatrix(rows, cols, data.clone());
    }

    /** A matrix from rows of equal length (copied). */
    public static FloatMatrix ofRows(float[][] rowsData) {
        int r = rowsData.length;
        int c = r == 0 ? 0 : rowsData[0].length;
        float[] d = new float[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) {
                throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " values, row 0 has " + c);
            }
            System.arraycopy(rowsData[i], 0, d, i * c, c);
        }
        return new FloatMatrix(r, c, d);
    }

    /** A zero matrix. */
    public static FloatMatrix zeros(int rows, int cols) {
        checkShape(rows, cols, (long) rows * cols);
        return new FloatMatrix(rows, cols, new float[rows * cols]);
    }

    /** Takes ownership of {@code data}: for code in this library that just allocated it. */
    public static FloatMatrix wrap(int rows, int cols, float[] data) {
        checkShape(rows, cols, data.length);
        return new FloatMatrix(rows, cols, data);
    }

    private static void checkShape(int rows, int cols, long length) {
        if (rows < 0 || cols < 0 || (long) rows * cols != length) {
            throw new IllegalArgumentException("shape (" + rows + ", " + cols + ") does not fit " + length + " values");
        }
    }

    public int rows() { return rows; }

    public int cols() { return cols; }

    /** librosa's {@code shape}: {@code {rows, cols}}. */
    public int[] shape() { return new int[] {rows, cols}; }

    public int size() { return data.length; }

    public float get(int r, int c) {
        if (r < 0 || r >= rows || c < 0 || c >= cols) {
            throw new IndexOutOfBoundsException("(" + r + ", " + c + ") outside shape (" + rows + ", " + cols + ")");
        }
        return data[r * cols + c];
    }

    /** A copy of row {@code r}. */
    public float[] row(int r) {
        Objects.checkIndex(r, rows);
        return Arrays.copyOfRange(data, r * cols, (r + 1) * cols);
    }

    /** A copy of column {@code c}. */
    public float[] col(int c) {
        Objects.checkIndex(c, cols);
        float[] out = new float[rows];
        for (int r = 0; r < rows; r++) {
            out[r] = data[r * cols + c];
        }
        return out;
    }

    /** A row-major copy of all values. */
    public float[] toArray() { return data.clone(); }

    /** The values as {@code [row][col]} (copied). */
    public float[][] toRows() {
        float[][] out = new float[rows][];
        for (int r = 0; r < rows; r++) {
            out[r] = row(r);
        }
        return out;
    }

    /** A read-only, zero-copy view of the row-major values. */
    public FloatBuffer asBuffer() { return FloatBuffer.wrap(data).asReadOnlyBuffer(); }

    public float max() {
        float m = Float.NEGATIVE_INFINITY;
        for (float v : data) {
            m = Math.max(m, v);
        }
        return m;
    }

    public float min() {
        float m = Float.POSITIVE_INFINITY;
        for (float v : data) {
            m = Math.min(m, v);
        }
        return m;
    }

    /** Mean of each row (librosa's {@code np.mean(S, axis=1)}), in double. */
    public double[] rowMeans() {
        double[] out = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < cols; c++) {
                s += data[r * cols + c];
            }
            out[r] = cols == 0 ? Double.NaN : s / cols;
        }
        return out;
    }

    /**
     * The first {@code n} columns, right-padded with {@code fill} when there are fewer
     * (librosa's {@code util.fix_length(S, size=n, axis=-1, constant_values=fill)}).
     */
    public FloatMatrix fixCols(int n, float fill) {
        if (n < 0) {
            throw new IllegalArgumentException("n=" + n + " must be >= 0 (librosa: fix_length size)");
        }
        float[] out = new float[rows * n];
        int keep = Math.min(n, cols);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(data, r * cols, out, r * n, keep);
            if (fill != 0f) {
                Arrays.fill(out, r * n + keep, (r + 1) * n, fill);
            }
        }
        return new FloatMatrix(rows, n, out);
    }

    /** Rows {@code [from, to)} (librosa's {@code S[from:to]}). */
    public FloatMatrix rowRange(int from, int to) {
        Objects.checkFromToIndex(from, to, rows);
        return new FloatMatrix(to - from, cols, Arrays.copyOfRange(data, from * cols, to * cols));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatMatrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + cols) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        if (data.length == 0) {
            return "FloatMatrix(" + rows + ", " + cols + ")";
        }
        return String.format(Locale.ROOT, "FloatMatrix(%d, %d) min %.6g max %.6g", rows, cols, min(), max());
    }
}
