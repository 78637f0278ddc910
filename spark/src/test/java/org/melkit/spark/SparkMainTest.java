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
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.io.Npy;

/** melkit-spark's command line: the CLI's options and exit codes, the CLI's bytes, and Parquet beside them. */
class SparkMainTest {
    @Test
    void extractOnSparkTakesTheCliOptionsAndWritesItsBytesPlusParquet(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        String[] opts = {"--input", in.toString(), "--frames", "48", "--n-mels", "64"};
        ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        int cli = Main.run(concat(new String[] {"extract", "--output", tmp.resolve("cli").toString(), "--jobs", "2"}, opts),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(cliErr));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int spark = SparkMain.run(concat(new String[] {"extract", "--master", "local[2]", "--format", "parquet", "--output",
                tmp.resolve("spark").toUri().toString()}, opts), new PrintStream(out), new PrintStream(err));

        assertEquals(1, cli, "the fixture's bad files fail: " + cliErr);
        assertEquals(cli, spark, err.toString(StandardCharsets.UTF_8));
        Path parquet = tmp.resolve("spark").resolve(ParquetFeatures.NAME);
        assertTrue(Files.isDirectory(parquet), out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
        java.util.Map<String, String> sparkFiles = SparkExtractTest.files(tmp.resolve("spark"));
        sparkFiles.keySet().removeIf(k -> k.startsWith(ParquetFeatures.NAME));
        assertEquals(SparkExtractTest.files(tmp.resolve("cli")), sparkFiles);
        // the manifest names the engine, and otherwise says what the CLI's says
        String cliManifest = Files.readString(tmp.resolve("cli/manifest.json"));
        String sparkManifest = Files.readString(tmp.resolve("spark/manifest.json"));
        assertFalse(cliManifest.contains("\"engine\""), cliManifest);
        assertTrue(sparkManifest.contains("\n  \"engine\": \"spark(local[2])\",\n"), sparkManifest);
        assertEquals(withoutCreated(cliManifest), withoutCreated(sparkManifest.replace("\n  \"engine\": \"spark(local[2])\",", "")));

        SparkSession s = SparkMain.session("local[1]", "read-back");
        try {
            Dataset<Row> df = s.read().parquet(parquet.toString()).orderBy("source");
            List<Row> rows = df.collectAsList();
            List<String> metadata = Files.readAllLines(tmp.resolve("cli/metadata.csv"));
            assertEquals(metadata.size() - 1, rows.size());
            Row first = rows.get(0);
            Npy.Array a = Npy.read(tmp.resolve("cli/features").resolve(first.getString(first.fieldIndex("class")))
                    .resolve(Path.of(first.getString(first.fieldIndex("source"))).getFileName().toString().replaceAll("\\.[^.]*$", ".npy")));
            assertEquals(List.of(64, 48), first.getList(first.fieldIndex("shape")));
            List<Float> values = first.getList(first.fieldIndex("features"));
            float[] v = new float[values.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = values.get(i);
            }
            assertArrayEquals(a.data(), v, 0f);
        } finally {
            s.stop();
        }
    }

    @Test
    void usageErrorsExitTwoAndTouchNothing(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SparkMain.run(new String[] {"validate", "--input", in.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Spark runs extract and summary"), err.toString());
        assertEquals(2, SparkMain.run(new String[] {"extract", "--format", "csv", "--input", in.toString(), "--output",
                tmp.resolve("o").toString()}, new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream())));
        assertTrue(!Files.exists(tmp.resolve("o")));
        assertEquals(tmp.resolve("o").toString(), SparkMain.localPath(tmp.resolve("o").toUri().toString()));
        assertEquals("--frames", SparkMain.localPath("--frames"));
    }

    static String withoutCreated(String manifest) {
        return manifest.replaceAll("\"created\": \"[^\"]*\"", "");
    }

    static String[] concat(String[] a, String[] b) {
        String[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
