package org.melkit.dsp;

/**
 * Per-thread scratch buffers for hot loops, so that a frame loop allocates nothing.
 * {@link #acquire()} hands out this thread's buffers, or fresh ones when they are already in use
 * (a nested call), so nesting is safe; {@link #close()} gives them back.
 */
final class Scratch implements AutoCloseable {
    private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

    private double[] work = new double[0];
    private double[] bins = new double[0];
    private double[] extra = new double[0];
    private boolean inUse;

    static Scratch acquire() {
        Scratch s = LOCAL.get();
        if (s.inUse) {
            s = new Scratch();
        }
        s.inUse = true;
        return s;
    }

    /** At least {@code n} doubles (contents undefined). */
    double[] work(int n) {
        if (work.length < n) {
            work = new double[n];
        }
        return work;
    }

    /** A second buffer of at least {@code n} doubles. */
    double[] bins(int n) {
        if (bins.length < n) {
            bins = new double[n];
        }
        return bins;
    }

    /** A third buffer of at least {@code n} doubles. */
    double[] extra(int n) {
        if (extra.length < n) {
            extra = new double[n];
        }
        return extra;
    }

    @Override
    public void close() {
        inUse = false;
    }
}
