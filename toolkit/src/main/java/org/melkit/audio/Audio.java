package org.melkit.audio;

import java.nio.file.Path;

/**
 * Loading, probing and writing audio: WAV in Java, every other format through Debian's ffmpeg.
 * librosa 0.11's {@code load} semantics.
 */
public final class Audio {
    private Audio() {}

    /** librosa's {@code load(path)}: 22050 Hz, mono. */
    public static AudioClip load(Path path) {
        return load(path, LoadOptions.DEFAULT);
    }

    /** librosa's {@code load(path, sr, mono, offset, duration)}. */
    public static AudioClip load(Path path, LoadOptions options) {
        throw new UnsupportedOperationException("TODO: loader under construction");
    }

    /** Rate, channels and duration from the headers, without decoding the whole file. */
    public static AudioInfo probe(Path path) {
        throw new UnsupportedOperationException("TODO: probe under construction");
    }

    /** Writes a 16-bit PCM WAV (temporary name, then renamed into place). */
    public static void writeWav(Path path, AudioClip clip) {
        throw new UnsupportedOperationException("TODO: writer under construction");
    }
}
