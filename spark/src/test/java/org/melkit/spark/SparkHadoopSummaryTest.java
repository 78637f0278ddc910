package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.WavEncoding;
import org.melkit.batch.AudioDecoder;
import org.melkit.cli.Main;
import org.melkit.dataset.SummaryParams;

/**
 * melkit-spark summary on a Hadoop file system that is not {@code file:} (the local one under the
 * scheme {@code melkittest}, no cluster): the CLI's report, failures and journal bytes (failure
 * texts naming the input's URI), the resume journal, and the batch runtime's refusals.
 */
class SparkHadoopSummaryTest {
    private static SparkSession session() {
        return SparkSession.builder().master("local[2]").appName("melkit-hadoop-summary-test").config("spark.ui.enabled", "false")
                .config("spark.hadoop.fs." + AliasFileSystem.SCHEME + ".impl", AliasFileSystem.class.getName()).getOrCreate();
    }

    /** SparkMain on the active session (which has the test file system); it stops the session. */
    private static int sparkMain(ByteArrayOutputStream out, ByteArrayOutputStream err, String... argv) {
        session();
        return SparkMain.run(argv, new PrintStream(out), new PrintStream(err));
    }

    private static int cli(String... argv) {
        return Main.run(argv, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
    }

    /** Decodes on local[2]'s executors count here: they run in this JVM. */
    static final AtomicInteger DECODES = new AtomicInteger();

    static float[] countingLoad(Path file, int sr) {
        DECODES.incrementAndGet();
        return AudioDecoder.load().decode(file, sr);
    }

    @Test
    void summaryOnAHadoopFileSystemIsTheCliReportAndResumes(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        Files.createDirectories(tmp.resolve("cli"));
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", tmp.resolve("cli/s.csv").toString(), "--pca", "2"));
        java.util.Set<String> copies = SparkFixtures.localCopies();

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String report = AliasFileSystem.uri(tmp.resolve("out/s.csv"));
        int rc = sparkMain(out, err, "summary", "--input", AliasFileSystem.uri(in), "--output", report, "--pca", "2");
        assertEquals(1, rc, err.toString(StandardCharsets.UTF_8));
        String printed = out.toString(StandardCharsets.UTF_8);
        assertTrue(printed.startsWith("5 rows written to " + AliasFileSystem.SCHEME + ":" + tmp.resolve("out/s.csv") + "; 3 failure(s) (see "
                + AliasFileSystem.SCHEME + ":" + tmp.resolve("out/s.failures.csv") + ")"), printed);

        // the CLI's bytes; where a failure text quotes the file it read, it names the input's URI (not the local copy)
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
        String cliFailures = Files.readString(tmp.resolve("cli/s.failures.csv"));
        assertTrue(cliFailures.contains("file:" + in + "/noise/broken.wav"), cliFailures);
        assertEquals(cliFailures.replace("file:" + in, AliasFileSystem.SCHEME + ":" + in), Files.readString(tmp.resolve("out/s.failures.csv")));
        assertEquals(Files.readString(tmp.resolve("cli/s.journal.jsonl")), Files.readString(tmp.resolve("out/s.journal.jsonl")));
        String manifest = Files.readString(tmp.resolve("out/s.manifest.json"));
        assertTrue(manifest.contains("\"engine\": \"spark(local[2])\""), manifest);
        assertEquals(ManifestCounts.of(Files.readString(tmp.resolve("cli/s.manifest.json"))), ManifestCounts.of(manifest));
        assertEquals(java.util.Set.of(), SparkFixtures.copiesLeftSince(copies), "the executors' local copies are deleted");
        assertEquals(List.of("s.csv", "s.failures.csv", "s.journal.jsonl", "s.manifest.json"), names(tmp.resolve("out")));

        // a re-run decodes only the 3 failed inputs again and leaves the report untouched
        SummaryParams p = SummaryParams.DEFAULT.withPca(2);
        FileTime written = Files.getLastModifiedTime(tmp.resolve("out/s.csv"));
        URI input = URI.create(AliasFileSystem.uri(in));
        URI output = URI.create(report);
        DECODES.set(0);
        HadoopSummary.Result again = run(input, output, p);
        assertEquals(3, DECODES.get(), "only the failed inputs are decoded again");
        assertEquals(5, again.reused());
        assertEquals(3, again.decoded());
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
        assertEquals(written, Files.getLastModifiedTime(tmp.resolve("out/s.csv")), "an unchanged report is not rewritten");

        // a changed input is computed again, a removed one drops out: the CLI's report of the input as it is now
        Audio.writeWav(in.resolve("tones/c.wav"), AudioClip.mono(SparkFixtures.tone(660, 22050, 1.2f, 7), 22050), WavEncoding.PCM_16);
        Files.delete(in.resolve("noise/n1.wav"));
        String before = Files.readString(tmp.resolve("out/s.csv"));
        DECODES.set(0);
        HadoopSummary.Result changed = run(input, output, p);
        assertEquals(1 + 3, DECODES.get(), "the changed input and the failed ones");
        assertEquals(List.of("noise/n1.wav"), changed.finished().vanished());
        assertEquals(4, changed.summary().rows().size());
        Files.createDirectories(tmp.resolve("cli2"));
        cli("summary", "--input", in.toString(), "--output", tmp.resolve("cli2/s.csv").toString(), "--pca", "2");
        assertNotEquals(before, Files.readString(tmp.resolve("out/s.csv")));
        assertEquals(Files.readString(tmp.resolve("cli2/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
        assertEquals(Files.readString(tmp.resolve("cli2/s.journal.jsonl")), Files.readString(tmp.resolve("out/s.journal.jsonl")));
        assertFalse(Files.readString(tmp.resolve("out/s.journal.jsonl")).contains("noise/n1.wav"));
    }

    @Test
    void aRunStoppedAfterAChunkResumesFromItsJournal(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        URI input = URI.create(AliasFileSystem.uri(in));
        URI output = URI.create(AliasFileSystem.uri(tmp.resolve("out/s.csv")));
        // stopped after its first chunk of 3 (noise/broken.wav, noise/empty.mp3, noise/n1.wav), as a killed driver would be
        int[] chunks = {0};
        SparkSession s = session();
        try {
            assertThrows(IllegalStateException.class, () -> HadoopSummary.run(s, input, output, SummaryParams.DEFAULT, false,
                    AudioDecoder.load(), 3, () -> {
                        if (++chunks[0] == 1) {
                            throw new IllegalStateException("killed");
                        }
                    }));
        } finally {
            s.stop();
        }
        assertFalse(Files.exists(tmp.resolve("out/s.csv")), "no report before the last chunk");
        assertFalse(Files.exists(tmp.resolve("out/.s.csv.lock")), "the lock is released");
        assertTrue(Files.readString(tmp.resolve("out/s.journal.jsonl")).startsWith("{\"source\":\"noise/n1.wav\""),
                Files.readString(tmp.resolve("out/s.journal.jsonl")));

        DECODES.set(0);
        SparkSession again = session();
        HadoopSummary.Result r;
        try {
            r = HadoopSummary.run(again, input, output, SummaryParams.DEFAULT, false, SparkHadoopSummaryTest::countingLoad, 3);
        } finally {
            again.stop();
        }
        assertEquals(1, r.reused(), "the first chunk's readable input");
        assertEquals(8 - 1, DECODES.get());
        Files.createDirectories(tmp.resolve("cli"));
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", tmp.resolve("cli/s.csv").toString()));
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
        assertEquals(Files.readString(tmp.resolve("cli/s.journal.jsonl")), Files.readString(tmp.resolve("out/s.journal.jsonl")));
    }

    @Test
    void otherParametersALiveLockAndAKilledRunsTemporaries(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        String input = AliasFileSystem.uri(in);
        String report = AliasFileSystem.uri(tmp.resolve("out/s.csv"));
        assertEquals(1, sparkMain(new ByteArrayOutputStream(), new ByteArrayOutputStream(), "summary", "--input", input, "--output", report));
        String first = Files.readString(tmp.resolve("out/s.csv"));

        // other parameters: refused, nothing touched
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, sparkMain(new ByteArrayOutputStream(), err, "summary", "--input", input, "--output", report, "--n-mfcc", "8"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("was built with other parameters")
                && err.toString(StandardCharsets.UTF_8).contains("pass --overwrite"), err.toString(StandardCharsets.UTF_8));
        assertEquals(first, Files.readString(tmp.resolve("out/s.csv")));

        // another run holds the report's lock: refused naming its pid and host
        SparkSession s = session();
        FileSystem fs = HadoopFiles.fs(URI.create(report), s.sparkContext().hadoopConfiguration());
        ByteArrayOutputStream locked = new ByteArrayOutputStream();
        try (HadoopLock lock = HadoopLock.acquire(fs, new org.apache.hadoop.fs.Path(AliasFileSystem.uri(tmp.resolve("out/.s.csv.lock"))),
                report)) {
            assertEquals(2, sparkMain(new ByteArrayOutputStream(), locked, "summary", "--input", input, "--output", report));
            assertTrue(Files.exists(tmp.resolve("out/.s.csv.lock")), "the other run's lock is left alone");
        }
        String text = locked.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("in use by another melkit run (pid " + ProcessHandle.current().pid() + " on host " + HadoopLock.host()),
                text);
        assertEquals(first, Files.readString(tmp.resolve("out/s.csv")));

        // a killed run's temporaries are removed; --overwrite replaces the report: the CLI's with --n-mfcc 8
        Files.writeString(tmp.resolve("out/.s.csv.tmp-4242-17"), "half a report");
        Files.writeString(tmp.resolve("out/.s.journal.jsonl.tmp-4242-18"), "{\"source\":");
        Files.writeString(tmp.resolve("out/notes.txt"), "not melkit's");
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(1, sparkMain(new ByteArrayOutputStream(), err2, "summary", "--input", input, "--output", report, "--n-mfcc", "8",
                "--overwrite"));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("removed 2 temporary file(s) a killed run left"),
                err2.toString(StandardCharsets.UTF_8));
        assertEquals(List.of("notes.txt", "s.csv", "s.failures.csv", "s.journal.jsonl", "s.manifest.json"), names(tmp.resolve("out")));
        Files.createDirectories(tmp.resolve("cli"));
        cli("summary", "--input", in.toString(), "--output", tmp.resolve("cli/s.csv").toString(), "--n-mfcc", "8");
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
        assertTrue(Files.readString(tmp.resolve("out/s.csv")).startsWith("folder,file,mfcc_1,"));
    }

    @Test
    void aLocalReportOfAnInputOnAHadoopFileSystemHoldsOnlyTheClisFiles(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        Files.createDirectories(tmp.resolve("cli"));
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", tmp.resolve("cli/s.csv").toString()));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, sparkMain(new ByteArrayOutputStream(), err, "summary", "--input", AliasFileSystem.uri(in), "--output",
                tmp.resolve("out/s.csv").toString()), err.toString(StandardCharsets.UTF_8));
        assertEquals(names(tmp.resolve("cli")), names(tmp.resolve("out")));
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), Files.readString(tmp.resolve("out/s.csv")));
    }

    @Test
    void aReportInsideTheInputOrWithoutAudioIsRefused(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, sparkMain(new ByteArrayOutputStream(), err, "summary", "--input", AliasFileSystem.uri(in), "--output",
                AliasFileSystem.uri(in.resolve("tones/s.csv"))));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("is inside the input"), err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(in.resolve("tones/s.csv")));
        Files.createDirectories(tmp.resolve("empty/folder"));
        ByteArrayOutputStream err2 = new ByteArrayOutputStream();
        assertEquals(2, sparkMain(new ByteArrayOutputStream(), err2, "summary", "--input", AliasFileSystem.uri(tmp.resolve("empty")),
                "--output", AliasFileSystem.uri(tmp.resolve("out/s.csv"))));
        assertTrue(err2.toString(StandardCharsets.UTF_8).contains("no audio files under"), err2.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(tmp.resolve("out")), "nothing is created");
    }

    private static HadoopSummary.Result run(URI input, URI output, SummaryParams p) {
        SparkSession s = session();
        try {
            return HadoopSummary.run(s, input, output, p, false, SparkHadoopSummaryTest::countingLoad, SparkEngine.DEFAULT_CHUNK);
        } finally {
            s.stop();
        }
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }


    /** A manifest's counts and input hashes: what must match the CLI's (its time, versions and engine may differ). */
    record ManifestCounts(String counts, String inputs, String parameters) {
        static ManifestCounts of(String json) throws Exception {
            var n = org.melkit.io.Json.MAPPER.readTree(json);
            return new ManifestCounts(n.path("counts").toString(), n.path("inputs").toString(), n.path("parameters").toString());
        }
    }
}
