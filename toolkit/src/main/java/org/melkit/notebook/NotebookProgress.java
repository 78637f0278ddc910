package org.melkit.notebook;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.melkit.batch.Progress;

/**
 * A job's progress as one output that changes in place: in a kernel that can update outputs
 * (rapaio, IJava, JJava) an HTML bar ({@code extract: 120/400 (30%), 85.1/s, about 3 s left})
 * redrawn at most every {@link #MIN_UPDATE_NANOS} ns and once at the end, not hundreds of stream
 * fragments; elsewhere a text line at every 10% and at the end, each printed in one write.
 * Thread-safe: jobs call {@link #step} from their worker threads.
 *
 * <pre>{@code
 * ExtractResult r = ClassFolderExtractor.of(MelDbParams.DEFAULT).withProgress(Display.progress()).run(in, out);
 * }</pre>
 */
public final class NotebookProgress implements Progress {
    /** Shortest interval between two redraws in a kernel: 0.25 s. */
    public static final long MIN_UPDATE_NANOS = 250_000_000L;

    private final KernelBridge kernel;
    private final AtomicLong n = new AtomicLong();
    private volatile long total;
    private volatile String task = "";
    private volatile long t0;
    private volatile boolean finished;
    private volatile long t1;
    private long lastDraw;
    private long lastTenth = -1;
    private String id;
    private boolean inPlace;

    NotebookProgress(KernelBridge kernel) {
        this.kernel = kernel;
    }

    static NotebookProgress create() {
        return new NotebookProgress(KernelBridge.current());
    }

    @Override
    public synchronized void start(String task, long total) {
        this.task = task == null ? "" : task;
        this.total = Math.max(0, total);
        this.t0 = System.nanoTime();
        this.n.set(0);
        this.finished = false;
        this.t1 = 0;
        this.lastTenth = -1;
        if (kernel.isKernel()) {
            id = kernel.display(bundle());
            inPlace = id != null;
            lastDraw = System.nanoTime();
        } else {
            emitLine(0);
        }
    }

    @Override
    public void step(String item) {
        long k = n.incrementAndGet();
        synchronized (this) {
            if (kernel.isKernel()) {
                long now = System.nanoTime();
                if (inPlace && now - lastDraw >= MIN_UPDATE_NANOS) {
                    lastDraw = now;
                    inPlace = kernel.update(id, bundle());
                }
            } else {
                emitLine(k);
            }
        }
    }

    @Override
    public synchronized void done() {
        t1 = System.nanoTime();
        finished = true;
        if (kernel.isKernel()) {
            if (!(inPlace && kernel.update(id, bundle()))) {
                kernel.display(bundle());
            }
        } else {
            kernel.display(MimeBundle.text(line(n.get())));
        }
    }

    /** Outside a kernel: a line at 0% and at every further tenth (not the last: {@link #done} prints it). */
    private void emitLine(long k) {
        long tenth = total == 0 ? 10 : 10 * k / total;
        if (tenth > lastTenth && tenth < 10) {
            lastTenth = tenth;
            kernel.display(MimeBundle.text(line(k)));
        }
    }

    /** Items done so far. */
    public long count() { return n.get(); }

    /** The total announced by the job (0 before it starts). */
    public long total() { return total; }

    /** Items per second so far (over the whole run once it is done). */
    public double rate() {
        double secs = elapsedSeconds();
        return t0 == 0 || secs <= 0 ? 0.0 : n.get() / secs;
    }

    /** Seconds since the start, or from start to end once done. */
    public double elapsedSeconds() {
        return t0 == 0 ? 0.0 : ((finished ? t1 : System.nanoTime()) - t0) / 1e9;
    }

    private String line(long k) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s: %d/%d (%d%%), %.1f/s", task, k, total,
                total == 0 ? 100 : 100 * k / total, rate()));
        double r = rate();
        if (!finished && r > 0 && k < total) {
            s.append(String.format(Locale.ROOT, ", about %.0f s left", (total - k) / r));
        }
        if (finished) {
            s.append(String.format(Locale.ROOT, ", done in %.1f s", elapsedSeconds()));
        }
        return s.toString();
    }

    /** The bar as text and HTML, as it stands now. */
    MimeBundle bundle() {
        long k = n.get();
        String text = line(k);
        long max = Math.max(1, total);
        String html = "<div class=\"melkit-progress\" style=\"font-family:monospace\"><progress value=\"" + Math.min(k, max) + "\" max=\""
                + max + "\" style=\"width:320px\"></progress> " + Rich.escape(text) + "</div>";
        return MimeBundle.text(text).with(MimeBundle.HTML, html);
    }

    @Override
    public String toString() {
        return "NotebookProgress[" + line(n.get()) + ", " + kernel.name() + (inPlace ? ", in place" : "") + "]";
    }
}
