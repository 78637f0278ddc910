package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.ChunkDataset;
import org.melkit.dataset.ChunkResult;
import org.melkit.effects.ChunkParams;
import org.melkit.effects.CleaningParams;
import org.melkit.effects.LastChunk;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit chunk --input DIR --output DIR --seconds 5}: {@link ChunkDataset}. Exit 1 when
 * any source failed (listed in {@code failures.csv}), 2 when a batch rule refuses the run.
 */
@Command(name = "chunk", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "cut recordings into fixed-length WAV chunks (optionally resampled, denoised, trimmed, normalised)")
final class ChunkCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "class folders of recordings")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "DIR", description = "chunks in the same class folders")
    Path output;
    @Option(names = "--seconds", required = true, paramLabel = "S", description = "chunk length in seconds, e.g. 5")
    double seconds;
    @Option(names = "--overlap", paramLabel = "S", defaultValue = "0.0", description = "seconds shared by consecutive chunks")
    double overlap;
    @Option(names = "--last", paramLabel = "pad|drop|keep", defaultValue = "pad",
            description = "a last chunk shorter than --seconds: zero-padded, dropped or kept short")
    String last;
    @Option(names = "--sr", paramLabel = "HZ", description = "resample to this rate; default: each file's own rate")
    Integer sr;
    @Option(names = "--denoise", description = "spectral-gate noise reduction before cutting")
    boolean denoise;
    @Option(names = "--trim-top-db", paramLabel = "DB", description = "trim leading and trailing silence quieter than this"
            + " below the peak (librosa.effects.trim top_db); default: no trimming")
    Double trimTopDb;
    @Option(names = "--normalize", paramLabel = "PEAK", description = "peak-normalise each recording (before cutting) to this level, e.g. 0.99;"
            + " default: levels unchanged")
    Double normalize;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Overwrite overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        ChunkParams chunk = new ChunkParams(seconds, overlap, LastChunk.parse(last));
        CleaningParams cleaning = CleaningParams.none()
                .withDenoise(denoise)
                .withTrimTopDb(trimTopDb)
                .withPeakTarget(normalize);
        ChunkResult r = ChunkDataset.of(new ChunkDataset.Params(chunk, sr, cleaning)).withJobs(jobs.get())
                .withOverwrite(overwrite.overwrite).withProgress(quiet.progress(err)).run(input, output);
        out.printf("chunk: %d sources (%d processed, %d resumed), %d chunks, %d failed, %d without chunks, %d not audio -> %s%n",
                r.sources(), r.processed(), r.resumed(), r.chunks(), r.failureCount(), r.withoutChunks().size(), r.notAudio().size(), output);
        if (!r.vanished().isEmpty()) {
            out.printf("%d input(s) of the earlier run are gone; removed their %d chunk(s)%n", r.vanished().size(), r.removed().size());
        }
        r.failureMap().forEach((k, v) -> out.println("  failed: " + k + ": " + v));
        if (r.failureCount() > 0) {
            err.println("melkit chunk: " + r.failureCount() + " input(s) failed; see " + output.resolve("failures.csv"));
        }
        return r.exitStatus();
    }
}
