package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Engine;
import org.melkit.batch.Progress;

/**
 * extract through an {@link Engine} that ships its task and every item through Java
 * serialization, in reverse order, as a cluster engine (melkit-spark) would: the same bytes as
 * the threads engine, and a re-run that reuses everything still true.
 */
class ExtractEngineTest {
    /** Serializes the task once and each item, runs them last to first, returns outcomes in item order. */
    static final class ShippingEngine implements Engine {
        final AtomicInteger shipped = new AtomicInteger();

        @Override
        public <T extends Serializable, R extends Serializable> List<BatchRun.Outcome<R>> map(List<T> items, Task<T, R> task,
                BiConsumer<T, BatchRun.Outcome<R>> done, Progress progress, String name) {
            Task<T, R> remote = roundTrip(task);
            List<BatchRun.Outcome<R>> out = new ArrayList<>(java.util.Collections.nCopies(items.size(), null));
            for (int i = items.size() - 1; i >= 0; i--) {
                T item = roundTrip(items.get(i));
                shipped.incrementAndGet();
                out.set(i, roundTrip(BatchRun.attempt(() -> remote.apply(item))));
            }
            for (int i = 0; i < items.size(); i++) {
                done.accept(items.get(i), out.get(i));
            }
            return out;
        }

        @Override
        public String describe() { return "shipping"; }

        @SuppressWarnings("unchecked")
        static <X> X roundTrip(X x) {
            try {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                try (ObjectOutputStream o = new ObjectOutputStream(b)) {
                    o.writeObject(x);
                }
                try (ObjectInputStream i = new ObjectInputStream(new ByteArrayInputStream(b.toByteArray()))) {
                    return (X) i.readObject();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    void anEngineThatShipsTheWorkGivesTheSameBytesAndResumes(@TempDir Path tmp) throws IOException {
        Path in = DatasetFixtures.trapTree(tmp);
        MelDbParams p = MelDbParams.DEFAULT.withFrames(32);
        ExtractResult threads = ClassFolderExtractor.of(p).withJobs(2).run(in, tmp.resolve("threads"));
        ShippingEngine engine = new ShippingEngine();
        ExtractResult shipped = ClassFolderExtractor.of(p).withEngine(engine).run(in, tmp.resolve("shipped"));

        assertEquals(threads.rows(), shipped.rows());
        assertEquals(threads.failureMap(), shipped.failureMap());
        assertTrue(threads.failureCount() >= 2, threads.toString());
        // every byte the same, but for the manifest's engine field: a threads run records none
        Map<String, String> threadsFiles = DatasetFixtures.contents(tmp.resolve("threads"));
        assertFalse(threadsFiles.get("manifest.json").contains("\"engine\""), threadsFiles.get("manifest.json"));
        assertEquals(threadsFiles, withoutEngine(DatasetFixtures.contents(tmp.resolve("shipped"))));
        assertEquals(threads.inputs(), engine.shipped.get(), "every input went through the engine");

        ExtractResult again = ClassFolderExtractor.of(p).withEngine(new ShippingEngine()).run(in, tmp.resolve("shipped"));
        assertEquals(threads.written(), again.reused(), again.toString());
        assertEquals(threadsFiles, withoutEngine(DatasetFixtures.contents(tmp.resolve("shipped"))));
        // a threads re-run over the engine's build reuses it (the engine is no parameter) and drops the field
        ExtractResult one = ClassFolderExtractor.of(p).withJobs(1).run(in, tmp.resolve("shipped"));
        assertEquals(threads.written(), one.reused(), one.toString());
        assertEquals(threadsFiles, DatasetFixtures.contents(tmp.resolve("shipped")));
    }

    /** {@code files} with the manifest's line {@code "engine": "shipping"} removed, after checking it is there once. */
    static Map<String, String> withoutEngine(Map<String, String> files) {
        String m = files.get("manifest.json");
        String line = "\n  \"engine\": \"shipping\",";
        assertEquals(m.indexOf(line), m.lastIndexOf(line), m);
        assertTrue(m.contains(line), m);
        Map<String, String> f = new java.util.TreeMap<>(files);
        f.put("manifest.json", m.replace(line, ""));
        return f;
    }
}
