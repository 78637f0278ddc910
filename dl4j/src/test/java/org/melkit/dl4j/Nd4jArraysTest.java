package org.melkit.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.CorporaParams;
import org.melkit.dataset.CorporaResult;
import org.melkit.dataset.Corpus;
import org.melkit.dataset.EmotionCorpora;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.MeldResult;
import org.melkit.dataset.MeldSplit;
import org.melkit.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

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
    void corporaSplitsBecomeDataSetsOfTheSameShapeAndValues() {
        assumeNd4j();
        Path rav = tmp.resolve("in/RAVDESS");
        int i = 0;
        for (int actor = 1; actor <= 2; actor++) {
            for (int e = 1; e <= 8; e++) {
                for (int rep = 1; rep <= 2; rep++) {
                    String name = String.format("Actor_%02d/03-01-%02d-01-01-%02d-%02d.wav", actor, e, rep, actor);
                    Fixtures.wav(rav.resolve(name), Fixtures.noise(i++, 0.2, 22050, 0.1 * e), 22050);
                }
            }
        }
        MelDbParams f = MelDbParams.DEFAULT.withNFft(512).withHopLength(256).withNMels(16).withFrames(8);
        CorporaResult r = EmotionCorpora.of(CorporaParams.DEFAULT.withFeatures(f)).run(Map.of(Corpus.RAVDESS, rav), tmp.resolve("out"));
        assertEquals(0, r.failureCount(), r.toString());
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
    void meldSplitBecomesADataSetWithEmotionOrSentimentLabels() {
        assumeNd4j();
        Path x = tmp.resolve("X_audio_train.npy");
        float[] data = new float[3 * 4 * 5];
        for (int i = 0; i < data.length; i++) {
            data[i] = i;
        }
        Npy.write(x, data, 3, 4, 5, 1);
        Npy.write(tmp.resolve("y_emotion_train.npy"), new float[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1}, 3, 7);
        Npy.write(tmp.resolve("y_sentiment_train.npy"), new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 3, 3);
        MeldResult.Split s = new MeldResult.Split(MeldSplit.TRAIN, List.of(), Map.of("rows", 3), x, false);
        DataSet d = Nd4jArrays.meld(s, false);
        assertArrayEquals(new long[] {3, 4, 5, 1}, d.getFeatures().shape());
        assertEquals(2 * 20 + 3 * 5 + 4, d.getFeatures().getFloat(2, 3, 4, 0));
        assertEquals(4, d.getLabels().getRow(1).argMax().getInt(0));
        assertArrayEquals(new long[] {3, 3}, Nd4jArrays.meld(s, true).getLabels().shape());
    }

    @Test
    void extractFeaturesStackWithOneHotClassLabels() {
        assumeNd4j();
        Path in = tmp.resolve("in");
        Fixtures.wav(in.resolve("b/1.wav"), Fixtures.sine(440, 0.3, 22050, 0.5), 22050);
        Fixtures.wav(in.resolve("a/1.wav"), Fixtures.noise(1, 0.3, 22050, 0.5), 22050);
        Fixtures.wav(in.resolve("a/2.wav"), Fixtures.noise(2, 0.3, 22050, 0.5), 22050);
        MelDbParams p = MelDbParams.DEFAULT.withNFft(512).withHopLength(256).withNMels(24).withFrames(20);
        ExtractResult r = ClassFolderExtractor.of(p).run(in, tmp.resolve("out"));
        DataSet d = Nd4jArrays.of(r);
        assertArrayEquals(new long[] {3, 24, 20}, d.getFeatures().shape());
        assertArrayEquals(new float[] {0f, 1f}, d.getLabels().getRow(2).toFloatVector());
        assertEquals(r.feature(1).get(7, 9), d.getFeatures().getFloat(1, 7, 9));
    }
}
