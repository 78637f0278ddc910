package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.testutil.TestAudio;
import org.melkit.batch.Progress;

class ValidationTest {
    @TempDir
    Path root;

    private static BufferedImage picture(int type, int seed) {
        BufferedImage img = new BufferedImage(16, 8, type);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 16; x++) {
                img.setRGB(x, y, 0xFF000000 | ((x * 16 + seed) << 16) | (y * 30 << 8) | ((x + y + seed) * 7 & 0xFF));
            }
        }
        return img;
    }

    private void write(String rel, byte[] bytes) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.write(p, bytes);
    }

    /** Builds a dataset with one file for every status and returns the expected CSV. */
    private String buildTree() throws IOException {
        float[] tone = TestAudio.tone(440, 0.25, 8000, 0.5);
        float[] other = TestAudio.tone(660, 0.25, 8000, 0.5);
        TestAudio.writeWav16(root.resolve("dogs/a.wav"), 8000, tone);
        // same samples, rate and channels as dogs/a.wav, different container: duplicate across formats
        Assumptions.assumeTrue(TestAudio.has("sox") || TestAudio.has("ffmpeg"), "neither sox nor ffmpeg is installed: cannot make the FLAC copy");
        if (TestAudio.has("sox")) {
            TestAudio.run("sox", root.resolve("dogs/a.wav").toString(), root.resolve("dogs/b.flac").toString());
        } else {
            TestAudio.run("ffmpeg", "-nostdin", "-v", "error", "-i", root.resolve("dogs/a.wav").toString(), root.resolve("dogs/b.flac").toString());
        }
        // same samples at another rate, and in stereo: not duplicates
        TestAudio.writeWav16(root.resolve("dogs/c_16k.wav"), 16000, tone);
        TestAudio.writeWav16(root.resolve("dogs/d_stereo.wav"), 8000, tone, tone);
        // byte-identical pair: the earlier name in code-point order is the original
        TestAudio.writeWav16(root.resolve("cats/orig.wav"), 8000, other);
        Files.copy(root.resolve("cats/orig.wav"), root.resolve("cats/copy.wav"));
        write("cats/empty.wav", new byte[0]);
        TestAudio.writeWav16(root.resolve("cats/header_only.wav"), 8000, new float[0]);
        write("cats/notes.wav", "these are my notes, not audio\n".getBytes(StandardCharsets.UTF_8));
        TestAudio.writeWav16(root.resolve("cats/quiet.wav"), 8000, new float[4000]);
        TestAudio.writeWav16(root.resolve("cats/quiet2.wav"), 8000, new float[4000]); // silent beats duplicate
        TestAudio.writeWav16(root.resolve("loose.wav"), 8000, TestAudio.tone(880, 0.1, 8000, 0.3));
        Files.copy(root.resolve("dogs/a.wav"), root.resolve("stray_copy.wav")); // duplicate beats misplaced
        // code-point order: "Zebra" < "cats" < "dogs"
        TestAudio.writeWav16(root.resolve("Zebra/z.wav"), 8000, TestAudio.tone(300, 0.1, 8000, 0.3));
        // hidden: skipped at any depth
        TestAudio.writeWav16(root.resolve(".hidden.wav"), 8000, tone);
        write("dogs/._a.wav", new byte[] {0, 5, 22, 7, 0, 2, 0, 0});
        TestAudio.writeWav16(root.resolve(".cache/x.wav"), 8000, tone);
        // images: same pixels as RGB and as ARGB (different bytes), a byte copy, a broken one, a different one
        ImageIO.write(picture(BufferedImage.TYPE_INT_RGB, 1), "png", Files.createDirectories(root.resolve("img")).resolve("p1.png").toFile());
        ImageIO.write(picture(BufferedImage.TYPE_INT_ARGB, 1), "png", root.resolve("img/p2_argb.png").toFile());
        Files.copy(root.resolve("img/p1.png"), root.resolve("img/p3_copy.png"));
        write("img/p4_broken.png", "not a png".getBytes(StandardCharsets.UTF_8));
        ImageIO.write(picture(BufferedImage.TYPE_INT_RGB, 2), "png", root.resolve("img/p5_other.png").toFile());
        assertTrue(Files.mismatch(root.resolve("img/p1.png"), root.resolve("img/p2_argb.png")) >= 0, "the two encodings must differ in bytes");
        return String.join("\n",
                "source,status,detail",
                "Zebra/z.wav,ok,",
                "cats/copy.wav,ok,",
                "cats/empty.wav,empty,0 bytes",
                "cats/header_only.wav,empty,0 samples",
                "cats/notes.wav,corrupt,",
                "cats/orig.wav,duplicate,same samples as cats/copy.wav",
                "cats/quiet.wav,silent,all 4000 samples are 0",
                "cats/quiet2.wav,silent,all 4000 samples are 0",
                "dogs/a.wav,ok,",
                "dogs/b.flac,duplicate,same samples as dogs/a.wav",
                "dogs/c_16k.wav,ok,",
                "dogs/d_stereo.wav,ok,",
                "img/p1.png,ok,",
                "img/p2_argb.png,duplicate,same pixels as img/p1.png",
                "img/p3_copy.png,duplicate,same pixels as img/p1.png",
                "img/p4_broken.png,corrupt,",
                "img/p5_other.png,ok,",
                "loose.wav,misplaced,directly in the input folder; move it into a class folder",
                "stray_copy.wav,duplicate,same samples as dogs/a.wav") + "\n";
    }

    /** Corrupt details are the decoder's words: compare everything else exactly, corrupt details for presence. */
    private static void assertReport(String expected, String actual) {
        String[] e = expected.split("\n");
        String[] a = actual.split("\n");
        assertEquals(e.length, a.length, actual);
        for (int i = 0; i < e.length; i++) {
            if (e[i].endsWith(",corrupt,")) {
                assertTrue(a[i].startsWith(e[i]) && a[i].length() > e[i].length(), "line " + i + ": " + a[i]);
            } else {
                assertEquals(e[i], a[i], "line " + i);
            }
        }
    }

    @Test
    void everyStatusInContractOrder() throws IOException {
        String expected = buildTree();
        Validation.Report r = Validation.of().withJobs(2).compute(root);
        Path csv = root.getParent().resolve(root.getFileName() + "-report.csv");
        r.write(csv);
        assertReport(expected, Files.readString(csv));
        assertEquals(Validation.Status.CORRUPT, r.get("cats/notes.wav").status());
        assertEquals(8, r.counts().get(Validation.Status.DUPLICATE) + r.counts().get(Validation.Status.SILENT) + r.counts().get(Validation.Status.MISPLACED));
        // the same report on one thread
        assertEquals(r, Validation.of().withJobs(1).compute(root));
    }

    @Test
    void commandWritesTheReportAndExitsZero() throws IOException {
        String expected = buildTree();
        Path csv = root.getParent().resolve(root.getFileName() + "-cli.csv");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(new String[] {"validate", "--input", root.toString(), "--output", csv.toString(), "--no-progress"},
                new PrintStream(out), new PrintStream(err));
        assertEquals(0, rc, err.toString());
        assertReport(expected, Files.readString(csv));
        assertTrue(out.toString().contains("duplicate 5"), out.toString());
    }

    @Test
    void detailsNameFilesRelativeToTheRootHoweverItIsWritten() throws IOException {
        buildTree();
        Path odd = root.resolve("dogs").resolve(".."); // an input written as DIR/dogs/..
        String detail = Validation.validate(odd).get("cats/notes.wav").detail();
        assertTrue(detail.startsWith("cats/notes.wav: not a RIFF/WAVE file"), detail);
        assertTrue(!detail.contains(root.toString()) && !detail.contains("dogs/.."), detail);
    }

    @Test
    void usageErrorsExitTwo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream e = new PrintStream(err);
        PrintStream o = new PrintStream(new ByteArrayOutputStream());
        assertEquals(2, Main.run(new String[] {"validate", "--output", "x.csv"}, o, e));
        assertEquals(2, Main.run(new String[] {"validate", "--input", root.resolve("missing").toString(), "--output",
            root.resolve("r.csv").toString()}, o, e));
        assertEquals(2, Main.run(new String[] {"validate", "--input", root.toString(), "--output", "r.csv", "--bogus", "1"}, o, e));
        assertTrue(err.toString().contains("--bogus"), err.toString());
    }

    @Test
    void emptyFolderGivesHeaderOnly() throws IOException {
        Path csv = root.getParent().resolve(root.getFileName() + "-empty.csv");
        Validation.validate(root).write(csv);
        assertEquals(List.of("source,status,detail"), Files.readAllLines(csv));
    }
}
