package org.melkit.effects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The quality bar for pitch shifting and time stretching, on tones. */
class PitchAndStretchTest {
    static final int SR = 22050;

    @Test
    void plusTwoSemitonesMoves440To493_9KeepingDuration() {
        float[] y = Signals.tone(440, SR, 2.0, 0.5);
        assertEquals(440.0, Signals.peakHz(y, SR), 0.05, "the measurement itself");
        float[] out = PitchShift.shift(y, SR, 2.0);
        double expected = 440 * Math.pow(2, 2 / 12.0); // 493.88
        assertEquals(493.9, expected, 0.02);
        double got = Signals.peakHz(out, SR);
        assertEquals(expected, got, 0.01 * expected, "pitch +2 semitones: " + got + " Hz");
        assertEquals(y.length, out.length, 0.01 * y.length);
        assertEquals(y.length, out.length, "librosa's pitch_shift keeps the length exactly");
        // not silent and not blown up
        assertEquals(Signals.rms(y), Signals.rms(out), 0.2 * Signals.rms(y));
    }

    @Test
    void pitchShiftDownAndOtherTones() {
        for (double hz : new double[] {220, 1000}) {
            for (double st : new double[] {-3, 5}) {
                float[] out = PitchShift.shift(Signals.tone(hz, SR, 1.5, 0.5), SR, st);
                double expected = hz * Math.pow(2, st / 12);
                assertEquals(expected, Signals.peakHz(out, SR), 0.01 * expected, hz + " Hz by " + st + " semitones");
            }
        }
    }

    @Test
    void rate1_25ShortensBy1_25KeepingFrequency() {
        float[] y = Signals.tone(440, SR, 2.0, 0.5);
        float[] out = TimeStretch.stretch(y, SR, 1.25);
        double expectedLength = y.length / 1.25;
        assertEquals(expectedLength, out.length, 0.01 * expectedLength);
        assertEquals(Math.round(expectedLength), out.length, "librosa's round(n / rate)");
        assertEquals(440, Signals.peakHz(out, SR), 4.4);
        assertEquals(Signals.rms(y), Signals.rms(out), 0.1 * Signals.rms(y));
    }

    @Test
    void stretchMovesContentInTimeNotOnlyTheLength() {
        // a burst from 0.5 s to 1.5 s must come out at 0.4 s to 1.2 s at rate 1.25, and at 0.625 to 1.875 s at 0.8
        float[] y = Signals.burst(440, SR, 2.0, 0.5, 1.5);
        for (double rate : new double[] {1.25, 0.8}) {
            float[] out = TimeStretch.stretch(y, SR, rate);
            double[] span = Signals.activeSpan(out, SR, 0.05);
            assertEquals(0.5 / rate, span[0], 0.03, "onset at rate " + rate);
            assertEquals(1.5 / rate, span[1], 0.03, "offset at rate " + rate);
            assertEquals(440, Signals.peakHz(java.util.Arrays.copyOfRange(out, (int) (0.6 / rate * SR), (int) (1.4 / rate * SR)), SR), 4.4);
        }
    }

    @Test
    void pitchShiftKeepsContentInPlace() {
        float[] y = Signals.burst(440, SR, 2.0, 0.5, 1.5);
        float[] out = PitchShift.shift(y, SR, 2);
        double[] span = Signals.activeSpan(out, SR, 0.05);
        assertEquals(0.5, span[0], 0.03);
        assertEquals(1.5, span[1], 0.03);
    }

    @Test
    void leaveLengthUnchangedKeepsN() {
        float[] y = Signals.tone(440, SR, 1.0, 0.5);
        Augmented a = new TimeStretch(1.25, 1.25, true).apply(y, SR, 1L);
        assertEquals(y.length, a.length());
        Augmented b = TimeStretch.of(0.8).apply(y, SR, 1L);
        assertEquals(Math.round(y.length / 0.8), b.length());
        assertEquals(1.25, a.applied().get(0).parameters().get("rate").doubleValue());
    }

    @Test
    void shortAndEmptyClips() {
        assertEquals(0, TimeStretch.stretch(new float[0], SR, 1.25).length);
        assertEquals(0, PitchShift.shift(new float[0], SR, 2).length);
        float[] tiny = Signals.tone(440, SR, 0.01, 0.5); // shorter than one WSOLA frame
        assertEquals(Math.round(tiny.length / 1.25), TimeStretch.stretch(tiny, SR, 1.25).length);
        assertEquals(tiny.length, PitchShift.shift(tiny, SR, 3).length);
    }

    @Test
    void randomParametersAreDrawnInRangeAndReproducible() {
        float[] y = Signals.tone(300, SR, 0.5, 0.5);
        PitchShift ps = new PitchShift(-2, 2);
        Augmented a = ps.apply(y, SR, new SplittableRandom(7));
        Augmented b = ps.apply(y, SR, new SplittableRandom(7));
        assertArrayEquals(a.samples(), b.samples());
        assertEquals(a.applied(), b.applied());
        double st = a.applied().get(0).parameters().get("semitones").doubleValue();
        assertTrue(st >= -2 && st <= 2);
        assertNotEquals(st, ps.apply(y, SR, new SplittableRandom(8)).applied().get(0).parameters().get("semitones").doubleValue());
        assertEquals(300 * Math.pow(2, st / 12), Signals.peakHz(a.samples(), SR), 3.0);
    }

    @Test
    void badParametersAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TimeStretch(0, 1, false));
        assertTrue(e.getMessage().contains("minRate=0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new PitchShift(3, -3));
        assertTrue(e.getMessage().contains("minSemitones=3.0") && e.getMessage().contains("maxSemitones=-3.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> PitchShift.shift(new float[10], SR, 30));
        assertTrue(e.getMessage().contains("semitones=30.0"), e.getMessage());
    }
}
