package org.melkit.audio;

/**
 * Kaiser-windowed sinc design for {@link Resampler}: the Kaiser formulas (Kaiser 1974, as in
 * Oppenheim and Schafer, "Discrete-Time Signal Processing", 7.6) and the modified Bessel
 * function I0 they need. Stateless.
 */
final class ResamplerKernel {
    private ResamplerKernel() {}

    /**
     * soxr's Kaiser beta for {@code attDb} (at least 60) and a transition band {@code trBw}
     * relative to the cutoff ({@code lsx_kaiser_beta} in soxr's filter.c: a fit, per octave of
     * transition width, of the beta that best meets the attenuation).
     */
    static double soxrKaiserBeta(double attDb, double trBw) {
        double realm = Math.log(trBw / .0005) / Math.log(2.);
        int i0 = Math.max(0, Math.min((int) realm, SOXR_BETA.length - 1));
        int i1 = Math.max(0, Math.min(1 + (int) realm, SOXR_BETA.length - 1));
        double[] c0 = SOXR_BETA[i0];
        double[] c1 = SOXR_BETA[i1];
        double b0 = ((c0[0] * attDb + c0[1]) * attDb + c0[2]) * attDb + c0[3];
        double b1 = ((c1[0] * attDb + c1[1]) * attDb + c1[2]) * attDb + c1[3];
        return b0 + (b1 - b0) * (realm - (int) realm);
    }

    /** soxr's length estimate numerator for a Kaiser lowpass of the given beta (att >= 60). */
    static double soxrKaiserLengthFactor(double beta) {
        return ((.0007528358 - 1.577737e-05 * beta) * beta + .6248022) * beta + .06186902;
    }

    private static final double[][] SOXR_BETA = {
        {-6.784957e-10, 1.02856e-05, 0.1087556, -0.8988365 + .001},
        {-6.897885e-10, 1.027433e-05, 0.10876, -0.8994658 + .002},
        {-1.000683e-09, 1.030092e-05, 0.1087677, -0.9007898 + .003},
        {-3.654474e-10, 1.040631e-05, 0.1087085, -0.8977766 + .006},
        {8.106988e-09, 6.983091e-06, 0.1091387, -0.9172048 + .015},
        {9.519571e-09, 7.272678e-06, 0.1090068, -0.9140768 + .025},
        {-5.626821e-09, 1.342186e-05, 0.1083999, -0.9065452 + .05},
        {-9.965946e-08, 5.073548e-05, 0.1040967, -0.7672778 + .085},
        {1.604808e-07, -5.856462e-05, 0.1185998, -1.34824 + .1},
        {-1.511964e-07, 6.363034e-05, 0.1064627, -0.9876665 + .18},
    };

    /**
     * soxr HQ's choice of stages (soxr's cr.c {@code _soxr_init}, quality 20 bits, default
     * runtime flags), reduced to one question: is the whole conversion one DFT-filtered
     * stage, up {@code L} and down {@code M} with a small ratio (2:1, 3:1, 1:2, 3:2, ...)?
     * Returns {@code {L, M}} then, else {@code null} (soxr adds half-band or polyphase stages,
     * whose combined attenuation budget is higher).
     */
    static int[] soxrSingleStage(int srIn, int srOut) {
        double arbM = (double) srIn / srOut;
        int mode = 3; // ((int) ceil(20 bits) - 6) / 4
        int maxL = 2048;
        int preL, preM, postM, postL = 1, arbL = 1, shr;
        boolean rational;
        int n = 0;
        int lOut = 0, mOut = 0;
        boolean single = false;
        while (n++ == 0) {
            boolean upsample = arbM < 1;
            shr = 0;
            for (int i = (int) (.5 * arbM); (i >>= 1) != 0; arbM *= .5, ++shr) {
                // halve until below 4
            }
            preM = upsample || (arbM > 1.5 && arbM < 2) ? 1 : 0;
            postM = 1 + (arbM > 1 && preM != 0 ? 1 : 0);
            arbM /= postM;
            preL = 1 + (preM == 0 && arbM < 2 ? 1 : 0) + (upsample ? 1 : 0);
            arbM *= preL;
            double frac = arbM - (int) arbM;
            double epsilon = 0;
            double mult32 = 4294967296.0;
            if (frac != 0) {
                epsilon = Math.abs(Math.floor(frac * mult32 + .5) / (frac * mult32) - 1);
            }
            rational = frac == 0;
            for (int i = 1; i <= maxL && !rational; ++i) {
                double d = frac * i;
                int attempt = (int) (d + .5);
                if (rational = Math.abs(attempt / d - 1) <= epsilon) {
                    if (attempt == i) {
                        arbM = Math.ceil(arbM);
                        int x = arbM > 3 ? 1 : 0;
                        shr += x;
                        arbM /= 1 + x;
                    } else {
                        arbM = i * (int) arbM + attempt;
                        arbL = i;
                    }
                }
            }
            int l = preL * arbL;
            int m = (int) (arbM * postM);
            int odd = (l | m) & 1;
            if (odd == 0) {
                l >>= 1;
                m >>= 1;
            }
            double d = preL * arbL / arbM;
            if (postL == 1 && d > 4 && d != 5) {
                return null; // a large integer upsampling: soxr's extra post stage
            }
            single = rational && shr == 0 && (Math.max(l, m) < 5 || l * m < 6);
            lOut = l;
            mOut = m;
            if (mode == 0) {
                n = 0; // never: HQ is mode 3
            }
        }
        return single ? new int[] {lOut, mOut} : null;
    }

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
