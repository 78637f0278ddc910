package org.melkit.dsp;

import java.util.Objects;

/**
 * A real FIR filter applied by fast circular convolution of one even size on {@link RealFft}
 * (FFTW where it loads, JTransforms otherwise): the building block of overlap-save filtering,
 * as in the resampler's sharp lowpass. Besides the plain convolution it does the two
 * factor-of-two rate changes in the spectrum, where they cost least:
 * <ul>
 * <li>{@link #convolveZeroStuffed}: the input zero-stuffed by 2 (upsampling). The spectrum of
 *     a zero-stuffed signal is the half-size spectrum repeated, so the forward transform is
 *     half size;</li>
 * <li>{@link #convolveDecimated}: every second output sample (downsampling). Keeping the even
 *     samples folds the spectrum onto its first half, so the inverse transform is half size.</li>
 * </ul>
 * The spectrum is computed once here; neither FFT library's layout is visible to callers.
 * Immutable and thread-safe: every call works on the caller's arrays and on
 * {@link RealFft}'s per-thread buffers.
 */
public final class FftConvolver {
    private final int size;
    private final int taps;
    private final RealFft full;
    private final RealFft half;
    /** Interleaved bins {@code 0..size/2} of the zero-padded taps, scaled by {@code 1/size}. */
    private final double[] h;

    private FftConvolver(double[] taps, int size, boolean shared) {
        this.size = size;
        this.taps = taps.length;
        this.full = shared ? RealFft.of(size) : RealFft.jtransforms(size);
        this.half = shared ? RealFft.of(size / 2) : RealFft.jtransforms(size / 2);
        double[] padded = new double[full.binsLength()];
        System.arraycopy(taps, 0, padded, 0, taps.length);
        double[] spectrum = new double[full.binsLength()];
        full.forwardBins(padded, spectrum);
        double scale = 1.0 / size; // folds in the 1/size of the unscaled inverse
        for (int i = 0; i < spectrum.length; i++) {
            spectrum[i] *= scale;
        }
        this.h = spectrum;
    }

    /**
     * The filter {@code taps} for circular convolutions of {@code size} samples.
     *
     * @throws IllegalArgumentException if {@code size} is not a positive multiple of 4, or
     *     {@code taps} is empty or longer than {@code size}
     */
    public static FftConvolver of(double[] taps, int size) {
        Objects.requireNonNull(taps, "taps");
        if (size < 4 || size % 4 != 0) {
            throw new IllegalArgumentException("size=" + size + " must be a positive multiple of 4; typical: a power of two");
        }
        if (taps.length == 0 || taps.length > size) {
            throw new IllegalArgumentException("taps.length=" + taps.length + " must be in [1, size=" + size + "]");
        }
        return new FftConvolver(taps.clone(), size, true);
    }

    /** On JTransforms whatever loads: the fallback path, for tests against the FFTW one. */
    static FftConvolver jtransforms(double[] taps, int size) {
        of(taps, size); // same validation
        return new FftConvolver(taps.clone(), size, false);
    }

    /** Length of the circular convolution. */
    public int size() { return size; }

    /** Number of filter taps. */
    public int taps() { return taps; }

    /**
     * Length a caller's work array needs: {@code size + 2} (the spectrum is formed in it).
     */
    public int workLength() { return size + 2; }

    /**
     * {@code work[0..size)} becomes its circular convolution with the taps. The first
     * {@code taps - 1} results wrap around; the rest are the linear convolution (overlap-save).
     * {@code scratch} is at least {@link #workLength()} long.
     */
    public void convolve(double[] work, double[] scratch) {
        full.forwardBins(work, scratch);
        double[] hh = h;
        for (int i = 0, end = size + 2; i < end; i += 2) {
            double xr = scratch[i], xi = scratch[i + 1], hr = hh[i], hi = hh[i + 1];
            scratch[i] = xr * hr - xi * hi;
            scratch[i + 1] = xr * hi + xi * hr;
        }
        full.inverseBinsUnscaled(scratch, work);
    }

    /**
     * Convolution of a signal zero-stuffed by 2: {@code work[0..size/2)} holds samples
     * {@code v}; on return {@code work[0..size)} is the circular convolution of the taps with
     * {@code u}, {@code u[2i] = v[i]}, {@code u[2i+1] = 0}. The spectrum of {@code u} is that
     * of {@code v} (half size) repeated. {@code scratch} is at least {@link #workLength()} long.
     */
    public void convolveZeroStuffed(double[] work, double[] scratch) {
        half.forwardBins(work, scratch); // V_0 .. V_{size/4}
        double[] hh = h;
        int quarter = size / 4;
        int halfSize = size / 2;
        // U_k = V_k for k <= size/4, U_k = conj(V_{size/2 - k}) above: fill pairs (k, size/2 - k)
        // from V_k, which both need and nothing later does
        for (int k = 0; k <= quarter; k++) {
            double vr = scratch[2 * k], vi = scratch[2 * k + 1];
            int j = halfSize - k;
            double hr = hh[2 * k], hi = hh[2 * k + 1];
            double gr = hh[2 * j], gi = hh[2 * j + 1];
            double yr = vr * hr - vi * hi, yi = vr * hi + vi * hr;
            // conj(V) * H_j
            double zr = vr * gr + vi * gi, zi = vr * gi - vi * gr;
            scratch[2 * j] = zr;
            scratch[2 * j + 1] = zi;
            scratch[2 * k] = yr;
            scratch[2 * k + 1] = yi;
        }
        full.inverseBinsUnscaled(scratch, work);
    }

    /**
     * Convolution, then decimation by 2: on return {@code work[0..size/2)} holds the
     * even-indexed samples of {@link #convolve}'s result. The product spectrum is folded,
     * {@code Z_k = Y_k + Y_{k + size/2}}, and inverted at half size. {@code scratch} is at
     * least {@link #workLength()} long.
     */
    public void convolveDecimated(double[] work, double[] scratch) {
        full.forwardBins(work, scratch);
        double[] hh = h;
        int quarter = size / 4;
        int halfSize = size / 2;
        // Y_{k + size/2} = conj(Y_{size/2 - k}): Z_k = Y_k + conj(Y_{size/2 - k}), k <= size/4
        for (int k = 0; k <= quarter; k++) {
            int j = halfSize - k;
            double ar = scratch[2 * k], ai = scratch[2 * k + 1];
            double br = scratch[2 * j], bi = scratch[2 * j + 1];
            double yr = ar * hh[2 * k] - ai * hh[2 * k + 1], yi = ar * hh[2 * k + 1] + ai * hh[2 * k];
            double wr = br * hh[2 * j] - bi * hh[2 * j + 1], wi = br * hh[2 * j + 1] + bi * hh[2 * j];
            scratch[2 * k] = yr + wr;
            scratch[2 * k + 1] = yi - wi;
        }
        half.inverseBinsUnscaled(scratch, work);
    }
}
