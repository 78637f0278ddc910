package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writing a build's small outputs so that a re-run that would produce the same bytes leaves the
 * file alone (bytes and mtime), and reading back what an earlier run recorded in its manifest.
 */
final class OutputFiles {
    private OutputFiles() {}

    /** Writes {@code bytes} to {@code file} (temporary name, then renamed) unless it already holds them. */
    static boolean writeIfChanged(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path tmp = Npy.tempSibling(file);
            Files.write(tmp, bytes);
            Npy.moveIntoPlace(tmp, file);
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    static boolean writeIfChanged(Path file, String text) {
        return writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** RFC 4180 text of a table, as {@link CsvWriter} writes it. */
    static String csv(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder();
        appendRow(sb, header);
        for (List<?> r : rows) {
            appendRow(sb, r);
        }
        return sb.toString();
    }

    private static void appendRow(StringBuilder sb, List<?> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(CsvWriter.field(values.get(i)));
        }
        sb.append('\n');
    }

    /** {@code failures.csv} text: {@code source,error}, sorted by source. */
    static String failuresCsv(Failures failures) {
        List<List<?>> rows = new java.util.ArrayList<>();
        failures.asMap().forEach((s, e) -> rows.add(List.of(s, e)));
        return csv(List.of("source", "error"), rows);
    }

    /**
     * Writes {@code manifest.json} into {@code dir} unless the existing one differs only in its
     * {@code created} time stamp, so a re-run that changed nothing keeps the old file.
     */
    static boolean writeManifestIfChanged(Path dir, Manifest manifest) {
        String fresh = render(dir, manifest);
        Path file = dir.resolve("manifest.json");
        try {
            if (Files.isRegularFile(file)
                    && withoutCreated(Files.readString(file, StandardCharsets.UTF_8)).equals(withoutCreated(fresh))) {
                return false;
            }
        } catch (IOException e) {
            // unreadable old manifest: replace it
        }
        return writeIfChanged(file, fresh);
    }

    /** The JSON {@link Manifest#write} would produce, rendered in a hidden scratch folder. */
    private static String render(Path dir, Manifest manifest) {
        Path scratch = dir.resolve(".manifest.tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
        try {
            Files.createDirectories(scratch);
            manifest.write(scratch);
            return Files.readString(scratch.resolve("manifest.json"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve("manifest.json") + ": " + e.getMessage(), e);
        } finally {
            deleteTree(scratch);
        }
    }

    private static String withoutCreated(String json) {
        return json.replaceAll("(?m)^  \"created\": \"[^\"]*\",\n", "");
    }

    /**
     * The part of a manifest that must match for a run to continue an earlier one: its
     * {@code command} and {@code parameters} entries as rendered by {@link Json}; {@code null}
     * when the text holds no parameters.
     */
    static String identity(String manifestJson) {
        String command = entry(manifestJson, "command");
        String params = entry(manifestJson, "parameters");
        return command == null || params == null ? null : command + "\n" + params;
    }

    /** The identity a manifest for {@code command} with {@code parameters} would have. */
    static String identity(String command, Map<String, Object> parameters) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("parameters", parameters);
        return identity(Json.write(m));
    }

    /** The text of a top-level entry's value (strings skipped while matching braces). */
    private static String entry(String json, String key) {
        String marker = "\n  " + Json.quote(key) + ": ";
        int at = json.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int start = at + marker.length();
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < json.length(); i++) {
            char c = json.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                depth++;
            } else if (c == '}' || c == ']') {
                depth--;
                if (depth < 0) {
                    return json.substring(start, i).strip();
                }
            } else if ((c == ',' || c == '\n') && depth == 0) {
                return json.substring(start, i).strip();
            }
        }
        return json.substring(start).strip();
    }

    /** Rejects an output folder inside an input folder, whose outputs would become inputs of the next run. */
    static void checkOutsideInput(Path input, String inputName, Path output) {
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (out.startsWith(in)) {
            throw new IllegalArgumentException("output=" + output + " is inside " + inputName + "=" + input
                    + ": its files would be read as inputs by the next run; choose an output folder outside it");
        }
    }

    /** Deletes a file or a folder tree if it exists. */
    static void deleteTree(Path p) {
        if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    /**
     * A one-line description of why {@code file} failed: the messages of {@code e} and its causes,
     * each without the file's own path in front (the failures report names the input already)
     * and without repeating a message already included.
     */
    static String describe(Path file, Throwable e) {
        List<String> prefixes = List.of(file.toAbsolutePath() + ": ", file + ": ");
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                if (sb.length() == 0) {
                    sb.append(c.getClass().getSimpleName());
                }
                continue;
            }
            for (String p : prefixes) {
                if (m.startsWith(p)) {
                    m = m.substring(p.length());
                }
            }
            if (sb.length() == 0) {
                sb.append(m);
            } else if (!sb.toString().contains(m)) {
                sb.append(" (caused by ").append(m).append(')');
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
