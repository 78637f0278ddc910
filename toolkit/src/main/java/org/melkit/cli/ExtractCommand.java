package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MelDbParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit extract --input DIR --output DIR}: class folders to per-file mel spectrograms,
 * over {@link ClassFolderExtractor}; defaults are {@link MelDbParams#DEFAULT}'s.
 */
@Command(name = "extract", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        defaultValueProvider = ExtractCommand.Defaults.class,
        description = "class folders to per-file mel spectrograms (.npy) with metadata.csv")
final class ExtractCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "class folders of audio files")
    String input; // a string, not a Path: melkit-spark takes hdfs:// and other URIs here (Main.parseExtract)
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "the dataset folder (features/, metadata.csv, ...)")
    String output;
    @Option(names = "--sr", paramLabel = "HZ", description = "sample rate audio is loaded at (librosa: sr)")
    int sr;
    @Option(names = "--n-fft", paramLabel = "N", description = "FFT size (librosa: n_fft)")
    int nFft;
    @Option(names = "--hop-length", paramLabel = "N", description = "samples between frames (librosa: hop_length)")
    int hopLength;
    @Option(names = "--n-mels", paramLabel = "N", description = "mel bands (librosa: n_mels)")
    int nMels;
    @Option(names = "--frames", paramLabel = "N", description = "frames kept per file: cut or zero-padded")
    int frames;
    @Option(names = "--top-db", paramLabel = "DB",
            description = "power_to_db(ref=max) clipping below the maximum; none = no clipping (librosa: top_db)")
    Double topDb;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        MelDbParams p = new MelDbParams(sr, nFft, hopLength, nMels, frames, topDb);
        if (parseOnly != null) {
            parseOnly.accept(new ParsedJob.Job<>("extract", p, input, output, jobs.get(), overwrite.overwrite, !quiet.noProgress));
            return 0;
        }
        Path output = Path.of(this.output);
        ExtractResult r = ClassFolderExtractor.of(p).withJobs(jobs.get()).withEngine(engine).withOverwrite(overwrite.overwrite)
                .withProgress(quiet.progress(err)).run(Path.of(input), output);
        out.printf("%d classes, %d inputs: %d features (%d decoded, %d reused), %d failures -> %s%n", r.labels().size(), r.inputs(),
                r.written(), r.decoded(), r.reused(), r.failureCount(), output);
        if (!r.vanished().isEmpty()) {
            out.printf("%d input(s) of the earlier run are gone; removed their %d feature(s)%n", r.vanished().size(), r.removed().size());
        }
        if (r.failureCount() > 0) {
            err.println("melkit extract: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }

    /** The defaults are {@link MelDbParams#DEFAULT}'s, shown by {@code --help}. */
    static final class Defaults implements IDefaultValueProvider {
        @Override
        public String defaultValue(ArgSpec a) {
            return Options.defaultOf(a, Options.melDb(MelDbParams.DEFAULT));
        }
    }
}
