package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.melkit.audio.AudioClip;

class NormalizationTest {
    @Test
    void peakReachesTarget() {
        float[] y = {0.1f, -0.25f, 0.2f, 0f};
        float[] out = Normalization.peakNormalize(y, 0.99);
        float peak = 0;
        for (float v : out) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.99f, peak, 1e-7f);
        assertEquals(-0.99f, out[1], 1e-7f);
        assertEquals(0.99f * 0.1f / 0.25f, out[0], 1e-7f);
        assertArrayEquals(new float[] {0.1f, -0.25f, 0.2f, 0f}, y, "input untouched");
    }

    @Test
    void loudClipIsScaledDown() {
        float[] out = Normalization.peakNormalize(new float[] {1.5f, -3f}, 0.5);
        assertArrayEquals(new float[] {0.25f, -0.5f}, out, 1e-7f);
    }

    @Test
    void silentClipStaysSilent() {
        assertArrayEquals(new float[5], Normalization.peakNormalize(new float[5], 0.99));
        assertEquals(0, Normalization.peakNormalize(new float[0], 0.99).length);
    }

    @Test
    void oneGainForAllChannels() {
        AudioClip c = AudioClip.of(new float[][] {{0.5f, 0.1f}, {-0.2f, 0.25f}}, 8000);
        AudioClip n = Normalization.peakNormalize(c, 0.9);
        assertEquals(0.9f, n.peak(), 1e-7f);
        assertArrayEquals(new float[] {-0.36f, 0.45f}, n.channel(1), 1e-6f);
    }

    @Test
    void targetOutsideRangeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Normalization.peakNormalize(new float[] {1}, 0));
        assertThrows(IllegalArgumentException.class, () -> Normalization.peakNormalize(new float[] {1}, 1.2));
        assertThrows(IllegalArgumentException.class, () -> Normalization.peakNormalize(new float[] {1}, Double.NaN));
    }
}
