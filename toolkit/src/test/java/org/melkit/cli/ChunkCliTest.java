package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.DatasetFixtures;
import org.melkit.dataset.TestWav;
import org.melkit.testutil.TestAudio;

/** {@code melkit chunk} through the command line: exit 2 for refusals, bounded memory in a small JVM. */
class ChunkCliTest {
    @TempDir
    Path tmp;

    @Test
    void refusalsExit2AndTouchNothing() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("k/a.wav"), TestWav.sine(440, 1.2, 8000, 0.5), 8000);
        Path out = tmp.resolve("out");
        DatasetCommandsTest.Run r = DatasetCommandsTest.melkit("chunk", "--input", in, "--output", out, "--seconds", 0.5, "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("3 chunks"), r.out());
        DatasetFixtures.ageAll(out);
        Map<String, String> before = DatasetFixtures.snapshot(out);

        r = DatasetCommandsTest.melkit("chunk", "--input", in, "--output", out, "--seconds", 1, "--no-progress");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("other parameters") && r.err().contains("--overwrite"), r.err());
        r = DatasetCommandsTest.melkit("chunk", "--input", in, "--output", in.resolve("k/o"), "--seconds", 1, "--no-progress");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("inside the input"), r.err());
        r = DatasetCommandsTest.melkit("chunk", "--input", Files.createDirectories(tmp.resolve("e")), "--output", out, "--seconds", 0.5,
                "--overwrite", "--no-progress");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no audio files under"), r.err());
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            r = DatasetCommandsTest.melkit("chunk", "--input", in, "--output", out, "--seconds", 0.5, "--no-progress");
            assertEquals(2, r.status());
            assertTrue(r.err().contains("pid " + live.pid()), r.err());
            Files.delete(out.resolve(".melkit.lock"));
        } finally {
            live.destroy();
            live.waitFor();
        }
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");

        r = DatasetCommandsTest.melkit("chunk", "--input", in, "--output", out, "--seconds", 1, "--overwrite", "--no-progress");
        assertEquals(0, r.status(), r.err());
        assertEquals(List.of("k/a_chunk000.wav", "k/a_chunk001.wav"), chunks(out));
    }

    private static List<String> chunks(Path out) throws java.io.IOException {
        try (Stream<Path> s = Files.walk(out)) {
            return s.map(p -> out.relativize(p).toString()).filter(p -> p.endsWith(".wav")).sorted().toList();
        }
    }

    /** Rule 8: a 2-hour 8 kHz recording is cut, trimmed and peak-normalised in a JVM of 256 MB (read twice, block by block). */
    @Test
    void aTwoHourRecordingIsCutIn256Megabytes() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.writeLong(in.resolve("talks/two-hours.wav"), 2 * 3600, 8000);
        TestWav.write(in.resolve("talks/short.wav"), TestWav.sine(440, 0.5, 8000, 0.5), 8000);
        Path out = tmp.resolve("out");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "chunk", "--input", in.toString(), "--output", out.toString(), "--seconds", "60", "--trim-top-db", "60", "--normalize", "0.5",
                "--jobs", "1", "--no-progress");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        List<String> chunks = chunks(out);
        assertEquals(120 + 1, chunks.size(), log);
        assertEquals("talks/two-hours_chunk119.wav", chunks.get(120));
        assertEquals("source,error\n", Files.readString(out.resolve("failures.csv")));
        List<String> meta = Files.readAllLines(out.resolve("metadata.csv"));
        assertEquals("talks/two-hours.wav,talks/two-hours_chunk119.wav,talks,119,7140.000000,7200.000000,8000", meta.get(121));
        // peak-normalised over the whole recording: the tone's peak 8000/32767 became 0.5 in every chunk
        float[] last = TestAudio.readWav16(out.resolve("talks/two-hours_chunk119.wav")).samples();
        float peak = 0;
        for (float v : last) {
            peak = Math.max(peak, Math.abs(v));
        }
        assertEquals(0.5, peak, 2.0 / 32768);
        assertFalse(log.contains("OutOfMemory"), log);
    }
}
