package org.melkit.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResamplerTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures", "resample");
    private static final int[][] PAIRS = {
        {48000, 22050}, {16000, 22050}, {44100, 22050}, {22050, 16000}, {8000, 16000},
        {22050, 8000}, {24414, 22050}, {44100, 48000}, {48000, 44101}, {96000, 8000},
        {8000, 48000}, {22050, 22051},
    };

    // ------------------------------------------------------------------ lengths

    /** librosa's n_samples = int(np.ceil(n * (target_sr / orig_sr))), values from numpy. */
    @ParameterizedTest(name = "{0} -> {1} Hz, n={2}: {3}")
    @CsvSource({
        "44100, 48000, 9408, 10241",   // exact ceiling 10240: float ratio rounds up
        "44100, 48000, 147, 161",      // exact 160
        "11025, 12000, 147, 161",      // exact 160
        "22050, 48000, 294, 641",      // exact 640
        "8000, 24414, 20000, 61036",   // exact 61035
        "24414, 22050, 4883, 4411",
        "48000, 22050, 160, 74",
        "48000, 22050, 1, 1",
        "22050, 44100, 1, 2",
        "44100, 22050, 3, 2",
        "16000, 22050, 12345, 17013",
        "22050, 8000, 0, 0",
    })
    void outputLengthIsLibrosas(int srIn, int srOut, int n, int expected) {
        Resampler r = Resampler.of(srIn, srOut);
        assertEquals(expected, r.outputLength(n));
        assertEquals(expected, r.resample(new float[n]).length);
    }

    @Test
    void outputLengthIsTheCeilingForManyLengths() {
        Random rnd = new Random(11);
        for (int[] pair : PAIRS) {
            Resampler r = Resampler.of(pair[0], pair[1]);
            for (int i = 0; i < 60; i++) {
                int n = i < 20 ? i : rnd.nextInt(i < 50 ? 5000 : 200000);
                long exact = ((long) n * pair[1] + pair[0] - 1) / pair[0];
                long len = r.outputLength(n);
                // librosa's double ceiling is the exact one, or one more when n*srOut/srIn is whole
                boolean whole = (long) n * pair[1] % pair[0] == 0;
                assertTrue(len == exact || whole && len == exact + 1,
                        pair[0] + "->" + pair[1] + " n=" + n + ": " + len + " vs " + exact);
                if (n < 20000) {
                    assertEquals(len, r.resample(new float[n]).length);
                }
            }
        }
    }

    @Test
    void onlySoxrsRoundedCountIsComputedTheTailIsZero() {
        // 48000 -> 22050, n = 3: ceil(1.378) = 2 samples, soxr gives round(1.378) = 1
        float[] y = Resampler.resample(new float[] {1f, 1f, 1f}, 48000, 22050);
        assertEquals(2, y.length);
        assertTrue(y[0] != 0f);
        assertEquals(0f, y[1]);
    }

    // ------------------------------------------------------------------ identity, rates

    @Test
    void identityReturnsACopy() {
        float[] x = noise(1000, 3);
        Resampler r = Resampler.of(16000, 16000);
        float[] y = r.resample(x);
        assertNotSame(x, y);
        assertArrayEquals(x, y);
        y[0] = 42f;
        assertTrue(x[0] != 42f);
        assertEquals(0, r.resample(new float[0]).length);
    }

    @Test
    void ofCachesOneConverterPerRatePair() {
        assertSame(Resampler.of(48000, 22050), Resampler.of(48000, 22050));
        assertEquals(48000, Resampler.of(48000, 22050).srIn());
        assertEquals(22050, Resampler.of(48000, 22050).srOut());
    }

    @Test
    void badRatesNameTheParameter() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.of(0, 22050));
        assertEquals("srIn=0 must be > 0 (librosa: orig_sr)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Resampler.resample(new float[3], 22050, -5));
        assertEquals("srOut=-5 must be > 0 (librosa: target_sr)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Resampler.of(8_000_000, 1000));
        assertTrue(e.getMessage().startsWith("srIn=8000000 / srOut=1000 = 8000 is more decimation"),
                e.getMessage());
        assertThrows(NullPointerException.class, () -> Resampler.of(8000, 16000).resample(null));
        assertThrows(IllegalArgumentException.class, () -> Resampler.of(8000, 16000).outputLength(-1));
    }

    @Test
    void coprimeRatesUseTheInterpolatedPhaseTable() {
        // covered by the mix_48000_44101 fixture below: make sure that path is the one taken
        assertTrue(Resampler.of(48000, 44101).toString().contains("interpolated"),
                Resampler.of(48000, 44101).toString());
        assertTrue(!Resampler.of(48000, 22050).toString().contains("interpolated"));
    }

    // ------------------------------------------------------------------ real-valued rates

    /** librosa.effects.pitch_shift's resample(orig_sr=sr / rate, target_sr=sr), rate = 2^(-2/12). */
    @Test
    void realRatesKeepAToneInTime() {
        double srIn = 22050 / Math.pow(2, -2 / 12.0); // 24750.3... Hz
        float[] x = new float[(int) srIn];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.5 * Math.sin(2 * Math.PI * 1000 * i / srIn + 0.3));
        }
        float[] y = Resampler.resample(x, srIn, 22050.0);
        assertEquals((long) Math.ceil(x.length * (22050 / srIn)), y.length);
        double[] fit = fitSine(y, 22050, 1000, 1000, y.length - 1000);
        assertEquals(0.5, fit[0], 0.5 * 0.01, "amplitude");
        assertTrue(Math.abs(Math.IEEEremainder(fit[1] - 0.3, 2 * Math.PI)) < 1e-3, "phase " + fit[1]);
        assertTrue(fit[2] < 1e-3 * fit[0], "residual " + fit[2]);
    }

    @Test
    void wholeRealRatesAreTheCachedIntegerConverter() {
        float[] x = noise(3000, 9);
        assertArrayEquals(Resampler.resample(x, 48000, 22050), Resampler.resample(x, 48000.0, 22050.0));
        assertArrayEquals(x, Resampler.resample(x, 22050.5, 22050.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Resampler.resample(x, Double.NaN, 22050.0));
        assertEquals("srIn=NaN must be > 0 and finite (librosa: orig_sr)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Resampler.resample(x, 22050.0, 0.0));
    }

    // ------------------------------------------------------------------ frequency response

    static Stream<Arguments> pairs() {
        return Stream.of(PAIRS).map(p -> Arguments.of(p[0], p[1]));
    }

    /** A tone at 0.8 x the lower Nyquist keeps its amplitude (0.1 dB) and its frequency. */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("pairs")
    void passbandSineKeepsAmplitudeAndFrequency(int srIn, int srOut) {
        double f = 0.8 * Math.min(srIn, srOut) / 2;
        float[] x = sine(srIn, srIn / 2, f, 0.5, 0.3);
        float[] y = Resampler.resample(x, srIn, srOut);
        int from = srOut / 20, to = y.length - srOut / 20; // away from the edges
        double[] fit = fitSine(y, srOut, f, from, to);
        double gainDb = 20 * Math.log10(fit[0] / 0.5);
        assertTrue(Math.abs(gainDb) < 0.1, "gain " + gainDb + " dB");
        // phase: time zero of the output is time zero of the input (no filter delay)
        assertTrue(Math.abs(Math.IEEEremainder(fit[1] - 0.3, 2 * Math.PI)) < 1e-3, "phase " + fit[1]);
        // all of the output is that one frequency: residual 60 dB below
        assertTrue(fit[2] < 1e-3 * fit[0], "residual " + fit[2] + " of " + fit[0]);
    }

    /** A tone between the new Nyquist and the input's is removed: at least 60 dB down. */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"48000, 22050", "44100, 22050", "22050, 16000", "22050, 8000", "24414, 22050",
            "96000, 8000", "48000, 44101"})
    void toneAboveTheNewNyquistIsRemoved(int srIn, int srOut) {
        double f = (srOut / 2.0 + srIn / 2.0) / 2; // midway between the two Nyquists
        float[] x = sine(srIn, srIn / 2, f, 0.5, 0);
        float[] y = Resampler.resample(x, srIn, srOut);
        double rms = rms(y, srOut / 20, y.length - srOut / 20);
        double db = 20 * Math.log10(rms / (0.5 / Math.sqrt(2)));
        assertTrue(db < -60, f + " Hz tone only " + db + " dB down");
    }

    /** Upsampling creates no images: a passband tone's output is that tone alone. */
    @ParameterizedTest(name = "{0} -> {1} Hz")
    @CsvSource({"16000, 22050", "8000, 16000", "44100, 48000", "8000, 48000"})
    void upsamplingAddsNoImages(int srIn, int srOut) {
        double f = 0.45 * srIn; // its first image, srIn - f, is below the new Nyquist
        float[] x = sine(srIn, srIn / 2, f, 0.5, 1.0);
        float[] y = Resampler.resample(x, srIn, srOut);
        double[] fit = fitSine(y, srOut, f, srOut / 20, y.length - srOut / 20);
        assertTrue(Math.abs(20 * Math.log10(fit[0] / 0.5)) < 0.1);
        assertTrue(fit[2] < 1e-3 * fit[0], "residual " + fit[2]);
    }

    @ParameterizedTest(name = "{0} -> {1} Hz")
    @MethodSource("pairs")
    void dcGainIsOne(int srIn, int srOut) {
        float[] x = new float[srIn / 4];
        java.util.Arrays.fill(x, 0.5f);
        float[] y = Resampler.resample(x, srIn, srOut);
        for (int i = srOut / 40; i < y.length - srOut / 40; i++) {
            assertEquals(0.5, y[i], 2e-6, "sample " + i);
        }
    }

    // ------------------------------------------------------------------ threads

    @Test
    void oneInstanceGivesIdenticalResultsFromFourThreads() throws Exception {
        Resampler r = Resampler.of(48000, 22050);
        Resampler up = Resampler.of(16000, 22050);
        List<float[]> inputs = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            inputs.add(noise(5000 + 3777 * i, 100 + i));
        }
        List<float[]> expected = new ArrayList<>();
        for (float[] x : inputs) {
            expected.add(r.resample(x));
            expected.add(up.resample(x));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<float[]>>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int shift = t;
                futures.add(pool.submit(() -> {
                    List<float[]> out = new ArrayList<>(expected);
                    for (int rep = 0; rep < 5; rep++) {
                        for (int j = 0; j < inputs.size(); j++) {
                            int i = (j + shift) % inputs.size(); // threads interleave differently
                            out.set(2 * i, r.resample(inputs.get(i)));
                            out.set(2 * i + 1, up.resample(inputs.get(i)));
                        }
                    }
                    return out;
                }));
            }
            for (Future<List<float[]>> f : futures) {
                List<float[]> got = f.get();
                for (int i = 0; i < expected.size(); i++) {
                    assertArrayEquals(expected.get(i), got.get(i), "result " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------ parity with soxr_hq

    static Stream<Path> fixtures() throws IOException {
        try (Stream<Path> s = Files.list(FIXTURES)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".in.npy")).sorted().toList().stream();
        }
    }

    /**
     * librosa.resample(res_type='soxr_hq') outputs, made by gen_resample_fixtures.py (the call is
     * in each fixture's .json): same length, and the two SNRs the librosa conformance kit
     * checks (limits 50 dB passband, 35 dB full band), here with margin.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void matchesSoxrHq(Path in) throws IOException {
        String name = in.getFileName().toString().replace(".in.npy", "");
        Matcher m = Pattern.compile("_(\\d+)_(\\d+)$").matcher(name);
        assertTrue(m.find(), name);
        int srIn = Integer.parseInt(m.group(1));
        int srOut = Integer.parseInt(m.group(2));
        String meta = Files.readString(FIXTURES.resolve(name + ".json"));
        assertTrue(meta.contains("orig_sr=" + srIn + ", target_sr=" + srOut + ", res_type='soxr_hq'"), meta);

        float[] x = TestNpy.readFloats(in);
        float[] ref = TestNpy.readFloats(FIXTURES.resolve(name + ".out.npy"));
        float[] y = Resampler.resample(x, srIn, srOut);
        assertEquals(ref.length, y.length, "length");
        if (srIn == srOut) {
            assertArrayEquals(ref, y);
            return;
        }
        double fmax = 0.9 * Math.min(srIn, srOut) / 2;
        int kmax = (int) Math.floor(fmax * y.length / srOut);
        double[] diff = new double[y.length];
        double[] r = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            r[i] = ref[i];
            diff[i] = (double) y[i] - ref[i];
        }
        double pb = 10 * Math.log10(bandEnergy(r, kmax) / bandEnergy(diff, kmax));
        double full = 10 * Math.log10(energy(r) / energy(diff));
        assertTrue(pb >= 60, name + ": passband SNR " + pb + " dB");
        assertTrue(full >= 50, name + ": full-band SNR " + full + " dB");
        if (ResamplerKernel.soxrSingleStage(srIn, srOut) != null) {
            // soxr's own one-stage filter: equal up to float32 rounding, transition band included
            assertTrue(full >= 100, name + ": full-band SNR " + full + " dB with soxr's one-stage design");
        }
    }

    /** Which pairs soxr HQ converts in one DFT stage (the stage choice of its cr.c, ported). */
    @ParameterizedTest(name = "{0} -> {1} Hz: {2}")
    @CsvSource({"44100, 22050, 1:2", "48000, 16000, 1:3", "48000, 32000, 2:3", "8000, 16000, 2:1",
            "16000, 48000, 3:1", "22050, 44100, 2:1", "48000, 22050, none", "96000, 8000, none",
            "16000, 22050, none", "8000, 48000, none", "44100, 11025, none"})
    void soxrOneStagePairs(int srIn, int srOut, String expected) {
        int[] lm = ResamplerKernel.soxrSingleStage(srIn, srOut);
        assertEquals(expected, lm == null ? "none" : lm[0] + ":" + lm[1]);
    }

    // ------------------------------------------------------------------ helpers

    private static float[] noise(int n, long seed) {
        Random rnd = new Random(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (0.3 * rnd.nextGaussian());
        }
        return x;
    }

    private static float[] sine(int sr, int n, double f, double amp, double phase) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * f * i / sr + phase));
        }
        return x;
    }

    /** Least-squares fit of a sin(2 pi f t + phi) on [from, to): {a, phi, rms residual}. */
    private static double[] fitSine(float[] y, int sr, double f, int from, int to) {
        double ss = 0, sc = 0, cc = 0, ys = 0, yc = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * f * i / sr;
            double s = Math.sin(w), c = Math.cos(w);
            ss += s * s;
            sc += s * c;
            cc += c * c;
            ys += y[i] * s;
            yc += y[i] * c;
        }
        double det = ss * cc - sc * sc;
        double a = (ys * cc - yc * sc) / det; // coefficient of sin
        double b = (yc * ss - ys * sc) / det; // coefficient of cos
        double res = 0;
        for (int i = from; i < to; i++) {
            double w = 2 * Math.PI * f * i / sr;
            double e = y[i] - a * Math.sin(w) - b * Math.cos(w);
            res += e * e;
        }
        return new double[] {Math.hypot(a, b), Math.atan2(b, a), Math.sqrt(res / (to - from))};
    }

    private static double rms(float[] y, int from, int to) {
        double s = 0;
        for (int i = from; i < to; i++) {
            s += (double) y[i] * y[i];
        }
        return Math.sqrt(s / (to - from));
    }

    private static double energy(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v * v;
        }
        return s;
    }

    /**
     * Energy of x band-limited to DFT bins 0..kmax, as compare.py's bandlimit (rfft, zero the
     * bins above, irfft) gives it: by Parseval, (|X_0|^2 + 2 sum |X_k|^2 ...) / n.
     */
    private static double bandEnergy(double[] x, int kmax) {
        int n = x.length;
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int i = 0; i < n; i++) {
            cos[i] = Math.cos(2 * Math.PI * i / n);
            sin[i] = Math.sin(2 * Math.PI * i / n);
        }
        double e = 0;
        for (int k = 0; k <= kmax && k <= n / 2; k++) {
            double re = 0, im = 0;
            int idx = 0;
            for (int t = 0; t < n; t++) {
                re += x[t] * cos[idx];
                im -= x[t] * sin[idx];
                idx += k;
                if (idx >= n) {
                    idx -= n;
                }
            }
            double w = (k == 0 || 2 * k == n) ? 1 : 2;
            e += w * (re * re + im * im);
        }
        return e / n;
    }
}
