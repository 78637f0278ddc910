package org.melkit.effects;

import java.util.Arrays;
import java.util.List;
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
     * The cleaned signal and where it came from in the input. It holds one array (no copies of
     * an hour-long recording are made here); {@link #samples()} returns a copy,
     * {@link #chunks(Chunker)} cuts straight from it.
     */
    public static final class Result {
        private final float[] data;
        private final int from;
        private final int to;
        private final int offset;
        private final int inputLength;

        Result(float[] data, int from, int to, int offset, int inputLength) {
            this.data = data;
            this.from = from;
            this.to = to;
            this.offset = offset;
            this.inputLength = inputLength;
        }

        /** The cleaned samples (a copy). */
        public float[] samples() { return Arrays.copyOfRange(data, from, to); }

        /** Number of cleaned samples. */
        public int length() { return to - from; }

        /** First input sample kept by trimming (0 without trimming). */
        public int offset() { return offset; }

        /** Samples in the input. */
        public int inputLength() { return inputLength; }

        /** The samples of one chunk span (from {@link Chunker#spans} over {@link #length()}), zero-padded to its length. */
        public float[] chunkSamples(Chunker.Span s) {
            if (s.start() < 0 || s.end() > length() || s.end() < s.start()) {
                throw new IllegalArgumentException("span " + s + " lies outside the " + length() + " cleaned samples");
            }
            float[] c = new float[s.length()];
            System.arraycopy(data, from + s.start(), c, 0, s.end() - s.start());
            return c;
        }

        /** {@code chunker.chunks(samples(), sr)} without the intermediate copy. */
        public List<Chunker.Chunk> chunks(Chunker chunker, int sr) {
            return chunker.chunks(data, from, to, sr);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "Cleaning.Result[%d of %d samples kept from offset %d]", length(), inputLength, offset);
        }
    }

    /** Applies the steps {@code p} enables to {@code y} at {@code sr}; {@code y} is not modified. */
    public static Result apply(float[] y, int sr, CleaningParams p) {
        float[] x = y;
        boolean owned = false;
        if (p.denoise() && x.length > 0) {
            x = SpectralGate.reduceNoise(x, sr, p.gate());
            owned = true;
        }
        int from = 0;
        int to = x.length;
        if (p.trimTopDb() != null && x.length > 0) {
            Trim.Interval iv = Trim.interval(x, p.trimTopDb(), Ref.max(), 2048, 512);
            from = iv.start();
            to = iv.end();
        }
        int offset = from;
        if (p.peakTarget() != null) {
            if (!owned) {
                x = Arrays.copyOfRange(x, from, to);
                to -= from;
                from = 0;
            }
            Normalization.peakNormalizeInPlace(x, from, to, p.peakTarget());
        }
        return new Result(x, from, to, offset, y.length);
    }
}
