package org.melkit.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.melkit.dsp.FloatMatrix;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * What {@link ClassFolderExtractor#run} built: the label map, the metadata table (one row per
 * written feature, {@code path,label,class,source}, sorted by source), the failures table
 * ({@code source,error}) and counts. {@link #feature(int)} reads one row's spectrogram back.
 *
 * @param input the class-folder root that was read
 * @param output the output folder
 * @param params the recipe parameters
 * @param labels class name to label id, in id order
 * @param metadata {@code metadata.csv} as a table
 * @param failures {@code failures.csv} as a table
 * @param inputs input files found
 * @param decoded inputs decoded in this run (the rest were reused or failed before decoding)
 * @param reused inputs whose {@code .npy} was already there from an earlier run
 */
public record ExtractResult(Path input, Path output, MelDbParams params, Map<String, Integer> labels, Table metadata,
                            Table failures, int inputs, int decoded, int reused) {
    public ExtractResult {
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /** Features written (rows of {@link #metadata()}). */
    public int written() { return metadata.rowCount(); }

    public int failureCount() { return failures.rowCount(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return failureCount() > 0 ? 1 : 0; }

    /** The spectrogram of metadata row {@code row}: {@code (nMels, frames)}. */
    public FloatMatrix feature(int row) {
        return Npy.read(output.resolve(metadata.stringColumn("path").get(row))).toMatrix();
    }

    /** The label id of metadata row {@code row}. */
    public int label(int row) {
        return metadata.intColumn("label").get(row);
    }

    static Table failuresTable(Failures failures) {
        StringColumn source = StringColumn.create("source");
        StringColumn error = StringColumn.create("error");
        failures.asMap().forEach((s, e) -> {
            source.append(s);
            error.append(e);
        });
        return Table.create("failures", source, error);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "ExtractResult[%s -> %s: %d classes, %d inputs, %d features (%d decoded, %d reused), %d failures; "
                        + "each (%d, %d) float32 at %d Hz]", input, output, labels.size(), inputs, written(), decoded, reused,
                failureCount(), params.nMels(), params.frames(), params.sr()));
        sb.append("\n  labels ").append(labels);
        if (failureCount() > 0) {
            int shown = Math.min(5, failureCount());
            for (int i = 0; i < shown; i++) {
                sb.append("\n  failed ").append(failures.stringColumn("source").get(i)).append(": ")
                        .append(failures.stringColumn("error").get(i));
            }
            if (failureCount() > shown) {
                sb.append("\n  ... ").append(failureCount() - shown).append(" more in failures.csv");
            }
        }
        return sb.toString();
    }
}
