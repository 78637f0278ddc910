package org.melkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AugmentCommandTest {
    @TempDir
    Path tmp;

    private record Run(int rc, String out, String err) {}

    private static Run run(String... argv) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc = Main.run(argv, new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    private static void wav(Path p, int n, int sr) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(44 + 2 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + 2 * n).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(sr).putInt(2 * sr).putShort((short) 2).putShort((short) 16)
                .put("data".getBytes()).putInt(2 * n);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(8000 * Math.sin(2 * Math.PI * 330 * i / sr)));
        }
        Files.createDirectories(p.getParent());
        Files.write(p, b.array());
    }

    @Test
    void exitCodesAndOutputs() throws IOException {
        Path in = tmp.resolve("in");
        wav(in.resolve("x/one.wav"), 8000, 16000);
        wav(in.resolve("y/two.wav"), 6000, 16000);
        Path config = tmp.resolve("aug.json");
        Files.writeString(config, "{\"transforms\": [{\"type\": \"gain\", \"p\": 1, \"min_gain_db\": -3, \"max_gain_db\": -1},"
                + " {\"type\": \"shift\", \"p\": 1, \"min_fraction\": 0.1, \"max_fraction\": 0.1, \"rollover\": false}]}");
        Run ok = run("augment", "--input", in.toString(), "--output", tmp.resolve("out").toString(), "--copies", "2",
                "--seed", "9", "--config", config.toString(), "--jobs", "2", "--no-progress");
        assertEquals(0, ok.rc(), ok.err());
        assertTrue(ok.out().contains("2 inputs -> 4 outputs"), ok.out());
        List<String> csv = Files.readAllLines(tmp.resolve("out/augment.csv"));
        assertEquals("source,output,copy,file_seed,sample_rate,input_samples,output_samples,transforms,gain_db,shift_fraction,shift_samples",
                csv.get(0));
        assertEquals(5, csv.size());
        assertTrue(csv.get(1).startsWith("x/one.wav,x/one__aug01.wav,1,"), csv.get(1));
        assertTrue(csv.get(1).contains(",16000,8000,8000,"), csv.get(1));
        assertTrue(csv.get(1).contains("shift(fraction=0.1 samples=800)"), csv.get(1));

        Files.writeString(in.resolve("y/bad.wav"), "RIFF");
        Run failed = run("augment", "--input", in.toString(), "--output", tmp.resolve("out").toString(), "--copies", "2",
                "--seed", "9", "--config", config.toString(), "--no-progress");
        assertEquals(1, failed.rc());
        assertTrue(failed.out().contains("(4 resumed), 1 failed"), failed.out());
        assertTrue(Files.readString(tmp.resolve("out/failures.csv")).contains("y/bad.wav,"));

        assertEquals(2, run("augment", "--input", in.toString(), "--output", tmp.resolve("o2").toString()).rc(), "missing --copies");
        Run typo = run("augment", "--input", in.toString(), "--output", tmp.resolve("o2").toString(), "--copies", "1", "--sead", "3");
        assertEquals(2, typo.rc());
        assertTrue(typo.err().contains("--sead"), typo.err());
        Files.writeString(config, "{\"transforms\": [{\"type\": \"echo\"}]}");
        Run badConfig = run("augment", "--input", in.toString(), "--output", tmp.resolve("o2").toString(), "--copies", "1",
                "--config", config.toString());
        assertEquals(2, badConfig.rc());
        assertTrue(badConfig.err().contains("unknown type \"echo\""), badConfig.err());
        assertEquals(2, run("augment", "--input", in.toString(), "--output", tmp.resolve("o2").toString(), "--copies", "0").rc());
    }

    @Test
    void imagesCommandWritesClassFolders() throws IOException {
        Path in = tmp.resolve("in");
        wav(in.resolve("x/one.wav"), 16000, 16000);
        wav(in.resolve("y/two.wav"), 8000, 16000);
        Run r = run("images", "--input", in.toString(), "--output", tmp.resolve("img").toString(), "--sr", "16000",
                "--seconds", "1", "--width", "64", "--height", "96", "--colormap", "magma", "--no-progress");
        assertEquals(0, r.rc(), r.err());
        java.awt.image.BufferedImage img = javax.imageio.ImageIO.read(tmp.resolve("img/y/two.png").toFile());
        assertEquals(64, img.getWidth());
        assertEquals(96, img.getHeight());
        assertEquals(List.of("source,output,label", "x/one.wav,x/one.png,x", "y/two.wav,y/two.png,y"),
                Files.readAllLines(tmp.resolve("img/images.csv")));
        assertEquals(2, run("images", "--input", in.toString(), "--output", tmp.resolve("img2").toString(), "--colormap", "jet").rc());
    }

    @Test
    void unreadableConfigIsAUsageErrorThatNamesTheFileAndTouchesNothing() throws IOException {
        Path in = tmp.resolve("in");
        wav(in.resolve("x/one.wav"), 8000, 16000);
        Path out = tmp.resolve("aug");
        Run r = run("augment", "--input", in.toString(), "--output", out.toString(), "--copies", "1",
                "--config", tmp.resolve("missing.json").toString());
        assertEquals(2, r.rc(), r.err());
        org.junit.jupiter.api.Assertions.assertTrue(r.err().contains("missing.json") && r.err().contains("no such file"), r.err());
        org.junit.jupiter.api.Assertions.assertFalse(Files.exists(out), "nothing written");
    }
}
