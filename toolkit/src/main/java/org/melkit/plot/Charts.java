package org.melkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.melkit.audio.AudioClip;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Mfcc;
import org.melkit.dsp.Db;
import org.melkit.dsp.Ref;
import org.melkit.ml.Evaluation;
import org.melkit.ml.Pca;
import org.melkit.ml.RocCurve;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One-line charts for notebooks, as a pandas/matplotlib user expects them: each returns a
 * {@link BufferedImage} (so it displays in any Java kernel as a cell's value) of about 640 x 400
 * pixels, and {@link #save} writes it as PNG. Charts take the tables and values they describe
 * (an EDA table, a clip, a matrix, plain arrays), never a job.
 *
 * <pre>{@code
 * Charts.durationHistogram(Eda.scan(root).table());   // df.duration.hist()
 * Charts.melspectrogram(clip);                        // specshow(power_to_db(melspectrogram(y, sr), ref=np.max))
 * Charts.save(Charts.classBalance(table), Path.of("classes.png"));
 * }</pre>
 *
 * Bar and line charts are drawn by XChart; images with axes (spectrograms, the confusion matrix)
 * by melkit's own Java2D code. The EDA table's columns are those of {@code Eda.COLUMNS}:
 * {@code class}, {@code duration} (seconds), {@code sample_rate}.
 */
public final class Charts {
    private Charts() {}

    /** Default chart width in pixels. */
    public static final int WIDTH = 640;
    /** Default chart height in pixels. */
    public static final int HEIGHT = 400;

    /** matplotlib's tab10 colours, in its order. */
    static final Color[] TAB10 = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C), new Color(0xD62728),
        new Color(0x9467BD), new Color(0x8C564B), new Color(0xE377C2), new Color(0x7F7F7F), new Color(0xBCBD22), new Color(0x17BECF)};

    // ------------------------------------------------------------------ EDA tables

    /**
     * Histogram of the {@code duration} column (seconds) of an EDA table, with a bin count
     * chosen from the row count ({@code sqrt(n)}, 5 to 40 bins): {@code df.duration.hist()}.
     * {@code Charts.durationHistogram(scan.table())}
     */
    public static BufferedImage durationHistogram(Table eda) {
        double[] d = numbers(eda, "duration");
        return histogram(d, defaultBins(d.length), "Clip durations (n = " + d.length + ")", "Duration (s)");
    }

    /** {@link #durationHistogram(Table)} with {@code bins} bins. {@code Charts.durationHistogram(t, 30)} */
    public static BufferedImage durationHistogram(Table eda, int bins) {
        double[] d = numbers(eda, "duration");
        return histogram(d, bins, "Clip durations (n = " + d.length + ")", "Duration (s)");
    }

    /**
     * A histogram of {@code values} (NaN skipped) in {@code bins} equal-width bins over their
     * range: {@code plt.hist(values, bins)}. {@code Charts.histogram(rms, 20, "RMS", "RMS")}
     */
    public static BufferedImage histogram(double[] values, int bins, String title, String xLabel) {
        if (bins < 1) {
            throw new IllegalArgumentException("bins=" + bins + " must be >= 1; typical: 10 to 30");
        }
        double[] v = finite(values);
        if (v.length == 0) {
            throw new IllegalArgumentException("no finite values to draw a histogram of (" + values.length + " values given)");
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
        }
        if (!(hi > lo)) {
            lo -= 0.5;
            hi += 0.5;
        }
        int[] counts = new int[bins];
        for (double x : v) {
            counts[Math.min(bins - 1, (int) ((x - lo) / (hi - lo) * bins))]++;
        }
        // the outline of the bars as one filled polygon, so the x axis stays numeric
        double[] px = new double[2 * bins + 2];
        double[] py = new double[2 * bins + 2];
        px[0] = lo;
        for (int b = 0; b < bins; b++) {
            double x0 = lo + (hi - lo) * b / bins;
            double x1 = lo + (hi - lo) * (b + 1) / bins;
            px[2 * b + 1] = x0;
            py[2 * b + 1] = counts[b];
            px[2 * b + 2] = x1;
            py[2 * b + 2] = counts[b];
        }
        px[2 * bins + 1] = hi;
        XYChart c = xy(title, xLabel, "Count");
        XYSeries s = c.addSeries("count", px, py);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(TAB10[0]);
        s.setLineColor(TAB10[0].darker());
        // bin edges as thin white lines, as matplotlib's edgecolor='white'
        for (int b = 1; b < bins; b++) {
            double x = lo + (hi - lo) * b / bins;
            XYSeries e = c.addSeries("edge" + b, new double[] {x, x}, new double[] {0, Math.max(counts[b - 1], counts[b])});
            e.setMarker(SeriesMarkers.NONE);
            e.setLineColor(Color.WHITE);
            e.setLineStyle(new BasicStroke(1f));
        }
        c.getStyler().setLegendVisible(false);
        c.getStyler().setYAxisMin(0.0);
        // axis limits on round numbers, so XChart's ticks land on them too
        List<Double> ticks = Ticks.linear(lo, hi, 6);
        double step = ticks.size() > 1 ? ticks.get(1) - ticks.get(0) : 1;
        c.getStyler().setXAxisMin(Math.floor(lo / step) * step);
        c.getStyler().setXAxisMax(Math.ceil(hi / step) * step);
        c.getStyler().setXAxisDecimalPattern("#.###");
        c.getStyler().setYAxisDecimalPattern("#");
        return image(c);
    }

    /**
     * Durations per class as box plots (median, quartiles, whiskers at 1.5 IQR), one box per
     * class in name order: {@code df.boxplot(column='duration', by='class')}.
     * {@code Charts.durationBoxPlot(scan.table())}
     */
    public static BufferedImage durationBoxPlot(Table eda) {
        Map<String, List<Double>> byClass = new TreeMap<>();
        Column<?> cls = column(eda, "class");
        Column<?> dur = column(eda, "duration");
        for (int r = 0; r < eda.rowCount(); r++) {
            Object d = dur.get(r);
            if (d instanceof Number n && Double.isFinite(n.doubleValue())) {
                byClass.computeIfAbsent(cls.getString(r), k -> new ArrayList<>()).add(n.doubleValue());
            }
        }
        if (byClass.isEmpty()) {
            throw new IllegalArgumentException("the table has no rows with a finite duration to plot");
        }
        BoxChart c = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title("Duration by class").xAxisTitle("Class")
                .yAxisTitle("Duration (s)").build();
        style(c.getStyler());
        c.getStyler().setSeriesColors(new Color[] {TAB10[0]});
        for (Map.Entry<String, List<Double>> e : byClass.entrySet()) {
            c.addSeries(e.getKey() + " (" + e.getValue().size() + ")", e.getValue());
        }
        c.getStyler().setLegendVisible(false);
        c.getStyler().setXAxisLabelRotation(byClass.size() > 6 ? 45 : 0);
        return image(c);
    }

    /**
     * Files per class as bars, most frequent first: {@code df['class'].value_counts().plot.bar()}.
     * {@code Charts.classBalance(scan.table())}
     */
    public static BufferedImage classBalance(Table t) {
        return classBalance(t, "class");
    }

    /** Rows per value of {@code column} as bars, most frequent first. {@code Charts.classBalance(meta, "emotion")} */
    public static BufferedImage classBalance(Table t, String column) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Column<?> c = column(t, column);
        for (int r = 0; r < t.rowCount(); r++) {
            counts.merge(c.isMissing(r) ? "(missing)" : c.getString(r), 1, Integer::sum);
        }
        List<Map.Entry<String, Integer>> sorted = new ArrayList<>(counts.entrySet());
        sorted.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        return bars(sorted, "Rows per " + column + " (n = " + t.rowCount() + ")", column, "Count");
    }

    /**
     * Files per sample rate as bars ("16 kHz", "44.1 kHz"), in rate order: the mix a resampling
     * step has to handle. {@code Charts.sampleRateMix(scan.table())}
     */
    public static BufferedImage sampleRateMix(Table eda) {
        Map<Double, Integer> counts = new TreeMap<>();
        Column<?> c = column(eda, "sample_rate");
        for (int r = 0; r < eda.rowCount(); r++) {
            Object v = c.get(r);
            if (v instanceof Number n) {
                counts.merge(n.doubleValue(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> rows = new ArrayList<>();
        for (Map.Entry<Double, Integer> e : counts.entrySet()) {
            double khz = e.getKey() / 1000.0;
            String label = (khz == Math.rint(khz) ? String.format(Locale.ROOT, "%.0f", khz) : String.format(Locale.ROOT, "%.3g", khz))
                    + " kHz";
            rows.add(Map.entry(label, e.getValue()));
        }
        return bars(rows, "Sample rates (n = " + eda.rowCount() + ")", "Sample rate", "Files");
    }

    // ------------------------------------------------------------------ audio

    /** The clip's waveform, 640 x 240: {@code librosa.display.waveshow(y, sr=sr)}. {@code Charts.waveform(clip)} */
    public static BufferedImage waveform(AudioClip clip) {
        return WaveformPlot.render(clip.samples(), clip.sampleRate(), WIDTH, 240, null);
    }

    /** The clip's waveform with a title. {@code Charts.waveform(clip, "cat_01.wav")} */
    public static BufferedImage waveform(AudioClip clip, String title) {
        return WaveformPlot.render(clip.samples(), clip.sampleRate(), WIDTH, 240, title);
    }

    /**
     * The clip's mel spectrogram in dB with time and frequency axes and a dB colour bar, at
     * librosa's defaults ({@code n_fft=2048, hop_length=512, n_mels=128}, {@code power_to_db(ref=np.max)}).
     * {@code Charts.melspectrogram(clip)}
     */
    public static BufferedImage melspectrogram(AudioClip clip) {
        return melspectrogram(clip, MelParams.of(clip.sampleRate()), null);
    }

    /** The clip's mel spectrogram computed with {@code p} (its {@code sr} must be the clip's), titled. */
    public static BufferedImage melspectrogram(AudioClip clip, MelParams p, String title) {
        if (p.sr() != clip.sampleRate()) {
            throw new IllegalArgumentException("p.sr=" + p.sr() + " but the clip is at " + clip.sampleRate()
                    + " Hz; use MelParams.of(clip.sampleRate()) or resample the clip");
        }
        FloatMatrix db = MelSpectrogram.of(p).computeDb(clip.samples(), Ref.max(), Db.AMIN_POWER, Db.TOP_DB);
        return melspectrogram(db, p, title);
    }

    /** A ready mel dB spectrogram {@code (nMels, t)} computed with {@code p}. {@code Charts.melspectrogram(melDb, p, "speech")} */
    public static BufferedImage melspectrogram(FloatMatrix melDb, MelParams p, String title) {
        SpectrogramPlot plot = SpectrogramPlot.mel(melDb, p).size(WIDTH, HEIGHT);
        return (title == null ? plot : plot.title(title)).render();
    }

    /** The clip's MFCCs ({@code n_mfcc} coefficients at librosa's defaults) as an image over time. {@code Charts.mfcc(clip, 13)} */
    public static BufferedImage mfcc(AudioClip clip, int nMfcc) {
        MelParams p = MelParams.of(clip.sampleRate());
        return mfcc(Mfcc.of(p, nMfcc).compute(clip.samples()), clip.sampleRate(), p.stft().hopLength(), null);
    }

    /** Ready MFCCs {@code (nMfcc, t)} at {@code sr} with hop {@code hopLength}. {@code Charts.mfcc(m, 22050, 512, "MFCC")} */
    public static BufferedImage mfcc(FloatMatrix mfcc, int sr, int hopLength, String title) {
        SpectrogramPlot plot = SpectrogramPlot.coefficients(mfcc, sr, hopLength, "MFCC").size(WIDTH, HEIGHT);
        return (title == null ? plot : plot.title(title)).render();
    }

    /**
     * Before and after a cleaning or augmentation step: waveforms (on one amplitude scale) over
     * mel spectrograms (on one dB scale), side by side, 960 x 560. The clips may differ in length.
     * {@code Charts.beforeAfter(raw, AudioClip.mono(Cleaning.apply(raw.samples(), sr, p).samples(), sr), "raw", "cleaned")}
     */
    public static BufferedImage beforeAfter(AudioClip before, AudioClip after, String beforeTitle, String afterTitle) {
        Objects.requireNonNull(before, "before");
        Objects.requireNonNull(after, "after");
        int w = 480;
        BufferedImage wb = WaveformPlot.render(before.samples(), before.sampleRate(), w, 200, beforeTitle);
        BufferedImage wa = WaveformPlot.render(after.samples(), after.sampleRate(), w, 200, afterTitle);
        FloatMatrix mb = MelSpectrogram.of(MelParams.of(before.sampleRate())).computeDb(before.samples(), Ref.value(1.0),
                Db.AMIN_POWER, null);
        FloatMatrix ma = MelSpectrogram.of(MelParams.of(after.sampleRate())).computeDb(after.samples(), Ref.value(1.0),
                Db.AMIN_POWER, null);
        // one dB scale for both, 80 dB below the louder one: a quieter "after" reads as quieter
        double top = Math.max(mb.max(), ma.max());
        DbScale scale = new DbScale(top - 80, top);
        BufferedImage sb = SpectrogramPlot.mel(mb, MelParams.of(before.sampleRate())).size(w, 340).scale(scale).render();
        BufferedImage sa = SpectrogramPlot.mel(ma, MelParams.of(after.sampleRate())).size(w, 340).scale(scale).render();
        BufferedImage out = new BufferedImage(2 * w, 540, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(wb, 0, 0, null);
            g.drawImage(wa, w, 0, null);
            g.drawImage(sb, 0, 200, null);
            g.drawImage(sa, w, 200, null);
            g.setColor(new Color(0xDDDDDD));
            g.drawLine(w, 0, w, out.getHeight());
        } finally {
            g.dispose();
        }
        return out;
    }

    // ------------------------------------------------------------------ models

    /**
     * Two principal components as a scatter, one colour per class (tab10, then repeating), with
     * a legend: the plot after {@code PCA(2).fit_transform(X)}. {@code scores[i]} is row i's
     * scores (at least 2 values), {@code labels.get(i)} its class.
     * {@code Charts.pcaScatter(pca.scores(), classes)}
     */
    public static BufferedImage pcaScatter(double[][] scores, List<String> labels) {
        return scatter(scores, labels, 0, 1, "PCA", "PC1", "PC2");
    }

    /**
     * The first two components of a fitted PCA as a scatter coloured by class, each axis
     * labelled with its share of the variance ({@code PC1 (41.2%)}).
     * {@code Charts.pcaScatter(Pca.standardiseAndProject(x, 2), classes)}
     */
    public static BufferedImage pcaScatter(Pca.Result pca, List<String> labels) {
        if (pca.k() < 2) {
            throw new IllegalArgumentException("the PCA has k=" + pca.k() + " component(s); a scatter needs 2 (fit with k >= 2)");
        }
        double[] r = pca.varianceRatio();
        return scatter(pca.scores(), labels, 0, 1, "PCA", String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", 100 * r[0]),
                String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", 100 * r[1]));
    }

    /**
     * Columns {@code x} and {@code y} of {@code points} as a scatter coloured by {@code labels}.
     * {@code Charts.scatter(pts, classes, 0, 2, "PCA", "PC1", "PC3")}
     */
    public static BufferedImage scatter(double[][] points, List<String> labels, int x, int y, String title, String xLabel,
                                        String yLabel) {
        if (points.length != labels.size()) {
            throw new IllegalArgumentException("points has " + points.length + " rows but labels has " + labels.size()
                    + "; give one label per row");
        }
        Map<String, List<double[]>> byClass = new TreeMap<>();
        for (int i = 0; i < points.length; i++) {
            if (points[i].length <= Math.max(x, y)) {
                throw new IllegalArgumentException("row " + i + " has " + points[i].length + " values; columns " + x + " and " + y
                        + " are needed");
            }
            byClass.computeIfAbsent(labels.get(i), k -> new ArrayList<>()).add(new double[] {points[i][x], points[i][y]});
        }
        XYChart c = xy(title, xLabel, yLabel);
        c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(7);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int k = 0;
        for (Map.Entry<String, List<double[]>> e : byClass.entrySet()) {
            double[] xs = new double[e.getValue().size()];
            double[] ys = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                xs[i] = e.getValue().get(i)[0];
                ys[i] = e.getValue().get(i)[1];
            }
            XYSeries s = c.addSeries(e.getKey() + " (" + xs.length + ")", xs, ys);
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(TAB10[k++ % TAB10.length]);
        }
        return image(c);
    }

    /**
     * Training curves, loss on the left and accuracy on the right, per epoch (1-based), with
     * validation curves dashed where given (null to leave out): Keras' {@code history} plots.
     * The dashed curves are labelled "validation"; when they were measured on something else,
     * name it with {@link #trainingCurves(double[], double[], double[], double[], String)}.
     * {@code Charts.trainingCurves(loss, valLoss, acc, valAcc)}
     */
    public static BufferedImage trainingCurves(double[] loss, double[] valLoss, double[] accuracy, double[] valAccuracy) {
        return trainingCurves(loss, valLoss, accuracy, valAccuracy, "validation");
    }

    /**
     * Training curves as {@link #trainingCurves(double[], double[], double[], double[])}, with the
     * dashed curves labelled {@code heldOutName}: what they were measured on, e.g. "test" when
     * the held-out clips are the test set. {@code Charts.trainingCurves(loss, testLoss, acc, testAcc, "test")}
     */
    public static BufferedImage trainingCurves(double[] loss, double[] heldOutLoss, double[] accuracy, double[] heldOutAccuracy,
                                               String heldOutName) {
        Objects.requireNonNull(loss, "loss");
        Objects.requireNonNull(heldOutName, "heldOutName; e.g. \"validation\" or \"test\"");
        if (heldOutName.isBlank() || heldOutName.strip().equals(TRAIN_SERIES)) {
            throw new IllegalArgumentException("heldOutName=\"" + heldOutName + "\" must be a non-blank name other than \""
                    + TRAIN_SERIES + "\" (the solid curves); e.g. \"validation\" or \"test\"");
        }
        String name = heldOutName.strip();
        XYChart l = curves("Loss", "Loss", loss, heldOutLoss, name);
        BufferedImage left = BitmapEncoder.getBufferedImage(l);
        BufferedImage out = new BufferedImage(accuracy == null ? WIDTH : 2 * WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(left, 0, 0, null);
            if (accuracy != null) {
                XYChart a = curves("Accuracy", "Accuracy", accuracy, heldOutAccuracy, name);
                a.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE); // accuracy rises into the top right
                a.getStyler().setYAxisMax(1.0);
                g.drawImage(BitmapEncoder.getBufferedImage(a), WIDTH, 0, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }

    /** Loss per epoch alone. {@code Charts.trainingCurves(loss)} */
    public static BufferedImage trainingCurves(double[] loss) {
        return trainingCurves(loss, null, null, null);
    }

    private static final String TRAIN_SERIES = "train";

    private static XYChart curves(String title, String yLabel, double[] train, double[] heldOut, String heldOutName) {
        XYChart c = xy(title, "Epoch", yLabel);
        XYSeries t = c.addSeries(TRAIN_SERIES, epochs(train.length), train);
        t.setMarker(SeriesMarkers.CIRCLE);
        t.setLineColor(TAB10[0]);
        t.setMarkerColor(TAB10[0]);
        if (heldOut != null) {
            XYSeries v = c.addSeries(heldOutName, epochs(heldOut.length), heldOut);
            v.setMarker(SeriesMarkers.CIRCLE);
            v.setLineColor(TAB10[1]);
            v.setMarkerColor(TAB10[1]);
            v.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 4f}, 0f));
        }
        c.getStyler().setMarkerSize(6);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setXAxisDecimalPattern("#");
        return c;
    }

    private static double[] epochs(int n) {
        double[] e = new double[n];
        for (int i = 0; i < n; i++) {
            e[i] = i + 1;
        }
        return e;
    }

    /**
     * A confusion matrix with counts, shaded by the share of each true class (sklearn's
     * {@code ConfusionMatrixDisplay}). {@code Charts.confusionMatrix(Evaluation.of(yTrue, yPred))}
     */
    public static BufferedImage confusionMatrix(Evaluation e) {
        return EvaluationPlots.confusionMatrix(e, false);
    }

    /** One-vs-rest ROC curves with their AUCs and the chance diagonal. {@code Charts.rocCurves(Roc.oneVsRest(yTrue, scores, labels))} */
    public static BufferedImage rocCurves(List<RocCurve> curves) {
        return EvaluationPlots.rocCurves(curves, "ROC curves (one vs rest)");
    }

    // ------------------------------------------------------------------ output

    /** Writes {@code image} as a PNG file (to a temporary name, then renamed). {@code Charts.save(img, Path.of("hist.png"))} */
    public static void save(BufferedImage image, Path png) {
        SpectrogramImage.writePng(png, image);
    }

    // ------------------------------------------------------------------ helpers

    static int defaultBins(int n) {
        return Math.max(5, Math.min(40, (int) Math.ceil(Math.sqrt(n))));
    }

    private static BufferedImage bars(List<Map.Entry<String, Integer>> rows, String title, String xLabel, String yLabel) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("nothing to count: the table has no rows");
        }
        List<String> names = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        for (Map.Entry<String, Integer> e : rows) {
            names.add(e.getKey());
            counts.add(e.getValue());
        }
        CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel)
                .build();
        style(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setAvailableSpaceFill(0.7);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsPosition(0.92);
        c.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        c.getStyler().setLabelsFontColorAutomaticEnabled(true);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisDecimalPattern("#");
        c.getStyler().setXAxisLabelRotation(names.size() > 8 || names.stream().mapToInt(String::length).max().orElse(0) > 10 ? 45 : 0);
        c.addSeries(yLabel, names, counts).setFillColor(TAB10[0]);
        return image(c);
    }

    private static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        style(c.getStyler());
        return c;
    }

    /** matplotlib's look: white, light grid, black text, tab10. */
    static void style(AxesChartStyler s) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(Color.DARK_GRAY);
        s.setPlotGridLinesColor(new Color(0xE6E6E6));
        s.setChartFontColor(Color.BLACK);
        s.setAxisTickLabelsColor(Color.BLACK);
        s.setChartTitleBoxVisible(false);
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        s.setLegendBorderColor(Color.LIGHT_GRAY);
        s.setSeriesColors(TAB10);
        s.setChartPadding(10);
        s.setToolTipsEnabled(false);
        s.setAntiAlias(true);
    }

    private static BufferedImage image(Chart<?, ?> c) {
        return BitmapEncoder.getBufferedImage(c);
    }

    private static Column<?> column(Table t, String name) {
        if (!t.columnNames().contains(name)) {
            throw new IllegalArgumentException("the table has no column '" + name + "' (it has " + t.columnNames()
                    + "); an EDA table from Eda.scan(root).table() has class, duration and sample_rate");
        }
        return t.column(name);
    }

    private static double[] numbers(Table t, String name) {
        Column<?> c = column(t, name);
        double[] out = new double[t.rowCount()];
        int n = 0;
        for (int r = 0; r < t.rowCount(); r++) {
            Object v = c.get(r);
            if (v instanceof Number x && Double.isFinite(x.doubleValue())) {
                out[n++] = x.doubleValue();
            } else if (!(v instanceof Number) && v != null) {
                throw new IllegalArgumentException("column '" + name + "' holds " + v.getClass().getSimpleName() + " values; it must be numeric");
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static double[] finite(double[] v) {
        return java.util.Arrays.stream(v).filter(Double::isFinite).toArray();
    }
}
