package org.melkit.dataset;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** A tiny 16-bit PCM mono WAV writer for test inputs (the library's reader/writer are under test elsewhere). */
final class TestWav {
    private TestWav() {}

    static void write(Path p, float[] y, int sr) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * y.length).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr)
                .putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes()).putInt(2 * y.length);
        for (float v : y) {
            b.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767))));
        }
        Files.createDirectories(p.toAbsolutePath().getParent());
        Files.write(p, b.array());
    }

    static float[] tone(double hz, int sr, double seconds) {
        float[] y = new float[(int) Math.round(sr * seconds)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return y;
    }
}
