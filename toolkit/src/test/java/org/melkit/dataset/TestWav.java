package org.melkit.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A test-local 16-bit mono PCM WAV writer, so summary fixtures need no encoder. */
final class TestWav {
    private TestWav() {}

    static Path write(Path path, float[] y, int sr) throws IOException {
        Files.createDirectories(path.toAbsolutePath().getParent());
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * y.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * y.length);
        for (float v : y) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767.0))));
        }
        Files.write(path, b.array());
        return path;
    }

    /** {@code seconds} of a sine at {@code freq} Hz plus a little seeded noise. */
    static float[] tone(double freq, double seconds, int sr, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] y = new float[(int) (seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * freq * i / sr) + 0.05 * rnd.nextGaussian());
        }
        return y;
    }
}
