package org.melkit.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The inputs a batch job could not use, with the reason: nothing is dropped silently.
 * Thread-safe; {@link #write} produces {@code failures.csv} ({@code source,error}, sorted by
 * source in code-point order).
 */
public final class Failures {
    private final Map<String, String> bySource = new TreeMap<>();

    /** Records that {@code source} (relative to the input root) failed because of {@code error}. */
    public synchronized void add(String source, String error) {
        bySource.put(source, error == null ? "unknown error" : error.replace('\n', ' ').replace('\r', ' '));
    }

    /** Records an exception, with its message and causes. */
    public void add(String source, Throwable e) {
        add(source, describe(e));
    }

    public synchronized int count() { return bySource.size(); }

    public synchronized boolean isEmpty() { return bySource.isEmpty(); }

    public synchronized boolean contains(String source) { return bySource.containsKey(source); }

    /** The failures, sorted by source. */
    public synchronized Map<String, String> asMap() { return new TreeMap<>(bySource); }

    /** Writes {@code source,error} rows, sorted, header included even when empty. */
    public synchronized void write(Path file) {
        List<List<?>> rows = new ArrayList<>();
        bySource.forEach((s, e) -> rows.add(List.of(s, e)));
        CsvWriter.write(file, List.of("source", "error"), rows);
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
