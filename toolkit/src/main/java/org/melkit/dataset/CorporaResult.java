package org.melkit.dataset;

import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tech.tablesaw.api.Table;
import org.melkit.io.Npy;
import org.melkit.ml.MinMaxScaler;

/**
 * What {@link EmotionCorpora#run} built: the train and test clips (in X's row order), the
 * failures, the fitted scaler and counts. The index tables are Tablesaw tables built on first use;
 * the arrays stay on disk and are read on demand ({@link #xTrain()} etc., or {@code org.melkit.dl4j.Nd4jArrays}
 * in the melkit-dl4j module). Immutable.
 */
public final class CorporaResult {
    private final Path output;
    private final CorporaParams params;
    private final List<EmotionCorpora.Clip> train;
    private final List<EmotionCorpora.Clip> test;
    private final Map<String, String> failures;
    private final int inputs;
    private final int decoded;
    private final MinMaxScaler scaler;

    CorporaResult(Path output, CorporaParams params, List<EmotionCorpora.Clip> train, List<EmotionCorpora.Clip> test,
                  Map<String, String> failures, int inputs, int decoded, MinMaxScaler scaler) {
        this.output = output;
        this.params = params;
        this.train = List.copyOf(train);
        this.test = List.copyOf(test);
        this.failures = Collections.unmodifiableMap(new TreeMap<>(failures));
        this.inputs = inputs;
        this.decoded = decoded;
        this.scaler = scaler;
    }

    /** The output folder. */
    public Path output() { return output; }

    /** The parameters used. */
    public CorporaParams params() { return params; }

    /** The training clips, in the row order of {@code X_train.npy}. */
    public List<EmotionCorpora.Clip> trainClips() { return train; }

    /** The test clips, in the row order of {@code X_test.npy}. */
    public List<EmotionCorpora.Clip> testClips() { return test; }

    /** {@code index_train.csv} as a table: {@code source,corpus,speaker,emotion,label}. */
    public Table indexTrain() { return EmotionCorpora.indexTable("index_train", train); }

    /** {@code index_test.csv} as a table. */
    public Table indexTest() { return EmotionCorpora.indexTable("index_test", test); }

    /** {@code failures.csv} as a table ({@code source,error}; source {@code <corpus>:<path>}). */
    public Table failures() { return ExtractResult.failuresTable(failures); }

    /** Failed inputs ({@code <corpus>:<path>}) to the reason, sorted. */
    public Map<String, String> failureMap() { return failures; }

    /** Files found below the corpus folders. */
    public int inputs() { return inputs; }

    /** Clips decoded in this run (the rest came from an interrupted run's cache, or failed first). */
    public int decoded() { return decoded; }

    /** The per-cell scaler fitted on the training split. */
    public MinMaxScaler scaler() { return scaler; }

    public int trainCount() { return train.size(); }

    public int testCount() { return test.size(); }

    public int failureCount() { return failures.size(); }

    /** The CLI's exit status: 1 when any input failed, else 0. */
    public int exitStatus() { return failures.isEmpty() ? 0 : 1; }

    /** {@code X_train.npy}: {@code (N, nMels, frames)} scaled spectrograms. */
    public Npy.Array xTrain() { return Npy.read(output.resolve("X_train.npy")); }

    public Npy.Array xTest() { return Npy.read(output.resolve("X_test.npy")); }

    /** {@code y_train.npy}: {@code (N, 8)} one-hot in {@link Emotion} order. */
    public Npy.Array yTrain() { return Npy.read(output.resolve("y_train.npy")); }

    public Npy.Array yTest() { return Npy.read(output.resolve("y_test.npy")); }

    /** Label ids of the training rows, in X's order. */
    public int[] labelsTrain() { return train.stream().mapToInt(c -> c.emotion().label()).toArray(); }

    public int[] labelsTest() { return test.stream().mapToInt(c -> c.emotion().label()).toArray(); }

    /** Per-emotion row counts ({@code counts[label]}). */
    static int[] counts(int[] labels) {
        int[] c = new int[Emotion.values().length];
        for (int l : labels) {
            c[l]++;
        }
        return c;
    }

    /** Speakers with rows on both sides (0 whenever the split is by speaker). */
    public int sharedSpeakers() {
        Set<String> a = new HashSet<>();
        train.forEach(c -> a.add(c.speaker()));
        Set<String> shared = new HashSet<>();
        test.forEach(c -> shared.add(c.speaker()));
        shared.retainAll(a);
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
        ExtractResult.appendFailures(sb, failures);
        return sb.toString();
    }
}
