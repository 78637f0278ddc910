package org.melkit.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link SpectrogramImageDataset#run} built: the rows of {@code images.csv}
 * ({@code source,output,label}, by source), the failures and counts. {@link #table()} and
 * {@link #failures()} are Tablesaw tables built when asked for; {@code toString()} is a summary.
 * Immutable.
 */
public final class ImagesResult {
    /** One row of {@code images.csv}: the input, its PNG (relative to the output) and its label (the input's folder). */
    public record Row(String source, String output, String label) {
        List<Object> csv() { return List.of(source, output, label); }
    }

    private final Path input;
    private final Path output;
    private final ImagesParams params;
    private final List<Row> rows;
    private final Map<String, String> failures;
    private final int inputs;
    private final int decoded;
    private final int resumed;
    private final List<String> skipped;
    private final List<String> vanished;
    private final List<String> removed;

    ImagesResult(Path input, Path output, ImagesParams params, List<Row> rows, Map<String, String> failures, int inputs, int decoded,
                 int resumed, List<String> skipped, List<String> vanished, List<String> removed) {
        this.input = input;
        this.output = output;
        this.params = params;
        this.rows = List.copyOf(rows);
        this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        this.inputs = inputs;
        this.decoded = decoded;
        this.resumed = resumed;
        this.skipped = List.copyOf(skipped);
        this.vanished = List.copyOf(vanished);
        this.removed = List.copyOf(removed);
    }

    public Path input() { return input; }

    public Path output() { return output; }

    public ImagesParams params() { return params; }

    /** The rows of {@code images.csv}, by source. */
    public List<Row> rows() { return rows; }

    /** Audio inputs found (including broken links). */
    public int inputs() { return inputs; }

    /** Images listed in {@code images.csv}. */
    public int written() { return rows.size(); }

    /** Inputs decoded in this run. */
    public int decoded() { return decoded; }

    /** Images kept from an earlier run (input and parameters unchanged, the PNG still there). */
    public int resumed() { return resumed; }

    /** Files under the input that are not audio (by extension), sorted. */
    public List<String> skipped() { return skipped; }

    /** Inputs of an earlier run that are gone now (their images were removed), sorted. */
    public List<String> vanished() { return vanished; }

    /** Images removed because their input is gone, changed into a failure, or was renamed. */
    public List<String> removed() { return removed; }

    /** Failed inputs (relative to the input) to the reason, sorted. */
    public Map<String, String> failureMap() { return failures; }

    public int failureCount() { return failures.size(); }

    public boolean ok() { return failures.isEmpty(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return ok() ? 0 : 1; }

    /** {@code images.csv} as a table: {@code source,output,label}. */
    public Table table() {
        StringColumn source = StringColumn.create("source");
        StringColumn out = StringColumn.create("output");
        StringColumn label = StringColumn.create("label");
        for (Row r : rows) {
            source.append(r.source());
            out.append(r.output());
            label.append(r.label());
        }
        return Table.create("images", source, out, label);
    }

    /** {@code failures.csv} as a table: {@code source,error}. */
    public Table failures() {
        return ExtractResult.failuresTable(failures);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "images: %d written (%d kept from an earlier run), %d failed, %d skipped (not audio)", rows.size(), resumed, failures.size(),
                skipped.size()));
        sb.append(String.format(Locale.ROOT, "%n  %s -> %s: %d x %d %s PNGs of %d mel bands at %d Hz, %s", input, output,
                params.image().width(), params.image().height(), params.image().colormap().name().toLowerCase(Locale.ROOT),
                params.mel().nMels(), params.mel().sr(), params.seconds() == null ? "whole clips" : params.seconds() + " s each"));
        if (!vanished.isEmpty()) {
            sb.append("\n  ").append(vanished.size()).append(" input(s) of the earlier run are gone; their images were removed: ")
                    .append(String.join(", ", vanished.subList(0, Math.min(5, vanished.size()))))
                    .append(vanished.size() > 5 ? ", ..." : "");
        }
        ExtractResult.appendFailures(sb, failures);
        return sb.toString();
    }
}
