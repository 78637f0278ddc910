package org.melkit.io;

import java.nio.file.Path;

/**
 * A CSV input that does not follow its format (bad header, wrong field count, unknown label,
 * unterminated quote, invalid UTF-8): the message names the file, the 1-based line, the problem
 * and a fix. An {@link IllegalArgumentException}, so the CLI reports it as a refused run (exit 2).
 */
public class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    public CsvFormatException(Path file, long line, String message) {
        super(file + (line > 0 ? ": line " + line : "") + ": " + message);
        this.file = file;
        this.line = line;
    }

    /** The CSV file. */
    public Path file() { return file; }

    /** The 1-based line where the problem is (0 when it concerns the whole file). */
    public long line() { return line; }
}
