package org.melkit.effects;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Multiplies the signal by {@code 10^(gainDb/20)} with {@code gainDb} uniform in
 * {@code [minGainDb, maxGainDb]} (audiomentations' {@code Gain}). No clipping is applied here:
 * a 16-bit WAV writer clips at +-1, so keep {@code maxGainDb} modest for loud material.
 *
 * @param minGainDb default -12
 * @param maxGainDb default 12
 */
public record Gain(double minGainDb, double maxGainDb) implements Transform {
    /** audiomentations' defaults: [-12, 12] dB. */
    public static final Gain DEFAULT = new Gain(-12, 12);

    public Gain {
        Transform.requireFinite("minGainDb", minGainDb, "typical: -6");
        Transform.requireFinite("maxGainDb", maxGainDb, "typical: 6");
        Transform.requireOrdered("minGainDb", minGainDb, "maxGainDb", maxGainDb);
    }

    public Gain withMinGainDb(double v) { return new Gain(v, maxGainDb); }

    public Gain withMaxGainDb(double v) { return new Gain(minGainDb, v); }

    @Override
    public String name() { return "gain"; }

    @Override
    public List<String> parameterNames() { return List.of("gain_db"); }

    @Override
    public Augmented apply(float[] y, int sr, RandomGenerator rng) {
        double db = Transform.uniform(rng, minGainDb, maxGainDb);
        float g = (float) Math.pow(10, db / 20);
        float[] out = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            out[i] = y[i] * g;
        }
        return new Augmented(out, sr, List.of(Applied.of(name(), "gain_db", db)));
    }
}
