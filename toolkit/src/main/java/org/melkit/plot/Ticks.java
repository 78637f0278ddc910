package org.melkit.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tick positions and labels for the Java2D charts (package-private helper). */
final class Ticks {
    private Ticks() {}

    /** "Nice" steps (1, 2, 5 x 10^k) giving at most {@code maxTicks} ticks over [lo, hi]. */
    static List<Double> linear(double lo, double hi, int maxTicks) {
        List<Double> out = new ArrayList<>();
        if (!(hi > lo)) {
            out.add(lo);
            return out;
        }
        double raw = (hi - lo) / Math.max(1, maxTicks);
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        for (double v = first; v <= hi + 1e-9 * step; v += step) {
            out.add(Math.abs(v) < 1e-12 * step ? 0.0 : v);
        }
        return out;
    }

    /** A compact label: 1k, 2.5k, 0.25, 3. */
    static String label(double v) {
        if (Math.abs(v) >= 1000) {
            double k = v / 1000;
            return (k == Math.rint(k) ? String.format(Locale.ROOT, "%.0f", k) : String.format(Locale.ROOT, "%.1f", k)) + "k";
        }
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
