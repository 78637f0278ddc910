package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.Recipes;
import org.melkit.io.Npy;
import org.melkit.batch.RefusedRunException;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.batch.AudioDecoder;

class ClassFolderExtractorTest {
    static final int SR = 22050;
    /** Small parameters keep the suite fast; the defaults are exercised by the CLI test. */
    static final MelDbParams P = MelDbParams.DEFAULT.withNFft(512).withHopLength(256).withNMels(24).withFrames(20);

    @TempDir
    Path tmp;

    static final List<String> WRITTEN = List.of("Zebra/z1.wav", "a-b/x.wav", "a/x.wav", "apple/a 1.wav", "apple/sub/deep/ü é.WAV",
            "cembalo/cembalo-10.wav", "cembalo/cembalo-2.wav");
    static final List<String> FAILED = List.of("bad/corrupt.wav", "bad/empty0.wav", "coll/x.flac", "coll/x.wav");

    ClassFolderExtractor extractor() {
        return ClassFolderExtractor.of(P).withJobs(2).withDecoder(TestWav.decoder());
    }

    @Test
    void classesLabelsPathsAndFailuresFollowTheContract() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        ExtractResult r = extractor().run(in, out);

        // classes: first-level, non-hidden, code-point order ("Zebra" < "a" < "a-b" < "apple")
        assertEquals(List.of("Zebra", "a", "a-b", "apple", "bad", "cembalo", "coll"), List.copyOf(r.labels().keySet()));
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6), List.copyOf(r.labels().values()));
        assertEquals("{\n  \"Zebra\": 0,\n  \"a\": 1,\n  \"a-b\": 2,\n  \"apple\": 3,\n  \"bad\": 4,\n  \"cembalo\": 5,\n  \"coll\": 6\n}\n",
                Files.readString(out.resolve("labels.json")));

        // metadata: one row per written feature, sorted by the whole source path ("a-b/x" < "a/x")
        String expected = "path,label,class,source\n"
                + "features/Zebra/z1.npy,0,Zebra,Zebra/z1.wav\n"
                + "features/a-b/x.npy,2,a-b,a-b/x.wav\n"
                + "features/a/x.npy,1,a,a/x.wav\n"
                + "features/apple/a 1.npy,3,apple,apple/a 1.wav\n"
                + "features/apple/sub/deep/ü é.npy,3,apple,apple/sub/deep/ü é.WAV\n"
                + "features/cembalo/cembalo-10.npy,5,cembalo,cembalo/cembalo-10.wav\n"
                + "features/cembalo/cembalo-2.npy,5,cembalo,cembalo/cembalo-2.wav\n";
        assertEquals(expected, Files.readString(out.resolve("metadata.csv"), StandardCharsets.UTF_8));
        assertEquals(WRITTEN, r.metadata().stringColumn("source").asList());

        // failures: collision (both), corrupt, 0 samples; sorted by source; hidden and top-level files absent
        assertEquals(FAILED, r.failures().stringColumn("source").asList());
        String failures = Files.readString(out.resolve("failures.csv"), StandardCharsets.UTF_8);
        assertTrue(failures.startsWith("source,error\nbad/corrupt.wav,"), failures);
        assertTrue(failures.contains("bad/empty0.wav,decodes to 0 samples"), failures);
        assertTrue(failures.contains("coll/x.flac,maps to the same output features/coll/x.npy as coll/x.wav"), failures);
        assertTrue(failures.contains("coll/x.wav,maps to the same output features/coll/x.npy as coll/x.flac"), failures);
        for (String error : r.failures().stringColumn("error").asList()) {
            assertFalse(error.startsWith(tmp.toString()) || error.startsWith("/"), "errors do not repeat the input's path in front: " + error);
        }
        assertFalse(failures.contains("hidden") || failures.contains("top.wav") || failures.contains("._"), failures);
        assertEquals(1, r.exitStatus());
        assertEquals(WRITTEN.size() + FAILED.size(), r.inputs());

        // exactly the expected feature files, float32 (n_mels, frames)
        List<String> npys;
        try (Stream<Path> s = Files.walk(out.resolve("features"))) {
            npys = s.filter(Files::isRegularFile).map(p -> FileWalk.relative(out, p)).sorted().toList();
        }
        assertEquals(r.metadata().stringColumn("path").asList().stream().sorted().toList(), npys);
        for (int i = 0; i < r.written(); i++) {
            Npy.Array a = Npy.read(out.resolve(r.metadata().stringColumn("path").get(i)));
            assertArrayEquals(new int[] {P.nMels(), P.frames()}, a.shape());
        }

        // manifest: command, parameters, counts, a hash per input
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"command\": \"extract\""), manifest);
        assertTrue(manifest.contains("\"n_mels\": 24") && manifest.contains("\"frames\": 20"), manifest);
        assertTrue(manifest.contains("\"outputs\": 7") && manifest.contains("\"failures\": 4") && manifest.contains("\"inputs\": 11"), manifest);
        assertTrue(manifest.contains("\"apple/sub/deep/ü é.WAV\": \"" + Manifest.sha256(in.resolve("apple/sub/deep/ü é.WAV")) + "\""),
                manifest);
        assertTrue(r.toString().contains("7 classes, 11 inputs, 7 features"), r.toString());
    }

    @Test
    void eachFeatureIsRecipeAOfItsFile() throws IOException {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("k/one.wav"), TestWav.noise(7, 0.8, SR, 0.5), SR); // longer than 20 frames: cut
        TestWav.write(in.resolve("k/two.wav"), TestWav.sine(440, 0.1, SR, 0.5), SR); // shorter: padded with 0.0
        ExtractResult r = extractor().run(in, tmp.resolve("out"));
        assertEquals(0, r.exitStatus());
        for (int i = 0; i < 2; i++) {
            float[] y = TestWav.decoder().decode(in.resolve(r.metadata().stringColumn("source").get(i)), SR);
            assertEquals(ClassFolderExtractor.feature(y, P), r.feature(i));
        }
        // a clip no longer than the kept frames: exactly recipe_a
        float[] two = TestWav.decoder().decode(in.resolve("k/two.wav"), SR);
        assertEquals(Recipes.melDbFixed(two, SR, P.nFft(), P.hopLength(), P.nMels(), P.topDb(), P.frames()), r.feature(1));
        // a longer one: recipe_a too, its dB reference the loudest frame of the whole clip
        float[] one = TestWav.decoder().decode(in.resolve("k/one.wav"), SR);
        assertEquals(Recipes.melDbFixed(one, SR, P.nFft(), P.hopLength(), P.nMels(), P.topDb(), P.frames()), r.feature(0));
        FloatMatrix shortOne = r.feature(1);
        assertEquals(0f, shortOne.get(3, P.frames() - 1), "right-padded with 0.0");
    }

    @Test
    void reRunDecodesNothingAlreadyWrittenRetriesFailuresAndKeepsUnchangedFiles() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        AtomicInteger decodes = new AtomicInteger();
        AudioDecoder real = TestWav.decoder();
        AudioDecoder counting = (f, sr) -> {
            decodes.incrementAndGet();
            return real.decode(f, sr);
        };
        ClassFolderExtractor x = extractor().withDecoder(counting);
        x.run(in, out);
        assertEquals(WRITTEN.size() + 2, decodes.get(), "collisions are not decoded");
        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);

        decodes.set(0);
        ExtractResult again = x.withJobs(1).run(in, out);
        assertEquals(2, decodes.get(), "only the two decodable failures are retried");
        assertEquals(2, again.decoded());
        assertEquals(WRITTEN.size(), again.reused());
        assertEquals(before, DatasetFixtures.snapshot(out), "no bytes and no mtimes change");

        // a lost feature is recomputed alone; fixing a failure updates metadata, failures and manifest only
        Files.delete(out.resolve("features/a/x.npy"));
        TestWav.write(in.resolve("bad/corrupt.wav"), TestWav.sine(660, 0.3, SR, 0.5), SR);
        decodes.set(0);
        ExtractResult third = x.run(in, out);
        assertEquals(3, decodes.get()); // a/x.wav, bad/corrupt.wav, bad/empty0.wav
        assertEquals(3, third.failureCount());
        Map<String, String> after = DatasetFixtures.snapshot(out);
        for (String k : before.keySet()) {
            boolean mayChange = k.equals("features/a/x.npy") || k.equals("metadata.csv") || k.equals("failures.csv")
                    || k.equals("manifest.json") || k.equals("journal.jsonl");
            if (!mayChange) {
                assertEquals(before.get(k), after.get(k), k);
            }
        }
        assertTrue(after.containsKey("features/bad/corrupt.npy"));
        assertTrue(Files.readString(out.resolve("metadata.csv")).contains("bad/corrupt.wav"));
        assertFalse(Files.readString(out.resolve("failures.csv")).contains("bad/corrupt.wav"));
        assertEquals(before.get("labels.json"), after.get("labels.json"));
    }

    @Test
    void otherParametersAreRefusedWithoutTouchingAnythingAndOverwriteReplacesAll() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        extractor().run(in, out);
        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);

        ClassFolderExtractor other = ClassFolderExtractor.of(P.withFrames(30)).withDecoder(TestWav.decoder());
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> other.run(in, out));
        assertTrue(e.getMessage().contains("other parameters") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "a refused run touches nothing");

        ExtractResult r = other.withOverwrite(true).run(in, out);
        assertEquals(WRITTEN.size() + 2, r.decoded(), "everything decoded again (incl. the two decodable failures)");
        assertArrayEquals(new int[] {P.nMels(), 30}, Npy.read(out.resolve("features/a/x.npy")).shape());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"frames\": 30"));
        Map<String, String> after = DatasetFixtures.snapshot(out);
        assertFalse(after.get("features/a/x.npy").equals(before.get("features/a/x.npy")));
        // the new parameters are now the ones a re-run must match
        assertThrows(RefusedRunException.class, () -> extractor().run(in, out));
    }

    /** A crash in the middle of a run (simulated by an Error escaping the decoder). */
    static final class Crash extends AssertionError {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void anInterruptedFirstRunResumesWithTheSameParameters() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        AudioDecoder real = TestWav.decoder();
        AtomicInteger calls = new AtomicInteger();
        AudioDecoder crashing = (f, sr) -> {
            if (calls.incrementAndGet() > 4) {
                throw new Crash();
            }
            return real.decode(f, sr);
        };
        assertThrows(Crash.class, () -> extractor().withJobs(1).withDecoder(crashing).run(in, out));
        assertFalse(Files.exists(out.resolve("metadata.csv")));
        assertThrows(RefusedRunException.class, () -> ClassFolderExtractor.of(P.withNMels(20)).run(in, out),
                "the interrupted run's parameters are on record");
        AtomicInteger decodes = new AtomicInteger();
        ExtractResult r = extractor().withDecoder((f, sr) -> {
            decodes.incrementAndGet();
            return real.decode(f, sr);
        }).run(in, out);
        assertEquals(WRITTEN.size() + 2 - 4, decodes.get(), "the 4 features written before the crash are reused");
        assertEquals(WRITTEN, r.metadata().stringColumn("source").asList());
    }

    @Test
    void anOutputInsideTheInputIsRejected() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        assertThrows(IllegalArgumentException.class, () -> extractor().run(in, in.resolve("apple/out")));
        assertFalse(Files.exists(in.resolve("apple/out")));
    }

    @Test
    void unknownOutputFolderWithFeaturesIsRefused() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        Files.createDirectories(out.resolve("features"));
        assertThrows(RefusedRunException.class, () -> extractor().run(in, out));
    }

    @Test
    void outputIsByteIdenticalForOneAndTwoJobs() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        extractor().withJobs(1).run(in, tmp.resolve("one"));
        extractor().withJobs(2).run(in, tmp.resolve("two"));
        Map<String, String> one = DatasetFixtures.contents(tmp.resolve("one"));
        Map<String, String> two = DatasetFixtures.contents(tmp.resolve("two"));
        assertEquals(one.keySet(), two.keySet());
        assertEquals(one, two);
    }

    @Test
    void npyNameReplacesTheLastExtensionOnly() {
        assertEquals("a/x.npy", ClassFolderExtractor.npyName("a/x.wav"));
        assertEquals("a/x.y.npy", ClassFolderExtractor.npyName("a/x.y.WAV"));
        assertEquals("a.b/noext.npy", ClassFolderExtractor.npyName("a.b/noext"));
        assertEquals("x.npy", ClassFolderExtractor.npyName("x"));
    }
}
