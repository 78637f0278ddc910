package org.melkit.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;
import org.apache.spark.api.java.JavaRDD;
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
 * recipe's failure row).
 *
 * <pre>{@code
 * SparkSession spark = SparkSession.builder().master("local[2]").getOrCreate();
 * ClassFolderExtractor.of(MelDbParams.DEFAULT).withEngine(SparkEngine.of(spark)).run(in, out);
 * }</pre>
 */
public final class SparkEngine implements Engine {
    private static final long serialVersionUID = 1L;

    private final transient SparkSession spark;
    private final int slicesPerCore;

    private SparkEngine(SparkSession spark, int slicesPerCore) {
        this.spark = Objects.requireNonNull(spark, "spark");
        if (slicesPerCore < 1) {
            throw new IllegalArgumentException("slicesPerCore=" + slicesPerCore + " must be >= 1");
        }
        this.slicesPerCore = slicesPerCore;
    }

    /** Runs on {@code spark}'s executors, with 4 slices per core (small slices balance uneven files; a lost one costs little). */
    public static SparkEngine of(SparkSession spark) {
        return new SparkEngine(spark, 4);
    }

    /** The same engine with {@code v} input slices per executor core. */
    public SparkEngine withSlicesPerCore(int v) {
        return new SparkEngine(spark, v);
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
            int slices = Math.max(1, Math.min(items.size(), jsc.defaultParallelism() * slicesPerCore));
            Broadcast<Task<T, R>> shared = jsc.broadcast(task);
            try {
                jsc.setJobDescription("melkit " + name + ": " + items.size() + " inputs");
                JavaRDD<T> rdd = jsc.parallelize(items, slices);
                List<BatchRun.Outcome<R>> outcomes = rdd.map(item -> BatchRun.attempt(() -> shared.value().apply(item))).collect();
                List<BatchRun.Outcome<R>> out = new ArrayList<>(outcomes.size());
                for (int i = 0; i < items.size(); i++) {
                    BatchRun.Outcome<R> o = outcomes.get(i);
                    done.accept(items.get(i), o);
                    progress.step(items.get(i).toString());
                    out.add(o);
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
        return "SparkEngine[" + describe() + ", " + slicesPerCore + " slices per core]";
    }
}
