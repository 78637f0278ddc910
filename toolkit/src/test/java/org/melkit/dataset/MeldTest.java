package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.cli.Main;
import org.melkit.dsp.FloatMatrix;
import org.melkit.io.CsvFormatException;
import org.melkit.io.Npy;
import org.melkit.batch.Manifest;

class MeldTest {
    static final String HEADER = MeldCsvTest.HEADER;
    /** Small spectrograms keep the test fast: 16 kHz, 1 s, 16 mels, 24 frames. */
    static final MeldParams P = new MeldParams(16000, 1.0, 512, 256, 16, 24);
    static final String[] P_ARGS = {"--sr", "16000", "--duration", "1.0", "--n-fft", "512", "--hop-length", "256", "--n-mels", "16", "--frames", "24"};

    @TempDir
    static Path media;
    static Path toneA;
    static Path toneB;
    static Path toneC;
    static Path video;
    static Path junk;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeMedia() throws Exception {
        if (!MediaFixtures.hasFfmpeg()) {
            return;
        }
        toneA = MediaFixtures.sineMp4(media.resolve("a.mp4"), 440, 1.2, 16000);
        toneB = MediaFixtures.sineMp4(media.resolve("b.mp4"), 1800, 0.4, 16000);
        toneC = MediaFixtures.sineMp4(media.resolve("c.mp4"), 3000, 0.7, 16000);
        video = MediaFixtures.videoOnlyMp4(media.resolve("v.mp4"));
        junk = MediaFixtures.garbage(media.resolve("g.mp4"));
    }

    static String row(int sr, int dia, int utt, String emotion, String sentiment) {
        return sr + ",\"Line " + dia + "," + utt + "\",Speaker," + emotion + "," + sentiment + "," + dia + "," + utt
                + ",1,1,\"0:00:01,000\",\"00:00:02,000\"\r\n";
    }

    static void csv(Path root, MeldSplit s, String... rows) throws IOException {
        Files.createDirectories(root);
        Files.writeString(root.resolve(s.csvName()), HEADER + "\r\n" + String.join("", rows), StandardCharsets.UTF_8);
    }

    static void put(Path src, Path folder, String name) throws IOException {
        Files.createDirectories(folder);
        Files.copy(src, folder.resolve(name));
    }

    /** MELD.Raw/{train/train_splits, dev/dev_splits_complete, test/output_repeated_splits_test} with decoys. */
    Path nestedRoot() throws IOException {
        Path root = dir.resolve("MELD.Raw");
        csv(root, MeldSplit.TRAIN,
                row(1, 0, 0, "neutral", "neutral"),   // ok A
                row(2, 0, 1, "surprise", "positive"), // missing
                row(2, 1, 0, "fear", "negative"),     // corrupt
                row(3, 1, 1, "sadness", "negative"),  // no audio
                row(4, 2, 0, "joy", "positive"),      // ok B
                row(5, 2, 3, "disgust", "negative"),  // ok C
                row(1, 3, 0, "anger", "negative"));   // ok A again; Sr No. repeats
        csv(root, MeldSplit.VAL, row(1, 0, 0, "joy", "positive"), row(2, 0, 1, "anger", "negative"));
        csv(root, MeldSplit.TEST, row(1, 0, 0, "fear", "negative"), row(2, 5, 0, "neutral", "neutral"));
        Path train = root.resolve("train/train_splits");
        put(toneA, train, "dia0_utt0.mp4");
        put(junk, train, "dia1_utt0.mp4");
        put(video, train, "dia1_utt1.mp4");
        put(toneB, train, "dia2_utt0.mp4");
        put(toneC, train, "dia2_utt3.mp4");
        put(toneA, train, "dia3_utt0.mp4");
        put(junk, train, "._dia0_utt0.mp4");       // AppleDouble: never looked up
        put(toneB, train, "dia99_utt0.mp4");        // no CSV row: ignored
        // decoys that must not be chosen: hidden and __MACOSX folders sort before "train"
        put(junk, root.resolve(".cache/train_splits"), "dia0_utt0.mp4");
        put(junk, root.resolve("__MACOSX/train_splits"), "dia0_utt0.mp4");
        put(toneB, root.resolve("dev/dev_splits_complete"), "dia0_utt0.mp4");
        put(toneC, root.resolve("dev/dev_splits_complete"), "dia0_utt1.mp4");
        put(toneC, root.resolve("test/output_repeated_splits_test"), "dia0_utt0.mp4");
        return root;
    }

    static int cli(List<String> args, StringBuilder errOut) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int rc = Main.run(args.toArray(new String[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        if (errOut != null) {
            errOut.append(err.toString(StandardCharsets.UTF_8));
        }
        return rc;
    }

    static List<String> meldArgs(Path root, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("meld", "--root", root.toString(), "--output", out.toString(), "--no-progress"));
        a.addAll(List.of(P_ARGS));
        a.addAll(List.of(extra));
        return a;
    }

    @Test
    void findsBothLayoutsAndSkipsHiddenAndMacosx() throws IOException {
        Path root = dir.resolve("r");
        Files.createDirectories(root.resolve("__MACOSX/train_splits"));
        Files.createDirectories(root.resolve(".hidden/dev_splits_complete"));
        Files.createDirectories(root.resolve("a/b/train_splits"));
        Files.createDirectories(root.resolve("train/train_splits"));
        Files.createDirectories(root.resolve("dev_splits_complete"));
        Map<MeldSplit, Path> f = MeldSplit.findClipFolders(root);
        assertEquals(root.resolve("train/train_splits"), f.get(MeldSplit.TRAIN), "at depth 2, a/b/... is deeper");
        assertEquals(root.resolve("dev_splits_complete"), f.get(MeldSplit.VAL));
        assertFalse(f.containsKey(MeldSplit.TEST));
    }

    @Test
    void nestedLayoutStatusesAlignmentLabelsAndJobs() throws Exception {
        MediaFixtures.assumeFfmpeg();
        Path root = nestedRoot();
        Path out = dir.resolve("out");
        StringBuilder err = new StringBuilder();
        assertEquals(1, cli(meldArgs(root, out, "--jobs", "2", "--batch-size", "2"), err), err.toString());
        // the same with one thread and the default batch size: byte-identical outputs
        Path out1 = dir.resolve("out1");
        assertEquals(1, cli(meldArgs(root, out1, "--jobs", "1"), null));
        for (String f : List.of("X_audio_train.npy", "X_audio_val.npy", "X_audio_test.npy", "y_emotion_train.npy",
                "y_sentiment_test.npy", "ids_train.csv", "ids_val.csv", "ids_test.csv", "report.json", "failures.csv")) {
            assertArrayEquals(Files.readAllBytes(out.resolve(f)), Files.readAllBytes(out1.resolve(f)), f + " for 1 and 2 jobs");
        }

        List<String> ids = Files.readAllLines(out.resolve("ids_train.csv"));
        assertEquals(List.of("row,dialogue_id,utterance_id,file,status,emotion,sentiment",
                "0,0,0,train/train_splits/dia0_utt0.mp4,ok,neutral,neutral",
                "1,0,1,dia0_utt1.mp4,missing,surprise,positive",
                "2,1,0,train/train_splits/dia1_utt0.mp4,corrupt,fear,negative",
                "3,1,1,train/train_splits/dia1_utt1.mp4,no_audio,sadness,negative",
                "4,2,0,train/train_splits/dia2_utt0.mp4,ok,joy,positive",
                "5,2,3,train/train_splits/dia2_utt3.mp4,ok,disgust,negative",
                "6,3,0,train/train_splits/dia3_utt0.mp4,ok,anger,negative"), ids);

        String report = Files.readString(out.resolve("report.json"));
        assertTrue(report.replaceAll("\\s", "").contains(
                "\"train\":{\"rows\":7,\"ok\":4,\"missing\":1,\"corrupt\":1,\"no_audio\":1}"), report);
        assertTrue(report.replaceAll("\\s", "").contains("\"val\":{\"rows\":2,\"ok\":2,\"missing\":0,\"corrupt\":0,\"no_audio\":0}"), report);
        assertTrue(report.replaceAll("\\s", "").contains("\"test\":{\"rows\":2,\"ok\":1,\"missing\":1,\"corrupt\":0,\"no_audio\":0}"), report);

        Npy.Array x = Npy.read(out.resolve("X_audio_train.npy"));
        assertArrayEquals(new int[] {7, 16, 24, 1}, x.shape());
        int size = 16 * 24;
        Path[] clipOfRow = {toneA, null, null, null, toneB, toneC, toneA};
        Map<Path, FloatMatrix> alone = new java.util.HashMap<>();
        for (int i = 0; i < 7; i++) {
            float[] got = Arrays.copyOfRange(x.data(), i * size, (i + 1) * size);
            if (clipOfRow[i] == null) {
                assertArrayEquals(new float[size], got, "row " + i + " is a zero row");
            } else {
                FloatMatrix s = alone.computeIfAbsent(clipOfRow[i], c -> Meld.spectrogram(c, P));
                assertArrayEquals(s.toArray(), got, "row " + i + " of X is its own clip's spectrogram");
                assertEquals(1f, s.max());
                assertEquals(0f, s.min());
            }
        }
        // tones differ, so the alignment check above is meaningful
        assertFalse(Arrays.equals(alone.get(toneA).toArray(), alone.get(toneB).toArray()));

        Npy.Array ye = Npy.read(out.resolve("y_emotion_train.npy"));
        assertArrayEquals(new int[] {7, 7}, ye.shape());
        for (int i = 0; i < 7; i++) {
            float[] r = Arrays.copyOfRange(ye.data(), i * 7, i * 7 + 7);
            float[] expected = new float[7];
            expected[i] = 1f; // rows list the emotions in MELD's order
            assertArrayEquals(expected, r, "emotion one-hot of row " + i);
        }
        Npy.Array ys = Npy.read(out.resolve("y_sentiment_train.npy"));
        assertArrayEquals(new int[] {7, 3}, ys.shape());
        assertArrayEquals(new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, Arrays.copyOfRange(ys.data(), 0, 9));
        assertArrayEquals(new int[] {2, 16, 24, 1}, Npy.read(out.resolve("X_audio_val.npy")).shape());
        MeldResult resumed = Meld.of(P).run(root, out);
        assertArrayEquals(new int[] {7, 16, 24, 1}, resumed.split(MeldSplit.TRAIN).x().shape());
        assertEquals(1f, resumed.split(MeldSplit.TRAIN).yEmotion().data()[4 * 7 + 4], "row 4 is joy");
        assertArrayEquals(new int[] {7, 3}, resumed.split(MeldSplit.TRAIN).ySentiment().shape());
        assertEquals(3, resumed.split(MeldSplit.TRAIN).nonOk().rowCount());

        List<String> failures = Files.readAllLines(out.resolve("failures.csv"));
        assertEquals("source,error", failures.get(0));
        assertEquals(5, failures.size(), String.join("\n", failures));
        assertTrue(failures.get(1).startsWith("test:dia5_utt0.mp4,missing"), failures.get(1));
        assertTrue(failures.get(2).startsWith("train:dia0_utt1.mp4,missing"), failures.get(2));
        assertTrue(failures.get(3).startsWith("train:train/train_splits/dia1_utt0.mp4,\"corrupt: "), failures.get(3));
        assertTrue(failures.get(3).contains("moov atom not found"), failures.get(3));
        assertTrue(failures.get(4).startsWith("train:train/train_splits/dia1_utt1.mp4,\"no_audio: "), failures.get(4));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"train/train_splits/dia0_utt0.mp4\": \"" + Manifest.sha256(toneA) + "\""), manifest);
        assertTrue(manifest.contains("\"n_mels\": 16"), manifest);
        assertTrue(manifest.contains("\"train_sent_emo.csv\""), manifest);
    }

    @Test
    void flatLayoutWithOrderFileAndResume() throws Exception {
        MediaFixtures.assumeFfmpeg();
        Path root = dir.resolve("flat");
        csv(root, MeldSplit.TRAIN, row(1, 0, 0, "joy", "positive"), row(2, 0, 1, "anger", "negative"), row(3, 4, 2, "fear", "negative"));
        csv(root, MeldSplit.VAL, row(1, 0, 0, "joy", "positive"));
        csv(root, MeldSplit.TEST, row(1, 0, 0, "neutral", "neutral"));
        put(toneA, root.resolve("train_splits"), "dia0_utt0.mp4");
        put(toneB, root.resolve("train_splits"), "dia0_utt1.mp4");
        put(toneC, root.resolve("train_splits"), "dia4_utt2.mp4");
        put(toneA, root.resolve("dev_splits_complete"), "dia0_utt0.mp4");
        put(toneB, root.resolve("output_repeated_splits_test"), "dia0_utt0.mp4");
        Path order = dir.resolve("order_train.csv");
        Files.writeString(order, "dialogue_id,utterance_id\n4,2\n0,0\n0,1\n");
        Path out = dir.resolve("out");
        StringBuilder err = new StringBuilder();
        assertEquals(0, cli(meldArgs(root, out, "--order-train", order.toString()), err), err.toString());
        List<String> ids = Files.readAllLines(out.resolve("ids_train.csv"));
        assertEquals("0,4,2,train_splits/dia4_utt2.mp4,ok,fear,negative", ids.get(1));
        assertEquals("1,0,0,train_splits/dia0_utt0.mp4,ok,joy,positive", ids.get(2));
        Npy.Array x = Npy.read(out.resolve("X_audio_train.npy"));
        assertArrayEquals(Meld.spectrogram(toneC, P).toArray(), Arrays.copyOfRange(x.data(), 0, 16 * 24), "row 0 follows the order file");
        Npy.Array ye = Npy.read(out.resolve("y_emotion_train.npy"));
        assertEquals(1f, ye.data()[2], "row 0 is fear (index 2)");
        assertEquals(1f, ye.data()[7 + 4], "row 1 is joy (index 4)");

        // a re-run with the same inputs and parameters resumes: X is not rewritten
        Path xFile = out.resolve("X_audio_train.npy");
        FileTime before = Files.getLastModifiedTime(xFile);
        byte[] bytes = Files.readAllBytes(xFile);
        Files.setLastModifiedTime(xFile, FileTime.fromMillis(before.toMillis() - 10_000));
        FileTime older = Files.getLastModifiedTime(xFile);
        MeldResult r = Meld.of(P).withOrderFile(MeldSplit.TRAIN, order).run(root, out);
        assertTrue(r.split(MeldSplit.TRAIN).resumed(), r.toString());
        assertEquals(older, Files.getLastModifiedTime(xFile));
        assertEquals(3, r.split(MeldSplit.TRAIN).count(MeldStatus.OK));
        assertEquals("fear", r.split(MeldSplit.TRAIN).ids().stringColumn("emotion").get(0));
        // different parameters are refused (rule 5), touching nothing; with overwrite they rebuild
        assertThrows(org.melkit.batch.RefusedRunException.class,
                () -> Meld.of(P.withFrames(20)).withOrderFile(MeldSplit.TRAIN, order).run(root, out));
        assertArrayEquals(bytes, Files.readAllBytes(xFile));
        MeldResult r2 = Meld.of(P.withFrames(20)).withOrderFile(MeldSplit.TRAIN, order).withOverwrite(true).run(root, out);
        assertFalse(r2.split(MeldSplit.TRAIN).resumed());
        assertArrayEquals(new int[] {3, 16, 20, 1}, Npy.read(xFile).shape());
        assertFalse(Arrays.equals(bytes, Files.readAllBytes(xFile)));
        assertNotNull(r2.toString());
    }

    @Test
    void noClipFoldersGivesZeroRowsAndExit1() throws IOException {
        Path root = dir.resolve("csvonly");
        csv(root, MeldSplit.TRAIN, row(1, 0, 0, "joy", "positive"));
        csv(root, MeldSplit.VAL, row(1, 0, 0, "joy", "positive"));
        csv(root, MeldSplit.TEST, row(1, 0, 0, "neutral", "neutral"), row(2, 0, 1, "neutral", "neutral"));
        Path out = dir.resolve("out");
        assertEquals(1, cli(meldArgs(root, out), null));
        assertEquals("0,0,0,dia0_utt0.mp4,missing,joy,positive", Files.readAllLines(out.resolve("ids_train.csv")).get(1));
        Npy.Array x = Npy.read(out.resolve("X_audio_test.npy"));
        assertArrayEquals(new int[] {2, 16, 24, 1}, x.shape());
        assertArrayEquals(new float[2 * 16 * 24], x.data());
        String report = Files.readString(out.resolve("report.json")).replaceAll("\\s", "");
        assertTrue(report.contains("\"test\":{\"rows\":2,\"ok\":0,\"missing\":2,\"corrupt\":0,\"no_audio\":0}"), report);
    }

    @Test
    void badCsvOrOrderFileIsAUsageErrorAndTouchesNothing() throws IOException {
        Path root = dir.resolve("bad");
        csv(root, MeldSplit.TRAIN, row(1, 0, 0, "joy", "positive"));
        csv(root, MeldSplit.VAL, row(1, 0, 0, "happy", "positive"));
        csv(root, MeldSplit.TEST, row(1, 0, 0, "neutral", "neutral"));
        Path out = dir.resolve("out");
        StringBuilder err = new StringBuilder();
        assertEquals(2, cli(meldArgs(root, out), err));
        assertTrue(err.toString().contains("dev_sent_emo.csv: line 2"), err.toString());
        assertFalse(Files.exists(out));

        csv(root, MeldSplit.VAL, row(1, 0, 0, "joy", "positive"));
        Path order = dir.resolve("order.csv");
        Files.writeString(order, "dialogue_id,utterance_id\n0,0\n9,9\n");
        StringBuilder err2 = new StringBuilder();
        assertEquals(2, cli(meldArgs(root, out, "--order-train", order.toString()), err2));
        assertTrue(err2.toString().contains("1 key(s) not in the CSV"), err2.toString());
        assertFalse(Files.exists(out));
        Files.delete(root.resolve(MeldSplit.TEST.csvName()));
        assertThrows(CsvFormatException.class, () -> Meld.build(root, out));
        assertEquals(2, cli(List.of("meld", "--root", root.toString()), null), "--output is required");
    }
}
