package org.melkit.dsp;

/**
 * librosa 0.11's decibel conversions {@code power_to_db} and {@code amplitude_to_db}.
 *
 * <p>{@code power_to_db(S) = 10 log10(max(amin, S)) - 10 log10(max(amin, ref))}, then, when
 * {@code topDb} is given, values below {@code max - topDb} are raised to it. librosa's defaults:
 * {@code ref=1.0, amin=1e-10, top_db=80}. All-zero input gives all 0 dB with {@code ref=max}
 * (never -inf or NaN). {@code amplitude_to_db} squares the magnitude, {@code amin} and {@code ref}
 * and calls {@code power_to_db}.
 */
public final class Db {
    /** librosa's {@code power_to_db} default {@code amin}. */
    public static final double AMIN_POWER = 1e-10;
    /** librosa's {@code amplitude_to_db} default {@code amin}. */
    public static final double AMIN_AMPLITUDE = 1e-5;
    /** librosa's default {@code top_db}. */
    public static final double TOP_DB = 80.0;

    private Db() {}

    /** librosa's {@code power_to_db(S, ref=ref, amin=amin, top_db=topDb)}; {@code topDb} null means no clipping. */
    public static FloatMatrix powerToDb(FloatMatrix s, Ref ref, double amin, Double topDb) {
        float[] v = s.toArray();
        powerToDbInPlace(v, v.length, ref, amin, topDb);
        return FloatMatrix.wrap(s.rows(), s.cols(), v);
    }

    /** {@code powerToDb(s, Ref.value(1.0), 1e-10, 80.0)}: librosa's defaults. */
    public static FloatMatrix powerToDb(FloatMatrix s) {
        return powerToDb(s, Ref.value(1.0), AMIN_POWER, TOP_DB);
    }

    /** librosa's {@code amplitude_to_db(S, ref=ref, amin=amin, top_db=topDb)}. */
    public static FloatMatrix amplitudeToDb(FloatMatrix s, Ref ref, double amin, Double topDb) {
        checkAmin(amin);
        float[] v = s.toArray();
        double max = 0;
        for (int i = 0; i < v.length; i++) {
            float a = Math.abs(v[i]);
            max = Math.max(max, a);
            v[i] = a * a;
        }
        double r = ref.resolve(max);
        Ref squared = Ref.value(r * r);
        powerToDbInPlace(v, v.length, squared, amin * amin, topDb);
        return FloatMatrix.wrap(s.rows(), s.cols(), v);
    }

    /** {@code amplitudeToDb(s, Ref.value(1.0), 1e-5, 80.0)}: librosa's defaults. */
    public static FloatMatrix amplitudeToDb(FloatMatrix s) {
        return amplitudeToDb(s, Ref.value(1.0), AMIN_AMPLITUDE, TOP_DB);
    }

    /**
     * {@code power_to_db} over {@code v[0..n)} in place (for fused pipelines that own the array).
     */
    public static void powerToDbInPlace(float[] v, int n, Ref ref, double amin, Double topDb) {
        checkAmin(amin);
        if (topDb != null && !(topDb >= 0)) {
            throw new IllegalArgumentException("topDb=" + topDb + " must be >= 0 dB, or null for no clipping (librosa: top_db); typical: 80");
        }
        // one pass: the maximum (librosa's np.max(S) for ref=max) and whether all values are finite
        float vmax = Float.NEGATIVE_INFINITY;
        boolean finite = true;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            finite &= Float.isFinite(x);
            vmax = x > vmax ? x : vmax;
        }
        if (!finite || !(amin >= Double.MIN_NORMAL) || n == 0) {
            genericPowerToDb(v, n, ref, amin, topDb);
            return;
        }
        double offset = FastLog.db(Math.max(amin, ref.resolve(vmax)));
        float floor = Float.NEGATIVE_INFINITY;
        if (topDb != null) {
            // 10 log10 is monotonic, so the output's maximum is the maximum input's dB value
            float top = (float) (FastLog.db(Math.max(amin, vmax)) - offset);
            floor = (float) (top - topDb);
        }
        FastLog.dbInPlace(v, n, amin, offset, floor);
    }

    /**
     * {@code power_to_db(S, ref, amin, top_db)} of a whole spectrogram {@code S}, computed for a
     * part of it ({@code part}: some of {@code S}'s frames) when {@code wholeMax} is
     * {@code np.max(S)}: {@code ref=max} resolves to it and the {@code top_db} floor is relative to
     * it, so the part's values are exactly those the whole's {@code power_to_db} gives at the same
     * cells (a 256-frame cut of a 30-s clip keeps librosa's values, referenced to the loudest frame
     * of all 30 s; MFCCs of a long recording read in blocks keep the floor of all of it). With
     * {@code wholeMax == part.max()} this is {@code powerToDb(part, ref, ...)}.
     *
     * @throws IllegalArgumentException when {@code wholeMax} is below the part's maximum
     */
    public static FloatMatrix powerToDbOfWhole(FloatMatrix part, Ref ref, float wholeMax, double amin, Double topDb) {
        checkAmin(amin);
        if (topDb != null && !(topDb >= 0)) {
            throw new IllegalArgumentException("topDb=" + topDb + " must be >= 0 dB, or null for no clipping (librosa: top_db); typical: 80");
        }
        float[] v = part.toArray();
        float partMax = Float.NEGATIVE_INFINITY;
        boolean finite = Float.isFinite(wholeMax);
        for (float x : v) {
            finite &= Float.isFinite(x);
            partMax = Math.max(partMax, x);
        }
        if (v.length > 0 && partMax > wholeMax) {
            throw new IllegalArgumentException("wholeMax=" + wholeMax + " is below the part's maximum " + partMax);
        }
        if (!finite || !(amin >= Double.MIN_NORMAL) || v.length == 0) {
            genericPowerToDb(v, v.length, Ref.value(ref.resolve(wholeMax)), amin, topDb);
            return FloatMatrix.wrap(part.rows(), part.cols(), v);
        }
        double offset = FastLog.db(Math.max(amin, ref.resolve(wholeMax)));
        float floor = Float.NEGATIVE_INFINITY;
        if (topDb != null) {
            // the whole's top value is its maximum's dB value (0 dB for ref=max)
            floor = (float) ((float) (FastLog.db(Math.max(amin, wholeMax)) - offset) - topDb);
        }
        FastLog.dbInPlace(v, v.length, amin, offset, floor);
        return FloatMatrix.wrap(part.rows(), part.cols(), v);
    }

    /** The plain path, for NaN or infinite input or a subnormal {@code amin} (NaN propagates as numpy's). */
    private static void genericPowerToDb(float[] v, int n, Ref ref, double amin, Double topDb) {
        double max = 0;
        if (ref instanceof Ref.Max) {
            max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < n; i++) {
                max = v[i] != v[i] ? Double.NaN : Math.max(max, v[i]);
            }
            if (n == 0) {
                max = 0;
            }
        }
        double offset = 10.0 * Math.log10(Math.max(amin, ref.resolve(max)));
        float top = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            v[i] = (float) (10.0 * Math.log10(x != x ? x : Math.max(amin, x)) - offset);
            top = v[i] != v[i] ? Float.NaN : Math.max(top, v[i]);
        }
        if (topDb != null) {
            float floor = (float) (top - topDb);
            for (int i = 0; i < n; i++) {
                if (v[i] < floor || floor != floor) {
                    v[i] = floor != floor ? Float.NaN : floor;
                }
            }
        }
    }

    private static void checkAmin(double amin) {
        if (!(amin > 0)) {
            throw new IllegalArgumentException("amin=" + amin + " must be > 0 (librosa: amin); typical: 1e-10 for power, 1e-5 for amplitude");
        }
    }
}
