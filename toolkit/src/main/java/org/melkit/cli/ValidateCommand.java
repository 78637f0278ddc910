package org.melkit.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import org.melkit.batch.Progress;
import org.melkit.dataset.Validation;

/**
 * {@code melkit validate --input DIR --output FILE.csv [--threads N] [--no-progress]}: the report
 * of {@link Validation} ({@code source,status,detail}). Findings are the report's content: the
 * exit status is 0 once it is written, 2 on a usage error.
 */
final class ValidateCommand implements Command {
    @Override
    public String name() { return "validate"; }

    @Override
    public String summary() { return "report empty, corrupt, silent, duplicate and misplaced files (source,status,detail CSV)"; }

    @Override
    public int run(Args a, PrintStream out, PrintStream err) {
        Path input = a.requirePath("input");
        Path output = a.requirePath("output");
        int threads = a.integer("threads", 0);
        boolean quiet = a.flag("no-progress");
        a.requireAllUsed();
        if (threads < 0) {
            throw new UsageException("--threads " + threads + ": must be >= 0 (0 = all cores)");
        }
        Validation.Report r = Validation.validate(input, threads, quiet ? Progress.none() : Progress.terminal(err));
        r.write(output);
        out.println(r);
        out.println("wrote " + output);
        return 0;
    }
}
