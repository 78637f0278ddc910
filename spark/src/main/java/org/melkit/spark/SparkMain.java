package org.melkit.spark;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.melkit.cli.Main;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.SummaryParams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code melkit-spark extract|summary [--master URL] [--format folder|parquet] [the command's
 * options]}: melkit's {@code extract} and {@code summary} with their per-file work on Apache
 * Spark's executors. Every other option is the {@code melkit} command's own, parsed by the same
 * code ({@link Main#run(String[], PrintStream, PrintStream, org.melkit.batch.Engine)}), so the
 * two take the same options, keep the same rules and write the same bytes.
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
@Command(name = "melkit-spark", mixinStandardHelpOptions = true, sortOptions = false,
        description = "melkit's extract and summary on Apache Spark: the same options, rules and output bytes as the CLI")
public final class SparkMain implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "COMMAND", description = "extract or summary")
    String command;
    @Option(names = "--master", paramLabel = "URL",
            description = "Spark master (local[2], spark://host:7077); default: spark-submit's, else local[*]")
    String master;
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "folder",
            description = "extract only: folder (the CLI's layout) or parquet (the same, plus OUT/features.parquet); default: ${DEFAULT-VALUE}")
    String format;
    @Parameters(index = "1..*", paramLabel = "OPTIONS", description = "the melkit command's options (melkit COMMAND --help)")
    List<String> rest = new ArrayList<>();

    private final PrintStream out;
    private final PrintStream err;

    SparkMain(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] argv) {
        int rc = run(argv, System.out, System.err);
        System.out.flush();
        System.exit(rc);
    }

    /** Runs one command line and returns its exit status (0 done, 1 some inputs failed, 2 usage error). */
    public static int run(String[] argv, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new SparkMain(out, err));
        cl.setUnmatchedOptionsArePositionalParams(true);
        cl.setOut(new java.io.PrintWriter(out, true));
        cl.setErr(new java.io.PrintWriter(err, true));
        return cl.execute(argv);
    }

    @Override
    public Integer call() {
        if (!command.equals("extract") && !command.equals("summary")) {
            err.println("melkit-spark: unknown command '" + command + "'; Spark runs extract and summary");
            return 2;
        }
        if (!format.equals("folder") && !format.equals("parquet")) {
            err.println("melkit-spark: --format " + format + " must be folder or parquet");
            return 2;
        }
        if (format.equals("parquet") && !command.equals("extract")) {
            err.println("melkit-spark: --format parquet is for extract; summary writes one CSV");
            return 2;
        }
        List<String> argv = new ArrayList<>();
        argv.add(command);
        boolean hadoop = false;
        for (String a : rest) {
            String location = localPath(a);
            if (location == null) {
                hadoop = true;
            }
            argv.add(location == null ? a : location);
        }
        if (hadoop) {
            if (command.equals("summary")) {
                return hadoopSummary();
            }
            return hadoopExtract();
        }
        if (rest.contains("--help") || rest.contains("-h")) {
            return Main.run(argv.toArray(String[]::new), out, err);
        }
        SparkSession spark = session(masterOrDefault(), "melkit " + command);
        try {
            int rc = Main.run(argv.toArray(String[]::new), out, err, SparkEngine.of(spark));
            if (format.equals("parquet") && rc <= 1) {
                Path dir = outputOf(argv);
                Path written = ParquetFeatures.write(spark, dir);
                out.println("parquet: " + written);
            }
            return rc;
        } finally {
            spark.stop();
        }
    }

    /** extract with an input or output on a Hadoop file system: {@link HadoopExtract}, extract's options. */
    private int hadoopExtract() {
        HadoopOptions o = new HadoopOptions();
        CommandLine cl = new CommandLine(o);
        try {
            cl.parseArgs(rest.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            err.println("melkit-spark extract: " + e.getMessage());
            return 2;
        }
        MelDbParams p;
        try {
            p = o.params();
        } catch (IllegalArgumentException e) {
            err.println("melkit-spark extract: " + e.getMessage());
            return 2;
        }
        SparkSession spark = session(masterOrDefault(), "melkit extract");
        try {
            HadoopExtract.Result r = HadoopExtract.run(spark, HadoopFiles.uri(o.input), HadoopFiles.uri(o.output), p,
                    format.equals("parquet") ? HadoopExtract.Format.PARQUET : HadoopExtract.Format.FOLDER, o.overwrite, SparkEngine.DEFAULT_CHUNK);
            out.println(r);
            if (!r.failures().isEmpty()) {
                err.println("melkit-spark extract: " + r.failures().size() + " input(s) failed; see " + o.output + "/" + HadoopExtract.FAILURES);
            }
            return r.failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a bad location, a file system that cannot be opened or listed: nothing was written
            err.println("melkit-spark extract: " + e.getMessage());
            return 2;
        } finally {
            spark.stop();
        }
    }

    /** summary with an input or output on a Hadoop file system: {@link HadoopSummary}, summary's options. */
    private int hadoopSummary() {
        HadoopSummaryOptions o = new HadoopSummaryOptions();
        try {
            new CommandLine(o).parseArgs(rest.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            err.println("melkit-spark summary: " + e.getMessage());
            return 2;
        }
        SummaryParams p;
        try {
            p = new SummaryParams(o.sr, o.nMfcc, o.pca);
        } catch (IllegalArgumentException e) {
            err.println("melkit-spark summary: " + e.getMessage());
            return 2;
        }
        SparkSession spark = session(masterOrDefault(), "melkit summary");
        try {
            HadoopSummary.Result r = HadoopSummary.run(spark, HadoopFiles.uri(o.input), HadoopFiles.uri(o.output), p, o.overwrite);
            if (!r.staleTemporaries().isEmpty()) {
                err.println("melkit-spark summary: removed " + r.staleTemporaries().size() + " temporary file(s) a killed run left: "
                        + String.join(", ", r.staleTemporaries()));
            }
            out.println(r);
            return r.summary().failures().isEmpty() ? 0 : 1;
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            // a refusal (nothing touched), a bad location, a file system that cannot be opened, too few rows for --pca
            err.println("melkit-spark summary: " + e.getMessage());
            return 2;
        } finally {
            spark.stop();
        }
    }

    /**
     * summary's options (the CLI's names and defaults, {@link SummaryParams#DEFAULT}), for inputs
     * and outputs on Hadoop file systems. A seam: to be replaced by the CLI's own parsing.
     */
    @Command(name = "summary")
    static final class HadoopSummaryOptions {
        @Option(names = "--input", required = true) String input;
        @Option(names = "--output", required = true) String output;
        @Option(names = "--sr") int sr = SummaryParams.DEFAULT.sr();
        @Option(names = "--n-mfcc") int nMfcc = SummaryParams.DEFAULT.nMfcc();
        @Option(names = "--pca") Integer pca;
        @Option(names = {"--jobs", "--threads"}) Integer jobs; // Spark's executors decide the parallelism
        @Option(names = "--no-progress") boolean noProgress;
        @Option(names = "--overwrite") boolean overwrite;
    }

    /** extract's options, for inputs and outputs on Hadoop file systems (the defaults are {@link MelDbParams#DEFAULT}'s). */
    @Command(name = "extract")
    static final class HadoopOptions {
        @Option(names = "--input", required = true) String input;
        @Option(names = "--output", required = true) String output;
        @Option(names = "--sr") Integer sr;
        @Option(names = "--n-fft") Integer nFft;
        @Option(names = "--hop-length") Integer hopLength;
        @Option(names = "--n-mels") Integer nMels;
        @Option(names = "--frames") Integer frames;
        @Option(names = "--top-db") String topDb;
        @Option(names = {"--jobs", "--threads"}) Integer jobs; // Spark's executors decide the parallelism
        @Option(names = "--no-progress") boolean noProgress;
        @Option(names = "--overwrite") boolean overwrite;

        MelDbParams params() {
            MelDbParams d = MelDbParams.DEFAULT;
            Double db = d.topDb();
            if (topDb != null) {
                db = topDb.equalsIgnoreCase("none") || topDb.equalsIgnoreCase("null") ? null : Double.valueOf(topDb);
            }
            return new MelDbParams(sr == null ? d.sr() : sr, nFft == null ? d.nFft() : nFft, hopLength == null ? d.hopLength() : hopLength,
                    nMels == null ? d.nMels() : nMels, frames == null ? d.frames() : frames, db);
        }
    }

    private String masterOrDefault() {
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

    /** The value of {@code --output} among the forwarded options. */
    private static Path outputOf(List<String> options) {
        for (int i = 0; i < options.size(); i++) {
            String o = options.get(i);
            if (o.equals("--output") && i + 1 < options.size()) {
                return Path.of(options.get(i + 1));
            }
            if (o.startsWith("--output=")) {
                return Path.of(o.substring("--output=".length()));
            }
        }
        throw new IllegalArgumentException("--output is required");
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
