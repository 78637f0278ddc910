package org.melkit.dsp;

/**
 * The reference of a dB conversion: a fixed value, or the maximum of the input itself
 * (librosa's {@code ref=np.max}).
 */
public sealed interface Ref permits Ref.Max, Ref.Value {

    /** librosa's {@code ref=np.max}: the input's own maximum. */
    static Ref max() { return Max.INSTANCE; }

    /** A fixed reference value (librosa's {@code ref=1.0} is the default); its absolute value is used. */
    static Ref value(double v) {
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException("ref=NaN must be a number or Ref.max()");
        }
        return new Value(v);
    }

    /** Parses {@code max} or a number, as the CLI spells it. */
    static Ref parse(String s) {
        if (s.equalsIgnoreCase("max")) {
            return max();
        }
        try {
            return value(Double.parseDouble(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ref='" + s + "' must be 'max' or a number (librosa: ref)");
        }
    }

    /** The reference for data whose maximum magnitude is {@code max}. */
    double resolve(double max);

    /** The input's maximum. */
    enum Max implements Ref {
        INSTANCE;

        @Override
        public double resolve(double max) { return max; }

        @Override
        public String toString() { return "max"; }
    }

    /** A fixed value. */
    record Value(double value) implements Ref {
        @Override
        public double resolve(double max) { return Math.abs(value); }

        @Override
        public String toString() { return Double.toString(value); }
    }
}
