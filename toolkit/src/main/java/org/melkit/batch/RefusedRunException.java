package org.melkit.batch;

import java.nio.file.Path;

/**
 * A batch run that was refused before anything was touched: the output folder was built with
 * other parameters or from another input, is in use by another run, lies inside the input (or
 * the input inside it), or the input holds no audio. The CLI turns it into exit status 2 (it is
 * an {@link IllegalArgumentException}: the arguments, not the data, are wrong).
 */
public final class RefusedRunException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient Path output;

    public RefusedRunException(Path output, String message) {
        super(output + ": " + message);
        this.output = output;
    }

    /** The output folder that was left untouched. */
    public Path output() { return output; }
}
