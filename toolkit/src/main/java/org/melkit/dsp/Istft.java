package org.melkit.dsp;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * librosa 0.11's inverse short-time Fourier transform, {@code istft(stft_matrix, hop_length,
 * win_length, n_fft, window, center, length)}: the inverse of {@link Stft} with the same
 * {@link StftParams}.
 *
 * <p>Each frame is inverted with {@link RealFft#inverse} (numpy's {@code irfft}: the imaginary
 * parts of the DC and Nyquist bins are ignored), multiplied by the synthesis window (the same
 * periodic window, zero-padded to {@code nFft} and centred) and overlap-added every
 * {@code hopLength} samples. The sum is divided by librosa's {@code window_sumsquare} wherever
 * that exceeds float32's smallest normal number ({@code util.tiny}), and elsewhere left as is.
 * When centred, the first {@code nFft/2} samples are dropped. Output length: {@code length} when
 * given (cropped or zero-padded, librosa's {@code fix_length}); otherwise
 * {@code nFft + hop*(t-1) - 2*(nFft/2)} centred, {@code nFft + hop*(t-1)} not centred.
 * With {@code length}, only the frames that can reach the output are inverted, as librosa.
 *
 * <p>For a Hann window and {@code hop <= nFft/4}, {@code inverse(stft.complex(y), y.length)}
 * returns {@code y} to float32 precision. The pad mode of the parameters is irrelevant here
 * (padding is simply cropped). Computation is in double; output is float32.
 *
 * <p>Instances are immutable and thread-safe ({@link #of} caches one per parameter set).
 */
public final class Istft {
    private static final Map<StftParams, Istft> CACHE = new ConcurrentHashMap<>();
    /** numpy's {@code finfo(float32).tiny}: librosa's {@code util.tiny} for a complex64 input. */
    private static final double TINY = Float.MIN_NORMAL;

    private final StftParams params;
    private final RealFft fft;
    private final double[] window;
    private final double[] windowSquared;

    private Istft(StftParams params) {
        this.params = params;
        this.fft = RealFft.of(params.nFft());
        double[] padded = params.paddedWindow();
        this.window = padded;
        this.windowSquared = new double[padded.length];
        for (int i = 0; i < padded.length; i++) {
            windowSquared[i] = padded[i] * padded[i];
        }
    }

    /** The (cached) inverse transform for {@code params}. */
    public static Istft of(StftParams params) {
        return CACHE.computeIfAbsent(params, Istft::new);
    }

    public StftParams params() { return params; }

    /** librosa's {@code istft(S)} without {@code length}: see the class comment for the output length. */
    public float[] inverse(ComplexMatrix s) {
        return inverse(s, null);
    }

    /**
     * librosa's {@code istft(S, length=length)}.
     *
     * @param s complex spectrogram {@code (1 + nFft/2, t)}, as {@link Stft#complex} returns
     * @param length output samples, or {@code null} for the length implied by the frame count
     * @return the signal, float32
     */
    public float[] inverse(ComplexMatrix s, Integer length) {
        int nFft = params.nFft();
        int hop = params.hopLength();
        int bins = params.bins();
        if (s.rows() != bins) {
            throw new IllegalArgumentException("stft matrix has " + s.rows() + " rows but nFft=" + nFft + " implies 1 + nFft/2 = "
                    + bins + " (librosa: n_fft must match the forward transform)");
        }
        if (length != null && length < 0) {
            throw new IllegalArgumentException("length=" + length + " must be >= 0 or null (librosa: length)");
        }
        int half = params.center() ? nFft / 2 : 0;
        int nFrames = s.cols();
        if (length != null) {
            long padded = (long) length + 2L * half;
            nFrames = (int) Math.min(nFrames, (padded + hop - 1) / hop);
        }
        long fullLong = nFrames == 0 ? 0 : nFft + (long) hop * (nFrames - 1);
        int outLen;
        if (length != null) {
            outLen = length;
        } else {
            outLen = (int) Math.max(0, fullLong - 2L * half);
        }
        if (fullLong > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("istft output of " + fullLong + " samples does not fit in one Java array");
        }
        // overlap-add straight into the output (float32, as librosa's y buffer for a complex64 input):
        // frame t lands at t*hop - half; what falls outside [0, outLen) is dropped
        float[] out = new float[outLen];
        double[] re = new double[bins];
        double[] im = new double[bins];
        double[] work = new double[nFft];
        double[] frame = new double[nFft];
        FloatBuffer rb = s.real().asBuffer();
        FloatBuffer ib = s.imag().asBuffer();
        int cols = s.cols();
        for (int t = 0; t < nFrames; t++) {
            long off = (long) t * hop - half;
            if (off >= outLen) {
                break;
            }
            for (int k = 0; k < bins; k++) {
                re[k] = rb.get(k * cols + t);
                im[k] = ib.get(k * cols + t);
            }
            fft.inverse(re, im, work, frame);
            int from = (int) Math.max(0, -off);
            int to = (int) Math.min(nFft, outLen - off);
            for (int i = from; i < to; i++) {
                out[(int) (off + i)] += (float) (frame[i] * window[i]);
            }
        }
        // librosa's window_sumsquare over the same nFrames, computed per sample (no buffer)
        for (int j = 0; j < outLen; j++) {
            long pos = (long) j + half; // position in the uncropped signal
            long tLo = Math.max(0, (pos - nFft + hop) / hop);
            long tHi = Math.min(nFrames - 1L, pos / hop);
            double d = 0;
            for (long t = tLo; t <= tHi; t++) {
                long i = pos - t * hop;
                if (i >= 0 && i < nFft) {
                    d += windowSquared[(int) i];
                }
            }
            if (d > TINY) {
                out[j] = (float) (out[j] / d);
            }
        }
        return out;
    }

    /** The configuration, e.g. {@code Istft[nFft=2048, hopLength=512, ...]}. */
    @Override
    public String toString() {
        return "Istft" + params.toString().substring(params.toString().indexOf('['));
    }
}
