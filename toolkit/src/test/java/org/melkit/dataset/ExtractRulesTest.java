package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.RefusedRunException;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.Npy;

/**
 * The batch rules (issue 8) as {@code extract} keeps them; each test is one scenario of the
 * issue that lost or corrupted data before the batch runtime.
 */
class ExtractRulesTest {
    static final int SR = 22050;
    static final MelDbParams P = ClassFolderExtractorTest.P;

    @TempDir
    Path tmp;

    ClassFolderExtractor extractor() {
        return ClassFolderExtractor.of(P).withJobs(2).withDecoder(TestWav.decoder());
    }

    Path smallTree() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("cats/a.wav"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("cats/b.wav"), TestWav.sine(550, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("dogs/c.wav"), TestWav.noise(3, 0.3, SR, 0.5), SR);
        return in;
    }

    /** Scenario 1: input inside the output (with --overwrite) must not delete the input's audio. */
    @Test
    void inputInsideOutputIsRefusedAndTheInputSurvives() throws IOException {
        Path out = tmp.resolve("out");
        extractor().run(smallTree(), out);
        Path inner = out.resolve("clips");
        TestWav.write(inner.resolve("birds/x.wav"), TestWav.sine(300, 0.3, SR, 0.5), SR);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> extractor().withOverwrite(true).run(inner, out));
        assertTrue(e.getMessage().contains("contains the input"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "nothing touched");
        // the literal probe: the features folder as input
        assertThrows(RefusedRunException.class, () -> extractor().withOverwrite(true).run(out.resolve("features"), out));
        assertEquals(before, DatasetFixtures.snapshot(out));
    }

    /** Scenario 2: an empty input, or another input, must not wipe an existing build. */
    @Test
    void emptyOrOtherInputIsRefusedUnlessOverwrite() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        extractor().run(in, out);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no audio here");
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> extractor().run(empty.getParent(), out));
        assertTrue(e.getMessage().contains("no audio files under " + empty.getParent()), e.getMessage());
        assertThrows(RefusedRunException.class, () -> extractor().withOverwrite(true).run(empty.getParent(), out));

        Path other = tmp.resolve("other");
        TestWav.write(other.resolve("owls/o.wav"), TestWav.sine(800, 0.3, SR, 0.5), SR);
        e = assertThrows(RefusedRunException.class, () -> extractor().run(other, out));
        assertTrue(e.getMessage().contains("another input") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");

        // --overwrite replaces the build and removes only the job's own files
        Files.writeString(out.resolve("NOTES.md"), "mine");
        Files.writeString(out.resolve("features/cats/mine.txt"), "mine too");
        ExtractResult r = extractor().withOverwrite(true).run(other, out);
        assertEquals(1, r.written());
        assertFalse(Files.exists(out.resolve("features/cats/a.npy")));
        assertTrue(Files.exists(out.resolve("features/owls/o.npy")));
        assertEquals("mine", Files.readString(out.resolve("NOTES.md")));
        assertEquals("mine too", Files.readString(out.resolve("features/cats/mine.txt")));
    }

    /** Scenario 3: an input replaced by other audio (same name, size and time) is recomputed. */
    @Test
    void aReplacedInputIsRecomputedAndAVanishedOneRemoved() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        extractor().run(in, out);
        Path a = in.resolve("cats/a.wav");
        FileTime t = Files.getLastModifiedTime(a);
        TestWav.write(a, TestWav.noise(9, 0.3, SR, 0.5), SR); // same length, other audio
        Files.setLastModifiedTime(a, t);
        Files.delete(in.resolve("dogs/c.wav"));
        TestWav.write(in.resolve("dogs/d.wav"), TestWav.sine(900, 0.3, SR, 0.5), SR);

        AtomicInteger decodes = new AtomicInteger();
        AudioDecoder counting = (f, sr) -> {
            decodes.incrementAndGet();
            return TestWav.decoder().decode(f, sr);
        };
        ExtractResult r = extractor().withDecoder(counting).run(in, out);
        assertEquals(2, decodes.get(), "the replaced and the new file, nothing else");
        assertEquals(ClassFolderExtractor.feature(TestWav.decoder().decode(a, SR), P), Npy.read(out.resolve("features/cats/a.npy")).toMatrix());
        assertEquals(List.of("dogs/c.wav"), r.vanished());
        assertFalse(Files.exists(out.resolve("features/dogs/c.npy")), "the vanished input's feature is removed");
        assertTrue(r.toString().contains("1 input(s) of the earlier run are gone"), r.toString());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"cats/a.wav\": \"" + org.melkit.batch.Manifest.sha256(a) + "\""), manifest);
        assertFalse(manifest.contains("dogs/c.wav"), manifest);
    }

    /** Scenario 4: a second run on the same output is refused while the first holds it; a dead holder's lock is taken over. */
    @Test
    void oneRunPerOutputFolder() throws Exception {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            RefusedRunException e = assertThrows(RefusedRunException.class, () -> extractor().run(in, out));
            assertTrue(e.getMessage().contains("pid " + live.pid()), e.getMessage());
            assertFalse(Files.exists(out.resolve("manifest.json")), "nothing written");
        } finally {
            live.destroy();
            live.waitFor();
        }
        // the holder is dead now: its lock is taken over, and released at the end
        ExtractResult r = extractor().run(in, out);
        assertEquals(3, r.written());
        assertFalse(Files.exists(out.resolve(".melkit.lock")));

        // two runs at once in one JVM with other frames: the second is refused while the first works
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AudioDecoder slow = (f, sr) -> {
            inside.countDown();
            try {
                release.await();
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return TestWav.decoder().decode(f, sr);
        };
        Path out2 = tmp.resolve("out2");
        Thread first = new Thread(() -> extractor().withJobs(1).withDecoder(slow).run(in, out2));
        first.start();
        inside.await();
        try {
            RefusedRunException e = assertThrows(RefusedRunException.class,
                    () -> ClassFolderExtractor.of(P.withFrames(30)).withDecoder(TestWav.decoder()).withOverwrite(true).run(in, out2));
            assertTrue(e.getMessage().contains("in use by another melkit run (pid " + ProcessHandle.current().pid()), e.getMessage());
        } finally {
            release.countDown();
            first.join();
        }
        assertEquals(P.frames(), Npy.read(out2.resolve("features/cats/a.npy")).shape()[1]);
    }

    /** Scenario 5: NaN/Inf samples are a failure row, not a NaN feature. */
    @Test
    void nonFiniteSamplesAreAFailure() throws IOException {
        Path in = smallTree();
        float[] y = TestWav.sine(440, 0.3, SR, 0.5);
        y[10] = Float.NaN;
        y[20] = Float.POSITIVE_INFINITY;
        TestWav.writeFloat(in.resolve("cats/nan.wav"), y, SR);
        Path out = tmp.resolve("out");
        ExtractResult r = extractor().run(in, out);
        assertEquals(1, r.exitStatus());
        String head = "non-finite samples (2 of ";
        assertTrue(r.failureMap().get("cats/nan.wav").startsWith(head), r.failureMap().toString());
        assertFalse(Files.exists(out.resolve("features/cats/nan.npy")));
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("cats/nan.wav," + head));
    }

    /** Scenario 7: links are followed (each real file once); broken links and loops are failure rows; output through a link is checked. */
    @Test
    void symlinksAreFollowedAndBrokenOnesReported() throws IOException {
        Path in = smallTree();
        Path elsewhere = tmp.resolve("elsewhere");
        TestWav.write(elsewhere.resolve("birds/e.wav"), TestWav.sine(660, 0.3, SR, 0.5), SR);
        TestWav.write(elsewhere.resolve("more/m.wav"), TestWav.sine(770, 0.3, SR, 0.5), SR);
        Files.createSymbolicLink(in.resolve("birds"), elsewhere.resolve("birds"));            // a class folder that is a link
        Files.createSymbolicLink(in.resolve("cats/more"), elsewhere.resolve("more"));         // a folder link inside a class
        Files.createSymbolicLink(in.resolve("cats/same.wav"), in.resolve("cats/a.wav"));      // a second path to one real file
        Files.createSymbolicLink(in.resolve("dogs/gone.wav"), tmp.resolve("nowhere.wav"));    // broken
        Files.createSymbolicLink(in.resolve("dogs/loop"), in.resolve("dogs"));                // a loop
        Path out = tmp.resolve("out");
        ExtractResult r = extractor().run(in, out);
        assertEquals(List.of("birds/e.wav", "cats/a.wav", "cats/b.wav", "cats/more/m.wav", "dogs/c.wav"),
                r.rows().stream().map(ExtractResult.Row::source).toList());
        assertEquals(List.of("dogs/gone.wav", "dogs/loop"), List.copyOf(r.failureMap().keySet()));
        assertTrue(r.failureMap().get("dogs/gone.wav").contains("broken link"), r.failureMap().toString());
        assertTrue(r.failureMap().get("dogs/loop").contains("loop"), r.failureMap().toString());
        assertEquals(0, (int) r.labels().get("birds"));

        // an output given through a link that points into the input
        Files.createSymbolicLink(tmp.resolve("sneaky"), in.resolve("cats"));
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> extractor().run(in, tmp.resolve("sneaky/out")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        assertFalse(Files.exists(in.resolve("cats/out")));
    }

    /** Rule 8: only the samples the kept frames need are decoded; running out of memory on one input is a failure row. */
    @Test
    void anOutOfMemoryInputIsAFailureRowAndTheBatchGoesOn() throws IOException {
        Path in = smallTree();
        AudioDecoder failing = new AudioDecoder() {
            @Override
            public float[] decode(Path f, int sr) {
                if (f.getFileName().toString().equals("b.wav")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                return TestWav.decoder().decode(f, sr);
            }
        };
        ExtractResult r = extractor().withDecoder(failing).run(in, tmp.resolve("out"));
        assertEquals(2, r.written(), "the batch goes on");
        assertTrue(r.failureMap().get("cats/b.wav").startsWith("out of memory"), r.failureMap().toString());
    }

    /**
     * Rule 8 with librosa's values: a recording longer than a block is read a block at a time
     * (never whole), and its feature is still recipe_a of the whole recording, dB relative to its
     * loudest frame, which here comes after the kept frames.
     */
    @Test
    void aLongRecordingIsReadInBlocksAndKeepsRecipeA() throws IOException {
        int sr = 8000;
        MelDbParams p = new MelDbParams(sr, 512, 375, 32, 20, 80.0);
        float[] quiet = TestWav.noise(3, 4.0, sr, 0.05);
        for (int i = 3 * sr; i < 3 * sr + 2000; i++) {
            quiet[i] = (float) (0.9 * Math.sin(2 * Math.PI * 700 * i / sr)); // the loudest frame: at 3 s, far past frame 20
        }
        Path file = tmp.resolve("long.wav");
        TestWav.write(file, quiet, sr);
        float[] whole = AudioDecoder.load().decode(file, sr);
        FloatMatrix expected = org.melkit.features.Recipes.melDbFixed(whole, sr, p.nFft(), p.hopLength(), p.nMels(), p.topDb(), p.frames());
        AtomicInteger longest = new AtomicInteger();
        AtomicInteger blocks = new AtomicInteger();
        AudioDecoder watching = new AudioDecoder() {
            @Override
            public float[] decode(Path f, int s) {
                throw new AssertionError("the whole recording is never decoded");
            }

            @Override
            public float[] decodeHead(Path f, int s, int samples) {
                float[] y = AudioDecoder.load().decodeHead(f, s, samples);
                longest.accumulateAndGet(y.length, Math::max);
                return y;
            }

            @Override
            public long stream(Path f, int s, org.melkit.audio.Resampler.Sink sink) {
                blocks.incrementAndGet(); // one pass over the rest
                return AudioDecoder.load().stream(f, s, sink);
            }
        };
        for (int block : new int[] {4000, 5000, 9001}) {
            blocks.set(0);
            longest.set(0);
            MelDbFeature.Result r = MelDbFeature.of(watching, file, p, block);
            assertEquals(null, r.failure());
            assertEquals(expected, r.feature(), "block " + block);
            assertTrue(longest.get() <= Math.max(block, ClassFolderExtractor.samplesNeeded(p)) && blocks.get() == 1, longest + " " + blocks);
            // the blocks the features see: never more than one block of samples, every frame once and in order
            AtomicInteger biggest = new AtomicInteger();
            java.util.List<Integer> frames = new java.util.ArrayList<>();
            FrameBlocks.Scan scan = FrameBlocks.scan(watching, file, sr, p.nFft(), p.hopLength(), block, ClassFolderExtractor.samplesNeeded(p),
                    (y, from, to, all) -> {
                        biggest.accumulateAndGet(y.length, Math::max);
                        frames.add(to - from);
                    });
            assertTrue(biggest.get() <= Math.max(block, ClassFolderExtractor.samplesNeeded(p)), "block " + biggest);
            assertEquals(1 + 32000 / p.hopLength(), frames.stream().mapToInt(Integer::intValue).sum(), frames.toString());
            assertEquals(scan.frames(), 1 + 32000 / p.hopLength());
            assertTrue(frames.size() >= 32000 / block, frames.toString());
        }
        assertTrue(expected.max() < -10, "the loudest frame is not among the kept ones: " + expected.max());
        assertNotEquals(ClassFolderExtractor.feature(java.util.Arrays.copyOf(whole, ClassFolderExtractor.samplesNeeded(p)), p), expected,
                "the kept frames' own loudest frame is not the reference");
        // resampled in one streamed pass (8000 -> 22050 Hz): the whole recording's values exactly
        MelDbParams q = p.withSr(22050).withNFft(2048).withHopLength(512);
        float[] up = AudioDecoder.load().decode(file, 22050);
        FloatMatrix upExpected = org.melkit.features.Recipes.melDbFixed(up, 22050, 2048, 512, 32, 80.0, 20);
        assertEquals(upExpected, MelDbFeature.of(AudioDecoder.load(), file, q, 22050).feature());
        // a compressed recording streams through one ffmpeg process: FLAC (lossless) gives the WAV's values exactly
        if (MediaFixtures.hasFfmpeg()) {
            Path flac = tmp.resolve("long.flac");
            try {
                MediaFixtures.ffmpeg("-i", file.toString(), flac.toString());
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            assertEquals(expected, MelDbFeature.of(AudioDecoder.load(), flac, p, 4000).feature());
        }
        // a NaN in a later block is found too
        quiet[30000] = Float.NaN;
        TestWav.writeFloat(file, quiet, sr);
        assertEquals("non-finite samples (1 of 32000)", MelDbFeature.of(AudioDecoder.load(), file, p, 4000).failure());
    }

    /** Rule 9: temporaries a killed run left are removed at start; extensions come from the one list. */
    @Test
    void staleTemporariesAreRemovedAndOnlyAudioIsAnInput() throws IOException {
        Path in = smallTree();
        TestWav.write(in.resolve("cats/w.wave"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        Files.writeString(in.resolve("cats/readme.txt"), "not audio");
        Path out = tmp.resolve("out");
        extractor().run(in, out);
        Files.writeString(out.resolve("features/cats/.a.npy.tmp-99999-1"), "half");
        Files.writeString(out.resolve(".failures.csv.tmp-99999-7"), "half");
        ExtractResult r = extractor().run(in, out);
        assertFalse(Files.exists(out.resolve("features/cats/.a.npy.tmp-99999-1")));
        assertFalse(Files.exists(out.resolve(".failures.csv.tmp-99999-7")));
        assertEquals(List.of("cats/a.wav", "cats/b.wav", "cats/w.wave", "dogs/c.wav"), r.rows().stream().map(ExtractResult.Row::source).toList());
        assertEquals(0, r.failureCount(), "readme.txt is no input");
        String journal = Files.readString(out.resolve("journal.jsonl"), StandardCharsets.UTF_8);
        assertEquals(4, journal.lines().count(), journal);
    }

    /** A worker killed while writing (a lost Spark executor, its task retried elsewhere) leaves a temporary: the run's end removes it. */
    @Test
    void aTemporaryOfAWorkerKilledMidWriteIsGoneWhenTheRunEnds() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        Path left = out.resolve("features/cats/.a.npy.tmp-4242-1");
        org.melkit.batch.Engine lossy = new org.melkit.batch.Engine() {
            @Override
            public <T extends java.io.Serializable, R extends java.io.Serializable> List<org.melkit.batch.BatchRun.Outcome<R>> map(
                    List<T> items, Task<T, R> task, java.util.function.BiConsumer<T, org.melkit.batch.BatchRun.Outcome<R>> done,
                    org.melkit.batch.Progress progress, String name) {
                try {
                    Files.createDirectories(left.getParent());
                    Files.writeString(left, "half of a feature");
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                return org.melkit.batch.Engine.threads(1).map(items, task, done, progress, name);
            }

            @Override
            public String describe() { return "lossy"; }
        };
        ExtractResult r = extractor().withEngine(lossy).run(in, out);
        assertEquals(0, r.failureCount());
        assertFalse(Files.exists(left), "no temporary survives a finished run");
        assertTrue(Files.isRegularFile(out.resolve("features/cats/a.npy")));
    }
}
