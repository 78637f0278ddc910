package org.melkit.cli;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.melkit.dataset.CorporaParams;
import org.melkit.dataset.CorporaResult;
import org.melkit.dataset.Corpus;
import org.melkit.dataset.EmotionCorpora;
import org.melkit.dataset.MelDbParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Option;

/**
 * {@code melkit corpora [--ravdess DIR] [--crema DIR] [--tess DIR] [--savee DIR] --output DIR}:
 * the emotion corpora combined, over {@link EmotionCorpora}; defaults are
 * {@link CorporaParams#DEFAULT}'s.
 */
@Command(name = "corpora", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        defaultValueProvider = CorporaCommand.Defaults.class,
        description = "RAVDESS/CREMA-D/TESS/SAVEE to one scaled, stratified train/test split")
final class CorporaCommand extends MelkitCommand {
    @Option(names = "--ravdess", paramLabel = "DIR", description = "RAVDESS (Actor_NN/ folders)")
    Path ravdess;
    @Option(names = "--crema", paramLabel = "DIR", description = "CREMA-D (AudioWAV/)")
    Path crema;
    @Option(names = "--tess", paramLabel = "DIR", description = "TESS (speaker_emotion/ folders)")
    Path tess;
    @Option(names = "--savee", paramLabel = "DIR", description = "SAVEE (flat or speaker folders)")
    Path savee;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "X_/y_/index_ train and test, labels, scaler")
    Path output;
    @Option(names = "--test-size", paramLabel = "F", description = "share of clips in the test split")
    double testSize;
    @Option(names = "--seed", paramLabel = "S", description = "seed of the split")
    long seed;
    @Option(names = "--group-by", paramLabel = "none|speaker", description = "keep each speaker in one split (speaker) or not (none)")
    String groupBy;
    @Option(names = "--sr", paramLabel = "HZ", description = "sample rate audio is loaded at (librosa: sr)")
    int sr;
    @Option(names = "--n-mels", paramLabel = "N", description = "mel bands (librosa: n_mels)")
    int nMels;
    @Option(names = "--frames", paramLabel = "N", description = "frames kept per clip")
    int frames;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Map<Corpus, Path> roots = new EnumMap<>(Corpus.class);
        put(roots, Corpus.RAVDESS, ravdess);
        put(roots, Corpus.CREMA, crema);
        put(roots, Corpus.TESS, tess);
        put(roots, Corpus.SAVEE, savee);
        if (roots.isEmpty()) {
            throw new UsageException("give at least one corpus folder: --ravdess DIR, --crema DIR, --tess DIR, --savee DIR");
        }
        CorporaParams d = CorporaParams.DEFAULT;
        MelDbParams f = d.features().withSr(sr).withNMels(nMels).withFrames(frames);
        CorporaParams p = new CorporaParams(f, testSize, seed, CorporaParams.GroupBy.parse(groupBy));
        CorporaResult r = EmotionCorpora.of(p).withJobs(jobs.get()).withOverwrite(overwrite.overwrite).withProgress(quiet.progress(err))
                .run(roots, output);
        out.printf("%d inputs: train %d, test %d, %d failures -> %s%n", r.inputs(), r.trainCount(), r.testCount(), r.failureCount(), output);
        if (r.failureCount() > 0) {
            err.println("melkit corpora: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }

    private static void put(Map<Corpus, Path> roots, Corpus c, Path p) {
        if (p != null) {
            roots.put(c, p);
        }
    }

    /** The defaults are {@link CorporaParams#DEFAULT}'s, shown by {@code --help}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec a) {
            CorporaParams d = CorporaParams.DEFAULT;
            Map<String, Object> m = Options.melDb(d.features());
            m.put("--test-size", d.testSize());
            m.put("--seed", d.seed());
            m.put("--group-by", d.groupBy().id());
            return Options.defaultOf(a, m);
        }
    }
}
