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
    }
}
