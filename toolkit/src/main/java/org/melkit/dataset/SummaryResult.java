package org.melkit.dataset;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import tech.tablesaw.api.Table;

/**
 * What {@link MusicSummary#build} produced.
 *
 * @param table one row per readable file: folder, file, mfcc_1..N, spectral_centroid, zero_crossing_rate[, pc_1..K]
 * @param failures {@code folder/file -> error} for every file that could not be summarised, sorted
 * @param inputHashes {@code folder/file -> sha256} of every input
 * @param pca the fitted standardisation + PCA, or null without {@code pca}
 * @param params the parameters used
 */
public record SummaryResult(Table table, Map<String, String> failures, Map<String, String> inputHashes, Pca.Result pca,
                            SummaryParams params) {
    public SummaryResult {
        failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        inputHashes = Collections.unmodifiableMap(new TreeMap<>(inputHashes));
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("SummaryResult[" + table.rowCount() + " rows x " + table.columnCount() + " columns, "
                + failures.size() + " failure(s)" + (pca == null ? "" : ", " + pca) + "]\n");
        sb.append(table.rowCount() > 10 ? table.first(10).print() + "\n... " + (table.rowCount() - 10) + " more rows" : table.print());
        failures.entrySet().stream().limit(5).forEach(e -> sb.append("\n  failed ").append(e.getKey()).append(": ")
                .append(e.getValue().length() > 160 ? e.getValue().substring(0, 160) + "..." : e.getValue()));
        return sb.toString();
    }
}
