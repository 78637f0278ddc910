package org.melkit.dataset;

import java.io.IOException;
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

/**
 * A strict RFC 4180 reader for UTF-8 CSV, parsed character by character: an optional BOM;
 * records end at CRLF, LF or a lone CR; quoted fields may hold commas, doubled quotes and line
 * breaks; every other character, including C1 controls such as U+0085 (NEL) and U+2028, is
 * field text. (Java's line readers and {@code Scanner} split at U+0085/U+2028 and would break
 * MELD's old CSVs; that is why this class exists.) Empty lines are skipped.
 *
 * <p>Records carry the 1-based physical line on which they start, so errors can name it.
 */
final class Rfc4180 {
    private Rfc4180() {}

    /** One record: its fields and the physical line (1-based) where it starts. */
    record Record(List<String> fields, long line) {}

    /** Reads {@code file} (UTF-8, strict) into records. */
    static List<Record> read(Path file) {
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
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new CsvFormatException(file, 0, "is not valid UTF-8 (" + e.getMessage()
                    + "); re-save it as UTF-8 (MELD's CSVs are UTF-8)");
        }
        return parse(text, file);
    }

    /** Parses CSV text; {@code file} only names the source in errors. */
    static List<Record> parse(String text, Path file) {
        List<Record> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        if (n > 0 && text.charAt(0) == '\uFEFF') {
            i = 1;
        }
        long line = 1;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        long recordLine = 1;
        boolean recordHasContent = false;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '"' && field.length() == 0) {
                // a quoted field: up to the closing quote (doubled quotes are one quote)
                long quoteLine = line;
                recordHasContent = true;
                i++;
                boolean closed = false;
                while (i < n) {
                    char q = text.charAt(i);
                    if (q == '"') {
                        if (i + 1 < n && text.charAt(i + 1) == '"') {
                            field.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        closed = true;
                        break;
                    }
                    if (q == '\n' || (q == '\r' && (i + 1 >= n || text.charAt(i + 1) != '\n'))) {
                        line++;
                    }
                    field.append(q);
                    i++;
                }
                if (!closed) {
                    throw new CsvFormatException(file, quoteLine, "a quoted field opened on this line is never closed (missing '\"')");
                }
                if (i < n) {
                    char after = text.charAt(i);
                    if (after != ',' && after != '\r' && after != '\n') {
                        throw new CsvFormatException(file, line, "unexpected character '" + after
                                + "' after a closing quote; inside a quoted field a quote must be doubled (\"\")");
                    }
                }
                continue;
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                recordHasContent = true;
                i++;
                continue;
            }
            if (c == '\r' || c == '\n') {
                i += (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') ? 2 : 1;
                if (recordHasContent || field.length() > 0) {
                    fields.add(field.toString());
                    out.add(new Record(List.copyOf(fields), recordLine));
                }
                fields.clear();
                field.setLength(0);
                recordHasContent = false;
                line++;
                recordLine = line;
                continue;
            }
            field.append(c);
            recordHasContent = true;
            i++;
        }
        if (recordHasContent || field.length() > 0) {
            fields.add(field.toString());
            out.add(new Record(List.copyOf(fields), recordLine));
        }
        return out;
    }
}
