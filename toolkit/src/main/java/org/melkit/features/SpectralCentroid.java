package org.melkit.features;

import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Stft;
import org.melkit.dsp.StftParams;

/**
 * librosa 0.11's {@code feature.spectral_centroid(y, sr, n_fft=2048, hop_length=512, ...)}: the
 * magnitude-weighted mean frequency of each frame in Hz, shape {@code (1, t)}. A frame with no
 * energy has centroid 0, not NaN (librosa's {@code normalize} leaves all-zero columns alone).
 */
public final class SpectralCentroid {
    private SpectralCentroid() {}

    /** Centroid of {@code y} sampled at {@code sr}: {@code (1, t)}. */
    public static FloatMatrix compute(float[] y, int sr, StftParams stft) {
        Stft s = Stft.of(stft);
        double[] freqs = Stft.fftFrequencies(sr, stft.nFft());
        int frames = s.frameCount(y);
        float[] out = new float[frames];
        s.forEachPowerFrame(y, (t, p) -> out[t] = (float) centroid(p, freqs, p.length == 0 ? 0 : freqs.length));
        return FloatMatrix.wrap(1, frames, out);
    }

    /** Centroid with librosa's defaults (n_fft 2048, hop 512). */
    public static FloatMatrix compute(float[] y, int sr) {
        return compute(y, sr, StftParams.defaults());
    }

    /** Centroid of a magnitude spectrogram {@code (1 + nFft/2, t)} (librosa's {@code S=} input). */
    public static FloatMatrix fromMagnitude(FloatMatrix s, int sr) {
        int bins = s.rows();
        int nFft = 2 * (bins - 1);
        double[] freqs = Stft.fftFrequencies(sr, nFft);
        int frames = s.cols();
        float[] out = new float[frames];
        double[] col = new double[bins];
        for (int t = 0; t < frames; t++) {
            double sum = 0;
            double weighted = 0;
            for (int k = 0; k < bins; k++) {
                double m = Math.abs(s.get(k, t));
                sum += m;
                weighted += m * freqs[k];
            }
            out[t] = sum < Float.MIN_NORMAL ? 0f : (float) (weighted / sum);
        }
        return FloatMatrix.wrap(1, frames, out);
    }

    /** From a power frame: uses magnitudes {@code sqrt(p)}. */
    private static double centroid(double[] power, double[] freqs, int bins) {
        double sum = 0;
        double weighted = 0;
        for (int k = 0; k < bins; k++) {
            double m = Math.sqrt(power[k]);
            sum += m;
            weighted += m * freqs[k];
        }
        return sum < Float.MIN_NORMAL ? 0.0 : weighted / sum;
    }
}
