package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.melkit.io.Npy;

class Nd4jArraysTest {
    @TempDir
    Path tmp;

    static void assumeNd4j() {
        try {
            org.nd4j.linalg.factory.Nd4j.create(new float[] {1f}, new long[] {1}, 'c');
        } catch (Throwable t) { // native backend missing on this platform
            Assumptions.assumeTrue(false, "ND4J's native backend does not load here: " + t);
        }
    }

    @Test
    void corporaSplitsBecomeDataSetsOfTheSameShapeAndValues() throws IOException {
        assumeNd4j();
        CorporaResult r = EmotionCorpora.of(CorporaParams.DEFAULT.withFeatures(EmotionCorporaTest.F)).withDecoder(TestWav.decoder())
                .run(DatasetFixtures.corpora(tmp.resolve("in")), tmp.resolve("out"));
        DataSet train = Nd4jArrays.train(r);
        Npy.Array x = r.xTrain();
        assertArrayEquals(new long[] {r.trainCount(), 16, 8}, train.getFeatures().shape());
        assertArrayEquals(new long[] {r.trainCount(), 8}, train.getLabels().shape());
        assertEquals(x.data()[5 * 128 + 3 * 8 + 2], train.getFeatures().getFloat(5, 3, 2));
        INDArray y = train.getLabels();
        assertEquals(r.trainCount(), y.sumNumber().intValue(), "one-hot rows sum to 1");
        assertEquals(r.labelsTrain()[4], y.getRow(4).argMax().getInt(0));
        assertArrayEquals(new long[] {r.testCount(), 16, 8}, Nd4jArrays.test(r).getFeatures().shape());
    }

    @Test
    void extractFeaturesStackWithOneHotClassLabels() throws IOException {
        assumeNd4j();
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("b/1.wav"), TestWav.sine(440, 0.3, 22050, 0.5), 22050);
        TestWav.write(in.resolve("a/1.wav"), TestWav.noise(1, 0.3, 22050, 0.5), 22050);
        TestWav.write(in.resolve("a/2.wav"), TestWav.noise(2, 0.3, 22050, 0.5), 22050);
        ExtractResult r = ClassFolderExtractor.of(ClassFolderExtractorTest.P).withDecoder(TestWav.decoder()).run(in, tmp.resolve("out"));
        DataSet d = Nd4jArrays.of(r);
        assertArrayEquals(new long[] {3, 24, 20}, d.getFeatures().shape());
        assertArrayEquals(new float[] {0f, 1f}, d.getLabels().getRow(2).toFloatVector());
        assertEquals(r.feature(1).get(7, 9), d.getFeatures().getFloat(1, 7, 9));
    }
}
