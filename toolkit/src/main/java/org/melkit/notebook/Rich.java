package org.melkit.notebook;

import java.awt.image.BufferedImage;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.math.MathContext;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.melkit.audio.AudioClip;
import org.melkit.dataset.AugmentResult;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.plot.Colormap;
import org.melkit.plot.DbScale;
import org.melkit.plot.SpectrogramImage;
import org.melkit.plot.WaveformPlot;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Builds the {@link MimeBundle} of a value: the one place that decides how melkit values look
 * in a notebook, whatever the kernel. Package-private; reached through {@link Display#render}.
 */
final class Rich {
    private Rich() {}

    /** Rows of a table shown in HTML: the first and last half of this many (pandas shows 10 + 10 by default too). */
    static final int MAX_ROWS = 20;
    /** Longest clip embedded in an audio player, in seconds (a 16-bit mono minute at 22050 Hz is 2.6 MB). */
    static final double MAX_PLAYER_SECONDS = 120;
    /** Most tables shown beside a result's text. */
    private static final int MAX_RESULT_TABLES = 3;

    /** True for values with a rich rendering here (others display as their {@code toString()} by the kernel's rules). */
    static boolean handles(Object o) {
        return o instanceof AudioClip || o instanceof Table || o instanceof FloatMatrix || o instanceof MimeBundle
                || o instanceof RenderedImage || isMelkit(o);
    }

    /** A melkit value (its class, or an enclosing class, in {@code org.melkit}). */
    static boolean isMelkit(Object o) {
        return o != null && o.getClass().getName().startsWith("org.melkit.");
    }

    /**
     * The bundle of {@code o}; if drawing its rich form fails (an odd value no renderer
     * foresaw), its plain text, so a cell never errors just because it displays a value.
     */
    static MimeBundle render(Object o) {
        try {
            return renderRich(o);
        } catch (RuntimeException e) {
            return MimeBundle.text(String.valueOf(o));
        }
    }

    private static MimeBundle renderRich(Object o) {
        if (o == null) {
            return MimeBundle.text("null");
        }
        if (o instanceof MimeBundle b) {
            return b;
        }
        if (o instanceof AudioClip c) {
            return clip(c);
        }
        if (o instanceof Table t) {
            return table(t);
        }
        if (o instanceof FloatMatrix m) {
            return matrix(m);
        }
        if (o instanceof RenderedImage img) {
            return MimeBundle.text(img.getClass().getSimpleName() + " " + img.getWidth() + "x" + img.getHeight()).with(MimeBundle.PNG,
                    png(img));
        }
        if (o instanceof NotebookProgress p) {
            return p.bundle();
        }
        if (o instanceof AugmentResult r) {
            return augment(r);
        }
        if (isMelkit(o)) {
            return result(o);
        }
        return MimeBundle.text(String.valueOf(o));
    }

    // ---- audio

    static MimeBundle clip(AudioClip c) {
        String text = c.toString();
        String wave = png(WaveformPlot.render(c.samples(), c.sampleRate(), 560, 140, null));
        int keep = (int) Math.min(c.length(), Math.round(MAX_PLAYER_SECONDS * c.sampleRate()));
        String wav = Base64.getEncoder().encodeToString(wav16(c, keep));
        StringBuilder h = new StringBuilder();
        h.append("<div class=\"melkit-clip\"><div style=\"font-family:monospace\">").append(escape(text)).append("</div>");
        h.append("<img alt=\"waveform\" src=\"data:image/png;base64,").append(wave).append("\"/><br/>");
        h.append("<audio controls preload=\"metadata\" src=\"data:audio/wav;base64,").append(wav).append("\"></audio>");
        if (keep < c.length()) {
            h.append(String.format(Locale.ROOT, "<div><i>player holds the first %.0f s of %.1f s</i></div>", MAX_PLAYER_SECONDS,
                    c.durationSeconds()));
        }
        h.append("</div>");
        return MimeBundle.text(text).with(MimeBundle.HTML, h.toString()).with(MimeBundle.PNG, wave);
    }

    /**
     * The first {@code frames} frames of {@code c} as a 16-bit PCM WAV file (every channel,
     * interleaved; samples beyond +-1 clipped for the player only; non-finite samples as 0).
     */
    static byte[] wav16(AudioClip c, int frames) {
        int ch = c.channelCount();
        int dataBytes = frames * ch * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(36 + dataBytes);
        b.put("WAVEfmt ".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) ch);
        b.putInt(c.sampleRate()).putInt(c.sampleRate() * ch * 2).putShort((short) (ch * 2)).putShort((short) 16);
        b.put("data".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).putInt(dataBytes);
        float[][] chans = new float[ch][];
        for (int k = 0; k < ch; k++) {
            chans[k] = c.channel(k);
        }
        for (int i = 0; i < frames; i++) {
            for (int k = 0; k < ch; k++) {
                float v = chans[k][i];
                double s = Float.isFinite(v) ? Math.max(-1.0, Math.min(1.0, v)) : 0.0;
                b.putShort((short) Math.round(s * 32767));
            }
        }
        return b.array();
    }

    // ---- matrices

    static MimeBundle matrix(FloatMatrix m) {
        String text = m.toString();
        if (m.rows() == 0 || m.cols() == 0) {
            return MimeBundle.text(text);
        }
        float lo = m.min();
        float hi = m.max();
        if (!Float.isFinite(lo) || !Float.isFinite(hi)) {
            return MimeBundle.text(text);
        }
        // a power or magnitude spectrogram (non-negative, many decades) reads only in dB
        boolean db = lo >= 0 && hi > 0 && hi / Math.max(lo, Float.MIN_NORMAL) > 1e4;
        FloatMatrix shown = db ? Db.powerToDb(m, Ref.max(), Db.AMIN_POWER, Db.TOP_DB) : m;
        double slo = db ? -Db.TOP_DB : lo;
        double shi = db ? 0 : hi;
        int w = Math.max(320, Math.min(560, m.cols() * 2));
        int h = Math.max(96, Math.min(160, m.rows() * 2));
        DbScale s = shi > slo ? new DbScale(slo, shi) : new DbScale(slo, slo + 1);
        String img = png(SpectrogramImage.toImage(shown, new SpectrogramImage.Options(w, h, s, Colormap.MAGMA)));
        String note = db ? "(row 0 at the bottom; colour: 10 log10(value / max), -80 to 0 dB)" : "(row 0 at the bottom; colour from min to max)";
        String html = "<div class=\"melkit-matrix\"><div style=\"font-family:monospace\">" + escape(text)
                + " <span style=\"color:#666\">" + note + "</span></div>"
                + "<img alt=\"matrix\" src=\"data:image/png;base64," + img + "\"/></div>";
        return MimeBundle.text(text).with(MimeBundle.HTML, html).with(MimeBundle.PNG, img);
    }

    // ---- tables

    static MimeBundle table(Table t) {
        return MimeBundle.text(tableText(t)).with(MimeBundle.HTML, tableHtml(t));
    }

    /** Tablesaw's own text rendering (head and tail of long tables), with the shape. */
    static String tableText(Table t) {
        return t.print(MAX_ROWS) + System.lineSeparator() + shape(t);
    }

    private static String shape(Table t) {
        return "[" + t.rowCount() + " rows x " + t.columnCount() + " columns]";
    }

    /**
     * A table as pandas' HTML, inside a box as wide as the page that scrolls sideways, so a table
     * with many or long columns stays within the page instead of running off its right edge.
     */
    static String tableHtml(Table t) {
        StringBuilder h = new StringBuilder("<div class=\"melkit-table\" style=\"max-width:100%;overflow-x:auto\">");
        if (t.name() != null && !t.name().isBlank()) {
            h.append("<div><b>").append(escape(t.name())).append("</b></div>");
        }
        h.append("<table border=\"1\" class=\"dataframe\"><thead><tr style=\"text-align: right;\"><th></th>");
        for (String c : t.columnNames()) {
            h.append("<th>").append(escape(c)).append("</th>");
        }
        h.append("</tr></thead><tbody>");
        int n = t.rowCount();
        List<Integer> rows = new ArrayList<>();
        boolean cut = n > MAX_ROWS;
        for (int r = 0; r < n; r++) {
            if (!cut || r < MAX_ROWS / 2 || r >= n - MAX_ROWS / 2) {
                rows.add(r);
            }
        }
        for (int i = 0; i < rows.size(); i++) {
            int r = rows.get(i);
            if (cut && i == MAX_ROWS / 2) {
                h.append("<tr><th>...</th>");
                h.append("<td>...</td>".repeat(t.columnCount()));
                h.append("</tr>");
            }
            h.append("<tr><th>").append(r).append("</th>");
            for (Column<?> c : t.columns()) {
                h.append("<td>").append(escape(cell(c, r))).append("</td>");
            }
            h.append("</tr>");
        }
        h.append("</tbody></table><p>").append(t.rowCount()).append(" rows &times; ").append(t.columnCount())
                .append(" columns</p></div>");
        return h.toString();
    }

    /** A cell as pandas would print it: missing numbers as NaN, doubles with up to 6 significant digits. */
    static String cell(Column<?> c, int r) {
        if (c.isMissing(r)) {
            return c.type().name().contains("DOUBLE") || c.type().name().contains("FLOAT") ? "NaN" : "";
        }
        Object v = c.get(r);
        if (v instanceof Double || v instanceof Float) {
            return number(((Number) v).doubleValue());
        }
        return c.getString(r);
    }

    static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        String s = String.format(Locale.ROOT, "%.6g", v);
        if (s.contains("e")) {
            return s;
        }
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", ".0") : s;
    }

    // ---- results and other melkit values

    /**
     * A melkit value without its own rendering: its {@code toString()} with line breaks kept,
     * followed by the tables it offers through public no-argument methods (a job result's
     * metadata, an evaluation's report).
     */
    static MimeBundle result(Object o) {
        String text = String.valueOf(o);
        StringBuilder h = new StringBuilder("<div class=\"melkit-result\">").append(pre(text));
        int shown = 0;
        for (Method m : tableMethods(o.getClass())) {
            if (shown == MAX_RESULT_TABLES) {
                break;
            }
            try {
                Object t = m.invoke(o);
                if (t instanceof Table table && table.rowCount() > 0) {
                    h.append("<div style=\"margin-top:0.5em\"><code>").append(escape(m.getName())).append("()</code></div>");
                    h.append(tableHtml(table));
                    shown++;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // a table that cannot be built is left out: the text above still says what the value is
            }
        }
        return MimeBundle.text(text).with(MimeBundle.HTML, h.append("</div>").toString());
    }

    /** The columns of {@code augment.csv} an augment result shows in a notebook: what was made from what, and how. */
    static final List<String> AUGMENT_KEY_COLUMNS = List.of("source", "output", "input_samples", "output_samples", "transforms");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+(?:[eE][-+]?\\d+)?");

    /**
     * An augment result: its summary, then its table narrowed to {@link #AUGMENT_KEY_COLUMNS}
     * with the transforms' amounts to 3 significant digits (the one-column-per-parameter copies
     * of the same amounts and the seeds stay in {@code table()} and {@code augment.csv}, at full
     * precision), then its failures.
     */
    static MimeBundle augment(AugmentResult r) {
        String text = r.toString();
        StringBuilder h = new StringBuilder("<div class=\"melkit-result\">").append(pre(text));
        Table all = r.table();
        if (all.rowCount() > 0) {
            Table key = all.selectColumns(AUGMENT_KEY_COLUMNS.toArray(String[]::new));
            StringColumn readable = StringColumn.create("transforms");
            for (String s : key.stringColumn("transforms")) {
                readable.append(roundedTransforms(s));
            }
            key.replaceColumn("transforms", readable);
            key.setName("augment.csv");
            h.append("<div style=\"margin-top:0.5em\"><code>table()</code>, ").append(key.columnCount()).append(" of its ")
                    .append(all.columnCount()).append(" columns; amounts rounded</div>");
            h.append(tableHtml(key));
        }
        Table failures = r.failures();
        if (failures.rowCount() > 0) {
            h.append("<div style=\"margin-top:0.5em\"><code>failures()</code></div>").append(tableHtml(failures));
        }
        return MimeBundle.text(text).with(MimeBundle.HTML, h.append("</div>").toString());
    }

    /**
     * {@code shift(fraction=0.06445897878827311 samples=419);gain(gain_db=-11.258845903555795)} as
     * {@code shift(fraction=0.0645 samples=419); gain(gain_db=-11.3)}: decimals to 3 significant
     * digits, a space after each {@code ;} so a long list wraps in its cell; "none" for a copy
     * that no transform changed.
     */
    static String roundedTransforms(String transforms) {
        Matcher m = DECIMAL.matcher(transforms);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String rounded = new BigDecimal(m.group()).round(new MathContext(3)).stripTrailingZeros().toPlainString();
            m.appendReplacement(out, Matcher.quoteReplacement(rounded));
        }
        m.appendTail(out);
        return out.isEmpty() ? "none" : out.toString().replace(";", "; ");
    }

    /** Public no-argument instance methods returning a Tablesaw table, by name. */
    static List<Method> tableMethods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        if (!Modifier.isPublic(type.getModifiers())) {
            return out;
        }
        for (Method m : type.getMethods()) {
            if (m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && Table.class.isAssignableFrom(m.getReturnType())
                    && m.getDeclaringClass().getName().startsWith("org.melkit.")) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing(Method::getName));
        return out;
    }

    // ---- helpers

    /** Font for a result's text: JupyterLab's code font (its CSS leaves output {@code <pre>} in the page's proportional font). */
    static final String PRE_STYLE = "font-family:var(--jp-code-font-family, monospace)";

    /** {@code text} as preformatted, monospaced HTML, so column-aligned text (an evaluation report) stays aligned. */
    static String pre(String text) {
        return "<pre style=\"" + PRE_STYLE + "\">" + escape(text) + "</pre>";
    }

    static String png(RenderedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(img, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a " + img.getWidth() + "x" + img.getHeight() + " image as PNG", e);
        }
        return Base64.getEncoder().encodeToString(bytes.toByteArray());
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                default -> b.append(ch);
            }
        }
        return b.toString();
    }

    static BufferedImage decodePng(String base64) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
