package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TransformsTest {
    static final int SR = 16000;

    static float[] ramp(int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (i + 1) / (float) n;
        }
        return y;
    }

    @Test
    void shiftRollsOrFillsZerosAndKeepsLength() {
        float[] y = {1, 2, 3, 4, 5};
        assertArrayEquals(new float[] {4, 5, 1, 2, 3}, Shift.shift(y, 2, true));
        assertArrayEquals(new float[] {3, 4, 5, 1, 2}, Shift.shift(y, -2, true));
        assertArrayEquals(new float[] {0, 0, 1, 2, 3}, Shift.shift(y, 2, false));
        assertArrayEquals(new float[] {3, 4, 5, 0, 0}, Shift.shift(y, -2, false));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, Shift.shift(y, 7, false));
        assertArrayEquals(new float[] {4, 5, 1, 2, 3}, Shift.shift(y, 7, true));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, y, "input untouched");

        float[] r = ramp(1000);
        Augmented a = new Shift(0.1, 0.3, false).apply(r, SR, new SplittableRandom(3));
        assertEquals(r.length, a.length());
        Applied applied = a.applied().get(0);
        double fraction = applied.parameters().get("fraction").doubleValue();
        int k = applied.parameters().get("samples").intValue();
        assertTrue(fraction >= 0.1 && fraction <= 0.3, "fraction " + fraction);
        assertEquals(Math.round(fraction * 1000), k);
        assertArrayEquals(Shift.shift(r, k, false), a.samples(), "the record says exactly what was done");
        assertEquals("shift", applied.transform());
    }

    @Test
    void gaussianNoiseHasTheDrawnAmplitudeAndKeepsLength() {
        float[] y = new float[48000];
        Augmented a = new GaussianNoise(0.01, 0.02).apply(y, SR, new SplittableRandom(11));
        assertEquals(y.length, a.length());
        double amp = a.applied().get(0).parameters().get("amplitude").doubleValue();
        assertTrue(amp >= 0.01 && amp <= 0.02);
        assertEquals(amp, Signals.rms(a.samples()), 0.02 * amp, "std of the added noise");
        // same seed, same noise sample for sample
        assertArrayEquals(a.samples(), new GaussianNoise(0.01, 0.02).apply(y, SR, new SplittableRandom(11)).samples());
        float[] tone = Signals.tone(440, SR, 1.0, 0.5);
        Augmented b = new GaussianNoise(0.001, 0.001).apply(tone, SR, 5L);
        assertEquals(tone.length, b.length());
        float[] s = b.samples();
        double err = 0;
        for (int i = 0; i < s.length; i++) {
            err += (s[i] - tone[i]) * (double) (s[i] - tone[i]);
        }
        assertEquals(0.001, Math.sqrt(err / s.length), 0.0001);
    }

    @Test
    void gainScalesByTheDrawnDecibels() {
        float[] y = ramp(100);
        Augmented a = new Gain(-6, 6).apply(y, SR, new SplittableRandom(2));
        double db = a.applied().get(0).parameters().get("gain_db").doubleValue();
        assertTrue(db >= -6 && db <= 6);
        float[] s = a.samples();
        for (int i = 0; i < y.length; i++) {
            assertEquals(y[i] * Math.pow(10, db / 20), s[i], 1e-6);
        }
        assertEquals(2.0, new Gain(6.0206, 6.0206).apply(new float[] {1}, SR).samples()[0], 1e-4);
    }

    @Test
    void composeHonoursProbabilitiesAndIsReproducible() {
        float[] y = Signals.tone(440, SR, 0.5, 0.3);
        Compose c = Compose.of(Compose.step(Shift.DEFAULT, 0.5), Compose.step(new Gain(-3, 3), 0.5),
                Compose.step(GaussianNoise.DEFAULT, 0.5), Compose.step(new PitchShift(-2, 2), 0.5),
                Compose.step(new TimeStretch(0.9, 1.1, true), 0.5));
        int[] counts = new int[5];
        List<String> names = List.of("shift", "gain", "gaussian_noise", "pitch_shift", "time_stretch");
        for (long seed = 0; seed < 40; seed++) {
            Augmented a = c.apply(y, SR, seed);
            Augmented b = c.apply(y, SR, seed);
            assertArrayEquals(a.samples(), b.samples(), "seed " + seed);
            assertEquals(a.applied(), b.applied());
            assertEquals(y.length, a.length(), "every step here keeps the length");
            int last = -1;
            for (Applied ap : a.applied()) {
                int idx = names.indexOf(ap.transform());
                assertTrue(idx > last, "applied in order: " + a.applied());
                last = idx;
                counts[idx]++;
            }
        }
        for (int k : counts) {
            assertTrue(k > 8 && k < 32, "p=0.5 over 40 seeds: " + java.util.Arrays.toString(counts));
        }
        assertNotEquals(c.apply(y, SR, 1L).applied(), c.apply(y, SR, 2L).applied());

        Compose never = Compose.of(Compose.step(Gain.DEFAULT, 0.0));
        Augmented n = never.apply(y, SR);
        assertTrue(n.applied().isEmpty());
        assertArrayEquals(y, n.samples());
        Compose always = never.with(Shift.of(0.25, 0.25), 1.0);
        assertEquals(List.of("shift"), always.apply(y, SR).applied().stream().map(Applied::transform).toList());
        assertTrue(always.toString().contains("p=1.0"), always.toString());
    }

    @Test
    void recordsPrintWhatTheyDrew() {
        Augmented a = new Gain(3, 3).apply(new float[] {0.1f}, SR);
        assertEquals("gain(gain_db=3.0)", a.applied().get(0).toString());
        assertTrue(a.toString().contains("gain(gain_db=3.0)"), a.toString());
        assertEquals(SR, a.toClip().sampleRate());
    }

    @Test
    void badParametersAreRejectedWithTheName() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Shift(-2, 0, true)).getMessage().contains("minFraction=-2.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new GaussianNoise(-1, 0)).getMessage().contains("minAmplitude=-1.0"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new Gain(Double.NaN, 0)).getMessage().contains("minGainDb=NaN"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Compose.step(Gain.DEFAULT, 1.5)).getMessage().contains("p=1.5 for gain"));
        assertFalse(Shift.DEFAULT.withRollover(false).rollover());
    }
}
