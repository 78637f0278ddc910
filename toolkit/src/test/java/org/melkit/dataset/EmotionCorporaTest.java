package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.features.Recipes;
import tech.tablesaw.api.Table;
import org.melkit.io.Npy;
import org.melkit.batch.AudioDecoder;
import org.melkit.ml.MinMaxScaler;

class EmotionCorporaTest {
    static final MelDbParams F = MelDbParams.DEFAULT.withNFft(512).withHopLength(256).withNMels(16).withFrames(8);
    static final CorporaParams P = CorporaParams.DEFAULT.withFeatures(F);

    @TempDir
    Path tmp;

    static final int OK = DatasetFixtures.CORPORA_OK;
    /** README.txt in the TESS folder has no audio extension, so it is no input (one extension list for every job). */
    static final List<String> FAILED = List.of("crema:1005_DFA_ANG_XX.wav", "crema:1076_MTI_SAD_XX.wav", "savee:ALL/DC_x01.wav");

    EmotionCorpora builder(CorporaParams p) {
        return EmotionCorpora.of(p).withJobs(2).withDecoder(TestWav.decoder());
    }

    /** The unscaled features of a side's rows (recipe_a of the samples the kept frames need), recomputed from the files. */
    static List<float[]> features(Map<Corpus, Path> roots, Table index) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < index.rowCount(); i++) {
            Path f = roots.get(Corpus.parseId(index.stringColumn("corpus").get(i))).resolve(index.stringColumn("source").get(i));
            float[] y = TestWav.decoder().decode(f, F.sr());
            out.add(ClassFolderExtractor.feature(y, F).toArray());
        }
        return out;
    }

    static float[] row(Npy.Array a, int i) {
        int cells = a.data().length / a.shape()[0];
        return java.util.Arrays.copyOfRange(a.data(), i * cells, (i + 1) * cells);
    }

    @Test
    void stratifiedSplitWithTrainOnlyScalingOneHotLabelsAndFailures() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        CorporaResult r = builder(P).run(roots, out);

        // failures: unparseable names, a corrupt and an empty clip; hidden files are not inputs
        assertEquals(FAILED, r.failures().stringColumn("source").asList());
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("crema:1076_MTI_SAD_XX.wav,decodes to 0 samples"));
        assertEquals(1, r.exitStatus());
        assertEquals(OK + FAILED.size(), r.inputs());
        assertFalse(Files.exists(out.resolve(EmotionCorpora.CACHE)), "the feature cache is removed at the end");

        // shapes and index alignment
        int ntr = r.trainCount();
        int nte = r.testCount();
        assertEquals(OK, ntr + nte);
        assertArrayEquals(new int[] {ntr, F.nMels(), F.frames()}, r.xTrain().shape());
        assertArrayEquals(new int[] {nte, F.nMels(), F.frames()}, r.xTest().shape());
        assertArrayEquals(new int[] {ntr, 8}, r.yTrain().shape());
        assertArrayEquals(new int[] {nte, 8}, r.yTest().shape());
        assertTrue(Files.readString(out.resolve("index_train.csv")).startsWith("source,corpus,speaker,emotion,label\n"));
        assertEquals("{\n  \"neutral\": 0,\n  \"calm\": 1,\n  \"happy\": 2,\n  \"sad\": 3,\n  \"angry\": 4,\n  \"fear\": 5,\n"
                + "  \"disgust\": 6,\n  \"surprise\": 7\n}\n", Files.readString(out.resolve("labels.json")));

        // one-hot rows sum to 1 and agree with the index
        for (boolean train : new boolean[] {true, false}) {
            Npy.Array y = train ? r.yTrain() : r.yTest();
            int[] labels = train ? r.labelsTrain() : r.labelsTest();
            for (int i = 0; i < labels.length; i++) {
                float[] oh = row(y, i);
                float sum = 0;
                for (float v : oh) {
                    sum += v;
                }
                assertEquals(1f, sum);
                assertEquals(1f, oh[labels[i]]);
            }
        }

        // stratified: each label's test count within 1 of test_size x its count
        int[] tr = CorporaResult.counts(r.labelsTrain());
        int[] te = CorporaResult.counts(r.labelsTest());
        for (int l = 0; l < 8; l++) {
            assertTrue(Math.abs(te[l] - 0.2 * (tr[l] + te[l])) <= 1.0, Emotion.ofLabel(l) + ": " + te[l] + " of " + (tr[l] + te[l]));
        }
        Set<String> trainKeys = keys(r.indexTrain());
        Set<String> testKeys = keys(r.indexTest());
        assertEquals(ntr, trainKeys.size());
        trainKeys.retainAll(testKeys);
        assertTrue(trainKeys.isEmpty(), "no clip on both sides");
        assertTrue(r.indexTrain().stringColumn("speaker").asList().stream().allMatch(s -> s.matches("(ravdess|crema|tess|savee):.+")));

        // the scaler is fitted on the training rows only, and applied unclipped to the test rows
        List<float[]> ftr = features(roots, r.indexTrain());
        List<float[]> fte = features(roots, r.indexTest());
        MinMaxScaler expected = MinMaxScaler.fit(ftr.toArray(new float[0][]));
        assertArrayEquals(expected.dataMin(), r.scaler().dataMin());
        assertArrayEquals(expected.dataMax(), r.scaler().dataMax());
        Npy.Array xtr = r.xTrain();
        for (int i = 0; i < ntr; i++) {
            assertArrayEquals(expected.transform(ftr.get(i)), row(xtr, i), "train row " + i);
        }
        Npy.Array xte = r.xTest();
        boolean outside = false;
        for (int i = 0; i < nte; i++) {
            float[] x = row(xte, i);
            assertArrayEquals(expected.transform(fte.get(i)), x, "test row " + i);
            for (float v : x) {
                outside |= v < 0f || v > 1f;
            }
        }
        assertTrue(outside, "test values beyond the training range stay unclipped");
        // train values are in [0, 1] up to sklearn's float32 rounding (x * scale + offset), which
        // can land one ulp outside; melkit keeps sklearn's arithmetic bit for bit
        for (float v : xtr.data()) {
            assertTrue(v >= -1e-6f && v <= 1f + 1e-6f, "train values are in [0, 1]: " + v);
        }

        // scaler.json holds the (n_mels, frames) min and max
        String json = Files.readString(out.resolve("scaler.json"));
        int split = json.indexOf("\"max\"");
        assertArrayEquals(expected.dataMin(), numbers(json.substring(0, split)));
        assertArrayEquals(expected.dataMax(), numbers(json.substring(split)));
        assertTrue(json.startsWith("{\n  \"min\": [\n    ["), json.substring(0, 40));

        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\": \"corpora\"") && manifest.contains("\"test_size\": 0.2")
                && manifest.contains("\"train\": " + ntr) && manifest.contains("\"failures\": 3"), manifest);
        assertTrue(r.toString().contains("surprise"), r.toString());
    }

    static Set<String> keys(Table t) {
        Set<String> s = new HashSet<>();
        for (int i = 0; i < t.rowCount(); i++) {
            s.add(t.stringColumn("corpus").get(i) + ":" + t.stringColumn("source").get(i));
        }
        return s;
    }

    static float[] numbers(String json) {
        Matcher m = Pattern.compile("-?\\d+(\\.\\d+)?(E-?\\d+)?").matcher(json);
        List<Float> v = new ArrayList<>();
        while (m.find()) {
            v.add((float) Double.parseDouble(m.group()));
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }

    @Test
    void groupBySpeakerKeepsSpeakersWholeWithTheClosestTestShare() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        CorporaResult r = builder(P.withGroupBy(CorporaParams.GroupBy.SPEAKER)).run(roots, tmp.resolve("out"));
        assertEquals(0, r.sharedSpeakers());
        Set<String> test = new HashSet<>(r.indexTest().stringColumn("speaker").asList());
        Set<String> train = new HashSet<>(r.indexTrain().stringColumn("speaker").asList());
        assertFalse(test.isEmpty());
        train.retainAll(test);
        assertTrue(train.isEmpty());
        // speakers: ravdess 4 x 16, crema 3 x 12, tess 2 x 21, savee 2 x 14: the best achievable |test - 0.2 N|
        int[] sizes = {16, 16, 16, 16, 12, 12, 12, 21, 21, 14, 14};
        double best = Double.MAX_VALUE;
        for (int mask = 0; mask < 1 << sizes.length; mask++) {
            int s = 0;
            for (int b = 0; b < sizes.length; b++) {
                s += (mask >> b & 1) * sizes[b];
            }
            best = Math.min(best, Math.abs(s - 0.2 * OK));
        }
        assertEquals(best, Math.abs(r.testCount() - 0.2 * OK), 1e-9);
    }

    @Test
    void reproducibleForASeedDifferentForAnotherAndIndependentOfJobs() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        builder(P).withJobs(1).run(roots, tmp.resolve("a"));
        builder(P).withJobs(2).run(roots, tmp.resolve("b"));
        builder(P.withSeed(7)).run(roots, tmp.resolve("c"));
        Map<String, String> a = DatasetFixtures.contents(tmp.resolve("a"));
        Map<String, String> b = DatasetFixtures.contents(tmp.resolve("b"));
        Map<String, String> c = DatasetFixtures.contents(tmp.resolve("c"));
        assertEquals(a, b, "same seed, 1 vs 2 jobs: identical bytes");
        assertFalse(a.get("index_test.csv").equals(c.get("index_test.csv")), "another seed, another split");
        assertFalse(a.get("X_train.npy").equals(c.get("X_train.npy")));
    }

    /** A crash in the middle of the feature pass (simulated by an Error escaping the decoder). */
    static final class Crash extends AssertionError {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anInterruptedRunResumesFromItsFeatureCache() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        AudioDecoder real = TestWav.decoder();
        AtomicInteger calls = new AtomicInteger();
        AudioDecoder crashing = (f, sr) -> {
            if (calls.incrementAndGet() > 50) {
                throw new Crash();
            }
            return real.decode(f, sr);
        };
        assertThrows(Crash.class, () -> EmotionCorpora.of(P).withJobs(1).withDecoder(crashing).run(roots, out));
        assertFalse(Files.exists(out.resolve("X_train.npy")), "no complete-looking output after a crash");

        AtomicInteger decodes = new AtomicInteger();
        AudioDecoder counting = (f, sr) -> {
            decodes.incrementAndGet();
            return real.decode(f, sr);
        };
        CorporaResult resumed = EmotionCorpora.of(P).withJobs(2).withDecoder(counting).run(roots, out);
        assertEquals(OK + 2 - 50, decodes.get(), "the 50 clips featurised before the crash are not decoded again");
        assertEquals(decodes.get(), resumed.decoded());
        builder(P).run(roots, tmp.resolve("fresh"));
        assertEquals(DatasetFixtures.contents(tmp.resolve("fresh")).get("X_train.npy"),
                DatasetFixtures.contents(out).get("X_train.npy"), "a resumed run gives the same arrays");
    }

    @Test
    void scanLabelsWithoutDecodingAndRejectsMissingFolders() throws IOException {
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        EmotionCorpora.Scan s = EmotionCorpora.scan(roots);
        assertEquals(OK + 2, s.clips().size()); // the empty and the corrupt clip parse; they fail later
        assertEquals(List.of("savee:ALL/DC_x01.wav"), List.copyOf(s.failures().asMap().keySet()));
        assertEquals(OK + 2, s.table().rowCount());
        Map<Corpus, Path> missing = new LinkedHashMap<>();
        missing.put(Corpus.TESS, tmp.resolve("nope"));
        assertThrows(IllegalArgumentException.class, () -> EmotionCorpora.scan(missing));
        assertThrows(IllegalArgumentException.class, () -> EmotionCorpora.scan(Map.of()));
    }
}
