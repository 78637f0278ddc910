package org.melkit.ml;

import java.util.Locale;

/**
 * One ROC curve as scikit-learn's {@code roc_curve} returns it: false- and true-positive rates
 * at decreasing score thresholds, starting at (0, 0) with threshold +infinity, and its area
 * ({@code auc(fpr, tpr)}, equal to {@code roc_auc_score}). Built by {@link Roc}. Accessors
 * return copies.
 */
public final class RocCurve {
    private final String label;
    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;
    private final double auc;
    private final int positives;
    private final int negatives;

    RocCurve(String label, double[] fpr, double[] tpr, double[] thresholds, int positives, int negatives) {
        this.label = label;
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
        this.positives = positives;
        this.negatives = negatives;
        this.auc = positives == 0 || negatives == 0 ? Double.NaN : Roc.trapezoid(fpr, tpr);
    }

    /** The positive class ("1" for a binary curve). */
    public String label() { return label; }

    public double[] fpr() { return fpr.clone(); }

    public double[] tpr() { return tpr.clone(); }

    /** Decreasing; the first is {@code +Infinity} (sklearn >= 1.3). */
    public double[] thresholds() { return thresholds.clone(); }

    /** Area under the curve; NaN when the truth has only one class (sklearn raises then). */
    public double auc() { return auc; }

    public int positives() { return positives; }

    public int negatives() { return negatives; }

    /** Number of points. */
    public int size() { return fpr.length; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RocCurve[%s: AUC %.4f, %d points, %d positives, %d negatives]", label, auc,
                fpr.length, positives, negatives);
    }
}
