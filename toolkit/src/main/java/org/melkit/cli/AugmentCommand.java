package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.dataset.AugmentDataset;
import org.melkit.batch.Progress;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Compose;
import org.melkit.effects.Transform;

/**
 * {@code melkit augment --input DIR --output DIR --copies N [--seed S] [--config FILE.json]
 * [--sr HZ] [--jobs N] [--no-progress]}: augmented WAV copies of every audio file, class folders
 * kept, with {@code augment.csv}, {@code failures.csv} and {@code manifest.json}
 * ({@link AugmentDataset}). Exit 0 when every input was augmented, 1 when some failed.
 */
final class AugmentCommand implements Command {
    @Override
    public String name() { return "augment"; }

    @Override
    public String summary() { return "augmented copies of a dataset (shift, pitch, stretch, noise, gain) + augment.csv"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        int copies = a.requireInt("copies");
        String seedText = a.string("seed", null);
        long seed;
        try {
            seed = seedText == null ? Transform.DEFAULT_SEED : Long.parseLong(seedText);
        } catch (NumberFormatException e) {
            throw new UsageException("--seed " + seedText + ": expected an integer");
        }
        Path config = a.path("config");
        Integer sr = a.integer("sr", null);
        int jobs = a.integer("jobs", 0);
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        Compose pipeline = config == null ? AugmentConfig.defaults() : AugmentConfig.read(config);
        AugmentDataset.Options o = new AugmentDataset.Options(copies, seed, pipeline, sr, jobs);
        AugmentDataset.Result r = AugmentDataset.run(input, output, o, quiet ? Progress.none() : Progress.terminal(err));
        out.println(r);
        if (!r.ok()) {
            err.println("melkit augment: " + r.failures().size() + " input(s) failed; see " + output.resolve("failures.csv"));
            return 1;
        }
        return 0;
    }
}
