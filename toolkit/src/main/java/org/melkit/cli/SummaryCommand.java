package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.MusicSummary;
import org.melkit.dataset.SummaryParams;
import org.melkit.dataset.SummaryResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit summary --input DIR --output FILE.csv}: thin over {@link MusicSummary}. Writes the
 * CSV, and {@code NAME.failures.csv}, {@code NAME.manifest.json} and {@code NAME.journal.jsonl}
 * next to it. Exit 0, 1 when any file failed, 2 on a usage error.
 */
@Command(name = "summary", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "per-file MFCC/centroid/ZCR means of class folders, optional standardised PCA")
final class SummaryCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "class folders of audio files")
    String input; // a string, not a Path: melkit-spark takes hdfs:// and other URIs here (Main.parseSummary)
    @Option(names = "--output", required = true, paramLabel = "FILE.csv", description = "one row of means per file")
    String output;
    @Option(names = "--sr", paramLabel = "HZ", defaultValue = "22050", description = "sample rate audio is loaded at (librosa: sr)")
    int sr;
    @Option(names = "--n-mfcc", paramLabel = "N", defaultValue = "13", description = "MFCCs averaged per file (librosa: n_mfcc)")
    int nMfcc;
    @Option(names = "--pca", paramLabel = "K", description = "add K principal components of the standardised features;"
            + " default: none")
    Integer pca;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        SummaryParams p = new SummaryParams(sr, nMfcc, pca);
        if (parseOnly != null) {
            parseOnly.accept(new ParsedJob.Job<>("summary", p, input, output, jobs.get(), overwrite.overwrite, !quiet.noProgress));
            return 0;
        }
        Path output = Path.of(this.output);
        SummaryResult r = MusicSummary.of(p).withJobs(jobs.get()).withEngine(engine).withProgress(quiet.progress(err))
                .withOverwrite(overwrite.overwrite).run(Path.of(input), output);
        out.println(r.rows().size() + " rows written to " + output + "; " + r.failures().size() + " failure(s)"
                + (r.failures().isEmpty() ? "" : " (see " + org.melkit.batch.BatchRun.sidecar(output, "failures.csv") + ")")
                + (r.pca() == null ? "" : "; " + r.pca()));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
