package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.dataset.Meld;
import org.melkit.dataset.MeldParams;
import org.melkit.dataset.MeldResult;
import org.melkit.dataset.MeldSplit;
import org.melkit.batch.Progress;

/**
 * {@code melkit meld --root MELD_RAW_DIR --output DIR [--sr 16000] [--duration 3.0] [--n-fft 1024]
 * [--hop-length 376] [--n-mels 128] [--frames 128] [--order-train F] [--order-val F]
 * [--order-test F] [--jobs N] [--batch-size 64] [--no-progress]}: thin over {@link Meld#build}.
 * Exit 0 when every row's clip is ok, 1 when any is missing, corrupt or without audio, 2 on a
 * usage error or a malformed CSV / order file (nothing written).
 */
final class MeldCommand implements Command {
    @Override
    public String name() { return "meld"; }

    @Override
    public String summary() { return "MELD-aligned audio spectrograms, one-hot labels and ids per split"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path root = a.requirePath("root");
        Path output = a.requirePath("output");
        MeldParams d = MeldParams.DEFAULT;
        MeldParams params = new MeldParams(a.integer("sr", d.sr()), a.number("duration", d.duration()), a.integer("n-fft", d.nFft()),
                a.integer("hop-length", d.hopLength()), a.integer("n-mels", d.nMels()), a.integer("frames", d.frames()));
        Meld.Options o = Meld.Options.DEFAULT.withJobs(a.integer("jobs", 0))
                .withBatchSize(a.integer("batch-size", Meld.Options.DEFAULT.batchSize()))
                .withProgress(a.flag("no-progress") ? Progress.none() : Progress.terminal(err));
        for (MeldSplit s : MeldSplit.values()) {
            o = o.withOrderFile(s, a.path("order-" + s.id()));
        }
        a.requireAllUsed();
        MeldResult r = Meld.build(root, output, params, o);
        out.println(r);
        return r.allOk() ? 0 : 1;
    }
}
