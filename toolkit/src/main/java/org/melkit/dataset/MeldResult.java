package org.melkit.dataset;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.melkit.io.Npy;

/**
 * What {@link Meld#build} produced: per split the index table and counts, and the failures.
 * {@code toString()} is a short report, so a notebook cell shows it directly.
 *
 * @param output the output folder
 * @param splits per split, in train, val, test order
 * @param failures {@code split:file -> error} for every non-ok row, sorted
 */
public record MeldResult(Path output, Map<MeldSplit, Split> splits, Map<String, String> failures) {
    public MeldResult {
        splits = java.util.Collections.unmodifiableMap(new java.util.EnumMap<>(splits));
        failures = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failures));
    }

    /** One row of {@code ids_*.csv}: row i of X came from {@code file}, with this status and these labels. */
    public record IdRow(int row, int dialogueId, int utteranceId, String file, MeldStatus status, String emotion, String sentiment) {
        /** The CSV fields, in {@link Meld#IDS_HEADER} order. */
        public List<Object> values() {
            return List.of(row, dialogueId, utteranceId, file, status.text(), emotion, sentiment);
        }
    }

    /**
     * One split.
     *
     * @param split which split
     * @param idRows the index, row i of X
     * @param counts {@code rows, ok, missing, corrupt, no_audio}
     * @param xFile the {@code X_audio_*.npy} file
     * @param resumed whether it was complete from an earlier run with the same inputs and parameters
     */
    public record Split(MeldSplit split, List<IdRow> idRows, Map<String, Integer> counts, Path xFile, boolean resumed) {
        public Split {
            idRows = List.copyOf(idRows);
            counts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(counts));
        }

        /**
         * The index as a Tablesaw table ({@code row,dialogue_id,utterance_id,file,status,emotion,sentiment}),
         * built on request (Tablesaw's first use scans the class path, which a CLI run need not pay).
         */
        public Table ids() {
            IntColumn row = IntColumn.create("row");
            IntColumn dia = IntColumn.create("dialogue_id");
            IntColumn utt = IntColumn.create("utterance_id");
            StringColumn file = StringColumn.create("file");
            StringColumn status = StringColumn.create("status");
            StringColumn emotion = StringColumn.create("emotion");
            StringColumn sentiment = StringColumn.create("sentiment");
            for (IdRow r : idRows) {
                row.append(r.row());
                dia.append(r.dialogueId());
                utt.append(r.utteranceId());
                file.append(r.file());
                status.append(r.status().text());
                emotion.append(r.emotion());
                sentiment.append(r.sentiment());
            }
            return Table.create("ids_" + split.id(), row, dia, utt, file, status, emotion, sentiment);
        }

        public int rows() { return counts.get("rows"); }

        public int count(MeldStatus status) { return counts.get(status.text()); }

        /** The rows whose clip was not ok. */
        public Table nonOk() {
            Table ids = ids();
            return ids.where(ids.stringColumn("status").isNotEqualTo(MeldStatus.OK.text()));
        }

        /** {@code X_audio_*.npy} read back: float32 (N, n_mels, frames, 1). Reads the whole file into memory. */
        public Npy.Array x() { return Npy.read(xFile); }

        /** {@code y_emotion_*.npy}: (N, 7). */
        public Npy.Array yEmotion() { return Npy.read(xFile.resolveSibling("y_emotion_" + split.id() + ".npy")); }

        /** {@code y_sentiment_*.npy}: (N, 3). */
        public Npy.Array ySentiment() { return Npy.read(xFile.resolveSibling("y_sentiment_" + split.id() + ".npy")); }

        @Override
        public String toString() {
            return split.id() + ": " + counts + (resumed ? " (complete from an earlier run)" : "");
        }
    }

    public Split split(MeldSplit s) { return splits.get(s); }

    /** Whether every row of every split is ok. */
    public boolean allOk() { return failures.isEmpty(); }

    /** The {@code report.json} content. */
    public Map<String, Map<String, Integer>> report() {
        Map<String, Map<String, Integer>> m = new LinkedHashMap<>();
        splits.forEach((s, r) -> m.put(s.id(), r.counts()));
        return m;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MeldResult[" + output + "]\n");
        for (Split s : splits.values()) {
            sb.append("  ").append(s).append('\n');
        }
        if (!failures.isEmpty()) {
            sb.append("  ").append(failures.size()).append(" non-ok row(s), e.g.:\n");
            List<Map.Entry<String, String>> e = List.copyOf(failures.entrySet());
            for (Map.Entry<String, String> f : e.subList(0, Math.min(5, e.size()))) {
                String msg = f.getValue();
                sb.append("    ").append(f.getKey()).append(": ").append(msg.length() > 160 ? msg.substring(0, 160) + "..." : msg).append('\n');
            }
        }
        return sb.toString().stripTrailing();
    }
}
