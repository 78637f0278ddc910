package org.melkit.batch;

import java.nio.file.Path;
import java.util.Arrays;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;
import org.melkit.audio.Resampler;

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
     * The samples of {@link #decode} handed to {@code sink} in order, block by block, for jobs
     * that read a long recording whole without holding it ({@link #load()}: one pass, memory of a
     * few blocks whatever the length). This default decodes everything and hands it on at once.
     *
     * @return the number of samples handed on
     */
    default long stream(Path file, int sr, Resampler.Sink sink) {
        float[] y = decode(file, sr);
        sink.accept(y, 0, y.length);
        return y.length;
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
         * One pass ({@link Audio#streamMono}) at the decoder's own native rate (a short
         * native-rate load), not the headers', which HE-AAC can state differently.
         */
        @Override
        public long stream(Path file, int sr, Resampler.Sink sink) {
            int nativeRate = Audio.load(file, LoadOptions.NATIVE.withDuration(0.05)).sampleRate();
            long n = Audio.streamMono(file, nativeRate, sr, sink);
            if (n < 0) {
                throw new IllegalStateException(file + ": the decoder changed its sample rate between two reads; cannot read it in blocks");
            }
            return n;
        }
    }
}
