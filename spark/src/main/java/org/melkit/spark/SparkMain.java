package org.melkit.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.melkit.cli.Main;
import org.melkit.cli.ParsedJob;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.SummaryParams;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code melkit-spark extract|summary [--master URL] [--format folder|parquet] [the command's
 * options]}: melkit's {@code extract} and {@code summary} with their per-file work on Apache
 * Spark's executors. Every other option is the {@code melkit} command's own, parsed by the same
 * code ({@link Main#parseExtract}, {@link Main#parseSummary}; {@code --master} and
 * {@code --format} are added to the command's options, so {@code --help} lists them with the
 * rest), so the two take the same options, keep the same rules and messages, and write the same
 * bytes.
 *
 * <p>Inputs and outputs are local or shared paths (plain or {@code file://}), read and written
 * like the CLI's, or on any Hadoop file system ({@code hdfs://}, {@code s3a://} where its
 * connector is on the class path): {@code extract} in either layout through {@link HadoopExtract},
 * on the batch runtime's rules ({@link HadoopRun}: lock, journal, resume), and {@code summary}
 * through {@link HadoopSummary} (the CLI's report and sidecars, the same rules).
 *
 * <p>Launched by {@code environment/spark.sh} (local) or {@code spark-submit --class
 * org.melkit.spark.SparkMain melkit-spark.jar extract ...} (a cluster; {@code --master} then comes
 * from spark-submit).
 */
public final class SparkMain {
    /** The program name in usage lines and messages. */
    static final String PROGRAM = "melkit-spark";

    private static final String USAGE = String.join("%n",
            "Usage: melkit-spark extract|summary [--master=URL] [--format=FORMAT] [the command's options]",
            "melkit's extract and summary on Apache Spark: the same options, rules and output bytes as the CLI.",
            "  extract   class folders to per-file mel spectrograms (.npy) with metadata.csv, or --format parquet;",
            "            on local paths or hdfs://, s3a:// and other Hadoop file systems",
            "  summary   per-file MFCC/centroid/ZCR means of class folders, optional standardised PCA",
            "'melkit-spark COMMAND --help' lists a command's options with their defaults. Exit status: 0 done,",
            "1 some inputs failed (see the failures file), 2 usage error (nothing touched).", "");

    private SparkMain() {}

    /** {@code --master}, added to extract's and summary's own options. */
    static final class MasterOption {
        @Option(names = "--master", paramLabel = "URL",
                description = "melkit-spark: the Spark master (local[2], spark://host:7077); default: spark-submit's, else"
                        + " local[*]. Its executors decide the parallelism: --jobs is not used")
        String master;
    }

    /** {@code --format}, added to extract's own options. */
    static final class FormatOption {
        @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "folder", converter = FormatConverter.class,
                description = "melkit-spark: folder (the CLI's layout) or parquet (OUT/features.parquet, one row per input;"
                        + " beside the CLI's layout on local paths); either also on hdfs://, s3a:// and other Hadoop file systems")
        String format = "folder";

        boolean parquet() {
            return format.equals("parquet");
        }
    }

    /** {@code folder} or {@code parquet}, any case; anything else is a usage error naming the value. */
    static final class FormatConverter implements CommandLine.ITypeConverter<String> {
        @Override
        public String convert(String v) {
            String f = v.toLowerCase(java.util.Locale.ROOT);
            if (!f.equals("folder") && !f.equals("parquet")) {
                throw new CommandLine.TypeConversionException("'" + v + "' is not folder or parquet");
            }
            return f;
        }
    }

    public static void main(String[] argv) {
        int rc = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command line and returns its exit status (0 done, 1 some inputs failed, 2 usage error). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        if (argv.length == 0) {
            err.printf(USAGE);
            return 2;
        }
        String command = argv[0];
        if (List.of("-h", "--help", "help").contains(command)) {
            out.printf(USAGE);
            return 0;
        }
        if (List.of("-V", "--version", "version").contains(command)) {
            return Main.run(new String[] {"--version"}, out, err);
        }
        if (!command.equals("extract") && !command.equals("summary")) {
            err.println(PROGRAM + ": unknown command '" + command + "'; Spark runs extract and summary");
            err.println("see '" + PROGRAM + " --help'");
            return 2;
        }
        String[] options = java.util.Arrays.copyOfRange(argv, 1, argv.length);
        MasterOption master = new MasterOption();
        FormatOption format = new FormatOption();
        Object[] own = command.equals("extract") ? new Object[] {master, format} : new Object[] {master};
        // the CLI's own parsing: its defaults, validation, messages and suggestions; --help is its help plus ours
        ParsedJob<?> parsed = command.equals("extract") ? Main.parseExtract(PROGRAM, options, out, err, own)
                : Main.parseSummary(PROGRAM, options, out, err, own);
        if (parsed instanceof ParsedJob.Exit<?> exit) {
            return exit.status();
        }
        ParsedJob.Job<?> job = (ParsedJob.Job<?>) parsed;
        if (localPath(job.input()) == null || localPath(job.output()) == null) {
            return hadoop(job, master.master, format.parquet(), out, err);
        }
        List<String> local = new ArrayList<>();
        local.add(command);
        for (String a : options) { // file:// URIs as paths (the jobs read and write through java.nio)
            String l = localPath(a);
            local.add(l == null ? a : l);
        }
        SparkSession spark = session(masterOrDefault(master.master), "melkit " + command);
        try {
            int rc = Main.run(PROGRAM, local.toArray(String[]::new), out, err, SparkEngine.of(spark), own);
            if (format.parquet() && rc <= 1) {
                Path written = ParquetFeatures.write(spark, Path.of(localPath(job.output())));
                out.println("parquet: " + written);
            }
            return rc;
        } finally {
            spark.stop();
        }
    }

    /** A job whose input or output is on a Hadoop file system (hdfs://, s3a://, ...). */
    private static int hadoop(ParsedJob.Job<?> job, String master, boolean parquet, PrintStream out, PrintStream err) {
        String who = PROGRAM + " " + job.command();
        if (job.params() instanceof SummaryParams p) {
            return hadoopSummary(job, p, master, out, err);
        }
        MelDbParams p = (MelDbParams) job.params();
        SparkSession spark = session(masterOrDefault(master), "melkit extract");
        try {
            HadoopExtract.Result r = HadoopExtract.run(spark, HadoopFiles.uri(job.input()), HadoopFiles.uri(job.output()), p,
                    parquet ? HadoopExtract.Format.PARQUET : HadoopExtract.Format.FOLDER, job.overwrite(), SparkEngine.DEFAULT_CHUNK);
            out.println(r);
            if (!r.failures().isEmpty()) {
                err.println(who + ": " + r.failures().size() + " input(s) failed; see " + job.output() + "/" + HadoopExtract.FAILURES);
            }
            return r.failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a bad location, a file system that cannot be opened or listed: nothing was written
            err.println(who + ": " + e.getMessage());
            return 2;
        } finally {
            spark.stop();
        }
    }

    /** summary with an input or output on a Hadoop file system: {@link HadoopSummary}. */
    private static int hadoopSummary(ParsedJob.Job<?> job, SummaryParams p, String master, PrintStream out, PrintStream err) {
        String who = PROGRAM + " summary";
        SparkSession spark = session(masterOrDefault(master), "melkit summary");
        try {
            HadoopSummary.Result r = HadoopSummary.run(spark, HadoopFiles.uri(job.input()), HadoopFiles.uri(job.output()), p,
                    job.overwrite());
            if (!r.staleTemporaries().isEmpty()) {
                err.println(who + ": removed " + r.staleTemporaries().size() + " temporary file(s) a killed run left: "
                        + String.join(", ", r.staleTemporaries()));
            }
            out.println(r);
            return r.summary().failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a refusal (nothing touched), a bad location, a file system that cannot be opened, too few rows for --pca
            err.println(who + ": " + e.getMessage());
            return 2;
        } finally {
            spark.stop();
        }
    }

    private static String masterOrDefault(String master) {
        return master == null && !SparkSession.getActiveSession().isDefined() && System.getProperty("spark.master") == null
                ? "local[*]" : master;
    }

    /**
     * {@code arg} unchanged, a {@code file:} URI as its path, or {@code null} for a URI of another
     * file system (the jobs read and write through java.nio paths).
     */
    static String localPath(String arg) {
        int colon = arg.indexOf("://");
        if (colon <= 0 || !arg.substring(0, colon).matches("[A-Za-z][A-Za-z0-9+.-]*")) {
            return arg;
        }
        if (arg.regionMatches(true, 0, "file", 0, colon) && colon == 4) {
            return Path.of(java.net.URI.create(arg)).toString();
        }
        return null;
    }

    /**
     * A Spark session on {@code master} ({@code local[2]}, {@code spark://host:7077}; {@code null}
     * keeps what spark-submit set), without the web UI or console progress bars.
     */
    public static SparkSession session(String master, String appName) {
        SparkSession.Builder b = SparkSession.builder().appName(appName)
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false");
        if (master != null) {
            b = b.master(master);
        }
        return b.getOrCreate();
    }
}
