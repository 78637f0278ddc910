package org.melkit.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleUnaryOperator;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.MelScale;
import org.melkit.features.MelParams;

/**
 * A dB spectrogram drawn for reading, as librosa's {@code specshow} with {@code colorbar(format="%+2.0f dB")}:
 * time in seconds along the bottom, frequency in Hz up the left (mel-spaced for a mel spectrogram,
 * linear for an STFT), a dB colour bar on the right, an optional title. Returns a
 * {@link BufferedImage}, which IJava, JJava and rapaio all display in a notebook cell.
 *
 * <pre>{@code
 * FloatMatrix db = MelSpectrogram.of(MelParams.of(sr)).computeDb(y, Ref.max(), 1e-10, 80.0);
 * BufferedImage img = SpectrogramPlot.mel(db, MelParams.of(sr)).title("cat_01.wav").render();
 * }</pre>
 *
 * Immutable: the {@code with...}-style methods return new plots.
 */
public final class SpectrogramPlot {
    private enum Kind { MEL, LINEAR, COEFFICIENTS }

    private final FloatMatrix db;
    private final Kind kind;
    private final int sr;
    private final int hopLength;
    private final double fmin;
    private final double fmax;
    private final boolean htk;
    private final int width;
    private final int height;
    private final Colormap colormap;
    private final DbScale scale;
    private final String title;
    private final String rowName;

    private SpectrogramPlot(FloatMatrix db, Kind kind, int sr, int hopLength, double fmin, double fmax, boolean htk,
                            int width, int height, Colormap colormap, DbScale scale, String title) {
        this(db, kind, sr, hopLength, fmin, fmax, htk, width, height, colormap, scale, title, null);
    }

    private SpectrogramPlot(FloatMatrix db, Kind kind, int sr, int hopLength, double fmin, double fmax, boolean htk,
                            int width, int height, Colormap colormap, DbScale scale, String title, String rowName) {
        this.db = Objects.requireNonNull(db, "db");
        this.kind = kind;
        this.sr = sr;
        this.hopLength = hopLength;
        this.fmin = fmin;
        this.fmax = fmax;
        this.htk = htk;
        if (width < 200 || height < 120) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is too small for axes; use at least 200x120 (default 800x400)");
        }
        this.width = width;
        this.height = height;
        this.colormap = colormap;
        this.scale = scale;
        this.title = title;
        this.rowName = rowName;
    }

    /** A mel dB spectrogram {@code (nMels, t)} computed with {@code p}. */
    public static SpectrogramPlot mel(FloatMatrix melDb, MelParams p) {
        double fmax = p.fmax() == null ? p.sr() / 2.0 : p.fmax();
        return new SpectrogramPlot(melDb, Kind.MEL, p.sr(), p.stft().hopLength(), p.fmin(), fmax, p.htk(), 800, 400,
                Colormap.MAGMA, null, null);
    }

    /** A linear-frequency dB spectrogram {@code (1 + nFft/2, t)} at {@code sr} with hop {@code hopLength}. */
    public static SpectrogramPlot linear(FloatMatrix db, int sr, int hopLength) {
        return new SpectrogramPlot(db, Kind.LINEAR, sr, hopLength, 0, sr / 2.0, false, 800, 400, Colormap.MAGMA, null, null);
    }

    /**
     * Coefficients over time ({@code (n, t)}, e.g. MFCCs, at {@code sr} with hop {@code hopLength}):
     * row {@code k} labelled {@code k} up the left axis under {@code rowName}, the colour bar in
     * the matrix's own units (no dB). {@code SpectrogramPlot.coefficients(mfcc, sr, 512, "MFCC").render()}
     */
    public static SpectrogramPlot coefficients(FloatMatrix m, int sr, int hopLength, String rowName) {
        if (sr <= 0 || hopLength <= 0) {
            throw new IllegalArgumentException("sr=" + sr + ", hopLength=" + hopLength + ": both must be > 0 (librosa: sr, hop_length)");
        }
        return new SpectrogramPlot(m, Kind.COEFFICIENTS, sr, hopLength, 0, m.rows(), false, 800, 400, Colormap.MAGMA, null, null,
                rowName == null ? "coefficient" : rowName);
    }

    public SpectrogramPlot size(int w, int h) {
        return new SpectrogramPlot(db, kind, sr, hopLength, fmin, fmax, htk, w, h, colormap, scale, title, rowName);
    }

    public SpectrogramPlot colormap(Colormap c) {
        return new SpectrogramPlot(db, kind, sr, hopLength, fmin, fmax, htk, width, height, c, scale, title, rowName);
    }

    /** Fixes the colour range; by default it is the data's own [min, max]. */
    public SpectrogramPlot scale(DbScale s) {
        return new SpectrogramPlot(db, kind, sr, hopLength, fmin, fmax, htk, width, height, colormap, s, title, rowName);
    }

    public SpectrogramPlot title(String t) {
        return new SpectrogramPlot(db, kind, sr, hopLength, fmin, fmax, htk, width, height, colormap, scale, t, rowName);
    }

    /** The rendered chart. */
    public BufferedImage render() {
        DbScale s = scale != null ? scale : kind == Kind.COEFFICIENTS ? robustScale(db) : autoScale(db);
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            Charts.setUp(g, width, height);
            int left = 62;
            int right = 82;
            int top = title == null ? 14 : 34;
            int bottom = 46;
            int pw = width - left - right;
            int ph = height - top - bottom;
            if (kind == Kind.COEFFICIENTS) {
                // one block per coefficient, as specshow draws them: no interpolation between rows
                BufferedImage rows = SpectrogramImage.toImage(db, new SpectrogramImage.Options(pw, db.rows(), s, colormap));
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
                g.drawImage(rows, left, top, pw, ph, null);
            } else {
                g.drawImage(SpectrogramImage.toImage(db, new SpectrogramImage.Options(pw, ph, s, colormap)), left, top, null);
            }
            g.setColor(Color.DARK_GRAY);
            g.setStroke(new BasicStroke(1f));
            g.drawRect(left - 1, top - 1, pw + 1, ph + 1);

            double seconds = (double) db.cols() * hopLength / sr;
            Charts.xAxis(g, left, top + ph, pw, 0, seconds, "Time (s)");
            yAxis(g, left, top, ph);
            colourBar(g, left + pw + 14, top, 14, ph, s);
            if (title != null) {
                g.setFont(Charts.TITLE);
                FontMetrics fm = g.getFontMetrics();
                g.setColor(Color.BLACK);
                g.drawString(title, left + (pw - fm.stringWidth(title)) / 2, 22);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * The 2nd to 98th percentile (matplotlib's {@code robust} colour limits, as librosa's
     * {@code cmap} picks them): MFCC 0 is far below the others and would leave them one colour.
     */
    private static DbScale robustScale(FloatMatrix m) {
        float[] v = m.toArray();
        java.util.Arrays.sort(v);
        if (v.length == 0) {
            return new DbScale(0, 1);
        }
        double lo = v[(int) Math.floor(0.02 * (v.length - 1))];
        double hi = v[(int) Math.ceil(0.98 * (v.length - 1))];
        return hi > lo ? new DbScale(lo, hi) : new DbScale(lo, lo + 1);
    }

    private static DbScale autoScale(FloatMatrix db) {
        double lo = db.min();
        double hi = db.max();
        if (!(hi > lo)) {
            hi = lo + 1;
        }
        return new DbScale(lo, hi);
    }

    private void yAxis(Graphics2D g, int left, int top, int ph) {
        if (kind == Kind.COEFFICIENTS) {
            coefficientAxis(g, left, top, ph);
            return;
        }
        DoubleUnaryOperator toUnit; // Hz -> [0, 1] from bottom to top
        List<Double> ticks = new ArrayList<>();
        if (kind == Kind.MEL) {
            double m0 = MelScale.hzToMel(fmin, htk);
            double m1 = MelScale.hzToMel(fmax, htk);
            toUnit = hz -> (MelScale.hzToMel(hz, htk) - m0) / (m1 - m0);
            for (double hz : new double[] {0, 125, 250, 500, 1000, 2000, 4000, 8000, 16000, 32000}) {
                if (hz >= fmin && hz <= fmax) {
                    ticks.add(hz);
                }
            }
        } else {
            toUnit = hz -> (hz - fmin) / (fmax - fmin);
            ticks.addAll(Ticks.linear(fmin, fmax, 6));
        }
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        int lastY = Integer.MAX_VALUE;
        for (double hz : ticks) {
            int y = top + ph - (int) Math.round(toUnit.applyAsDouble(hz) * ph);
            if (lastY - y < fm.getHeight()) {
                continue; // keep labels from overlapping (low mel ticks crowd together)
            }
            lastY = y;
            g.setColor(Color.DARK_GRAY);
            g.drawLine(left - 5, y, left - 1, y);
            String l = Ticks.label(hz);
            g.setColor(Color.BLACK);
            g.drawString(l, left - 8 - fm.stringWidth(l), y + fm.getAscent() / 2 - 1);
        }
        Charts.verticalLabel(g, "Hz" + (kind == Kind.MEL ? " (mel scale)" : ""), 14, top + ph / 2);
    }

    /** Row k's centre labelled k, thinned so labels never overlap. */
    private void coefficientAxis(Graphics2D g, int left, int top, int ph) {
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        int n = db.rows();
        int every = 1;
        while (every < n && (double) ph / n * every < fm.getHeight() + 2) {
            every = every < 2 ? 2 : every < 5 ? 5 : every * 2;
        }
        for (int k = 0; k < n; k += every) {
            int y = top + ph - (int) Math.round((k + 0.5) / n * ph);
            g.setColor(Color.DARK_GRAY);
            g.drawLine(left - 5, y, left - 1, y);
            String l = Integer.toString(k);
            g.setColor(Color.BLACK);
            g.drawString(l, left - 8 - fm.stringWidth(l), y + fm.getAscent() / 2 - 1);
        }
        Charts.verticalLabel(g, rowName, 14, top + ph / 2);
    }

    private void colourBar(Graphics2D g, int x, int top, int w, int ph, DbScale s) {
        for (int y = 0; y < ph; y++) {
            int level = (int) Math.round(255.0 * (ph - 1 - y) / Math.max(1, ph - 1));
            g.setColor(new Color(colormap.rgb(level)));
            g.drawLine(x, top + y, x + w - 1, top + y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x - 1, top - 1, w + 1, ph + 1);
        g.setFont(Charts.TICK);
        FontMetrics fm = g.getFontMetrics();
        for (double v : Ticks.linear(s.floorDb(), s.topDb(), 6)) {
            int y = top + ph - 1 - (int) Math.round((v - s.floorDb()) / (s.topDb() - s.floorDb()) * (ph - 1));
            g.setColor(Color.DARK_GRAY);
            g.drawLine(x + w, y, x + w + 4, y);
            g.setColor(Color.BLACK);
            String l = kind == Kind.COEFFICIENTS ? Ticks.label(v) : String.format(java.util.Locale.ROOT, "%+.0f dB", v);
            g.drawString(l, x + w + 7, y + fm.getAscent() / 2 - 1);
        }
    }

    @Override
    public String toString() {
        return "SpectrogramPlot[" + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + SpectrogramImage.describe(db)
                + ", sr=" + sr + ", hop=" + hopLength + ", " + width + "x" + height + "]";
    }

    /** Shared drawing helpers for the charts. */
    static final class Charts {
        static final Font TICK = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        static final Font LABEL = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
        static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 13);

        private Charts() {}

        static void setUp(Graphics2D g, int w, int h) {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, w, h);
        }

        static void xAxis(Graphics2D g, int left, int y0, int pw, double lo, double hi, String label) {
            g.setFont(TICK);
            FontMetrics fm = g.getFontMetrics();
            for (double t : Ticks.linear(lo, hi, Math.max(2, pw / 80))) {
                int x = left + (int) Math.round((t - lo) / (hi - lo) * (pw - 1));
                g.setColor(Color.DARK_GRAY);
                g.drawLine(x, y0 + 1, x, y0 + 5);
                String l = Ticks.label(t);
                g.setColor(Color.BLACK);
                g.drawString(l, x - fm.stringWidth(l) / 2, y0 + 7 + fm.getAscent());
            }
            g.setFont(LABEL);
            fm = g.getFontMetrics();
            g.drawString(label, left + (pw - fm.stringWidth(label)) / 2, y0 + 38);
        }

        static void verticalLabel(Graphics2D g, String s, int x, int yCentre) {
            g.setFont(LABEL);
            g.setColor(Color.BLACK);
            FontMetrics fm = g.getFontMetrics();
            AffineTransform old = g.getTransform();
            g.rotate(-Math.PI / 2, x, yCentre);
            g.drawString(s, x - fm.stringWidth(s) / 2, yCentre + fm.getAscent() / 2);
            g.setTransform(old);
        }
    }
}
