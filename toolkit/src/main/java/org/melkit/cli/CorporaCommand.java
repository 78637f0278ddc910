package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.melkit.dataset.CorporaParams;
import org.melkit.dataset.CorporaResult;
import org.melkit.dataset.Corpus;
import org.melkit.dataset.EmotionCorpora;
import org.melkit.dataset.MelDbParams;
import org.melkit.batch.Progress;

/**
 * {@code melkit corpora [--ravdess DIR] [--crema DIR] [--tess DIR] [--savee DIR] --output DIR
 * [--test-size 0.2] [--seed 42] [--group-by none|speaker] [--sr 22050] [--n-mels 128]
 * [--frames 128] [--jobs N]}: the emotion corpora combined, over {@link EmotionCorpora}.
 */
final class CorporaCommand implements Command {
    @Override
    public String name() { return "corpora"; }

    @Override
    public String summary() { return "RAVDESS/CREMA-D/TESS/SAVEE to one scaled, stratified train/test split"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Map<Corpus, Path> roots = new EnumMap<>(Corpus.class);
        for (Corpus c : Corpus.values()) {
            Path p = a.path(c.id());
            if (p != null) {
                roots.put(c, p);
            }
        }
        Path output = a.requirePath("output");
        CorporaParams d = CorporaParams.DEFAULT;
        MelDbParams f = d.features().withSr(a.integer("sr", d.features().sr())).withNMels(a.integer("n-mels", d.features().nMels()))
                .withFrames(a.integer("frames", d.features().frames()));
        CorporaParams p = new CorporaParams(f, a.number("test-size", d.testSize()), a.integer("seed", (int) d.seed()),
                CorporaParams.GroupBy.parse(a.string("group-by", d.groupBy().id())));
        int jobs = a.integer("jobs", 0);
        if (jobs < 0) {
            throw new UsageException("--jobs " + jobs + ": must be >= 1 (or 0 for all cores)");
        }
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        if (roots.isEmpty()) {
            throw new UsageException("give at least one corpus folder: --ravdess DIR, --crema DIR, --tess DIR, --savee DIR");
        }
        CorporaResult r = EmotionCorpora.of(p).withJobs(jobs).withProgress(quiet ? Progress.none() : Progress.terminal(err))
                .run(roots, output);
        out.printf("%d inputs: train %d, test %d, %d failures -> %s%n", r.inputs(), r.trainCount(), r.testCount(), r.failureCount(), output);
        if (r.failureCount() > 0) {
            err.println("melkit corpora: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }
}
