package org.melkit.dataset;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * What {@link EmotionCorpora#run} built: the train and test index tables (rows in X's order),
 * the failures, the fitted scaler and counts; the arrays stay on disk and are read on demand
 * ({@link #xTrain()} etc., or {@link Nd4jArrays} for DL4J).
 *
 * @param output the output folder
 * @param params the parameters used
 * @param indexTrain {@code index_train.csv} as a table ({@code source,corpus,speaker,emotion,label})
 * @param indexTest {@code index_test.csv} as a table
 * @param failures {@code failures.csv} as a table ({@code source,error})
 * @param inputs files found below the corpus folders
 * @param decoded clips decoded in this run (the rest were reused from an interrupted run's cache or failed)
 * @param scaler the per-cell scaler fitted on the training split
 */
public record CorporaResult(Path output, CorporaParams params, Table indexTrain, Table indexTest, Table failures, int inputs,
                           int decoded, MinMaxScaler scaler) {

    public int trainCount() { return indexTrain.rowCount(); }

    public int testCount() { return indexTest.rowCount(); }

    public int failureCount() { return failures.rowCount(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return failureCount() > 0 ? 1 : 0; }

    /** {@code X_train.npy}: {@code (N, nMels, frames)} scaled spectrograms. */
    public Npy.Array xTrain() { return Npy.read(output.resolve("X_train.npy")); }

    public Npy.Array xTest() { return Npy.read(output.resolve("X_test.npy")); }

    /** {@code y_train.npy}: {@code (N, 8)} one-hot in {@link Emotion} order. */
    public Npy.Array yTrain() { return Npy.read(output.resolve("y_train.npy")); }

    public Npy.Array yTest() { return Npy.read(output.resolve("y_test.npy")); }

    /** Label ids of the training rows, in X's order. */
    public int[] labelsTrain() { return indexTrain.intColumn("label").asIntArray(); }

    public int[] labelsTest() { return indexTest.intColumn("label").asIntArray(); }

    /** Per-emotion row counts of a side ({@code counts[label]}). */
    static int[] counts(int[] labels) {
        int[] c = new int[Emotion.values().length];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** Speakers with rows on both sides (0 whenever the split is by speaker). */
    public int sharedSpeakers() {
        Set<String> train = new HashSet<>(indexTrain.stringColumn("speaker").asList());
        Set<String> shared = new HashSet<>(indexTest.stringColumn("speaker").asList());
        shared.retainAll(train);
        return shared.size();
    }

    @Override
    public String toString() {
        int n = trainCount() + testCount();
        int[] tr = counts(labelsTrain());
        int[] te = counts(labelsTest());
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "CorporaResult[%s: %d inputs -> train %d, test %d (%.1f%%, target %.1f%%), %d failures; X (N, %d, %d) float32, y (N, 8); "
                        + "group_by %s, seed %d, %d speakers on both sides]",
                output, inputs, trainCount(), testCount(), n == 0 ? 0.0 : 100.0 * testCount() / n, 100 * params.testSize(), failureCount(),
                params.features().nMels(), params.features().frames(), params.groupBy().id(), params.seed(), sharedSpeakers()));
        sb.append(String.format(Locale.ROOT, "%n  %-9s %6s %6s", "emotion", "train", "test"));
        for (Emotion e : Emotion.values()) {
            sb.append(String.format(Locale.ROOT, "%n  %-9s %6d %6d", e.unifiedName(), tr[e.label()], te[e.label()]));
        }
        sb.append("\n  ").append(scaler);
        return sb.toString();
    }
}
