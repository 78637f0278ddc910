package org.melkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;

class SpectrogramImageTest {
    @TempDir
    Path tmp;

    /** A deterministic dB "spectrogram" (rows = bins) in [-80, 0]: a rising ridge, a band, a gradient. */
    static FloatMatrix synthetic(int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double ridge = Math.exp(-Math.pow(r - (double) c * rows / cols, 2) / 18.0);
                double band = r >= rows / 4 && r < rows / 4 + 3 && c > cols / 3 && c < 2 * cols / 3 ? 1 : 0;
                double v = -80 + 30.0 * c / cols + 50 * Math.max(ridge, band);
                d[r * cols + c] = (float) Math.max(-80, Math.min(0, v));
            }
        }
        return FloatMatrix.of(rows, cols, d);
    }

    static float[] chirp(int sr, double seconds) {
        float[] y = new float[(int) (sr * seconds)];
        double ph = 0;
        for (int i = 0; i < y.length; i++) {
            double f = 200 * Math.pow(2, 3.0 * i / y.length);
            ph += 2 * Math.PI * f / sr;
            y[i] = (float) (0.4 * Math.sin(ph) + 0.1 * Math.sin(2 * ph));
        }
        return y;
    }

    @Test
    void dbScaleIsInvertibleToHalfAStep() {
        DbScale s = DbScale.DEFAULT;
        assertEquals(80.0 / 255, s.step(), 1e-12);
        for (double db = -80; db <= 0; db += 0.0137) {
            int level = s.level(db);
            assertEquals(db, s.db(level), s.step() / 2 + 1e-9);
        }
        assertEquals(0, s.level(-200));
        assertEquals(255, s.level(5));
        assertEquals(0, s.level(Double.NaN));
        assertEquals(128, s.level(-40 + 0.1));
        for (int l = 0; l < 256; l++) {
            assertEquals(l, s.level(s.db(l)));
        }
        assertThrows(IllegalArgumentException.class, () -> new DbScale(0, -80));
    }

    @Test
    void colormapsAreDistinctMonotoneAndInvertible() {
        int[] magma = Colormap.MAGMA.lut();
        assertEquals(256, magma.length);
        assertEquals(0x000004, magma[0], "round(255 * (0.001462, 0.000466, 0.013866))");
        assertEquals(0xFCFDBF, magma[255], "round(255 * (0.987053, 0.991438, 0.749504))");
        double prev = -1;
        for (int i = 0; i < 256; i++) {
            assertEquals(i, Colormap.MAGMA.indexOf(magma[i]));
            assertEquals(i, Colormap.GREY.indexOf(Colormap.GREY.rgb(i)));
            int c = magma[i];
            double luma = 0.2126 * ((c >> 16) & 0xff) + 0.7152 * ((c >> 8) & 0xff) + 0.0722 * (c & 0xff);
            assertTrue(luma >= prev - 0.5, "magma brightens monotonically at " + i);
            prev = luma;
        }
        assertEquals(200, Colormap.MAGMA.indexOf(magma[200] + 0x010000 <= 0xffffff ? magma[200] ^ 0x000001 : magma[200]),
                "an off-by-one colour maps to the nearest entry");
    }

    @Test
    void resizeAveragesAreasAndInterpolates() {
        FloatMatrix m = FloatMatrix.of(2, 4, new float[] {1, 2, 3, 4, 5, 6, 7, 8});
        FloatMatrix half = SpectrogramImage.resize(m, 1, 2);
        assertEquals(3.5f, half.get(0, 0), 1e-6); // mean of 1 2 5 6
        assertEquals(5.5f, half.get(0, 1), 1e-6);
        FloatMatrix third = SpectrogramImage.resize(FloatMatrix.of(1, 3, new float[] {0, 3, 6}), 1, 2);
        assertEquals(1.0f, third.get(0, 0), 1e-6); // (0 + 3 * 0.5) / 1.5
        assertEquals(5.0f, third.get(0, 1), 1e-6);
        assertEquals(m, SpectrogramImage.resize(m, 2, 4), "same size is the identity");
        FloatMatrix up = SpectrogramImage.resize(FloatMatrix.of(1, 2, new float[] {0, 4}), 1, 4);
        assertEquals(0f, up.get(0, 0), 1e-6);
        assertEquals(1f, up.get(0, 1), 1e-6);
        assertEquals(3f, up.get(0, 2), 1e-6);
        assertEquals(4f, up.get(0, 3), 1e-6);
        FloatMatrix big = synthetic(128, 431);
        FloatMatrix small = SpectrogramImage.resize(big, 128, 128);
        double a = 0;
        double b = 0;
        for (float v : big.toArray()) {
            a += v;
        }
        for (float v : small.toArray()) {
            b += v;
        }
        assertEquals(a / big.size(), b / small.size(), 1e-3, "area averaging keeps the mean");
    }

    @Test
    void lowFrequenciesAreAtTheBottom() {
        float[] d = new float[16 * 8];
        java.util.Arrays.fill(d, -80f);
        for (int c = 0; c < 8; c++) {
            d[c] = 0f; // bin 0 loud
        }
        BufferedImage img = SpectrogramImage.toImage(FloatMatrix.of(16, 8, d), SpectrogramImage.Options.DEFAULT.withSize(8, 16));
        assertEquals(255, img.getRaster().getSample(3, 15, 0), "bottom row = bin 0");
        assertEquals(0, img.getRaster().getSample(3, 0, 0), "top row = highest bin");
    }

    @Test
    void pngRoundTripRecoversTheDbValues() {
        FloatMatrix db = synthetic(128, 128);
        for (Colormap cm : Colormap.values()) {
            SpectrogramImage.Options o = SpectrogramImage.Options.DEFAULT.withColormap(cm);
            Path p = tmp.resolve(cm + ".png");
            SpectrogramImage.writePng(p, SpectrogramImage.toImage(db, o));
            BufferedImage back = SpectrogramImage.readImage(p);
            assertEquals(cm == Colormap.GREY ? BufferedImage.TYPE_BYTE_GRAY : BufferedImage.TYPE_3BYTE_BGR, back.getType(), cm.toString());
            FloatMatrix inv = SpectrogramImage.toDb(back, o.scale(), cm);
            assertEquals(128, inv.rows());
            for (int r = 0; r < 128; r++) {
                for (int c = 0; c < 128; c++) {
                    assertEquals(db.get(r, c), inv.get(r, c), DbScale.DEFAULT.step() / 2 + 1e-4, cm + " at " + r + "," + c);
                }
            }
        }
    }

    @Test
    void fixedSizeImagesMatchTheGoldens() {
        int sr = 22050;
        MelParams p = MelParams.of(sr);
        FloatMatrix db = MelSpectrogram.of(p).computeDb(chirp(sr, 2.0), Ref.max(), 1e-10, 80.0);
        assertEquals(128, db.rows());
        BufferedImage grey = SpectrogramImage.toImage(db, SpectrogramImage.Options.DEFAULT);
        assertEquals(128, grey.getWidth());
        assertEquals(128, grey.getHeight());
        Golden.assertMatches("chirp_mel_grey_128.png", grey, 2, 0.0);
        Golden.assertMatches("chirp_mel_magma_128.png",
                SpectrogramImage.toImage(db, SpectrogramImage.Options.DEFAULT.withColormap(Colormap.MAGMA)), 3, 0.0);
        Golden.assertMatches("synthetic_magma_64x96.png",
                SpectrogramImage.toImage(synthetic(128, 300), new SpectrogramImage.Options(64, 96, DbScale.DEFAULT, Colormap.MAGMA)), 3, 0.0);
    }

    @Test
    void chartsMatchTheGoldensAndHaveAxes() {
        int sr = 22050;
        MelParams p = MelParams.of(sr);
        float[] y = chirp(sr, 2.0);
        FloatMatrix db = MelSpectrogram.of(p).computeDb(y, Ref.max(), 1e-10, 80.0);
        BufferedImage chart = SpectrogramPlot.mel(db, p).title("chirp 200 Hz to 1.6 kHz").render();
        assertEquals(800, chart.getWidth());
        assertEquals(400, chart.getHeight());
        // text and ticks live in the margins: dark pixels left of and below the plot area
        assertTrue(darkPixels(chart, 0, 0, 60, 400) > 50, "frequency labels");
        assertTrue(darkPixels(chart, 62, 356, 650, 44) > 50, "time labels");
        assertTrue(darkPixels(chart, 735, 0, 65, 400) > 50, "colour bar labels");
        Golden.assertMatches("chirp_mel_chart.png", chart, 24, 0.01);
        BufferedImage wave = WaveformPlot.render(y, sr, 800, 200, "chirp");
        Golden.assertMatches("chirp_waveform.png", wave, 24, 0.01);
        assertTrue(SpectrogramPlot.mel(db, p).toString().contains("(128, 87)"), SpectrogramPlot.mel(db, p).toString());
    }

    private static int darkPixels(BufferedImage img, int x0, int y0, int w, int h) {
        int n = 0;
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                int c = img.getRGB(x, y);
                if (((c >> 16) & 0xff) + ((c >> 8) & 0xff) + (c & 0xff) < 200) {
                    n++;
                }
            }
        }
        return n;
    }
}
