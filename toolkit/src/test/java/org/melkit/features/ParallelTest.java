package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ParallelTest {
    @Test
    void pipelineDeliversEveryResultInInputOrderForAnyThreadCount() {
        List<Integer> items = IntStream.range(0, 57).boxed().toList();
        List<String> expected = items.stream().map(i -> i + ":" + (i * i)).toList();
        for (int threads : new int[] {1, 2, 3, 8}) {
            List<String> seen = new ArrayList<>();
            List<String> consumerThreads = new ArrayList<>();
            // uneven stage times so later items often finish first
            Parallel.pipeline(items, threads, i -> {
                spin((57 - i) % 7);
                return i * i;
            }, (i, sq) -> {
                spin(i % 5);
                return i + ":" + sq;
            }, r -> {
                seen.add(r);
                consumerThreads.add(Thread.currentThread().getName());
            });
            assertEquals(expected, seen, "threads=" + threads);
            String caller = Thread.currentThread().getName();
            assertTrue(consumerThreads.stream().allMatch(caller::equals), "results are consumed on the calling thread");
        }
    }

    @Test
    void pipelineKeepsAtMostTwoItemsPerThreadInFlight() {
        AtomicInteger started = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Parallel.pipeline(IntStream.range(0, 40).boxed().toList(), 2, i -> {
            maxAhead.accumulateAndGet(started.incrementAndGet() - consumed.get(), Math::max);
            return i;
        }, (i, a) -> a, r -> consumed.incrementAndGet());
        assertEquals(40, consumed.get());
        assertTrue(maxAhead.get() <= 4, "at most 2 x threads items started and not yet consumed: " + maxAhead.get());
    }

    @Test
    void pipelineRethrowsTheEarliestFailureAfterDeliveringEverythingBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.pipeline(
                IntStream.range(0, 30).boxed().toList(), 2, i -> i, (i, a) -> {
                    if (i == 11 || i == 20) {
                        throw new IllegalArgumentException("bad item " + i);
                    }
                    return a;
                }, seen::add));
        assertEquals("bad item 11", e.getMessage());
        assertEquals(IntStream.range(0, 11).boxed().toList(), seen);
    }

    private static void spin(int ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
