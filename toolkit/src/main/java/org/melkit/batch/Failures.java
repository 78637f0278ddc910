package org.melkit.batch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.melkit.io.Csv;

/**
 * The inputs a batch job could not use, with the reason: nothing is dropped silently.
 * Thread-safe; {@link #write} produces {@code failures.csv} ({@code source,error}, sorted by
 * source in code-point order).
 */
public final class Failures {
    /** The header of every failures report. */
    public static final List<String> HEADER = List.of("source", "error");

    private final Map<String, String> bySource = new TreeMap<>();

    /** Records that {@code source} (relative to the input root) failed because of {@code error}. */
    public synchronized void add(String source, String error) {
        bySource.put(source, error == null ? "unknown error" : error.replace('\n', ' ').replace('\r', ' '));
    }

    /** Records an exception, with its message and causes. */
    public void add(String source, Throwable e) {
        add(source, describe(e));
    }

    /** Records every entry of {@code failures}. */
    public void addAll(Map<String, String> failures) {
        failures.forEach(this::add);
    }

    public synchronized int count() { return bySource.size(); }

    public synchronized boolean isEmpty() { return bySource.isEmpty(); }

    public synchronized boolean contains(String source) { return bySource.containsKey(source); }

    /** The failures, sorted by source. */
    public synchronized Map<String, String> asMap() { return new TreeMap<>(bySource); }

    /** The report's rows, sorted by source. */
    public synchronized List<List<?>> rows() {
        List<List<?>> rows = new ArrayList<>();
        bySource.forEach((s, e) -> rows.add(List.of(s, e)));
        return rows;
    }

    /** Writes {@code source,error} rows, sorted, header included even when empty. */
    public void write(Path file) {
        Csv.write(file, HEADER, rows());
    }

    /** As {@link #write}, leaving the file alone when it already holds these bytes. */
    public boolean writeIfChanged(Path file) {
        return Csv.writeIfChanged(file, HEADER, rows());
    }

    /** A one-line description of {@code e}: its message and distinct causes. */
    public static String describe(Throwable e) {
        String m = e.getMessage();
        StringBuilder sb = new StringBuilder(m == null ? e.getClass().getSimpleName() : m);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String cm = c.getMessage();
            if (cm == null) {
                continue;
            }
            // a cause whose text the message already carries (often behind a "file: " prefix) adds nothing
            int colon = cm.indexOf(": ");
            String core = colon >= 0 ? cm.substring(colon + 2) : cm;
            if (!sb.toString().contains(cm) && !sb.toString().contains(core)) {
                sb.append(" (caused by ").append(cm).append(')');
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }
}
