package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.batch.RefusedRunException;
import org.melkit.effects.ChunkParams;
import org.melkit.effects.Chunker;
import org.melkit.effects.Cleaning;
import org.melkit.effects.CleaningParams;
import org.melkit.effects.LastChunk;
import org.melkit.testutil.TestAudio;

/** The batch rules (issue 8) as {@code chunk} keeps them. */
class ChunkRulesTest {
    static final int SR = 8000;
    static final ChunkDataset.Params P = ChunkDataset.Params.of(0.25);

    @TempDir
    Path tmp;

    static ChunkDataset chunker(ChunkDataset.Params p) {
        return ChunkDataset.of(p).withJobs(2);
    }

    Path smallTree() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("cats/a.wav"), TestWav.sine(440, 0.6, SR, 0.5), SR);
        TestWav.write(in.resolve("cats/b.wav"), TestWav.sine(550, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("dogs/c.wav"), TestWav.noise(3, 0.5, SR, 0.5), SR);
        return in;
    }

    static List<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
        }
    }

    /** Rule 1: output inside input (also through a link) and input inside output are refused, nothing touched. */
    @Test
    void outputAndInputInsideOneAnotherAreRefused() throws IOException {
        Path in = smallTree();
        Map<String, String> inBefore = DatasetFixtures.snapshot(in);
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> chunker(P).run(in, in.resolve("cats/out")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        Files.createSymbolicLink(tmp.resolve("sneaky"), in.resolve("dogs"));
        e = assertThrows(RefusedRunException.class, () -> chunker(P).run(in, tmp.resolve("sneaky/out")));
        assertTrue(e.getMessage().contains("through a link"), e.getMessage());
        assertEquals(inBefore, DatasetFixtures.snapshot(in), "the input is untouched");

        Path out = tmp.resolve("out");
        chunker(P).run(in, out);
        Path inner = out.resolve("more");
        TestWav.write(inner.resolve("birds/x.wav"), TestWav.sine(300, 0.3, SR, 0.5), SR);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        e = assertThrows(RefusedRunException.class, () -> chunker(P).withOverwrite(true).run(inner, out));
        assertTrue(e.getMessage().contains("contains the input"), e.getMessage());
        assertThrows(RefusedRunException.class, () -> chunker(P).withOverwrite(true).run(out.resolve("cats"), out));
        assertEquals(before, DatasetFixtures.snapshot(out), "nothing touched");
    }

    /** Rules 2 and 5: no audio, another input, other parameters: refused; --overwrite removes only the job's own files. */
    @Test
    void noAudioOtherInputAndOtherParametersAreRefusedUnlessOverwrite() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        chunker(P).run(in, out);
        DatasetFixtures.ageAll(out);
        Map<String, String> before = new java.util.TreeMap<>(DatasetFixtures.snapshot(out));

        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no audio here");
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> chunker(P).withOverwrite(true).run(empty.getParent(), out));
        assertTrue(e.getMessage().contains("no audio files under " + empty.getParent()), e.getMessage());

        Path other = tmp.resolve("other");
        TestWav.write(other.resolve("owls/o.wav"), TestWav.sine(800, 0.3, SR, 0.5), SR);
        e = assertThrows(RefusedRunException.class, () -> chunker(P).run(other, out));
        assertTrue(e.getMessage().contains("another input") && e.getMessage().contains("--overwrite"), e.getMessage());

        ChunkDataset.Params longer = P.withChunk(ChunkParams.of(0.5));
        e = assertThrows(RefusedRunException.class, () -> chunker(longer).run(in, out));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");

        // an unchanged re-run rewrites no chunk (the manifest counts it as resumed)
        ChunkResult again = chunker(P).run(in, out);
        assertEquals(3, again.resumed());
        Map<String, String> after = DatasetFixtures.snapshot(out);
        after.remove("manifest.json");
        before.remove("manifest.json");
        assertEquals(before, after);

        // --overwrite with other parameters: the old chunks go, files that are not the job's stay
        Files.writeString(out.resolve("NOTES.md"), "mine");
        Files.writeString(out.resolve("cats/mine.txt"), "mine too");
        ChunkResult r = chunker(longer).withOverwrite(true).run(in, out);
        assertEquals(2 + 1 + 1, r.chunks());
        assertFalse(Files.exists(out.resolve("cats/a_chunk002.wav")), "0.25 s chunk 2 of a.wav was the old build's");
        assertEquals(List.of("NOTES.md", "cats/a_chunk000.wav", "cats/a_chunk001.wav", "cats/b_chunk000.wav", "cats/mine.txt",
                "dogs/c_chunk000.wav", "failures.csv", "journal.jsonl", "manifest.json", "metadata.csv"), files(out));
        assertEquals(0.5 * SR, TestAudio.readWav16(out.resolve("cats/a_chunk001.wav")).samples().length);

        // --overwrite from another input: only the new input's chunks remain (and the user's files)
        r = chunker(longer).withOverwrite(true).run(other, out);
        assertEquals(1, r.chunks());
        assertEquals(List.of("NOTES.md", "cats/mine.txt", "failures.csv", "journal.jsonl", "manifest.json", "metadata.csv",
                "owls/o_chunk000.wav"), files(out));
    }

    /** Rule 3: a replaced input is cut again and its stale chunks removed; a vanished input's chunks are removed and the run says so. */
    @Test
    void aChangedInputIsRecutAndAVanishedOneRemoved() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        ChunkResult first = chunker(P).run(in, out);
        assertEquals(3 + 2 + 2, first.chunks());
        Path a = in.resolve("cats/a.wav");
        FileTime t = Files.getLastModifiedTime(a);
        TestWav.write(a, TestWav.noise(9, 0.3, SR, 0.5), SR); // other audio, now 2 chunks instead of 3
        Files.setLastModifiedTime(a, t);
        Files.delete(in.resolve("dogs/c.wav"));

        ChunkResult r = chunker(P).run(in, out);
        assertEquals(1, r.processed());
        assertEquals(1, r.resumed());
        assertEquals(List.of("dogs/c.wav"), r.vanished());
        assertTrue(r.toString().contains("1 input(s) of the earlier run are gone"), r.toString());
        assertEquals(List.of("cats/a_chunk000.wav", "cats/a_chunk001.wav", "cats/b_chunk000.wav", "cats/b_chunk001.wav", "failures.csv",
                "journal.jsonl", "manifest.json", "metadata.csv"), files(out), "a's third chunk and c's chunks are gone");
        float[] src = TestAudio.readWav16(a).samples();
        float[] c0 = TestAudio.readWav16(out.resolve("cats/a_chunk000.wav")).samples();
        assertArrayEquals(java.util.Arrays.copyOf(src, c0.length), c0, 1e-9f, "the new audio");
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"cats/a.wav\" : \"" + org.melkit.batch.Manifest.sha256(a) + "\"")
                || manifest.contains("\"cats/a.wav\": \"" + org.melkit.batch.Manifest.sha256(a) + "\""), manifest);
        assertFalse(manifest.contains("dogs/c.wav"), manifest);
    }

    /** Rule 4: a second run on a held output is refused naming the pid; a dead holder's lock is taken over. */
    @Test
    void oneRunPerOutputFolder() throws Exception {
        Path in = smallTree();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            RefusedRunException e = assertThrows(RefusedRunException.class, () -> chunker(P).run(in, out));
            assertTrue(e.getMessage().contains("pid " + live.pid()), e.getMessage());
            assertEquals(List.of(".melkit.lock"), files(out), "nothing written");
        } finally {
            live.destroy();
            live.waitFor();
        }
        ChunkResult r = chunker(P).run(in, out);
        assertEquals(7, r.chunks());
        assertFalse(Files.exists(out.resolve(".melkit.lock")));
    }

    /** Rule 6: NaN/Inf samples are a failure row and leave no chunk, in the streaming and the whole-recording path. */
    @Test
    void nonFiniteSamplesAreAFailure() throws IOException {
        Path in = smallTree();
        float[] y = TestWav.sine(440, 0.6, SR, 0.5);
        y[3000] = Float.NaN;
        y[4000] = Float.NEGATIVE_INFINITY;
        TestWav.writeFloat(in.resolve("cats/nan.wav"), y, SR);
        for (ChunkDataset.Params p : List.of(P, P.withCleaning(CleaningParams.none().withPeakTarget(0.9)),
                P.withCleaning(CleaningParams.none().withTrimTopDb(60.0)))) {
            Path out = tmp.resolve("out-" + p.hashCode());
            ChunkResult r = chunker(p).run(in, out);
            assertEquals(1, r.exitStatus());
            assertEquals("non-finite samples (2 of " + y.length + ")", r.failureMap().get("cats/nan.wav"), p.toString());
            assertTrue(files(out).stream().noneMatch(f -> f.startsWith("cats/nan")), files(out).toString());
            assertTrue(Files.readString(out.resolve("failures.csv")).contains("cats/nan.wav,non-finite samples (2 of "));
        }
    }

    /** Rule 7: links are followed, each real file once; broken links and loops are failure rows naming the link. */
    @Test
    void symlinksAreFollowedAndBrokenOnesReported() throws IOException {
        Path in = smallTree();
        Path elsewhere = tmp.resolve("elsewhere");
        TestWav.write(elsewhere.resolve("birds/e.wav"), TestWav.sine(660, 0.3, SR, 0.5), SR);
        Files.createSymbolicLink(in.resolve("birds"), elsewhere.resolve("birds"));
        Files.createSymbolicLink(in.resolve("cats/same.wav"), in.resolve("cats/a.wav"));
        Files.createSymbolicLink(in.resolve("dogs/gone.wav"), tmp.resolve("nowhere.wav"));
        Files.createSymbolicLink(in.resolve("dogs/loop"), in.resolve("dogs"));
        ChunkResult r = chunker(P).run(in, tmp.resolve("out"));
        assertEquals(List.of("birds/e.wav", "cats/a.wav", "cats/b.wav", "dogs/c.wav"),
                r.rows().stream().map(ChunkResult.Row::source).distinct().toList());
        assertEquals(List.of("dogs/gone.wav", "dogs/loop"), List.copyOf(r.failureMap().keySet()));
        assertTrue(r.failureMap().get("dogs/gone.wav").contains("broken link"), r.failureMap().toString());
        assertTrue(r.failureMap().get("dogs/loop").contains("loop"), r.failureMap().toString());
    }

    /** Rule 9: temporaries a killed run left are removed at start, and a run leaves none. */
    @Test
    void noTemporarySurvives() throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        chunker(P).run(in, out);
        Files.writeString(out.resolve("cats/.a_chunk000.wav.tmp-99999-1234567"), "half a chunk");
        Files.writeString(out.resolve(".metadata.csv.tmp-99999-7"), "half");
        chunker(P).run(in, out);
        assertTrue(files(out).stream().noneMatch(f -> f.contains(".tmp")), files(out).toString());
    }

    /** Any --jobs gives the same bytes; the streamed chunks are the bytes of the whole-recording path. */
    @Test
    void sameBytesForAnyJobsAndForStreamingAndWholeRecording() throws IOException {
        Path in = smallTree();
        // silence, then sound, then silence: trimming has something to cut
        float[] left = TestWav.noise(5, 2.3, 11025, 0.4);
        float[] right = TestWav.sine(300, 2.3, 11025, 0.3);
        for (int i = 0; i < 11025 * 7 / 10; i++) {
            left[i] = right[i] = 0;
            left[left.length - 1 - i] = right[right.length - 1 - i] = 0;
        }
        TestAudio.writeWav16(in.resolve("cats/stereo.wav"), 11025, left, right);
        ChunkParams cut = ChunkParams.of(0.3).withOverlapSeconds(0.1).withLast(LastChunk.KEEP);
        record Case(int sr, CleaningParams cleaning, int chunks) {}
        for (Case k : List.of(new Case(22050, CleaningParams.none().withPeakTarget(0.8), 11),
                new Case(44100, CleaningParams.none().withTrimTopDb(30.0).withPeakTarget(0.7), 5),
                new Case(8000, CleaningParams.none().withTrimTopDb(20.0), 6))) {
            ChunkDataset.Params p = P.withSr(k.sr()).withChunk(cut).withCleaning(k.cleaning());
            Path one = tmp.resolve("one-" + k.sr());
            ChunkDataset.of(p).withJobs(1).run(in, one);
            ChunkDataset.of(p).withJobs(2).run(in, tmp.resolve("two-" + k.sr()));
            assertEquals(DatasetFixtures.contents(one), DatasetFixtures.contents(tmp.resolve("two-" + k.sr())));

            // the whole-recording path by hand: load, trim, normalise, cut, write
            Path file = in.resolve("cats/stereo.wav");
            float[] y = Audio.load(file, new LoadOptions(k.sr(), true, 0.0, null)).samples();
            Cleaning.Result c = Cleaning.apply(y, k.sr(), p.cleaning());
            List<Chunker.Chunk> chunks = c.chunks(Chunker.of(p.chunk()), k.sr());
            assertEquals(k.chunks(), chunks.size(), k.toString());
            List<String> meta = Files.readAllLines(one.resolve("metadata.csv"));
            for (Chunker.Chunk ch : chunks) {
                Path expected = tmp.resolve("expected.wav");
                Audio.writeWav(expected, AudioClip.mono(ch.samples(), k.sr()));
                String name = String.format("cats/stereo_chunk%03d.wav", ch.index());
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(one.resolve(name)), k + " " + name);
                String row = String.format(java.util.Locale.ROOT, "cats/stereo.wav,%s,cats,%d,%.6f,%.6f,%d", name, ch.index(),
                        (double) (c.offset() + ch.span().start()) / k.sr(), (double) (c.offset() + ch.span().end()) / k.sr(), k.sr());
                assertTrue(meta.contains(row), row + " in " + meta);
            }
        }
    }
}
