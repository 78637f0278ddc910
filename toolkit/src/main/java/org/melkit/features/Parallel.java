package org.melkit.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Order-preserving parallel map across clips (never inside one FFT): each item's result depends
 * only on that item, so output is identical for any thread count.
 */
public final class Parallel {
    private Parallel() {}

    /** Threads to use for a request of {@code threads} (0 or less: all available cores). */
    public static int resolve(int threads) {
        return threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    }

    /**
     * {@code jobs}, checked as every batch job's {@code withJobs} takes it: 0 for all cores, else
     * the thread count.
     *
     * @throws IllegalArgumentException when {@code jobs < 0}
     */
    public static int checkJobs(int jobs) {
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1, or 0 for all cores");
        }
        return jobs;
    }

    /** {@code f} applied to every item, in input order, on {@code threads} threads. */
    public static <T, R> List<R> map(List<T> items, int threads, Function<? super T, ? extends R> f) {
        int n = items.size();
        int k = Math.min(resolve(threads), Math.max(1, n));
        Object[] out = new Object[n];
        if (k <= 1) {
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(items.get(i));
            }
            return castList(out);
        }
        ExecutorService pool = Executors.newFixedThreadPool(k, r -> {
            Thread t = new Thread(r, "melkit-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            AtomicInteger next = new AtomicInteger();
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < k; w++) {
                futures.add(pool.submit(() -> {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        out[i] = f.apply(items.get(i));
                    }
                    return null;
                }));
            }
            for (Future<?> fu : futures) {
                fu.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdownNow();
        }
        return castList(out);
    }

    /**
     * A two-stage pipeline over {@code items} that keeps the cores busy while one stage waits on
     * another process: {@code first} (typically decoding in an external process, where the
     * calling thread mostly waits) runs on {@code threads} threads, {@code second} (the CPU work
     * on what {@code first} gave) on another {@code threads} threads, and {@code inOrder} receives
     * the results on the calling thread in input order, as soon as each one and all before it
     * are done (so writing overlaps both stages). At most {@code 2 * threads} items are in flight,
     * which bounds memory. With {@code threads <= 1} it runs everything on the calling thread,
     * item by item. What {@code inOrder} sees is identical for any thread count when each item's
     * stages depend only on that item.
     *
     * @throws RuntimeException the exception of the earliest failing item in input order (the
     *     items after it are cancelled; {@code inOrder} has seen every item before it)
     */
    public static <T, A, R> void pipeline(List<T> items, int threads, Function<? super T, ? extends A> first,
            BiFunction<? super T, ? super A, ? extends R> second, Consumer<? super R> inOrder) {
        int k = resolve(threads);
        if (k <= 1 || items.size() <= 1) {
            for (T item : items) {
                inOrder.accept(second.apply(item, first.apply(item)));
            }
            return;
        }
        ExecutorService firstPool = Executors.newFixedThreadPool(k, daemon("melkit-stage1"));
        ExecutorService secondPool = Executors.newFixedThreadPool(k, daemon("melkit-stage2"));
        Deque<CompletableFuture<R>> inFlight = new ArrayDeque<>();
        int window = 2 * k;
        try {
            int next = 0;
            while (next < items.size() || !inFlight.isEmpty()) {
                while (next < items.size() && inFlight.size() < window) {
                    T item = items.get(next++);
                    inFlight.add(CompletableFuture.supplyAsync(() -> first.apply(item), firstPool)
                            .thenApplyAsync(a -> second.apply(item, a), secondPool));
                }
                inOrder.accept(inFlight.removeFirst().get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing features", e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause() instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            for (CompletableFuture<R> f : inFlight) {
                f.cancel(false);
            }
            firstPool.shutdownNow();
            secondPool.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @SuppressWarnings("unchecked")
    private static <R> List<R> castList(Object[] out) {
        return (List<R>) Arrays.asList(out);
    }
}
