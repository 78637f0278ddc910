package org.melkit.ml;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * ROC curves and AUC with scikit-learn 1.3+'s semantics: {@link #curve} is
 * {@code roc_curve(y_true, y_score, drop_intermediate=True)} (equal scores form one threshold,
 * so ties are handled as sklearn does: one diagonal step; collinear points dropped; a first point
 * (0, 0) at threshold +inf); {@link #aucScore} is the binary {@code roc_auc_score}; {@link #oneVsRest}
 * gives one curve per class from a {@code (n_samples, n_classes)} score matrix, and
 * {@link #macroAuc}/{@link #weightedAuc} are {@code roc_auc_score(..., multi_class='ovr',
 * average='macro'|'weighted')}.
 */
public final class Roc {
    private Roc() {}

    /** {@code roc_curve(positive, scores)} with {@code drop_intermediate=True}. */
    public static RocCurve curve(boolean[] positive, double[] scores) {
        return curve("1", positive, scores, true);
    }

    /** {@code roc_curve(positive, scores, drop_intermediate=dropIntermediate)}, named {@code label}. */
    public static RocCurve curve(String label, boolean[] positive, double[] scores, boolean dropIntermediate) {
        Objects.requireNonNull(positive, "positive");
        Objects.requireNonNull(scores, "scores");
        int n = positive.length;
        if (scores.length != n) {
            throw new IllegalArgumentException("positive has " + n + " entries but scores has " + scores.length + "; one score per sample");
        }
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(scores[i])) {
                throw new IllegalArgumentException("scores[" + i + "]=" + scores[i] + " must be finite (sklearn rejects NaN and inf)");
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        // _binary_clf_curve: one point per distinct score, cumulative counts after it
        List<double[]> pts = new ArrayList<>(); // {fps, tps, threshold}
        int tp = 0;
        int fp = 0;
        for (int k = 0; k < n; k++) {
            int i = order[k];
            if (positive[i]) {
                tp++;
            } else {
                fp++;
            }
            if (k == n - 1 || scores[order[k + 1]] != scores[i]) {
                pts.add(new double[] {fp, tp, scores[i]});
            }
        }
        if (dropIntermediate && pts.size() > 2) {
            List<double[]> kept = new ArrayList<>();
            kept.add(pts.get(0));
            for (int k = 1; k < pts.size() - 1; k++) {
                double[] a = pts.get(k - 1);
                double[] b = pts.get(k);
                double[] c = pts.get(k + 1);
                // keep where the second difference of fps or tps is non-zero (a change of slope)
                if (c[0] - 2 * b[0] + a[0] != 0 || c[1] - 2 * b[1] + a[1] != 0) {
                    kept.add(b);
                }
            }
            kept.add(pts.get(pts.size() - 1));
            pts = kept;
        }
        int m = pts.size() + 1;
        double[] fpr = new double[m];
        double[] tpr = new double[m];
        double[] thr = new double[m];
        thr[0] = Double.POSITIVE_INFINITY;
        for (int k = 1; k < m; k++) {
            double[] p = pts.get(k - 1);
            fpr[k] = fp == 0 ? Double.NaN : p[0] / fp;
            tpr[k] = tp == 0 ? Double.NaN : p[1] / tp;
            thr[k] = p[2];
        }
        fpr[0] = fp == 0 ? Double.NaN : 0;
        tpr[0] = tp == 0 ? Double.NaN : 0;
        return new RocCurve(label, fpr, tpr, thr, tp, fp);
    }

    /** Binary {@code roc_auc_score}: the probability that a random positive outscores a random negative (ties 1/2). */
    public static double aucScore(boolean[] positive, double[] scores) {
        RocCurve c = curve("1", positive, scores, true);
        if (c.positives() == 0 || c.negatives() == 0) {
            throw new IllegalArgumentException("only one class present in the truth (" + c.positives() + " positives, "
                    + c.negatives() + " negatives); ROC AUC is not defined (sklearn raises the same)");
        }
        return c.auc();
    }

    /** {@code sklearn.metrics.auc(x, y)}: trapezoidal area for increasing {@code x}. */
    static double trapezoid(double[] x, double[] y) {
        double a = 0;
        for (int i = 1; i < x.length; i++) {
            a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        }
        return a;
    }

    /**
     * One-vs-rest curves: for class {@code labels.get(k)}, positives are samples whose true label
     * is it and the scores are column {@code k} of {@code scores[sample][class]}.
     */
    public static List<RocCurve> oneVsRest(List<String> yTrue, double[][] scores, List<String> labels) {
        if (scores.length != yTrue.size()) {
            throw new IllegalArgumentException("scores has " + scores.length + " rows but yTrue has " + yTrue.size() + " labels; one row per sample");
        }
        List<RocCurve> out = new ArrayList<>();
        for (int k = 0; k < labels.size(); k++) {
            boolean[] pos = new boolean[yTrue.size()];
            double[] s = new double[yTrue.size()];
            for (int i = 0; i < pos.length; i++) {
                if (scores[i].length != labels.size()) {
                    throw new IllegalArgumentException("scores[" + i + "] has " + scores[i].length + " columns but there are "
                            + labels.size() + " labels; one column per label, in the labels' order");
                }
                pos[i] = yTrue.get(i).equals(labels.get(k));
                s[i] = scores[i][k];
            }
            out.add(curve(labels.get(k), pos, s, true));
        }
        return out;
    }

    /** Unweighted mean of the curves' AUCs (classes absent from the truth make it NaN, as sklearn refuses them). */
    public static double macroAuc(List<RocCurve> curves) {
        double s = 0;
        for (RocCurve c : curves) {
            s += c.auc();
        }
        return s / curves.size();
    }

    /** Mean of the curves' AUCs weighted by each class's number of positives. */
    public static double weightedAuc(List<RocCurve> curves) {
        double s = 0;
        long w = 0;
        for (RocCurve c : curves) {
            s += c.positives() * c.auc();
            w += c.positives();
        }
        return s / w;
    }

    /** A table of per-class AUC and positives, with macro and weighted rows. */
    public static Table aucTable(List<RocCurve> curves) {
        StringColumn cls = StringColumn.create("class");
        DoubleColumn auc = DoubleColumn.create("auc");
        IntColumn support = IntColumn.create("support");
        int total = 0;
        for (RocCurve c : curves) {
            cls.append(c.label());
            auc.append(c.auc());
            support.append(c.positives());
            total += c.positives();
        }
        cls.append("macro avg");
        auc.append(macroAuc(curves));
        support.append(total);
        cls.append("weighted avg");
        auc.append(weightedAuc(curves));
        support.append(total);
        auc.setPrintFormatter(new java.text.DecimalFormat("0.0000", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT)), "nan");
        return Table.create("one-vs-rest ROC AUC", cls, auc, support);
    }
}
