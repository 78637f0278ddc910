package org.melkit.batch;

import java.nio.file.Path;
import java.util.Arrays;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;

/**
 * How a batch job turns one input file into mono samples at a rate: by default librosa's
 * {@code load(path, sr=sr, mono=True)} through {@link Audio#load}. Jobs take another decoder
 * for tests (counting decodes) or for custom front-ends (e.g. augmentation before featurising).
 * Must be thread-safe: jobs call it from several threads at once; serializable, since an
 * {@link Engine} may run a job's work in another JVM.
 */
@FunctionalInterface
public interface AudioDecoder extends java.io.Serializable {
    /** The mono samples of {@code file} resampled to {@code sr} Hz; throws on an unreadable file. */
    float[] decode(Path file, int sr);

    /**
     * At most the first {@code samples} samples of {@link #decode}, for jobs that keep a fixed
     * number of frames. This default decodes everything and cuts; {@link #load()} decodes only
     * the start of the file.
     */
    default float[] decodeHead(Path file, int sr, int samples) {
        float[] y = decode(file, sr);
        return y.length > samples ? Arrays.copyOf(y, samples) : y;
    }

    /**
     * Samples {@code [start, start + count)} of {@link #decode} (fewer at the end of the file, none
     * past it), for jobs that stream a long recording in blocks. This default decodes everything
     * and cuts; {@link #load()} decodes only the block and a margin around it.
     */
    default float[] decodeRange(Path file, int sr, long start, int count) {
        float[] y = decode(file, sr);
        if (start >= y.length) {
            return new float[0];
        }
        return Arrays.copyOfRange(y, (int) start, (int) Math.min(y.length, start + count));
    }

    /**
     * librosa's {@code load(file, sr=sr, mono=True)}; {@link #decodeHead} reads only
     * {@code duration = samples/sr + 0.25 s} of the file (the quarter second keeps the
     * resampler's edge away from the samples kept) and cuts to {@code samples}.
     */
    static AudioDecoder load() {
        return LibrosaLoad.INSTANCE;
    }

    /**
     * The failure text for non-finite samples ({@code "non-finite samples (N of M)"}), or
     * {@code null} when every sample is finite.
     */
    static String nonFinite(float[] y) {
        int bad = 0;
        for (float v : y) {
            if (!Float.isFinite(v)) {
                bad++;
            }
        }
        return bad == 0 ? null : "non-finite samples (" + bad + " of " + y.length + ")";
    }

    /** {@link #load()}: librosa's load through {@link Audio#load}. */
    enum LibrosaLoad implements AudioDecoder {
        INSTANCE;

        @Override
        public float[] decode(Path file, int sr) {
            return Audio.load(file, LoadOptions.atRate(sr)).samples();
        }

        @Override
        public float[] decodeHead(Path file, int sr, int samples) {
            float[] y = Audio.load(file, LoadOptions.atRate(sr).withDuration(samples / (double) sr + 0.25)).samples();
            return y.length > samples ? Arrays.copyOf(y, samples) : y;
        }

        /**
         * Reads the block with a quarter second of margin on both sides (the resampler's edges
         * fall in the margins), starting at an input sample that lands exactly on an output
         * sample, so the block's samples are those of the whole file's resampling. A WAV is read
         * by seeking; other formats are decoded by ffmpeg from the start up to the block's end.
         */
        @Override
        public float[] decodeRange(Path file, int sr, long start, int count) {
            int srIn = Audio.probe(file).sampleRate();
            long g = gcd(sr, srIn);
            long outStep = sr / g;
            long inStep = srIn / g;
            long margin = sr / 4 + 1;
            long from = Math.max(0, start - margin) / outStep * outStep;
            long inFrom = from / outStep * inStep;
            long inCount = (long) Math.ceil((double) (start + count + margin - from) * srIn / sr) + 1;
            // +0.5 samples: librosa truncates offset * sr_native and duration * sr_native
            LoadOptions o = LoadOptions.atRate(sr).withOffset((inFrom + 0.5) / srIn).withDuration((inCount + 0.5) / srIn);
            float[] y = Audio.load(file, o).samples();
            int skip = (int) (start - from);
            if (skip >= y.length) {
                return new float[0];
            }
            return Arrays.copyOfRange(y, skip, (int) Math.min(y.length, (long) skip + count));
        }

        private static long gcd(long a, long b) {
            return b == 0 ? a : gcd(b, a % b);
        }
    }
}
