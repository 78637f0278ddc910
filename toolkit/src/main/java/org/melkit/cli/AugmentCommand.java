package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.AugmentDataset;
import org.melkit.dataset.AugmentParams;
import org.melkit.dataset.AugmentResult;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Compose;
import org.melkit.effects.Transform;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit augment --input DIR --output DIR --copies N}: augmented WAV copies of every
 * audio file, class folders kept, with {@code augment.csv}, {@code failures.csv} and
 * {@code manifest.json} ({@link AugmentDataset}). Exit 0 when every input was augmented, 1 when
 * some failed, 2 when a batch rule refuses the run (nothing touched).
 */
@Command(name = "augment", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "augmented copies of a dataset (shift, pitch, stretch, noise, gain) + augment.csv")
final class AugmentCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "class folders of audio files")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "augmented WAVs in the same class folders")
    Path output;
    @Option(names = "--copies", required = true, paramLabel = "N", showDefaultValue = Help.Visibility.NEVER, description = "augmented copies per input file")
    int copies;
    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + Transform.DEFAULT_SEED,
            description = "seed of every random choice; the same seed gives the same files")
    long seed;
    @Option(names = "--config", paramLabel = "FILE.json", description = "the transforms and their ranges; default: shift, pitch"
            + " shift, time stretch, noise and gain with melkit's default ranges")
    Path config;
    @Option(names = "--sr", paramLabel = "HZ", description = "resample to this rate; default: each file's own rate")
    Integer sr;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Compose pipeline = config == null ? AugmentConfig.defaults() : AugmentConfig.read(config);
        AugmentResult r = AugmentDataset.of(new AugmentParams(copies, seed, pipeline, sr)).withJobs(jobs.get())
                .withOverwrite(overwrite.overwrite).withProgress(quiet.progress(err)).run(input, output);
        out.println(r.toString().lines().findFirst().orElse(""));
        if (!r.removed().isEmpty()) {
            out.printf("%d input(s) of the earlier run are gone; removed %d stale output(s) (of inputs gone, renamed or now failing)%n",
                    r.vanished().size(), r.removed().size());
        }
        if (!r.ok()) {
            err.println("melkit augment: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }
}
