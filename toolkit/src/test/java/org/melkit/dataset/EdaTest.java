package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.testutil.TestAudio;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class EdaTest {
    @TempDir
    Path root;

    private void buildTree() throws IOException {
        TestAudio.writeWav16(root.resolve("dogs/bark1.wav"), 8000, TestAudio.tone(440, 1.0, 8000, 0.5));
        float[] l = TestAudio.tone(220, 0.5, 16000, 0.25);
        float[] r = TestAudio.tone(330, 0.5, 16000, 0.75);
        TestAudio.writeWav16(root.resolve("dogs/bark2.wav"), 16000, l, r);
        TestAudio.writeWav16(root.resolve("cats/meow.wav"), 8000, TestAudio.tone(500, 2.0, 8000, 0.1));
        TestAudio.writeWav16(root.resolve("cats/hush.wav"), 8000, new float[800]);
        TestAudio.writeWav16(root.resolve("birds/2019/tweet.wav"), 8000, TestAudio.tone(2000, 0.25, 8000, 0.2));
        Files.writeString(root.resolve("dogs/README.txt"), "not audio");
        Files.writeString(root.resolve("dogs/broken.wav"), "not a wav either");
        TestAudio.writeWav16(root.resolve(".hidden/x.wav"), 8000, new float[10]);
    }

    @Test
    void tableHasOneRowPerReadableFileWithHeaderValues() throws IOException {
        buildTree();
        Eda.Result scan = Eda.of(Eda.Params.DEFAULT).withJobs(2).compute(root);
        Table t = scan.table();
        assertEquals(Eda.COLUMNS, t.columnNames());
        assertEquals(List.of("birds/2019/tweet.wav", "cats/hush.wav", "cats/meow.wav", "dogs/bark1.wav", "dogs/bark2.wav"),
                t.stringColumn("path").asList());
        assertEquals(List.of("2019", "cats", "cats", "dogs", "dogs"), t.stringColumn("class").asList());
        assertEquals(List.of("tweet.wav", "hush.wav", "meow.wav", "bark1.wav", "bark2.wav"), t.stringColumn("filename").asList());
        assertEquals(List.of("wav", "wav", "wav", "wav", "wav"), t.stringColumn("format").asList());
        double[] dur = t.doubleColumn("duration").asDoubleArray();
        assertEquals(0.25, dur[0], 1e-9);
        assertEquals(0.1, dur[1], 1e-9);
        assertEquals(2.0, dur[2], 1e-9);
        assertEquals(1.0, dur[3], 1e-9);
        assertEquals(0.5, dur[4], 1e-9);
        assertEquals(List.of(8000, 8000, 8000, 8000, 16000), t.intColumn("sample_rate").asList());
        assertEquals(List.of(1, 1, 1, 1, 2), t.intColumn("channels").asList());
        assertTrue(t.doubleColumn("peak").isMissing(0), "no levels without withLevels(true)");
        assertEquals(1, scan.failures().size());
        assertTrue(scan.failures().containsKey("dogs/broken.wav"), scan.failures().toString());
        assertEquals(List.of("dogs/README.txt"), scan.ignored());
        assertEquals(List.of("birds", "cats", "cats", "dogs", "dogs"),
                Eda.of(Eda.Params.DEFAULT.withClassFrom(ClassFrom.FIRST_LEVEL)).compute(root).table().stringColumn("class").asList());
    }

    @Test
    void levelsMatchTheDecodedSamples() throws IOException {
        buildTree();
        Table t = Eda.of(Eda.Params.DEFAULT.withLevels(true)).compute(root).table();
        // reference levels from the test's own 16-bit reader
        TestAudio.Pcm bark1 = TestAudio.readWav16(root.resolve("dogs/bark1.wav"));
        double peak = 0;
        double sum = 0;
        for (float v : bark1.samples()) {
            peak = Math.max(peak, Math.abs(v));
            sum += (double) v * v;
        }
        assertEquals(peak, t.doubleColumn("peak").get(3), 1e-6);
        assertEquals(20 * Math.log10(peak), t.doubleColumn("peak_dbfs").get(3), 1e-5);
        assertEquals(Math.sqrt(sum / bark1.samples().length), t.doubleColumn("rms").get(3), 1e-6);
        // stereo: peak over both channels (the 0.75 one), rms over all samples
        assertEquals(0.75, t.doubleColumn("peak").get(4), 1e-3);
        assertEquals(Math.sqrt((0.25 * 0.25 + 0.75 * 0.75) / 4), t.doubleColumn("rms").get(4), 1e-3);
        // silence: peak 0, -inf dBFS
        assertEquals(0.0, t.doubleColumn("peak").get(1));
        assertEquals(Double.NEGATIVE_INFINITY, t.doubleColumn("peak_dbfs").get(1));
    }

    @Test
    void summaries() throws IOException {
        buildTree();
        Table t = Eda.scan(root).table();
        Table s = Eda.classSummary(t);
        assertEquals(List.of("class", "files", "total_s", "min_s", "mean_s", "median_s", "max_s"), s.columnNames());
        assertEquals(List.of("2019", "cats", "dogs"), s.stringColumn("class").asList());
        assertEquals(List.of(1, 2, 2), s.intColumn("files").asList());
        assertEquals(2.1, s.doubleColumn("total_s").get(1), 1e-9);
        assertEquals(0.1, s.doubleColumn("min_s").get(1), 1e-9);
        assertEquals(1.05, s.doubleColumn("mean_s").get(1), 1e-9);
        assertEquals(1.05, s.doubleColumn("median_s").get(1), 1e-9);
        assertEquals(2.0, s.doubleColumn("max_s").get(1), 1e-9);

        Table out = Eda.durationOutliers(t, 0.2, 1.5);
        assertEquals(List.of("cats/hush.wav", "cats/meow.wav"), out.stringColumn("path").asList());
        assertEquals(List.of("too short", "too long"), out.stringColumn("issue").asList());
        assertEquals(0, Eda.durationOutliers(t, null, null).rowCount());

        Table mix = Eda.sampleRateMix(t);
        assertEquals(List.of(8000, 16000), mix.intColumn("sample_rate").asList());
        assertEquals(List.of(4, 1), mix.intColumn("files").asList());
        assertEquals(0.8, mix.doubleColumn("fraction").get(0), 1e-12);
    }

    @Test
    void medianOfEvenCountIsMeanOfMiddleTwo() {
        Table t = Table.create("t", StringColumn.create("class", "a", "a", "a", "a"),
                DoubleColumn.create("duration", 1.0, 4.0, 2.0, 10.0));
        assertEquals(3.0, Eda.classSummary(t).doubleColumn("median_s").get(0), 1e-12);
    }

    @Test
    void commandWritesTableAndFailuresAndExitsOneOnFailures() throws IOException {
        buildTree();
        Path csv = root.getParent().resolve(root.getFileName() + "-eda.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"eda", "--input", root.toString(), "--output", csv.toString(), "--levels", "--min-seconds", "0.2",
            "--no-progress"}, new PrintStream(out), new PrintStream(err));
        assertEquals(1, rc, err.toString());
        List<String> lines = Files.readAllLines(csv);
        assertEquals("class,filename,path,format,duration,sample_rate,channels,peak,peak_dbfs,rms", lines.get(0));
        assertEquals(6, lines.size());
        assertTrue(lines.get(2).startsWith("cats,hush.wav,cats/hush.wav,wav,0.1,8000,1,0.0,-inf,0.0"), lines.get(2));
        Path failures = root.getParent().resolve(root.getFileName() + "-eda.failures.csv");
        List<String> f = Files.readAllLines(failures);
        assertEquals("source,error", f.get(0));
        assertTrue(f.get(1).startsWith("dogs/broken.wav,"), f.get(1));
        assertTrue(out.toString().contains("too short"), out.toString());

        // without failures: exit 0
        Files.delete(root.resolve("dogs/broken.wav"));
        assertEquals(0, Main.run(new String[] {"eda", "--input", root.toString(), "--output", csv.toString(), "--no-progress"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
        assertTrue(Files.readAllLines(csv).get(1).endsWith(",,,"), "levels empty without --levels");
    }
}
