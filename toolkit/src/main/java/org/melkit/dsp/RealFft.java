package org.melkit.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The real FFT of one size: the only class that touches JTransforms.
 *
 * <p>A plan is built once per size ({@link #of}) and shared by every thread: JTransforms' plan
 * tables are read-only after construction and each transform works in place on the caller's
 * array. JTransforms' packed real layout stays inside this class; callers read bins through
 * {@link #power}, {@link #magnitude} or {@link #unpack}.
 */
public final class RealFft {
    private static final Map<Integer, RealFft> PLANS = new ConcurrentHashMap<>();

    private final int n;
    private final DoubleFFT_1D fft;

    private RealFft(int n) {
        this.n = n;
        this.fft = new DoubleFFT_1D(n);
    }

    /** The shared plan for size {@code n}. */
    public static RealFft of(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("FFT size n=" + n + " must be > 0 (librosa: n_fft); typical: 2048");
        }
        return PLANS.computeIfAbsent(n, RealFft::new);
    }

    public int size() { return n; }

    /** Number of non-negative frequency bins: {@code 1 + n/2}. */
    public int bins() { return n / 2 + 1; }

    /**
     * Forward transform of the {@code n} real samples in {@code work[0..n)}, in place; read the
     * result with {@link #power}, {@link #magnitude} or {@link #unpack}.
     */
    public void forward(double[] work) {
        fft.realForward(work);
    }

    /** {@code |X_k|^2} for {@code k = 0..n/2} from a transformed {@code work} array. */
    public void power(double[] work, double[] out) {
        out[0] = work[0] * work[0];
        int half = n / 2;
        if ((n & 1) == 0) {
            for (int k = 1; k < half; k++) {
                double re = work[2 * k];
                double im = work[2 * k + 1];
                out[k] = re * re + im * im;
            }
            out[half] = work[1] * work[1];
        } else {
            for (int k = 1; k < half; k++) {
                double re = work[2 * k];
                double im = work[2 * k + 1];
                out[k] = re * re + im * im;
            }
            if (half > 0) {
                double re = work[2 * half];
                double im = work[1];
                out[half] = re * re + im * im;
            }
        }
    }

    /** {@code |X_k|} for {@code k = 0..n/2}. */
    public void magnitude(double[] work, double[] out) {
        power(work, out);
        for (int k = 0, b = bins(); k < b; k++) {
            out[k] = Math.sqrt(out[k]);
        }
    }

    /** Real and imaginary parts of {@code X_k}, {@code k = 0..n/2} (numpy's {@code rfft} sign convention). */
    public void unpack(double[] work, double[] re, double[] im) {
        int half = n / 2;
        re[0] = work[0];
        im[0] = 0;
        for (int k = 1; k < half; k++) {
            re[k] = work[2 * k];
            im[k] = work[2 * k + 1];
        }
        if ((n & 1) == 0) {
            if (half > 0) {
                re[half] = work[1];
                im[half] = 0;
            }
        } else if (half > 0) {
            re[half] = work[2 * half];
            im[half] = work[1];
        }
    }

    /**
     * Inverse of {@link #unpack}: the {@code n} real samples whose spectrum is {@code re, im}
     * (bins {@code 0..n/2}; Hermitian symmetry implied), written to {@code out[0..n)} and scaled
     * by {@code 1/n} as numpy's {@code irfft}. {@code work} is scratch of length {@code n}.
     */
    public void inverse(double[] re, double[] im, double[] work, double[] out) {
        int half = n / 2;
        work[0] = re[0];
        for (int k = 1; k < half; k++) {
            work[2 * k] = re[k];
            work[2 * k + 1] = im[k];
        }
        if ((n & 1) == 0) {
            if (half > 0) {
                work[1] = re[half];
            }
        } else if (half > 0) {
            work[2 * half] = re[half];
            work[1] = im[half];
        }
        fft.realInverse(work, true);
        System.arraycopy(work, 0, out, 0, n);
    }
}
