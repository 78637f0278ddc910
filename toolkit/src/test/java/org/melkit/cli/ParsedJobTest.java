package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.SummaryParams;
import picocli.CommandLine.Option;

/**
 * {@link Main#parseExtract} and {@link Main#parseSummary}: a command line parsed into the job's
 * parameters by the command's own code, without running it; URIs stay as given; help, typos and
 * bad values are answered exactly as {@code melkit COMMAND} answers them.
 */
class ParsedJobTest {
    record Parse<P>(ParsedJob<P> result, String out, String err) {}

    static Parse<MelDbParams> extract(String program, String... options) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        ParsedJob<MelDbParams> r = Main.parseExtract(program, options, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Parse<>(r, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static Parse<SummaryParams> summary(String program, String... options) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        ParsedJob<SummaryParams> r = Main.parseSummary(program, options, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Parse<>(r, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    static String[] with(String command, String... options) {
        String[] a = new String[options.length + 1];
        a[0] = command;
        System.arraycopy(options, 0, a, 1, options.length);
        return a;
    }

    @Test
    void extractGivesTheJobsParametersAndKeepsUrisAsGiven() {
        String in = "hdfs://namenode:8020/clips";
        String out = "s3a://bucket/features";
        assertEquals("hdfs:/namenode:8020/clips", Path.of(in).toString(), "why the options are strings: a Path folds the //");
        Parse<MelDbParams> p = extract("melkit", "--input", in, "--output=" + out, "--n-fft", "1024.0", "--top-db", "none",
                "--frames", "64", "--jobs", "3", "--overwrite", "--no-progress");
        assertEquals("", p.err());
        assertEquals("", p.out());
        ParsedJob.Job<MelDbParams> job = assertInstanceOf(ParsedJob.Job.class, p.result());
        assertEquals(new ParsedJob.Job<>("extract", new MelDbParams(22050, 1024, 512, 128, 64, null), in, out, 3, true, false), job);

        ParsedJob.Job<?> defaults = assertInstanceOf(ParsedJob.Job.class, extract("melkit", "--input", "a", "--output", "b").result());
        assertEquals(MelDbParams.DEFAULT, defaults.params());
        assertEquals(0, defaults.jobs());
        assertEquals(false, defaults.overwrite());
        assertEquals(true, defaults.progress());
    }

    @Test
    void summaryGivesItsParametersAndDefaults() {
        Parse<SummaryParams> p = summary("melkit", "--input", "hdfs://nn:8020/music", "--output", "hdfs://nn:8020/s.csv", "--sr", "16000",
                "--n-mfcc", "8", "--pca", "3");
        ParsedJob.Job<SummaryParams> job = assertInstanceOf(ParsedJob.Job.class, p.result(), p.err());
        assertEquals(new SummaryParams(16000, 8, 3), job.params());
        assertEquals("summary", job.command());
        assertEquals("hdfs://nn:8020/music", job.input());
        assertEquals("hdfs://nn:8020/s.csv", job.output());
        ParsedJob.Job<?> defaults = assertInstanceOf(ParsedJob.Job.class, summary("melkit", "--input", "a", "--output", "b.csv").result());
        assertEquals(new SummaryParams(22050, 13, null), defaults.params());
    }

    /** Every answered line: the parse prints what {@code melkit COMMAND} prints and returns its status. */
    @Test
    void helpTyposAndBadValuesAreAnsweredAsTheCliAnswersThem() {
        List<List<String>> lines = List.of(
                List.of("--help"),
                List.of("-h"),
                List.of("--input", "hdfs://nn/x", "--outptu", "hdfs://nn/y"),
                List.of("--input", "hdfs://nn/x", "--output", "hdfs://nn/y", "--n-ffts", "512"),
                List.of("--input", "hdfs://nn/x", "--output", "hdfs://nn/y", "--jbos", "2"),
                List.of("--input", "hdfs://nn/x", "--output", "hdfs://nn/y", "--n-fft", "2048.5"),
                List.of("--input", "hdfs://nn/x", "--output", "hdfs://nn/y", "--hop-length", "0"),
                List.of("--input", "hdfs://nn/x", "--output", "hdfs://nn/y", "--jobs", "-1"),
                List.of("--input", "hdfs://nn/x"));
        for (List<String> line : lines) {
            String[] options = line.toArray(String[]::new);
            CliHelpTest.Run cli = CliHelpTest.melkit(with("extract", options));
            Parse<MelDbParams> p = extract("melkit", options);
            assertEquals(new ParsedJob.Exit<MelDbParams>(cli.rc()), p.result(), line.toString());
            assertEquals(cli.out(), p.out(), line.toString());
            assertEquals(cli.err(), p.err(), line.toString());
        }
        for (List<String> line : List.of(List.of("--help"), List.of("--input", "a", "--output", "b.csv", "--pca", "0"),
                List.of("--input", "a", "--output", "b.csv", "--n-mfc", "8"))) {
            String[] options = line.toArray(String[]::new);
            CliHelpTest.Run cli = CliHelpTest.melkit(with("summary", options));
            Parse<SummaryParams> p = summary("melkit", options);
            assertEquals(new ParsedJob.Exit<SummaryParams>(cli.rc()), p.result(), line.toString());
            assertEquals(cli.err(), p.err(), line.toString());
            assertEquals(cli.out(), p.out(), line.toString());
        }
        Parse<MelDbParams> typo = extract("melkit", "--input", "x", "--outptu", "y");
        assertTrue(typo.err().contains("unknown option --outptu") && typo.err().contains("did you mean --output?"), typo.err());
        assertEquals(new ParsedJob.Exit<MelDbParams>(2), typo.result());
        assertEquals(new ParsedJob.Exit<MelDbParams>(0), extract("melkit", "--help").result());
    }

    /** Another launcher's options: named in messages by its program, listed by --help, parsed, suggested for typos. */
    static final class Launcher {
        @Option(names = "--master", paramLabel = "URL", description = "where the work runs")
        String master;
    }

    @Test
    void anotherLaunchersOptionsAndName() {
        Launcher l = new Launcher();
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ParsedJob<MelDbParams> r = Main.parseExtract("melkit-x", new String[] {"--input", "a", "--output", "b", "--master", "local[2]"},
                new PrintStream(o), new PrintStream(new ByteArrayOutputStream()), l);
        assertInstanceOf(ParsedJob.Job.class, r);
        assertEquals("local[2]", l.master);

        o = new ByteArrayOutputStream();
        assertEquals(new ParsedJob.Exit<MelDbParams>(0), Main.parseExtract("melkit-x", new String[] {"--help"}, new PrintStream(o),
                new PrintStream(new ByteArrayOutputStream()), new Launcher()));
        String text = o.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("Usage: melkit-x extract ") && text.contains("--master=URL") && text.contains("where the work runs")
                && text.contains("--n-fft=N"), text);

        ByteArrayOutputStream e = new ByteArrayOutputStream();
        assertEquals(new ParsedJob.Exit<MelDbParams>(2), Main.parseExtract("melkit-x", new String[] {"--input", "a", "--output", "b",
                "--mastre", "x"}, new PrintStream(o), new PrintStream(e, true, StandardCharsets.UTF_8), new Launcher()));
        assertEquals("melkit-x extract: unknown option --mastre\ndid you mean --master?\n"
                + "see 'melkit-x extract --help' for the options and their defaults\n", e.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
        // the CLI itself does not know the launcher's option
        assertEquals(2, CliHelpTest.melkit("extract", "--input", "a", "--output", "b", "--master", "x").rc());
    }
}
