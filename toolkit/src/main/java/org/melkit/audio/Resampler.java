package org.melkit.audio;

/**
 * Band-limited sample-rate conversion in the class of soxr's HQ mode (librosa's default
 * {@code res_type='soxr_hq'}): linear phase, passband to about 0.9 x the lower Nyquist.
 * A converter is immutable and thread-safe; {@link #of} caches one per rate pair.
 * Output length is exactly {@code ceil(n * srOut / srIn)}, as librosa's {@code resample}.
 */
public final class Resampler {
    private final int srIn;
    private final int srOut;

    private Resampler(int srIn, int srOut) {
        this.srIn = srIn;
        this.srOut = srOut;
    }

    /** The (cached) converter from {@code srIn} to {@code srOut} Hz. */
    public static Resampler of(int srIn, int srOut) {
        return new Resampler(srIn, srOut);
    }

    /** One-shot: {@code of(srIn, srOut).resample(x)}. */
    public static float[] resample(float[] x, int srIn, int srOut) {
        return of(srIn, srOut).resample(x);
    }

    public int srIn() { return srIn; }

    public int srOut() { return srOut; }

    /** Number of output samples for {@code n} input samples: {@code ceil(n * srOut / srIn)}. */
    public long outputLength(long n) {
        return (n * srOut + srIn - 1) / srIn;
    }

    /** Resamples {@code x}; returns a new array of {@link #outputLength} samples. */
    public float[] resample(float[] x) {
        throw new UnsupportedOperationException("TODO: resampler under construction");
    }
}
