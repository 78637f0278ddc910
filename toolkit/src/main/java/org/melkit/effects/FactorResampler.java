package org.melkit.effects;

import java.util.Arrays;
import be.tarsos.dsp.resample.Resampler;

/**
 * Resampling by an arbitrary real factor (output rate / input rate), for pitch shifting where
 * the factor {@code 2^(-semitones/12)} is irrational. Wraps TarsosDSP's port of libresample
 * (Kaiser-windowed sinc, "high quality": 35 zero crossings, roll-off 0.90): callers get fresh
 * arrays, never TarsosDSP's internal buffers. melkit's {@link org.melkit.audio.Resampler}
 * converts between integer rates and is the one to use for rate conversion of files.
 *
 * <p>Thread-safe: one pristine session per factor range is built once (its filter table costs a
 * few milliseconds) and copied for each call.
 */
final class FactorResampler {
    private FactorResampler() {}

    static final double MIN_FACTOR = 0.25;
    static final double MAX_FACTOR = 4.0;

    /** Never processes: only copied (its copy constructor only reads). */
    private static final Resampler TEMPLATE = new Resampler(true, MIN_FACTOR, MAX_FACTOR);

    /**
     * {@code x} resampled by {@code factor} (in [0.25, 4]): a new array of exactly
     * {@code round(x.length * factor)} samples, zero-padded if the filter delivers fewer.
     */
    static float[] resample(float[] x, double factor) {
        if (!(factor >= MIN_FACTOR && factor <= MAX_FACTOR)) {
            throw new IllegalArgumentException("factor=" + factor + " must be in [" + MIN_FACTOR + ", " + MAX_FACTOR
                    + "] (output rate / input rate)");
        }
        int outLen = (int) Math.round(x.length * factor);
        if (x.length == 0) {
            return new float[0];
        }
        Resampler session = new Resampler(TEMPLATE);
        float[] out = new float[outLen + 64];
        int produced = 0;
        int consumed = 0;
        // the session takes input in blocks of its buffer size; feed until everything is out
        for (int guard = 0; guard < 1_000_000; guard++) {
            boolean last = true;
            Resampler.Result r = session.process(factor, x, consumed, x.length - consumed, last, out, produced, out.length - produced);
            consumed += r.inputSamplesConsumed;
            produced += r.outputSamplesGenerated;
            if (produced >= outLen || (r.inputSamplesConsumed == 0 && r.outputSamplesGenerated == 0)) {
                break;
            }
            if (produced == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
        }
        return Arrays.copyOf(out, outLen);
    }
}
