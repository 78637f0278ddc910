package org.melkit.dsp;

import java.lang.System.Logger;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * librosa 0.11's {@code filters.mel(sr, n_fft, n_mels, fmin, fmax, htk, norm)}: triangular
 * filters on the mel scale, shape {@code (nMels, 1 + nFft/2)}.
 *
 * <p>Stored sparse: each filter keeps only its non-zero run of bins, so applying the bank costs
 * about two multiply-adds per FFT bin instead of {@code nMels} per bin. Weights are rounded to
 * float32, as librosa's default {@code dtype=np.float32}. Instances are immutable, cached per
 * {@link Spec}, and thread-safe.
 */
public final class MelFilterbank {
    private static final Logger LOG = System.getLogger(MelFilterbank.class.getName());
    private static final Map<Spec, MelFilterbank> CACHE = new ConcurrentHashMap<>();

    /**
     * The filterbank's parameters (librosa's names).
     *
     * @param sr sample rate in Hz
     * @param nFft FFT size the filters apply to
     * @param nMels number of filters (librosa's default 128)
     * @param fmin lowest edge in Hz (default 0)
     * @param fmax highest edge in Hz; {@code null} means {@code sr/2}
     * @param htk HTK mel scale instead of Slaney's (default false)
     * @param norm {@link MelNorm#SLANEY} (default) or {@link MelNorm#NONE}
     */
    public record Spec(double sr, int nFft, int nMels, double fmin, Double fmax, boolean htk, MelNorm norm) {
        public Spec {
            if (!(sr > 0)) {
                throw new IllegalArgumentException("sr=" + sr + " must be > 0 (librosa: sr)");
            }
            if (nFft <= 0) {
                throw new IllegalArgumentException("nFft=" + nFft + " must be > 0 (librosa: n_fft)");
            }
            if (nMels <= 0) {
                throw new IllegalArgumentException("nMels=" + nMels + " must be > 0 (librosa: n_mels); typical: 128");
            }
            if (!(fmin >= 0)) {
                throw new IllegalArgumentException("fmin=" + fmin + " must be >= 0 Hz (librosa: fmin)");
            }
            if (fmax != null && !(fmax > fmin)) {
                throw new IllegalArgumentException("fmax=" + fmax + " must be > fmin=" + fmin + " Hz, or null for sr/2 (librosa: fmax)");
            }
            Objects.requireNonNull(norm, "norm (use MelNorm.SLANEY, librosa's default)");
        }

        /** librosa's defaults: 128 Slaney-normalised Slaney-scale filters from 0 to sr/2. */
        public static Spec of(double sr, int nFft) {
            return new Spec(sr, nFft, 128, 0.0, null, false, MelNorm.SLANEY);
        }

        public Spec withNMels(int v) { return new Spec(sr, nFft, v, fmin, fmax, htk, norm); }

        public double fmaxOrNyquist() { return fmax == null ? sr / 2.0 : fmax; }
    }

    private final Spec spec;
    private final int bins;
    private final int[] start;
    /** All non-zero weights, filter after filter, widened to double for the hot loop. */
    private final double[] flat;
    private final int[] length;

    private MelFilterbank(Spec spec) {
        this.spec = spec;
        this.bins = spec.nFft() / 2 + 1;
        int nMels = spec.nMels();
        double[] fftFreqs = Stft.fftFrequencies(spec.sr(), spec.nFft());
        double[] melF = MelScale.melFrequencies(nMels + 2, spec.fmin(), spec.fmaxOrNyquist(), spec.htk());
        this.start = new int[nMels];
        float[][] weights = new float[nMels][];
        boolean empty = false;
        float[] row = new float[bins];
        for (int m = 0; m < nMels; m++) {
            double lowerDiff = melF[m + 1] - melF[m];
            double upperDiff = melF[m + 2] - melF[m + 1];
            double enorm = spec.norm() == MelNorm.SLANEY ? 2.0 / (melF[m + 2] - melF[m]) : 1.0;
            int first = -1;
            int last = -1;
            float peak = 0;
            for (int k = 0; k < bins; k++) {
                double lower = -(melF[m] - fftFreqs[k]) / lowerDiff;
                double upper = (melF[m + 2] - fftFreqs[k]) / upperDiff;
                float w = (float) Math.max(0.0, Math.min(lower, upper));
                if (spec.norm() == MelNorm.SLANEY) {
                    w = (float) (w * enorm); // librosa: float32 weights *= float64 enorm, rounded to float32
                }
                row[k] = w;
                if (w != 0f) {
                    if (first < 0) {
                        first = k;
                    }
                    last = k;
                    peak = Math.max(peak, w);
                }
            }
            if (first < 0) {
                start[m] = 0;
                weights[m] = new float[0];
                if (melF[m] != 0) {
                    empty = true;
                }
            } else {
                start[m] = first;
                float[] w = new float[last - first + 1];
                System.arraycopy(row, first, w, 0, w.length);
                weights[m] = w;
            }
        }
        this.length = new int[nMels];
        int total = 0;
        for (int m = 0; m < nMels; m++) {
            length[m] = weights[m].length;
            total += length[m];
        }
        this.flat = new double[total];
        for (int m = 0, p = 0; m < nMels; m++) {
            for (float w : weights[m]) {
                flat[p++] = w;
            }
        }
        if (empty) {
            LOG.log(Logger.Level.WARNING, "Empty filters detected in mel frequency basis (sr=" + spec.sr() + ", nFft=" + spec.nFft()
                    + ", nMels=" + spec.nMels() + "): some channels will produce empty responses. Try increasing nFft or reducing nMels.");
        }
    }

    /** The (cached) filterbank for {@code spec}. */
    public static MelFilterbank of(Spec spec) {
        return CACHE.computeIfAbsent(spec, MelFilterbank::new);
    }

    public Spec spec() { return spec; }

    public int nMels() { return spec.nMels(); }

    /** FFT bins the filters span: {@code 1 + nFft/2}. */
    public int bins() { return bins; }

    /** Whether filter {@code m} is all zero (librosa warns about these). */
    public boolean isEmpty(int m) { return length[m] == 0; }

    /** The dense matrix {@code (nMels, 1 + nFft/2)}: librosa's {@code filters.mel(...)}. */
    public FloatMatrix matrix() {
        float[] out = new float[spec.nMels() * bins];
        int offset = 0;
        for (int m = 0; m < spec.nMels(); m++) {
            for (int j = 0; j < length[m]; j++) {
                out[m * bins + start[m] + j] = (float) flat[offset + j]; // float32 weights, widened exactly
            }
            offset += length[m];
        }
        return FloatMatrix.wrap(spec.nMels(), bins, out);
    }

    /** {@code out[m] = sum_k W[m][k] * spectrum[k]} for one frame. */
    public void apply(double[] spectrum, double[] out) {
        apply(spectrum, out, 0);
    }

    /** {@code out[offset + m] = sum_k W[m][k] * spectrum[k]}: one frame into a frame-major buffer. */
    public void apply(double[] spectrum, double[] out, int offset) {
        final double[] w = flat;
        int p = 0;
        for (int m = 0; m < length.length; m++) {
            int s = start[m] - p;
            int end = p + length[m];
            // four independent sums: one running sum is a chain of dependent adds (~4 cycles
            // each), which made this loop latency-bound
            double a0 = 0;
            double a1 = 0;
            double a2 = 0;
            double a3 = 0;
            for (; p + 3 < end; p += 4) {
                a0 += w[p] * spectrum[s + p];
                a1 += w[p + 1] * spectrum[s + p + 1];
                a2 += w[p + 2] * spectrum[s + p + 2];
                a3 += w[p + 3] * spectrum[s + p + 3];
            }
            for (; p < end; p++) {
                a0 += w[p] * spectrum[s + p];
            }
            out[offset + m] = (a0 + a1) + (a2 + a3);
        }
    }

    /** {@code W @ S} for a spectrogram {@code S} of shape {@code (1 + nFft/2, t)}: {@code (nMels, t)}. */
    public FloatMatrix apply(FloatMatrix s) {
        if (s.rows() != bins) {
            throw new IllegalArgumentException("spectrogram has " + s.rows() + " rows but the mel filters expect 1 + nFft/2 = " + bins
                    + " (nFft=" + spec.nFft() + "); pass a spectrogram computed with the same n_fft");
        }
        int frames = s.cols();
        float[] src = s.toArray();
        float[] out = new float[spec.nMels() * frames];
        double[] col = new double[bins];
        double[] mel = new double[spec.nMels()];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                col[k] = src[k * frames + t];
            }
            apply(col, mel);
            for (int m = 0; m < mel.length; m++) {
                out[m * frames + t] = (float) mel[m];
            }
        }
        return FloatMatrix.wrap(spec.nMels(), frames, out);
    }

    /** Shape and construction, e.g. {@code MelFilterbank(128, 1025)[sr=22050.0, nFft=2048, fmin=0.0, fmax=sr/2, slaney]}. */
    @Override
    public String toString() {
        return "MelFilterbank(" + spec.nMels() + ", " + bins + ")[sr=" + spec.sr() + ", nFft=" + spec.nFft() + ", fmin=" + spec.fmin()
                + ", fmax=" + (spec.fmax() == null ? "sr/2" : spec.fmax()) + ", " + (spec.htk() ? "htk" : "slaney scale") + ", norm="
                + spec.norm() + "]";
    }
}
