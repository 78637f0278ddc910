package org.melkit.audio;

/**
 * Kaiser-windowed sinc design for {@link Resampler}: the Kaiser formulas (Kaiser 1974, as in
 * Oppenheim and Schafer, "Discrete-Time Signal Processing", 7.6) and the modified Bessel
 * function I0 they need. Stateless.
 */
final class ResamplerKernel {
    private ResamplerKernel() {}

    /** Kaiser's beta for a stopband attenuation of {@code attDb} dB (Kaiser's fit). */
    static double kaiserBeta(double attDb) {
        if (attDb > 50) {
            return 0.1102 * (attDb - 8.7);
        }
        if (attDb >= 21) {
            return 0.5842 * Math.pow(attDb - 21, 0.4) + 0.07886 * (attDb - 21);
        }
        return 0;
    }

    /**
     * Kaiser's estimate of a lowpass's length, in samples, for {@code attDb} dB and a transition
     * band {@code transition} wide as a fraction of the sample rate (0.5 = Nyquist): not rounded.
     */
    static double kaiserLength(double attDb, double transition) {
        return (attDb - 7.95) / (2.285 * 2 * Math.PI * transition);
    }

    /** The Kaiser window of half-width {@code halfWidth} at offset {@code t} (0 beyond it). */
    static double kaiser(double t, double halfWidth, double beta, double i0Beta) {
        double r = t / halfWidth;
        if (r <= -1 || r >= 1) {
            return 0;
        }
        return besselI0(beta * Math.sqrt(1 - r * r)) / i0Beta;
    }

    /** sin(pi x) / (pi x), 1 at 0. */
    static double sinc(double x) {
        if (x == 0) {
            return 1;
        }
        double px = Math.PI * x;
        return Math.sin(px) / px;
    }

    /** Modified Bessel function of the first kind, order 0, by its power series. */
    static double besselI0(double x) {
        double sum = 1, term = 1, q = x * x / 4;
        for (int k = 1; k < 500; k++) {
            term *= q / ((double) k * k);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return sum;
    }
}
