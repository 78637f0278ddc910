package org.melkit.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.EnumMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;

/** Input trees the dataset tests (library and CLI) build in a temporary folder, and output snapshots. */
public final class DatasetFixtures {
    private DatasetFixtures() {}

    /** Rate of the class-folder fixture. */
    public static final int SR = 22050;
    /** Rate of the corpora fixture's clips before any resampling (the corpora tests' feature rate). */
    public static final int CORPORA_SR = 22050;
    /** Clips of {@link #corpora} that parse and decode. */
    public static final int CORPORA_OK = 64 + 36 + 42 + 28;

    /** Every trap of the contract in one tree; returns the input root. */
    public static Path trapTree(Path root) throws IOException {
        Path in = root.resolve("in");
        TestWav.write(in.resolve("Zebra/z1.wav"), TestWav.sine(300, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("a/x.wav"), TestWav.sine(500, 0.4, SR, 0.5), SR);
        TestWav.write(in.resolve("a-b/x.wav"), TestWav.noise(1, 0.2, SR, 0.3), SR);
        TestWav.write(in.resolve("apple/a 1.wav"), TestWav.sine(700, 0.5, SR, 0.2), SR);
        TestWav.write(in.resolve("apple/sub/deep/ü é.WAV"), TestWav.noise(2, 0.6, SR, 0.4), SR);
        TestWav.write(in.resolve("apple/.hidden.wav"), TestWav.sine(100, 0.1, SR, 0.1), SR);
        TestWav.writeGarbage(in.resolve("apple/._a 1.wav")); // AppleDouble
        TestWav.write(in.resolve("apple/.ipynb_checkpoints/c.wav"), TestWav.sine(100, 0.1, SR, 0.1), SR);
        Files.writeString(in.resolve("apple/sub/.DS_Store"), "junk");
        TestWav.write(in.resolve("cembalo/cembalo-10.wav"), TestWav.sine(900, 0.2, SR, 0.5), SR);
        TestWav.write(in.resolve("cembalo/cembalo-2.wav"), TestWav.sine(1100, 0.2, SR, 0.5), SR);
        TestWav.write(in.resolve(".hiddenclass/y.wav"), TestWav.sine(100, 0.1, SR, 0.1), SR);
        TestWav.write(in.resolve("top.wav"), TestWav.sine(100, 0.1, SR, 0.1), SR); // directly in --input: ignored
        TestWav.write(in.resolve("coll/x.wav"), TestWav.sine(200, 0.2, SR, 0.5), SR);
        TestWav.write(in.resolve("coll/x.flac"), TestWav.sine(250, 0.2, SR, 0.5), SR);
        TestWav.writeGarbage(in.resolve("bad/corrupt.wav"));
        TestWav.write(in.resolve("bad/empty0.wav"), new float[0], SR);
        return in;
    }

    /** Every file below {@code dir} with its bytes and mtime. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                m.put(FileWalk.relative(dir, p), Manifest.sha256(p) + "@" + Files.getLastModifiedTime(p).toMillis());
            }
        }
        return m;
    }

    public static void ageAll(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                Files.setLastModifiedTime(p, FileTime.fromMillis(1_000_000_000_000L));
            }
        }
    }

    /** Every file's hash, with manifest.json's creation time stamp removed. */
    public static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = FileWalk.relative(dir, p);
                m.put(rel, rel.equals("manifest.json")
                        ? Files.readString(p).replaceAll("\"created\": \"[^\"]*\"", "")
                        : Manifest.sha256(p));
            }
        }
        return m;
    }

    /** The native rate of a fixture corpus: the real one when melkit's loader (with resampling) is there. */
    public static int rate(int nativeRate) {
        return TestWav.resamplingAvailable() ? nativeRate : CORPORA_SR;
    }

    public static float[] clip(int i) {
        double seconds = 0.12 + 0.02 * (i % 9);
        int sr = CORPORA_SR;
        float[] y = i % 3 == 0 ? TestWav.sine(150 + 37 * i, seconds, sr, 0.1 + 0.05 * (i % 7)) : TestWav.noise(i, seconds, sr, 0.05 + 0.04 * (i % 11));
        return y;
    }

    public static void wav(Path p, int i, int sr, String extraChunk) {
        float[] y = clip(i);
        if (sr != CORPORA_SR) {
            y = TestWav.noise(i, y.length / (double) CORPORA_SR, sr, 0.2);
        }
        TestWav.write(p, y, sr, extraChunk);
    }

    /** Small copies of the four corpora's layouts, with their traps. */
    public static Map<Corpus, Path> corpora(Path root) throws IOException {
        Map<Corpus, Path> m = new EnumMap<>(Corpus.class);
        int i = 0;
        Path rav = root.resolve("RAVDESS");
        for (int actor = 1; actor <= 4; actor++) {
            for (int e = 1; e <= 8; e++) {
                for (int rep = 1; rep <= 2; rep++) {
                    String name = String.format("03-01-%02d-01-01-%02d-%02d.wav", e, rep, actor);
                    wav(rav.resolve(String.format("Actor_%02d/%s", actor, name)), i++, rate(48000), "FLLR");
                }
            }
        }
        TestWav.writeGarbage(rav.resolve("Actor_01/._03-01-01-01-01-01-01.wav"));
        Files.writeString(rav.resolve(".DS_Store"), "junk");
        m.put(Corpus.RAVDESS, rav);

        Path crema = root.resolve("CREMA-D/AudioWAV");
        String[] emo = {"ANG", "DIS", "FEA", "HAP", "NEU", "SAD"};
        for (int actor = 1001; actor <= 1003; actor++) {
            for (String e : emo) {
                for (String s : new String[] {"DFA", "IEO"}) {
                    wav(crema.resolve(actor + "_" + s + "_" + e + "_XX.wav"), i++, rate(16000), null);
                }
            }
        }
        TestWav.write(crema.resolve("1076_MTI_SAD_XX.wav"), new float[0], rate(16000)); // the real empty clip
        TestWav.writeGarbage(crema.resolve("1005_DFA_ANG_XX.wav"));
        m.put(Corpus.CREMA, crema);

        Path tess = root.resolve("TESS Toronto emotional speech set data");
        String[] words = {"angry", "disgust", "fear", "happy", "neutral", "ps", "sad"};
        for (String spk : new String[] {"OAF", "YAF"}) {
            for (String e : words) {
                String folder = spk + "_" + (e.equals("ps") ? "pleasant_surprised" : e);
                for (String w : new String[] {"back", "bite", "youth"}) {
                    wav(tess.resolve(folder + "/" + spk + "_" + w + "_" + e + ".wav"), i++, rate(24414), null);
                }
            }
        }
        Files.writeString(tess.resolve("README.txt"), "not a clip"); // no audio extension: not an input
        m.put(Corpus.TESS, tess);

        Path savee = root.resolve("SAVEE");
        String[] codes = {"a", "d", "f", "h", "n", "sa", "su"};
        for (String c : codes) {
            for (int k = 1; k <= 2; k++) {
                wav(savee.resolve(String.format("ALL/DC_%s%02d.wav", c, k)), i++, rate(44100), null);
                wav(savee.resolve(String.format("AudioData/JE/%s%02d.wav", c, k)), i++, rate(44100), null);
            }
        }
        TestWav.write(savee.resolve("ALL/DC_x01.wav"), clip(0), CORPORA_SR);
        m.put(Corpus.SAVEE, savee);
        return m;
    }

}
