package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.dataset.Eda;
import org.melkit.batch.BatchRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * {@code melkit eda --input DIR --output TABLE.csv}: thin over {@link Eda}. Writes the per-file
 * table and {@code TABLE.failures.csv}, {@code TABLE.manifest.json}, {@code TABLE.journal.jsonl}
 * beside it, and prints the summaries. Exit 0, 1 when a file could not be read, 2 on a usage
 * error or a refused run.
 */
@Command(name = "eda", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "per-file table of class, format, duration, rate, channels (+ --levels: peak, rms) with summaries")
final class EdaCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder of audio files (class folders or any tree)")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "TABLE.csv", description = "the per-file table (outside --input)")
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
    @Option(names = "--overwrite", description = "replace a report made from another input folder"
            + " (a report made with other parameters is replaced anyway)")
    boolean overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Eda.Params p = Eda.Params.DEFAULT.withLevels(levels).withClassFrom(ClassFrom.parse(classFrom));
        if (minSeconds != null && maxSeconds != null && minSeconds > maxSeconds) {
            throw new UsageException("--min-seconds " + minSeconds + " > --max-seconds " + maxSeconds + "; the lower bound must not exceed the upper");
        }
        Eda.Result r = Eda.of(p).withJobs(jobs.get()).withProgress(quiet.progress(err)).withOverwrite(overwrite).run(input, output);
        Table t = r.table();
        out.println(r);
        if (t.rowCount() > 0) {
            out.println(r.classSummary().print());
            out.println(r.sampleRateMix().print());
            if (minSeconds != null || maxSeconds != null) {
                Table bad = Eda.durationOutliers(t, minSeconds, maxSeconds);
                out.println(bad.rowCount() + " files outside [" + (minSeconds == null ? "-" : minSeconds) + ", "
                        + (maxSeconds == null ? "-" : maxSeconds) + "] s");
                if (bad.rowCount() > 0) {
                    out.println(bad.selectColumns("path", "duration", "issue").print());
                }
            }
        }
        out.println("wrote " + output + " and " + BatchRun.sidecar(output, "failures.csv"));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
