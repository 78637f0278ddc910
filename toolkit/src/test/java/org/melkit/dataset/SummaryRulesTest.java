package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.RefusedRunException;

/** The batch rules (issue 8) as {@code summary} keeps them. */
class SummaryRulesTest {
    static final int SR = 22050;

    @TempDir
    Path tmp;

    MusicSummary summary(SummaryParams p) {
        return MusicSummary.of(p).withJobs(2).withDecoder(TestWav.decoder());
    }

    Path music() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("a/x.wav"), TestWav.sine(440, 0.4, SR, 0.5), SR);
        TestWav.write(in.resolve("a/y.wav"), TestWav.noise(4, 0.4, SR, 0.5), SR);
        TestWav.write(in.resolve("b/z.wav"), TestWav.sine(880, 0.4, SR, 0.3), SR);
        return in;
    }

    /** Scenario 6: a report beside an extract build must not replace that build's manifest and failures. */
    @Test
    void sidecarsAreNamedAfterTheReport() throws IOException {
        Path in = music();
        Path dir = tmp.resolve("build");
        ClassFolderExtractor x = ClassFolderExtractor.of(ClassFolderExtractorTest.P).withDecoder(TestWav.decoder());
        x.run(in, dir);
        DatasetFixtures.ageAll(dir);
        Map<String, String> before = DatasetFixtures.snapshot(dir);
        summary(SummaryParams.DEFAULT).run(in, dir.resolve("s.csv"));
        Map<String, String> after = DatasetFixtures.snapshot(dir);
        for (String k : before.keySet()) {
            assertEquals(before.get(k), after.get(k), k + " of the extract build is untouched");
        }
        assertTrue(Files.exists(dir.resolve("s.manifest.json")) && Files.exists(dir.resolve("s.failures.csv"))
                && Files.exists(dir.resolve("s.journal.jsonl")));
        ExtractResult again = x.run(in, dir);
        assertEquals(3, again.reused(), "the extract build still resumes");
    }

    /** Scenario 12: a report file inside the input is refused and nothing is written. */
    @Test
    void aReportInsideTheInputIsRefused() {
        Path in = music();
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> summary(SummaryParams.DEFAULT).run(in, in.resolve("a/s.csv")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        assertFalse(Files.exists(in.resolve("a/s.csv")) || Files.exists(in.resolve("a/s.manifest.json")));
    }

    /** Scenario 5: NaN samples are a failure row, and PCA stays finite. */
    @Test
    void nonFiniteAudioIsAFailureAndPcaStaysFinite() throws IOException {
        Path in = music();
        float[] y = TestWav.sine(300, 0.4, SR, 0.5);
        y[100] = Float.NaN;
        TestWav.writeFloat(in.resolve("b/nan.wav"), y, SR);
        SummaryResult r = summary(SummaryParams.DEFAULT.withPca(2)).run(in, tmp.resolve("s.csv"));
        assertTrue(r.failures().get("b/nan.wav").startsWith("non-finite samples (1 of "), r.failures().toString());
        for (SummaryResult.Row row : r.rows()) {
            for (double v : row.values()) {
                assertTrue(Double.isFinite(v), row.toString());
            }
        }
        assertFalse(Files.readString(tmp.resolve("s.csv")).contains("NaN"));
    }

    /** Scenario 9 and rules 2-4: other parameters, no audio, another input, a locked report. */
    @Test
    void otherParametersInputsAndConcurrentRunsAreRefused() throws Exception {
        Path in = music();
        Path s = tmp.resolve("out/s.csv");
        summary(SummaryParams.DEFAULT).run(in, s);
        DatasetFixtures.ageAll(s.getParent());
        Map<String, String> before = DatasetFixtures.snapshot(s.getParent());
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> summary(SummaryParams.DEFAULT.withNMfcc(5)).run(in, s));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
        Path empty = Files.createDirectories(tmp.resolve("empty/a"));
        e = assertThrows(RefusedRunException.class, () -> summary(SummaryParams.DEFAULT).run(empty.getParent(), s));
        assertTrue(e.getMessage().contains("no audio files under"), e.getMessage());
        Path other = tmp.resolve("other");
        TestWav.write(other.resolve("c/w.wav"), TestWav.sine(500, 0.4, SR, 0.5), SR);
        e = assertThrows(RefusedRunException.class, () -> summary(SummaryParams.DEFAULT).run(other, s));
        assertTrue(e.getMessage().contains("another input"), e.getMessage());
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(s.resolveSibling(".s.csv.lock"), live.pid() + "\n");
            e = assertThrows(RefusedRunException.class, () -> summary(SummaryParams.DEFAULT).run(in, s));
            assertTrue(e.getMessage().contains("pid " + live.pid()), e.getMessage());
            Files.delete(s.resolveSibling(".s.csv.lock"));
        } finally {
            live.destroy();
            live.waitFor();
        }
        assertEquals(before, DatasetFixtures.snapshot(s.getParent()), "refused runs touch nothing");

        // a re-run with the same parameters changes nothing; overwrite takes the new parameters
        summary(SummaryParams.DEFAULT).run(in, s);
        assertEquals(before, DatasetFixtures.snapshot(s.getParent()), "an unchanged re-run rewrites nothing");
        SummaryResult r = summary(SummaryParams.DEFAULT.withNMfcc(5)).withOverwrite(true).run(in, s);
        assertEquals(9, r.columns().size());
        assertTrue(Files.readString(s).startsWith("folder,file,mfcc_1,mfcc_2,mfcc_3,mfcc_4,mfcc_5,spectral_centroid"));

        // a vanished input leaves the report and the journal
        Files.delete(in.resolve("a/y.wav"));
        r = summary(SummaryParams.DEFAULT.withNMfcc(5)).run(in, s);
        assertEquals(2, r.rows().size());
        assertFalse(Files.readString(s.resolveSibling("s.journal.jsonl")).contains("a/y.wav"));
    }

    /**
     * Rule 8 for summary: a recording longer than a block is read in blocks (never whole) and
     * gives the means of the whole; the MFCCs' top_db floor is the whole's (the loud burst at 4 s
     * sets the floor of the quiet frames of every block).
     */
    @Test
    void aLongRecordingIsReadInBlocksAndKeepsTheWholeMeans() throws IOException {
        int sr = 8000;
        float[] y = TestWav.noise(9, 5.0, sr, 1e-4);
        for (int i = 4 * sr; i < 4 * sr + 3000; i++) {
            y[i] = (float) (0.9 * Math.sin(2 * Math.PI * 500 * i / sr));
        }
        Path file = tmp.resolve("long.wav");
        TestWav.writeFloat(file, y, sr);
        double[] expected = org.melkit.features.Recipes.summary(org.melkit.batch.AudioDecoder.load().decode(file, sr), sr, 13);
        java.util.concurrent.atomic.AtomicInteger longest = new java.util.concurrent.atomic.AtomicInteger();
        org.melkit.batch.AudioDecoder watching = new org.melkit.batch.AudioDecoder() {
            @Override
            public float[] decode(Path f, int s) {
                throw new AssertionError("the whole recording is never decoded");
            }

            @Override
            public float[] decodeHead(Path f, int s, int samples) {
                float[] v = org.melkit.batch.AudioDecoder.load().decodeHead(f, s, samples);
                longest.accumulateAndGet(v.length, Math::max);
                return v;
            }

            @Override
            public long stream(Path f, int s, org.melkit.audio.Resampler.Sink sink) {
                return org.melkit.batch.AudioDecoder.load().stream(f, s, sink);
            }
        };
        for (int block : new int[] {6000, 10007}) {
            SummaryFeature.Result r = SummaryFeature.of(watching, file, sr, 13, block);
            assertEquals(null, r.failure());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], r.values()[i], 1e-9 * Math.max(1, Math.abs(expected[i])), "block " + block + ", column " + i);
            }
            assertTrue(longest.get() <= block, "longest read " + longest.get());
        }
    }
}
