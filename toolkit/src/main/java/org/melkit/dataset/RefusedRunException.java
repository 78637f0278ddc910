package org.melkit.dataset;

import java.nio.file.Path;

/**
 * A dataset build that was refused before anything was touched, e.g. because the output folder
 * was built with other parameters. The CLI turns it into exit status 2.
 */
public final class RefusedRunException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path output;

    public RefusedRunException(Path output, String message) {
        super(output + ": " + message);
        this.output = output;
    }

    /** The output folder that was left untouched. */
    public Path output() { return output; }
}
