package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.WavEncoding;
import org.melkit.cli.Main;
import org.melkit.dataset.MelDbParams;
import org.melkit.io.Npy;

/**
 * extract on a Hadoop file system that is not {@code file:} (the local one under the scheme
 * {@code melkittest}): the CLI's folder layout byte for byte, Parquet rows equal to the CLI's
 * features, and the batch runtime's rules: a re-run decodes only what is new or changed and
 * equals a fresh build, a run stopped after a chunk resumes, other parameters and a live lock are
 * refused, a dead lock and stale temporaries are cleared.
 */
class HadoopExtractTest {
    private static final MelDbParams PARAMS = MelDbParams.DEFAULT.withFrames(40).withNMels(48);
    private static final String[] OPTS = {"--frames", "40", "--n-mels", "48"};
    private static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkSession.builder().master("local[2]").appName("melkit-hadoop-extract-test").config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs." + AliasFileSystem.SCHEME + ".impl", AliasFileSystem.class.getName()).getOrCreate();
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static HadoopExtract.Result run(Path in, Path out, HadoopExtract.Format f, boolean overwrite) {
        return HadoopExtract.run(spark, URI.create(AliasFileSystem.uri(in)), URI.create(AliasFileSystem.uri(out)), PARAMS, f, overwrite, 4);
    }

    private static void cli(Path in, Path out) {
        Main.run(SparkMainTest.concat(new String[] {"extract", "--input", in.toString(), "--output", out.toString()}, OPTS),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    /** Every file below {@code dir} but the manifest and journal, by relative path, as text (for .npy: hex). */
    private static Map<String, String> files(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals("manifest.json") && !rel.equals("journal.jsonl")) {
                    m.put(rel, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    private static Map<String, String> cliFiles(Path cli, Path in) throws Exception {
        Map<String, String> m = files(cli);
        String failures = Files.readString(cli.resolve("failures.csv")).replace("file:" + in, AliasFileSystem.SCHEME + ":" + in);
        m.put("failures.csv", java.util.HexFormat.of().formatHex(failures.getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    @Test
    void theFolderLayoutIsTheClisBytesAndAReRunDecodesOnlyWhatChanged(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        cli(in, tmp.resolve("cli"));
        Path out = tmp.resolve("out");
        HadoopExtract.Result r = run(in, out, HadoopExtract.Format.FOLDER, false);
        assertEquals(cliFiles(tmp.resolve("cli"), in), files(out), "every .npy, metadata.csv, labels.json and failures.csv");
        assertEquals(6, r.decoded());
        assertEquals(3, r.failures().size());
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"engine\" : \"spark(local[2])\"")
                || Files.readString(out.resolve("manifest.json")).contains("\"engine\": \"spark(local[2])\""), Files.readString(out.resolve("manifest.json")));
        assertEquals(6, Files.readAllLines(out.resolve("journal.jsonl")).size(), "a journal line per written feature");

        // again: nothing decoded but the failures, nothing rewritten
        long npyTime = Files.getLastModifiedTime(out.resolve("features/tones/a.npy")).toMillis();
        HadoopExtract.Result again = run(in, out, HadoopExtract.Format.FOLDER, false);
        assertEquals(0, again.decoded());
        assertEquals(6, again.reused());
        assertEquals(npyTime, Files.getLastModifiedTime(out.resolve("features/tones/a.npy")).toMillis());

        // an input replaced under its name and one removed: the re-run equals a fresh CLI build of the new input
        Audio.writeWav(in.resolve("tones/a.wav"), AudioClip.mono(SparkFixtures.tone(660, 22050, 1.2f, 9), 22050), WavEncoding.PCM_16);
        Files.delete(in.resolve("noise/n1.wav"));
        HadoopExtract.Result changed = run(in, out, HadoopExtract.Format.FOLDER, false);
        assertEquals(1, changed.decoded());
        assertEquals(List.of("noise/n1.wav"), changed.vanished());
        cli(in, tmp.resolve("cli2"));
        assertEquals(cliFiles(tmp.resolve("cli2"), in), files(out));
        assertNoTemporaryOrLock(out);
    }

    @Test
    void parquetRowsAreTheClisFeaturesAndARunStoppedAfterAChunkResumes(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        // stopped after its first chunk of 4, as a killed driver would be: its rows stay in parts/, journalled
        int[] chunks = {0};
        assertThrows(IllegalStateException.class, () -> HadoopExtract.run(spark, URI.create(AliasFileSystem.uri(in)),
                URI.create(AliasFileSystem.uri(out)), PARAMS, HadoopExtract.Format.PARQUET, false, 4, () -> {
                    if (++chunks[0] == 1) {
                        throw new IllegalStateException("killed");
                    }
                }));
        assertTrue(Files.isDirectory(out.resolve("parts")));
        assertFalse(Files.exists(out.resolve(".melkit.lock")), "the lock is released");
        HadoopExtract.Result r = run(in, out, HadoopExtract.Format.PARQUET, false);
        int firstChunkOk = 9 - 3 - r.decoded();
        assertTrue(r.reused() > 0 && r.reused() == firstChunkOk, r.toString());
        assertFalse(Files.exists(out.resolve("parts")), "the chunks are merged into features.parquet");
        cli(in, tmp.resolve("cli"));
        assertRowsAreTheClis(tmp.resolve("cli"), out);

        // again: all reused, the dataset untouched
        Map<String, String> before = files(out.resolve(ParquetFeatures.NAME));
        HadoopExtract.Result again = run(in, out, HadoopExtract.Format.PARQUET, false);
        assertEquals(0, again.decoded());
        assertEquals(before, files(out.resolve(ParquetFeatures.NAME)));

        // a replaced input and a removed one: the rows of a fresh CLI build
        Audio.writeWav(in.resolve("tones/a.wav"), AudioClip.mono(SparkFixtures.tone(660, 22050, 1.2f, 9), 22050), WavEncoding.PCM_16);
        Files.delete(in.resolve("noise/n1.wav"));
        HadoopExtract.Result changed = run(in, out, HadoopExtract.Format.PARQUET, false);
        assertEquals(1, changed.decoded());
        cli(in, tmp.resolve("cli2"));
        assertRowsAreTheClis(tmp.resolve("cli2"), out);
        assertEquals(Files.readString(tmp.resolve("cli2/labels.json")), Files.readString(out.resolve("labels.json")));
        assertNoTemporaryOrLock(out);
    }

    private static void assertRowsAreTheClis(Path cli, Path out) throws Exception {
        // read in file order, as pandas does: sorted by source without a sort
        SparkFixtures.assertRowsAreTheClis(spark.read().parquet(AliasFileSystem.uri(out) + "/" + ParquetFeatures.NAME).collectAsList(), cli);
    }

    @Test
    void otherParametersAnotherFormatAndALiveLockAreRefusedADeadLockAndTemporariesCleared(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        run(in, out, HadoopExtract.Format.FOLDER, false);
        URI o = URI.create(AliasFileSystem.uri(out));
        IllegalArgumentException other = assertThrows(IllegalArgumentException.class, () -> HadoopExtract.run(spark,
                URI.create(AliasFileSystem.uri(in)), o, PARAMS.withFrames(30), HadoopExtract.Format.FOLDER, false, 4));
        assertTrue(other.getMessage().contains("was built with other parameters") && other.getMessage().contains("pass --overwrite"),
                other.getMessage());
        IllegalArgumentException format = assertThrows(IllegalArgumentException.class, () -> run(in, out, HadoopExtract.Format.PARQUET, false));
        assertTrue(format.getMessage().contains("\"format\":\"parquet\""), format.getMessage());

        FileSystem fs = FileSystem.get(o, spark.sparkContext().hadoopConfiguration());
        try (HadoopLock held = HadoopLock.acquire(fs, new org.apache.hadoop.fs.Path(o.toString() + "/.melkit.lock"), o.toString())) {
            IllegalArgumentException busy = assertThrows(IllegalArgumentException.class, () -> run(in, out, HadoopExtract.Format.FOLDER, false));
            assertTrue(busy.getMessage().contains("is in use by another melkit run (pid " + ProcessHandle.current().pid() + " on host "
                    + HadoopLock.host()), busy.getMessage());
        }
        // a lock left by a process that is gone, and temporaries of a killed run
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(out.resolve(".melkit.lock"), "{\"host\":\"" + HadoopLock.host() + "\",\"pid\":" + gone.pid() + "}\n");
        Files.writeString(out.resolve("features/tones/.a.npy.tmp-12-34"), "half");
        HadoopExtract.Result r = run(in, out, HadoopExtract.Format.FOLDER, false);
        assertEquals(0, r.decoded());
        assertNoTemporaryOrLock(out);

        // --overwrite with other parameters replaces the build
        HadoopExtract.Result replaced = HadoopExtract.run(spark, URI.create(AliasFileSystem.uri(in)), o, PARAMS.withFrames(30),
                HadoopExtract.Format.FOLDER, true, 4);
        assertEquals(6, replaced.decoded());
        assertEquals(30, Npy.read(out.resolve("features/tones/a.npy")).shape()[1]);
    }

    @Test
    void aTemporaryOfAnExecutorLostMidWriteIsGoneWhenTheRunEnds(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        Path out = tmp.resolve("out");
        Path left = out.resolve("features/tones/.c.npy.tmp-4242-17");
        HadoopExtract.Result r = HadoopExtract.run(spark, URI.create(AliasFileSystem.uri(in)), URI.create(AliasFileSystem.uri(out)), PARAMS,
                HadoopExtract.Format.FOLDER, false, 4, () -> {
                    try {
                        Files.createDirectories(left.getParent());
                        Files.writeString(left, "half of a feature"); // as an executor killed while writing leaves it
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
        assertEquals(6, r.decoded());
        assertNoTemporaryOrLock(out);
    }

    private static void assertNoTemporaryOrLock(Path out) throws Exception {
        try (Stream<Path> s = Files.walk(out)) {
            List<String> left = s.map(p -> p.getFileName().toString())
                    .filter(n -> n.contains(".tmp-") || n.equals(".melkit.lock")).toList();
            assertEquals(List.of(), left);
        }
    }
}
