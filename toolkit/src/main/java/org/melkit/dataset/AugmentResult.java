package org.melkit.dataset;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link AugmentDataset#run} built: the rows of {@code augment.csv} (one per written copy,
 * by source then copy), the failures ({@code source,error}) and counts. {@link #table()} and
 * {@link #failures()} are Tablesaw tables built when asked for; {@code toString()} is a summary.
 * Immutable.
 */
public final class AugmentResult {
    private static final Set<String> INT_COLUMNS = Set.of("copy", "sample_rate", "input_samples", "output_samples");

    private final Path input;
    private final Path output;
    private final AugmentParams params;
    private final List<String> header;
    private final List<List<String>> rows;
    private final Map<String, String> failures;
    private final int inputs;
    private final int decoded;
    private final int resumed;
    private final List<String> skipped;
    private final List<String> vanished;
    private final List<String> removed;

    AugmentResult(Path input, Path output, AugmentParams params, List<String> header, List<List<String>> rows, Map<String, String> failures,
                  int inputs, int decoded, int resumed, List<String> skipped, List<String> vanished, List<String> removed) {
        this.input = input;
        this.output = output;
        this.params = params;
        this.header = List.copyOf(header);
        List<List<String>> r = new ArrayList<>();
        rows.forEach(row -> r.add(List.copyOf(row)));
        this.rows = List.copyOf(r);
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

    public AugmentParams params() { return params; }

    /** The columns of {@code augment.csv}. */
    public List<String> header() { return header; }

    /** The rows of {@code augment.csv}, by source then copy. */
    public List<List<String>> rows() { return rows; }

    /** Audio inputs found (including broken links). */
    public int inputs() { return inputs; }

    /** Augmented files listed in {@code augment.csv}. */
    public int outputs() { return rows.size(); }

    /** Inputs decoded in this run (the others were reused whole or failed before decoding). */
    public int decoded() { return decoded; }

    /** Copies kept from an earlier run (their input and the parameters unchanged, the file still there). */
    public int resumed() { return resumed; }

    /** Files under the input that are not audio (by extension), sorted. */
    public List<String> skipped() { return skipped; }

    /** Inputs of an earlier run that are gone now (their copies were removed), sorted. */
    public List<String> vanished() { return vanished; }

    /** Outputs removed because their input is gone, changed into a failure, or was renamed. */
    public List<String> removed() { return removed; }

    /** Failed inputs (relative to the input) to the reason, sorted. */
    public Map<String, String> failureMap() { return failures; }

    public int failureCount() { return failures.size(); }

    /** Whether every input was augmented. */
    public boolean ok() { return failures.isEmpty(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return ok() ? 0 : 1; }

    /** {@code augment.csv} as a table (copy, sample_rate and the sample counts as integers). */
    public Table table() {
        Table t = Table.create("augment");
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c);
            if (INT_COLUMNS.contains(h)) {
                IntColumn col = IntColumn.create(h);
                for (List<String> r : rows) {
                    col.append(Integer.parseInt(r.get(c)));
                }
                t.addColumns(col);
            } else {
                StringColumn col = StringColumn.create(h);
                for (List<String> r : rows) {
                    col.append(r.get(c));
                }
                t.addColumns(col);
            }
        }
        return t;
    }

    /** {@code failures.csv} as a table: {@code source,error}. */
    public Table failures() {
        return ExtractResult.failuresTable(failures);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "augment: %d inputs -> %d outputs (%d resumed), %d failed, %d skipped (not audio)", inputs, rows.size(), resumed,
                failures.size(), skipped.size()));
        sb.append(String.format(Locale.ROOT, "%n  %s -> %s: %d copies each, seed %d, %s", input, output, params.copies(), params.seed(),
                params.sr() == null ? "each file's own rate" : params.sr() + " Hz"));
        if (!vanished.isEmpty()) {
            sb.append("\n  ").append(vanished.size()).append(" input(s) of the earlier run are gone; their copies were removed: ")
                    .append(String.join(", ", vanished.subList(0, Math.min(5, vanished.size()))))
                    .append(vanished.size() > 5 ? ", ..." : "");
        }
        ExtractResult.appendFailures(sb, failures);
        return sb.toString();
    }
}
