package org.melkit.batch;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Progress of a long batch. {@link #terminal} draws a bar on stderr when it is a terminal
 * (and stays quiet in CI logs); notebooks pass their own listener through the same interface.
 */
public interface Progress {
    /** Called once with the total before work starts. */
    void start(String task, long total);

    /** Called after each item, from any thread. */
    void step(String item);

    /** Called once when the task ends. */
    void done();

    /** No output. */
    static Progress none() {
        return new Progress() {
            @Override public void start(String task, long total) {}
            @Override public void step(String item) {}
            @Override public void done() {}

            @Override public String toString() { return "Progress.none()"; }
        };
    }

    /**
     * A line on {@code out} at every 10% and at the end ({@code "extract: 120/400 (30%), 85.1/s"}):
     * plain text, so it reads the same in any Jupyter kernel's cell output, in logs and in CI,
     * where a carriage-return bar would smear. Pass {@code System.out} in a notebook cell.
     */
    static Progress lines(PrintStream out) {
        return new Counting() {
            private long lastTenth = -1;

            @Override
            void started() {
                lastTenth = -1;
            }

            @Override
            void counted(long k) {
                long tenth = total == 0 ? 10 : 10 * k / total;
                synchronized (this) {
                    if (tenth > lastTenth && tenth < 10) {
                        lastTenth = tenth;
                        print(k);
                    }
                }
            }

            private void print(long k) {
                out.printf(Locale.ROOT, "%s: %d/%d (%d%%), %.1f/s%n", task, k, total, total == 0 ? 100 : 100 * k / total, rate(k));
                out.flush();
            }

            @Override
            public void done() {
                print(n.get());
            }
        };
    }

    /** A bar on {@code err} when the JVM has a console, otherwise nothing. */
    static Progress terminal(PrintStream err) {
        if (System.console() == null) {
            return none();
        }
        return bar(err);
    }

    /** The bar {@link #terminal} draws, whatever the console. */
    static Progress bar(PrintStream err) {
        return new Counting() {
            private volatile long lastDraw;

            @Override
            void counted(long k) {
                long now = System.nanoTime();
                if (k == total || now - lastDraw > 100_000_000L) {
                    lastDraw = now;
                    draw(k);
                }
            }

            private synchronized void draw(long k) {
                int width = 30;
                int filled = total == 0 ? width : (int) Math.max(0, Math.min(width, width * k / total));
                err.printf(Locale.ROOT, "\r%s [%s%s] %d/%d %.1f/s", task, "#".repeat(filled), " ".repeat(width - filled), k, total,
                        rate(k));
                err.flush();
            }

            @Override
            public void done() {
                draw(n.get());
                err.println();
            }
        };
    }

    /** The count, total, task name and rate that every displaying {@link Progress} keeps. */
    abstract class Counting implements Progress {
        final AtomicLong n = new AtomicLong();
        volatile long total;
        volatile String task = "";
        private volatile long t0;

        @Override
        public void start(String task, long total) {
            this.task = task;
            this.total = total;
            this.t0 = System.nanoTime();
            n.set(0); // a job of several tasks (meld's three splits) counts each from 0
            started();
        }

        /** After {@link #start}: a display resets what it drew. */
        void started() {}

        @Override
        public final void step(String item) {
            counted(n.incrementAndGet());
        }

        /** After the {@code k}-th step, from any thread. */
        abstract void counted(long k);

        /** Items per second so far. */
        double rate(long k) {
            double secs = (System.nanoTime() - t0) / 1e9;
            return secs > 0 ? k / secs : 0.0;
        }

        /** Where the task stands, e.g. {@code Progress[extract: 120/400 (30%), 85.1/s]}. */
        @Override
        public String toString() {
            long k = n.get();
            return String.format(Locale.ROOT, "Progress[%s: %d/%d (%d%%), %.1f/s]", task, k, total, total == 0 ? 0 : 100 * k / total,
                    rate(k));
        }
    }
}
