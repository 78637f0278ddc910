package org.melkit.plot;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Locale;
import org.melkit.audio.AudioClip;

/**
 * A waveform drawn for reading, as librosa's {@code display.waveshow}: for every pixel column
 * the min-to-max range of the samples it covers (so no peak is lost however long the clip),
 * time in seconds along the bottom, amplitude up the left. Returns a {@link BufferedImage}.
 */
public final class WaveformPlot {
    private WaveformPlot() {}

    /** An 800 x 200 chart of {@code clip}'s mono samples. */
    public static BufferedImage render(AudioClip clip) {
        return render(clip.samples(), clip.sampleRate(), 800, 200, null);
    }

    /**
     * A {@code width x height} chart of samples {@code y} at {@code sr} Hz; the amplitude axis
     * spans +-max(1, peak) so clipping is visible; {@code title} may be null.
     */
    public static BufferedImage render(float[] y, int sr, int width, int height, String title) {
        if (sr <= 0) {
            throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz");
        }
        if (width < 200 || height < 100) {
            throw new IllegalArgumentException("size " + width + "x" + height + " is too small for axes; use at least 200x100 (default 800x200)");
        }
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            SpectrogramPlot.Charts.setUp(g, width, height);
            int left = 56;
            int right = 16;
            int top = title == null ? 12 : 30;
            int bottom = 46;
            int pw = width - left - right;
            int ph = height - top - bottom;
            float peak = 0;
            for (float v : y) {
                peak = Math.max(peak, Math.abs(v));
            }
            double range = Math.max(1.0, peak);
            int mid = top + ph / 2;
            g.setColor(new Color(0xE8E8E8));
            g.drawLine(left, mid, left + pw - 1, mid);
            g.setColor(new Color(0x1F77B4)); // matplotlib's first colour, as waveshow
            int n = y.length;
            for (int x = 0; x < pw && n > 0; x++) {
                int a = (int) ((long) x * n / pw);
                int b = Math.max(a + 1, (int) ((long) (x + 1) * n / pw));
                float lo = Float.POSITIVE_INFINITY;
                float hi = Float.NEGATIVE_INFINITY;
                for (int i = a; i < Math.min(b, n); i++) {
                    lo = Math.min(lo, y[i]);
                    hi = Math.max(hi, y[i]);
                }
                int y0 = mid - (int) Math.round(hi / range * (ph / 2.0));
                int y1 = mid - (int) Math.round(lo / range * (ph / 2.0));
                g.drawLine(left + x, y0, left + x, Math.max(y0, y1));
            }
            g.setColor(Color.DARK_GRAY);
            g.drawRect(left - 1, top - 1, pw + 1, ph + 1);
            SpectrogramPlot.Charts.xAxis(g, left, top + ph, pw, 0, (double) n / sr, "Time (s)");
            g.setFont(SpectrogramPlot.Charts.TICK);
            FontMetrics fm = g.getFontMetrics();
            for (double v : new double[] {-range, 0, range}) {
                int yy = mid - (int) Math.round(v / range * (ph / 2.0 - 0.5));
                g.setColor(Color.DARK_GRAY);
                g.drawLine(left - 5, yy, left - 1, yy);
                String l = v == 0 ? "0" : String.format(Locale.ROOT, "%+.2g", v);
                g.setColor(Color.BLACK);
                g.drawString(l, left - 8 - fm.stringWidth(l), yy + fm.getAscent() / 2 - 1);
            }
            SpectrogramPlot.Charts.verticalLabel(g, "Amplitude", 14, mid);
            if (title != null) {
                g.setFont(SpectrogramPlot.Charts.TITLE);
                fm = g.getFontMetrics();
                g.setColor(Color.BLACK);
                g.drawString(title, left + (pw - fm.stringWidth(title)) / 2, 20);
            }
        } finally {
            g.dispose();
        }
        return img;
    }
}
