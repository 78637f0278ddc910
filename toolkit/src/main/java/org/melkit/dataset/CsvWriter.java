package org.melkit.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * RFC 4180 CSV in UTF-8 with {@code \n} line ends, written to a temporary name and renamed
 * into place by {@link #close()}. Fields holding a comma, quote, CR or LF are quoted.
 */
public final class CsvWriter implements AutoCloseable {
    private final Path path;
    private final Path tmp;
    private final BufferedWriter w;
    private boolean closed;

    public CsvWriter(Path path, List<String> header) {
        this.path = path;
        this.tmp = Npy.tempSibling(path);
        try {
            Path parent = path.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            this.w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
        row(header);
    }

    /** Writes one row; values are rendered with {@link String#valueOf}. */
    public void row(List<?> values) {
        try {
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    w.write(',');
                }
                w.write(field(values.get(i)));
            }
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    public void row(Object... values) {
        row(List.of(values));
    }

    /** One CSV field: quoted when it must be. */
    public static String field(Object v) {
        String s = v == null ? "" : String.valueOf(v);
        if (s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0) {
            return '"' + s.replace("\"", "\"\"") + '"';
        }
        return s;
    }

    /** Writes a whole table at once (header + rows), atomically. */
    public static void write(Path path, List<String> header, List<? extends List<?>> rows) {
        try (CsvWriter w = new CsvWriter(path, header)) {
            for (List<?> r : rows) {
                w.row(r);
            }
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            w.close();
            Npy.moveIntoPlace(tmp, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path + ": " + e.getMessage(), e);
        }
    }
}
