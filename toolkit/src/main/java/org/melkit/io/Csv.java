package org.melkit.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.QuoteMode;

/**
 * CSV through Apache Commons CSV: RFC 4180 in UTF-8 with {@code \n} line ends, fields quoted
 * only when they must be. Files are written atomically ({@link AtomicFiles}): a crash leaves the
 * old file or none, never half a table.
 *
 * <pre>{@code
 * Csv.write(dir.resolve("metadata.csv"), List.of("path", "label"), rows);   // a whole table
 * try (Csv.Writer w = Csv.writer(file, header)) { w.row(a, b, c); }         // streaming
 * List<List<String>> table = Csv.read(file);                                // header included
 * }</pre>
 */
public final class Csv {
    private Csv() {}

    /** How melkit writes CSV: RFC 4180 quoting, {@code \n} records. */
    public static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator("\n").setQuoteMode(QuoteMode.MINIMAL).build();

    /** How melkit reads CSV: RFC 4180, CRLF or LF, a UTF-8 BOM dropped, surrounding spaces kept. */
    public static final CSVFormat READ = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).build();

    /** A streaming table writer; the file appears under its name on {@link #close()}. */
    public static final class Writer implements AutoCloseable {
        private final Path path;
        private final Path tmp;
        private final CSVPrinter printer;
        private boolean closed;

        private Writer(Path path, List<String> header) {
            this.path = path;
            this.tmp = AtomicFiles.tempSibling(path);
            try {
                Files.createDirectories(path.toAbsolutePath().getParent());
                BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8);
                this.printer = new CSVPrinter(w, FORMAT);
                printer.printRecord(header);
            } catch (IOException e) {
                AtomicFiles.deleteQuietly(tmp);
                throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
            }
        }

        /** One row; values rendered with {@link String#valueOf}, {@code null} as an empty field. */
        public void row(List<?> values) {
            try {
                printer.printRecord(values.stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
            }
        }

        public void row(Object... values) {
            row(java.util.Arrays.asList(values));
        }

        /** Drops the half-written table (the file under its real name is left as it was). */
        public void abort() {
            if (!closed) {
                closed = true;
                try {
                    printer.close();
                } catch (IOException e) {
                    // discarded anyway
                }
                AtomicFiles.deleteQuietly(tmp);
            }
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            try {
                printer.close();
                AtomicFiles.moveIntoPlace(tmp, path);
            } catch (IOException e) {
                AtomicFiles.deleteQuietly(tmp);
                throw new UncheckedIOException("cannot finish " + path + ": " + e.getMessage(), e);
            }
        }
    }

    /** A streaming writer for {@code path} with {@code header} as its first row. */
    public static Writer writer(Path path, List<String> header) {
        return new Writer(path, header);
    }

    /** Writes a whole table (header + rows) atomically. */
    public static void write(Path path, List<String> header, List<? extends List<?>> rows) {
        AtomicFiles.write(path, text(header, rows));
    }

    /** Writes a whole table unless the file already holds exactly these bytes; returns whether it wrote. */
    public static boolean writeIfChanged(Path path, List<String> header, List<? extends List<?>> rows) {
        return AtomicFiles.writeIfChanged(path, text(header, rows));
    }

    /** The text of a table as {@link #write} writes it. */
    public static String text(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        try (CSVPrinter p = new CSVPrinter(sb, FORMAT)) {
            p.printRecord(header);
            for (List<?> r : rows) {
                p.printRecord(r.stream().map(v -> v == null ? "" : String.valueOf(v)).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sb.toString();
    }

    /** One record's text without its line end ({@code a,"b,c"}). */
    public static String line(List<?> values) {
        String t = text(values.stream().map(v -> v == null ? "" : String.valueOf(v)).toList(), List.of());
        return t.substring(0, t.length() - 1);
    }

    /** Every record of a CSV file (header included) as lists of fields; a UTF-8 BOM is dropped. */
    public static List<List<String>> read(Path file) {
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Every record of CSV text (header included); a leading BOM is dropped. */
    public static List<List<String>> parse(String text) {
        String t = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<List<String>> out = new ArrayList<>();
        try (Reader r = new StringReader(t); CSVParser p = CSVParser.parse(r, CSVFormat.RFC4180)) {
            for (CSVRecord rec : p) {
                out.add(rec.toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new IllegalArgumentException("not valid CSV: " + e.getMessage(), e);
        }
        return out;
    }
}
