package org.melkit.effects;

import org.melkit.dsp.RealFft;

/** Test signals and measurements for the augmentation tests. */
final class Signals {
    private Signals() {}

    static float[] tone(double hz, int sr, double seconds, double amplitude) {
        int n = (int) Math.round(sr * seconds);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amplitude * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return y;
    }

    /** A tone between {@code from} and {@code to} seconds, silence elsewhere. */
    static float[] burst(double hz, int sr, double seconds, double from, double to) {
        float[] y = tone(hz, sr, seconds, 0.5);
        for (int i = 0; i < y.length; i++) {
            double t = (double) i / sr;
            if (t < from || t >= to) {
                y[i] = 0;
            }
        }
        return y;
    }

    /**
     * The strongest frequency over the middle half of {@code y}: Hann-windowed, zero-padded to
     * 8x, parabolic interpolation of the log magnitude around the peak bin.
     */
    static double peakHz(float[] y, int sr) {
        int a = y.length / 4;
        int m = y.length / 2;
        int n = Integer.highestOneBit(m * 8 - 1) << 1;
        double[] work = new double[n];
        for (int i = 0; i < m; i++) {
            work[i] = y[a + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / (m - 1)));
        }
        RealFft fft = RealFft.of(n);
        fft.forward(work);
        double[] mag = new double[fft.bins()];
        fft.magnitude(work, mag);
        int best = 1;
        for (int k = 1; k < mag.length - 1; k++) {
            if (mag[k] > mag[best]) {
                best = k;
            }
        }
        double l = Math.log(mag[best - 1]);
        double c = Math.log(mag[best]);
        double r = Math.log(mag[best + 1]);
        double d = 0.5 * (l - r) / (l - 2 * c + r);
        return (best + d) * sr / n;
    }

    /** First and last sample index (in seconds) where |y| exceeds {@code threshold}. */
    static double[] activeSpan(float[] y, int sr, double threshold) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < y.length; i++) {
            if (Math.abs(y[i]) > threshold) {
                if (first < 0) {
                    first = i;
                }
                last = i;
            }
        }
        return new double[] {(double) first / sr, (double) last / sr};
    }

    static double rms(float[] y) {
        double s = 0;
        for (float v : y) {
            s += (double) v * v;
        }
        return Math.sqrt(s / y.length);
    }
}
