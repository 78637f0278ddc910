package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.DatasetFixtures;
import org.melkit.dataset.Eda;
import org.melkit.dataset.TestWav;
import org.melkit.dataset.Validation;

/**
 * The batch rules (issue 8) as the two single-report commands keep them, {@code eda} and
 * {@code validate}, through the command line (exit status) and the library.
 */
class ReportRulesCliTest {
    static final int SR = 8000;

    @TempDir
    Path tmp;

    Path tree() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("a/x.wav"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("a/y.wav"), TestWav.noise(4, 0.2, SR, 0.5), SR);
        TestWav.write(in.resolve("b/z.wav"), TestWav.sine(880, 0.4, SR, 0.3), SR);
        return in;
    }

    static DatasetCommandsTest.Run melkit(String command, Path in, Path report, Object... more) {
        List<Object> args = new ArrayList<>(List.of(command, "--input", in, "--output", report, "--no-progress"));
        args.addAll(List.of(more));
        return DatasetCommandsTest.melkit(args.toArray());
    }

    static List<String> temporaries(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.contains(".tmp-")).toList();
        }
    }

    /** Scenario 12: a report inside the input (also given through a link) -> exit 2, nothing touched. */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void aReportInsideTheInputExits2(String command) throws IOException {
        Path in = tree();
        Map<String, String> before = DatasetFixtures.snapshot(in);
        DatasetCommandsTest.Run r = melkit(command, in, in.resolve("a/r.csv"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("inside the input"), r.err());
        Path link = Files.createSymbolicLink(tmp.resolve("reports"), in.resolve("b"));
        r = melkit(command, in, link.resolve("r.csv"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("through a link"), r.err());
        assertEquals(before, DatasetFixtures.snapshot(in), "nothing touched");
    }

    /** Rule 2: no audio -> exit 2 naming the folder, nothing created. */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void noAudioExits2(String command) throws IOException {
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no audio here");
        DatasetCommandsTest.Run r = melkit(command, empty.getParent(), tmp.resolve("out/r.csv"));
        assertEquals(2, r.status(), r.err());
        assertTrue(r.err().contains("no audio files under " + empty.getParent()), r.err());
        assertFalse(Files.exists(tmp.resolve("out")), "a refused run creates nothing");
    }

    /** Rule 4: one run per report; a lock whose process is dead is taken over. */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void aSecondRunOnALockedReportExits2NamingThePid(String command) throws Exception {
        Path in = tree();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".r.csv.lock"), live.pid() + "\n");
            DatasetCommandsTest.Run r = melkit(command, in, out.resolve("r.csv"));
            assertEquals(2, r.status(), r.err());
            assertTrue(r.err().contains("pid " + live.pid()), r.err());
            assertFalse(Files.exists(out.resolve("r.csv")));
        } finally {
            live.destroy();
            live.waitFor();
        }
        // the holder is gone now: its lock is taken over
        assertEquals(0, melkit(command, in, out.resolve("r.csv")).status());
        assertFalse(Files.exists(out.resolve(".r.csv.lock")), "the lock is released");
    }

    /**
     * Rules 9 and 10 (scenario 6): sidecars are named after the report, so a report beside a
     * folder build leaves its manifest and failures alone; stale temporaries of a killed run are
     * removed and none survives.
     */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void sidecarsAreNamedAfterTheReportAndNoTemporarySurvives(String command) throws IOException {
        Path in = tree();
        Path dir = Files.createDirectories(tmp.resolve("build"));
        Files.writeString(dir.resolve("manifest.json"), "{\"command\": \"extract\"}\n");
        Files.writeString(dir.resolve("failures.csv"), "source,error\n");
        Files.writeString(dir.resolve(".r.csv.tmp-12345-1"), "half a report of a killed run");
        Files.writeString(dir.resolve(".r.failures.csv.tmp-12345-7"), "half");
        Files.writeString(dir.resolve(".other.csv.tmp-12345-1"), "not ours");
        DatasetFixtures.ageAll(dir);
        String manifest = Files.readString(dir.resolve("manifest.json"));
        assertEquals(0, melkit(command, in, dir.resolve("r.csv")).status());
        for (String s : List.of("r.csv", "r.manifest.json", "r.failures.csv", "r.journal.jsonl")) {
            assertTrue(Files.isRegularFile(dir.resolve(s)), s);
        }
        assertEquals(manifest, Files.readString(dir.resolve("manifest.json")));
        assertEquals("source,error\n", Files.readString(dir.resolve("failures.csv")));
        assertEquals(List.of(".other.csv.tmp-12345-1"), temporaries(dir), "our stale temporaries removed, another's kept");
    }

    /** Rule 7: linked folders and files are inputs, each real file once; a broken link and a loop are failures naming the link. */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void symlinksAreFollowedAndBrokenOnesAreFailures(String command) throws IOException {
        Path in = tree();
        Path elsewhere = tmp.resolve("elsewhere");
        TestWav.write(elsewhere.resolve("w.wav"), TestWav.sine(300, 0.3, SR, 0.5), SR);
        Files.createSymbolicLink(in.resolve("c"), elsewhere);                           // a linked class folder
        Files.createSymbolicLink(in.resolve("b/w-again.wav"), elsewhere.resolve("w.wav")); // the same real file again
        Files.createSymbolicLink(in.resolve("a/gone.wav"), tmp.resolve("nowhere.wav"));  // broken
        Files.createSymbolicLink(in.resolve("a/loop"), in.resolve("a"));                 // a loop
        Path report = tmp.resolve("out/r.csv");
        DatasetCommandsTest.Run r = melkit(command, in, report);
        assertEquals(1, r.status(), "failure rows: exit 1 " + r.err());
        String csv = Files.readString(report);
        assertTrue(csv.contains("b/w-again.wav"), "the first path to a real file names it: " + csv);
        assertFalse(csv.contains("c/w.wav"), "each real file once: " + csv);
        List<String> failures = Files.readAllLines(tmp.resolve("out/r.failures.csv"));
        assertEquals("source,error", failures.get(0));
        assertEquals(3, failures.size(), failures.toString());
        assertTrue(failures.get(1).startsWith("a/gone.wav,broken link"), failures.toString());
        assertTrue(failures.get(2).startsWith("a/loop,link loop"), failures.toString());
        if (command.equals("validate")) {
            assertTrue(csv.contains("\na/gone.wav,corrupt,broken link"), csv);
        }
    }

    /**
     * Rule 3: a re-run reuses only what is still true (byte-identical report); a changed file is
     * read again, a vanished one loses its row and the run says so; {@code --jobs} 1 and 2 give
     * the same bytes.
     */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void reuseOnlyWhatIsStillTrue(String command) throws IOException {
        Path in = tree();
        Path one = tmp.resolve("one/r.csv");
        Path two = tmp.resolve("two/r.csv");
        Object[] levels = command.equals("eda") ? new Object[] {"--levels"} : new Object[0];
        assertEquals(0, melkit(command, in, one, append(levels, "--jobs", "1")).status());
        assertEquals(0, melkit(command, in, two, append(levels, "--jobs", "2")).status());
        assertEquals(Files.readString(one), Files.readString(two), "--jobs 1 and 2");
        assertEquals(Files.readString(one.resolveSibling("r.failures.csv")), Files.readString(two.resolveSibling("r.failures.csv")));

        DatasetFixtures.ageAll(one.getParent());
        Map<String, String> before = DatasetFixtures.snapshot(one.getParent());
        DatasetCommandsTest.Run again = melkit(command, in, one, levels);
        assertEquals(0, again.status());
        assertTrue(again.out().contains("3 reused"), again.out());
        assertEquals(before, DatasetFixtures.snapshot(one.getParent()), "an unchanged re-run rewrites nothing");

        // b/z.wav replaced by a silent file of another length, a/y.wav gone
        TestWav.write(in.resolve("b/z.wav"), new float[SR], SR);
        Files.setLastModifiedTime(in.resolve("b/z.wav"), FileTime.fromMillis(1_000_000_000_000L));
        Files.delete(in.resolve("a/y.wav"));
        DatasetCommandsTest.Run changed = melkit(command, in, one, levels);
        assertEquals(0, changed.status(), changed.err());
        assertTrue(changed.out().contains("gone since the last run, rows removed: a/y.wav"), changed.out());
        String csv = Files.readString(one);
        assertFalse(csv.contains("a/y.wav"), csv);
        assertTrue(csv.contains(command.equals("eda") ? "b,z.wav,b/z.wav,wav,1.0,8000,1,0.0,-inf,0.0" : "b/z.wav,silent,all 8000 samples are 0"),
                csv);
        assertFalse(Files.readString(one.resolveSibling("r.journal.jsonl")).contains("a/y.wav"));
    }

    private static Object[] append(Object[] a, Object... b) {
        List<Object> l = new ArrayList<>(List.of(a));
        l.addAll(List.of(b));
        return l.toArray();
    }

    /** Rule 2: a report of another input folder is refused unless --overwrite. */
    @ParameterizedTest
    @ValueSource(strings = {"eda", "validate"})
    void anotherInputIsRefusedUnlessOverwrite(String command) throws IOException {
        Path in = tree();
        Path report = tmp.resolve("out/r.csv");
        assertEquals(0, melkit(command, in, report).status());
        Path other = tmp.resolve("other");
        TestWav.write(other.resolve("c/w.wav"), TestWav.sine(500, 0.3, SR, 0.5), SR);
        Map<String, String> before = DatasetFixtures.snapshot(report.getParent());
        DatasetCommandsTest.Run r = melkit(command, other, report);
        assertEquals(2, r.status());
        assertTrue(r.err().contains("another input") && r.err().contains("--overwrite"), r.err());
        assertEquals(before, DatasetFixtures.snapshot(report.getParent()));
        assertEquals(0, melkit(command, other, report, "--overwrite").status());
        assertTrue(Files.readString(report).contains("c/w.wav"));
        // a file melkit did not write is never replaced without --overwrite
        Files.writeString(tmp.resolve("out/mine.csv"), "my own notes\n");
        r = melkit(command, in, tmp.resolve("out/mine.csv"));
        assertEquals(2, r.status());
        assertEquals("my own notes\n", Files.readString(tmp.resolve("out/mine.csv")));
    }

    /**
     * Rule 5 as it applies to a report: {@code eda} with other parameters replaces its report
     * (like pandas' to_csv; the run says so) instead of refusing; nothing else is touched.
     */
    @Test
    void edaWithOtherParametersReplacesItsReport() throws IOException {
        Path in = tree();
        Path report = tmp.resolve("out/r.csv");
        Eda.Result first = Eda.of(Eda.Params.DEFAULT).withJobs(1).run(in, report);
        assertEquals(null, first.replaced());
        Eda.Result second = Eda.of(Eda.Params.DEFAULT.withLevels(true)).withJobs(1).run(in, report);
        assertTrue(second.toString().contains("replaced the report made with other parameters (eda {\"class_from\":\"parent\","
                + "\"levels\":false})"), second.toString());
        assertEquals(0, second.reused());
        assertFalse(Files.readString(report).contains(",,,\n"), "levels now present");
        assertTrue(Files.readString(report.resolveSibling("r.manifest.json")).contains("\"levels\": true"),
                Files.readString(report.resolveSibling("r.manifest.json")));
        assertEquals(3, Eda.of(Eda.Params.DEFAULT.withLevels(true)).run(in, report).reused());
        // what is still true is reused across a parameter change: headers and levels without --levels, everything for another class rule
        Files.writeString(in.resolve("a/x.wav"), "now broken"); // changed: read again (a failure now)
        Eda.Result noLevels = Eda.of(Eda.Params.DEFAULT).run(in, report);
        assertTrue(noLevels.replaced() != null && noLevels.reused() == 2 && noLevels.failures().containsKey("a/x.wav"), noLevels.toString());
        assertEquals(Eda.scan(in).table().print(), noLevels.table().print(), "the same table as a fresh scan");
        Eda.Result byTop = Eda.of(Eda.Params.DEFAULT.withClassFrom(org.melkit.batch.AudioFiles.ClassFrom.FIRST_LEVEL)).run(in, report);
        assertEquals(2, byTop.reused(), byTop.toString());
        assertTrue(Files.readString(report).contains("\na,y.wav,a/y.wav,wav,0.2,8000,1,,,\n"), Files.readString(report));
    }

    /** Scenario 5 and rule 6: NaN/Inf samples are corrupt in validate, a failure of eda --levels. */
    @Test
    void nonFiniteSamples() throws IOException {
        Path in = tree();
        float[] y = TestWav.sine(300, 0.25, SR, 0.5);
        y[10] = Float.NaN;
        y[20] = Float.POSITIVE_INFINITY;
        TestWav.writeFloat(in.resolve("b/nan.wav"), y, SR);
        Validation.Report v = Validation.of().run(in, tmp.resolve("v.csv"));
        assertEquals(new Validation.Finding("b/nan.wav", Validation.Status.CORRUPT, "non-finite samples (2 of 2000)"), v.get("b/nan.wav"));
        DatasetCommandsTest.Run r = melkit("eda", in, tmp.resolve("e.csv"), "--levels");
        assertEquals(1, r.status());
        assertEquals(List.of("source,error", "b/nan.wav,non-finite samples (2 of 2000)"),
                Files.readAllLines(tmp.resolve("e.failures.csv")));
    }

    /** Validate looks at audio and images only: melkit's own sidecars in the folder are not "corrupt". */
    @Test
    void validateIgnoresFilesThatAreNeitherAudioNorImages() throws IOException {
        Path in = tree();
        Path build = tmp.resolve("build");
        assertEquals(0, melkit("extract", build.resolveSibling("in"), build, "--sr", "8000").status());
        Files.writeString(in.resolve("a/notes.txt"), "my notes");
        Validation.Report r = Validation.of().run(build.resolveSibling("in"), tmp.resolve("v.csv"));
        assertEquals(List.of("a/x.wav", "a/y.wav", "b/z.wav"), r.findings().stream().map(Validation.Finding::source).toList());
        assertEquals(List.of("a/notes.txt"), r.ignored());
        // a folder build: its CSV and JSON files are not inputs either (its .npy are not audio)
        TestWav.write(build.resolve("extra/w.wav"), TestWav.sine(500, 0.3, SR, 0.5), SR);
        Validation.Report b = Validation.validate(build);
        assertEquals(List.of("extra/w.wav"), b.findings().stream().map(Validation.Finding::source).toList());
        assertTrue(b.ignored().containsAll(List.of("failures.csv", "manifest.json", "metadata.csv")), b.ignored().toString());
    }

    /** Rule 8: a 2-hour 8 kHz recording through eda --levels and validate in a JVM with -Xmx256m. */
    @Test
    void aTwoHourRecordingFitsIn256Megabytes() throws Exception {
        Path in = tmp.resolve("in");
        TestWav.writeLong(in.resolve("talks/two-hours.wav"), 2 * 3600, SR);
        TestWav.write(in.resolve("talks/short.wav"), TestWav.sine(440, 0.5, SR, 0.5), SR);
        for (String command : List.of("eda", "validate")) {
            Path report = tmp.resolve(command + ".csv");
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                    command, "--input", in.toString(), "--output", report.toString(), "--jobs", "2", "--no-progress"));
            if (command.equals("eda")) {
                cmd.add("--levels");
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), log);
            List<String> lines = Files.readAllLines(report);
            assertEquals(3, lines.size(), lines.toString());
            if (command.equals("eda")) {
                assertTrue(lines.get(2).startsWith("talks,two-hours.wav,talks/two-hours.wav,wav,7200.0,8000,1,0.2441"), lines.get(2));
            } else {
                assertEquals("talks/two-hours.wav,ok,", lines.get(2));
            }
            assertEquals("source,error\n", Files.readString(tmp.resolve(command + ".failures.csv")));
        }
    }
}
