package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dsp.FloatMatrix;
import org.melkit.testutil.TestAudio;

class SpectralGateTest {
    @TempDir
    Path tmp;

    static double snrDb(float[] clean, float[] estimate) {
        double s = 0;
        double e = 0;
        for (int i = 0; i < clean.length; i++) {
            s += (double) clean[i] * clean[i];
            double d = estimate[i] - clean[i];
            e += d * d;
        }
        return 10 * Math.log10(s / e);
    }

    static double energy(float[] y) {
        double e = 0;
        for (float v : y) {
            e += (double) v * v;
        }
        return e;
    }

    static float[] whiteNoise(int n, double sigma, long seed) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (sigma * r.nextGaussian());
        }
        return y;
    }

    /** Adds white Gaussian noise scaled so that the whole clip's SNR is exactly {@code snrDb}. */
    static float[] addNoise(float[] s, double snrDb, long seed) {
        float[] n = whiteNoise(s.length, 1.0, seed);
        double scale = Math.sqrt(energy(s) / Math.pow(10, snrDb / 10) / energy(n));
        float[] y = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            y[i] = (float) (s[i] + scale * n[i]);
        }
        return y;
    }

    private float[] speech() {
        Assumptions.assumeTrue(TestAudio.has("espeak-ng"), "espeak-ng is not installed: cannot synthesise the speech clip");
        Path wav = tmp.resolve("speech.wav");
        TestAudio.run("espeak-ng", "-v", "en", "-s", "150", "-w", wav.toString(),
                "The quick brown fox jumps over the lazy dog. Noise reduction should keep this sentence clear.");
        TestAudio.Pcm pcm = TestAudio.readWav16(wav);
        assertEquals(22050, pcm.sr(), "espeak-ng's output rate");
        assertTrue(pcm.samples().length > pcm.sr(), "espeak-ng produced only " + pcm.samples().length + " samples");
        return pcm.samples();
    }

    @Test
    void denoisingSpeechAt10dBSnrGainsAtLeast6dB() {
        float[] s = speech();
        float[] y = addNoise(s, 10.0, 42);
        assertEquals(10.0, snrDb(s, y), 1e-3);
        float[] d = SpectralGate.reduceNoise(y, 22050);
        assertEquals(y.length, d.length);
        double gain = snrDb(s, d) - 10.0;
        System.out.printf("spectral gate on espeak-ng speech: SNR 10.00 dB -> %.2f dB (%+.2f dB)%n", snrDb(s, d), gain);
        assertTrue(gain >= 6.0, "SNR improvement " + gain + " dB < 6 dB");
    }

    @Test
    void noiseClipProfileAlsoImprovesSnr() {
        float[] s = speech();
        float[] y = addNoise(s, 10.0, 7);
        float[] noiseOnly = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            noiseOnly[i] = y[i] - s[i];
        }
        float[] d = SpectralGate.reduceNoise(y, 22050, SpectralGateParams.defaults(), noiseOnly);
        double gain = snrDb(s, d) - 10.0;
        assertTrue(gain >= 3.0, "SNR improvement with the true noise as profile: " + gain + " dB");
    }

    @Test
    void pureStationaryNoiseIsMostlyRemoved() {
        float[] n = whiteNoise(16000, 0.1, 3);
        float[] d = SpectralGate.reduceNoise(n, 16000, SpectralGateParams.defaults().withQuietestFraction(1.0));
        double reductionDb = 10 * Math.log10(energy(n) / energy(d));
        assertTrue(reductionDb > 10, "noise energy reduced by only " + reductionDb + " dB");
    }

    @Test
    void zeroPropDecreaseIsIdentity() {
        float[] y = whiteNoise(5000, 0.3, 5);
        float[] d = SpectralGate.reduceNoise(y, 8000, SpectralGateParams.noisereduce().withPropDecrease(0.0).withFreqMaskSmoothHz(null));
        assertArrayEquals(y, d, 1e-5f);
    }

    @Test
    void maskIsWithinFloorAndOne() {
        float[] y = addNoise(TestAudio.tone(440, 1.0, 16000, 0.5), 0.0, 11);
        SpectralGateParams p = SpectralGateParams.noisereduce().withPropDecrease(0.8);
        FloatMatrix m = SpectralGate.gainMask(y, 16000, p, NoiseProfile.fromQuietestFrames(y, p, 0.5));
        assertEquals(513, m.rows());
        assertTrue(m.min() >= 0.0f && m.max() <= 1.0f + 1e-6f, m.toString());
        // the tone's bin (440 Hz = bin 28.2 at 15.6 Hz/bin) is kept more than a noise-only bin far away
        assertTrue(m.get(28, 30) > m.get(400, 30), "tone bin " + m.get(28, 30) + " vs noise bin " + m.get(400, 30));
    }

    @Test
    void smoothingFilterIsNoisereducesTriangle() {
        assertArrayEquals(new double[] {1 / 3.0, 2 / 3.0, 1, 2 / 3.0, 1 / 3.0}, SpectralGate.triangle(2), 1e-12);
        // 16 kHz, nFft 1024, hop 256: int(500 / (16000 / 512)) = 16 bins, int(50 / 16) = 3 frames
        assertArrayEquals(new int[] {16, 3}, SpectralGate.smoothingHalfWidths(16000, SpectralGateParams.noisereduce()));
        // the smoothing of a constant interior is that constant; zeros beyond the edges pull it down
        float[] ones = new float[40 * 20];
        java.util.Arrays.fill(ones, 1f);
        float[] sm = SpectralGate.smooth(ones, 40, 20, SpectralGate.triangle(3), SpectralGate.triangle(2));
        assertEquals(1.0, sm[20 * 20 + 10], 1e-6);
        assertTrue(sm[0] < 0.5);
    }

    @Test
    void longSignalsAreGatedInBlocksWithTheSameResult() {
        int n = SpectralGate.CHUNK_SIZE + 100_000;
        float[] tone = TestAudio.tone(440, n / 16000.0, 16000, 0.3);
        float[] y = addNoise(tone, 5.0, 9);
        SpectralGateParams p = SpectralGateParams.noisereduce().withPropDecrease(0.9);
        NoiseProfile profile = NoiseProfile.fromQuietestFrames(y, p, 0.3);
        float[] blocks = SpectralGate.reduceNoise(y, 16000, p, profile);
        float[] whole = SpectralGate.gateWhole(y, 16000, p, profile);
        assertEquals(n, blocks.length);
        // away from the ends (where noisereduce's zero padding adds frames the unpadded STFT lacks)
        // the block seam at CHUNK_SIZE leaves no trace
        int edge = 2 * p.nFft();
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, edge, n - edge), java.util.Arrays.copyOfRange(blocks, edge, n - edge), 1e-5f);
    }

    @Test
    void emptyAndBadInput() {
        assertEquals(0, SpectralGate.reduceNoise(new float[0], 16000).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SpectralGate.reduceNoise(new float[100], 8000, SpectralGateParams.noisereduce().withFreqMaskSmoothHz(5.0)));
        assertTrue(e.getMessage().contains("freqMaskSmoothHz=5.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SpectralGateParams.defaults().withPropDecrease(1.5));
        assertThrows(IllegalArgumentException.class, () -> SpectralGateParams.defaults().withQuietestFraction(0));
    }
}
