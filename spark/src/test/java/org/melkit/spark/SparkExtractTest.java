package org.melkit.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.WavEncoding;
import org.melkit.dataset.ClassFolderExtractor;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MelDbParams;

/** extract on Spark local[2] gives the CLI's bytes: features, metadata, labels, failures, journal. */
class SparkExtractTest {
    static SparkSession spark;

    @BeforeAll
    static void start() {
        spark = SparkMain.session("local[2]", "melkit-test");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void sparkOutputIsByteIdenticalToTheCli(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        MelDbParams p = MelDbParams.DEFAULT.withFrames(64);

        ExtractResult local = ClassFolderExtractor.of(p).withJobs(2).run(in, tmp.resolve("cli"));
        ExtractResult distributed = ClassFolderExtractor.of(p).withEngine(SparkEngine.of(spark)).run(in, tmp.resolve("spark"));

        assertEquals(local.failureCount(), distributed.failureCount());
        assertTrue(local.failureCount() >= 3, "the fixture's bad files fail: " + local.failures());
        assertTrue(local.written() >= 6, local.toString());
        assertEquals(files(tmp.resolve("cli")), files(tmp.resolve("spark")));

        // a re-run on Spark decodes nothing that is still true, and changes no byte
        ExtractResult again = ClassFolderExtractor.of(p).withEngine(SparkEngine.of(spark)).run(in, tmp.resolve("spark"));
        assertEquals(local.written(), again.reused(), again.toString());
        assertEquals(files(tmp.resolve("cli")), files(tmp.resolve("spark")));
    }

    @Test
    void aChangedInputIsRecomputedAndAVanishedOneRemoved(@TempDir Path tmp) throws Exception {
        Path in = SparkFixtures.classFolders(tmp.resolve("in"));
        MelDbParams p = MelDbParams.DEFAULT.withFrames(32);
        Path out = tmp.resolve("spark");
        ClassFolderExtractor.of(p).withEngine(SparkEngine.of(spark)).run(in, out);
        Audio.writeWav(in.resolve("tones/a.wav"), AudioClip.mono(SparkFixtures.tone(660, 22050, 0.5f, 7), 22050), WavEncoding.PCM_16);
        Files.delete(in.resolve("tones/deep/b.wav"));

        ExtractResult r = ClassFolderExtractor.of(p).withEngine(SparkEngine.of(spark)).run(in, out);
        assertEquals(List.of("tones/deep/b.wav"), r.vanished());
        assertFalse(Files.exists(out.resolve("features/tones/deep/b.npy")));
        ClassFolderExtractor.of(p).withJobs(1).run(in, tmp.resolve("cli"));
        assertEquals(files(tmp.resolve("cli")), files(out));
    }

    /** Every file below {@code root} (relative path -> SHA-256 of its bytes), the manifest left out. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(f).toString();
                if (!rel.equals("manifest.json")) {
                    m.put(rel, java.util.HexFormat.of().formatHex(
                            java.security.MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f))));
                }
            }
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
        return m;
    }
}
