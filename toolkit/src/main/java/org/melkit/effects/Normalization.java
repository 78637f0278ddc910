package org.melkit.effects;

import org.melkit.audio.AudioClip;

/**
 * Peak normalisation: one gain for the whole clip so that its largest absolute sample becomes
 * {@code targetPeak} (librosa's {@code util.normalize(y, norm=np.inf) * targetPeak}).
 *
 * <p>A silent clip (every sample 0) has no peak to scale: it is returned unchanged, still
 * silent, rather than divided by zero. Multi-channel clips get one gain for all channels, so
 * the balance between channels is kept.
 */
public final class Normalization {
    private Normalization() {}

    /**
     * {@code y} scaled so that {@code max |y| == targetPeak} (a new array; {@code y} is untouched).
     *
     * @param targetPeak the peak to reach, in (0, 1]; typical 0.99 leaves headroom for 16-bit WAV
     */
    public static float[] peakNormalize(float[] y, double targetPeak) {
        checkTarget(targetPeak);
        float peak = 0;
        for (float v : y) {
            peak = Math.max(peak, Math.abs(v));
        }
        float[] out = y.clone();
        if (peak == 0f) {
            return out;
        }
        double gain = targetPeak / peak;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (out[i] * gain);
        }
        return out;
    }

    /** Scales {@code y[from, to)} in place so that its peak becomes {@code targetPeak}; all-zero stays zero. */
    static void peakNormalizeInPlace(float[] y, int from, int to, double targetPeak) {
        checkTarget(targetPeak);
        float peak = 0;
        for (int i = from; i < to; i++) {
            peak = Math.max(peak, Math.abs(y[i]));
        }
        if (peak == 0f) {
            return;
        }
        double gain = targetPeak / peak;
        for (int i = from; i < to; i++) {
            y[i] = (float) (y[i] * gain);
        }
    }

    /** The clip with one gain applied to every channel so that its peak becomes {@code targetPeak}. */
    public static AudioClip peakNormalize(AudioClip clip, double targetPeak) {
        checkTarget(targetPeak);
        float peak = clip.peak();
        if (peak == 0f) {
            return clip;
        }
        double gain = targetPeak / peak;
        float[][] ch = new float[clip.channelCount()][];
        for (int c = 0; c < ch.length; c++) {
            ch[c] = clip.channel(c);
            for (int i = 0; i < ch[c].length; i++) {
                ch[c][i] = (float) (ch[c][i] * gain);
            }
        }
        return AudioClip.of(ch, clip.sampleRate());
    }

    static void checkTarget(double targetPeak) {
        if (!(targetPeak > 0) || targetPeak > 1) {
            throw new IllegalArgumentException("targetPeak=" + targetPeak
                    + " must be in (0, 1]: values above 1 clip when written as 16-bit WAV; typical: 0.99");
        }
    }
}
