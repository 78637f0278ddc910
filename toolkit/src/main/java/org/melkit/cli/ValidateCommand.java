package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit validate --input DIR --output FILE.csv}: thin over {@link Validation}. Writes the
 * report ({@code source,status,detail}) and {@code FILE.failures.csv}, {@code FILE.manifest.json},
 * {@code FILE.journal.jsonl} beside it. Findings (any status) are the report's content: the exit
 * status is 0 once it is written, 1 when an input could not be read at all (a broken link, a link
 * loop, an unreadable file: the rows of {@code FILE.failures.csv}), 2 on a usage error or a
 * refused run.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "report empty, corrupt, silent, duplicate and misplaced audio and image files (source,status,detail CSV)")
final class ValidateCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder of audio (and image) files")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "FILE.csv", description = "the report (outside --input)")
    Path output;
    @Mixin Options.Jobs jobs;
    @Option(names = "--overwrite", description = "replace a report made from another input folder")
    boolean overwrite;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Validation.Report r = Validation.of().withJobs(jobs.get()).withProgress(quiet.progress(err)).withOverwrite(overwrite)
                .run(input, output);
        out.println(r);
        out.println("wrote " + output + (r.failures().isEmpty() ? "" : " and " + r.failures().size() + " unreadable input(s) to "
                + org.melkit.batch.BatchRun.sidecar(output, "failures.csv")));
        return r.failures().isEmpty() ? 0 : 1;
    }
}
