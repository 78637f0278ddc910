package org.melkit.cli;

import java.nio.file.Path;
import org.melkit.dataset.Validation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code melkit validate --input DIR --output FILE.csv}: the report of {@link Validation}
 * ({@code source,status,detail}). Findings are the report's content: the exit status is 0 once
 * it is written, 2 on a usage error.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, sortOptions = false, sortSynopsis = false, showDefaultValues = true,
        description = "report empty, corrupt, silent, duplicate and misplaced files (source,status,detail CSV)")
final class ValidateCommand extends MelkitCommand {
    @Option(names = "--input", required = true, paramLabel = "DIR", description = "folder of audio files")
    Path input;
    @Option(names = "--output", required = true, paramLabel = "FILE.csv", description = "the report")
    Path output;
    @Mixin Options.Jobs jobs;
    @Mixin Options.Quiet quiet;

    @Override
    public Integer call() {
        Validation.Report r = Validation.validate(input, jobs.get(), quiet.progress(err));
        r.write(output);
        out.println(r);
        out.println("wrote " + output);
        return 0;
    }
}
