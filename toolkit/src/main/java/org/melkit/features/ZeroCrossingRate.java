package org.melkit.features;

import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Frames;
import org.melkit.dsp.PadMode;

/**
 * librosa 0.11's {@code feature.zero_crossing_rate(y, frame_length=2048, hop_length=512,
 * center=True)}, shape {@code (1, t)}. Its own rules, unlike the STFT: centred frames are padded
 * with the <em>edge</em> sample; a sample with {@code |x| <= 1e-10} counts as zero and zero counts
 * as positive; the first sample of a frame never counts as a crossing; the count is divided by
 * {@code frameLength}.
 */
public final class ZeroCrossingRate {
    /** librosa's {@code zero_crossings(threshold=1e-10)}. */
    public static final double THRESHOLD = 1e-10;

    private ZeroCrossingRate() {}

    /** With librosa's defaults (frame 2048, hop 512, centred). */
    public static FloatMatrix compute(float[] y) {
        return compute(y, 2048, 512, true);
    }

    public static FloatMatrix compute(float[] y, int frameLength, int hopLength, boolean center) {
        if (frameLength <= 0) {
            throw new IllegalArgumentException("frameLength=" + frameLength + " must be > 0 (librosa: frame_length); typical: 2048");
        }
        int frames = Frames.count(y.length, frameLength, hopLength, center);
        float[] out = new float[frames];
        int off = center ? frameLength / 2 : 0;
        for (int t = 0; t < frames; t++) {
            int start = t * hopLength - off;
            int crossings = 0;
            boolean prevNeg = negative(PadMode.EDGE.sample(y, start));
            for (int i = 1; i < frameLength; i++) {
                boolean neg = negative(PadMode.EDGE.sample(y, start + i));
                if (neg != prevNeg) {
                    crossings++;
                }
                prevNeg = neg;
            }
            out[t] = (float) ((double) crossings / frameLength);
        }
        return FloatMatrix.wrap(1, frames, out);
    }

    private static boolean negative(float v) {
        return Math.abs(v) > THRESHOLD && v < 0;
    }
}
