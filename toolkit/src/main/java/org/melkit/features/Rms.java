package org.melkit.features;

import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Frames;
import org.melkit.dsp.PadMode;

/**
 * librosa 0.11's {@code feature.rms(y=y, frame_length=2048, hop_length=512, center=True,
 * pad_mode='constant')}: root mean square of each (unwindowed) frame, shape {@code (1, t)}.
 */
public final class Rms {
    private Rms() {}

    /** With librosa's defaults. */
    public static FloatMatrix compute(float[] y) {
        return compute(y, 2048, 512, true, PadMode.CONSTANT);
    }

    public static FloatMatrix compute(float[] y, int frameLength, int hopLength, boolean center, PadMode padMode) {
        if (frameLength <= 0) {
            throw new IllegalArgumentException("frameLength=" + frameLength + " must be > 0 (librosa: frame_length); typical: 2048");
        }
        int frames = Frames.count(y.length, frameLength, hopLength, center);
        float[] out = new float[frames];
        int off = center ? frameLength / 2 : 0;
        int n = y.length;
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - off;
            double acc = 0;
            if (start >= 0 && start + frameLength <= n) {
                for (int i = start; i < start + frameLength; i++) {
                    acc += (double) y[i] * y[i];
                }
            } else {
                for (int i = 0; i < frameLength; i++) {
                    double v = padMode.sample(y, start + i);
                    acc += v * v;
                }
            }
            out[t] = (float) Math.sqrt(acc / frameLength);
        }
        return FloatMatrix.wrap(1, frames, out);
    }

    /**
     * RMS from a magnitude spectrogram {@code (frameLength/2 + 1, t)} (librosa's {@code rms(S=...)}):
     * Parseval with half-weighted DC and Nyquist bins.
     */
    public static FloatMatrix fromMagnitude(FloatMatrix s, int frameLength) {
        if (s.rows() != frameLength / 2 + 1) {
            throw new IllegalArgumentException("spectrogram has " + s.rows() + " rows but frameLength=" + frameLength
                    + " implies " + (frameLength / 2 + 1) + " (librosa: frame_length must match n_fft)");
        }
        int frames = s.cols();
        float[] out = new float[frames];
        for (int t = 0; t < frames; t++) {
            double acc = 0;
            for (int k = 0; k < s.rows(); k++) {
                double x = (double) s.get(k, t) * s.get(k, t);
                if (k == 0 || (k == s.rows() - 1 && frameLength % 2 == 0)) {
                    x *= 0.5;
                }
                acc += x;
            }
            out[t] = (float) Math.sqrt(2 * acc / ((double) frameLength * frameLength));
        }
        return FloatMatrix.wrap(1, frames, out);
    }
}
