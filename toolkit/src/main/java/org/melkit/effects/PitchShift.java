package org.melkit.effects;

import java.util.Arrays;
import java.util.List;
import java.util.random.RandomGenerator;
import org.melkit.audio.Resampler;

/**
 * Shifts the pitch by {@code semitones} drawn uniformly from {@code [minSemitones, maxSemitones]}
 * keeping the duration (audiomentations' {@code PitchShift}, defaults +-4). Built as librosa's
 * {@code effects.pitch_shift(y, sr, n_steps)}: time-stretch by {@code rate = 2^(-n/12)}
 * (WSOLA here, a phase vocoder in librosa), then resample from {@code sr / rate} to {@code sr}
 * Hz with melkit's {@link Resampler} (soxr_hq class, librosa's default) and fix the length to
 * {@code n}. Formants move with the pitch, as in librosa.
 *
 * @param minSemitones in [-24, 24], default -4
 * @param maxSemitones in [-24, 24], default 4
 */
public record PitchShift(double minSemitones, double maxSemitones) implements Transform {
    public static final PitchShift DEFAULT = new PitchShift(-4, 4);

    public PitchShift {
        check("minSemitones", minSemitones);
        check("maxSemitones", maxSemitones);
        Transform.requireOrdered("minSemitones", minSemitones, "maxSemitones", maxSemitones);
    }

    private static void check(String name, double v) {
        if (!(v >= -24 && v <= 24)) {
            throw new IllegalArgumentException(name + "=" + v + " must be in [-24, 24] semitones (two octaves); typical: -4 to 4");
        }
    }

    public PitchShift withMinSemitones(double v) { return new PitchShift(v, maxSemitones); }

    public PitchShift withMaxSemitones(double v) { return new PitchShift(minSemitones, v); }

    @Override
    public String name() { return "pitch_shift"; }

    @Override
    public List<String> parameterNames() { return List.of("semitones"); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        double semitones = Transform.uniform(rng, minSemitones, maxSemitones);
        return new Augmented(shift(y, sr, semitones), sr, List.of(Applied.of(name(), "semitones", semitones)));
    }

    /** {@code y} shifted by {@code semitones} (positive: higher), same length: a new array. */
    public static float[] shift(float[] y, int sr, double semitones) {
        check("semitones", semitones);
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz");
        }
        if (semitones == 0) {
            return y.clone();
        }
        double rate = Math.pow(2, -semitones / 12.0);
        float[] stretched = Wsola.stretch(y, sr, rate);         // about n / rate samples, same pitch
        // librosa: resample(y_stretch, orig_sr=sr / rate, target_sr=sr): back to about n samples,
        // pitch times 1 / rate, on the same soxr_hq-class resampler as loading
        float[] shifted = Resampler.resample(stretched, sr / rate, (double) sr);
        return Arrays.copyOf(shifted, y.length);
    }
}
