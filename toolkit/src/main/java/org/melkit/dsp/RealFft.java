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
 *
 * <p>Even sizes run on FFTW ({@link FftwRealFft}) when its natives load: measured ~2.3x faster
 * than JTransforms per transform here, in double precision and deterministic. JTransforms
 * serves odd sizes, platforms without FFTW natives, and {@code -Dmelkit.fft=jtransforms}; both
 * give the same numbers to ~1e-15 of the spectrum's maximum (tested).
 */
public final class RealFft {
    private static final Map<Integer, RealFft> PLANS = new ConcurrentHashMap<>();

    private final int n;
    private final DoubleFFT_1D fft;
    private final FftwRealFft fftw;

    private RealFft(int n, boolean allowFftw) {
        this.n = n;
        this.fftw = allowFftw && n >= 2 && (n & 1) == 0 && FftwRealFft.available() ? new FftwRealFft(n) : null;
        this.fft = fftw == null ? new DoubleFFT_1D(n) : null;
    }

    /** An uncached JTransforms-only transform: the reference the FFTW backend is tested against. */
    static RealFft jtransforms(int n) {
        return new RealFft(n, false);
    }

    /** {@code "fftw"} or {@code "jtransforms"}: which library computes this size. */
    public String backend() {
        return fftw != null ? "fftw" : "jtransforms";
    }

    /** The shared plan for size {@code n}. */
    public static RealFft of(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("FFT size n=" + n + " must be > 0 (librosa: n_fft); typical: 2048");
        }
        return PLANS.computeIfAbsent(n, k -> new RealFft(k, true));
    }

    public int size() { return n; }

    /** Number of non-negative frequency bins: {@code 1 + n/2}. */
    public int bins() { return n / 2 + 1; }

    /**
     * Forward transform of the {@code n} real samples in {@code work[0..n)}, in place; read the
     * result with {@link #power}, {@link #magnitude} or {@link #unpack}.
     */
    public void forward(double[] work) {
        if (fftw != null) {
            fftw.forward(work);
        } else {
            fft.realForward(work);
        }
    }

    /**
     * {@code power[k] = |X_k|^2}, {@code k = 0..n/2}, of the frame {@code y[start .. start+n)}
     * (samples outside {@code y} taken by {@code mode}) multiplied by {@code window}: the STFT's
     * per-frame step in one call. {@code work} is scratch of length {@code n} (unused by FFTW).
     */
    public void windowedPower(float[] y, int start, double[] window, PadMode mode, double[] work, double[] power) {
        if (fftw != null) {
            fftw.windowedPower(y, start, window, mode, power);
            return;
        }
        if (start >= 0 && start + n <= y.length) {
            for (int i = 0; i < n; i++) {
                work[i] = y[start + i] * window[i];
            }
        } else {
            for (int i = 0; i < n; i++) {
                work[i] = mode.sample(y, start + i) * window[i];
            }
        }
        fft.realForward(work);
        power(work, power);
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
     * Length of the interleaved bin arrays that {@link #forwardBins} writes and
     * {@link #inverseBinsUnscaled} reads: {@code 2 * bins()} (real and imaginary parts of
     * {@code X_0 .. X_{n/2}}, numpy's {@code rfft} order).
     */
    int binsLength() { return 2 * bins(); }

    /**
     * Forward transform of the real samples {@code in[0..n)} into interleaved bins
     * {@code out[0..binsLength())}: {@code out[2k], out[2k+1] = Re, Im X_k}. {@code in} is left
     * unchanged unless it is {@code out}. For kernels that work on the spectrum (fast
     * convolution) without knowing either library's layout.
     */
    void forwardBins(double[] in, double[] out) {
        if (fftw != null) {
            fftw.forwardBins(in, out);
            return;
        }
        if (in != out) {
            System.arraycopy(in, 0, out, 0, n);
        }
        fft.realForward(out);
        // packed: out[1] holds Re X_{n/2} (even n) or Im X_{(n-1)/2} (odd n); the rest is in place
        double last = out[1];
        out[1] = 0;
        if ((n & 1) == 0) {
            out[n] = last;
            out[n + 1] = 0;
        } else {
            out[n] = last;
        }
    }

    /**
     * Unscaled inverse: {@code out[0..n) = n * irfft(bins)} for interleaved bins
     * {@code in[0..binsLength())} (Hermitian symmetry implied; the imaginary parts of
     * {@code X_0}, and of {@code X_{n/2}} for even n, are ignored). {@code in} may be
     * overwritten; {@code out} must not be {@code in}.
     */
    void inverseBinsUnscaled(double[] in, double[] out) {
        if (fftw != null) {
            fftw.inverseBinsUnscaled(in, out);
            return;
        }
        // JTransforms' packed layout: a[0] = Re X_0, a[1] = Re X_{n/2} (even n) or
        // Im X_{(n-1)/2} (odd n), a[2..n) as the interleaved bins
        out[0] = in[0];
        if (n > 1) {
            out[1] = in[n];
            System.arraycopy(in, 2, out, 2, n - 2);
        }
        fft.realInverse(out, true); // JTransforms' unscaled inverse is n/2, not n, times irfft
        for (int i = 0; i < n; i++) {
            out[i] *= n;
        }
    }

    /**
     * Inverse of {@link #unpack}: the {@code n} real samples whose spectrum is {@code re, im}
     * (bins {@code 0..n/2}; Hermitian symmetry implied), written to {@code out[0..n)} and scaled
     * by {@code 1/n} as numpy's {@code irfft}. {@code work} is scratch of length {@code n}.
     */
    public void inverse(double[] re, double[] im, double[] work, double[] out) {
        if (fftw != null) {
            fftw.inverseUnscaled(re, im, out);
            double scale = 1.0 / n;
            for (int i = 0; i < n; i++) {
                out[i] *= scale;
            }
            return;
        }
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

    /** Size and backend, e.g. {@code RealFft[n=2048, fftw]}. */
    @Override
    public String toString() {
        return "RealFft[n=" + n + ", " + (fftw != null ? "fftw" : "jtransforms") + "]";
    }
}
