package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Engine;
import org.melkit.batch.Progress;

/** SparkEngine hands outcomes back in input order, chunk by chunk, a thrown task being that input's failure. */
class SparkEngineTest {
    /** Tasks applied so far: local[2]'s executors run in this JVM. */
    static final AtomicInteger APPLIED = new AtomicInteger();

    @Test
    void outcomesReachTheCallerInInputOrderOneChunkAtATime() {
        SparkSession s = SparkMain.session("local[2]", "melkit-engine-test");
        try {
            List<Integer> items = new ArrayList<>(IntStream.range(0, 10).boxed().toList());
            List<Integer> order = new ArrayList<>();
            List<Integer> appliedWhenDone = new ArrayList<>();
            APPLIED.set(0);
            Engine.Task<Integer, Integer> square = i -> {
                APPLIED.incrementAndGet();
                if (i == 7) {
                    throw new IllegalStateException("item 7 is bad");
                }
                return i * i;
            };
            List<BatchRun.Outcome<Integer>> out = SparkEngine.of(s).withChunk(3).map(items, square, (i, o) -> {
                order.add(i);
                appliedWhenDone.add(APPLIED.get());
            }, Progress.none(), "test");

            assertEquals(items, order);
            for (int k = 0; k < items.size(); k++) {
                // when item k's outcome arrives, its chunk is done and no later chunk has started
                assertEquals(Math.min(items.size(), (k / 3 + 1) * 3), appliedWhenDone.get(k), "item " + k + ": " + appliedWhenDone);
            }
            assertEquals(81, out.get(9).value());
            assertTrue(out.get(7).error().contains("item 7 is bad"), out.get(7).toString());
            assertThrows(IllegalArgumentException.class, () -> SparkEngine.of(s).withChunk(0));
        } finally {
            s.stop();
        }
    }
}
