package org.melkit.batch;

import java.io.Serializable;
import java.util.List;
import java.util.function.BiConsumer;
import org.melkit.features.Parallel;

/**
 * Where a batch job's per-input work runs: threads in this JVM ({@link #threads}, what every
 * command uses), or another engine such as Apache Spark's executors ({@code melkit-spark}). The
 * job's recipe stays the same: it plans its inputs, hands the per-input {@link Task} to the
 * engine, and does its global steps (labels, ordering, metadata, manifest) in this JVM, so the
 * outputs are the same bytes on every engine.
 *
 * <p>A task and its items must be {@link Serializable} (an engine may ship them to other
 * machines), must depend on nothing but their own fields, and must write only under the job's
 * output folder, each file under a temporary name renamed into place (so a retried task, or one
 * that ran twice, leaves the same bytes).
 */
public interface Engine extends Serializable {
    /** The per-input work of a job: a pure function of the item and the task's own fields. */
    @FunctionalInterface
    interface Task<T, R> extends Serializable {
        R apply(T item);
    }

    /**
     * Applies {@code task} to every item; the outcomes come back in item order whatever the
     * parallelism. An exception, or running out of memory, on one item is that item's failure
     * (with the message); the batch goes on. {@code done} is called in this JVM once per item
     * with its outcome (as each finishes on local threads, from several threads at once; after
     * the work returns on a cluster).
     */
    <T extends Serializable, R extends Serializable> List<BatchRun.Outcome<R>> map(List<T> items, Task<T, R> task,
            BiConsumer<T, BatchRun.Outcome<R>> done, Progress progress, String name);

    /** A short description for summaries and manifests ({@code "threads(2)"}, {@code "spark(local[2])"}). */
    String describe();

    /** {@code jobs} threads in this JVM (0: all cores); what every command uses. */
    static Engine threads(int jobs) {
        Parallel.checkJobs(jobs);
        return new Engine() {
            @Override
            public <T extends Serializable, R extends Serializable> List<BatchRun.Outcome<R>> map(List<T> items, Task<T, R> task,
                    BiConsumer<T, BatchRun.Outcome<R>> done, Progress progress, String name) {
                progress.start(name, items.size());
                try {
                    return Parallel.map(items, jobs, item -> {
                        BatchRun.Outcome<R> o = BatchRun.attempt(() -> task.apply(item));
                        done.accept(item, o);
                        progress.step(item.toString());
                        return o;
                    });
                } finally {
                    progress.done();
                }
            }

            @Override
            public String describe() {
                return "threads(" + Parallel.resolve(jobs) + ")";
            }

            @Override
            public String toString() {
                return "Engine." + describe();
            }
        };
    }
}
