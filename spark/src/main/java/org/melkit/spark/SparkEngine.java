package org.melkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Engine;
import org.melkit.batch.Progress;

/**
 * A melkit {@link Engine} on Apache Spark: a job's per-input task runs on the executors, one
 * Spark task per slice of inputs; the outcomes come back to the driver in input order, where the
 * job does its global steps exactly as on threads. The task is broadcast once (it may carry the
 * resume journal), not shipped with every Spark task.
 *
 * <p>Spark retries a failed or lost task; melkit's tasks write each output under a temporary
 * name renamed into place and are pure functions of their input, so a retried or speculative
 * attempt leaves the same bytes. A bad input is never a Spark failure: it is an outcome (the
 * recipe's failure row). Inputs go to Spark in chunks ({@link #withChunk}), so the journal
 * follows the run chunk by chunk.
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * ClassFolderExtractor.of(MelDbParams.DEFAULT).withEngine(SparkEngine.of(spark)).run(in, out);
 * }</pre>
 */
public final class SparkEngine implements Engine {
    private static final long serialVersionUID = 1L;

    /** Inputs per Spark job by default: the journal is brought up to date after each. */
    public static final int DEFAULT_CHUNK = 10_000;

    private final transient SparkSession spark;
    private final int slicesPerCore;
    private final int chunk;

    private SparkEngine(SparkSession spark, int slicesPerCore, int chunk) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (slicesPerCore < 1) {
            throw new IllegalArgumentException("slicesPerCore=" + slicesPerCore + " must be >= 1");
        }
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk=" + chunk + " must be >= 1 (inputs per Spark job); typical: " + DEFAULT_CHUNK);
        }
        this.slicesPerCore = slicesPerCore;
        this.chunk = chunk;
    }

    /**
     * Runs on {@code spark}'s executors, with 4 slices per core (small slices balance uneven files;
     * a lost one costs little), {@value #DEFAULT_CHUNK} inputs per Spark job.
     */
    public static SparkEngine of(SparkSession spark) {
        return new SparkEngine(spark, 4, DEFAULT_CHUNK);
    }

    /** The same engine with {@code v} input slices per executor core. */
    public SparkEngine withSlicesPerCore(int v) {
        return new SparkEngine(spark, v, chunk);
    }

    /**
     * The same engine running at most {@code v} inputs per Spark job: the outcomes of each job
     * reach the caller (the job's journal) before the next starts, so a driver lost mid-run
     * loses at most one chunk of resume state; each job ends at its slowest slice, so very small
     * chunks leave cores idle.
     */
    public SparkEngine withChunk(int v) {
        return new SparkEngine(spark, slicesPerCore, v);
    }

    @Override
    public <T extends Serializable, R extends Serializable> List<BatchRun.Outcome<R>> map(List<T> items, Task<T, R> task,
            BiConsumer<T, BatchRun.Outcome<R>> done, Progress progress, String name) {
        progress.start(name, items.size());
        try {
            if (items.isEmpty()) {
                return List.of();
            }
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<Task<T, R>> shared = jsc.broadcast(task);
            try {
                List<BatchRun.Outcome<R>> out = new ArrayList<>(items.size());
                for (int from = 0; from < items.size(); from += chunk) {
                    List<T> part = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunk)));
                    int slices = Math.max(1, Math.min(part.size(), jsc.defaultParallelism() * slicesPerCore));
                    jsc.setJobDescription("melkit " + name + ": inputs " + (from + 1) + "-" + (from + part.size()) + " of " + items.size());
                    List<BatchRun.Outcome<R>> outcomes = jsc.parallelize(part, slices)
                            .map(item -> BatchRun.attempt(() -> shared.value().apply(item))).collect();
                    for (int i = 0; i < part.size(); i++) {
                        BatchRun.Outcome<R> o = outcomes.get(i);
                        done.accept(part.get(i), o);
                        progress.step(part.get(i).toString());
                        out.add(o);
                    }
                }
                return out;
            } finally {
                shared.destroy();
            }
        } finally {
            progress.done();
        }
    }

    @Override
    public String describe() {
        return "spark(" + spark.sparkContext().master() + ")";
    }

    @Override
    public String toString() {
        return "SparkEngine[" + describe() + ", " + slicesPerCore + " slices per core, " + chunk + " inputs per job]";
    }
}
