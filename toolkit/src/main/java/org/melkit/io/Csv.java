package org.melkit.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * List<Csv.Record> strict = Csv.records(file);   // strict UTF-8, each record with the line it starts on
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

    /** One record of {@link #records}: its fields and the 1-based physical line where it starts. */
    public record Record(List<String> fields, long line) {
        public Record {
            fields = List.copyOf(fields);
        }
    }

    /** Strict RFC 4180: CRLF, LF or a lone CR end a record, empty lines skipped, fields kept as written. */
    private static final CSVFormat STRICT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).build();
    private static final Pattern ERROR_LINE = Pattern.compile("(?:startline |at line: )(\\d+)");

    /**
     * The records of a CSV file that must be strict UTF-8 (a BOM dropped), each with the physical
     * line it starts on, for messages that point at the line. Quoted fields may hold commas,
     * doubled quotes and line breaks; every other character, including U+0085 (NEL) and U+2028, is
     * field text (MELD's CSVs hold both). Empty lines are skipped.
     *
     * @throws CsvFormatException naming the file and line: a missing file, invalid UTF-8, a quote
     *     never closed, a character after a closing quote
     */
    public static List<Record> records(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CsvFormatException(file, 0, "no such file");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(file, 0, "is not valid UTF-8 (" + e.getMessage() + "); re-save it as UTF-8");
        }
        return records(text.startsWith("\uFEFF") ? text.substring(1) : text, file);
    }

    private static List<Record> records(String text, Path file) {
        long[] lineStarts = lineStarts(text);
        List<Record> out = new ArrayList<>();
        try (CSVParser p = CSVParser.parse(new StringReader(text), STRICT)) {
            for (CSVRecord rec : p) {
                int at = java.util.Arrays.binarySearch(lineStarts, rec.getCharacterPosition());
                out.add(new Record(rec.toList(), at >= 0 ? at + 1 : -at - 1));
            }
        } catch (IOException | UncheckedIOException e) {
            String m = e.getCause() != null && e instanceof UncheckedIOException ? e.getCause().getMessage() : e.getMessage();
            Matcher lm = ERROR_LINE.matcher(String.valueOf(m));
            long line = lm.find() ? Long.parseLong(lm.group(1)) : 0;
            String what = m != null && m.contains("EOF reached before encapsulated token finished")
                    ? "a quoted field opened on this line is never closed (missing '\"')"
                    : m != null && m.contains("Invalid character between encapsulated token and delimiter")
                    ? "a character follows a closing quote; inside a quoted field a quote must be doubled (\"\")"
                    : "not valid CSV (" + m + ")";
            throw new CsvFormatException(file, line, what);
        }
        return out;
    }

    /** The offsets where each physical line starts (after CRLF, LF or a lone CR). */
    private static long[] lineStarts(String text) {
        long[] starts = new long[16];
        int n = 0;
        starts[n++] = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || (c == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n'))) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        return java.util.Arrays.copyOf(starts, n);
    }
}
