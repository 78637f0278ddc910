package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.LoadOptions;
import org.melkit.cli.Main;
import org.melkit.features.Recipes;
import org.melkit.batch.Manifest;
import org.melkit.ml.Pca;

class MusicSummaryTest {
    static final int SR = 22050;

    @TempDir
    Path dir;

    /** {@code seconds} of a sine at {@code freq} Hz plus a little seeded noise. */
    static float[] tone(double freq, double seconds, int sr, long seed) {
        java.util.Random rnd = new java.util.Random(seed);
        float[] y = new float[(int) (seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * freq * i / sr) + 0.05 * rnd.nextGaussian());
        }
        return y;
    }

    /** Folders that sort differently by whole path than by folder name, plus everything that must be ignored. */
    Path music() throws IOException {
        Path in = dir.resolve("music");
        TestWav.write(in.resolve("Zebra/z.wav"), tone(220, 0.5, SR, 1), SR);
        TestWav.write(in.resolve("a-b/x.wav"), tone(330, 0.4, SR, 2), SR);
        TestWav.write(in.resolve("a/x.wav"), tone(440, 0.3, SR, 3), SR);
        TestWav.write(in.resolve("apple/cembalo-2.wav"), tone(550, 0.5, SR, 4), SR);
        TestWav.write(in.resolve("apple/cembalo-10.wav"), tone(660, 0.6, SR, 5), SR);
        TestWav.write(in.resolve("apple/Ünïcode song.wav"), tone(880, 0.5, SR, 6), SR);
        TestWav.write(in.resolve("apple/empty.wav"), new float[0], SR);               // 0 samples: failure
        Files.writeString(in.resolve("apple/notes.txt"), "not audio");              // no audio extension: no input
        TestWav.write(in.resolve("apple/sub/deep.wav"), tone(100, 0.5, SR, 7), SR); // not recursive
        TestWav.write(in.resolve("apple/._cembalo-2.wav"), tone(100, 0.5, SR, 8), SR); // hidden
        TestWav.write(in.resolve(".hidden/h.wav"), tone(100, 0.5, SR, 9), SR);
        TestWav.write(in.resolve("top.wav"), tone(100, 0.5, SR, 10), SR);      // directly in input: ignored
        return in;
    }

    static int cli(String... args) {
        return Main.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    @Test
    void layoutSortingValuesAndFailures() throws IOException {
        Path in = music();
        Path out = dir.resolve("out/summary.csv");
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", out.toString(), "--jobs", "2"));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        List<String> header = new ArrayList<>(List.of("folder", "file"));
        for (int i = 1; i <= 13; i++) {
            header.add("mfcc_" + i);
        }
        header.add("spectral_centroid");
        header.add("zero_crossing_rate");
        assertEquals(String.join(",", header), lines.get(0));
        List<String> order = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).toList();
        assertEquals(List.of("Zebra,z.wav", "a-b,x.wav", "a,x.wav", "apple,cembalo-10.wav", "apple,cembalo-2.wav", "apple,Ünïcode song.wav"), order);
        // values: recipe_c of each file, printed with Double.toString
        String[] first = lines.get(1).split(",");
        double[] expected = Recipes.summary(Audio.load(in.resolve("Zebra/z.wav"), LoadOptions.atRate(SR)).samples(), SR, 13);
        assertEquals(17, first.length);
        for (int i = 0; i < 15; i++) {
            assertEquals(Double.toString(expected[i]), first[i + 2], "column " + header.get(i + 2));
        }
        // sidecars are named after the report (rule 10); notes.txt is no audio, so no input (one extension list)
        List<String> failures = Files.readAllLines(out.resolveSibling("summary.failures.csv"));
        assertEquals("source,error", failures.get(0));
        assertEquals(2, failures.size(), failures.toString());
        assertTrue(failures.get(1).startsWith("apple/empty.wav,"), failures.get(1));
        String manifest = Files.readString(out.resolveSibling("summary.manifest.json"));
        assertTrue(manifest.contains("\"apple/empty.wav\""), manifest);
        assertTrue(manifest.contains("\"failures\": 1"), manifest);
        assertTrue(!Files.exists(out.resolveSibling("manifest.json")) && !Files.exists(out.resolveSibling("failures.csv")));
    }

    @Test
    void pcaColumnsAndIdenticalOutputForAnyJobs() throws IOException {
        Path in = music();
        Path one = dir.resolve("one/s.csv");
        Path two = dir.resolve("two/s.csv");
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", one.toString(), "--pca", "3", "--n-mfcc", "5", "--jobs", "1"));
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", two.toString(), "--pca", "3", "--n-mfcc", "5", "--jobs", "2"));
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        assertArrayEquals(Files.readAllBytes(one.resolveSibling("s.failures.csv")), Files.readAllBytes(two.resolveSibling("s.failures.csv")));
        assertArrayEquals(Files.readAllBytes(one.resolveSibling("s.journal.jsonl")), Files.readAllBytes(two.resolveSibling("s.journal.jsonl")));
        List<String> lines = Files.readAllLines(one);
        assertEquals("folder,file,mfcc_1,mfcc_2,mfcc_3,mfcc_4,mfcc_5,spectral_centroid,zero_crossing_rate,pc_1,pc_2,pc_3", lines.get(0));

        SummaryResult r = MusicSummary.build(in, SummaryParams.DEFAULT.withNMfcc(5).withPca(3));
        assertEquals(6, r.rows().size());
        double[][] features = new double[6][];
        for (int i = 0; i < 6; i++) {
            features[i] = java.util.Arrays.copyOf(r.rows().get(i).values(), 7);
        }
        Pca.Result p = Pca.standardiseAndProject(features, 3);
        for (int i = 0; i < 6; i++) {
            String[] f = lines.get(i + 1).split(",");
            for (int c = 0; c < 3; c++) {
                assertEquals(Double.toString(p.scores()[i][c]), f[9 + c]);
            }
        }
        assertTrue(p.variance()[0] >= p.variance()[1] && p.variance()[1] >= p.variance()[2]);
        assertEquals(12, r.table().columnCount());
        assertTrue(r.toString().contains("6 rows x 12 columns, 1 failure(s)"), r.toString());
    }

    @Test
    void reRunsReuseCachedRowsAndRecomputeChangedFiles() throws IOException {
        Path in = music();
        Path out = dir.resolve("out/summary.csv");
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", out.toString(), "--jobs", "2"));
        // plant a sentinel in the journal: a re-run that reuses the row must print it instead of recomputing
        Path journal = out.resolveSibling("summary.journal.jsonl");
        String zebra = Files.readAllLines(journal).stream().filter(l -> l.contains("\"source\":\"Zebra/z.wav\"")).findFirst().orElseThrow();
        String planted = zebra.substring(0, zebra.indexOf("\"data\":")) + "\"data\":[" + String.join(",", java.util.Collections.nCopies(15, "42.0")) + "]}";
        Files.writeString(journal, Files.readString(journal).replace(zebra, planted));
        TestWav.write(in.resolve("a/x.wav"), tone(1234, 0.3, SR, 11), SR); // changed content: recomputed
        assertEquals(1, cli("summary", "--input", in.toString(), "--output", out.toString(), "--jobs", "1"));
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertTrue(lines.get(1).startsWith("Zebra,z.wav,42.0,42.0"), "cached row reused: " + lines.get(1));
        double[] changed = Recipes.summary(Audio.load(in.resolve("a/x.wav"), LoadOptions.atRate(SR)).samples(), SR, 13);
        assertEquals(Double.toString(changed[0]), lines.get(3).split(",")[2], "a changed file is recomputed");
        assertTrue(Files.readAllLines(out.resolveSibling("summary.failures.csv")).size() == 2, "failures are retried, still listed");
    }

    @Test
    void usageErrors() throws IOException {
        Path in = music();
        assertEquals(2, cli("summary", "--input", in.toString(), "--output", dir.resolve("o.csv").toString(), "--pca", "16"));
        assertEquals(2, cli("summary", "--input", dir.resolve("nope").toString(), "--output", dir.resolve("o.csv").toString()));
        assertEquals(2, cli("summary", "--input", in.toString(), "--output", dir.resolve("o.csv").toString(), "--bogus", "1"));
        assertEquals(2, cli("summary", "--input", in.toString(), "--output", dir.resolve("o.csv").toString(), "--pca", "7"),
                "7 components need 7 readable files; there are 6");
        assertTrue(!Files.exists(dir.resolve("o.csv")));
    }
}
