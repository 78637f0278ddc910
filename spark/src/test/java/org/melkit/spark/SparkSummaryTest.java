package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.dataset.MusicSummary;
import org.melkit.dataset.SummaryParams;
import org.melkit.dataset.SummaryResult;

/** summary on Spark local[2]: the CLI's report, failures and journal bytes; the driver scales and projects. */
class SparkSummaryTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkMain.session("local[2]", "melkit-summary-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void summaryOnSparkIsByteIdenticalToTheThreadsAndResumes(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        SummaryParams p = SummaryParams.DEFAULT.withPca(2);
        Files.createDirectories(tmp.resolve("cli"));
        Files.createDirectories(tmp.resolve("spark"));

        SummaryResult local = MusicSummary.of(p).withJobs(2).run(in, tmp.resolve("cli/s.csv"));
        SummaryResult distributed = MusicSummary.of(p).withEngine(SparkEngine.of(spark)).run(in, tmp.resolve("spark/s.csv"));

        // the fixture: 5 readable files in the class folders (WAV, FLAC, MP3), a nested one that summary
        // does not read, and 3 bad ones
        assertEquals(5, local.rows().size(), local.toString());
        assertEquals(3, local.failures().size(), local.failures().toString());
        assertEquals(local.failures(), distributed.failures());
        assertTrue(local.failures().containsKey("noise/nan.wav"), local.failures().toString());
        Map<String, String> cli = SparkExtractTest.files(tmp.resolve("cli"));
        cli.keySet().removeIf(k -> k.endsWith("manifest.json"));
        Map<String, String> sp = SparkExtractTest.files(tmp.resolve("spark"));
        sp.keySet().removeIf(k -> k.endsWith("manifest.json"));
        assertEquals(java.util.Set.of("s.csv", "s.failures.csv", "s.journal.jsonl"), cli.keySet());
        assertEquals(cli, sp);

        // a re-run on Spark reuses every row from the journal and changes no byte
        DECODES.set(0);
        SummaryResult again = MusicSummary.of(p).withEngine(SparkEngine.of(spark)).withDecoder(SparkSummaryTest::countingLoad)
                .run(in, tmp.resolve("spark/s.csv"));
        assertEquals(local.rows().size(), again.rows().size());
        assertEquals(3, DECODES.get(), "only the 3 failed inputs are decoded again");
        Map<String, String> sp2 = SparkExtractTest.files(tmp.resolve("spark"));
        sp2.keySet().removeIf(k -> k.endsWith("manifest.json"));
        assertEquals(cli, sp2);
    }

    /** Decodes on local[2]'s executors count here: they run in this JVM. */
    static final java.util.concurrent.atomic.AtomicInteger DECODES = new java.util.concurrent.atomic.AtomicInteger();

    static float[] countingLoad(Path file, int sr) {
        DECODES.incrementAndGet();
        return org.melkit.batch.AudioDecoder.load().decode(file, sr);
    }

    @Test
    void sparkMainSummaryTakesTheCliOptions(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        String[] opts = {"--input", in.toString(), "--n-mfcc", "8", "--pca", "3"};
        int cli = Main.run(SparkMainTest.concat(new String[] {"summary", "--output", tmp.resolve("cli.csv").toString(), "--jobs", "2"}, opts),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        spark.stop();
        int rc;
        try {
            rc = SparkMain.run(SparkMainTest.concat(new String[] {"summary", "--master", "local[2]", "--output",
                    tmp.resolve("spark.csv").toString()}, opts), new PrintStream(out), new PrintStream(err));
        } finally {
            spark = SparkMain.session("local[2]", "melkit-summary-test");
        }
        assertEquals(1, cli);
        assertEquals(cli, rc, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("5 rows written"), out.toString(StandardCharsets.UTF_8));
        assertEquals(Files.readString(tmp.resolve("cli.csv")), Files.readString(tmp.resolve("spark.csv")));
        assertTrue(Files.readString(tmp.resolve("spark.csv")).startsWith("folder,file,mfcc_1,"));
        assertEquals(Files.readString(tmp.resolve("cli.failures.csv")), Files.readString(tmp.resolve("spark.failures.csv")));
        String cliManifest = Files.readString(tmp.resolve("cli.manifest.json"));
        String sparkManifest = Files.readString(tmp.resolve("spark.manifest.json"));
        assertTrue(sparkManifest.contains("\n  \"engine\": \"spark(local[2])\",\n") && !cliManifest.contains("\"engine\""), sparkManifest);
    }
}
