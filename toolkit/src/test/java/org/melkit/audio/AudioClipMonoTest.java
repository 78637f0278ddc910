package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** AudioClip.toMono adds in numpy's float32 order (the parity fixtures check it against librosa). */
class AudioClipMonoTest {
    @Test
    void belowEightChannelsTheSumIsSequentialInFloat32() {
        Random r = new Random(11);
        for (int k = 2; k < 8; k++) {
            float[][] x = new float[k][1000];
            for (float[] ch : x) {
                for (int i = 0; i < ch.length; i++) {
                    ch[i] = (float) r.nextGaussian();
                }
            }
            float[] mono = AudioClip.of(x, 8000).toMono().samples();
            for (int i = 0; i < 1000; i++) {
                float s = 0f;
                for (int c = 0; c < k; c++) {
                    s += x[c][i];
                }
                assertEquals(s / k, mono[i], "k=" + k + " i=" + i);
            }
        }
    }

    @Test
    void pairwiseSumMatchesNumpysBlocking() {
        // numpy: 8 accumulators over blocks of 8, combined ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)), then the tail
        float[] a = new float[11];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1f + i * 1e-7f * (i % 3 == 0 ? 1 : -1);
        }
        float expected = ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7]));
        expected += a[8];
        expected += a[9];
        expected += a[10];
        assertEquals(expected, AudioClip.pairwiseSum(a, 0, 11));
        float[] big = new float[300];
        java.util.Arrays.fill(big, 0.1f);
        assertEquals(AudioClip.pairwiseSum(big, 0, 144) + AudioClip.pairwiseSum(big, 144, 156),
                AudioClip.pairwiseSum(big, 0, 300));
    }

    @Test
    void monoOfMonoIsItself() {
        AudioClip c = AudioClip.mono(new float[] {1f, 2f}, 8000);
        assertEquals(c, c.toMono());
    }
}
