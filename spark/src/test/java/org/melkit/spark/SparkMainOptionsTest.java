package org.melkit.spark;

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
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;

/**
 * melkit-spark parses extract's and summary's options with the CLI's own code, for local paths
 * and Hadoop URIs alike: the same messages, exit status 2 and typo suggestions; {@code --help} is
 * the CLI command's help plus {@code --master} (and extract's {@code --format}).
 */
class SparkMainOptionsTest {
    record Run(int rc, String out, String err) {}

    static Run sparkMain(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = SparkMain.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Run melkit(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static String[] line(String command, String input, String output, String... more) {
        List<String> a = new ArrayList<>(List.of(command, "--input", input, "--output", output));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void badLinesGetTheCliAnswerForLocalPathsAndHadoopUris(@TempDir Path tmp) {
        List<String[]> extractMistakes = List.of(new String[] {"--outptu", "x"}, new String[] {"--n-ffts", "512"},
                new String[] {"--jbos", "2"}, new String[] {"--hop-lenght", "256"}, new String[] {"--n-fft", "2048.5"},
                new String[] {"--hop-length", "0"}, new String[] {"--jobs", "-1"}, new String[] {"--top-db", "loud"});
        List<String[]> summaryMistakes = List.of(new String[] {"--n-mfc", "8"}, new String[] {"--pca", "0"},
                new String[] {"--sr", "22.05k"});
        Path local = tmp.resolve("in");
        for (String[] where : new String[][] {{local.toString(), tmp.resolve("out").toString()},
                {"hdfs://namenode:8020/clips", "hdfs://namenode:8020/features"}, {local.toUri().toString(), "s3a://bucket/features"}}) {
            for (String command : List.of("extract", "summary")) {
                String output = command.equals("summary") ? where[1] + ".csv" : where[1];
                for (String[] mistake : command.equals("extract") ? extractMistakes : summaryMistakes) {
                    Run cli = melkit(line(command, where[0], output, mistake));
                    Run spark = sparkMain(line(command, where[0], output, mistake));
                    String what = command + " " + String.join(" ", where) + " " + String.join(" ", mistake);
                    assertEquals(2, cli.rc(), what + ": " + cli.err());
                    assertEquals(2, spark.rc(), what);
                    // word for word the CLI's message, with melkit-spark's name
                    assertEquals(cli.err().replace("melkit " + command, "melkit-spark " + command), spark.err(), what);
                    assertTrue(spark.err().startsWith("melkit-spark " + command + ": "), spark.err());
                    assertEquals("", spark.out(), what);
                }
            }
        }
        assertFalse(Files.exists(tmp.resolve("out")), "nothing written");
        Run typo = sparkMain(line("extract", "hdfs://nn/x", "hdfs://nn/y", "--jbos", "2"));
        assertTrue(typo.err().contains("unknown option --jbos") && typo.err().contains("did you mean --jobs?"), typo.err());
        Run own = sparkMain(line("extract", "hdfs://nn/x", "hdfs://nn/y", "--mastre", "local[2]"));
        assertEquals(2, own.rc());
        assertTrue(own.err().contains("did you mean --master?"), own.err());
        Run format = sparkMain(line("extract", "hdfs://nn/x", "hdfs://nn/y", "--format", "csv"));
        assertEquals(2, format.rc());
        assertTrue(format.err().contains("'csv' is not folder or parquet"), format.err());
        Run summaryFormat = sparkMain(line("summary", "a", "b.csv", "--format", "parquet"));
        assertEquals(2, summaryFormat.rc());
        assertTrue(summaryFormat.err().contains("unknown option --format"), summaryFormat.err());
    }

    @Test
    void helpIsTheCommandsHelpPlusSparksOptions() {
        for (String command : List.of("extract", "summary")) {
            String cliHelp = melkit(command, "--help").out();
            for (String[] argv : new String[][] {{command, "--help"}, {command, "-h"}, line(command, "hdfs://nn/x", "hdfs://nn/y", "--help"),
                    {command, "--input", "s3a://b/x", "--help"}}) {
                Run r = sparkMain(argv);
                String what = String.join(" ", argv);
                assertEquals(0, r.rc(), what + ": " + r.err());
                assertEquals("", r.err(), what);
                assertTrue(r.out().startsWith("Usage: melkit-spark " + command + " "), r.out());
                // every line of the CLI's help after its synopsis (the options, their descriptions and defaults), in order;
                // only the columns may move (melkit-spark's own option names are longer)
                String text = r.out().replaceAll("\\s+", " ");
                int at = 0;
                for (String l : cliHelp.lines().dropWhile(l -> !l.startsWith("  ")).map(String::strip).toList()) {
                    int i = text.indexOf(l.replaceAll("\\s+", " "), at);
                    assertTrue(i >= at, what + " lacks the CLI's line '" + l + "' (in order):\n" + r.out());
                    at = i;
                }
                assertTrue(r.out().contains("--master=URL") && r.out().contains("local[*]"), r.out());
                assertEquals(command.equals("extract"), r.out().contains("--format=FORMAT"), r.out());
                assertEquals(command.equals("extract"), r.out().contains("Default: folder"), r.out());
            }
        }
        Run top = sparkMain("--help");
        assertEquals(0, top.rc());
        assertTrue(top.out().startsWith("Usage: melkit-spark extract|summary"), top.out());
        Run none = sparkMain();
        assertEquals(2, none.rc());
        assertTrue(none.err().startsWith("Usage: melkit-spark"), none.err());
        Run unknown = sparkMain("extrct", "--input", "a");
        assertEquals(2, unknown.rc());
        assertTrue(unknown.err().contains("unknown command 'extrct'"), unknown.err());
    }

    @Test
    void anIntegralFloatReachesTheHadoopJobAsOnTheCli(@TempDir Path tmp) {
        // the old Hadoop-only parser refused --n-fft 2048.0 ("is not an int"); the CLI's takes it
        String missing = AliasFileSystem.uri(tmp.resolve("missing"));
        SparkSession.builder().master("local[1]").appName("melkit-options-test").config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs." + AliasFileSystem.SCHEME + ".impl", AliasFileSystem.class.getName()).getOrCreate();
        Run r = sparkMain(line("extract", missing, AliasFileSystem.uri(tmp.resolve("out")), "--format", "parquet", "--n-fft", "2048.0",
                "--master", "local[1]"));
        assertEquals(2, r.rc(), r.err());
        // past the parsing: HadoopExtract itself refuses the missing input folder, and nothing was written
        assertTrue(r.err().startsWith("melkit-spark extract: ") && r.err().contains(missing) && !r.err().contains("Invalid value"),
                r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
        assertFalse(SparkSession.getActiveSession().isDefined(), "the session was stopped");
    }
}
