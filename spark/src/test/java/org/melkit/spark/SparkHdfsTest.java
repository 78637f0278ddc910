package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.WavEncoding;
import org.melkit.cli.Main;

/**
 * melkit-spark on a real HDFS ({@link MiniHdfs}: a NameNode and a DataNode in this JVM), reached
 * through its {@code hdfs://127.0.0.1:PORT} URI alone, as a user runs it ({@link SparkMain}):
 * extract from HDFS to HDFS gives the CLI's outputs for the same class folders on the local disk,
 * in the Parquet and in the folder layout, and summary gives the CLI's report; both keep the batch
 * runtime's rules there (a re-run reuses, other parameters are refused without --overwrite, an
 * input changed on HDFS is decoded again).
 */
class SparkHdfsTest {
    @RegisterExtension
    static final MiniHdfs HDFS = new MiniHdfs();

    private static final String[] OPTS = {"--frames", "40", "--n-mels", "48"};
    @TempDir
    static Path local;
    private static Path fixture;
    private static Path cli;
    private static String cliFailures;

    /** The fixture on the local disk and the CLI's extract of it, shared by the tests (each copies it to its own HDFS folder). */
    @BeforeAll
    static void cliBuild() throws Exception {
        fixture = SparkFixtures.classFolders(local.resolve("in"));
        cli = local.resolve("cli");
        assertEquals(1, Main.run(SparkMainTest.concat(new String[] {"extract", "--input", fixture.toString(), "--output", cli.toString()},
                OPTS), new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())), "the fixture's bad files fail");
        cliFailures = Files.readString(cli.resolve("failures.csv"));
        assertTrue(cliFailures.contains("file:" + fixture + "/noise/broken.wav"), cliFailures);
    }

    private static SparkSession session() {
        // nothing about HDFS here: Spark finds the file system from the URI's scheme and authority
        return SparkSession.builder().master("local[2]").appName("melkit-hdfs-test").config("spark.ui.enabled", "false").getOrCreate();
    }

    /** What one {@link SparkMain} run printed and returned. */
    private record Run(int rc, String out, String err) {
        @Override
        public String toString() {
            return "exit " + rc + "\n" + out + err;
        }
    }

    private static Run sparkMain(String[] argv, String... more) {
        session(); // SparkMain takes the active session and stops it
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = SparkMain.run(SparkMainTest.concat(argv, more), new PrintStream(out), new PrintStream(err));
        return new Run(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The CLI's failures.csv with the input named by its HDFS URI {@code in}, where the CLI names the file: one. */
    private static String failuresNaming(String in) {
        String f = cliFailures.replace("file:" + fixture, in);
        assertTrue(f.contains(in + "/noise/broken.wav") && in.startsWith(HDFS.uri() + "/"), f);
        return f;
    }

    @Test
    void parquetFromAndToHdfsIsTheClisFeaturesLabelsAndFailuresAndAReRunReusesThem() throws Exception {
        String in = HDFS.copyUp(fixture, "/parquet/in");
        assertTrue(HDFS.listFiles("/parquet/in").containsAll(List.of("noise/broken.wav", "noise/.hidden.wav", "tones/deep/b.wav",
                "tones/a2.mp3", "noise/n2.flac")), HDFS.listFiles("/parquet/in").toString());
        String out = HDFS.uri("/parquet/out");
        String[] extract = SparkMainTest.concat(new String[] {"extract", "--format", "parquet", "--input", in, "--output", out}, OPTS);

        Run first = sparkMain(extract);
        assertEquals(1, first.rc(), first.toString());
        assertTrue(first.out().contains("6 features (6 decoded, 0 reused), 3 failures"), first.toString());
        assertTrue(first.err().contains(out + "/" + HadoopExtract.FAILURES), first.toString());
        assertArrayEquals(Files.readAllBytes(cli.resolve("labels.json")), HDFS.readBytes("/parquet/out/labels.json"));
        assertEquals(failuresNaming(in), HDFS.readString("/parquet/out/failures.csv"));
        String manifest = HDFS.readString("/parquet/out/manifest.json");
        assertTrue(manifest.contains("spark(local[2])") && manifest.contains(in), manifest);
        assertRowsAreTheClis(out, List.of(48, 40));
        List<String> written = HDFS.listFiles("/parquet/out");
        assertTrue(written.contains(ParquetFeatures.NAME + "/_SUCCESS"), written.toString());
        assertNoTemporaryLockOrParts(written);

        // again: nothing decoded but the failures, the dataset untouched
        Map<String, Long> dataset = modificationTimes("/parquet/out/" + ParquetFeatures.NAME);
        Run again = sparkMain(extract);
        assertEquals(1, again.rc(), again.toString());
        assertTrue(again.out().contains("6 features (0 decoded, 6 reused), 3 failures"), again.toString());
        assertEquals(dataset, modificationTimes("/parquet/out/" + ParquetFeatures.NAME));
        assertEquals(failuresNaming(in), HDFS.readString("/parquet/out/failures.csv"));

        // other parameters: refused without --overwrite (exit 2, naming the output), nothing changed
        Run refused = sparkMain(new String[] {"extract", "--format", "parquet", "--input", in, "--output", out, "--frames", "30",
                "--n-mels", "48"});
        assertEquals(2, refused.rc(), refused.toString());
        assertTrue(refused.err().contains(out) && refused.err().contains("was built with other parameters")
                && refused.err().contains("pass --overwrite"), refused.toString());
        assertEquals(dataset, modificationTimes("/parquet/out/" + ParquetFeatures.NAME));
        // with --overwrite: rebuilt with them
        Run rebuilt = sparkMain(new String[] {"extract", "--format", "parquet", "--overwrite", "--input", in, "--output", out,
                "--frames", "30", "--n-mels", "48"});
        assertEquals(1, rebuilt.rc(), rebuilt.toString());
        assertTrue(rebuilt.out().contains("6 features (6 decoded, 0 reused), 3 failures"), rebuilt.toString());
        SparkSession s = session();
        try {
            List<Row> rows = s.read().parquet(out + "/" + ParquetFeatures.NAME).collectAsList();
            assertEquals(6, rows.size());
            for (Row r : rows) {
                assertEquals(List.of(48, 30), r.getList(3), r.getString(0));
            }
        } finally {
            s.stop();
        }
        assertEquals(failuresNaming(in), HDFS.readString("/parquet/out/failures.csv"));
        assertNoTemporaryLockOrParts(HDFS.listFiles("/parquet/out"));
    }

    @Test
    void theFolderLayoutFromAndToHdfsIsTheClisBytesAndFollowsAnInputChangedOnHdfs(@TempDir Path tmp) throws Exception {
        String in = HDFS.copyUp(fixture, "/folder/in");
        String out = HDFS.uri("/folder/out");
        String[] extract = SparkMainTest.concat(new String[] {"extract", "--input", in, "--output", out}, OPTS);
        Run first = sparkMain(extract);
        assertEquals(1, first.rc(), first.toString());
        assertSameFiles(cliFiles(cli, in), hdfsFiles("/folder/out")); // every .npy, metadata.csv, labels.json and failures.csv
        assertEquals(6, HDFS.readString("/folder/out/journal.jsonl").lines().count(), "a journal line per written feature");
        assertNoTemporaryLockOrParts(HDFS.listFiles("/folder/out"));

        // from HDFS to the local disk: the same bytes, and no .NAME.crc beside each file (the raw local file system,
        // not Hadoop's checksumming LocalFileSystem)
        Run down = sparkMain(new String[] {"extract", "--input", in, "--output", tmp.resolve("local").toString()}, OPTS);
        assertEquals(1, down.rc(), down.toString());
        assertSameFiles(cliFiles(cli, in), localFiles(tmp.resolve("local")));

        // an input replaced on HDFS and one removed there: the re-run decodes the one and equals a fresh CLI build
        Path changed = copy(fixture, tmp.resolve("in2"));
        Audio.writeWav(changed.resolve("tones/a.wav"), AudioClip.mono(SparkFixtures.tone(660, 22050, 1.2f, 9), 22050), WavEncoding.PCM_16);
        Files.delete(changed.resolve("noise/n1.wav"));
        HDFS.fileSystem().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(changed.resolve("tones/a.wav").toUri()),
                new org.apache.hadoop.fs.Path(in + "/tones/a.wav"));
        assertTrue(HDFS.fileSystem().delete(new org.apache.hadoop.fs.Path(in + "/noise/n1.wav"), false));
        Run again = sparkMain(extract);
        assertEquals(1, again.rc(), again.toString());
        assertTrue(again.out().contains("5 features (1 decoded, 4 reused), 3 failures, 1 inputs gone"), again.toString());
        Path cli2 = tmp.resolve("cli2");
        Main.run(SparkMainTest.concat(new String[] {"extract", "--input", changed.toString(), "--output", cli2.toString()}, OPTS),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        Map<String, String> expected = localFiles(cli2);
        expected.put("failures.csv", hex(Files.readString(cli2.resolve("failures.csv")).replace("file:" + changed, in)
                .getBytes(StandardCharsets.UTF_8)));
        assertSameFiles(expected, hdfsFiles("/folder/out"));
        assertFalse(HDFS.exists("/folder/out/features/noise/n1.npy"), "the removed input's feature is removed");
    }

    @Test
    void summaryFromAndToHdfsIsTheClisReportAndAReRunLeavesItUntouched(@TempDir Path tmp) throws Exception {
        Files.createDirectories(tmp.resolve("cli"));
        assertEquals(1, Main.run(new String[] {"summary", "--input", fixture.toString(), "--output", tmp.resolve("cli/s.csv").toString(),
                "--pca", "2"}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        String in = HDFS.copyUp(fixture, "/summary/in");
        String report = HDFS.uri("/summary/out/s.csv");
        String[] summary = {"summary", "--input", in, "--output", report, "--pca", "2"};
        Run first = sparkMain(summary);
        assertEquals(1, first.rc(), first.toString());
        assertTrue(first.out().startsWith("5 rows written to " + report + "; 3 failure(s) (see " + HDFS.uri("/summary/out/s.failures.csv")
                + ")"), first.toString());

        // the CLI's report and journal bytes; its failures naming the hdfs:// input where the CLI names the file: one
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), HDFS.readString("/summary/out/s.csv"));
        assertEquals(Files.readString(tmp.resolve("cli/s.journal.jsonl")), HDFS.readString("/summary/out/s.journal.jsonl"));
        String cliSummaryFailures = Files.readString(tmp.resolve("cli/s.failures.csv"));
        assertTrue(cliSummaryFailures.contains("file:" + fixture + "/noise/broken.wav"), cliSummaryFailures);
        assertEquals(cliSummaryFailures.replace("file:" + fixture, in), HDFS.readString("/summary/out/s.failures.csv"));
        assertTrue(HDFS.readString("/summary/out/s.manifest.json").contains("spark(local[2])"), HDFS.readString("/summary/out/s.manifest.json"));
        assertEquals(List.of("s.csv", "s.failures.csv", "s.journal.jsonl", "s.manifest.json"), HDFS.listFiles("/summary/out"));

        // again: the failed inputs are tried again, the unchanged report is not rewritten
        Map<String, Long> written = modificationTimes("/summary/out");
        Run again = sparkMain(summary);
        assertEquals(1, again.rc(), again.toString());
        assertEquals(Files.readString(tmp.resolve("cli/s.csv")), HDFS.readString("/summary/out/s.csv"));
        assertEquals(written.get("s.csv"), modificationTimes("/summary/out").get("s.csv"), "an unchanged report is not rewritten");

        // other parameters: refused naming the report, nothing touched
        Run refused = sparkMain(new String[] {"summary", "--input", in, "--output", report, "--n-mfcc", "8"});
        assertEquals(2, refused.rc(), refused.toString());
        assertTrue(refused.err().contains(report) && refused.err().contains("was built with other parameters")
                && refused.err().contains("pass --overwrite"), refused.toString());
        assertEquals(written.get("s.csv"), modificationTimes("/summary/out").get("s.csv"));
    }

    /** The Parquet rows under {@code out}, in file order (sorted by source), are the CLI's metadata and .npy features. */
    private static void assertRowsAreTheClis(String out, List<Integer> shape) throws Exception {
        SparkSession s = session();
        try {
            List<Row> rows = s.read().parquet(out + "/" + ParquetFeatures.NAME).collectAsList();
            SparkFixtures.assertRowsAreTheClis(rows, cli);
            rows.forEach(r -> assertEquals(shape, r.getList(3)));
        } finally {
            s.stop();
        }
    }

    /** The same files (relative paths) with the same bytes; a difference is named by its path (text files shown as text). */
    private static void assertSameFiles(Map<String, String> expected, Map<String, String> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (Map.Entry<String, String> e : expected.entrySet()) {
            String a = actual.get(e.getKey());
            if (!e.getValue().equals(a)) {
                assertEquals(e.getKey().endsWith(".npy") ? e.getValue() : text(e.getValue()),
                        e.getKey().endsWith(".npy") ? a : text(a), e.getKey() + " differs");
            }
        }
    }

    private static String text(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.UTF_8);
    }

    private static void assertNoTemporaryLockOrParts(List<String> files) {
        assertFalse(files.stream().anyMatch(f -> f.contains(".tmp-") || f.contains("_temporary") || f.equals(".melkit.lock")
                || f.startsWith("parts/")), "no temporary, lock or chunk left: " + files);
    }

    private static Map<String, Long> modificationTimes(String path) throws Exception {
        Map<String, Long> m = new TreeMap<>();
        for (String f : HDFS.listFiles(path)) {
            FileStatus st = HDFS.fileSystem().getFileStatus(new org.apache.hadoop.fs.Path(HDFS.uri(path + "/" + f)));
            m.put(f, st.getModificationTime());
        }
        return m;
    }

    /** The CLI's outputs but its manifest and journal, as hex by relative path, its failures naming the input's URI {@code in}. */
    private static Map<String, String> cliFiles(Path dir, String in) throws Exception {
        Map<String, String> m = localFiles(dir);
        m.put("failures.csv", hex(failuresNaming(in).getBytes(StandardCharsets.UTF_8)));
        return m;
    }

    private static Map<String, String> localFiles(Path dir) throws Exception {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = dir.relativize(p).toString();
                if (!rel.equals("manifest.json") && !rel.equals("journal.jsonl")) {
                    m.put(rel, hex(Files.readAllBytes(p)));
                }
            }
        }
        return m;
    }

    private static Map<String, String> hdfsFiles(String path) throws Exception {
        Map<String, String> m = new TreeMap<>();
        for (String rel : HDFS.listFiles(path)) {
            if (!rel.equals("manifest.json") && !rel.equals("journal.jsonl")) {
                m.put(rel, hex(HDFS.readBytes(path + "/" + rel)));
            }
        }
        return m;
    }

    private static Path copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
        return to;
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
