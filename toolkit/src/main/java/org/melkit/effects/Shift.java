package org.melkit.effects;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Shifts the signal in time by a fraction of its length drawn uniformly from
 * {@code [minFraction, maxFraction]} (audiomentations' {@code Shift(min_shift, max_shift,
 * shift_unit="fraction", rollover)} without its fade). A positive shift moves the sound later.
 * With {@code rollover} the samples pushed off one end come back at the other ({@code np.roll});
 * without it the gap is filled with zeros. The length is kept exactly.
 *
 * @param minFraction smallest shift, as a fraction of the length, in [-1, 1] (default -0.5)
 * @param maxFraction largest shift, in [-1, 1] (default 0.5)
 * @param rollover roll around (default true) or shift in zeros
 */
public record Shift(double minFraction, double maxFraction, boolean rollover) implements Transform {
    /** audiomentations' defaults: [-0.5, 0.5], rollover. */
    public static final Shift DEFAULT = new Shift(-0.5, 0.5, true);

    public Shift {
        check("minFraction", minFraction);
        check("maxFraction", maxFraction);
        Transform.requireOrdered("minFraction", minFraction, "maxFraction", maxFraction);
    }

    private static void check(String name, double v) {
        if (!(v >= -1 && v <= 1)) {
            throw new IllegalArgumentException(name + "=" + v + " must be in [-1, 1] (a fraction of the clip length); typical: 0.2");
        }
    }

    /** Rolling shift in {@code [minFraction, maxFraction]}. */
    public static Shift of(double minFraction, double maxFraction) {
        return new Shift(minFraction, maxFraction, true);
    }

    public Shift withMinFraction(double v) { return new Shift(v, maxFraction, rollover); }

    public Shift withMaxFraction(double v) { return new Shift(minFraction, v, rollover); }

    public Shift withRollover(boolean v) { return new Shift(minFraction, maxFraction, v); }

    @Override
    public String name() { return "shift"; }

    @Override
    public List<String> parameterNames() { return List.of("fraction", "samples"); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        double fraction = Transform.uniform(rng, minFraction, maxFraction);
        int k = (int) Math.round(fraction * y.length);
        return new Augmented(shift(y, k, rollover), sr,
                List.of(Applied.of(name(), "fraction", fraction, "samples", k)));
    }

    /** {@code y} shifted by {@code k} samples (positive: later), rolled or zero-filled; a new array. */
    public static float[] shift(float[] y, int k, boolean rollover) {
        int n = y.length;
        float[] out = new float[n];
        if (n == 0) {
            return out;
        }
        if (rollover) {
            int s = Math.floorMod(k, n);
            System.arraycopy(y, 0, out, s, n - s);
            System.arraycopy(y, n - s, out, 0, s);
        } else if (k >= 0) {
            if (k < n) {
                System.arraycopy(y, 0, out, k, n - k);
            }
        } else if (-k < n) {
            System.arraycopy(y, -k, out, 0, n + k);
        }
        return out;
    }
}
