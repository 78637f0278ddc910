package org.melkit.effects;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.melkit.audio.AudioClip;

/**
 * One waveform augmentation (audiomentations' transforms, with its parameter names in camelCase).
 * {@link #apply} always applies the transform, drawing its parameters from {@code rng}, and
 * returns new samples plus an {@link Applied} record of exactly what it drew, so a CSV can say
 * what made each file; {@link Compose} adds the per-transform probability. Implementations are
 * immutable, thread-safe values: the same {@code rng} state gives the same output.
 */
public sealed interface Transform permits Shift, PitchShift, TimeStretch, GaussianNoise, Gain, Compose {
    /** Seed used by the overloads that take none. */
    long DEFAULT_SEED = 42L;

    /** snake_case name used in CSVs and config files, e.g. {@code time_stretch}. */
    String name();

    /** Names of the parameters its {@link Applied} records carry, in order (empty for {@link Compose}). */
    java.util.List<String> parameterNames();

    /** Applies the transform to mono samples {@code y} at {@code sr} Hz; {@code y} is not modified. */
    Augmented apply(float[] y, int sr, RandomGenerator rng);

    /** {@code apply(y, sr, new SplittableRandom(seed))}. */
    default Augmented apply(float[] y, int sr, long seed) {
        return apply(y, sr, new SplittableRandom(seed));
    }

    /** {@code apply(y, sr, DEFAULT_SEED)}. */
    default Augmented apply(float[] y, int sr) {
        return apply(y, sr, DEFAULT_SEED);
    }

    /** Applies the transform to a clip's mono samples ({@link AudioClip#samples()}). */
    default Augmented apply(AudioClip clip, RandomGenerator rng) {
        return apply(clip.samples(), clip.sampleRate(), rng);
    }

    /** A value uniform in [lo, hi] (exactly lo when the range is empty). */
    static double uniform(RandomGenerator rng, double lo, double hi) {
        return lo == hi ? lo : lo + (hi - lo) * rng.nextDouble();
    }

    /** Validation helper: a finite number. */
    static void requireFinite(String name, double v, String fix) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException(name + "=" + v + " must be a finite number; " + fix);
        }
    }

    /** Validation helper: lo <= hi. */
    static void requireOrdered(String loName, double lo, String hiName, double hi) {
        if (lo > hi) {
            throw new IllegalArgumentException(loName + "=" + lo + " must be <= " + hiName + "=" + hi
                    + "; swap them, or set both equal for a fixed value");
        }
    }
}
