package org.melkit.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Writes canonical WAV files (a {@code fmt } chunk, for float a {@code fact} chunk, then
 * {@code data}; no EXTENSIBLE header, also for more than two channels, so every reader accepts
 * them). The file is written under a temporary name in the target folder, flushed to disk and
 * then renamed into place (atomically where the file system can), so a crash never leaves a
 * half-written file under the final name.
 */
final class WavWriter {
    private static final long MAX_RIFF_SIZE = 0xFFFFFFFFL;
    private static final int BLOCK_FRAMES = 8192;

    private WavWriter() {}

    static void write(Path path, AudioClip clip, WavEncoding encoding) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(clip, "clip");
        Objects.requireNonNull(encoding, "encoding");
        float[][] channels = clip.sharedChannels();
        int nch = channels.length;
        int n = clip.length();
        boolean pcm = encoding == WavEncoding.PCM_16;
        int bytesPerSample = pcm ? 2 : 4;
        if (nch > 0xFFFF) {
            throw new IllegalArgumentException("clip has " + nch + " channels; a WAV file holds at most 65535");
        }
        long dataBytes = (long) n * nch * bytesPerSample;
        int fmtBytes = pcm ? 16 : 18;
        long riffSize = 4 + (8 + fmtBytes) + (pcm ? 0 : 12) + 8 + dataBytes;
        if (riffSize > MAX_RIFF_SIZE) {
            throw new IllegalArgumentException("clip of " + n + " frames x " + nch + " channels needs " + dataBytes
                    + " data bytes; a WAV file holds at most 4 GiB: write it in shorter pieces");
        }
        if (pcm) {
            checkFinite(channels);
        }

        ByteBuffer h = ByteBuffer.allocate((int) (riffSize - dataBytes + 8)).order(ByteOrder.LITTLE_ENDIAN);
        h.put(ascii("RIFF")).putInt((int) riffSize).put(ascii("WAVE"));
        h.put(ascii("fmt ")).putInt(fmtBytes)
                .putShort((short) (pcm ? WavReader.WAVE_FORMAT_PCM : WavReader.WAVE_FORMAT_IEEE_FLOAT))
                .putShort((short) nch).putInt(clip.sampleRate())
                .putInt((int) Math.min(MAX_RIFF_SIZE, (long) clip.sampleRate() * nch * bytesPerSample))
                .putShort((short) (nch * bytesPerSample)).putShort((short) (bytesPerSample * 8));
        if (!pcm) {
            h.putShort((short) 0);
            h.put(ascii("fact")).putInt(4).putInt(n);
        }
        h.put(ascii("data")).putInt((int) dataBytes).flip();

        Path target = path.toAbsolutePath();
        Path dir = target.getParent();
        Path tmp = null;
        long clipped = 0;
        try {
            // .NAME.tmp-PID-N: the batch runtime's temporary pattern, so a killed run's leftovers are removed by the next
            tmp = Files.createTempFile(dir, "." + target.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-", "");
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writeFully(ch, h);
                ByteBuffer b = ByteBuffer.allocate(BLOCK_FRAMES * nch * bytesPerSample).order(ByteOrder.LITTLE_ENDIAN);
                for (int start = 0; start < n; start += BLOCK_FRAMES) {
                    int end = Math.min(n, start + BLOCK_FRAMES);
                    b.clear();
                    for (int i = start; i < end; i++) {
                        for (float[] c : channels) {
                            if (pcm) {
                                double v = Math.rint(c[i] * 32768.0);
                                if (v > 32767 || v < -32768) {
                                    clipped++;
                                    v = v > 0 ? 32767 : -32768;
                                }
                                b.putShort((short) v);
                            } else {
                                b.putFloat(c[i]);
                            }
                        }
                    }
                    writeFully(ch, b.flip());
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write WAV " + target + ": " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException e) {
                    WavReader.LOG.log(System.Logger.Level.WARNING, "cannot delete temporary file " + tmp + ": " + e);
                }
            }
        }
        if (clipped > 0) {
            long count = clipped;
            WavReader.LOG.log(System.Logger.Level.WARNING, () -> target + ": " + count + " of " + (long) n * nch
                    + " samples were outside [-1, 32767/32768] and clipped to 16 bits; scale the clip (peak "
                    + clip.peak() + ") or write FLOAT_32");
        }
    }

    private static void checkFinite(float[][] channels) {
        for (int c = 0; c < channels.length; c++) {
            float[] x = channels[c];
            for (int i = 0; i < x.length; i++) {
                if (Float.isNaN(x[i])) {
                    throw new IllegalArgumentException("sample " + i + " of channel " + c + " is NaN; 16-bit PCM cannot"
                            + " hold it: fix the signal (e.g. replace NaN with 0) or write FLOAT_32");
                }
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
