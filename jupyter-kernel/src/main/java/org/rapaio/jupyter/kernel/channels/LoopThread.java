/*
 * Written for melkit (GPL-3.0-or-later); not derived from rapaio-jupyter-kernel's source. It has
 * the name and public API of rapaio-jupyter-kernel 3.0.1's class of the same name so that, placed
 * ahead of the kernel jar on the class path, the kernel's channels use it instead.
 */
package org.rapaio.jupyter.kernel.channels;

import java.util.Objects;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A thread that runs one pass of a channel's loop body, sleeps, and repeats until
 * {@link #shutdown()} or an interrupt.
 *
 * <p>Replaces rapaio-jupyter-kernel 3.0.1's {@code LoopThread} to remove its start races
 * (see {@code environment/rapaio-kernel-start-race.md}):
 * <ul>
 *   <li>the running flag is set <em>before</em> the thread starts, so the first pass always
 *       sees it (3.0.1 set it after {@code Thread.start()}, and a loop that read it first ended
 *       silently: a kernel that never answers);</li>
 *   <li>a loop started from inside {@code Channels.connect()} makes its first pass only after
 *       {@code connect()} has returned, that is after the kernel has registered its message
 *       handlers (3.0.1 starts the loops first and creates the handler map last, so a
 *       {@code kernel_info_request} that arrives in between is dropped: "Unhandled message",
 *       or a {@code NullPointerException} that ended the shell loop). Until then a request
 *       waits in its socket instead of being lost;</li>
 *   <li>a {@link RuntimeException} in one pass is logged and the loop goes on, so one bad
 *       message can never end a channel.</li>
 * </ul>
 * {@link Error}s still end the thread, as they would anywhere else.
 */
public final class LoopThread extends Thread {

    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getName());

    /** The frame a loop waits to see leave its starter's stack: the kernel's channel set-up. */
    private static final Predicate<StackTraceElement> CONNECTING = frame ->
            "connect".equals(frame.getMethodName())
                    && "org.rapaio.jupyter.kernel.channels.Channels".equals(frame.getClassName());

    /** Longest wait for the set-up to return before the loop runs anyway (and says so). */
    private static final long MAX_WAIT_NANOS = 60_000_000_000L;

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;
    private final Predicate<StackTraceElement> setUpFrame;
    private volatile Thread starter;
    private long failures;

    /**
     * @param name     the thread's name
     * @param sleep    milliseconds to sleep after each pass (>= 0)
     * @param loopBody one pass of the loop
     */
    public LoopThread(String name, long sleep, Runnable loopBody) {
        this(name, sleep, loopBody, CONNECTING);
    }

    /** As above, waiting for frames that {@code setUpFrame} matches instead (for tests). */
    LoopThread(String name, long sleep, Runnable loopBody, Predicate<StackTraceElement> setUpFrame) {
        super(name);
        if (sleep < 0) {
            throw new IllegalArgumentException("sleep=" + sleep + " must be >= 0 (milliseconds between passes)");
        }
        this.sleep = sleep;
        this.loopBody = Objects.requireNonNull(loopBody, "loopBody");
        this.setUpFrame = Objects.requireNonNull(setUpFrame, "setUpFrame");
    }

    /**
     * Marks the loop running, then starts the thread (in that order: the first pass must see
     * it). When called from inside the set-up, the loop's first pass waits for it to return.
     */
    @Override
    public synchronized void start() {
        Thread caller = Thread.currentThread();
        starter = inSetUp(caller.getStackTrace()) ? caller : null;
        running = true;
        super.start();
    }

    @Override
    public void run() {
        if (!awaitSetUp()) {
            return;
        }
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
            if (!pause(sleep)) {
                return;
            }
        }
    }

    /** Asks the loop to end after its current pass. */
    public void shutdown() {
        running = false;
    }

    private boolean inSetUp(StackTraceElement[] stack) {
        for (StackTraceElement frame : stack) {
            if (setUpFrame.test(frame)) {
                return true;
            }
        }
        return false;
    }

    /** Waits while the thread that started this loop is still inside the set-up; false if interrupted. */
    private boolean awaitSetUp() {
        Thread s = starter;
        if (s == null) {
            return true;
        }
        long start = System.nanoTime();
        while (running && inSetUp(s.getStackTrace())) {
            if (System.nanoTime() - start > MAX_WAIT_NANOS) {
                LOGGER.warning(getName() + ": the kernel's set-up has not returned after "
                        + MAX_WAIT_NANOS / 1_000_000_000L + " s; the loop starts anyway");
                break;
            }
            if (!pause(1)) {
                return false;
            }
        }
        starter = null;
        return true;
    }

    private boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            running = false;
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
