package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.Corpus;
import org.melkit.dataset.DatasetFixtures;
import org.melkit.io.Npy;
import org.melkit.dataset.TestWav;

/** {@code melkit extract} and {@code melkit corpora} through {@link Main#run}: exit codes and the files they leave. */
class DatasetCommandsTest {
    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {}

    static Run melkit(Object... args) {
        String[] argv = new String[args.length];
        for (int i = 0; i < args.length; i++) {
            argv[i] = args[i].toString();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static void assumeLoader() {
        Assumptions.assumeTrue(TestWav.realLoaderAvailable(), "Audio.load is not merged into this branch yet; the CLI uses it");
    }

    @Test
    void extractUsageErrorsExit2AndTouchNothing() throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        Run r = melkit("extract", "--output", out);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("--input"), r.err());
        assertEquals(2, melkit("extract", "--input", in, "--output", out, "--n-ffts", 512).status());
        Run bad = melkit("extract", "--input", in, "--output", out, "--n-fft", 0);
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("nFft=0"), bad.err());
        assertEquals(2, melkit("extract", "--input", tmp.resolve("missing"), "--output", out).status());
        assertEquals(2, melkit("extract", "--input", in, "--output", out, "--jobs", -1).status());
        assertFalse(Files.exists(out), "usage errors create nothing");
    }

    @Test
    void extractExitCodesResumeRefusalAndOverwrite() throws IOException {
        assumeLoader();
        Path in = DatasetFixtures.trapTree(tmp);
        Path out = tmp.resolve("out");
        Object[] base = {"extract", "--input", in, "--output", out, "--n-mels", 32, "--frames", 16, "--no-progress"};
        Run first = melkit(concat(base, "--jobs", 2));
        assertEquals(1, first.status(), first.err());
        assertTrue(first.err().contains("4 input(s) failed"), first.err());
        assertTrue(first.out().contains("7 features (9 decoded, 0 reused), 4 failures"), first.out());
        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);

        Run again = melkit(concat(base, "--jobs", 1));
        assertEquals(1, again.status());
        assertTrue(again.out().contains("(2 decoded, 7 reused)"), again.out());
        assertEquals(before, DatasetFixtures.snapshot(out));

        Run other = melkit("extract", "--input", in, "--output", out, "--n-mels", 32, "--frames", 17, "--no-progress");
        assertEquals(2, other.status());
        assertTrue(other.err().contains("--overwrite"), other.err());
        assertEquals(before, DatasetFixtures.snapshot(out));

        Run over = melkit("extract", "--input", in, "--output", out, "--n-mels", 32, "--frames", 17, "--overwrite", "--no-progress");
        assertEquals(1, over.status());
        assertArrayEquals(new int[] {32, 17}, Npy.read(out.resolve("features/a/x.npy")).shape());

    }

    @Test
    void extractResamplesAndExits0WhenNothingFails() throws IOException {
        Assumptions.assumeTrue(TestWav.resamplingAvailable(), "the resampler is not merged into this branch yet");
        Path clean = tmp.resolve("clean");
        TestWav.write(clean.resolve("dog/bark.wav"), TestWav.noise(3, 0.4, 16000, 0.3), 16000);
        TestWav.write(clean.resolve("cat/meow.WAV"), TestWav.sine(600, 0.3, 44100, 0.3), 44100);
        Run ok = melkit("extract", "--input", clean, "--output", tmp.resolve("clean-out"), "--no-progress");
        assertEquals(0, ok.status(), ok.err());
        assertArrayEquals(new int[] {128, 256}, Npy.read(tmp.resolve("clean-out/features/dog/bark.npy")).shape());
        assertEquals("{\n  \"cat\": 0,\n  \"dog\": 1\n}\n", Files.readString(tmp.resolve("clean-out/labels.json")));
    }

    @Test
    void extractOutputIsIdenticalForOneAndTwoJobs() throws IOException {
        assumeLoader();
        Path in = DatasetFixtures.trapTree(tmp);
        melkit("extract", "--input", in, "--output", tmp.resolve("j1"), "--frames", 16, "--jobs", 1, "--no-progress");
        melkit("extract", "--input", in, "--output", tmp.resolve("j2"), "--frames", 16, "--jobs", 2, "--no-progress");
        assertEquals(DatasetFixtures.contents(tmp.resolve("j1")), DatasetFixtures.contents(tmp.resolve("j2")));
    }

    @Test
    void corporaUsageErrorsExit2AndTouchNothing() throws IOException {
        Path out = tmp.resolve("out");
        Path tess = Files.createDirectories(tmp.resolve("tess"));
        Run none = melkit("corpora", "--output", out);
        assertEquals(2, none.status());
        assertTrue(none.err().contains("--ravdess"), none.err());
        assertEquals(2, melkit("corpora", "--tess", tess, "--output", out, "--group-by", "actor").status());
        assertEquals(2, melkit("corpora", "--tess", tess, "--output", out, "--test-size", 1.5).status());
        assertEquals(2, melkit("corpora", "--tess", tmp.resolve("missing"), "--output", out).status());
        assertEquals(2, melkit("corpora", "--tess", tess, "--output", out, "--n-mels", 0).status());
        assertFalse(Files.exists(out), "usage errors create nothing");
    }

    @Test
    void corporaBuildsSplitsWithExitStatus1ForFailures() throws IOException {
        assumeLoader();
        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Run r = melkit("corpora", "--ravdess", roots.get(Corpus.RAVDESS), "--crema", roots.get(Corpus.CREMA), "--tess",
                roots.get(Corpus.TESS), "--savee", roots.get(Corpus.SAVEE), "--output", out, "--n-mels", 16, "--frames", 8,
                "--group-by", "speaker", "--seed", 3, "--no-progress");
        assertEquals(1, r.status(), r.err());
        assertTrue(r.err().contains("3 input(s) failed"), r.err());
        int n = Npy.read(out.resolve("X_train.npy")).shape()[0] + Npy.read(out.resolve("X_test.npy")).shape()[0];
        assertEquals(DatasetFixtures.CORPORA_OK, n);
        for (String f : new String[] {"y_train.npy", "y_test.npy", "index_train.csv", "index_test.csv", "labels.json", "scaler.json",
            "failures.csv", "manifest.json"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"group_by\": \"speaker\""));

        Run ok = melkit("corpora", "--ravdess", roots.get(Corpus.RAVDESS), "--output", tmp.resolve("ok"), "--n-mels", 16,
                "--frames", 8, "--no-progress");
        assertEquals(0, ok.status(), ok.err());
        assertEquals(64, Npy.read(tmp.resolve("ok/y_train.npy")).shape()[0] + Npy.read(tmp.resolve("ok/y_test.npy")).shape()[0]);
    }

    static Object[] concat(Object[] a, Object... b) {
        Object[] r = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
