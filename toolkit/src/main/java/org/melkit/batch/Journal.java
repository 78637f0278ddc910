package org.melkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Json;

/**
 * The resume journal of a batch job: for every input that was done, what it was (relative path,
 * size, modification time, SHA-256 of its bytes), the job parameters it was done with, and the
 * outputs it produced, plus optional job data (e.g. a summary row). An entry is reused only while
 * all of that still holds: a changed input is recomputed; an input that is gone has its
 * outputs removed.
 *
 * <p>Stored as JSON lines: appended (and flushed) as each input finishes, so a killed run loses
 * at most the line being written (a torn last line is ignored), and rewritten sorted by
 * {@link #compact()} at the end of a run. Thread-safe.
 */
public final class Journal {
    /** One finished input. */
    public record Entry(String source, long size, long mtime, String sha256, String parameters, List<String> outputs, JsonNode data)
            implements java.io.Serializable {
        public Entry {
            Objects.requireNonNull(source, "source");
            outputs = List.copyOf(outputs);
        }

        /** Whether this entry describes {@code key} done with {@code parameters}. */
        public boolean matches(Key key, String parameters) {
            return size == key.size && mtime == key.mtime && sha256.equals(key.sha256) && this.parameters.equals(parameters);
        }
    }

    /** What identifies one input's state: size, modification time (ms) and content hash. */
    public record Key(String source, long size, long mtime, String sha256) implements java.io.Serializable {
        /** Reads {@code file}'s size, time and hash ({@link UncheckedIOException} when unreadable). */
        public static Key of(String source, Path file) {
            try {
                return new Key(source, Files.size(file), Files.getLastModifiedTime(file).toMillis(), Journal.sha256(file));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
    }

    private final Path file;
    private final String parameters;
    private final Map<String, Entry> entries = new TreeMap<>();
    private BufferedWriter appender;

    private Journal(Path file, String parameters) {
        this.file = file;
        this.parameters = parameters;
    }

    /**
     * Opens the journal at {@code file} for a job whose parameters have the fingerprint
     * {@code parameters}; entries made with other parameters are dropped.
     */
    public static Journal open(Path file, String parameters) {
        Journal j = new Journal(file, parameters);
        if (Files.isRegularFile(file)) {
            try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    Entry e = parse(line);
                    if (e != null && e.parameters.equals(parameters)) {
                        j.entries.put(e.source, e);
                    } else if (e == null && !line.isBlank()) {
                        continue; // a torn line of a killed run
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return j;
    }

    /** One line of a journal file as an entry; {@code null} for a torn or foreign line. */
    public static Entry parse(String line) {
        try {
            JsonNode n = Json.MAPPER.readTree(line);
            if (n == null || !n.isObject() || !n.hasNonNull("source") || !n.hasNonNull("sha256")) {
                return null;
            }
            List<String> outs = new ArrayList<>();
            n.path("outputs").forEach(o -> outs.add(o.asText()));
            JsonNode data = n.get("data");
            return new Entry(n.get("source").asText(), n.path("size").asLong(-1), n.path("mtime").asLong(-1), n.get("sha256").asText(),
                    n.path("parameters").asText(""), outs, data == null || data.isNull() ? null : data);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The journal file. */
    public Path file() { return file; }

    /** The parameters fingerprint entries must carry. */
    public String parameters() { return parameters; }

    /** The entry recorded for {@code source}, if any. */
    public synchronized Entry get(String source) {
        return entries.get(source);
    }

    /** The entry for {@code key} if it was made for exactly this input state and these parameters. */
    public synchronized Entry reusable(Key key) {
        Entry e = entries.get(key.source());
        return e != null && e.matches(key, parameters) ? e : null;
    }

    /** Every entry, sorted by source. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries.values());
    }

    /** Records that {@code key} was done, producing {@code outputs} (and {@code data}, may be null); appended at once. */
    public synchronized Entry record(Key key, List<String> outputs, JsonNode data) {
        Entry e = new Entry(key.source(), key.size(), key.mtime(), key.sha256(), parameters, outputs, data);
        entries.put(e.source, e);
        try {
            if (appender == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                appender = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            appender.write(line(e));
            appender.write('\n');
            appender.flush();
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return e;
    }

    /** Forgets {@code source} (its input is gone or failed); takes effect at {@link #compact()}. */
    public synchronized Entry remove(String source) {
        return entries.remove(source);
    }

    /** Rewrites the file with the current entries, sorted, one line each (unchanged bytes are not rewritten). */
    public synchronized void compact() {
        closeAppender();
        StringBuilder sb = new StringBuilder();
        for (Entry e : entries.values()) {
            sb.append(line(e)).append('\n');
        }
        AtomicFiles.writeIfChanged(file, sb.toString());
    }

    /** Closes the appender without rewriting (after a failed run the appended lines stay for the next). */
    public synchronized void close() {
        closeAppender();
    }

    private void closeAppender() {
        if (appender != null) {
            try {
                appender.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
            } finally {
                appender = null;
            }
        }
    }

    /** {@code e} as one journal line (without the newline): what {@link #parse} reads. */
    public static String line(Entry e) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("source", e.source);
        m.put("size", e.size);
        m.put("mtime", e.mtime);
        m.put("sha256", e.sha256);
        m.put("parameters", e.parameters);
        m.put("outputs", e.outputs);
        if (e.data != null) {
            m.put("data", e.data);
        }
        return Json.writeLine(m);
    }

    /** A short fingerprint of a job's parameters (the first 16 hex digits of the SHA-256 of their JSON). */
    public static String fingerprint(String command, Map<String, Object> parameters) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("command", command);
        m.put("parameters", parameters);
        return sha256(Json.writeLine(m).getBytes(StandardCharsets.UTF_8)).substring(0, 16);
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
