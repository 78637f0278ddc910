package org.melkit.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.melkit.io.Npy;

class IstftTest {

    static Path fixture(String name) {
        try {
            return Path.of(IstftTest.class.getResource("/fixtures/clean/" + name + ".npy").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static float[] load(String name) {
        return Npy.read(fixture(name)).data();
    }

    private static float[] noise(int n, long seed) {
        Random r = new Random(seed);
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            y[i] = (float) (0.5 * r.nextGaussian());
        }
        return y;
    }

    private static double maxAbsDiff(float[] a, float[] b) {
        assertEquals(a.length, b.length, "length");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]));
        }
        return m;
    }

    @Test
    void roundTripHannQuarterHopCentred() {
        for (int n : new int[] {1, 100, 2047, 2048, 22050, 22051}) {
            float[] y = noise(n, n);
            StftParams p = StftParams.of(2048, 512);
            float[] back = Istft.of(p).inverse(Stft.of(p).complex(y), n);
            double err = maxAbsDiff(y, back);
            assertTrue(err < 1e-6, "n=" + n + ": max |istft(stft(y)) - y| = " + err);
        }
    }

    @Test
    void roundTripOtherShapes() {
        float[] y = noise(5000, 1);
        StftParams[] ps = {StftParams.of(512, 128), StftParams.of(1024, 256).withWinLength(800),
            StftParams.of(256, 64).withWindow(WindowType.HAMMING), StftParams.of(512, 128).withCenter(false)};
        for (StftParams p : ps) {
            float[] back = Istft.of(p).inverse(Stft.of(p).complex(y), y.length);
            int from = p.center() ? 0 : p.nFft(); // uncentred: edges lack full overlap
            int to = p.center() ? y.length : y.length - p.nFft();
            double m = 0;
            for (int i = from; i < to; i++) {
                m = Math.max(m, Math.abs(back[i] - y[i]));
            }
            assertTrue(m < 1e-5, p + ": max error " + m);
        }
    }

    @Test
    void lengthWithoutArgumentIsFramesTimesHop() {
        StftParams p = StftParams.of(256, 64);
        float[] y = noise(1000, 3);
        ComplexMatrix s = Stft.of(p).complex(y);
        assertEquals(64 * (s.cols() - 1), Istft.of(p).inverse(s).length);
    }

    @Test
    void matchesLibrosaCentred() {
        float[] re = load("istft_c_re");
        float[] im = load("istft_c_im");
        int rows = 129;
        int cols = re.length / rows;
        ComplexMatrix s = new ComplexMatrix(FloatMatrix.of(rows, cols, re), FloatMatrix.of(rows, cols, im));
        Istft istft = Istft.of(StftParams.of(256, 64));
        assertClose(load("istft_c"), istft.inverse(s));
        assertClose(load("istft_c_len1900"), istft.inverse(s, 1900));
        // beyond the signal the window sum is tiny and values are large: compared relatively
        assertClose(load("istft_c_len2500"), istft.inverse(s, 2500));
    }

    @Test
    void matchesLibrosaUncentredShortWindow() {
        float[] re = load("istft_n_re");
        float[] im = load("istft_n_im");
        int rows = 129;
        int cols = re.length / rows;
        ComplexMatrix s = new ComplexMatrix(FloatMatrix.of(rows, cols, re), FloatMatrix.of(rows, cols, im));
        StftParams p = StftParams.of(256, 100).withWinLength(200).withCenter(false);
        assertClose(load("istft_n"), Istft.of(p).inverse(s));
    }

    /** Within 2e-6 absolutely, or 1e-5 relatively where the window sum is tiny and values are large. */
    private static void assertClose(float[] expected, float[] got) {
        assertEquals(expected.length, got.length, "length");
        for (int i = 0; i < got.length; i++) {
            assertEquals(expected[i], got[i], 2e-6 + 1e-5 * Math.abs(expected[i]), "sample " + i);
        }
    }

    @Test
    void forwardOfLibrosaSignalMatchesFixtureStft() {
        // ties the fixture to our STFT: the masked fixture is built from librosa.stft(y) of istft_y
        float[] y = load("istft_y");
        assertEquals(2000, y.length);
        ComplexMatrix s = Stft.of(StftParams.of(256, 64)).complex(y);
        assertEquals(129, s.rows());
        assertEquals(load("istft_c_re").length / 129, s.cols());
    }

    @Test
    void rejectsWrongBinCount() {
        ComplexMatrix s = new ComplexMatrix(FloatMatrix.zeros(10, 3), FloatMatrix.zeros(10, 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Istft.of(StftParams.of(256, 64)).inverse(s));
        assertTrue(e.getMessage().contains("nFft=256"));
    }
}
