package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.testutil.TestAudio;

/** {@link Audio#stream}: the blocks joined are exactly {@code load(sr=None, mono=False)}. */
class AudioStreamTest {
    @TempDir
    Path tmp;

    /** Streams {@code file} in blocks of {@code block} frames and joins them, checking every block's shape. */
    private static float[][] joined(Path file, int block, AudioInfo[] info) {
        List<float[][]> blocks = new ArrayList<>();
        info[0] = Audio.stream(file, block, b -> {
            assertTrue(b[0].length >= 1 && b[0].length <= block, "block of " + b[0].length);
            for (float[] c : b) {
                assertEquals(b[0].length, c.length, "every channel the same length");
            }
            blocks.add(b);
        });
        int channels = blocks.isEmpty() ? info[0].channels() : blocks.get(0).length;
        int n = blocks.stream().mapToInt(b -> b[0].length).sum();
        float[][] out = new float[channels][n];
        int at = 0;
        for (float[][] b : blocks) {
            for (int c = 0; c < channels; c++) {
                System.arraycopy(b[c], 0, out[c], at, b[c].length);
            }
            at += b[0].length;
        }
        return out;
    }

    @Test
    void wavBlocksJoinToTheWholeLoad() {
        Path wav = tmp.resolve("st.wav");
        float[] l = TestAudio.tone(440, 0.37, 8000, 0.5);
        float[] r = TestAudio.tone(660, 0.37, 8000, 0.25);
        TestAudio.writeWav16(wav, 8000, l, r);
        AudioClip whole = Audio.load(wav, LoadOptions.NATIVE.withMono(false));
        AudioInfo[] info = new AudioInfo[1];
        float[][] got = joined(wav, 1000, info); // 2960 frames: blocks of 1000, 1000, 960
        assertEquals(2, got.length);
        assertArrayEquals(whole.channel(0), got[0]);
        assertArrayEquals(whole.channel(1), got[1]);
        assertEquals(new AudioInfo(wav, "wav", 8000, 2, whole.length(), whole.length() / 8000.0), info[0]);
    }

    @Test
    void ffmpegBlocksJoinToTheWholeLoad() {
        TestSupport.assumeFfmpeg();
        Path wav = tmp.resolve("m.wav");
        TestAudio.writeWav16(wav, 16000, TestAudio.tone(300, 1.3, 16000, 0.5));
        Path flac = tmp.resolve("m.flac");
        TestSupport.ffmpeg("-i", wav.toString(), flac.toString());
        AudioClip whole = Audio.load(flac, LoadOptions.NATIVE.withMono(false));
        AudioInfo[] info = new AudioInfo[1];
        float[][] got = joined(flac, 4096, info);
        assertArrayEquals(whole.channel(0), got[0]);
        assertEquals(16000, info[0].sampleRate());
        assertEquals(whole.length(), info[0].frames());
        assertEquals("flac", info[0].format());
    }

    @Test
    void unreadableFilesFailAsLoadDoes() {
        Path bad = tmp.resolve("bad.wav");
        TestAudio.writeWav16(bad, 8000, new float[0]);
        AudioInfo[] info = new AudioInfo[1];
        assertEquals(0, joined(bad, 100, info)[0].length, "a WAV of 0 frames gives no block");
        assertEquals(0, info[0].frames());
        assertThrows(AudioFileException.class, () -> Audio.stream(tmp.resolve("missing.wav"), 100, b -> { }));
        assertThrows(IllegalArgumentException.class, () -> Audio.stream(bad, 0, b -> { }));
    }
}
