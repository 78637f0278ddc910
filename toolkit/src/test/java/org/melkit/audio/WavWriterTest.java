package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The WAV writer: exact round trips, the 16-bit rounding and clipping rule, atomic replacement. */
class WavWriterTest {
    @TempDir
    Path dir;

    @Test
    void pcm16RoundTripsEverySixteenBitValueExactly() {
        float[] x = new float[65536];
        for (int i = 0; i < x.length; i++) {
            x[i] = (i - 32768) / 32768f;
        }
        Path p = dir.resolve("all.wav");
        Audio.writeWav(p, AudioClip.mono(x, 16000));
        assertEquals(AudioClip.mono(x, 16000), Audio.load(p, LoadOptions.NATIVE));
    }

    @Test
    void pcm16RoundsHalfToEvenAndClamps() throws Exception {
        float[] x = {0.5f / 32768, 1.5f / 32768, 2.5f / 32768, -0.5f / 32768, -1.5f / 32768, 1f, 1.7f, -1f, -3f,
            Float.POSITIVE_INFINITY, 0.4f / 32768, 0.6f / 32768};
        Path p = dir.resolve("r.wav");
        try (var log = new TestSupport.LogCapture()) {
            Audio.writeWav(p, AudioClip.mono(x, 8000));
            assertTrue(log.warnings().stream().anyMatch(m -> m.contains("4 of 12 samples") && m.contains("clipped")),
                    log.warnings().toString());
        }
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(44 + 2 * x.length, b.limit());
        short[] s = new short[x.length];
        b.position(44);
        b.asShortBuffer().get(s);
        assertArrayEquals(new short[] {0, 2, 2, 0, -2, 32767, 32767, -32768, -32768, 32767, 0, 1}, s);
    }

    @Test
    void canonicalHeaderFields() throws Exception {
        Path p = dir.resolve("h.wav");
        Audio.writeWav(p, AudioClip.of(new float[][] {{0f, 0.5f}, {0.25f, -0.5f}}, 22050));
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(p)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(b, 0));
        assertEquals(b.limit() - 8, b.getInt(4));
        assertEquals("WAVE", ascii(b, 8));
        assertEquals("fmt ", ascii(b, 12));
        assertEquals(16, b.getInt(16));
        assertEquals(1, b.getShort(20));
        assertEquals(2, b.getShort(22));
        assertEquals(22050, b.getInt(24));
        assertEquals(22050 * 4, b.getInt(28));
        assertEquals(4, b.getShort(32));
        assertEquals(16, b.getShort(34));
        assertEquals("data", ascii(b, 36));
        assertEquals(8, b.getInt(40));
        assertEquals(8192, b.getShort(46)); // frame 0, right channel: 0.25 * 32768, interleaved
    }

    @Test
    void float32IsLosslessAndKeepsValuesBeyondOne() {
        Random r = new Random(7);
        float[][] x = new float[3][500];
        for (float[] ch : x) {
            for (int i = 0; i < ch.length; i++) {
                ch[i] = (float) (r.nextGaussian() * 2);
            }
        }
        Path p = dir.resolve("f.wav");
        AudioClip clip = AudioClip.of(x, 44100);
        Audio.writeWav(p, clip, WavEncoding.FLOAT_32);
        assertEquals(clip, Audio.load(p, LoadOptions.NATIVE.withMono(false)));
        assertEquals(new AudioInfo(p, "wav", 44100, 3, 500, 500 / 44100.0), Audio.probe(p));
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFile() throws Exception {
        Path p = dir.resolve("out.wav");
        Files.writeString(p, "old contents");
        Audio.writeWav(p, AudioClip.mono(new float[] {0.5f}, 8000));
        assertEquals(1, Audio.load(p, LoadOptions.NATIVE).length());
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(p), files.toList());
        }
    }

    @Test
    void emptyClipWritesAValidEmptyFile() {
        Path p = dir.resolve("e.wav");
        Audio.writeWav(p, AudioClip.mono(new float[0], 8000));
        assertEquals(0, Audio.load(p, LoadOptions.NATIVE).length());
    }

    @Test
    void nanIsRejectedFor16BitAndNothingIsWritten() {
        Path p = dir.resolve("nan.wav");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Audio.writeWav(p, AudioClip.mono(new float[] {0f, Float.NaN}, 8000)));
        assertTrue(e.getMessage().contains("sample 1 of channel 0 is NaN"), e.getMessage());
        assertTrue(Files.notExists(p));
    }

    @Test
    void aMissingFolderIsAnIoError() {
        Path p = dir.resolve("no/such/folder/x.wav");
        assertThrows(java.io.UncheckedIOException.class, () -> Audio.writeWav(p, AudioClip.mono(new float[1], 8000)));
    }

    private static String ascii(ByteBuffer b, int at) {
        byte[] id = new byte[4];
        b.get(at, id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
