package org.melkit.dsp;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * librosa 0.11's short-time Fourier transform: the one STFT path that every spectral feature
 * in melkit goes through.
 *
 * <p>Frame {@code t} covers samples {@code [t*hop - nFft/2, t*hop + nFft/2)} when centred (padded
 * by {@link PadMode}), or {@code [t*hop, t*hop + nFft)} otherwise; it is multiplied by the periodic
 * window (zero-padded to {@code nFft} and centred when {@code winLength < nFft}) and transformed.
 * Results are {@code (1 + nFft/2, t)} = librosa's shape. Computation is in double (librosa
 * computes the window product and FFT in float64 and stores complex64); outputs are float32.
 *
 * <p>Instances are immutable and thread-safe; the window and the FFT plan are shared, scratch
 * buffers are per thread, and no frame allocates.
 */
public final class Stft {
    private static final Map<StftParams, Stft> CACHE = new ConcurrentHashMap<>();

    private final StftParams params;
    private final RealFft fft;
    private final double[] window;

    private Stft(StftParams params) {
        this.params = params;
        this.fft = RealFft.of(params.nFft());
        double[] padded = params.paddedWindow();
        this.window = padded;
    }

    /** The (cached) transform for {@code params}. */
    public static Stft of(StftParams params) {
        return CACHE.computeIfAbsent(params, Stft::new);
    }

    public StftParams params() { return params; }

    /** Receives one frame's bins; {@code bins} is scratch, valid only during the call. */
    @FunctionalInterface
    public interface FrameVisitor {
        void frame(int t, double[] bins);
    }

    /** Receives one frame's complex bins; the arrays are scratch, valid only during the call. */
    @FunctionalInterface
    public interface ComplexFrameVisitor {
        void frame(int t, double[] re, double[] im);
    }

    /** Number of frames for {@code y}. */
    public int frameCount(float[] y) {
        return params.frameCount(y.length);
    }

    /**
     * Visits {@code |X_t|^2} of every frame, in order; returns the frame count.
     */
    public int forEachPowerFrame(float[] y, FrameVisitor visitor) {
        int frames = frameCount(y);
        int n = params.nFft();
        try (Scratch s = Scratch.acquire()) {
            double[] work = s.work(n);
            double[] bins = s.bins(params.bins());
            int off = params.center() ? n / 2 : 0;
            for (int t = 0; t < frames; t++) {
                fft.windowedPower(y, t * params.hopLength() - off, window, params.padMode(), work, bins);
                visitor.frame(t, bins);
            }
        }
        return frames;
    }

    /** Visits the complex bins of every frame, in order; returns the frame count. */
    public int forEachComplexFrame(float[] y, ComplexFrameVisitor visitor) {
        int frames = frameCount(y);
        int n = params.nFft();
        int b = params.bins();
        try (Scratch s = Scratch.acquire()) {
            double[] work = s.work(n);
            double[] re = s.bins(b);
            double[] im = s.extra(b);
            for (int t = 0; t < frames; t++) {
                transformFrame(y, t, work);
                fft.unpack(work, re, im);
                visitor.frame(t, re, im);
            }
        }
        return frames;
    }

    private void transformFrame(float[] y, int t, double[] work) {
        int n = params.nFft();
        Frames.copyFrame(y, t, n, params.hopLength(), params.center(), params.padMode(), work);
        double[] w = window;
        for (int i = 0; i < n; i++) {
            work[i] *= w[i];
        }
        fft.forward(work);
    }

    /** librosa's {@code stft(y, ...)}: complex, {@code (1 + nFft/2, t)}. */
    public ComplexMatrix complex(float[] y) {
        int frames = frameCount(y);
        int b = params.bins();
        float[] re = new float[b * frames];
        float[] im = new float[b * frames];
        forEachComplexFrame(y, (t, r, i) -> {
            for (int k = 0; k < b; k++) {
                re[k * frames + t] = (float) r[k];
                im[k * frames + t] = (float) i[k];
            }
        });
        return new ComplexMatrix(FloatMatrix.wrap(b, frames, re), FloatMatrix.wrap(b, frames, im));
    }

    /** {@code np.abs(stft(y))}: magnitude, {@code (1 + nFft/2, t)}. */
    public FloatMatrix magnitude(float[] y) {
        return spectrogram(y, 1.0);
    }

    /**
     * {@code np.abs(stft(y)) ** power} ({@code power=2}: power spectrogram), librosa's
     * {@code _spectrogram}; {@code (1 + nFft/2, t)}.
     */
    public FloatMatrix spectrogram(float[] y, double power) {
        checkPower(power);
        int frames = frameCount(y);
        int b = params.bins();
        float[] out = new float[b * frames];
        forEachPowerFrame(y, (t, bins) -> {
            for (int k = 0; k < b; k++) {
                out[k * frames + t] = (float) raise(bins[k], power);
            }
        });
        return FloatMatrix.wrap(b, frames, out);
    }

    static void checkPower(double power) {
        if (!(power > 0) || Double.isInfinite(power)) {
            throw new IllegalArgumentException("power=" + power + " must be > 0 (librosa: power); 1 for magnitude, 2 for power");
        }
    }

    /** {@code |X|^power} from {@code |X|^2}. */
    static double raise(double squared, double power) {
        if (power == 2.0) {
            return squared;
        }
        if (power == 1.0) {
            return Math.sqrt(squared);
        }
        return Math.pow(squared, power / 2.0);
    }

    /** librosa's {@code fft_frequencies(sr, n_fft)}: the centre frequency of each bin in Hz. */
    public static double[] fftFrequencies(double sr, int nFft) {
        int b = nFft / 2 + 1;
        double[] f = new double[b];
        for (int k = 0; k < b; k++) {
            f[k] = k * sr / nFft;
        }
        return f;
    }

    /** The configuration, e.g. {@code Stft[nFft=2048, hopLength=512, winLength=2048, window=HANN, center=true, padMode=CONSTANT]}. */
    @Override
    public String toString() {
        return "Stft" + params.toString().substring(params.toString().indexOf('['));
    }
}
