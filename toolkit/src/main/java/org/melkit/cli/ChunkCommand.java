package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.dataset.ChunkDataset;
import org.melkit.batch.Progress;
import org.melkit.effects.ChunkParams;
import org.melkit.effects.CleaningParams;
import org.melkit.effects.LastChunk;

/**
 * {@code melkit chunk --input DIR --output DIR --seconds 5 [--sr 16000] [--trim-top-db 60]
 * [--denoise] [--normalize 0.99] [--overlap 0] [--last pad|drop|keep] [--threads N]
 * [--no-progress]}: {@link ChunkDataset}. {@code --overlap} is in seconds. Exit 1 when any
 * source failed (listed in {@code failures.csv}).
 */
final class ChunkCommand implements Command {
    @Override
    public String name() { return "chunk"; }

    @Override
    public String summary() { return "cut recordings into fixed-length WAV chunks (optionally resampled, denoised, trimmed, normalised)"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        Double seconds = a.number("seconds", null);
        if (seconds == null) {
            throw new UsageException("missing required option --seconds (chunk length, e.g. 5)");
        }
        ChunkParams chunk = new ChunkParams(seconds, a.number("overlap", 0.0), LastChunk.parse(a.string("last", "pad")));
        CleaningParams cleaning = CleaningParams.none()
                .withDenoise(a.flag("denoise"))
                .withTrimTopDb(a.number("trim-top-db", null))
                .withPeakTarget(a.number("normalize", null));
        ChunkDataset.Options o = new ChunkDataset.Options(chunk, a.integer("sr", null), cleaning, a.integer("threads", 0));
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        ChunkDataset.Summary s = ChunkDataset.run(input, output, o, quiet ? Progress.none() : Progress.terminal(err));
        out.println(s);
        return s.failures().isEmpty() ? 0 : 1;
    }
}
