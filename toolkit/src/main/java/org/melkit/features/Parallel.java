package org.melkit.features;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
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

    @SuppressWarnings("unchecked")
    private static <R> List<R> castList(Object[] out) {
        return (List<R>) Arrays.asList(out);
    }
}
