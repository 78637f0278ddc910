/*
 * Written for melkit (GPL-3.0-or-later); not derived from rapaio-jupyter-kernel's source. It has
 * the name and public API of rapaio-jupyter-kernel 3.0.1's class of the same name so that, placed
 * ahead of the kernel jar on the class path, the kernel's channels use it instead.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A thread that runs one pass of a channel's loop body, sleeps, and repeats until
 * {@link #shutdown()} or an interrupt.
 *
 * <p>Replaces rapaio-jupyter-kernel 3.0.1's {@code LoopThread} to remove its two start races
 * (see {@code environment/rapaio-kernel-start-race.md}):
 * <ul>
 *   <li>the running flag is set <em>before</em> the thread starts, so the first pass always
 *       sees it (3.0.1 set it after {@code Thread.start()}, and a loop that read it first ended
 *       silently: a kernel that never answers);</li>
 *   <li>a {@link RuntimeException} in one pass is logged and the loop goes on (in 3.0.1 it
 *       ended the thread: a {@code kernel_info_request} that arrives before
 *       {@code Channels.connect} has created its handler map throws a
 *       {@code NullPointerException} and the shell channel died). The message of that pass is
 *       lost; Jupyter clients repeat {@code kernel_info_request} until one is answered.</li>
 * </ul>
 * {@link Error}s still end the thread, as they would anywhere else.
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getName());

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;
    private long failures;

    /**
     * @param name     the thread's name
     * @param sleep    milliseconds to sleep after each pass (>= 0)
     * @param loopBody one pass of the loop
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        if (sleep < 0) {
            throw new IllegalArgumentException("sleep=" + sleep + " must be >= 0 (milliseconds between passes)");
        }
        this.sleep = sleep;
        this.loopBody = Objects.requireNonNull(loopBody, "loopBody");
    }

    /** Marks the loop running, then starts the thread (in that order: the first pass must see it). */
    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                failures++;
                // the first failure with its stack trace, later ones in one line each
                if (failures == 1) {
                    LOGGER.log(Level.WARNING, getName() + ": a loop pass failed; the loop goes on", e);
                } else {
                    LOGGER.warning(getName() + ": loop pass failed again (" + failures + " so far): " + e);
                }
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Asks the loop to end after its current pass. */
    public void shutdown() {
        running = false;
    }
}
