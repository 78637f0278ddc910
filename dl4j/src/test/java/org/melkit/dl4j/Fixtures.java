package org.melkit.dl4j;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;

/** Small seeded audio for the module's tests, written with melkit's own WAV writer. */
final class Fixtures {
    private Fixtures() {}

    static float[] sine(double hz, double seconds, int sr, double amp) {
        float[] y = new float[(int) Math.round(seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return y;
    }

    static float[] noise(long seed, double seconds, int sr, double amp) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] y = new float[(int) Math.round(seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * (2 * r.nextDouble() - 1));
        }
        return y;
    }

    static void wav(Path p, float[] y, int sr) {
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Audio.writeWav(p, AudioClip.mono(y, sr));
    }
}
