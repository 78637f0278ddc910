package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.dataset.MelDbParams;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Rule 11 of issue 8, for every command and every feature kind: {@code --help} prints the options
 * with their defaults and exits 0; {@code --version}; an unknown option exits 2 naming the
 * nearest valid one; {@code --jobs} everywhere.
 */
class CliHelpTest {
    @TempDir
    Path tmp;

    record Run(int rc, String out, String err) {}

    static Run melkit(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    /** Every visible command path: {@code [extract]}, {@code [feature, stft]}, ... */
    static List<List<String>> commandPaths() {
        List<List<String>> paths = new ArrayList<>();
        CommandLine root = Main.commandLine(System.out, System.err);
        for (Map.Entry<String, CommandLine> c : root.getSubcommands().entrySet()) {
            if (c.getValue().getCommandSpec().usageMessage().hidden()) {
                continue;
            }
            paths.add(List.of(c.getKey()));
            for (String kind : c.getValue().getSubcommands().keySet()) {
                paths.add(List.of(c.getKey(), kind));
            }
        }
        return paths;
    }

    static CommandLine command(List<String> path) {
        CommandLine c = Main.commandLine(System.out, System.err);
        for (String p : path) {
            c = c.getSubcommands().get(p);
        }
        return c;
    }

    static String[] argv(List<String> path, String... more) {
        List<String> a = new ArrayList<>(path);
        a.addAll(List.of(more));
        return a.toArray(new String[0]);
    }

    @Test
    void everyCommandsHelpListsItsOptionsWithTheirDefaultsAndExits0() {
        List<List<String>> paths = commandPaths();
        assertEquals(11 + 14, paths.size(), paths.toString()); // 11 commands, 14 feature kinds
        for (List<String> path : paths) {
            Run r = melkit(argv(path, "--help"));
            assertEquals(0, r.rc(), path + ": " + r.err());
            assertEquals("", r.err(), path.toString());
            assertTrue(r.out().startsWith("Usage: melkit " + String.join(" ", path)), r.out());
            String text = r.out().replaceAll("\\s+", " ");
            for (OptionSpec o : command(path).getCommandSpec().options()) {
                if (o.hidden()) {
                    assertFalse(r.out().contains(o.longestName() + "="), path + " shows hidden " + o.longestName());
                    continue;
                }
                assertTrue(text.contains(o.longestName()), path + " help lacks " + o.longestName());
                String d = o.defaultValueString();
                if (d != null && !d.equals("null") && !o.required() && o.arity().max() > 0 && !o.usageHelp() && !o.versionHelp()) {
                    assertTrue(text.contains("Default: " + d), path + " help lacks the default of " + o.longestName() + " (" + d + ")");
                }
            }
            assertEquals(0, melkit(argv(path, "-h")).rc(), path.toString());
        }
    }

    @Test
    void helpShowsTheLibraryDefaultsAndLibrosaDerivedOnes() {
        Run extract = melkit("extract", "--help");
        assertTrue(extract.out().contains("Default: " + MelDbParams.DEFAULT.frames()), extract.out());
        assertTrue(extract.out().contains("Default: " + MelDbParams.DEFAULT.topDb()), extract.out());
        Run stft = melkit("feature", "stft", "--help");
        stft = new Run(stft.rc(), stft.out().replaceAll("\\s+", " "), stft.err());
        assertTrue(stft.out().contains("Default: n_fft // 4"), stft.out());
        assertTrue(stft.out().contains("Default: hann"), stft.out());
        Run mel = melkit("feature", "melspectrogram", "--help");
        assertTrue(mel.out().contains("Default: none = sr / 2"), mel.out());
        Run kinds = melkit("feature", "--help");
        assertEquals(0, kinds.rc());
        for (String kind : FeatureCommand.KIND_LIST) {
            assertTrue(kinds.out().contains("  " + kind + " "), kind);
        }
    }

    @Test
    void versionAndTopLevelHelp() {
        for (String v : new String[] {"--version", "-V", "version"}) {
            Run r = melkit(v);
            assertEquals(0, r.rc(), v);
            assertTrue(r.out().startsWith("melkit "), r.out());
        }
        Run help = melkit("--help");
        assertEquals(0, help.rc());
        String o = help.out();
        // listed by workflow: features, then raw-audio preparation, then dataset builders
        int features = o.indexOf("Features:");
        int prep = o.indexOf("Raw-audio preparation:");
        int builders = o.indexOf("Dataset builders:");
        assertTrue(features >= 0 && features < prep && prep < builders, o);
        String[] order = {"feature", "bench", "eda", "validate", "chunk", "augment", "images", "extract", "meld", "corpora", "summary"};
        int at = 0;
        for (String c : order) {
            int i = o.indexOf("\n  " + c + " ", at);
            assertTrue(i > at, c + " out of order in\n" + o);
            at = i;
        }
        assertFalse(o.contains("  help "), "help and version are hidden commands");
        assertEquals(2, melkit().rc(), "no command: the list and exit 2");
        assertEquals(0, melkit("help", "extract").rc());
    }

    @Test
    void anUnknownOptionExits2NamingTheNearestValidOneInEveryCommand() {
        for (List<String> path : commandPaths()) {
            if (path.equals(List.of("feature"))) {
                continue; // the kinds have the options
            }
            Path out = tmp.resolve(String.join("-", path) + ".out");
            CommandLine c = command(path);
            // a transposition of --output, or a doubled letter in the command's first option (bench has no --output)
            String valid = c.getCommandSpec().findOption("--output") != null ? "--output"
                    : c.getCommandSpec().options().stream().filter(o -> !o.hidden() && !o.usageHelp() && !o.versionHelp())
                            .findFirst().orElseThrow().longestName();
            String typo = valid.equals("--output") ? "--outptu" : valid + valid.charAt(valid.length() - 1);
            Run r = melkit(argv(path, typo, out.toString()));
            assertEquals(2, r.rc(), path.toString());
            assertTrue(r.err().contains("unknown option " + typo), path + ": " + r.err());
            assertTrue(r.err().contains("did you mean " + valid + "?"), path + ": " + r.err());
            assertFalse(Files.exists(out), "nothing written");
        }
        Run typo = melkit("extract", "--input", "in", "--output", "out", "--n-ffts", "512");
        assertEquals(2, typo.rc());
        assertTrue(typo.err().contains("did you mean --n-fft?"), typo.err());
        for (String swapped : List.of("--jbos", "--ovewrite", "--hop-lenght")) { // picocli's own suggestions had none for these
            Run r = melkit("extract", "--input", "in", "--output", "out", swapped);
            assertEquals(2, r.rc());
            assertTrue(r.err().contains("did you mean --" + Map.of("--jbos", "jobs", "--ovewrite", "overwrite", "--hop-lenght", "hop-length")
                    .get(swapped) + "?"), r.err());
        }
        assertTrue(melkit("extract", "--input", "in", "--output", "out", "--colour").err().lines().noneMatch(l -> l.startsWith("did you mean")),
                "nothing near enough: no guess");
        Run command = melkit("extrct", "--input", "in");
        assertEquals(2, command.rc());
        assertTrue(command.err().contains("unknown command 'extrct'") && command.err().contains("did you mean extract?"), command.err());
        Run kind = melkit("feature", "melspectogram", "--input", "x.wav", "--output", "x.npy");
        assertEquals(2, kind.rc());
        assertTrue(kind.err().contains("unknown kind 'melspectogram'") && kind.err().contains("did you mean melspectrogram?"), kind.err());
    }

    @Test
    void jobsEverywhereAndThreadsOnlyAsAHiddenAlias() {
        for (List<String> path : commandPaths()) {
            if (path.get(0).equals("feature")) {
                continue; // one file, one thread
            }
            Run r = melkit(argv(path, "--help"));
            assertTrue(r.out().contains("--jobs="), path + " has no --jobs");
            assertFalse(r.out().contains("--threads"), path + " still shows --threads");
        }
        Run bad = melkit("validate", "--input", tmp.toString(), "--output", tmp.resolve("v.csv").toString(), "--jobs", "-1");
        assertEquals(2, bad.rc());
        assertTrue(bad.err().contains("--jobs -1"), bad.err());
        // old scripts keep working
        CommandLine c = Main.commandLine(System.out, System.err);
        c.parseArgs("eda", "--input", "a", "--output", "b.csv", "--threads", "3");
        EdaCommand eda = c.getSubcommands().get("eda").getCommand();
        assertEquals(3, eda.jobs.get());
        c = Main.commandLine(System.out, System.err);
        c.parseArgs("bench", "--threads", "1,2,4");
        BenchCommand bench = c.getSubcommands().get("bench").getCommand();
        assertEquals(List.of(1, 2, 4), bench.jobs());
    }
}
