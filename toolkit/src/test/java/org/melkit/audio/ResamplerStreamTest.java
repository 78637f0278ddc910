package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.testutil.TestAudio;

/** {@link Resampler#stream}: a signal pushed block by block resamples to the whole signal's samples, bit for bit. */
class ResamplerStreamTest {
    @TempDir
    Path tmp;

    static float[] noise(long seed, int n, double amp) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (amp * (2 * r.nextDouble() - 1));
        }
        return y;
    }

    /** {@code x} pushed in blocks of random sizes up to {@code maxBlock}, the outputs joined. */
    static float[] streamed(Resampler r, float[] x, int maxBlock, long seed) {
        float[][] all = {new float[16]};
        int[] n = {0};
        Resampler.Stream s = r.stream((y, off, k) -> {
            if (n[0] + k > all[0].length) {
                all[0] = Arrays.copyOf(all[0], Math.max(2 * all[0].length, n[0] + k));
            }
            System.arraycopy(y, off, all[0], n[0], k);
            n[0] += k;
        });
        Random rnd = new Random(seed);
        for (int pos = 0; pos < x.length; ) {
            int k = Math.min(x.length - pos, 1 + rnd.nextInt(maxBlock));
            s.push(x, pos, k);
            pos += k;
        }
        s.finish();
        assertEquals(n[0], s.emitted());
        return Arrays.copyOf(all[0], n[0]);
    }

    @Test
    void blocksGiveTheWholeSignalsSamples() {
        int[][] pairs = {{8000, 22050}, {8000, 16000}, {22050, 16000}, {44100, 22050}, {48000, 44100}, {16000, 8000},
            {44100, 16000}, {24414, 22050}, {8000, 44101}, {22050, 22050}}; // 8000 -> 44101: stage 2 from an interpolated table
        int[] lengths = {0, 1, 37, 5000, 65536 + 3, 200_003};
        int seed = 0;
        for (int[] p : pairs) {
            Resampler r = Resampler.of(p[0], p[1]);
            for (int n : lengths) {
                float[] x = noise(seed++, n, 0.5);
                float[] whole = n == 0 ? new float[0] : r.resample(x);
                for (int block : new int[] {1, 999, 1 << 17}) {
                    if (block == 1 && n > 5000) {
                        continue;
                    }
                    assertArrayEquals(whole, streamed(r, x, block, seed), p[0] + " -> " + p[1] + ", n=" + n + ", blocks up to " + block);
                }
            }
        }
    }

    /** Audio.stream's blocks, down-mixed and resampled as they come, are load(sr, mono=True)'s samples. */
    @Test
    void aFileStreamedIsTheFileLoaded() {
        Path f = tmp.resolve("stereo.wav");
        TestAudio.writeWav16(f, 44100, noise(1, 150_001, 0.4), noise(2, 150_001, 0.3));
        float[] whole = Audio.load(f, new LoadOptions(16000, true, 0.0, null)).samples();
        float[][] out = {new float[whole.length + 10]};
        int[] n = {0};
        Resampler.Stream s = Resampler.of(44100, 16000).stream((y, off, k) -> {
            System.arraycopy(y, off, out[0], n[0], k);
            n[0] += k;
        });
        Audio.stream(f, 10_000, b -> {
            float[] m = AudioClip.of(b, 44100).toMono().samples();
            s.push(m, 0, m.length);
        });
        s.finish();
        assertArrayEquals(whole, Arrays.copyOf(out[0], n[0]));
    }
}
