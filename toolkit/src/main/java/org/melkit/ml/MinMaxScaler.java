package org.melkit.ml;

import java.util.Arrays;
import java.util.Locale;

/**
 * Per-feature (per-cell) min-max scaling to [0, 1], as sklearn's {@code MinMaxScaler()} on
 * float32 data: fitted on training rows only, then applied to any rows, unclipped (test values may
 * fall outside [0, 1]). For a feature with {@code max - min < 10 * eps(float32)} the range is
 * taken as 1 (sklearn's {@code _handle_zeros_in_scale}), so it becomes {@code x - min}.
 * Arithmetic is float32 in sklearn's order: {@code scale = 1 / (max - min)},
 * {@code offset = 0 - min * scale}, {@code x * scale + offset}, so results equal sklearn's bit for
 * bit, including its rounding: a training value can land one ulp outside [0, 1] (e.g. 1.0000001).
 * Immutable once fitted; {@link Fitter} accumulates rows (e.g. streamed from disk).
 */
public final class MinMaxScaler {
    /** 10 * numpy.finfo(float32).eps: ranges below this count as constant (sklearn). */
    static final float CONSTANT_RANGE = 10 * Math.ulp(1f);

    private final float[] dataMin;
    private final float[] dataMax;
    private final float[] scale;
    private final float[] offset;
    private final long rowsSeen;

    private MinMaxScaler(float[] dataMin, float[] dataMax, long rowsSeen) {
        this.dataMin = dataMin;
        this.dataMax = dataMax;
        this.rowsSeen = rowsSeen;
        int n = dataMin.length;
        this.scale = new float[n];
        this.offset = new float[n];
        for (int i = 0; i < n; i++) {
            float range = dataMax[i] - dataMin[i];
            if (range < CONSTANT_RANGE) {
                range = 1f;
            }
            scale[i] = 1f / range;
            offset[i] = 0f - dataMin[i] * scale[i];
        }
    }

    /** Accumulates the per-feature min and max of rows of {@code features} values; not thread-safe. */
    public static final class Fitter {
        private final float[] min;
        private final float[] max;
        private long rows;

        public Fitter(int features) {
            if (features <= 0) {
                throw new IllegalArgumentException("features=" + features + " must be > 0");
            }
            min = new float[features];
            max = new float[features];
            Arrays.fill(min, Float.POSITIVE_INFINITY);
            Arrays.fill(max, Float.NEGATIVE_INFINITY);
        }

        /** sklearn's {@code partial_fit} with one row. */
        public Fitter add(float[] row) {
            if (row.length != min.length) {
                throw new IllegalArgumentException("row has " + row.length + " values, the scaler " + min.length);
            }
            for (int i = 0; i < row.length; i++) {
                float v = row[i];
                if (v < min[i]) {
                    min[i] = v;
                }
                if (v > max[i]) {
                    max[i] = v;
                }
            }
            rows++;
            return this;
        }

        /** The fitted scaler; at least one row must have been added. */
        public MinMaxScaler fit() {
            if (rows == 0) {
                throw new IllegalStateException("no rows were added: a scaler is fitted on at least one training row");
            }
            return new MinMaxScaler(min.clone(), max.clone(), rows);
        }
    }

    /** A scaler fitted on {@code rows}. */
    public static MinMaxScaler fit(float[]... rows) {
        if (rows.length == 0) {
            throw new IllegalArgumentException("rows is empty: a scaler is fitted on at least one training row");
        }
        Fitter f = new Fitter(rows[0].length);
        for (float[] r : rows) {
            f.add(r);
        }
        return f.fit();
    }

    /** A scaler from known per-feature minima and maxima (e.g. read back from {@code scaler.json}). */
    public static MinMaxScaler of(float[] dataMin, float[] dataMax) {
        if (dataMin.length != dataMax.length) {
            throw new IllegalArgumentException("dataMin has " + dataMin.length + " values, dataMax " + dataMax.length);
        }
        return new MinMaxScaler(dataMin.clone(), dataMax.clone(), 0);
    }

    public int features() { return dataMin.length; }

    /** sklearn's {@code data_min_}. */
    public float[] dataMin() { return dataMin.clone(); }

    /** sklearn's {@code data_max_}. */
    public float[] dataMax() { return dataMax.clone(); }

    /** sklearn's {@code n_samples_seen_} (0 when built with {@link #of}). */
    public long rowsSeen() { return rowsSeen; }

    /** sklearn's {@code transform} of one row: {@code x * scale + offset}, unclipped; a new array. */
    public float[] transform(float[] row) {
        float[] out = new float[row.length];
        transformInto(row, out);
        return out;
    }

    /** {@link #transform} into {@code out} (may be {@code row} itself). */
    public void transformInto(float[] row, float[] out) {
        if (row.length != scale.length || out.length != scale.length) {
            throw new IllegalArgumentException("row has " + row.length + " values, the scaler " + scale.length);
        }
        for (int i = 0; i < row.length; i++) {
            out[i] = row[i] * scale[i] + offset[i];
        }
    }

    @Override
    public String toString() {
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        int constant = 0;
        for (int i = 0; i < dataMin.length; i++) {
            lo = Math.min(lo, dataMin[i]);
            hi = Math.max(hi, dataMax[i]);
            if (dataMax[i] - dataMin[i] < CONSTANT_RANGE) {
                constant++;
            }
        }
        return String.format(Locale.ROOT, "MinMaxScaler[%d features fitted on %d rows, min %.4g .. max %.4g, %d constant]",
                dataMin.length, rowsSeen, lo, hi, constant);
    }
}
