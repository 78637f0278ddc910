package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.MelDbParams;
import org.melkit.dataset.ExtractResult;
import org.melkit.batch.Progress;
import org.melkit.batch.RefusedRunException;

/**
 * {@code melkit extract --input DIR --output DIR [--sr 22050] [--n-fft 2048] [--hop-length 512]
 * [--n-mels 128] [--frames 256] [--top-db 80] [--jobs N] [--overwrite]}: class folders to
 * per-file mel spectrograms, over {@link ClassFolderExtractor}.
 */
final class ExtractCommand implements Command {
    @Override
    public String name() { return "extract"; }

    @Override
    public String summary() { return "class folders to per-file mel spectrograms (.npy) with metadata.csv"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        MelDbParams d = MelDbParams.DEFAULT;
        Double topDb = a.raw("top-db") == null ? d.topDb() : a.number("top-db", null);
        MelDbParams p = new MelDbParams(a.integer("sr", d.sr()), a.integer("n-fft", d.nFft()), a.integer("hop-length", d.hopLength()),
                a.integer("n-mels", d.nMels()), a.integer("frames", d.frames()), topDb);
        int jobs = a.integer("jobs", 0);
        if (jobs < 0) {
            throw new UsageException("--jobs " + jobs + ": must be >= 1 (or 0 for all cores)");
        }
        boolean overwrite = a.flag("overwrite");
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        ExtractResult r;
        try {
            r = ClassFolderExtractor.of(p).withJobs(jobs).withOverwrite(overwrite)
                    .withProgress(quiet ? Progress.none() : Progress.terminal(err)).run(input, output);
        } catch (RefusedRunException e) {
            err.println("melkit extract: " + e.getMessage());
            return 2;
        }
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
}
