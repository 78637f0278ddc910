package org.melkit.effects;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Changes the tempo by a rate drawn uniformly from {@code [minRate, maxRate]} without changing
 * the pitch (rate 1.25 plays 25% faster). The output has librosa's
 * {@code effects.time_stretch(y, rate)} length {@code round(n / rate)}, or {@code n} when
 * {@code leaveLengthUnchanged} (then trimmed or zero-padded at the end, as audiomentations'
 * {@code TimeStretch(leave_length_unchanged=True)}). The stretch is WSOLA (see the package's
 * {@code Wsola}), which suits speech; librosa uses a phase vocoder, so samples differ from
 * librosa's while durations and frequencies agree.
 *
 * @param minRate default 0.8 (audiomentations)
 * @param maxRate default 1.25
 * @param leaveLengthUnchanged default false (librosa's semantics)
 */
public record TimeStretch(double minRate, double maxRate, boolean leaveLengthUnchanged) implements Transform {
    public static final TimeStretch DEFAULT = new TimeStretch(0.8, 1.25, false);

    public TimeStretch {
        check("minRate", minRate);
        check("maxRate", maxRate);
        Transform.requireOrdered("minRate", minRate, "maxRate", maxRate);
    }

    private static void check(String name, double v) {
        if (!(v >= 0.25 && v <= 4)) {
            throw new IllegalArgumentException(name + "=" + v + " must be in [0.25, 4] (1 = unchanged, 1.25 = 25% faster); typical: 0.8 to 1.25");
        }
    }

    /** A fixed rate, librosa's length. */
    public static TimeStretch of(double rate) {
        return new TimeStretch(rate, rate, false);
    }

    public TimeStretch withMinRate(double v) { return new TimeStretch(v, maxRate, leaveLengthUnchanged); }

    public TimeStretch withMaxRate(double v) { return new TimeStretch(minRate, v, leaveLengthUnchanged); }

    public TimeStretch withLeaveLengthUnchanged(boolean v) { return new TimeStretch(minRate, maxRate, v); }

    @Override
    public String name() { return "time_stretch"; }

    @Override
    public List<String> parameterNames() { return List.of("rate"); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        double rate = Transform.uniform(rng, minRate, maxRate);
        float[] out = stretch(y, sr, rate);
        if (leaveLengthUnchanged) {
            out = java.util.Arrays.copyOf(out, y.length);
        }
        return new Augmented(out, sr, List.of(Applied.of(name(), "rate", rate)));
    }

    /** {@code y} at {@code rate} times the tempo, same pitch: a new array of {@code round(n / rate)} samples. */
    public static float[] stretch(float[] y, int sr, double rate) {
        check("rate", rate);
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz");
        }
        return Wsola.stretch(y, sr, rate);
    }
}
