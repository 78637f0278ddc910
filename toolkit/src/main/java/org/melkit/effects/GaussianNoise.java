package org.melkit.effects;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Adds white Gaussian noise of standard deviation {@code amplitude}, drawn uniformly from
 * {@code [minAmplitude, maxAmplitude]} (audiomentations' {@code AddGaussianNoise(min_amplitude,
 * max_amplitude)}: {@code y + amplitude * N(0, 1)}). The length is kept exactly; the noise comes
 * from the same {@code rng}, so a seed reproduces it sample for sample.
 *
 * @param minAmplitude default 0.001
 * @param maxAmplitude default 0.015
 */
public record GaussianNoise(double minAmplitude, double maxAmplitude) implements Transform {
    /** audiomentations' defaults: [0.001, 0.015]. */
    public static final GaussianNoise DEFAULT = new GaussianNoise(0.001, 0.015);

    public GaussianNoise {
        if (!(minAmplitude >= 0) || Double.isInfinite(minAmplitude)) {
            throw new IllegalArgumentException("minAmplitude=" + minAmplitude + " must be a finite number >= 0; typical: 0.001");
        }
        if (!(maxAmplitude >= 0) || Double.isInfinite(maxAmplitude)) {
            throw new IllegalArgumentException("maxAmplitude=" + maxAmplitude + " must be a finite number >= 0; typical: 0.015");
        }
        Transform.requireOrdered("minAmplitude", minAmplitude, "maxAmplitude", maxAmplitude);
    }

    public GaussianNoise withMinAmplitude(double v) { return new GaussianNoise(v, maxAmplitude); }

    public GaussianNoise withMaxAmplitude(double v) { return new GaussianNoise(minAmplitude, v); }

    @Override
    public String name() { return "gaussian_noise"; }

    @Override
    public List<String> parameterNames() { return List.of("amplitude"); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        double amplitude = Transform.uniform(rng, minAmplitude, maxAmplitude);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = (float) (y[i] + amplitude * rng.nextGaussian());
        }
        return new Augmented(out, sr, List.of(Applied.of(name(), "amplitude", amplitude)));
    }
}
