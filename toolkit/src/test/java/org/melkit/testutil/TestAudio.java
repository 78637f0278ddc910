package org.melkit.testutil;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Test-only helpers: a minimal 16-bit PCM WAV writer/reader (so tests need not wait for the
 * loader) and running external tools (espeak-ng, sox, ffmpeg) when installed.
 */
public final class TestAudio {
    private TestAudio() {}

    /** Writes 16-bit PCM, interleaving {@code channels[c][i]}, clipping to [-1, 1]. */
    public static void writeWav16(Path path, int sr, float[]... channels) {
        int c = channels.length;
        int n = channels[0].length;
        ByteBuffer b = ByteBuffer.allocate(44 + n * c * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * c * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) c).putInt(sr).putInt(sr * c * 2)
                .putShort((short) (c * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(n * c * 2);
        for (int i = 0; i < n; i++) {
            for (float[] ch : channels) {
                double v = Math.max(-1, Math.min(1, ch[i]));
                b.putShort((short) Math.round(v * 32767));
            }
        }
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(path)) {
                out.write(b.array());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A decoded test WAV: mono mean of the channels, the rate. */
    public record Pcm(float[] samples, int sr) {}

    /** Reads a 16-bit PCM WAV (any chunk order), down-mixed to mono. */
    public static Pcm readWav16(Path path) {
        try {
            ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
            b.position(12);
            int channels = 0;
            int sr = 0;
            int bits = 0;
            while (b.remaining() >= 8) {
                String id = new String(new byte[] {b.get(), b.get(), b.get(), b.get()});
                int size = b.getInt();
                if (id.equals("fmt ")) {
                    int start = b.position();
                    b.getShort();
                    channels = b.getShort();
                    sr = b.getInt();
                    b.getInt();
                    b.getShort();
                    bits = b.getShort();
                    b.position(start + size);
                } else if (id.equals("data")) {
                    if (bits != 16) {
                        throw new IllegalStateException(path + ": test reader handles 16-bit PCM only, got " + bits);
                    }
                    int avail = Math.min(size, b.remaining());
                    if (size < 0 || size == 0xFFFFFFFF) {
                        avail = b.remaining();
                    }
                    int n = avail / (2 * channels);
                    float[] y = new float[n];
                    for (int i = 0; i < n; i++) {
                        double s = 0;
                        for (int c = 0; c < channels; c++) {
                            s += b.getShort() / 32768.0;
                        }
                        y[i] = (float) (s / channels);
                    }
                    return new Pcm(y, sr);
                } else {
                    b.position(b.position() + size + (size & 1));
                }
            }
            throw new IllegalStateException(path + ": no data chunk");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether {@code tool} is on the PATH. */
    public static boolean has(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a command (no shell), fails the test on a non-zero exit. */
    public static void run(String... cmd) {
        List<String> c = new ArrayList<>(List.of(cmd));
        try {
            Process p = new ProcessBuilder(c).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", c) + " failed: " + new String(out));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A pure tone. */
    public static float[] tone(double freq, double seconds, int sr, double amp) {
        int n = (int) Math.round(seconds * sr);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amp * Math.sin(2 * Math.PI * freq * i / sr));
        }
        return y;
    }
}
