package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.dataset.Eda;
import org.melkit.batch.Failures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code melkit eda --input DIR --output TABLE.csv}: the per-file table of {@link Eda}, with
 * summaries on stdout and unreadable files in {@code TABLE_failures.csv}.
 */
@Command(name = "eda", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "per-file table of class, format, duration, rate, channels (+ --levels: peak, rms) with summaries")
final class EdaCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder of audio files (class folders or any tree)")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "TABLE.csv", description = "the per-file table")
    Path output;
    @Option(names = "--levels", description = "decode every file for its peak and RMS (slower than the headers-only scan)")
    boolean levels;
    @Option(names = "--class-from", paramLabel = "parent|first", defaultValue = "parent",
            description = "class of a file: its parent folder, or the first folder under the input")
    String classFrom;
    @Option(names = "--min-seconds", paramLabel = "S", description = "list files shorter than this")
    Double minSeconds;
    @Option(names = "--max-seconds", paramLabel = "S", description = "list files longer than this")
    Double maxSeconds;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Eda.Options o = Eda.Options.defaults()
                .withLevels(levels)
                .withClassFrom(ClassFrom.parse(classFrom))
                .withThreads(jobs.get());
        Double min = minSeconds;
        Double max = maxSeconds;
        Eda.Scan scan = Eda.scan(input, o, quiet.progress(err));
        Table t = scan.table();
        Eda.writeCsv(t, output);
        Path failuresFile = failuresPath(output);
        Failures f = new Failures();
        scan.failures().forEach(f::add);
        f.write(failuresFile);
        out.println(scan);
        if (t.rowCount() > 0) {
            out.println(Eda.classSummary(t).print());
            out.println(Eda.sampleRateMix(t).print());
            if (min != null || max != null) {
                Table bad = Eda.durationOutliers(t, min, max);
                out.println(bad.rowCount() + " files outside [" + (min == null ? "-" : min) + ", " + (max == null ? "-" : max) + "] s");
                if (bad.rowCount() > 0) {
                    out.println(bad.selectColumns("path", "duration", "issue").print());
                }
            }
        }
        out.println("wrote " + output + " and " + failuresFile);
        return scan.failures().isEmpty() ? 0 : 1;
    }

    /** {@code table.csv -> table_failures.csv} beside it. */
    static Path failuresPath(Path output) {
        String name = output.getFileName().toString();
        String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
        return output.resolveSibling(stem + "_failures.csv");
    }
}
