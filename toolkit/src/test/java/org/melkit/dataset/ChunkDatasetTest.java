package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.RefusedRunException;
import org.melkit.cli.Main;
import org.melkit.effects.ChunkParams;
import org.melkit.effects.LastChunk;
import org.melkit.testutil.TestAudio;

class ChunkDatasetTest {
    @TempDir
    Path tmp;

    private Path input() throws IOException {
        Path in = tmp.resolve("in");
        // 2.3 s and 0.4 s at 8 kHz; a same-stem pair in another format
        TestAudio.writeWav16(in.resolve("dogs/a.wav"), 8000, TestAudio.tone(440, 2.3, 8000, 0.5));
        TestAudio.writeWav16(in.resolve("dogs/b.wav"), 8000, TestAudio.tone(300, 0.4, 8000, 0.5));
        Files.copy(in.resolve("dogs/b.wav"), in.resolve("dogs/b.au.wav"));
        TestAudio.writeWav16(in.resolve("cats/c.wav"), 8000, TestAudio.tone(600, 1.0, 8000, 0.25));
        Files.writeString(in.resolve("cats/bad.wav"), "garbage");
        Files.writeString(in.resolve("labels.txt"), "not audio");
        return in;
    }

    private static int run(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    @Test
    void namesAreCollisionFree() {
        Map<String, String> m = ChunkDataset.outputBases(List.of("A.wav", "dogs/a.flac", "dogs/a.wav", "dogs/a_wav.mp3", "dogs/b.wav",
            "dogs/B.ogg", "x/a.wav"));
        assertEquals("A", m.get("A.wav"));
        assertEquals("dogs/a_flac", m.get("dogs/a.flac"));
        assertEquals("dogs/a_wav", m.get("dogs/a.wav"));
        assertEquals("dogs/a_wav_2", m.get("dogs/a_wav.mp3"), "its stem equals a.wav's disambiguated name");
        assertEquals("dogs/b_wav", m.get("dogs/b.wav"), "b and B clash on case-insensitive file systems");
        assertEquals("dogs/B_ogg", m.get("dogs/B.ogg"));
        assertEquals("x/a", m.get("x/a.wav"));
        assertEquals("dogs/a_chunk007.wav", ChunkDataset.chunkName("dogs/a", 7));
        // failure messages: the input's prefix goes where a path starts, not inside /usr/bin
        assertEquals("cats/a.wav: bad; command: [/usr/bin/ffmpeg, file:cats/a.wav]", org.melkit.batch.OutputFiles.relativeTo(Path.of("in"),
                new RuntimeException("in/cats/a.wav: bad; command: [/usr/bin/ffmpeg, file:" + Path.of("in").toAbsolutePath() + "/cats/a.wav]")));
    }

    @Test
    void chunksMetadataFailuresManifestAndResume() throws IOException {
        Path in = input();
        Path out = tmp.resolve("out");
        ChunkDataset o = ChunkDataset.of(ChunkDataset.Params.of(1.0)).withJobs(2);
        ChunkResult s = o.run(in, out);
        assertEquals(5, s.sources());
        assertEquals(Map.of("cats/bad.wav", s.failureMap().get("cats/bad.wav")), s.failureMap());
        assertEquals(List.of("labels.txt"), s.notAudio());
        assertEquals(3 + 1 + 1 + 1, s.chunks());
        List<String> meta = Files.readAllLines(out.resolve("metadata.csv"));
        assertEquals(List.of(
                "source,chunk,class,index,start_s,end_s,sr",
                "cats/c.wav,cats/c_chunk000.wav,cats,0,0.000000,1.000000,8000",
                "dogs/a.wav,dogs/a_chunk000.wav,dogs,0,0.000000,1.000000,8000",
                "dogs/a.wav,dogs/a_chunk001.wav,dogs,1,1.000000,2.000000,8000",
                "dogs/a.wav,dogs/a_chunk002.wav,dogs,2,2.000000,2.300000,8000",
                "dogs/b.au.wav,dogs/b.au_chunk000.wav,dogs,0,0.000000,0.400000,8000",
                "dogs/b.wav,dogs/b_chunk000.wav,dogs,0,0.000000,0.400000,8000"), meta);
        // every chunk is a full second (the last ones zero-padded), and chunk 1 holds source samples 8000..16000
        for (String line : meta.subList(1, meta.size())) {
            TestAudio.Pcm p = TestAudio.readWav16(out.resolve(line.split(",")[1]));
            assertEquals(8000, p.samples().length, line);
            assertEquals(8000, p.sr());
        }
        float[] src = TestAudio.readWav16(in.resolve("dogs/a.wav")).samples();
        float[] c1 = TestAudio.readWav16(out.resolve("dogs/a_chunk001.wav")).samples();
        for (int i = 0; i < 8000; i += 97) {
            assertEquals(src[8000 + i], c1[i], 1.0 / 32768, "sample " + i);
        }
        float[] c2 = TestAudio.readWav16(out.resolve("dogs/a_chunk002.wav")).samples();
        assertEquals(0f, c2[2400]);
        assertEquals(0f, c2[7999]);
        List<String> fail = Files.readAllLines(out.resolve("failures.csv"));
        assertEquals("source,error", fail.get(0));
        assertTrue(fail.get(1).startsWith("cats/bad.wav,"), fail.get(1));
        assertFalse(fail.get(1).contains("ffprobe"), "the loader's own message, as before streaming: " + fail.get(1));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"chunks\": 6"), manifest);
        assertTrue(manifest.contains("\"dogs/a.wav\": \""), manifest);

        // re-run: everything that succeeded is resumed, the failure retried, output identical
        ChunkResult again = o.run(in, out);
        assertEquals(5 - 1, again.resumed());
        assertEquals(0, again.processed());
        assertEquals(meta, Files.readAllLines(out.resolve("metadata.csv")));
        // a deleted chunk makes its source be processed again
        Files.delete(out.resolve("dogs/a_chunk001.wav"));
        ChunkResult third = o.withJobs(1).run(in, out);
        assertEquals(1, third.processed());
        assertTrue(Files.exists(out.resolve("dogs/a_chunk001.wav")));
        assertEquals(meta, Files.readAllLines(out.resolve("metadata.csv")));
        // other parameters into the same output: refused
        RefusedRunException e = assertThrows(RefusedRunException.class,
                () -> ChunkDataset.of(ChunkDataset.Params.of(1.0).withChunk(ChunkParams.of(2.0))).run(in, out));
        assertTrue(e.getMessage().contains("other parameters"), e.getMessage());
        // no temporary files left behind
        try (var files = Files.walk(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "temporary files left in " + out);
        }
    }

    @Test
    void lastModesOverlapAndCleaningThroughTheCommand() throws IOException {
        Path in = input();
        Files.delete(in.resolve("cats/bad.wav"));
        Path keep = tmp.resolve("keep");
        assertEquals(0, run("chunk", "--input", in.toString(), "--output", keep.toString(), "--seconds", "1", "--last", "keep",
                "--overlap", "0.5", "--no-progress"));
        List<String> meta = Files.readAllLines(keep.resolve("metadata.csv"));
        // a.wav 2.3 s, 1 s chunks every 0.5 s: starts 0, 0.5, 1.0 (full), then [1.5, 2.3) kept at 0.8 s
        assertTrue(meta.contains("dogs/a.wav,dogs/a_chunk003.wav,dogs,3,1.500000,2.300000,8000"), meta.toString());
        assertEquals(6400, TestAudio.readWav16(keep.resolve("dogs/a_chunk003.wav")).samples().length);
        assertEquals(3200, TestAudio.readWav16(keep.resolve("dogs/b_chunk000.wav")).samples().length);

        Path drop = tmp.resolve("drop");
        assertEquals(0, run("chunk", "--input", in.toString(), "--output", drop.toString(), "--seconds", "1", "--last", "drop",
                "--normalize", "0.9", "--no-progress"));
        List<String> dm = Files.readAllLines(drop.resolve("metadata.csv"));
        assertEquals(1 + 1 + 2, dm.size(), dm.toString()); // c: 1, a: 2, b and b.au: none (0.4 s < 1 s)
        assertEquals(0.9, peak(drop.resolve("cats/c_chunk000.wav")), 2.0 / 32768);
        String manifest = Files.readString(drop.resolve("manifest.json"));
        assertTrue(manifest.contains("\"without_chunks\": 2"), manifest);

        // all cleaning steps: runs, keeps full-length chunks, and the source's peak is the target
        Path clean = tmp.resolve("clean");
        assertEquals(0, run("chunk", "--input", in.toString(), "--output", clean.toString(), "--seconds", "1", "--denoise",
                "--trim-top-db", "60", "--normalize", "0.8", "--no-progress"));
        double p = 0;
        for (String line : Files.readAllLines(clean.resolve("metadata.csv"))) {
            if (line.startsWith("dogs/a.wav,")) {
                Path chunk = clean.resolve(line.split(",")[1]);
                assertEquals(8000, TestAudio.readWav16(chunk).samples().length);
                p = Math.max(p, peak(chunk));
            }
        }
        assertEquals(0.8, p, 2.0 / 32768);

        assertEquals(2, run("chunk", "--input", in.toString(), "--output", tmp.resolve("x").toString()), "--seconds is required");
        assertEquals(2, run("chunk", "--input", in.toString(), "--output", in.resolve("sub").toString(), "--seconds", "1"),
                "output inside input");
        assertEquals(2, run("chunk", "--input", in.toString(), "--output", tmp.resolve("y").toString(), "--seconds", "1", "--last", "trim"));
    }

    private static double peak(Path wav) {
        double p = 0;
        for (float v : TestAudio.readWav16(wav).samples()) {
            p = Math.max(p, Math.abs(v));
        }
        return p;
    }

    @Test
    void resamplesWhenAsked() throws IOException {
        Path in = input();
        Files.delete(in.resolve("cats/bad.wav"));
        Path out = tmp.resolve("sr");
        ChunkDataset.of(ChunkDataset.Params.of(0.5).withSr(16000).withChunk(ChunkParams.of(0.5).withLast(LastChunk.DROP))).run(in, out);
        TestAudio.Pcm p = TestAudio.readWav16(out.resolve("cats/c_chunk001.wav"));
        assertEquals(16000, p.sr());
        assertEquals(8000, p.samples().length);
    }
}
