package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Augmented;
import org.melkit.effects.Compose;
import tech.tablesaw.api.Table;
import org.melkit.batch.RefusedRunException;
import org.melkit.batch.FileWalk;

class AugmentDatasetTest {
    @TempDir
    Path tmp;

    @Test
    void baseNamesAreUniqueWhenStemsClash() {
        List<String> src = List.of("cats/a.mp3", "cats/a.wav", "cats/b.wav", "dogs/a.wav", "dogs/a.wav.wav", "dogs/x.y.wav", "root.wav");
        Map<String, String> b = AugmentDataset.baseNames(src);
        assertEquals("cats/a.mp3", b.get("cats/a.mp3"));
        assertEquals("cats/a.wav", b.get("cats/a.wav"));
        assertEquals("cats/b", b.get("cats/b.wav"));
        assertEquals("dogs/a", b.get("dogs/a.wav"));
        // "a.wav.wav" has stem "a.wav", distinct from base "a" of a.wav
        assertEquals("dogs/a.wav", b.get("dogs/a.wav.wav"));
        assertEquals("dogs/x.y", b.get("dogs/x.y.wav"));
        assertEquals("root", b.get("root.wav"));
        assertEquals(src.size(), new HashSet<>(b.values()).size());
        assertEquals("cats/b__aug01.wav", AugmentDataset.outputName("cats/b", 1, 5));
        assertEquals("cats/b__aug007.wav", AugmentDataset.outputName("cats/b", 7, 120));
        // a stem clash that the full name cannot settle either
        Map<String, String> c = AugmentDataset.baseNames(List.of("d/a.wav", "d/a.wav.mp3", "d/a.wav.wav"));
        assertEquals(3, new HashSet<>(c.values()).size(), c.toString());
    }

    @Test
    void fileSeedsDependOnSeedSourceAndCopyOnly() {
        assertEquals(AugmentDataset.fileSeed(1, "a/b.wav", 1), AugmentDataset.fileSeed(1, "a/b.wav", 1));
        assertNotEquals(AugmentDataset.fileSeed(1, "a/b.wav", 1), AugmentDataset.fileSeed(1, "a/b.wav", 2));
        assertNotEquals(AugmentDataset.fileSeed(1, "a/b.wav", 1), AugmentDataset.fileSeed(2, "a/b.wav", 1));
        assertNotEquals(AugmentDataset.fileSeed(1, "a/b.wav", 1), AugmentDataset.fileSeed(1, "a/c.wav", 1));
    }

    private Path dataset() throws IOException {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("cats/meow.wav"), TestWav.sine(440, 0.6, 16000, 0.3), 16000);
        TestWav.write(in.resolve("cats/purr.wav"), TestWav.sine(220, 0.5, 16000, 0.3), 16000);
        TestWav.write(in.resolve("dogs/woof.wav"), TestWav.sine(330, 0.4, 22050, 0.3), 22050);
        Files.writeString(in.resolve("dogs/README.txt"), "not audio");
        Files.writeString(in.resolve("dogs/broken.wav"), "RIFF....WAVEjunk");
        Files.writeString(in.resolve("dogs/.hidden.wav"), "hidden files are skipped");
        return in;
    }

    @Test
    void augmentsKeepsClassesRecordsParametersAndFailures() throws IOException {
        Path in = dataset();
        Path out = tmp.resolve("out");
        AugmentResult r = AugmentDataset.of(AugmentParams.of(2).withSeed(7)).withJobs(2).run(in, out);
        assertEquals(4, r.inputs());
        assertEquals(6, r.outputs());
        assertFalse(r.ok());
        assertEquals(List.of("dogs/broken.wav"), List.copyOf(r.failureMap().keySet()));
        assertEquals(List.of("dogs/README.txt"), r.skipped());
        for (String name : List.of("cats/meow__aug01.wav", "cats/meow__aug02.wav", "cats/purr__aug01.wav", "dogs/woof__aug02.wav")) {
            assertTrue(Files.isRegularFile(out.resolve(name)), name);
        }
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("dogs/broken.wav"));
        assertTrue(Files.readString(out.resolve("manifest.json")).contains("\"outputs\": 6"));
        Table t = r.table();
        assertEquals(6, t.rowCount());
        assertEquals(List.of("cats/meow.wav", "cats/meow.wav", "cats/purr.wav", "cats/purr.wav", "dogs/woof.wav", "dogs/woof.wav"),
                t.stringColumn("source").asList());
        List<String> csv = Files.readAllLines(out.resolve("augment.csv"), StandardCharsets.UTF_8);
        assertEquals(7, csv.size());
        assertTrue(csv.get(0).startsWith("source,output,copy,file_seed,sample_rate,input_samples,output_samples,transforms,"
                + "shift_fraction,shift_samples,pitch_shift_semitones,time_stretch_rate,gaussian_noise_amplitude,gain_db"), csv.get(0));

        // each row says exactly what made its file: re-applying the pipeline with file_seed reproduces it
        Compose pipeline = AugmentConfig.defaults();
        for (int i = 0; i < t.rowCount(); i++) {
            String src = t.stringColumn("source").get(i);
            int copy = t.intColumn("copy").get(i);
            long fs = Long.parseUnsignedLong(t.stringColumn("file_seed").get(i), 16);
            assertEquals(AugmentDataset.fileSeed(7, src, copy), fs);
            AudioClip clip = Audio.load(in.resolve(src), LoadOptions.NATIVE);
            Augmented a = pipeline.apply(clip.samples(), clip.sampleRate(), new SplittableRandom(fs));
            AudioClip written = Audio.load(out.resolve(t.stringColumn("output").get(i)), LoadOptions.NATIVE);
            assertEquals(clip.sampleRate(), written.sampleRate(), "native rate kept");
            assertEquals(a.length(), written.length());
            float[] w = written.samples();
            float[] e = a.samples();
            for (int k = 0; k < w.length; k++) {
                assertEquals(Math.max(-1, Math.min(1, e[k])), w[k], 1.0 / 32768 + 1e-6);
            }
            String transforms = t.stringColumn("transforms").get(i);
            assertEquals(a.applied().size(), transforms.isEmpty() ? 0 : transforms.split(";").length);
            boolean gain = a.applied().stream().anyMatch(x -> x.transform().equals("gain"));
            assertEquals(gain, !t.stringColumn("gain_db").get(i).isEmpty());
        }
    }

    @Test
    void outputIsIdenticalForAnyJobCountAndReRunsResume() throws IOException {
        Path in = dataset();
        Files.delete(in.resolve("dogs/broken.wav"));
        AugmentDataset o = AugmentDataset.of(AugmentParams.of(3).withSeed(123));
        AugmentResult one = o.withJobs(1).run(in, tmp.resolve("j1"));
        AugmentResult four = o.withJobs(4).run(in, tmp.resolve("j4"));
        assertTrue(one.ok() && four.ok());
        assertEquals(Files.readString(tmp.resolve("j1/augment.csv")), Files.readString(tmp.resolve("j4/augment.csv")));
        for (String rel : FileWalk.filesRecursive(tmp.resolve("j1"))) {
            if (rel.endsWith(".wav")) {
                assertArrayEquals(Files.readAllBytes(tmp.resolve("j1").resolve(rel)), Files.readAllBytes(tmp.resolve("j4").resolve(rel)), rel);
            }
        }
        // re-run: everything resumed; remove one output: only it is recomputed, identically
        byte[] before = Files.readAllBytes(tmp.resolve("j1/cats/purr__aug02.wav"));
        Files.delete(tmp.resolve("j1/cats/purr__aug02.wav"));
        AugmentResult again = o.withJobs(2).run(in, tmp.resolve("j1"));
        assertEquals(8, again.resumed());
        assertEquals(9, again.outputs());
        assertArrayEquals(before, Files.readAllBytes(tmp.resolve("j1/cats/purr__aug02.wav")));
        assertEquals(Files.readString(tmp.resolve("j4/augment.csv")), Files.readString(tmp.resolve("j1/augment.csv")));
        // another seed: refused (rule 5), then with overwrite nothing reused
        AugmentDataset otherSeed = AugmentDataset.of(o.params().withSeed(124));
        assertThrows(RefusedRunException.class, () -> otherSeed.run(in, tmp.resolve("j1")));
        AugmentResult other = otherSeed.withOverwrite(true).run(in, tmp.resolve("j1"));
        assertEquals(0, other.resumed());
        assertNotEquals(Files.readString(tmp.resolve("j4/augment.csv")), Files.readString(tmp.resolve("j1/augment.csv")));
    }

    @Test
    void outputInsideInputIsRejected() throws IOException {
        Path in = dataset();
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> AugmentDataset.augment(in, in.resolve("aug"), 1));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        assertFalse(Files.exists(in.resolve("aug")));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AugmentParams.of(0)).getMessage().contains("copies=0"));
    }
}
