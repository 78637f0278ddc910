package org.melkit.dataset;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;
import org.melkit.batch.AudioDecoder;

/**
 * Test fixtures: 16-bit PCM WAV bytes written here (optionally with an extra chunk before
 * {@code data}, as RAVDESS has), tone and noise generators, and a decoder for the builders that
 * is melkit's real loader when it is available, else a strict test-only 16-bit WAV reader (no
 * resampling: the file's rate must equal the requested one).
 */
public final class TestWav {
    private TestWav() {}

    /** Writes {@code y} as mono 16-bit PCM at {@code sr}. */
    public static void write(Path p, float[] y, int sr) {
        write(p, y, sr, null);
    }

    /** As {@link #write(Path, float[], int)}, with a 4-letter chunk of 12 bytes before {@code data} when {@code extraChunk != null}. */
    public static void write(Path p, float[] y, int sr, String extraChunk) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        ByteBuffer fmt = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        fmt.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(sr).putInt(sr * 2).putShort((short) 2).putShort((short) 16);
        body.writeBytes(fmt.array());
        if (extraChunk != null) {
            ByteBuffer x = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
            x.put(extraChunk.getBytes(StandardCharsets.US_ASCII)).putInt(12).put(new byte[12]);
            body.writeBytes(x.array());
        }
        ByteBuffer data = ByteBuffer.allocate(8 + 2 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        data.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(2 * y.length);
        for (float v : y) {
            data.putShort((short) Math.max(-32768, Math.min(32767, Math.round(v * 32767.0))));
        }
        body.writeBytes(data.array());
        ByteBuffer riff = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        riff.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + body.size()).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            all.writeBytes(riff.array());
            all.writeBytes(body.toByteArray());
            Files.write(p, all.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code y} as mono 32-bit float WAV (format tag 3), NaN and Inf kept as they are. */
    public static void writeFloat(Path p, float[] y, int sr) {
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * y.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 4 * y.length).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 1)
                .putInt(sr).putInt(sr * 4).putShort((short) 4).putShort((short) 32);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(4 * y.length);
        for (float v : y) {
            b.putFloat(v);
        }
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.write(p, b.array());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes a long mono 16-bit WAV of a 220 Hz tone, streamed in blocks (never the whole
     * recording in memory): {@code seconds * sr} samples.
     */
    public static void writeLong(Path p, long seconds, int sr) {
        long n = seconds * sr;
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(p), 1 << 16)) {
                ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
                h.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt((int) (36 + 2 * n)).put("WAVE".getBytes(StandardCharsets.US_ASCII));
                h.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                        .putInt(sr).putInt(sr * 2).putShort((short) 2).putShort((short) 16);
                h.put("data".getBytes(StandardCharsets.US_ASCII)).putInt((int) (2 * n));
                out.write(h.array());
                ByteBuffer block = ByteBuffer.allocate(2 * sr).order(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; ) {
                    block.clear();
                    for (int k = 0; k < sr && i < n; k++, i++) {
                        block.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 220 * i / sr)));
                    }
                    out.write(block.array(), 0, block.position());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Bytes that are no audio format at all. */
    public static void writeGarbage(Path p) {
        try {
            Files.createDirectories(p.toAbsolutePath().getParent());
            Files.writeString(p, "this is not audio, just text that happens to end in .wav\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static float[] sine(double hz, double seconds, int sr, double amp) {
        float[] y = new float[(int) Math.round(seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / sr));
        }
        return y;
    }

    public static float[] noise(long seed, double seconds, int sr, double amp) {
        Random r = new Random(seed);
        float[] y = new float[(int) Math.round(seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (amp * (2 * r.nextDouble() - 1));
        }
        return y;
    }

    /** A test-only reader of the 16-bit mono PCM WAVs {@link #write} makes. */
    public static float[] read(Path p, int sr) {
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        if (b.length < 12 || !new String(b, 0, 4, StandardCharsets.US_ASCII).equals("RIFF")) {
            throw new IllegalArgumentException(p + ": not a RIFF/WAV file");
        }
        int pos = 12;
        int rate = -1;
        while (pos + 8 <= b.length) {
            String id = new String(b, pos, 4, StandardCharsets.US_ASCII);
            int len = bb.getInt(pos + 4);
            if (id.equals("fmt ")) {
                rate = bb.getInt(pos + 12);
            } else if (id.equals("data")) {
                if (rate != sr) {
                    throw new IllegalStateException(p + ": test reader cannot resample " + rate + " -> " + sr);
                }
                float[] y = new float[len / 2];
                for (int i = 0; i < y.length; i++) {
                    y[i] = bb.getShort(pos + 8 + 2 * i) / 32768f;
                }
                return y;
            }
            pos += 8 + len + (len & 1);
        }
        throw new IllegalArgumentException(p + ": no data chunk");
    }

    private static Boolean loader;
    private static Boolean resampling;

    /** Whether {@link Audio#load} is implemented in this build (it was merged in separately). */
    public static synchronized boolean realLoaderAvailable() {
        if (loader == null) {
            loader = loads(22050);
        }
        return loader;
    }

    /** Whether {@link Audio#load} also resamples (the resampler is merged in separately). */
    public static synchronized boolean resamplingAvailable() {
        if (resampling == null) {
            resampling = realLoaderAvailable() && loads(16000);
        }
        return resampling;
    }

    private static boolean loads(int fileRate) {
        try {
            Path tmp = Files.createTempFile("melkit-probe", ".wav");
            try {
                write(tmp, sine(440, 0.05, fileRate, 0.5), fileRate);
                Audio.load(tmp, LoadOptions.atRate(22050));
                return true;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (UnsupportedOperationException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** melkit's loader when available, else the test-only reader. */
    public static AudioDecoder decoder() {
        return realLoaderAvailable() ? AudioDecoder.load() : TestWav::read;
    }
}
