package org.melkit.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.dataset.AugmentDataset;
import org.melkit.dataset.AugmentParams;
import org.melkit.dataset.AugmentResult;
import org.melkit.dsp.FloatMatrix;
import org.melkit.plot.Colormap;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class DisplayTest {

    static AudioClip tone(int sr, double seconds) {
        float[] y = new float[(int) (sr * seconds)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / sr));
        }
        return AudioClip.mono(y, sr);
    }

    @Test
    void clipShowsSummaryWaveformAndAPlayerHoldingTheSamples() {
        AudioClip clip = tone(8000, 0.25);
        MimeBundle b = Display.render(clip);
        assertEquals(clip.toString(), b.plainText());
        String html = b.get(MimeBundle.HTML);
        assertTrue(html.contains("<audio controls"), html);
        Matcher m = Pattern.compile("data:audio/wav;base64,([A-Za-z0-9+/=]+)").matcher(html);
        assertTrue(m.find(), "a WAV data URI");
        ByteBuffer wav = ByteBuffer.wrap(Base64.getDecoder().decode(m.group(1))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", new String(wav.array(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals(1, wav.getShort(22), "channels");
        assertEquals(8000, wav.getInt(24), "sample rate");
        assertEquals(2 * clip.length(), wav.getInt(40), "data bytes: 16-bit samples");
        // sample 20 of the tone, as 16-bit PCM
        assertEquals(Math.round(clip.samples()[20] * 32767), wav.getShort(44 + 2 * 20));
        BufferedImage wave = Rich.decodePng(b.get(MimeBundle.PNG));
        assertEquals(560, wave.getWidth());
        assertEquals(140, wave.getHeight());
        assertTrue(html.contains(b.get(MimeBundle.PNG)), "the waveform is in the HTML too");
    }

    @Test
    void stereoClipPlaysBothChannels() {
        AudioClip c = AudioClip.of(new float[][] {{0.5f, 0.5f}, {-0.5f, -0.25f}}, 16000);
        ByteBuffer wav = ByteBuffer.wrap(Rich.wav16(c, c.length())).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(2, wav.getShort(22));
        assertEquals(Math.round(0.5 * 32767), wav.getShort(44));
        assertEquals(Math.round(-0.5 * 32767), wav.getShort(46));
        assertEquals(Math.round(-0.25 * 32767), wav.getShort(50));
    }

    @Test
    void tableShowsAsHtmlWithHeadAndTailLikePandas() {
        int n = 25;
        double[] d = new double[n];
        int[] k = new int[n];
        String[] s = new String[n];
        for (int i = 0; i < n; i++) {
            d[i] = i + 0.125;
            k[i] = i * 10;
            s[i] = i % 2 == 0 ? "cat" : "dog<1>";
        }
        d[3] = Double.NaN;
        Table t = Table.create("files", StringColumn.create("class", s), DoubleColumn.create("duration", d), IntColumn.create("n", k));
        MimeBundle b = Display.render(t);
        String html = b.get(MimeBundle.HTML);
        assertTrue(html.contains("<th>class</th><th>duration</th><th>n</th>"), html);
        assertEquals(Rich.MAX_ROWS + 1, count(html, "<tr><th>"), "20 rows and one ellipsis row");
        assertTrue(html.contains("<tr><th>...</th>"));
        assertTrue(html.contains("<td>24.125</td>"), "the last row is shown");
        assertFalse(html.contains("<td>12.125</td>"), "a middle row is not");
        assertTrue(html.contains("<td>NaN</td>"), "missing numbers read NaN");
        assertTrue(html.contains("dog&lt;1&gt;"), "cells are escaped");
        assertTrue(html.contains("25 rows &times; 3 columns"));
        assertTrue(b.plainText().contains("[25 rows x 3 columns]"), b.plainText());
        assertTrue(b.plainText().contains("\n"), "plain text keeps its line breaks");
    }

    @Test
    void matrixShowsAHeatMapWithTheLowRowAtTheBottom() {
        float[] v = new float[10 * 40];
        for (int c = 0; c < 40; c++) {
            v[c] = 1f; // row 0 loud, the rest quiet
        }
        MimeBundle b = Display.render(FloatMatrix.of(10, 40, v));
        BufferedImage img = Rich.decodePng(b.get(MimeBundle.PNG));
        assertEquals(320, img.getWidth());
        assertEquals(96, img.getHeight());
        int bottom = img.getRGB(160, img.getHeight() - 1) & 0xffffff;
        int top = img.getRGB(160, 0) & 0xffffff;
        assertTrue(brightness(bottom) > brightness(top) + 200, "row 0 (loud) is bright and at the bottom");
        assertTrue(b.plainText().startsWith("FloatMatrix(10, 40)"));
    }

    @Test
    void powerSpectrogramsShowInDecibels() {
        // rows 1e-6, 1e-5 ... 1: on a linear scale all but the top row would be black
        float[] v = new float[7 * 20];
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 20; c++) {
                v[r * 20 + c] = (float) Math.pow(10, r - 6);
            }
        }
        MimeBundle b = Display.render(FloatMatrix.of(7, 20, v));
        assertTrue(b.get(MimeBundle.HTML).contains("-80 to 0 dB"), b.get(MimeBundle.HTML));
        BufferedImage img = Rich.decodePng(b.get(MimeBundle.PNG));
        int mid = img.getRGB(10, img.getHeight() / 2) & 0xffffff; // row 3: 1e-3 = -30 dB
        int[] lut = Colormap.MAGMA.lut();
        int level = Colormap.MAGMA.indexOf(mid);
        assertTrue(level > 120 && level < 200, "-30 dB of an 80 dB range sits in the upper middle: level " + level);
        assertEquals(256, lut.length);
    }

    /** A stand-in job result: a melkit class with a summary and a table. */
    public static final class FakeResult {
        @Override
        public String toString() {
            return "extract: 3 files\n  2 written\n  1 failed";
        }

        public Table failures() {
            return Table.create("failures", StringColumn.create("source", new String[] {"bad.wav"}),
                    StringColumn.create("error", new String[] {"corrupt"}));
        }

        public Table empty() {
            return Table.create("nothing", StringColumn.create("x"));
        }
    }

    @Test
    void resultsShowTheirSummaryWithLineBreaksAndTheirTables() {
        MimeBundle b = Display.render(new FakeResult());
        assertEquals("extract: 3 files\n  2 written\n  1 failed", b.plainText());
        String html = b.get(MimeBundle.HTML);
        assertTrue(html.contains("<pre style=\"" + Rich.PRE_STYLE + "\">extract: 3 files\n  2 written\n  1 failed</pre>"), html);
        assertTrue(Rich.PRE_STYLE.contains("monospace"), "aligned text stays aligned");
        assertTrue(html.contains("<code>failures()</code>") && html.contains("<td>bad.wav</td>"), html);
        assertFalse(html.contains("empty()"), "empty tables are left out");
    }

    @Test
    void tablesStayWithinThePageAndScrollSideways() {
        String html = Rich.tableHtml(Table.create("wide", StringColumn.create("a", new String[] {"x"})));
        assertTrue(html.startsWith("<div class=\"melkit-table\" style=\"max-width:100%;overflow-x:auto\">"), html);
    }

    @Test
    void augmentResultsShowTheirKeyColumnsWithRoundedAmounts(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in");
        Files.createDirectories(in.resolve("a"));
        Audio.writeWav(in.resolve("a/tone.wav"), tone(8000, 0.5));
        Files.writeString(in.resolve("a/bad.wav"), "not audio");
        AugmentResult r = AugmentDataset.of(AugmentParams.of(3).withSeed(1)).withJobs(1).run(in, tmp.resolve("out"));
        assertEquals(14, r.table().columnCount(), "augment.csv keeps every column");
        MimeBundle b = Display.render(r);
        assertEquals(r.toString(), b.plainText());
        String html = b.get(MimeBundle.HTML);
        assertTrue(html.contains("<th></th><th>source</th><th>output</th><th>input_samples</th><th>output_samples</th>"
                + "<th>transforms</th></tr>"), html);
        assertTrue(html.contains("5 of its 14 columns"), html);
        assertEquals(3, count(html, "<td>a/tone.wav</td>"), "one row per copy");
        assertTrue(html.contains("<td>a/bad.wav</td>"), "failures are shown too: " + html);
        assertFalse(html.contains("file_seed") || html.contains("gain_db</th>"), "seeds and per-parameter columns stay in table()");
        Matcher longDecimal = Pattern.compile("\\d\\.0*[1-9]\\d{3,}").matcher(html);
        assertFalse(longDecimal.find(), "amounts are rounded: " + html);
        String full = String.join(" ", r.table().stringColumn("transforms").asList());
        assertTrue(Pattern.compile("\\d\\.0*[1-9]\\d{3,}").matcher(full).find(), "table() keeps full precision: " + full);
    }

    @Test
    void transformAmountsRoundToThreeSignificantDigits() {
        assertEquals("shift(fraction=0.0645 samples=419); pitch_shift(semitones=-0.896); gaussian_noise(amplitude=0.00184)",
                Rich.roundedTransforms("shift(fraction=0.06445897878827311 samples=419);pitch_shift(semitones=-0.8961877380980923);"
                        + "gaussian_noise(amplitude=0.00184122303682992)"));
        assertEquals("time_stretch(rate=1); gain(gain_db=-11.3); gaussian_noise(amplitude=0.0001)",
                Rich.roundedTransforms("time_stretch(rate=1.0);gain(gain_db=-11.258845903555795);gaussian_noise(amplitude=1.0E-4)"));
        assertEquals("none", Rich.roundedTransforms(""), "a copy no transform changed");
    }

    @Test
    void oddValuesFallBackToText() {
        AudioClip empty = AudioClip.mono(new float[0], 8000);
        assertEquals(empty.toString(), Display.render(empty).plainText());
        float[] nan = {Float.NaN, 1f};
        MimeBundle b = Display.render(FloatMatrix.of(1, 2, nan));
        assertFalse(b.has(MimeBundle.PNG), "a matrix holding NaN shows as text only");
        assertTrue(b.plainText().startsWith("FloatMatrix(1, 2)"), b.plainText());
    }

    @Test
    void nonMelkitValuesAreLeftToTheKernel() {
        assertFalse(Rich.handles("a string"));
        assertFalse(Rich.handles(List.of(1, 2)));
        assertTrue(Rich.handles(new FakeResult()));
        assertEquals("[1, 2]", Display.render(List.of(1, 2)).plainText());
    }

    /** A kernel that records what it is sent. */
    static final class Recording extends KernelBridge {
        final List<MimeBundle> displays = new ArrayList<>();
        final List<MimeBundle> updates = new ArrayList<>();
        final boolean canUpdate;

        Recording(boolean canUpdate) {
            this.canUpdate = canUpdate;
        }

        @Override String name() { return "recording"; }

        @Override
        synchronized String display(MimeBundle b) {
            displays.add(b);
            return canUpdate ? "id-" + displays.size() : null;
        }

        @Override
        synchronized boolean update(String id, MimeBundle b) {
            if (!canUpdate) {
                return false;
            }
            assertEquals("id-1", id);
            updates.add(b);
            return true;
        }
    }

    @Test
    void progressInAKernelIsOneOutputUpdatedInPlace() throws Exception {
        Recording k = new Recording(true);
        NotebookProgress p = new NotebookProgress(k);
        p.start("extract", 4000);
        Thread[] workers = new Thread[4];
        for (int w = 0; w < workers.length; w++) {
            workers[w] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    p.step("x");
                }
            });
            workers[w].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        p.done();
        assertEquals(1, k.displays.size(), "one output");
        assertTrue(k.updates.size() >= 1 && k.updates.size() < 100, "throttled updates: " + k.updates.size());
        MimeBundle last = k.updates.get(k.updates.size() - 1);
        assertTrue(last.plainText().startsWith("extract: 4000/4000 (100%)"), last.plainText());
        assertTrue(last.plainText().contains("done in"), last.plainText());
        assertTrue(last.get(MimeBundle.HTML).contains("<progress value=\"4000\" max=\"4000\""));
        assertEquals(4000, p.count());
        String after = p.bundle().plainText();
        Thread.sleep(120);
        assertEquals(after, p.bundle().plainText(), "a finished bar no longer ages");
        assertTrue(p.toString().startsWith("NotebookProgress[extract: 4000/4000"), p.toString());
    }

    @Test
    void progressInAKernelWithoutUpdatesShowsStartAndEndOnly() {
        Recording k = new Recording(false);
        NotebookProgress p = new NotebookProgress(k);
        p.start("eda", 50);
        for (int i = 0; i < 50; i++) {
            p.step("x");
        }
        p.done();
        assertEquals(2, k.displays.size());
        assertTrue(k.displays.get(1).plainText().startsWith("eda: 50/50 (100%)"));
    }

    @Test
    void progressOutsideAKernelPrintsALinePerTenthInOneWriteEach() {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        List<String> writes = new ArrayList<>();
        java.io.OutputStream spy = new java.io.OutputStream() {
            @Override public void write(int b) { writes.add(String.valueOf((char) b)); }

            @Override public void write(byte[] b, int off, int len) {
                writes.add(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
                bytes.write(b, off, len);
            }
        };
        NotebookProgress p = new NotebookProgress(new KernelBridge.Text(new java.io.PrintStream(spy, false,
                java.nio.charset.StandardCharsets.UTF_8)));
        p.start("chunk", 100);
        for (int i = 0; i < 100; i++) {
            p.step("x");
        }
        p.done();
        String[] lines = bytes.toString(java.nio.charset.StandardCharsets.UTF_8).split("\n");
        assertEquals(11, lines.length, String.join("|", lines)); // 0%, 10% .. 90%, and the end
        assertTrue(lines[0].startsWith("chunk: 0/100 (0%)"));
        assertTrue(lines[10].startsWith("chunk: 100/100 (100%)") && lines[10].contains("done in"), lines[10]);
        for (String w : writes) {
            assertTrue(w.endsWith("\n") && w.indexOf('\n') == w.length() - 1, "one whole line per write: " + w);
        }
    }

    @Test
    void outsideAKernelDisplayPrintsPlainText() {
        KernelBridge.override(null);
        String prop = System.getProperty("melkit.display");
        System.setProperty("melkit.display", "text");
        try {
            assertEquals("text", Display.kernel());
            assertNotNull(Display.render(tone(8000, 0.1)).get(MimeBundle.HTML));
        } finally {
            if (prop == null) {
                System.clearProperty("melkit.display");
            } else {
                System.setProperty("melkit.display", prop);
            }
            KernelBridge.override(null);
        }
    }

    private static int count(String s, String sub) {
        int n = 0;
        for (int i = s.indexOf(sub); i >= 0; i = s.indexOf(sub, i + 1)) {
            n++;
        }
        return n;
    }

    private static int brightness(int rgb) {
        return ((rgb >> 16) & 0xff) + ((rgb >> 8) & 0xff) + (rgb & 0xff);
    }
}
