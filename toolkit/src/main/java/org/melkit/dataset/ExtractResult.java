package org.melkit.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.Npy;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link ClassFolderExtractor#run} built: the label map, the metadata (one row per written
 * feature, {@code path,label,class,source}, sorted by source), the failures
 * ({@code source,error}) and counts. {@link #metadata()} and {@link #failures()} are Tablesaw
 * tables built when asked for (Tablesaw's start-up scans the class path, about 3 s in the shaded
 * jar, which a CLI run need not pay); {@link #feature(int)} reads one row's spectrogram back.
 * Immutable.
 */
public final class ExtractResult {
    /** One row of {@code metadata.csv}. */
    public record Row(String path, int label, String className, String source) {
        /** The row's {@code metadata.csv} cells: path, label, class, source. */
        public List<Object> csv() { return List.of(path, label, className, source); }
    }

    private final Path input;
    private final Path output;
    private final MelDbParams params;
    private final Map<String, Integer> labels;
    private final List<Row> rows;
    private final Map<String, String> failures;
    private final int inputs;
    private final int decoded;
    private final int reused;
    private final List<String> vanished;
    private final List<String> removed;

    ExtractResult(Path input, Path output, MelDbParams params, Map<String, Integer> labels, List<Row> rows, Map<String, String> failures,
                  int inputs, int decoded, int reused, List<String> vanished, List<String> removed) {
        this.input = input;
        this.output = output;
        this.params = params;
        this.labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        this.rows = List.copyOf(rows);
        this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        this.inputs = inputs;
        this.decoded = decoded;
        this.reused = reused;
        this.vanished = List.copyOf(vanished);
        this.removed = List.copyOf(removed);
    }

    /** The class-folder root that was read. */
    public Path input() { return input; }

    /** The output folder. */
    public Path output() { return output; }

    /** The recipe parameters. */
    public MelDbParams params() { return params; }

    /** Class name to label id, in id order. */
    public Map<String, Integer> labels() { return labels; }

    /** The rows of {@code metadata.csv}, sorted by source. */
    public List<Row> rows() { return rows; }

    /** Failed inputs (relative to the input) to the reason, sorted by source. */
    public Map<String, String> failureMap() { return failures; }

    /** Input files found. */
    public int inputs() { return inputs; }

    /** Inputs decoded in this run (the rest were reused or failed before decoding). */
    public int decoded() { return decoded; }

    /** Inputs whose {@code .npy} was already there from an earlier run. */
    public int reused() { return reused; }

    /** Inputs of an earlier run that are gone now (their features were removed), sorted. */
    public List<String> vanished() { return vanished; }

    /** Outputs removed because their input is gone, changed into a failure, or collides now. */
    public List<String> removed() { return removed; }

    /** Features written (rows of the metadata). */
    public int written() { return rows.size(); }

    public int failureCount() { return failures.size(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return failures.isEmpty() ? 0 : 1; }

    /** {@code metadata.csv} as a table: {@code path,label,class,source}. */
    public Table metadata() {
        StringColumn path = StringColumn.create("path");
        IntColumn label = IntColumn.create("label");
        StringColumn cls = StringColumn.create("class");
        StringColumn source = StringColumn.create("source");
        for (Row r : rows) {
            path.append(r.path());
            label.append(r.label());
            cls.append(r.className());
            source.append(r.source());
        }
        return Table.create("metadata", path, label, cls, source);
    }

    /** {@code failures.csv} as a table: {@code source,error}. */
    public Table failures() {
        return failuresTable(failures);
    }

    /** The spectrogram of metadata row {@code row}: {@code (nMels, frames)}. */
    public FloatMatrix feature(int row) {
        return Npy.read(output.resolve(rows.get(row).path())).toMatrix();
    }

    /** The label id of metadata row {@code row}. */
    public int label(int row) {
        return rows.get(row).label();
    }

    static Table failuresTable(Map<String, String> failures) {
        StringColumn source = StringColumn.create("source");
        StringColumn error = StringColumn.create("error");
        failures.forEach((s, e) -> {
            source.append(s);
            error.append(e);
        });
        return Table.create("failures", source, error);
    }

    /** A few failure lines for a {@code toString}. */
    static void appendFailures(StringBuilder sb, Map<String, String> failures) {
        int shown = 0;
        for (Map.Entry<String, String> e : failures.entrySet()) {
            if (shown++ == 5) {
                sb.append("\n  ... ").append(failures.size() - 5).append(" more in failures.csv");
                break;
            }
            sb.append("\n  failed ").append(e.getKey()).append(": ").append(e.getValue());
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ExtractResult[%s -> %s: %d classes, %d inputs, %d features (%d decoded, %d reused), %d failures; "
                        + "each (%d, %d) float32 at %d Hz]", input, output, labels.size(), inputs, written(), decoded, reused,
                failureCount(), params.nMels(), params.frames(), params.sr()));
        sb.append("\n  labels ").append(labels);
        if (!vanished.isEmpty()) {
            sb.append("\n  ").append(vanished.size()).append(" input(s) of the earlier run are gone; their features were removed: ")
                    .append(String.join(", ", vanished.subList(0, Math.min(5, vanished.size()))))
                    .append(vanished.size() > 5 ? ", ..." : "");
        }
        appendFailures(sb, failures);
        return sb.toString();
    }
}
