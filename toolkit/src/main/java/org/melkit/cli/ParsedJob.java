package org.melkit.cli;

/**
 * A batch command line parsed by the command's own code without running the job
 * ({@link Main#parseExtract}, {@link Main#parseSummary}): either the {@link Job} it asks for, or
 * the {@link Exit} status of a line that was already answered (its help or version printed,
 * status 0; a usage error printed with the nearest valid option, status 2).
 *
 * @param <P> the job's parameter record ({@link org.melkit.dataset.MelDbParams},
 *            {@link org.melkit.dataset.SummaryParams})
 */
public sealed interface ParsedJob<P> {
    /**
     * The job a valid line asks for. {@code input} and {@code output} are the strings as given
     * (a local path, or a URI such as {@code hdfs://host:8020/x}, never normalised through
     * {@link java.nio.file.Path}); {@code jobs} is {@code --jobs} (0 = all cores).
     */
    record Job<P>(String command, P params, String input, String output, int jobs, boolean overwrite, boolean progress)
            implements ParsedJob<P> {}

    /** A line already answered on the given streams: 0 after {@code --help}/{@code --version}, 2 after a usage error. */
    record Exit<P>(int status) implements ParsedJob<P> {}
}
