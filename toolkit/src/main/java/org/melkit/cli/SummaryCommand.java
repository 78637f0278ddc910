package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.dataset.MusicSummary;
import org.melkit.batch.Progress;
import org.melkit.dataset.SummaryParams;
import org.melkit.dataset.SummaryResult;

/**
 * {@code melkit summary --input DIR --output FILE.csv [--sr 22050] [--n-mfcc 13] [--pca K] [--jobs N]
 * [--no-progress]}: thin over {@link MusicSummary}. Writes the CSV, and failures.csv and
 * manifest.json next to it. Exit 0, 1 when any file failed, 2 on a usage error.
 */
final class SummaryCommand implements Command {
    @Override
    public String name() { return "summary"; }

    @Override
    public String summary() { return "per-file MFCC/centroid/ZCR means of class folders, optional standardised PCA"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        SummaryParams p = new SummaryParams(a.integer("sr", 22050), a.integer("n-mfcc", 13), a.integer("pca", null));
        int jobs = a.integer("jobs", 0);
        if (jobs < 0) {
            throw new UsageException("--jobs " + jobs + ": must be >= 1 (or 0 for all cores)");
        }
        Progress progress = a.flag("no-progress") ? Progress.none() : Progress.terminal(err);
        a.requireAllUsed();
        SummaryResult r = MusicSummary.build(input, p, jobs, progress, MusicSummary.cacheDirFor(output));
        MusicSummary.write(r, output, input);
        out.println(r.rows().size() + " rows written to " + output + "; " + r.failures().size() + " failure(s)"
                + (r.pca() == null ? "" : "; " + r.pca()));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
