package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.io.Npy;

/**
 * The packaged artifacts, after {@code package} (failsafe, {@code mvn verify}): the shaded
 * {@code target/melkit.jar} holds no ND4J, OpenBLAS or ICU4J and stays small, yet every command
 * runs from it in a fresh JVM (the minimised fastutil and the classes Tablesaw, XChart and
 * JavaCPP load by name are all there, and FFTW's natives load); the {@code target/melkit}
 * launcher gives the same bytes as {@code java -jar}.
 */
class ShadedJarIT {
    static final Path TARGET = Path.of(System.getProperty("melkit.target", "target")).toAbsolutePath();
    static final Path JAR = TARGET.resolve("melkit.jar");

    @TempDir
    static Path tmp;

    static Path classes;
    static Path clip;

    record Run(int status, String out) {}

    @BeforeAll
    static void data() throws IOException {
        classes = tmp.resolve("classes");
        for (int i = 0; i < 3; i++) {
            TestWav.write(classes.resolve("tone/" + i + ".wav"), TestWav.sine(300 + 200 * i, 1.5, 22050, 0.4), 22050);
            TestWav.write(classes.resolve("noise/" + i + ".wav"), TestWav.noise(i, 1.5, 22050, 0.3), 22050);
        }
        clip = tmp.resolve("clip.wav");
        TestWav.write(clip, TestWav.sine(440, 3.0, 22050, 0.5), 22050);
    }

    static Run run(List<String> command) throws IOException, InterruptedException {
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        int rc = p.waitFor();
        return new Run(rc, Files.readString(log, StandardCharsets.UTF_8));
    }

    static Run melkit(Object... args) throws IOException, InterruptedException {
        List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        for (Object a : args) {
            c.add(a.toString());
        }
        return run(c);
    }

    @Test
    void jarHoldsNoNd4jOpenBlasOrIcuAndStaysUnder40MiB() throws IOException {
        assertTrue(Files.size(JAR) <= 40L << 20, "melkit.jar is " + Files.size(JAR) + " bytes");
        try (ZipFile z = new ZipFile(JAR.toFile())) {
            List<String> names = z.stream().map(e -> e.getName()).toList();
            for (String banned : new String[] {"org/nd4j/", "org/deeplearning4j/", "org/bytedeco/openblas/", "com/ibm/icu/"}) {
                assertFalse(names.stream().anyMatch(n -> n.startsWith(banned)), banned + " is in melkit.jar");
            }
            for (String needed : new String[] {"org/bytedeco/fftw/linux-x86_64/libjnifftw3.so", "org/bytedeco/javacpp/linux-x86_64/libjnijavacpp.so",
                "tech/tablesaw/io/csv/CsvReader.class", "it/unimi/dsi/fastutil/ints/IntArrayList.class", "org/melkit/cli/StartupTraining.class"}) {
                assertTrue(names.contains(needed), needed + " is missing from melkit.jar");
            }
            long fastutil = names.stream().filter(n -> n.startsWith("it/unimi/dsi/fastutil/")).count();
            assertTrue(fastutil < 5000, "fastutil is minimised (all of it is about 11,000 classes): " + fastutil);
        }
    }

    @Test
    void featureAndBenchRunFromTheJarOnFftw() throws Exception {
        Run mel = melkit("feature", "melspectrogram", "--input", clip, "--output", tmp.resolve("mel.npy"));
        assertEquals(0, mel.status(), mel.out());
        assertArrayEquals(new int[] {128, 130}, Npy.read(tmp.resolve("mel.npy")).shape());
        Run bench = melkit("bench", "--clips", 8, "--jobs", 1, "--rounds", 1);
        assertEquals(0, bench.status(), bench.out());
        assertTrue(bench.out().contains("clips/s"), bench.out());
        Run probe = run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                JAR + java.io.File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath(), FftBackendProbe.class.getName()));
        assertEquals("fftw", probe.out().strip(), "FFTW's natives load from the shaded jar");
    }

    @Test
    void everyDatasetCommandRunsFromTheJar() throws Exception {
        Path o = tmp.resolve("out");
        Map<String, Object[]> runs = new java.util.LinkedHashMap<>();
        runs.put("eda", new Object[] {"eda", "--input", classes, "--output", o.resolve("eda.csv"), "--levels"});
        runs.put("validate", new Object[] {"validate", "--input", classes, "--output", o.resolve("validate.csv")});
        runs.put("chunk", new Object[] {"chunk", "--input", classes, "--output", o.resolve("chunks"), "--seconds", 0.5});
        runs.put("augment", new Object[] {"augment", "--input", classes, "--output", o.resolve("augment"), "--copies", 1, "--seed", 1});
        runs.put("images", new Object[] {"images", "--input", classes, "--output", o.resolve("images")});
        runs.put("extract", new Object[] {"extract", "--input", classes, "--output", o.resolve("extract"), "--frames", 16, "--no-progress"});
        runs.put("summary", new Object[] {"summary", "--input", classes, "--output", o.resolve("summary")});
        for (Map.Entry<String, Object[]> e : runs.entrySet()) {
            Run r = melkit(e.getValue());
            assertEquals(0, r.status(), e.getKey() + ": " + r.out());
            assertFalse(r.out().contains("Exception"), e.getKey() + ": " + r.out());
        }
        assertTrue(Files.readAllLines(o.resolve("validate.csv")).size() == 7, "a header and 6 files");
        try (var s = Files.list(o.resolve("images/tone"))) {
            assertEquals(3, s.filter(p -> p.toString().endsWith(".png")).count());
        }
        assertArrayEquals(new int[] {128, 16}, Npy.read(o.resolve("extract/features/noise/0.npy")).shape());

        Map<Corpus, Path> roots = DatasetFixtures.corpora(tmp.resolve("corpora"));
        Run corpora = melkit("corpora", "--ravdess", roots.get(Corpus.RAVDESS), "--crema", roots.get(Corpus.CREMA), "--tess",
                roots.get(Corpus.TESS), "--savee", roots.get(Corpus.SAVEE), "--output", o.resolve("corpora"), "--n-mels", 16, "--frames", 8,
                "--no-progress");
        assertEquals(1, corpora.status(), "the fixture's broken files are failures: " + corpora.out());
        assertTrue(Files.isRegularFile(o.resolve("corpora/X_train.npy")), corpora.out());
    }

    @Test
    void meldRunsFromTheJar() throws Exception {
        Assumptions.assumeTrue(MediaFixtures.hasFfmpeg(), "ffmpeg is not installed");
        Path media = Files.createDirectories(tmp.resolve("media"));
        Path tone = MediaFixtures.sineMp4(media.resolve("a.mp4"), 440, 1.2, 16000);
        Path root = tmp.resolve("MELD.Raw");
        MeldTest.csv(root, MeldSplit.TRAIN, MeldTest.row(1, 0, 0, "joy", "positive"), MeldTest.row(2, 0, 1, "anger", "negative"));
        MeldTest.csv(root, MeldSplit.VAL, MeldTest.row(1, 0, 0, "joy", "positive"));
        MeldTest.csv(root, MeldSplit.TEST, MeldTest.row(1, 0, 0, "fear", "negative"));
        MeldTest.put(tone, root.resolve("train/train_splits"), "dia0_utt0.mp4");
        MeldTest.put(tone, root.resolve("train/train_splits"), "dia0_utt1.mp4");
        MeldTest.put(tone, root.resolve("dev/dev_splits_complete"), "dia0_utt0.mp4");
        MeldTest.put(tone, root.resolve("test/output_repeated_splits_test"), "dia0_utt0.mp4");
        List<Object> args = new ArrayList<>(List.of("meld", "--root", root, "--output", tmp.resolve("meld"), "--no-progress"));
        args.addAll(Arrays.asList(MeldTest.P_ARGS));
        Run r = melkit(args.toArray());
        assertEquals(0, r.status(), r.out());
        assertArrayEquals(new int[] {2, 16, 24, 1}, Npy.read(tmp.resolve("meld/X_audio_train.npy")).shape());
    }

    @Test
    void launcherGivesTheSameBytesAsJavaJar() throws Exception {
        Path launcher = TARGET.resolve("melkit");
        Assumptions.assumeTrue(Files.isExecutable(launcher) && Files.isExecutable(Path.of("/bin/sh")), "no launcher or no /bin/sh");
        Run viaJar = melkit("feature", "mfcc", "--input", clip, "--output", tmp.resolve("a.npy"));
        assertEquals(0, viaJar.status(), viaJar.out());
        Run viaLauncher = run(List.of(launcher.toString(), "feature", "mfcc", "--input", clip.toString(), "--output", tmp.resolve("b.npy").toString()));
        assertEquals(0, viaLauncher.status(), viaLauncher.out());
        assertEquals("", viaLauncher.out(), "the launcher adds no output of its own");
        assertArrayEquals(Files.readAllBytes(tmp.resolve("a.npy")), Files.readAllBytes(tmp.resolve("b.npy")));
    }
}
