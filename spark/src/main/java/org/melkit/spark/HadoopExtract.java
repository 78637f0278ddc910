package org.melkit.spark;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.MelDbParams;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.Csv;
import org.melkit.io.Json;

/**
 * extract from and to any Hadoop file system ({@code hdfs://}, {@code s3a://} with its connector,
 * any scheme configured as {@code fs.<scheme>.impl}), written as Parquet: {@code OUT/features.parquet/}
 * (the rows of {@link ParquetFeatures#schema()}, in source order), {@code OUT/labels.json} and
 * {@code OUT/failures.csv} (the bytes {@code melkit extract} writes for the same input) and
 * {@code OUT/manifest.json} (with the engine).
 *
 * <p>The driver lists the input (the class-folder rules of {@code melkit extract}: first-level,
 * non-hidden folders are classes sorted by code point, audio files below them are inputs, names
 * starting with {@code .} are skipped). Each executor copies one input at a time to a local
 * temporary file (keeping its extension, for the decoder), runs extract's per-file step
 * ({@link ClassFolderExtractor#featureOf}) on it and deletes it. Spark writes the Parquet
 * dataset through its commit protocol (all or nothing); the small files are written under a
 * temporary name and renamed into place. There is no resume journal here: a re-run computes
 * everything again (and replaces the output only with {@code --overwrite}).
 */
final class HadoopExtract {
    static final String LABELS = "labels.json";
    static final String FAILURES = "failures.csv";
    static final String MANIFEST = "manifest.json";

    private HadoopExtract() {}

    /** What one run did. */
    record Result(int classes, int inputs, long written, Map<String, String> failures, URI output) {
        @Override
        public String toString() {
            return classes + " classes, " + inputs + " inputs: " + written + " features, " + failures.size() + " failures -> " + output
                    + "/" + ParquetFeatures.NAME;
        }
    }

    /** One input: its path below the input root, its URI, class and label. */
    record Item(String source, String uri, String className, int label) implements Serializable {
        @Override
        public String toString() { return source; }
    }

    /** One input's result: a feature ({@code shape}, {@code values}) or a failure. */
    record Done(Item item, int[] shape, float[] values, String failure) implements Serializable {}

    /**
     * Runs extract from {@code input} into {@code output} on {@code spark}.
     *
     * @throws IllegalArgumentException when the input is not a folder, has no audio, or the output
     *     holds files and {@code overwrite} is false
     */
    static Result run(SparkSession spark, URI input, URI output, MelDbParams params, boolean overwrite) {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        FileSystem inFs = HadoopFiles.fs(input, conf);
        FileSystem outFs = HadoopFiles.fs(output, conf);
        Path inRoot = new Path(input);
        Path outRoot = new Path(output);
        try {
            if (!inFs.getFileStatus(inRoot).isDirectory()) {
                throw new IllegalArgumentException("input=" + input + " is not a folder");
            }
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("input=" + input + " is not a folder (it does not exist)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + input + ": " + e.getMessage(), e);
        }
        String inPath = inFs.makeQualified(inRoot).toUri().getPath();
        String outPath = outFs.makeQualified(outRoot).toUri().getPath();
        if (sameFileSystem(inFs, outFs) && (under(outPath, inPath) || under(inPath, outPath))) {
            throw new IllegalArgumentException("output=" + output + " and input=" + input + " lie inside one another; choose an output"
                    + " outside the input");
        }
        checkOutput(outFs, outRoot, output, overwrite);

        List<String> classes = subfolders(inFs, inRoot);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String c : classes) {
            labels.put(c, labels.size());
        }
        List<Item> items = new ArrayList<>();
        for (String rel : new TreeSet<>(HadoopFiles.listRecursive(inFs, input))) {
            int slash = rel.indexOf('/');
            if (slash < 0 || hidden(rel) || !AudioFiles.isAudio(rel)) {
                continue;
            }
            String c = rel.substring(0, slash);
            items.add(new Item(rel, HadoopFiles.child(input, rel).toString(), c, labels.get(c)));
        }
        if (items.isEmpty()) {
            throw new IllegalArgumentException("no audio files under " + input + " (audio: "
                    + String.join(", ", new TreeSet<>(AudioFiles.AUDIO_EXTENSIONS)) + "; names starting with . are skipped)");
        }

        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<byte[]> hadoopConf = jsc.broadcast(serialise(conf));
        Broadcast<Featurise> task = jsc.broadcast(new Featurise(params, AudioDecoder.load()));
        int slices = Math.max(1, Math.min(items.size(), jsc.defaultParallelism() * 4));
        jsc.setJobDescription("melkit extract (Hadoop): " + items.size() + " inputs");
        // one pass: features stream from the executors into Parquet, failures come back in an accumulator
        // (a retried task adds its rows again under the same source: the map below keeps one)
        CollectionAccumulator<String[]> failedRows = jsc.sc().collectionAccumulator("melkit extract failures");
        JavaRDD<Row> rows = jsc.parallelize(items, slices)
                .mapPartitions(it -> task.value().rows(it, deserialise(hadoopConf.value()), failedRows));
        try {
            // the items were sorted by source and parallelize keeps their order: the part files are in source order
            spark.createDataFrame(rows, ParquetFeatures.schema()).write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                    .parquet(HadoopFiles.child(output, ParquetFeatures.NAME).toString());
            Map<String, String> failed = new TreeMap<>();
            for (String[] f : failedRows.value()) {
                failed.put(f[0], f[1]);
            }
            Failures failures = new Failures();
            failures.addAll(failed);
            long written = items.size() - failed.size();
            HadoopFiles.writeAtomically(outFs, HadoopFiles.child(output, LABELS), Json.write(labels).getBytes(StandardCharsets.UTF_8));
            HadoopFiles.writeAtomically(outFs, HadoopFiles.child(output, FAILURES),
                    Csv.text(Failures.HEADER, failures.rows()).getBytes(StandardCharsets.UTF_8));
            Manifest m = new Manifest("extract").parameters(params.toMap()).inputFolder(input.toString())
                    .count("classes", classes.size()).count("inputs", items.size()).count("outputs", written)
                    .count("failures", failed.size()).outputs(List.of(ParquetFeatures.NAME, LABELS, FAILURES, MANIFEST));
            m.parameter("engine", "spark(" + spark.sparkContext().master() + ")");
            HadoopFiles.writeAtomically(outFs, HadoopFiles.child(output, MANIFEST), manifestBytes(m));
            return new Result(classes.size(), items.size(), written, failed, output);
        } finally {
            task.destroy();
            hadoopConf.destroy();
        }
    }

    /** extract's per-file step on an executor, over local copies of the inputs. */
    record Featurise(MelDbParams params, AudioDecoder decoder) implements Serializable {
        /** The Parquet rows of {@code items}, computed one at a time as the writer asks; failures go to {@code failed}. */
        Iterator<Row> rows(Iterator<Item> items, Configuration conf, CollectionAccumulator<String[]> failed) {
            return new Iterator<>() {
                private Row next = advance();

                private Row advance() {
                    while (items.hasNext()) {
                        Done d = apply(items.next(), conf);
                        if (d.failure() == null) {
                            return row(d);
                        }
                        failed.add(new String[] {d.item().source(), d.failure()});
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Row next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Row r = next;
                    next = advance();
                    return r;
                }
            };
        }

        Done apply(Item it, Configuration conf) {
            String ext = AudioFiles.extension(it.source());
            java.nio.file.Path tmp = null;
            try {
                Path p = new Path(URI.create(it.uri()));
                tmp = HadoopFiles.localCopy(p.getFileSystem(conf), p, ext.isEmpty() ? "" : "." + ext);
                ClassFolderExtractor.FileFeature f = ClassFolderExtractor.featureOf(tmp, params, decoder);
                if (f.failure() != null) {
                    return new Done(it, null, null, named(f.failure(), tmp, it));
                }
                FloatMatrix m = f.feature();
                return new Done(it, m.shape(), m.toArray(), null);
            } catch (IOException | RuntimeException e) {
                String why = org.melkit.batch.OutputFiles.describe(java.nio.file.Path.of(it.source()), e);
                return new Done(it, null, null, tmp == null ? why : named(why, tmp, it));
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

    /** {@code failure} with the local copy's path (which ffmpeg's messages quote) replaced by the input's URI. */
    static String named(String failure, java.nio.file.Path copy, Item it) {
        return failure.replace("file:" + copy, it.uri()).replace(copy.toString(), it.uri());
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

    /** Refuses an output that holds files unless {@code overwrite}; creates it. */
    private static void checkOutput(FileSystem fs, Path root, URI output, boolean overwrite) {
        try {
            if (fs.exists(root)) {
                FileStatus st = fs.getFileStatus(root);
                if (!st.isDirectory()) {
                    throw new IllegalArgumentException("output=" + output + " exists and is not a folder; choose another --output");
                }
                if (fs.listStatus(root).length > 0 && !overwrite) {
                    throw new IllegalArgumentException("output=" + output + " is not empty; pass --overwrite to replace its "
                            + ParquetFeatures.NAME + ", " + LABELS + ", " + FAILURES + " and " + MANIFEST + ", or choose another --output");
                }
            }
            fs.mkdirs(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + output + ": " + e.getMessage(), e);
        }
    }

    /** Non-hidden folders directly in {@code dir}, sorted by code point (extract's classes). */
    private static List<String> subfolders(FileSystem fs, Path dir) {
        List<String> out = new ArrayList<>();
        try {
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (st.isDirectory() && !name.startsWith(".")) {
                    out.add(name);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    private static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String folder) {
        String f = folder.endsWith("/") ? folder : folder + "/";
        return path.equals(folder) || path.startsWith(f);
    }

    private static boolean sameFileSystem(FileSystem a, FileSystem b) {
        return a.getUri().equals(b.getUri());
    }

    private static byte[] manifestBytes(Manifest m) {
        try {
            java.nio.file.Path tmp = Files.createTempFile("melkit-manifest-", ".json");
            try {
                m.writeTo(tmp);
                return Files.readAllBytes(tmp);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Hadoop configuration as bytes, so executors open the same file systems (fs.*.impl, credentials). */
    static byte[] serialise(Configuration conf) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            conf.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static Configuration deserialise(byte[] bytes) {
        Configuration conf = new Configuration(false);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            conf.readFields(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
