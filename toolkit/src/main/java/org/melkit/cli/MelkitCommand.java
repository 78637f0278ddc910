package org.melkit.cli;

import java.io.PrintStream;
import java.util.concurrent.Callable;
import org.melkit.batch.Engine;

/**
 * One {@code melkit} command: picocli fills its options, {@link Main} gives it the output and
 * error streams, {@link #call()} returns the exit status (0 ok, 1 some inputs failed and are
 * listed in a failures file, 2 usage error). A {@link UsageException} or an
 * {@link IllegalArgumentException} thrown from {@code call} is a usage error.
 */
abstract class MelkitCommand implements Callable<Integer> {
    /** Set by {@link Main}'s factory before picocli parses. */
    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Where the per-file work of a batch job runs; {@code null}: {@code --jobs} threads in this JVM. Set by {@link Main}. */
    Engine engine;
    /**
     * Set by {@link Main#parseExtract}/{@link Main#parseSummary}: a command that can hand over its
     * parsed job does so here instead of running it.
     */
    java.util.function.Consumer<ParsedJob.Job<?>> parseOnly;

    @Override
    public abstract Integer call() throws Exception;
}
