package org.melkit.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.ml.Evaluation;
import org.melkit.dataset.MelDbParams;
import org.melkit.ml.Roc;

class SpectrogramCnnTest {
    @TempDir
    Path tmp;

    /** Grey PNGs: "high" has a bright band near the top, "low" near the bottom, both with noise. */
    static Path bandImages(Path root, int perClass, int size) throws IOException {
        SplittableRandom r = new SplittableRandom(7);
        for (String cls : new String[] {"high", "low"}) {
            Files.createDirectories(root.resolve(cls));
            for (int i = 0; i < perClass; i++) {
                BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_BYTE_GRAY);
                int centre = cls.equals("high") ? size / 5 : 4 * size / 5;
                centre += r.nextInt(5) - 2;
                for (int y = 0; y < size; y++) {
                    for (int x = 0; x < size; x++) {
                        double v = 60 * r.nextDouble() + (Math.abs(y - centre) <= 2 ? 150 : 0);
                        img.getRaster().setSample(x, y, 0, (int) Math.min(255, v));
                    }
                }
                ImageIO.write(img, "png", root.resolve(cls + "/" + String.format("%02d.png", i)).toFile());
            }
        }
        Files.writeString(root.resolve("high/.DS_Store"), "junk");
        return root;
    }

    @Test
    void imagesLoadAsOneChannelGreyLevelsWithSortedClasses() throws IOException {
        LabeledData d = LabeledData.images(bandImages(tmp.resolve("img"), 3, 16));
        assertArrayEquals(new long[] {6, 1, 16, 16}, d.features().shape());
        assertEquals(List.of("high", "low"), d.classes());
        assertEquals("high/00.png", d.files().get(0));
        assertEquals("low", d.className(5));
        assertArrayEquals(new float[] {0f, 1f}, d.labels().getRow(4).toFloatVector());
        assertTrue(d.features().minNumber().doubleValue() >= 0 && d.features().maxNumber().doubleValue() <= 1);
        BufferedImage first = ImageIO.read(tmp.resolve("img/high/00.png").toFile());
        assertEquals(first.getRaster().getSample(5, 3, 0) / 255.0, d.features().getDouble(0, 0, 3, 5), 1e-6);
    }

    @Test
    void imagesOfDifferentSizesAreRefusedNamingBoth() throws IOException {
        Path root = bandImages(tmp.resolve("img"), 2, 16);
        ImageIO.write(new BufferedImage(12, 16, BufferedImage.TYPE_BYTE_GRAY), "png", root.resolve("low/99.png").toFile());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LabeledData.images(root));
        assertTrue(e.getMessage().contains("99.png") && e.getMessage().contains("16x12"), e.getMessage());
    }

    @Test
    void npyClassFoldersOfAnExtractBuildLoad() {
        Path in = tmp.resolve("wav");
        Fixtures.wav(in.resolve("tone/1.wav"), Fixtures.sine(440, 0.3, 22050, 0.5), 22050);
        Fixtures.wav(in.resolve("noise/1.wav"), Fixtures.noise(1, 0.3, 22050, 0.5), 22050);
        Fixtures.wav(in.resolve("noise/2.wav"), Fixtures.noise(2, 0.3, 22050, 0.5), 22050);
        MelDbParams p = MelDbParams.DEFAULT.withNFft(512).withHopLength(256).withNMels(24).withFrames(20);
        ClassFolderExtractor.of(p).run(in, tmp.resolve("out"));
        LabeledData d = LabeledData.npy(tmp.resolve("out/features"));
        assertArrayEquals(new long[] {3, 1, 24, 20}, d.features().shape());
        assertEquals(List.of("noise", "tone"), d.classes());
    }

    @Test
    void aSeededRunLearnsTheBandsAndRepeatsExactly() throws IOException {
        LabeledData all = LabeledData.images(bandImages(tmp.resolve("img"), 16, 24));
        List<LabeledData> split = all.split(0.25, 3);
        assertEquals(24, split.get(0).size());
        assertEquals(8, split.get(1).size());
        CnnParams p = CnnParams.DEFAULT.withEpochs(6).withBatchSize(8).withFilters(4).withDense(16).withLearningRate(1e-2).withSeed(11);
        TrainingRun run = SpectrogramCnn.of(p).train(split.get(0), split.get(1));

        List<TrainingRun.Epoch> h = run.history();
        assertEquals(6, h.size());
        assertTrue(h.get(5).trainLoss() < h.get(0).trainLoss(), h.toString());
        assertTrue(h.get(5).testAccuracy() >= 0.875, h.toString());
        double[][] prob = run.probabilities();
        assertEquals(8, prob.length);
        for (double[] row : prob) {
            assertEquals(1.0, row[0] + row[1], 1e-5, "softmax rows sum to 1");
        }
        Evaluation e = run.evaluation();
        assertEquals(h.get(5).testAccuracy(), e.accuracy(), 1e-12);
        assertEquals(List.of("high", "low"), e.labels());
        assertEquals(2, run.roc().size());
        assertTrue(Roc.macroAuc(run.roc()) >= 0.9, run.roc().toString());

        assertEquals(h.get(5).testAccuracy(), run.testAccuracy()[5]);
        assertEquals(h.get(0).trainLoss(), run.trainLoss()[0]);
        java.awt.image.BufferedImage curves = run.curves();
        assertTrue(curves.getWidth() > 200 && curves.getHeight() > 100, curves.toString());
        ImageIO.write(curves, "png", tmp.resolve("curves.png").toFile());
        if (System.getProperty("melkit.keepImages") != null) {
            Files.copy(tmp.resolve("curves.png"), Path.of(System.getProperty("melkit.keepImages")), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }

        TrainingRun again = SpectrogramCnn.of(p).train(split.get(0), split.get(1));
        assertEquals(h, again.history(), "same seed, same curves");
        assertArrayEquals(prob, again.probabilities());
    }

    @Test
    void badSettingsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CnnParams.DEFAULT.withEpochs(0));
        assertTrue(e.getMessage().contains("epochs=0"), e.getMessage());
    }
}
