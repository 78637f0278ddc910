package org.melkit.notebook;

import java.util.Objects;

/**
 * Rich output in a notebook cell, in any Java kernel, with one call: a clip shows a summary
 * line, a waveform and an audio player; a Tablesaw table an HTML table; a matrix a heat map; a
 * chart ({@link java.awt.image.BufferedImage}) an image; a job result its summary and tables.
 * In rapaio these also show when the value is simply a cell's last expression (melkit registers
 * its renderers through rapaio's display SPI); in IJava and JJava call {@code Display.show(x)}.
 * Outside a kernel each display prints its plain text in one write.
 *
 * <pre>{@code
 * Display.show(Audio.load(Path.of("speech.wav")));   // summary, waveform, player
 * }</pre>
 */
public final class Display {
    private Display() {}

    /**
     * Shows {@code value} as a new output of the running cell (returns nothing, so the cell
     * shows no id after it). {@code Display.show(clip);}
     */
    public static void show(Object value) {
        KernelBridge.current().display(render(value));
    }

    /**
     * Shows {@code value} and returns the output's display id for {@link #update}; null when
     * the kernel cannot update outputs (or outside a kernel).
     * {@code String id = Display.showUpdatable(chart); ... Display.update(id, newChart);}
     */
    public static String showUpdatable(Object value) {
        return KernelBridge.current().display(render(value));
    }

    /**
     * Replaces the output {@code id} (from {@link #showUpdatable}) with {@code value}, in place;
     * where the kernel cannot, shows {@code value} as a new output. {@code Display.update(id, clip)}
     */
    public static void update(String id, Object value) {
        MimeBundle b = render(value);
        KernelBridge k = KernelBridge.current();
        if (id == null || !k.update(id, b)) {
            k.display(b);
        }
    }

    /** Shows an HTML fragment (plain-text fallback: {@code text}). {@code Display.html("<b>done</b>", "done");} */
    public static void html(String html, String text) {
        Objects.requireNonNull(html, "html");
        KernelBridge.current().display(MimeBundle.text(text == null ? html : text).with(MimeBundle.HTML, html));
    }

    /**
     * What {@link #show} would send for {@code value}, every MIME type of it; for values melkit
     * has no rendering for, their {@code toString()} as text. {@code Display.render(clip).get(MimeBundle.HTML)}
     */
    public static MimeBundle render(Object value) {
        return Rich.render(value);
    }

    /** The kernel this JVM runs in: {@code "rapaio"}, {@code "IJava"}, {@code "JJava"}, or {@code "text"} outside one. */
    public static String kernel() {
        return KernelBridge.current().name();
    }

    /**
     * A progress bar for a job's {@code withProgress(...)} that updates in place in a kernel (a
     * text line per 10% outside one). {@code ClassFolderExtractor.of(p).withProgress(Display.progress())}
     */
    public static NotebookProgress progress() {
        return NotebookProgress.create();
    }
}
