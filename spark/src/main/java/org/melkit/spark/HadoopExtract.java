package org.melkit.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.Failures;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MelDbParams;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.Csv;
import org.melkit.io.Json;
import org.melkit.io.Npy;

/**
 * extract from and to any Hadoop file system ({@code hdfs://}, {@code s3a://} with its connector,
 * any scheme configured as {@code fs.<scheme>.impl}), on the batch runtime's rules
 * ({@link HadoopRun}: lock, journal, parameter and input checks, resume). Two layouts:
 * <ul>
 *   <li>{@link Format#FOLDER}, the CLI's: {@code features/CLASS/…/NAME.npy}, {@code metadata.csv},
 *       {@code labels.json}, {@code failures.csv}: the bytes {@code melkit extract} writes for the
 *       same input (each {@code .npy} is written by the executor that computed it);</li>
 *   <li>{@link Format#PARQUET}: {@code features.parquet/} (the rows of {@link ParquetFeatures#schema()},
 *       sorted by source) with the same {@code labels.json} and {@code failures.csv}. During a run,
 *       each chunk of new rows is written to {@code parts/N/} (journalled, so a killed run keeps
 *       them); the run ends by writing the kept and new rows, sorted, as one dataset.</li>
 * </ul>
 * Both add {@code manifest.json} (with the engine) and {@code journal.jsonl}; a re-run decodes
 * only inputs that are new or changed (by size, time and content hash) and removes the outputs of
 * inputs that are gone.
 *
 * <p>The driver lists the input (extract's class-folder rules: first-level, non-hidden folders are
 * classes sorted by code point, audio files below them are inputs, names starting with {@code .}
 * are skipped). Each executor copies one input at a time to a local temporary file (keeping its
 * extension, for the decoder), hashing it on the way, runs extract's per-file step
 * ({@link ClassFolderExtractor#featureOf}) and deletes the copy.
 */
final class HadoopExtract {
    static final String LABELS = "labels.json";
    static final String FAILURES = "failures.csv";
    static final String MANIFEST = "manifest.json";
    static final String METADATA = "metadata.csv";
    /** The folder of a Parquet build's journalled chunks until the run ends. */
    static final String PARTS = "parts";

    /** The output layout. */
    enum Format { FOLDER, PARQUET }

    private HadoopExtract() {}

    /** What one run did. */
    record Result(Format format, int classes, int inputs, long written, int decoded, int reused, Map<String, String> failures,
                  List<String> vanished, URI output) {
        @Override
        public String toString() {
            return classes + " classes, " + inputs + " inputs: " + written + " features (" + decoded + " decoded, " + reused + " reused), "
                    + failures.size() + " failures" + (vanished.isEmpty() ? "" : ", " + vanished.size() + " inputs gone (outputs removed)")
                    + " -> " + output + (format == Format.PARQUET ? "/" + ParquetFeatures.NAME : "");
        }
    }

    /** One input: listed file, class, label, the CLI's feature path below the output. */
    record Item(HadoopRun.Listed file, String className, int label, String target) implements Serializable {
        String source() { return file.source(); }

        @Override
        public String toString() { return file.source(); }
    }

    enum Status { DECODED, REUSED, FAILED }

    /** One input's outcome; {@code values}: the feature (Parquet, until written); {@code key}: when the input could be read. */
    record Done(Item item, Status status, Journal.Key key, int[] shape, float[] values, String failure) implements Serializable {
        Done withoutValues() {
            return values == null ? this : new Done(item, status, key, shape, null, failure);
        }
    }

    /**
     * Runs extract from {@code input} into {@code output} on {@code spark}, {@code chunk} inputs per Spark job.
     *
     * @throws IllegalArgumentException when a rule refuses the run (nothing is touched): not a
     *     folder, no audio, input and output inside one another, another build's parameters or input
     *     without {@code overwrite}, another run holding the output
     */
    static Result run(SparkSession spark, URI input, URI output, MelDbParams params, Format format, boolean overwrite, int chunk) {
        return run(spark, input, output, params, format, overwrite, chunk, () -> { });
    }

    /** {@link #run} calling {@code afterChunk} after each chunk's journal is written (tests stop a run there, as a kill would). */
    static Result run(SparkSession spark, URI input, URI output, MelDbParams params, Format format, boolean overwrite, int chunk,
                      Runnable afterChunk) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<HadoopRun.Listed> listed = HadoopRun.list(conf, input, rel -> rel.indexOf('/') > 0 && AudioFiles.isAudio(rel));
        List<String> classes = classes(conf, input);
        List<String> owned = format == Format.FOLDER
                ? List.of(ClassFolderExtractor.FEATURES, METADATA, LABELS)
                : List.of(ParquetFeatures.NAME, PARTS, LABELS);
        List<String> trees = format == Format.FOLDER ? List.of() : List.of(ParquetFeatures.NAME, PARTS);
        // the folder layout's parameters are the CLI's; a Parquet build records its format, so one is never taken for the other
        Map<String, Object> parameters = new LinkedHashMap<>(params.toMap());
        if (format == Format.PARQUET) {
            parameters.put("format", "parquet");
        }
        HadoopRun.Spec spec = new HadoopRun.Spec(ClassFolderExtractor.COMMAND, parameters, true, owned, trees, overwrite);
        try (HadoopRun run = HadoopRun.open(spec, conf, input, listed, output)) {
            Map<String, Integer> labels = new LinkedHashMap<>();
            for (String c : classes) {
                labels.put(c, labels.size());
            }
            List<Item> items = new ArrayList<>();
            for (HadoopRun.Listed l : listed) {
                String c = l.source().substring(0, l.source().indexOf('/'));
                items.add(new Item(l, c, labels.get(c), ClassFolderExtractor.target(l.source())));
            }
            Map<String, String> collisions = ClassFolderExtractor.collisions(items.stream().map(Item::source).toList());
            String engine = "spark(" + spark.sparkContext().master() + ")";
            List<Done> outcomes = featurise(spark, run, items, params, collisions, format, chunk, afterChunk);

            Failures failures = new Failures();
            Manifest manifest = run.manifest();
            List<List<?>> metadata = new ArrayList<>();
            int decoded = 0;
            int reused = 0;
            for (Done d : outcomes) {
                if (d.key() != null) {
                    manifest.input(d.item().source(), d.key().sha256());
                }
                switch (d.status()) {
                    case FAILED -> failures.add(d.item().source(), d.failure());
                    case REUSED -> reused++;
                    case DECODED -> decoded++;
                }
                if (d.status() != Status.FAILED) {
                    Item it = d.item();
                    metadata.add(new ExtractResult.Row(it.target(), it.label(), it.className(), it.source()).csv());
                }
            }
            manifest.count("classes", classes.size()).count("inputs", items.size()).count("outputs", metadata.size())
                    .count("failures", failures.count()).engine(engine);
            FileSystem fs = run.fs();
            if (format == Format.PARQUET) {
                consolidate(spark, run, outcomes);
            } else {
                run.writeIfChanged(new Path(run.folder(), METADATA), Csv.text(ClassFolderExtractor.METADATA_HEADER, metadata));
            }
            run.writeIfChanged(new Path(run.folder(), LABELS), Json.write(labels));
            HadoopRun.Summary s = run.finish(manifest, failures);
            if (format == Format.PARQUET) {
                HadoopRun.deleteQuietly(fs, new Path(run.folder(), PARTS), true);
            }
            return new Result(format, classes.size(), items.size(), metadata.size(), decoded, reused, failures.asMap(), s.vanished(), output);
        }
    }

    /** Non-hidden folders directly in the input, sorted by code point (extract's classes, with or without audio). */
    private static List<String> classes(Configuration conf, URI input) {
        FileSystem fs = HadoopFiles.fs(input, conf);
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus st : fs.listStatus(new Path(input))) {
                String name = st.getPath().getName();
                if (st.isDirectory() && !name.startsWith(".")) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + input + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    /**
     * The per-file work over every item, {@code chunk} at a time; after each chunk its outcomes go
     * into the journal (for Parquet, once its rows are written to {@code parts/N}) and the journal
     * is written, so a killed run resumes from there.
     */
    private static List<Done> featurise(SparkSession spark, HadoopRun run, List<Item> items, MelDbParams params,
                                        Map<String, String> collisions, Format format, int chunk, Runnable afterChunk) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> hadoopConf = jsc.broadcast(HadoopFiles.serialise(spark.sparkContext().hadoopConfiguration()));
        Broadcast<Featurise> task = jsc.broadcast(new Featurise(params, AudioDecoder.load(), run.reuse(), collisions, format,
                run.folder().toString()));
        String runId = Long.toString(System.currentTimeMillis(), 36);
        List<Done> out = new ArrayList<>(items.size());
        try {
            for (int from = 0, n = 0; from < items.size(); from += chunk, n++) {
                List<Item> part = new ArrayList<>(items.subList(from, Math.min(items.size(), from + chunk)));
                int slices = Math.max(1, Math.min(part.size(), jsc.defaultParallelism() * 4));
                jsc.setJobDescription("melkit extract: inputs " + (from + 1) + "-" + (from + part.size()) + " of " + items.size());
                JavaRDD<Done> done = jsc.parallelize(part, slices).map(it -> task.value().apply(it, HadoopFiles.deserialise(hadoopConf.value())));
                List<Done> outcomes;
                String partName = PARTS + "/" + runId + "-" + n;
                if (format == Format.PARQUET) {
                    done = done.persist(StorageLevel.MEMORY_AND_DISK_SER());
                    try {
                        outcomes = done.map(Done::withoutValues).collect();
                        if (outcomes.stream().anyMatch(d -> d.status() == Status.DECODED)) {
                            JavaRDD<Row> rows = done.filter(d -> d.status() == Status.DECODED).map(HadoopExtract::row);
                            spark.createDataFrame(rows, ParquetFeatures.schema()).write().mode(SaveMode.Overwrite)
                                    .parquet(new Path(run.folder(), partName).toString());
                        }
                    } finally {
                        done.unpersist(false);
                    }
                } else {
                    outcomes = done.collect();
                }
                for (Done d : outcomes) {
                    switch (d.status()) {
                        case DECODED -> run.record(d.key(), List.of(format == Format.FOLDER ? d.item().target() : partName), null);
                        case REUSED -> run.reused(d.item().source());
                        default -> { }
                    }
                    out.add(d);
                }
                run.checkpoint();
                afterChunk.run();
            }
            return out;
        } finally {
            task.destroy();
            hadoopConf.destroy();
        }
    }

    /**
     * Ends a Parquet build: the rows of every kept input, taken from where its journal entry says
     * ({@code features.parquet} or a chunk in {@code parts/}), sorted by source, become the new
     * {@code features.parquet} (written under a temporary name, then swapped in); the entries then
     * name it. Nothing is rewritten when every input was reused and none is gone.
     */
    private static void consolidate(SparkSession spark, HadoopRun run, List<Done> outcomes) {
        Map<String, List<String>> byLocation = new TreeMap<>();
        boolean changed = false;
        for (Done d : outcomes) {
            if (d.status() == Status.FAILED) {
                continue;
            }
            Journal.Entry e = run.entry(d.item().source());
            String where = e.outputs().get(0);
            byLocation.computeIfAbsent(where, k -> new ArrayList<>()).add(d.item().source());
            changed |= !where.equals(ParquetFeatures.NAME);
        }
        FileSystem fs = run.fs();
        Path target = new Path(run.folder(), ParquetFeatures.NAME);
        Set<String> kept = new TreeSet<>();
        byLocation.values().forEach(kept::addAll);
        try {
            long before = fs.exists(target) ? spark.read().parquet(target.toString()).count() : -1;
            changed |= before != kept.size();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + target + ": " + e.getMessage(), e);
        }
        run.keep(ParquetFeatures.NAME); // the dataset stays, even when no input is left in it
        if (!changed) {
            return;
        }
        Dataset<Row> all = null;
        for (Map.Entry<String, List<String>> loc : byLocation.entrySet()) {
            Dataset<Row> sources = spark.createDataset(loc.getValue(), Encoders.STRING()).toDF("source");
            Dataset<Row> rows = spark.read().schema(ParquetFeatures.schema()).parquet(new Path(run.folder(), loc.getKey()).toString())
                    .join(org.apache.spark.sql.functions.broadcast(sources), "source", "left_semi");
            all = all == null ? rows : all.unionByName(rows);
        }
        Path tmp = HadoopFiles.tempSibling(target);
        if (all == null) {
            all = spark.createDataFrame(List.of(), ParquetFeatures.schema());
        }
        all.orderBy("source").write().mode(SaveMode.ErrorIfExists).parquet(tmp.toString());
        try {
            if (fs.exists(target) && !fs.delete(target, true)) {
                throw new IOException("cannot remove the previous " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
        for (Done d : outcomes) {
            if (d.status() != Status.FAILED) {
                Journal.Entry e = run.entry(d.item().source());
                run.record(new Journal.Key(e.source(), e.size(), e.mtime(), e.sha256()), List.of(ParquetFeatures.NAME), null);
            }
        }
        run.checkpoint();
    }

    /** extract's per-file step on an executor, over local copies of the inputs. */
    record Featurise(MelDbParams params, AudioDecoder decoder, HadoopRun.Reuse reuse, Map<String, String> collisions, Format format,
                     String folder) implements Serializable {
        Done apply(Item it, Configuration conf) {
            String ext = AudioFiles.extension(it.source());
            java.nio.file.Path tmp = null;
            Journal.Key key = null;
            try {
                Path p = new Path(URI.create(it.file().uri()));
                FileSystem fs = p.getFileSystem(conf);
                FileStatus st = fs.getFileStatus(p);
                HadoopFiles.Copy copy = HadoopFiles.localCopyHashed(fs, p, ext.isEmpty() ? "" : "." + ext);
                tmp = copy.file();
                key = new Journal.Key(it.source(), st.getLen(), st.getModificationTime(), copy.sha256());
                String collision = collisions.get(it.source());
                if (collision != null) {
                    return new Done(it, Status.FAILED, key, null, null, collision);
                }
                if (reuse.reusable(key) != null) {
                    return new Done(it, Status.REUSED, key, null, null, null);
                }
                ClassFolderExtractor.FileFeature f = ClassFolderExtractor.featureOf(tmp, params, decoder);
                if (f.failure() != null) {
                    return new Done(it, Status.FAILED, key, null, null, HadoopFiles.named(f.failure(), tmp, it.file().uri()));
                }
                FloatMatrix m = f.feature();
                if (format == Format.FOLDER) {
                    Path target = new Path(new Path(URI.create(folder)), it.target());
                    HadoopFiles.writeAtomically(target.getFileSystem(conf), target, Npy.bytes(m));
                    return new Done(it, Status.DECODED, key, m.shape(), null, null);
                }
                return new Done(it, Status.DECODED, key, m.shape(), m.toArray(), null);
            } catch (OutOfMemoryError e) {
                // this input's failure, not the task's: Spark would retry it and fail the job
                return new Done(it, Status.FAILED, key, null, null, "out of memory (" + e.getMessage()
                        + "); give the executors more memory (spark.executor.memory) or split the recording");
            } catch (IOException | RuntimeException e) {
                String why = org.melkit.batch.OutputFiles.describe(java.nio.file.Path.of(it.source()), e);
                return new Done(it, Status.FAILED, key, null, null, tmp == null ? why : HadoopFiles.named(why, tmp, it.file().uri()));
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
    }

    private static Row row(Done d) {
        Integer[] shape = new Integer[d.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = d.shape()[i];
        }
        Float[] values = new Float[d.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.values()[i];
        }
        return RowFactory.create(d.item().source(), d.item().className(), d.item().label(), shape, values);
    }

}
