package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MelDbParams;

/**
 * melkit-spark on a Hadoop file system that is not {@code file:} (the local one under the scheme
 * {@code melkittest}, no cluster): extract --format parquet reads and writes there and gives the
 * CLI's features, labels and failures; missing ffmpeg is a failure row naming the host.
 */
class SparkHadoopTest {
    private static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("melkit-hadoop-test").config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs." + AliasFileSystem.SCHEME + ".impl", AliasFileSystem.class.getName()).getOrCreate();
    }

    private static int sparkMain(ByteArrayOutputStream err, String... argv) {
        session(); // SparkMain takes the active session (spark-submit's, or this one with the test file system) and stops it
        return SparkMain.run(argv, new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
    }

    @Test
    void extractFromAndToAHadoopFileSystemGivesTheCliFeaturesLabelsAndFailures(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        String[] opts = {"--frames", "40", "--n-mels", "48"};
        int cli = Main.run(SparkMainTest.concat(new String[] {"extract", "--input", in.toString(), "--output", tmp.resolve("cli").toString()},
                opts), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        java.util.Set<String> temporaries = SparkFixtures.localCopies();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String out = AliasFileSystem.uri(tmp.resolve("out"));
        int rc = sparkMain(err, SparkMainTest.concat(new String[] {"extract", "--format", "parquet", "--input", AliasFileSystem.uri(in),
                "--output", out}, opts));

        assertEquals(1, cli);
        assertEquals(cli, rc, err.toString(StandardCharsets.UTF_8));
        assertEquals(Files.readString(tmp.resolve("cli/labels.json")), Files.readString(tmp.resolve("out/labels.json")));
        // the same rows; where ffmpeg's message quotes the file it read, it names the input's URI (not the local copy)
        String cliFailures = Files.readString(tmp.resolve("cli/failures.csv"));
        assertTrue(cliFailures.contains("file:" + in + "/noise/broken.wav"), cliFailures);
        assertEquals(cliFailures.replace("file:" + in, AliasFileSystem.SCHEME + ":" + in), Files.readString(tmp.resolve("out/failures.csv")));
        assertTrue(Files.readString(tmp.resolve("out/manifest.json")).contains("\"engine\": \"spark(local[2])\""),
                Files.readString(tmp.resolve("out/manifest.json")));
        assertEquals(java.util.Set.of(), SparkFixtures.copiesLeftSince(temporaries), "the executors' local copies are deleted");

        SparkSession s = session();
        try {
            List<Row> rows = s.read().parquet(out + "/" + ParquetFeatures.NAME).orderBy("source").collectAsList();
            SparkFixtures.assertRowsAreTheClis(rows, tmp.resolve("cli"));
            rows.forEach(r -> assertEquals(List.of(48, 40), r.getList(3)));
        } finally {
            s.stop();
        }

        // the output is not replaced without --overwrite; with it, the same bytes again
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, sparkMain(err2, "extract", "--format", "parquet", "--input", AliasFileSystem.uri(in), "--output", out));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("pass --overwrite"), err2.toString(StandardCharsets.UTF_8));
        assertEquals(1, sparkMain(new ByteArrayOutputStream(), SparkMainTest.concat(new String[] {"extract", "--format", "parquet",
                "--overwrite", "--input", AliasFileSystem.uri(in), "--output", out}, opts)));
        assertEquals(cliFailures.replace("file:" + in, AliasFileSystem.SCHEME + ":" + in), Files.readString(tmp.resolve("out/failures.csv")));
    }

    @Test
    void missingFfmpegOnAnExecutorIsAFailureRowNamingTheHost(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        String host = java.net.InetAddress.getLocalHost().getHostName();
        String before = System.getProperty("melkit.ffmpeg");
        // local[2]'s executors run in this JVM: they see the property
        System.setProperty("melkit.ffmpeg", tmp.resolve("no-such-dir/ffmpeg").toString());
        try {
            String out = AliasFileSystem.uri(tmp.resolve("out"));
            assertEquals(1, sparkMain(new ByteArrayOutputStream(), "extract", "--format", "parquet", "--frames", "16", "--input",
                    AliasFileSystem.uri(in), "--output", out));
            String failures = Files.readString(tmp.resolve("out/failures.csv"));
            for (String needsFfmpeg : List.of("noise/n2.flac", "tones/a2.mp3")) {
                String row = failures.lines().filter(l -> l.startsWith(needsFfmpeg + ",")).findFirst().orElse("");
                assertTrue(row.contains("ffmpeg") && row.contains("(on host " + host + ")"), failures);
            }
            assertFalse(failures.contains("tones/a.wav"), "WAV needs no ffmpeg: " + failures);

            // the folder layout on Spark's executors says the same
            SparkSession s = session();
            try {
                ExtractResult r = ClassFolderExtractor.of(MelDbParams.DEFAULT.withFrames(16)).withEngine(SparkEngine.of(s))
                        .run(in, tmp.resolve("folder"));
                assertTrue(r.failureMap().get("tones/a2.mp3").contains("(on host " + host + ")"), r.failureMap().toString());
            } finally {
                s.stop();
            }
        } finally {
            if (before == null) {
                System.clearProperty("melkit.ffmpeg");
            } else {
                System.setProperty("melkit.ffmpeg", before);
            }
        }
    }

    @Test
    void aFileSystemWithoutItsConnectorAndAnUnknownSchemeAreUsageErrors(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, SparkMain.run(new String[] {"summary", "--input", in.toString(), "--output", "s3a://bucket/s.csv"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err2)));
        // summary runs on Hadoop file systems (SparkHadoopSummaryTest); s3a:// has no connector on this class path
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("cannot open the file system of s3a://bucket/s.csv"),
                err2.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("o")));
        // a scheme no file system serves: a usage error naming it, before any work
        ByteArrayOutputStream err3 = new ByteArrayOutputStream();
        assertEquals(2, sparkMain(err3, "extract", "--format", "parquet", "--input", "nosuchfs:///clips", "--output",
                tmp.resolve("o").toString()));
        assertTrue(err3.toString(StandardCharsets.UTF_8).contains("cannot open the file system of nosuchfs:///clips"),
                err3.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("o")));
    }

    @Test
    void aLocalOutputOfAnInputOnAHadoopFileSystemHoldsTheClisFilesAndNoChecksums(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        assertEquals(1, Main.run(new String[] {"extract", "--frames", "16", "--input", in.toString(), "--output", tmp.resolve("cli").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, sparkMain(err, "extract", "--frames", "16", "--input", AliasFileSystem.uri(in), "--output",
                tmp.resolve("out").toString()), err.toString(StandardCharsets.UTF_8));
        // Hadoop's local file system would put a .NAME.crc beside every file written through it
        java.util.Map<String, String> cli = SparkExtractTest.files(tmp.resolve("cli"));
        java.util.Map<String, String> out = SparkExtractTest.files(tmp.resolve("out"));
        assertEquals(cli.keySet(), out.keySet());
        cli.keySet().removeIf(k -> !k.endsWith(".npy"));
        out.keySet().removeIf(k -> !k.endsWith(".npy"));
        assertEquals(cli, out);
    }

}
