package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.TestWav;
import org.melkit.io.Npy;

/** The batch rules through the command line: exit status 2 for refusals, bounded memory in a small JVM. */
class BatchRulesCliTest {
    @TempDir
    Path tmp;

    /** Scenario 4 through the CLI: exit 2 naming the holder's pid. */
    @Test
    void aSecondRunOnALockedOutputExits2NamingThePid() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("k/a.wav"), TestWav.sine(440, 0.2, 22050, 0.5), 22050);
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            DatasetCommandsTest.Run r = DatasetCommandsTest.melkit("extract", "--input", in, "--output", out, "--no-progress");
            assertEquals(2, r.status());
            assertTrue(r.err().contains("pid " + live.pid()), r.err());
        } finally {
            live.destroy();
            live.waitFor();
        }
        DatasetCommandsTest.Run empty = DatasetCommandsTest.melkit("extract", "--input", Files.createDirectories(tmp.resolve("e")), "--output",
                tmp.resolve("o2"), "--no-progress");
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("no audio files under"), empty.err());
        assertFalse(Files.exists(tmp.resolve("o2")), "a refused run creates nothing");
    }

    /** Scenario 8: a 2-hour 8 kHz recording goes through extract in a JVM with -Xmx256m. */
    @Test
    void aTwoHourRecordingFitsIn256Megabytes() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.writeLong(in.resolve("talks/two-hours.wav"), 2 * 3600, 8000);
        TestWav.write(in.resolve("talks/short.wav"), TestWav.sine(440, 0.5, 8000, 0.5), 8000);
        Path out = tmp.resolve("out");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "extract", "--input", in.toString(), "--output", out.toString(), "--sr", "8000", "--jobs", "1", "--no-progress"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), log);
        assertArrayEquals(new int[] {128, 256}, Npy.read(out.resolve("features/talks/two-hours.npy")).shape());
        assertEquals("source,error\n", Files.readString(out.resolve("failures.csv")));
    }
}
