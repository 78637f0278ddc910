package org.melkit.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.AudioClip;
import org.melkit.ml.Evaluation;
import org.melkit.ml.Pca;
import org.melkit.ml.Roc;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every chart against a golden image (pixel tolerance, never byte-exact), plus what each must
 * show. Rewrite the goldens with {@code -Dmelkit.updateGolden=true}, then look at them.
 */
class ChartsTest {
    /** A seeded, EDA-shaped table: three classes of different lengths, four sample rates. */
    static Table eda() {
        Random r = new Random(7);
        List<String> cls = new ArrayList<>();
        List<Double> dur = new ArrayList<>();
        List<Integer> sr = new ArrayList<>();
        String[] names = {"bird", "cat", "dog"};
        int[] n = {40, 25, 60};
        double[] mean = {1.2, 2.5, 3.4};
        int[] rates = {16000, 22050, 44100, 48000};
        for (int c = 0; c < names.length; c++) {
            for (int i = 0; i < n[c]; i++) {
                cls.add(names[c]);
                dur.add(Math.max(0.1, mean[c] + 0.6 * r.nextGaussian()));
                sr.add(rates[(c + i % 3 == 0 ? 0 : i % 4) % 4]);
            }
        }
        return Table.create("eda", StringColumn.create("class", cls), DoubleColumn.create("duration", dur),
                IntColumn.create("sample_rate", sr.stream().mapToInt(Integer::intValue).toArray()));
    }

    /** A 1.5 s rising chirp with a little seeded noise, at 22050 Hz. */
    static AudioClip chirp() {
        int sr = 22050;
        float[] y = new float[(int) (1.5 * sr)];
        Random r = new Random(3);
        for (int i = 0; i < y.length; i++) {
            double t = (double) i / sr;
            y[i] = (float) (0.6 * Math.sin(2 * Math.PI * (200 * t + 1200 * t * t)) * Math.min(1, t * 8) + 0.001 * r.nextGaussian());
        }
        return AudioClip.mono(y, sr);
    }

    private static void golden(String name, BufferedImage img) {
        Golden.assertMatchesHalf(name, img, 24, 0.01);
    }

    @Test
    void durationHistogramCountsEveryClip() {
        Table t = eda();
        BufferedImage img = Charts.durationHistogram(t);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
        assertEquals(12, Charts.defaultBins(t.rowCount()), "sqrt(125) rounded up");
        assertTrue(countColour(img, 0x1F77B4) > 20_000, "bars are filled in tab10 blue");
        golden("charts_duration_hist.png", img);
    }

    @Test
    void histogramRejectsNoData() {
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram(new double[] {Double.NaN}, 10, "x", "x"));
        assertThrows(IllegalArgumentException.class, () -> Charts.histogram(new double[] {1, 2}, 0, "x", "x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Charts.durationHistogram(Table.create("t", StringColumn.create("len"))));
        assertTrue(e.getMessage().contains("'duration'"), e.getMessage());
    }

    @Test
    void durationBoxPlotHasABoxPerClass() {
        golden("charts_duration_box.png", Charts.durationBoxPlot(eda()));
    }

    @Test
    void classBalanceAndSampleRateMix() {
        BufferedImage classes = Charts.classBalance(eda());
        golden("charts_class_balance.png", classes);
        golden("charts_sample_rates.png", Charts.sampleRateMix(eda()));
    }

    @Test
    void clipCharts() {
        AudioClip c = chirp();
        BufferedImage w = Charts.waveform(c, "chirp");
        assertEquals(240, w.getHeight());
        golden("charts_waveform.png", w);
        BufferedImage mel = Charts.melspectrogram(c);
        assertEquals(Charts.WIDTH, mel.getWidth());
        golden("charts_mel.png", mel);
        golden("charts_mfcc.png", Charts.mfcc(c, 13));
    }

    @Test
    void beforeAfterPutsBothClipsOnOneScale() {
        AudioClip before = chirp();
        float[] y = before.samples();
        float[] quiet = new float[y.length / 2];
        for (int i = 0; i < quiet.length; i++) {
            quiet[i] = 0.25f * y[i + y.length / 4];
        }
        BufferedImage img = Charts.beforeAfter(before, AudioClip.mono(quiet, before.sampleRate()), "before", "after: cut, -12 dB");
        assertEquals(960, img.getWidth());
        golden("charts_before_after.png", img);
    }

    @Test
    void pcaScatterColoursEachClass() {
        Random r = new Random(11);
        double[][] pts = new double[90][];
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < pts.length; i++) {
            int k = i % 3;
            pts[i] = new double[] {2.5 * k - 2.5 + 0.7 * r.nextGaussian(), (k == 1 ? 1.5 : -0.5) + 0.7 * r.nextGaussian()};
            labels.add(new String[] {"bass", "drums", "guitar"}[k]);
        }
        BufferedImage img = Charts.pcaScatter(pts, labels);
        assertTrue(countColour(img, 0x1F77B4) > 300 && countColour(img, 0xFF7F0E) > 300 && countColour(img, 0x2CA02C) > 300);
        golden("charts_pca.png", img);
        assertThrows(IllegalArgumentException.class, () -> Charts.pcaScatter(pts, labels.subList(0, 3)));
        // from a fitted PCA: same points, axes that say how much variance they hold
        double[][] x = new double[pts.length][];
        for (int i = 0; i < pts.length; i++) {
            x[i] = new double[] {pts[i][0], pts[i][1], 0.1 * pts[i][0] + 0.05 * r.nextGaussian()};
        }
        Pca.Result fit = Pca.standardiseAndProject(x, 2);
        assertEquals(Charts.WIDTH, Charts.pcaScatter(fit, labels).getWidth());
        assertThrows(IllegalArgumentException.class, () -> Charts.pcaScatter(Pca.standardiseAndProject(x, 1), labels));
    }

    @Test
    void trainingCurvesShowLossAndAccuracy() {
        int n = 12;
        double[] loss = new double[n];
        double[] vloss = new double[n];
        double[] acc = new double[n];
        double[] vacc = new double[n];
        for (int e = 0; e < n; e++) {
            loss[e] = 1.9 * Math.exp(-e / 3.0) + 0.1;
            vloss[e] = 1.9 * Math.exp(-e / 4.0) + 0.25 + 0.01 * e;
            acc[e] = 1 - 0.8 * Math.exp(-e / 3.0);
            vacc[e] = 0.9 - 0.75 * Math.exp(-e / 4.0);
        }
        BufferedImage img = Charts.trainingCurves(loss, vloss, acc, vacc, "test");
        assertEquals(2 * Charts.WIDTH, img.getWidth());
        golden("charts_training.png", img);
        assertEquals(Charts.WIDTH, Charts.trainingCurves(loss).getWidth());

        // the name changes the two legend boxes (their text and width) and nothing else: curves and axes stay the same pixels
        BufferedImage validation = Charts.trainingCurves(loss, vloss, acc, vacc);
        int[] left = changedBox(img, validation, 0, Charts.WIDTH);
        int[] right = changedBox(img, validation, Charts.WIDTH, 2 * Charts.WIDTH);
        assertTrue(left != null && right != null, "the default legend says \"validation\", not \"test\"");
        assertTrue(left[0] > Charts.WIDTH / 2 && left[1] < Charts.HEIGHT / 2,
                "loss legend in the top right: changes at x=" + left[0] + ", y=" + left[1] + ".." + left[3]);
        assertTrue(right[0] > Charts.WIDTH + Charts.WIDTH / 2 && right[1] > Charts.HEIGHT / 2,
                "accuracy legend in the bottom right: changes at x=" + right[0] + ", y=" + right[1] + ".." + right[3]);
        for (int[] box : List.of(left, right)) {
            assertTrue(box[2] - box[0] < 140 && box[3] - box[1] < 60, "only a legend box differs: " + Arrays.toString(box));
        }
        assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves(loss, vloss, acc, vacc, "train"));
        assertThrows(IllegalArgumentException.class, () -> Charts.trainingCurves(loss, vloss, acc, vacc, " "));
    }

    /** {minX, minY, maxX, maxY} of the pixels in columns [x0, x1) that differ between a and b; null when none do. */
    private static int[] changedBox(BufferedImage a, BufferedImage b, int x0, int x1) {
        int[] box = null;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = x0; x < x1; x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    box = box == null ? new int[] {x, y, x, y}
                            : new int[] {Math.min(box[0], x), Math.min(box[1], y), Math.max(box[2], x), Math.max(box[3], y)};
                }
            }
        }
        return box;
    }

    @Test
    void evaluationCharts() {
        List<String> yTrue = List.of("ang", "ang", "ang", "hap", "hap", "hap", "sad", "sad", "sad", "sad");
        List<String> yPred = List.of("ang", "ang", "hap", "hap", "hap", "sad", "sad", "sad", "sad", "ang");
        golden("charts_confusion.png", Charts.confusionMatrix(Evaluation.of(yTrue, yPred)));
        double[][] scores = new double[yTrue.size()][];
        Random r = new Random(5);
        List<String> labels = List.of("ang", "hap", "sad");
        for (int i = 0; i < scores.length; i++) {
            scores[i] = new double[3];
            for (int k = 0; k < 3; k++) {
                scores[i][k] = r.nextDouble() + (labels.get(k).equals(yTrue.get(i)) ? 0.35 : 0);
            }
        }
        golden("charts_roc.png", Charts.rocCurves(Roc.oneVsRest(yTrue, scores, labels)));
    }

    @Test
    void saveWritesAReadablePng(@TempDir Path dir) throws Exception {
        Path p = dir.resolve("hist.png");
        Charts.save(Charts.durationHistogram(eda()), p);
        assertTrue(Files.size(p) > 1000);
        assertEquals(Charts.WIDTH, javax.imageio.ImageIO.read(p.toFile()).getWidth());
    }

    static int countColour(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                n += (img.getRGB(x, y) & 0xffffff) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
