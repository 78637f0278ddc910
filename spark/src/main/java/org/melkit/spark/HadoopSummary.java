package org.melkit.spark;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.Failures;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.batch.OutputFiles;
import org.melkit.dataset.MusicSummary;
import org.melkit.dataset.SummaryFeature;
import org.melkit.dataset.SummaryParams;
import org.melkit.dataset.SummaryResult;
import org.melkit.io.Json;

/**
 * summary from and to any Hadoop file system ({@code hdfs://}, {@code s3a://} with its connector,
 * any scheme configured as {@code fs.<scheme>.impl}): the report {@code s.csv} and its sidecars
 * {@code s.failures.csv}, {@code s.journal.jsonl}, {@code s.manifest.json}, the bytes
 * {@code melkit summary} writes for the same input (a failure text that quotes the file names the
 * input's URI), and the batch runtime's rules through {@link HadoopRun}: refusal of other
 * parameters or another input unless {@code overwrite}, one run per report, a killed run's
 * temporaries removed, and a resume journal, so a re-run decodes only new, changed or failed inputs.
 *
 * <p>The driver lists the inputs ({@link MusicSummary#isInput}: audio files directly in the
 * non-hidden first-level folders) and sends them to the executors in chunks of
 * {@link SparkEngine#DEFAULT_CHUNK}, writing the journal after each. An executor stats the input,
 * copies it to a local temporary file while hashing it, and reuses the journal's row when the
 * input is unchanged, else runs summary's per-file step ({@link SummaryFeature#of}) on the copy;
 * the copy is always deleted. The driver then orders, scales and projects the rows
 * ({@link MusicSummary#assemble}) exactly as the CLI does. The manifest adds the engine.
 */
final class HadoopSummary {
    private HadoopSummary() {}

    /**
     * What one run did.
     *
     * @param summary the rows, failures and fitted PCA, as {@code melkit summary}'s
     * @param decoded inputs whose row was computed in this run (failures included)
     * @param reused inputs whose row came from the journal
     * @param finished inputs gone since the last run (their rows dropped)
     * @param staleTemporaries a killed run's temporary files that were removed at start
     * @param output the report, qualified
     * @param failuresFile its failures sidecar
     */
    record Result(SummaryResult summary, int decoded, int reused, HadoopRun.Summary finished, List<String> staleTemporaries,
                  String output, String failuresFile) {
        /** The CLI's summary line: {@code N rows written to OUT; K failure(s) (see ...)}. */
        @Override
        public String toString() {
            return summary.rows().size() + " rows written to " + output + "; " + summary.failures().size() + " failure(s)"
                    + (summary.failures().isEmpty() ? "" : " (see " + failuresFile + ")")
                    + (summary.pca() == null ? "" : "; " + summary.pca());
        }
    }

    /** One input's outcome: its row or failure, and its journal key when it could be read. */
    record Item(String source, double[] values, String failure, Journal.Key key, boolean decoded) implements Serializable {}

    /** {@link #run(SparkSession, URI, URI, SummaryParams, boolean, AudioDecoder, int)} with librosa's load and the default chunk. */
    static Result run(SparkSession spark, URI input, URI output, SummaryParams params, boolean overwrite) {
        return run(spark, input, output, params, overwrite, AudioDecoder.load(), SparkEngine.DEFAULT_CHUNK);
    }

    /**
     * Runs summary from the folder {@code input} into the report {@code output} on {@code spark}.
     *
     * @param chunk inputs per Spark job; the journal is written after each
     * @throws IllegalArgumentException when the input is not a folder or has no audio, a rule of
     *     {@link HadoopRun} refuses the run (nothing touched), or {@code pca} exceeds what could be read
     */
    static Result run(SparkSession spark, URI input, URI output, SummaryParams params, boolean overwrite, AudioDecoder decoder,
                      int chunk) {
        return run(spark, input, output, params, overwrite, decoder, chunk, () -> { });
    }

    /** {@link #run} calling {@code afterChunk} after each chunk's journal is written (tests stop a run there, as a kill would). */
    static Result run(SparkSession spark, URI input, URI output, SummaryParams params, boolean overwrite, AudioDecoder decoder,
                      int chunk, Runnable afterChunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk=" + chunk + " must be >= 1 (inputs per Spark job); typical: "
                    + SparkEngine.DEFAULT_CHUNK);
        }
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<HadoopRun.Listed> listed = HadoopRun.list(conf, input, MusicSummary::isInput);
        HadoopRun.Spec spec = new HadoopRun.Spec(MusicSummary.COMMAND, MusicSummary.parameterMap(params), false, List.of(), List.of(),
                overwrite);
        try (HadoopRun run = HadoopRun.open(spec, conf, input, listed, output)) {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            Broadcast<byte[]> hadoopConf = jsc.broadcast(HadoopFiles.serialise(conf));
            Broadcast<Summarise> task = jsc.broadcast(new Summarise(params.sr(), params.nMfcc(), decoder, run.reuse()));
            Map<String, double[]> values = new TreeMap<>();
            Map<String, String> failures = new TreeMap<>();
            Map<String, String> hashes = new TreeMap<>();
            int decoded = 0;
            int reused = 0;
            try {
                for (int from = 0; from < listed.size(); from += chunk) {
                    List<HadoopRun.Listed> part = new ArrayList<>(listed.subList(from, Math.min(listed.size(), from + chunk)));
                    int slices = Math.max(1, Math.min(part.size(), jsc.defaultParallelism() * 4));
                    jsc.setJobDescription("melkit summary (Hadoop): inputs " + (from + 1) + "-" + (from + part.size()) + " of "
                            + listed.size());
                    // one Configuration per slice; the items come back in input order
                    List<Item> items = jsc.parallelize(part, slices).mapPartitions(it -> {
                        Configuration c = HadoopFiles.deserialise(hadoopConf.value());
                        Summarise s = task.value();
                        List<Item> done = new ArrayList<>();
                        it.forEachRemaining(l -> done.add(s.apply(l, c)));
                        return done.iterator();
                    }).collect();
                    for (Item it : items) {
                        if (it.key() != null) {
                            hashes.put(it.source(), it.key().sha256());
                        }
                        if (it.failure() != null) {
                            failures.put(it.source(), it.failure());
                            decoded++;
                            continue;
                        }
                        values.put(it.source(), it.values());
                        if (it.decoded()) {
                            run.record(it.key(), List.of(), Json.MAPPER.valueToTree(it.values()));
                            decoded++;
                        } else {
                            run.reused(it.source());
                            reused++;
                        }
                    }
                    run.checkpoint();
                    afterChunk.run();
                }
            } finally {
                task.destroy();
                hadoopConf.destroy();
            }
            SummaryResult r = MusicSummary.assemble(params, values, failures, hashes);
            run.writeIfChanged(run.output(), MusicSummary.csv(r));
            Failures f = new Failures();
            f.addAll(r.failures());
            Manifest m = run.manifest();
            r.inputHashes().forEach(m::input);
            m.count("inputs", r.rows().size() + r.failures().size()).count("outputs", r.rows().size())
                    .count("failures", r.failures().size());
            m.engine("spark(" + spark.sparkContext().master() + ")");
            HadoopRun.Summary finished = run.finish(m, f);
            return new Result(r, decoded, reused, finished, run.staleTemporaries(), run.output().toString(),
                    run.sidecar("failures.csv").toString());
        }
    }

    /**
     * summary's per-file step on an executor: stat, local copy and hash, the journal's row when
     * the input is unchanged, else {@link SummaryFeature#of} on the copy.
     */
    record Summarise(int sr, int nMfcc, AudioDecoder decoder, HadoopRun.Reuse reuse) implements Serializable {
        Item apply(HadoopRun.Listed in, Configuration conf) {
            String ext = AudioFiles.extension(in.source());
            java.nio.file.Path tmp = null;
            Journal.Key key = null;
            try {
                Path p = new Path(URI.create(in.uri()));
                FileSystem fs = p.getFileSystem(conf);
                FileStatus st = fs.getFileStatus(p);
                HadoopFiles.Copy copy = HadoopFiles.localCopyHashed(fs, p, ext.isEmpty() ? "" : "." + ext);
                tmp = copy.file();
                key = new Journal.Key(in.source(), st.getLen(), st.getModificationTime(), copy.sha256());
                double[] done = rowOf(reuse.reusable(key));
                if (done != null) {
                    return new Item(in.source(), done, null, key, false);
                }
                SummaryFeature.Result r = SummaryFeature.of(decoder, tmp, sr, nMfcc);
                if (r.failure() != null) {
                    return new Item(in.source(), null, HadoopFiles.named(r.failure(), tmp, in.uri()), key, true);
                }
                return new Item(in.source(), r.values(), null, key, true);
            } catch (OutOfMemoryError e) {
                // this input's failure, not the task's: Spark would retry it and fail the job
                return new Item(in.source(), null, "out of memory (" + e.getMessage()
                        + "); give the executors more memory (spark.executor.memory) or split the recording", key, true);
            } catch (IOException | RuntimeException e) {
                String why = OutputFiles.describe(tmp != null ? tmp : java.nio.file.Path.of(in.source()), e);
                return new Item(in.source(), null, tmp == null ? why : HadoopFiles.named(why, tmp, in.uri()), key, true);
            } finally {
                if (tmp != null) {
                    try {
                        Files.deleteIfExists(tmp);
                    } catch (IOException ignored) {
                        // a temporary file in the executor's temporary folder; nothing refers to it
                    }
                }
            }
        }

        /** The row a journal entry holds ({@code nMfcc + 2} numbers, as the CLI records it), or {@code null}. */
        private double[] rowOf(Journal.Entry e) {
            int width = nMfcc + 2;
            if (e == null || e.data() == null || !e.data().isArray() || e.data().size() != width) {
                return null;
            }
            double[] v = new double[width];
            for (int i = 0; i < width; i++) {
                v[i] = e.data().get(i).asDouble();
            }
            return v;
        }
    }

}
