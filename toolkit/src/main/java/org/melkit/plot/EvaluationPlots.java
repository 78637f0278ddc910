package org.melkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import org.melkit.ml.Evaluation;
import org.melkit.ml.RocCurve;

/**
 * Charts of an {@link Evaluation} and of {@link RocCurve}s for notebooks, as
 * {@link BufferedImage}s: a confusion-matrix heat map with counts (sklearn's
 * {@code ConfusionMatrixDisplay}) and one-vs-rest ROC curves with their AUCs
 * ({@code RocCurveDisplay}).
 */
public final class EvaluationPlots {
    private EvaluationPlots() {}

    /** matplotlib's tab10 colours, for curves. */
    private static final int[] TAB10 = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2, 0x7F7F7F,
        0xBCBD22, 0x17BECF};

    /**
     * The confusion matrix as a heat map (rows: true label, columns: predicted), cells coloured by
     * the fraction of the row (recall per class), labelled with counts. {@code normalizeRows}
     * prints row fractions instead of counts.
     */
    public static BufferedImage confusionMatrix(Evaluation e, boolean normalizeRows) {
        List<String> labels = e.labels();
        int k = labels.size();
        int[][] c = e.confusionMatrix();
        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D pg = probe.createGraphics();
        pg.setFont(SpectrogramPlot.Charts.TICK);
        int labelW = 0;
        for (String l : labels) {
            labelW = Math.max(labelW, pg.getFontMetrics().stringWidth(l));
        }
        pg.dispose();
        int cell = Math.max(34, Math.min(70, 560 / Math.max(1, k)));
        int left = labelW + 44;
        int top = 40;
        int bottom = labelW + 44;
        int size = cell * k;
        pg = probe.createGraphics();
        pg.setFont(SpectrogramPlot.Charts.TITLE);
        int titleW = pg.getFontMetrics().stringWidth("Confusion matrix (accuracy 0.000, n = " + e.size() + "; shade = share of row)");
        pg.dispose();
        int w = Math.max(left + size + 30, titleW + 40);
        left = Math.max(left, (w - size) / 2 + 10); // centred under a wider title
        int h = top + size + bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            SpectrogramPlot.Charts.setUp(g, w, h);
            g.setFont(SpectrogramPlot.Charts.TITLE);
            g.setColor(Color.BLACK);
            String title = String.format(Locale.ROOT, "Confusion matrix (accuracy %.3f, n = %d; shade = share of row)", e.accuracy(), e.size());
            g.drawString(title, (w - g.getFontMetrics().stringWidth(title)) / 2, 24);
            for (int i = 0; i < k; i++) {
                int rowSum = e.support(i);
                for (int j = 0; j < k; j++) {
                    double frac = rowSum == 0 ? 0 : (double) c[i][j] / rowSum;
                    int level = (int) Math.round(255 * frac);
                    // white to matplotlib 'Blues' dark blue
                    int r = 247 - (int) Math.round((247 - 8) * frac);
                    int gg = 251 - (int) Math.round((251 - 48) * frac);
                    int b = 255 - (int) Math.round((255 - 107) * frac);
                    g.setColor(new Color(r, gg, b));
                    int x = left + j * cell;
                    int y = top + i * cell;
                    g.fillRect(x, y, cell, cell);
                    g.setColor(level > 128 ? Color.WHITE : Color.BLACK);
                    g.setFont(SpectrogramPlot.Charts.LABEL);
                    String t = normalizeRows ? String.format(Locale.ROOT, "%.2f", frac) : String.valueOf(c[i][j]);
                    FontMetrics fm = g.getFontMetrics();
                    g.drawString(t, x + (cell - fm.stringWidth(t)) / 2, y + (cell + fm.getAscent()) / 2 - 2);
                }
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left, top, size, size);
            g.setFont(SpectrogramPlot.Charts.TICK);
            FontMetrics fm = g.getFontMetrics();
            for (int i = 0; i < k; i++) {
                String l = labels.get(i);
                g.setColor(Color.BLACK);
                g.drawString(l, left - 6 - fm.stringWidth(l), top + i * cell + (cell + fm.getAscent()) / 2 - 2);
                java.awt.geom.AffineTransform old = g.getTransform();
                int x = left + i * cell + cell / 2 + fm.getAscent() / 2 - 1;
                g.rotate(-Math.PI / 2, x, top + size + 6);
                g.drawString(l, x - fm.stringWidth(l), top + size + 6);
                g.setTransform(old);
            }
            SpectrogramPlot.Charts.verticalLabel(g, "True label", 14, top + size / 2);
            g.setFont(SpectrogramPlot.Charts.LABEL);
            fm = g.getFontMetrics();
            g.drawString("Predicted label", left + (size - fm.stringWidth("Predicted label")) / 2, h - 10);
        } finally {
            g.dispose();
        }
        return img;
    }

    /** ROC curves (false-positive rate across, true-positive rate up) with AUCs in the legend and the chance diagonal. */
    public static BufferedImage rocCurves(List<RocCurve> curves, String title) {
        int w = 560;
        int h = 520;
        int left = 60;
        int right = 20;
        int top = title == null ? 16 : 36;
        int bottom = 50;
        int pw = w - left - right;
        int ph = h - top - bottom;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            SpectrogramPlot.Charts.setUp(g, w, h);
            g.setColor(new Color(0xEEEEEE));
            for (double v : Ticks.linear(0, 1, 5)) {
                int x = left + (int) Math.round(v * (pw - 1));
                int y = top + ph - 1 - (int) Math.round(v * (ph - 1));
                g.drawLine(x, top, x, top + ph - 1);
                g.drawLine(left, y, left + pw - 1, y);
            }
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {5f, 4f}, 0f));
            g.drawLine(left, top + ph - 1, left + pw - 1, top);
            g.setStroke(new BasicStroke(2f));
            for (int k = 0; k < curves.size(); k++) {
                RocCurve c = curves.get(k);
                double[] fx = c.fpr();
                double[] ty = c.tpr();
                g.setColor(new Color(TAB10[k % TAB10.length]));
                for (int i = 1; i < fx.length; i++) {
                    if (Double.isNaN(fx[i]) || Double.isNaN(ty[i])) {
                        continue;
                    }
                    g.drawLine(left + (int) Math.round(fx[i - 1] * (pw - 1)), top + ph - 1 - (int) Math.round(ty[i - 1] * (ph - 1)),
                            left + (int) Math.round(fx[i] * (pw - 1)), top + ph - 1 - (int) Math.round(ty[i] * (ph - 1)));
                }
            }
            g.setStroke(new BasicStroke(1f));
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left - 1, top - 1, pw + 1, ph + 1);
            SpectrogramPlot.Charts.xAxis(g, left, top + ph, pw, 0, 1, "False positive rate");
            g.setFont(SpectrogramPlot.Charts.TICK);
            FontMetrics fm = g.getFontMetrics();
            for (double v : Ticks.linear(0, 1, 5)) {
                int y = top + ph - 1 - (int) Math.round(v * (ph - 1));
                String l = Ticks.label(v);
                g.setColor(Color.BLACK);
                g.drawString(l, left - 8 - fm.stringWidth(l), y + fm.getAscent() / 2 - 1);
            }
            SpectrogramPlot.Charts.verticalLabel(g, "True positive rate", 14, top + ph / 2);
            // legend, bottom right
            int lh = fm.getHeight() + 2;
            int lw = 0;
            String[] entries = new String[curves.size()];
            for (int k = 0; k < curves.size(); k++) {
                entries[k] = String.format(Locale.ROOT, "%s (AUC = %.3f)", curves.get(k).label(), curves.get(k).auc());
                lw = Math.max(lw, fm.stringWidth(entries[k]));
            }
            int bx = left + pw - lw - 50;
            int by = top + ph - lh * curves.size() - 10;
            g.setColor(new Color(255, 255, 255, 230));
            g.fillRect(bx - 8, by - 4, lw + 48, lh * curves.size() + 8);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(bx - 8, by - 4, lw + 48, lh * curves.size() + 8);
            for (int k = 0; k < curves.size(); k++) {
                int y = by + k * lh + lh / 2;
                g.setColor(new Color(TAB10[k % TAB10.length]));
                g.setStroke(new BasicStroke(2f));
                g.drawLine(bx, y, bx + 22, y);
                g.setColor(Color.BLACK);
                g.drawString(entries[k], bx + 28, y + fm.getAscent() / 2 - 1);
            }
            if (title != null) {
                g.setFont(SpectrogramPlot.Charts.TITLE);
                fm = g.getFontMetrics();
                g.setColor(Color.BLACK);
                g.drawString(title, left + (pw - fm.stringWidth(title)) / 2, 22);
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
