package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.melkit.dataset.DatasetFixtures;
import org.melkit.dataset.TestWav;

/** The batch rules of {@code augment} and {@code images} through the command line: exit 2 for refusals, bounded memory in a small JVM. */
class AugmentImagesCliRulesTest {
    static final int SR = 16000;

    @TempDir
    Path tmp;

    /** The command's arguments besides input and output; {@code other} changes one parameter. */
    static List<Object> args(String command, boolean other) {
        return command.equals("augment")
                ? List.of("--copies", other ? "2" : "1", "--no-progress", "--jobs", "2")
                : List.of("--sr", SR, "--seconds", "0.25", "--width", other ? "24" : "16", "--height", "16", "--no-progress", "--jobs", "2");
    }

    static DatasetCommandsTest.Run melkit(String command, Path in, Path out, boolean other, String... extra) {
        List<Object> a = new ArrayList<>(List.of(command, "--input", in, "--output", out));
        a.addAll(args(command, other));
        a.addAll(List.of((Object[]) extra));
        return DatasetCommandsTest.melkit(a.toArray());
    }

    Path tree() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("cats/a.wav"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("dogs/c.wav"), TestWav.noise(3, 0.3, SR, 0.5), SR);
        return in;
    }

    /** Rules 1, 2, 4 and 5 through the CLI: every refusal is exit 2 with nothing touched; --overwrite rebuilds. */
    @ParameterizedTest
    @ValueSource(strings = {"augment", "images"})
    void refusalsExit2AndTouchNothing(String command) throws Exception {
        Path in = tree();
        DatasetCommandsTest.Run inside = melkit(command, in, in.resolve("cats/out"), false);
        assertEquals(2, inside.status(), inside.err());
        assertTrue(inside.err().contains("inside the input"), inside.err());
        assertFalse(Files.exists(in.resolve("cats/out")));
        DatasetCommandsTest.Run empty = melkit(command, Files.createDirectories(tmp.resolve("empty")), tmp.resolve("o2"), false);
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("no audio files under"), empty.err());
        assertFalse(Files.exists(tmp.resolve("o2")));

        Path out = tmp.resolve("out");
        DatasetCommandsTest.Run ok = melkit(command, in, out, false);
        assertEquals(0, ok.status(), ok.err());
        Map<String, String> before = DatasetFixtures.snapshot(out);
        DatasetCommandsTest.Run changed = melkit(command, in, out, true);
        assertEquals(2, changed.status());
        assertTrue(changed.err().contains("other parameters") && changed.err().contains("--overwrite"), changed.err());
        DatasetCommandsTest.Run inputInOutput = melkit(command, out.resolve("cats"), out, false, "--overwrite");
        assertEquals(2, inputInOutput.status(), inputInOutput.err());
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            DatasetCommandsTest.Run locked = melkit(command, in, out, false);
            assertEquals(2, locked.status());
            assertTrue(locked.err().contains("pid " + live.pid()), locked.err());
        } finally {
            live.destroy();
            live.waitFor();
            Files.deleteIfExists(out.resolve(".melkit.lock"));
        }
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");
        DatasetCommandsTest.Run rebuilt = melkit(command, in, out, true, "--overwrite");
        assertEquals(0, rebuilt.status(), rebuilt.err());
        Files.delete(in.resolve("dogs/c.wav"));
        DatasetCommandsTest.Run gone = melkit(command, in, out, true);
        assertEquals(0, gone.status(), gone.err());
        assertTrue(gone.out().contains("1 input(s) of the earlier run are gone; removed "), gone.out());
        assertFalse(Files.exists(out.resolve(command.equals("augment") ? "dogs/c__aug02.wav" : "dogs/c.png")));
    }

    /** A malformed config and an unknown transform, as a user writes them: exit 2, the file and the cause named, nothing written. */
    @Test
    void badConfigsNameTheFileAndTheCause() throws IOException {
        Path in = tree();
        Path config = tmp.resolve("my-aug.json");
        Files.writeString(config, "{\"transforms\": [\n  {\"type\": \"gain\", \"p\": 1,}\n]}");
        DatasetCommandsTest.Run malformed = DatasetCommandsTest.melkit("augment", "--input", in, "--output", tmp.resolve("o"), "--copies", "1",
                "--config", config);
        assertEquals(2, malformed.status());
        assertTrue(malformed.err().contains("my-aug.json") && malformed.err().contains("JSON line 2, column"), malformed.err());
        Files.writeString(config, "{\"transforms\": [{\"type\": \"reverb\", \"p\": 1}]}");
        DatasetCommandsTest.Run unknown = DatasetCommandsTest.melkit("augment", "--input", in, "--output", tmp.resolve("o"), "--copies", "1",
                "--config", config);
        assertEquals(2, unknown.status());
        assertTrue(unknown.err().contains("my-aug.json") && unknown.err().contains("unknown type \"reverb\"")
                && unknown.err().contains("one of shift, pitch_shift"), unknown.err());
        assertFalse(Files.exists(tmp.resolve("o")), "nothing written");
    }

    /**
     * Rule 8 and scenario 8 in a JVM with -Xmx256m: a 2-hour 8 kHz recording is one image of the
     * whole clip (read in blocks); augment, which needs the whole recording, gives it a failure
     * row and augments the rest.
     */
    @Test
    void aTwoHourRecordingIn256Megabytes() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.writeLong(in.resolve("talks/two-hours.wav"), 2 * 3600, 8000);
        TestWav.write(in.resolve("talks/short.wav"), TestWav.sine(440, 0.5, 8000, 0.5), 8000);
        String images = small(List.of("images", "--input", in.toString(), "--output", tmp.resolve("img").toString(), "--sr", "8000",
                "--jobs", "1", "--no-progress"), 0);
        assertTrue(Files.exists(tmp.resolve("img/talks/two-hours.png")), images);
        assertEquals("source,error\n", Files.readString(tmp.resolve("img/failures.csv")));
        String augment = small(List.of("augment", "--input", in.toString(), "--output", tmp.resolve("aug").toString(), "--copies", "1",
                "--jobs", "1", "--no-progress"), 1);
        String failures = Files.readString(tmp.resolve("aug/failures.csv"));
        assertTrue(failures.contains("talks/two-hours.wav,out of memory"), failures + augment);
        assertTrue(Files.exists(tmp.resolve("aug/talks/short__aug01.wav")), "the batch goes on");
        assertFalse(Files.exists(tmp.resolve("aug/talks/two-hours__aug01.wav")));
    }

    private static String small(List<String> args, int status) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(status, p.exitValue(), log);
        return log;
    }
}
