package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Seeded property tests of the FFT core, independent of librosa. */
class DspPropertiesTest {
    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) r.nextGaussian() * 0.3f;
        }
        return y;
    }

    private static float[] tone(double hz, int sr, int n) {
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) Math.sin(2 * Math.PI * hz * i / sr);
        }
        return y;
    }

    @Test
    void realFftMatchesNaiveDftForEvenAndOddSizes() {
        for (int n : new int[] {8, 15, 64, 100, 1000}) {
            float[] x = noise(n, n);
            double[] work = new double[n];
            for (int i = 0; i < n; i++) {
                work[i] = x[i];
            }
            RealFft f = RealFft.of(n);
            f.forward(work);
            double[] re = new double[f.bins()];
            double[] im = new double[f.bins()];
            f.unpack(work, re, im);
            for (int k = 0; k < f.bins(); k++) {
                double r = 0;
                double m = 0;
                for (int j = 0; j < n; j++) {
                    r += x[j] * Math.cos(2 * Math.PI * k * j / n);
                    m -= x[j] * Math.sin(2 * Math.PI * k * j / n);
                }
                assertEquals(r, re[k], 1e-9 * n, "re n=" + n + " k=" + k);
                assertEquals(m, im[k], 1e-9 * n, "im n=" + n + " k=" + k);
            }
            double[] back = new double[n];
            f.inverse(re, im, new double[n], back);
            for (int j = 0; j < n; j++) {
                assertEquals(x[j], back[j], 1e-9, "inverse n=" + n);
            }
        }
    }

    @Test
    void parseval() {
        int n = 1024;
        float[] y = noise(n, 7);
        StftParams p = new StftParams(n, n, n, WindowType.RECTANGULAR, false, PadMode.CONSTANT);
        FloatMatrix power = Stft.of(p).spectrogram(y, 2.0);
        double spectral = power.get(0, 0) + power.get(n / 2, 0);
        for (int k = 1; k < n / 2; k++) {
            spectral += 2 * power.get(k, 0);
        }
        double energy = 0;
        for (float v : y) {
            energy += v * v;
        }
        assertEquals(energy, spectral / n, 1e-4 * energy);
    }

    @Test
    void toneePeaksInItsBin() {
        int sr = 16000;
        int nFft = 1024;
        for (double hz : new double[] {250.0, 1000.0, 4321.0}) {
            FloatMatrix s = Stft.of(StftParams.of(nFft, 256)).magnitude(tone(hz, sr, sr));
            int t = s.cols() / 2;
            int best = 0;
            for (int k = 0; k < s.rows(); k++) {
                if (s.get(k, t) > s.get(best, t)) {
                    best = k;
                }
            }
            assertEquals(Math.round(hz * nFft / sr), best, "peak bin of a " + hz + " Hz tone");
        }
    }

    @Test
    void melFiltersAreNonNegativeAndPeakAtTheirCentres() {
        for (boolean htk : new boolean[] {false, true}) {
            MelFilterbank.Spec spec = new MelFilterbank.Spec(22050, 2048, 64, 0.0, null, htk, MelNorm.SLANEY);
            FloatMatrix w = MelFilterbank.of(spec).matrix();
            double[] centres = MelScale.melFrequencies(66, 0.0, 11025.0, htk);
            double binHz = 22050.0 / 2048;
            for (int m = 0; m < 64; m++) {
                int best = 0;
                for (int k = 0; k < w.cols(); k++) {
                    assertTrue(w.get(m, k) >= 0f, "non-negative");
                    if (w.get(m, k) > w.get(m, best)) {
                        best = k;
                    }
                }
                assertTrue(Math.abs(best * binHz - centres[m + 1]) <= binHz, "filter " + m + " peaks at " + best * binHz + " Hz, centre " + centres[m + 1]);
            }
        }
    }

    @Test
    void melScaleRoundTrips() {
        for (double hz : new double[] {0, 100, 999, 1000, 1001, 4000, 11025}) {
            assertEquals(hz, MelScale.melToHz(MelScale.hzToMel(hz, false), false), 1e-9);
            assertEquals(hz, MelScale.melToHz(MelScale.hzToMel(hz, true), true), 1e-9);
        }
    }

    @Test
    void dbRangeIsBoundedByTopDb() {
        FloatMatrix s = FloatMatrix.of(1, 4, new float[] {1e-12f, 1e-3f, 1f, 10f});
        for (double top : new double[] {0.0, 20.0, 80.0}) {
            FloatMatrix d = Db.powerToDb(s, Ref.max(), 1e-10, top);
            assertTrue(d.max() - d.min() <= top + 1e-4, "max - min <= topDb " + top);
            assertEquals(0.0f, d.max(), 1e-6f, "ref=max puts the maximum at 0 dB");
        }
    }

    @Test
    void reflectPaddingRepeatsLikeNumpy() {
        float[] y = {0, 1, 2, 3, 4};
        float[] expected = {4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0, 1, 2, 3, 4, 3, 2, 1, 0};
        for (int i = -12; i < 17; i++) {
            assertEquals(expected[i + 12], PadMode.REFLECT.sample(y, i), "reflect at " + i);
        }
        assertEquals(0f, PadMode.EDGE.sample(y, -3));
        assertEquals(4f, PadMode.EDGE.sample(y, 9));
        assertEquals(0f, PadMode.CONSTANT.sample(y, 9));
    }

    @Test
    void plansAreSharedAndGiveIdenticalResultsAcrossThreads() throws Exception {
        assertSame(RealFft.of(2048), RealFft.of(2048), "one plan per size");
        float[] y = noise(48000, 3);
        Stft stft = Stft.of(StftParams.of(2048, 375));
        FloatMatrix reference = stft.spectrogram(y, 2.0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<FloatMatrix>> fs = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<FloatMatrix> c = () -> stft.spectrogram(y, 2.0);
                fs.add(pool.submit(c));
            }
            for (Future<FloatMatrix> f : fs) {
                assertEquals(reference, f.get(), "same bits from every thread");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void nestedStftCallsOnOneThreadDoNotShareScratch() {
        float[] y = noise(4096, 5);
        Stft a = Stft.of(StftParams.of(512, 128));
        FloatMatrix expected = a.spectrogram(y, 2.0);
        List<FloatMatrix> inner = new ArrayList<>();
        a.forEachPowerFrame(y, (t, bins) -> {
            if (t == 0) {
                inner.add(a.spectrogram(y, 2.0));
            }
        });
        assertEquals(expected, inner.get(0));
    }

    @Test
    void badParametersNameThemselves() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StftParams.of(2048, 0));
        assertTrue(e.getMessage().contains("hopLength=0") && e.getMessage().contains("hop_length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new MelFilterbank.Spec(22050, 2048, 0, 0, null, false, MelNorm.SLANEY));
        assertTrue(e.getMessage().contains("nMels=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Db.powerToDb(FloatMatrix.zeros(1, 1), Ref.max(), 0, 80.0));
        assertTrue(e.getMessage().contains("amin=0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> WindowType.parse("kaiser"));
        assertTrue(e.getMessage().contains("kaiser"), e.getMessage());
    }

    @Test
    void floatMatrixDoesNotLeakItsArray() {
        float[] d = {1, 2, 3, 4};
        FloatMatrix m = FloatMatrix.of(2, 2, d);
        d[0] = 99;
        m.toArray()[1] = 99;
        assertArrayEquals(new float[] {1, 2, 3, 4}, m.toArray());
        assertThrows(java.nio.ReadOnlyBufferException.class, () -> m.asBuffer().put(0, 5f));
        assertArrayEquals(new float[] {1, 2, 0, 3, 4, 0}, m.fixCols(3, 0f).toArray());
        assertArrayEquals(new float[] {1, 3}, m.fixCols(1, 0f).toArray());
    }
}
