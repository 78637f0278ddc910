package org.melkit.effects;

import java.util.Arrays;
import java.util.Locale;
import org.melkit.dsp.Ref;
import org.melkit.features.Trim;

/**
 * The cleaning steps of a raw-audio pipeline on one mono signal, in this order:
 * <ol>
 * <li>noise reduction ({@link SpectralGate}), first, so that its noise profile can use the quiet
 *     stretches that trimming would cut, and so that trimming sees the cleaned noise floor;</li>
 * <li>silence trimming, librosa 0.11's {@code effects.trim(y, top_db, ref=np.max,
 *     frame_length=2048, hop_length=512)} through {@link Trim};</li>
 * <li>peak normalisation ({@link Normalization#peakNormalize}), last, so the target peak holds
 *     exactly in the output.</li>
 * </ol>
 * Resampling and mono conversion happen at loading ({@code Audio.load} with
 * {@code LoadOptions.atRate(sr)}).
 */
public final class Cleaning {
    private Cleaning() {}

    /**
     * The cleaned signal and where it came from in the input.
     *
     * @param offset first input sample kept by trimming (0 without trimming)
     * @param inputLength samples in the input
     */
    public record Result(float[] samples, int offset, int inputLength) {
        public Result {
            samples = samples.clone();
        }

        @Override
        public float[] samples() { return samples.clone(); }

        public int length() { return samples.length; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Cleaning.Result[%d of %d samples kept from offset %d]", samples.length, inputLength, offset);
        }
    }

    /** Applies the steps {@code p} enables to {@code y} at {@code sr}. */
    public static Result apply(float[] y, int sr, CleaningParams p) {
        float[] x = y;
        if (p.denoise() && x.length > 0) {
            x = SpectralGate.reduceNoise(x, sr, p.gate());
        }
        int offset = 0;
        if (p.trimTopDb() != null && x.length > 0) {
            Trim.Interval iv = Trim.interval(x, p.trimTopDb(), Ref.max(), 2048, 512);
            offset = iv.start();
            x = Arrays.copyOfRange(x, iv.start(), iv.end());
        }
        if (p.peakTarget() != null) {
            x = Normalization.peakNormalize(x, p.peakTarget());
        }
        return new Result(x, offset, y.length);
    }
}
