package org.melkit.effects;

import java.util.List;
import java.util.Locale;
import org.melkit.audio.AudioClip;

/**
 * The result of a {@link Transform}: new mono samples at {@code sampleRate} and the list of
 * transforms that were actually applied, in order, with the parameters each drew (empty when
 * {@link Compose} skipped them all). Accessors return copies.
 */
public final class Augmented {
    private final float[] samples;
    private final int sampleRate;
    private final List<Applied> applied;

    Augmented(float[] samples, int sampleRate, List<Applied> applied) {
        this.samples = samples;
        this.sampleRate = sampleRate;
        this.applied = List.copyOf(applied);
    }

    /** A copy of the samples. */
    public float[] samples() { return samples.clone(); }

    /** Number of samples (without copying). */
    public int length() { return samples.length; }

    public int sampleRate() { return sampleRate; }

    /** The transforms applied, in order. */
    public List<Applied> applied() { return applied; }

    /** The samples as a mono clip. */
    public AudioClip toClip() { return AudioClip.mono(samples, sampleRate); }

    /** The samples without copying, for this package's pipelines. */
    float[] samplesUnsafe() { return samples; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Augmented[%d samples, %d Hz, %.3f s, applied %s]", samples.length, sampleRate,
                (double) samples.length / sampleRate, applied);
    }
}
