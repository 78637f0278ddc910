package org.melkit.dataset;

import java.nio.file.Path;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;

/**
 * How a dataset builder turns one input file into mono samples at a rate: by default librosa's
 * {@code load(path, sr=sr, mono=True)} through {@link Audio#load}. Builders take another decoder
 * for tests (counting decodes) or for custom front-ends (e.g. augmentation before featurising).
 * Must be thread-safe: builders call it from several threads at once.
 */
@FunctionalInterface
public interface AudioDecoder {
    /** The mono samples of {@code file} resampled to {@code sr} Hz; throws on an unreadable file. */
    float[] decode(Path file, int sr);

    /** librosa's {@code load(file, sr=sr, mono=True)}. */
    static AudioDecoder load() {
        return (file, sr) -> Audio.load(file, LoadOptions.atRate(sr)).samples();
    }
}
