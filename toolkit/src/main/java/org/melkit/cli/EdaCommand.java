package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.dataset.Eda;
import org.melkit.batch.Failures;
import org.melkit.batch.Progress;
import tech.tablesaw.api.Table;

/**
 * {@code melkit eda --input DIR --output TABLE.csv [--levels] [--class-from parent|first]
 * [--min-seconds S] [--max-seconds S] [--threads N] [--no-progress]}: the per-file table of
 * {@link Eda}, with summaries on stdout and unreadable files in {@code TABLE_failures.csv}.
 */
final class EdaCommand implements Command {
    @Override
    public String name() { return "eda"; }

    @Override
    public String summary() { return "per-file table of class, format, duration, rate, channels (+ --levels: peak, rms) with summaries"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        Eda.Options o = Eda.Options.defaults()
                .withLevels(a.flag("levels"))
                .withClassFrom(ClassFrom.parse(a.string("class-from", "parent")))
                .withThreads(a.integer("threads", 0));
        Double min = a.number("min-seconds", null);
        Double max = a.number("max-seconds", null);
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        Eda.Scan scan = Eda.scan(input, o, quiet ? Progress.none() : Progress.terminal(err));
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
