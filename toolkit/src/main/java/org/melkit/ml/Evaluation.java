package org.melkit.ml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Classification metrics of a model's predicted labels against the true ones, with
 * scikit-learn's definitions: {@link #accuracy()} ({@code accuracy_score}), per-class precision,
 * recall, F1 and support with macro and support-weighted averages
 * ({@code classification_report(..., zero_division=0.0)}: an undefined ratio counts as 0) and the
 * confusion matrix ({@code confusion_matrix}, rows = true labels, columns = predicted). Labels
 * are the sorted union of true and predicted labels (sklearn's {@code unique_labels}) unless
 * given. {@code toString()} prints the report exactly as sklearn's text report does.
 * For scores and ROC curves see {@link Roc}.
 *
 * <pre>{@code
 * Evaluation e = Evaluation.of(trueLabels, predictedLabels);
 * e.report();           // Tablesaw table: class, precision, recall, f1-score, support
 * e.confusionTable();   // Tablesaw table: true label, then one count column per predicted label
 * }</pre>
 */
public final class Evaluation {
    private final List<String> labels;
    private final int[][] counts;
    private final int n;

    private Evaluation(List<String> labels, int[][] counts, int n) {
        this.labels = labels;
        this.counts = counts;
        this.n = n;
    }

    /** Metrics of {@code yPred} against {@code yTrue} (same length), labels = sorted union. */
    public static Evaluation of(List<String> yTrue, List<String> yPred) {
        TreeSet<String> all = new TreeSet<>(yTrue);
        all.addAll(yPred);
        return of(yTrue, yPred, new ArrayList<>(all));
    }

    /**
     * Metrics with an explicit label order (rows/columns of the confusion matrix, rows of the
     * report). Every label that occurs must be listed.
     */
    public static Evaluation of(List<String> yTrue, List<String> yPred, List<String> labels) {
        Objects.requireNonNull(yTrue, "yTrue");
        Objects.requireNonNull(yPred, "yPred");
        if (yTrue.size() != yPred.size()) {
            throw new IllegalArgumentException("yTrue has " + yTrue.size() + " labels but yPred has " + yPred.size()
                    + "; pass one prediction per sample");
        }
        if (yTrue.isEmpty()) {
            throw new IllegalArgumentException("yTrue is empty; there is nothing to evaluate");
        }
        Map<String, Integer> index = new HashMap<>();
        for (String l : labels) {
            if (index.put(Objects.requireNonNull(l, "label"), index.size()) != null) {
                throw new IllegalArgumentException("labels lists '" + l + "' twice");
            }
        }
        int k = labels.size();
        int[][] c = new int[k][k];
        for (int i = 0; i < yTrue.size(); i++) {
            Integer t = index.get(yTrue.get(i));
            Integer p = index.get(yPred.get(i));
            if (t == null || p == null) {
                String missing = t == null ? yTrue.get(i) : yPred.get(i);
                throw new IllegalArgumentException("label '" + missing + "' (sample " + i + ") is not in labels " + labels
                        + "; add it, or use Evaluation.of(yTrue, yPred) to take all labels");
            }
            c[t][p]++;
        }
        return new Evaluation(List.copyOf(labels), c, yTrue.size());
    }

    public List<String> labels() { return labels; }

    /** Number of samples. */
    public int size() { return n; }

    /** Fraction of samples whose prediction equals the truth. */
    public double accuracy() {
        long ok = 0;
        for (int i = 0; i < counts.length; i++) {
            ok += counts[i][i];
        }
        return (double) ok / n;
    }

    /** {@code [true][predicted]} counts, a copy. */
    public int[][] confusionMatrix() {
        int[][] c = new int[counts.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = counts[i].clone();
        }
        return c;
    }

    /** Samples whose true label is {@code labels().get(i)}. */
    public int support(int i) {
        int s = 0;
        for (int v : counts[i]) {
            s += v;
        }
        return s;
    }

    /** tp / (tp + fp), 0 when nothing was predicted as the class. */
    public double precision(int i) {
        int predicted = 0;
        for (int[] row : counts) {
            predicted += row[i];
        }
        return predicted == 0 ? 0.0 : (double) counts[i][i] / predicted;
    }

    /** tp / (tp + fn), 0 when the class never occurs. */
    public double recall(int i) {
        int s = support(i);
        return s == 0 ? 0.0 : (double) counts[i][i] / s;
    }

    /** Harmonic mean of precision and recall, 0 when both are 0. */
    public double f1(int i) {
        double p = precision(i);
        double r = recall(i);
        return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }

    /** Unweighted mean of precision, recall and F1 over all labels: {@code {precision, recall, f1}}. */
    public double[] macroAverage() {
        double[] a = new double[3];
        for (int i = 0; i < labels.size(); i++) {
            a[0] += precision(i);
            a[1] += recall(i);
            a[2] += f1(i);
        }
        for (int j = 0; j < 3; j++) {
            a[j] /= labels.size();
        }
        return a;
    }

    /** Support-weighted mean of precision, recall and F1: {@code {precision, recall, f1}}. */
    public double[] weightedAverage() {
        double[] a = new double[3];
        for (int i = 0; i < labels.size(); i++) {
            int s = support(i);
            a[0] += s * precision(i);
            a[1] += s * recall(i);
            a[2] += s * f1(i);
        }
        for (int j = 0; j < 3; j++) {
            a[j] /= n;
        }
        return a;
    }

    /**
     * sklearn's classification report as a table: one row per label, then {@code accuracy}
     * (its F1 column holds the accuracy, precision and recall are missing), {@code macro avg}
     * and {@code weighted avg}. Columns: class, precision, recall, f1-score, support.
     */
    public Table report() {
        StringColumn cls = StringColumn.create("class");
        DoubleColumn p = DoubleColumn.create("precision");
        DoubleColumn r = DoubleColumn.create("recall");
        DoubleColumn f = DoubleColumn.create("f1-score");
        IntColumn s = IntColumn.create("support");
        for (int i = 0; i < labels.size(); i++) {
            cls.append(labels.get(i));
            p.append(precision(i));
            r.append(recall(i));
            f.append(f1(i));
            s.append(support(i));
        }
        cls.append("accuracy");
        p.appendMissing();
        r.appendMissing();
        f.append(accuracy());
        s.append(n);
        double[] m = macroAverage();
        double[] w = weightedAverage();
        cls.append("macro avg");
        p.append(m[0]);
        r.append(m[1]);
        f.append(m[2]);
        s.append(n);
        cls.append("weighted avg");
        p.append(w[0]);
        r.append(w[1]);
        f.append(w[2]);
        s.append(n);
        for (DoubleColumn c : List.of(p, r, f)) {
            c.setPrintFormatter(new java.text.DecimalFormat("0.0000", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT)), "");
        }
        return Table.create("classification report", cls, p, r, f, s);
    }

    /** The confusion matrix as a table: column {@code true \ predicted}, then one count column per label. */
    public Table confusionTable() {
        Table t = Table.create("confusion matrix (rows: true, columns: predicted)");
        StringColumn rows = StringColumn.create("true \\ predicted");
        labels.forEach(rows::append);
        t.addColumns(rows);
        for (int j = 0; j < labels.size(); j++) {
            IntColumn c = IntColumn.create(labels.get(j));
            for (int[] row : counts) {
                c.append(row[j]);
            }
            t.addColumns(c);
        }
        return t;
    }

    /** sklearn's text report with {@code digits} decimals (sklearn's default is 2). */
    public String reportText(int digits) {
        if (digits < 0 || digits > 15) {
            throw new IllegalArgumentException("digits=" + digits + " must be in [0, 15]; sklearn's default is 2");
        }
        String last = "weighted avg";
        int width = last.length();
        for (String l : labels) {
            width = Math.max(width, l.length());
        }
        width = Math.max(width, digits);
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String h : List.of("precision", "recall", "f1-score", "support")) {
            sb.append(' ').append(pad(h, 9));
        }
        sb.append("\n\n");
        for (int i = 0; i < labels.size(); i++) {
            row(sb, labels.get(i), width, digits, fmt(precision(i), digits), fmt(recall(i), digits), fmt(f1(i), digits), support(i));
        }
        sb.append('\n');
        row(sb, "accuracy", width, digits, "", "", fmt(accuracy(), digits), n);
        double[] m = macroAverage();
        row(sb, "macro avg", width, digits, fmt(m[0], digits), fmt(m[1], digits), fmt(m[2], digits), n);
        double[] w = weightedAverage();
        row(sb, "weighted avg", width, digits, fmt(w[0], digits), fmt(w[1], digits), fmt(w[2], digits), n);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, int width, int digits, String p, String r, String f, int support) {
        sb.append(pad(name, width)).append(' ');
        sb.append(' ').append(pad(p, 9)).append(' ').append(pad(r, 9)).append(' ').append(pad(f, 9));
        sb.append(' ').append(pad(String.valueOf(support), 9)).append('\n');
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** Python's {@code format(v, '.Nf')}: the exact binary value rounded half-even. */
    static String fmt(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        return new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
    }

    @Override
    public String toString() {
        return reportText(2);
    }
}
