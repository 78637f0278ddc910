package org.melkit.dataset;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.melkit.ml.Pca;

/**
 * What {@link MusicSummary#build} produced.
 *
 * @param columns the column names: folder, file, mfcc_1..N, spectral_centroid, zero_crossing_rate[, pc_1..K]
 * @param rows one row per readable file, sorted by {@code folder/file}
 * @param failures {@code folder/file -> error} for every file that could not be summarised, sorted
 * @param inputHashes {@code folder/file -> sha256} of every input
 * @param pca the fitted standardisation + PCA, or null without {@code pca}
 * @param params the parameters used
 */
public record SummaryResult(List<String> columns, List<Row> rows, Map<String, String> failures, Map<String, String> inputHashes,
                            Pca.Result pca, SummaryParams params) {
    public SummaryResult {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        inputHashes = Collections.unmodifiableMap(new TreeMap<>(inputHashes));
    }

    /** One file's row: its folder, its name, and the numeric columns (features, then components). */
    public record Row(String folder, String file, double[] values) {
        public Row {
            values = values.clone();
        }

        @Override
        public double[] values() { return values.clone(); }

        /** Value {@code i} of the numeric columns, without copying. */
        public double value(int i) { return values[i]; }

        public int size() { return values.length; }
    }

    /** The rows as a Tablesaw table (built on request). */
    public Table table() {
        StringColumn folder = StringColumn.create("folder");
        StringColumn file = StringColumn.create("file");
        DoubleColumn[] nums = new DoubleColumn[columns.size() - 2];
        for (int c = 0; c < nums.length; c++) {
            nums[c] = DoubleColumn.create(columns.get(c + 2));
        }
        for (Row r : rows) {
            folder.append(r.folder());
            file.append(r.file());
            for (int c = 0; c < nums.length; c++) {
                nums[c].append(r.value(c));
            }
        }
        Table t = Table.create("summary", folder, file);
        t.addColumns(nums);
        return t;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SummaryResult[" + rows.size() + " rows x " + columns.size() + " columns, "
                + failures.size() + " failure(s)" + (pca == null ? "" : ", " + pca) + "]\n");
        Table table = table();
        sb.append(table.rowCount() > 10 ? table.first(10).print() + "\n... " + (table.rowCount() - 10) + " more rows" : table.print());
        failures.entrySet().stream().limit(5).forEach(e -> sb.append("\n  failed ").append(e.getKey()).append(": ")
                .append(e.getValue().length() > 160 ? e.getValue().substring(0, 160) + "..." : e.getValue()));
        return sb.toString();
    }
}
