package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.melkit.audio.WavBytes.f32;
import static org.melkit.audio.WavBytes.f64;
import static org.melkit.audio.WavBytes.s16;
import static org.melkit.audio.WavBytes.s24;
import static org.melkit.audio.WavBytes.s32;
import static org.melkit.audio.WavBytes.u8;
import static org.melkit.audio.WavBytes.wave;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.AudioFileException.Reason;

/** The Java WAV reader on files built byte by byte: every encoding, odd headers, broken files. */
class WavReaderTest {
    private static final LoadOptions RAW = LoadOptions.NATIVE.withMono(false);

    @TempDir
    Path dir;

    private AudioClip load(WavBytes w) {
        return Audio.load(w.write(dir.resolve("t.wav")), RAW);
    }

    private AudioFileException fails(WavBytes w) {
        return assertThrows(AudioFileException.class, () -> load(w));
    }

    @Test
    void unsigned8BitIsCentredOn128() {
        AudioClip c = load(wave().fmt(1, 1, 8000, 8).data(u8(0, 128, 255, 1, 129)));
        assertEquals(8000, c.sampleRate());
        assertArrayEquals(new float[] {-1f, 0f, 127f / 128, -127f / 128, 1f / 128}, c.samples());
    }

    @Test
    void signed16BitIsScaledBy32768Not32767() {
        AudioClip c = load(wave().fmt(1, 1, 16000, 16).data(s16(-32768, 32767, 1, -1, 16384)));
        assertArrayEquals(new float[] {-1f, 32767f / 32768, 1f / 32768, -1f / 32768, 0.5f}, c.samples());
    }

    @Test
    void signed24Bit() {
        AudioClip c = load(wave().fmt(1, 1, 44100, 24).data(s24(-8388608, 8388607, 1, -1, 0x400000)));
        assertArrayEquals(new float[] {-1f, 8388607f / 8388608, 1f / 8388608, -1f / 8388608, 0.5f}, c.samples());
    }

    @Test
    void signed32BitRoundsToNearestFloatThenScales() {
        int odd = 16777217; // not representable in float32: rounds to 16777216 as libsndfile's (float) cast does
        AudioClip c = load(wave().fmt(1, 1, 16000, 32).data(s32(Integer.MIN_VALUE, Integer.MAX_VALUE, odd, -1)));
        assertArrayEquals(new float[] {-1f, 1f, 16777216f / 2147483648f, -1f / 2147483648f}, c.samples());
    }

    @Test
    void float32KeepsValuesBeyondOne() {
        AudioClip c = load(wave().fmt(3, 1, 16000, 32).data(f32(1.5f, -2.25f, 0.1f, Float.MIN_VALUE)));
        assertArrayEquals(new float[] {1.5f, -2.25f, 0.1f, Float.MIN_VALUE}, c.samples());
    }

    @Test
    void float64IsRoundedToNearestFloat32() {
        AudioClip c = load(wave().fmt(3, 1, 16000, 64).data(f64(0.1, -3.5, 1e-40, 1 + 1e-12)));
        assertArrayEquals(new float[] {(float) 0.1, -3.5f, (float) 1e-40, 1f}, c.samples());
    }

    @Test
    void stereoIsDeinterleavedAndMonoIsTheMean() {
        WavBytes w = wave().fmt(1, 2, 22050, 16).data(s16(100, -100, 200, 0, -32768, 32767));
        AudioClip c = load(w);
        assertEquals(2, c.channelCount());
        assertArrayEquals(new float[] {100f / 32768, 200f / 32768, -1f}, c.channel(0));
        assertArrayEquals(new float[] {-100f / 32768, 0f, 32767f / 32768}, c.channel(1));
        AudioClip mono = Audio.load(dir.resolve("t.wav"), LoadOptions.NATIVE);
        assertArrayEquals(new float[] {0f, 100f / 32768, (-1f + 32767f / 32768) / 2}, mono.samples());
    }

    @Test
    void extensiblePcmAndFloat() {
        AudioClip pcm = load(wave().fmtExtensible(1, 2, 48000, 24).data(s24(0x400000, -0x400000, 1, 2)));
        assertArrayEquals(new float[] {0.5f, 1f / 8388608}, pcm.channel(0));
        assertArrayEquals(new float[] {-0.5f, 2f / 8388608}, pcm.channel(1));
        AudioClip flt = load(wave().fmtExtensible(3, 1, 48000, 32).data(f32(0.25f, 1.75f)));
        assertArrayEquals(new float[] {0.25f, 1.75f}, flt.samples());
    }

    @Test
    void unknownChunksAreSkippedAndOddChunksPadded() {
        byte[] list = "INFOINAM\u0005\u0000\u0000\u0000abcd\u0000".getBytes(StandardCharsets.ISO_8859_1); // odd size 17
        WavBytes w = wave()
                .chunk("JUNK", new byte[27]) // odd, padded
                .fmt(1, 1, 8000, 8)
                .chunk("fact", s32(3))
                .chunk("LIST", list)
                .chunk("bext", new byte[5])
                .data(u8(0, 255, 128)) // odd data, padded
                .chunk("FLLR", new byte[3]);
        assertArrayEquals(new float[] {-1f, 127f / 128, 0f}, load(w).samples());
    }

    @Test
    void aMissingPadByteIsTolerated() {
        WavBytes w = wave().chunk("JUNK", 3, new byte[3], false).fmt(1, 1, 8000, 16).data(s16(1, 2));
        assertArrayEquals(new float[] {1f / 32768, 2f / 32768}, load(w).samples());
    }

    @Test
    void fmtAfterDataIsFound() {
        WavBytes w = wave().data(s16(3, 4)).fmt(1, 1, 8000, 16);
        assertArrayEquals(new float[] {3f / 32768, 4f / 32768}, load(w).samples());
    }

    @Test
    void truncatedDataLoadsTheWholeFramesPresentWithAWarning() {
        // the header claims 1000 stereo frames; 2.5 frames are present
        WavBytes w = wave().fmt(1, 2, 16000, 16).chunk("data", 4000, s16(1, 2, 3, 4, 5), false);
        try (var log = new TestSupport.LogCapture()) {
            AudioClip c = load(w);
            assertArrayEquals(new float[] {1f / 32768, 3f / 32768}, c.channel(0));
            assertArrayEquals(new float[] {2f / 32768, 4f / 32768}, c.channel(1));
            assertTrue(log.warnings().stream().anyMatch(m -> m.contains("truncated") && m.contains("1000")
                    && m.contains("only 2 whole frames")), log.warnings().toString());
            assertEquals(2, Audio.probe(dir.resolve("t.wav")).frames());
        }
    }

    @Test
    void aTrailingPartialFrameIsDroppedWithAWarning() {
        try (var log = new TestSupport.LogCapture()) {
            AudioClip c = load(wave().fmt(1, 2, 16000, 16).data(s16(1, 2, 3)));
            assertEquals(1, c.length());
            assertTrue(log.warnings().stream().anyMatch(m -> m.contains("partial frame")), log.warnings().toString());
        }
    }

    @Test
    void streamedSizeMeansToTheEndOfTheFile() {
        WavBytes w = wave().riffSize(0xFFFFFFFFL).fmt(1, 1, 8000, 16).chunk("data", 0xFFFFFFFFL, s16(7, 8, 9), false);
        try (var log = new TestSupport.LogCapture()) {
            assertArrayEquals(new float[] {7f / 32768, 8f / 32768, 9f / 32768}, load(w).samples());
            assertEquals(0, log.warnings().size(), log.warnings().toString());
        }
    }

    @Test
    void zeroDataSizeIsAnEmptyClip() {
        AudioClip c = load(wave().fmt(1, 1, 8000, 16).chunk("data", 0, s16(1, 2), false));
        assertEquals(0, c.length());
        assertEquals(8000, c.sampleRate());
    }

    @Test
    void rf64UsesTheDs64DataSize() {
        byte[] ds64 = WavBytes.le(28).putLong(0).putLong(6).putLong(3).putInt(0).array();
        WavBytes w = wave().magic("RF64").riffSize(0xFFFFFFFFL).chunk("ds64", ds64).fmt(1, 1, 8000, 16)
                .chunk("data", 0xFFFFFFFFL, s16(1, 2, 3, 4), false); // 4 samples present, ds64 says 3
        assertArrayEquals(new float[] {1f / 32768, 2f / 32768, 3f / 32768}, load(w).samples());
    }

    @Test
    void twelveBitSamplesUseTheirSixteenBitContainer() {
        AudioClip c = load(wave().chunk("fmt ", WavBytes.fmtBody(1, 1, 8000, 2, 12)).data(s16(0x7FF0, -0x8000)));
        assertArrayEquals(new float[] {0x7FF0 / 32768f, -1f}, c.samples());
    }

    @Test
    void aWrongBlockAlignIsIgnoredWithAWarningAsLibsndfileDoes() {
        WavBytes w = wave().chunk("fmt ", WavBytes.fmtBody(1, 1, 8000, 4, 16)).data(s16(1, 2, 3));
        try (var log = new TestSupport.LogCapture()) {
            assertEquals(3, load(w).length());
            assertTrue(log.warnings().stream().anyMatch(m -> m.contains("blockAlign=4")), log.warnings().toString());
        }
    }

    @Test
    void offsetAndDurationFollowLibrosaFrameArithmetic() {
        int[] v = new int[100];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 100;
        }
        Path p = wave().fmt(1, 1, 8000, 16).data(s16(v)).write(dir.resolve("ramp.wav"));
        // int(0.0124 * 8000) = 99: one frame left; int(0.0125 * 8000) = 100: none
        assertArrayEquals(new float[] {9900f / 32768}, Audio.load(p, LoadOptions.NATIVE.withOffset(0.0124)).samples());
        assertEquals(0, Audio.load(p, LoadOptions.NATIVE.withOffset(0.0125)).length());
        assertEquals(0, Audio.load(p, LoadOptions.NATIVE.withOffset(10.0)).length());
        // duration: int(0.001 * 8000) = 8 frames from int(0.0011 * 8000) = 8
        AudioClip c = Audio.load(p, LoadOptions.NATIVE.withOffset(0.0011).withDuration(0.001));
        assertEquals(8, c.length());
        assertEquals(800f / 32768, c.samples()[0]);
        assertEquals(0, Audio.load(p, LoadOptions.NATIVE.withDuration(0.0)).length());
        assertEquals(0, Audio.load(p, LoadOptions.NATIVE.withDuration(0.0001)).length()); // int(0.8) = 0
        assertEquals(92, Audio.load(p, LoadOptions.NATIVE.withOffset(0.001).withDuration(1.0)).length());
    }

    @Test
    void emptyFileIsEmpty() throws Exception {
        Path p = Files.write(dir.resolve("empty.wav"), new byte[0]);
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(p));
        assertEquals(Reason.EMPTY, e.reason());
        assertTrue(e.getMessage().contains("empty.wav") && e.getMessage().contains("0 bytes"), e.getMessage());
        assertEquals(Reason.EMPTY, assertThrows(AudioFileException.class, () -> Audio.probe(p)).reason());
    }

    @Test
    void textFileNamedWavIsNotAudio() throws Exception {
        Path p = Files.writeString(dir.resolve("notes.wav"), "this is not audio at all\n");
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(p));
        assertEquals(Reason.NOT_AUDIO, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("not a RIFF/WAVE file"), e.getMessage());
        try (var prop = TestSupport.withProperty("melkit.ffmpeg", dir.resolve("no-ffmpeg").toString())) {
            AudioFileException e2 = assertThrows(AudioFileException.class, () -> Audio.load(p));
            assertEquals(Reason.NOT_AUDIO, e2.reason(), e2.getMessage());
        }
    }

    @Test
    void missingFileAndDirectory() {
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(dir.resolve("nope.wav")));
        assertEquals(Reason.NOT_FOUND, e.reason());
        assertEquals(dir.resolve("nope.wav"), e.path());
        assertEquals(Reason.UNREADABLE, assertThrows(AudioFileException.class, () -> Audio.load(dir)).reason());
    }

    @Test
    void noDataChunk() {
        AudioFileException e = fails(wave().fmt(1, 1, 8000, 16).chunk("LIST", new byte[4]));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("no 'data' chunk"), e.getMessage());
    }

    @Test
    void noFmtChunk() {
        AudioFileException e = fails(wave().data(s16(1, 2)));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("no 'fmt ' chunk"), e.getMessage());
    }

    @Test
    void fileEndingInsideTheHeaderIsTruncated() {
        byte[] full = wave().fmt(1, 1, 8000, 16).data(s16(1)).bytes();
        byte[] cut = java.util.Arrays.copyOf(full, 30); // inside the fmt chunk
        Path p = dir.resolve("cut.wav");
        AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(Files.write(p, cut)));
        assertEquals(Reason.TRUNCATED, e.reason(), e.getMessage());
    }

    @Test
    void zeroChannels() {
        AudioFileException e = fails(wave().chunk("fmt ", WavBytes.fmtBody(1, 0, 8000, 2, 16)).data(s16(1)));
        assertEquals(Reason.CORRUPT, e.reason());
        assertTrue(e.getMessage().contains("0 channels"), e.getMessage());
    }

    @Test
    void impossibleSampleSizes() {
        assertTrue(fails(wave().fmt(1, 1, 8000, 0).data(s16(1))).getMessage().contains("bitsPerSample=0"));
        assertTrue(fails(wave().fmt(3, 1, 8000, 24).data(s24(1))).getMessage().contains("bitsPerSample=24"));
        assertTrue(fails(wave().fmt(1, 1, 0, 16).data(s16(1))).getMessage().contains("sample rate 0"));
    }

    @Test
    void unsupportedCodecWithoutFfmpegSaysSo() throws Exception {
        // IMA ADPCM header; the samples do not matter because Java never decodes them
        WavBytes w = wave().chunk("fmt ", WavBytes.fmtBody(0x11, 1, 8000, 256, 4)).data(new byte[256]);
        Path p = w.write(dir.resolve("adpcm.wav"));
        try (var prop = TestSupport.withProperty("melkit.ffmpeg", dir.resolve("no-ffmpeg").toString())) {
            AudioFileException e = assertThrows(AudioFileException.class, () -> Audio.load(p));
            assertEquals(Reason.FFMPEG_MISSING, e.reason());
            assertTrue(e.getMessage().contains("IMA ADPCM") && e.getMessage().contains("melkit.ffmpeg"), e.getMessage());
        }
    }

    @Test
    void probeReadsTheHeaderExactly() {
        Path p = wave().chunk("JUNK", new byte[10]).fmtExtensible(1, 2, 44100, 24).data(new byte[6 * 441])
                .write(dir.resolve("p.wav"));
        AudioInfo info = Audio.probe(p);
        assertEquals(new AudioInfo(p, "wav", 44100, 2, 441, 0.01), info);
    }
}
