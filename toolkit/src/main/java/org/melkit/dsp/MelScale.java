package org.melkit.dsp;

/**
 * Hz/mel conversions of librosa 0.11: Slaney's Auditory Toolbox scale by default (linear
 * below 1 kHz, logarithmic above), or HTK's {@code 2595 log10(1 + f/700)}.
 */
public final class MelScale {
    private static final double F_SP = 200.0 / 3;
    private static final double MIN_LOG_HZ = 1000.0;
    private static final double MIN_LOG_MEL = MIN_LOG_HZ / F_SP;
    private static final double LOGSTEP = Math.log(6.4) / 27.0;

    private MelScale() {}

    /** librosa's {@code hz_to_mel(f, htk)}. */
    public static double hzToMel(double hz, boolean htk) {
        if (htk) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        if (hz >= MIN_LOG_HZ) {
            return MIN_LOG_MEL + Math.log(hz / MIN_LOG_HZ) / LOGSTEP;
        }
        return hz / F_SP;
    }

    /** librosa's {@code mel_to_hz(m, htk)}. */
    public static double melToHz(double mel, boolean htk) {
        if (htk) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        if (mel >= MIN_LOG_MEL) {
            return MIN_LOG_HZ * Math.exp(LOGSTEP * (mel - MIN_LOG_MEL));
        }
        return F_SP * mel;
    }

    /**
     * librosa's {@code mel_frequencies(n, fmin, fmax, htk)}: {@code n} frequencies evenly spaced
     * on the mel scale (as {@code np.linspace}: the last one is exactly {@code fmax}'s mel).
     */
    public static double[] melFrequencies(int n, double fmin, double fmax, boolean htk) {
        double lo = hzToMel(fmin, htk);
        double hi = hzToMel(fmax, htk);
        double[] out = new double[n];
        if (n == 1) {
            out[0] = melToHz(lo, htk);
            return out;
        }
        double step = (hi - lo) / (n - 1);
        for (int i = 0; i < n; i++) {
            out[i] = melToHz(i == n - 1 ? hi : lo + i * step, htk);
        }
        return out;
    }
}
