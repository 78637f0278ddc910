package org.melkit.dataset;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.RefusedRunException;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Compose;
import org.melkit.effects.Gain;
import org.melkit.effects.Shift;
import org.melkit.plot.SpectrogramImage;

/**
 * The batch rules (issue 8) as {@code augment} and {@code images} keep them: each test runs for
 * both jobs.
 */
class AugmentImagesRulesTest {
    static final int SR = 16000;

    @TempDir
    Path tmp;

    /** What a test needs of either job's result. */
    record Ran(Map<String, String> failures, List<String> sources, List<String> vanished, int decoded, String text) {}

    /** The two jobs behind one face: a run with given parameters, and where an input's (first) output goes. */
    enum Job {
        AUGMENT {
            @Override
            Ran run(Path in, Path out, boolean other, boolean overwrite) {
                AugmentParams p = AugmentParams.of(other ? 2 : 1).withSeed(5)
                        .withPipeline(Compose.of(Compose.step(new Gain(-6, 0), 1.0), Compose.step(new Shift(-0.2, 0.2, true), 0.5)));
                AugmentResult r = AugmentDataset.of(p).withJobs(2).withOverwrite(overwrite).run(in, out);
                return new Ran(r.failureMap(), r.table().stringColumn("source").asList().stream().distinct().toList(), r.vanished(),
                        r.decoded(), r.toString());
            }

            @Override
            String output(String source) {
                return source.substring(0, source.lastIndexOf('.')) + "__aug01.wav";
            }
        },
        IMAGES {
            @Override
            Ran run(Path in, Path out, boolean other, boolean overwrite) {
                return images(in, out, params(other), overwrite, TestWav.decoder());
            }

            @Override
            String output(String source) {
                return source.substring(0, source.lastIndexOf('.')) + ".png";
            }
        };

        abstract Ran run(Path in, Path out, boolean otherParameters, boolean overwrite);

        Ran run(Path in, Path out) {
            return run(in, out, false, false);
        }

        abstract String output(String source);
    }

    static ImagesParams params(boolean other) {
        return ImagesParams.DEFAULT.withMel(org.melkit.features.MelParams.of(SR, 512, 128, 32)).withSeconds(0.25)
                .withImage(SpectrogramImage.Options.DEFAULT.withSize(other ? 24 : 16, 16));
    }

    static Ran images(Path in, Path out, ImagesParams p, boolean overwrite, AudioDecoder decoder) {
        ImagesResult r = SpectrogramImageDataset.of(p).withJobs(2).withOverwrite(overwrite).withDecoder(decoder).run(in, out);
        return new Ran(r.failureMap(), r.rows().stream().map(ImagesResult.Row::source).toList(), r.vanished(), r.decoded(), r.toString());
    }

    Path smallTree() {
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("cats/a.wav"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("cats/b.wav"), TestWav.sine(550, 0.3, SR, 0.5), SR);
        TestWav.write(in.resolve("dogs/c.wav"), TestWav.noise(3, 0.3, SR, 0.5), SR);
        return in;
    }

    /** Rule 1 and scenario 1: output inside input, input inside output (also through a link): refused, nothing touched. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void outputAndInputInsideOneAnotherAreRefused(Job job) throws IOException {
        Path in = smallTree();
        Map<String, String> input = DatasetFixtures.snapshot(in);
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> job.run(in, in.resolve("out")));
        assertTrue(e.getMessage().contains("inside the input"), e.getMessage());
        Files.createSymbolicLink(tmp.resolve("sneaky"), in.resolve("cats"));
        e = assertThrows(RefusedRunException.class, () -> job.run(in, tmp.resolve("sneaky/out")));
        assertTrue(e.getMessage().contains("through a link"), e.getMessage());
        assertEquals(input, DatasetFixtures.snapshot(in), "the input is untouched");

        Path out = tmp.resolve("out");
        job.run(in, out);
        Path inner = out.resolve("clips");
        TestWav.write(inner.resolve("birds/x.wav"), TestWav.sine(300, 0.3, SR, 0.5), SR);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        e = assertThrows(RefusedRunException.class, () -> job.run(inner, out, false, true));
        assertTrue(e.getMessage().contains("contains the input"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "nothing touched, even with overwrite");
    }

    /** Rule 2 and scenario 2: no audio, or another input: refused (unless overwrite), nothing touched; overwrite removes only the job's files. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void noAudioOrAnotherInputIsRefusedUnlessOverwrite(Job job) throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        job.run(in, out);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        Path empty = Files.createDirectories(tmp.resolve("empty/sub"));
        Files.writeString(empty.resolve("notes.txt"), "no audio here");
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> job.run(empty.getParent(), out));
        assertTrue(e.getMessage().contains("no audio files under " + empty.getParent()), e.getMessage());
        assertThrows(RefusedRunException.class, () -> job.run(empty.getParent(), out, false, true));
        assertThrows(RefusedRunException.class, () -> job.run(empty.getParent(), tmp.resolve("fresh")));
        assertFalse(Files.exists(tmp.resolve("fresh")), "a refused run creates nothing");

        Path other = tmp.resolve("other");
        TestWav.write(other.resolve("owls/o.wav"), TestWav.sine(800, 0.3, SR, 0.5), SR);
        e = assertThrows(RefusedRunException.class, () -> job.run(other, out));
        assertTrue(e.getMessage().contains("another input") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "refused runs touch nothing");

        Files.writeString(out.resolve("NOTES.md"), "mine");
        Files.writeString(out.resolve("cats/mine.txt"), "mine too");
        Ran r = job.run(other, out, false, true);
        assertEquals(List.of("owls/o.wav"), r.sources());
        assertFalse(Files.exists(out.resolve(job.output("cats/a.wav"))));
        assertTrue(Files.exists(out.resolve(job.output("owls/o.wav"))));
        assertEquals("mine", Files.readString(out.resolve("NOTES.md")));
        assertEquals("mine too", Files.readString(out.resolve("cats/mine.txt")));
    }

    /** Rule 5 and scenario 9: other parameters are refused with nothing touched; overwrite rebuilds, removing only the job's files. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void changedParametersAreRefusedUnlessOverwrite(Job job) throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        job.run(in, out);
        Map<String, String> before = DatasetFixtures.snapshot(out);
        RefusedRunException e = assertThrows(RefusedRunException.class, () -> job.run(in, out, true, false));
        assertTrue(e.getMessage().contains("other parameters") && e.getMessage().contains("--overwrite"), e.getMessage());
        assertEquals(before, DatasetFixtures.snapshot(out), "nothing touched");

        Files.writeString(out.resolve("dogs/mine.txt"), "mine");
        Ran r = job.run(in, out, true, true);
        assertEquals(3, r.decoded(), "everything made anew");
        assertEquals("mine", Files.readString(out.resolve("dogs/mine.txt")));
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(job == Job.AUGMENT ? manifest.contains("\"copies\": 2") : manifest.contains("\"width\": 24"), manifest);
        Map<String, String> rebuilt = DatasetFixtures.snapshot(out);
        assertEquals(0, job.run(in, out, true, false).decoded(), "the same parameters again: everything reused");
        assertEquals(rebuilt, DatasetFixtures.snapshot(out), "a re-run that changes nothing rewrites no file");
    }

    /** Rule 4: one run per output folder; a dead holder's lock is taken over. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void oneRunPerOutputFolder(Job job) throws Exception {
        Path in = smallTree();
        Path out = Files.createDirectories(tmp.resolve("out"));
        Process live = new ProcessBuilder("sleep", "30").start();
        try {
            Files.writeString(out.resolve(".melkit.lock"), live.pid() + "\n");
            RefusedRunException e = assertThrows(RefusedRunException.class, () -> job.run(in, out));
            assertTrue(e.getMessage().contains("pid " + live.pid()), e.getMessage());
            assertFalse(Files.exists(out.resolve("manifest.json")), "nothing written");
        } finally {
            live.destroy();
            live.waitFor();
        }
        assertEquals(3, job.run(in, out).sources().size());
        assertFalse(Files.exists(out.resolve(".melkit.lock")));
    }

    /** Rule 3 and scenario 3: a replaced input is recomputed, a vanished one's outputs removed and said, the rest reused. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void onlyWhatIsStillTrueIsReused(Job job) throws IOException {
        Path in = smallTree();
        Path out = tmp.resolve("out");
        job.run(in, out);
        byte[] oldA = Files.readAllBytes(out.resolve(job.output("cats/a.wav")));
        byte[] oldB = Files.readAllBytes(out.resolve(job.output("cats/b.wav")));
        Path a = in.resolve("cats/a.wav");
        FileTime t = Files.getLastModifiedTime(a);
        TestWav.write(a, TestWav.noise(9, 0.3, SR, 0.5), SR); // same length and time, other audio
        Files.setLastModifiedTime(a, t);
        Files.delete(in.resolve("dogs/c.wav"));

        Ran r = job.run(in, out);
        assertEquals(1, r.decoded(), "only the replaced input");
        assertNotEquals(java.util.Arrays.toString(oldA), java.util.Arrays.toString(Files.readAllBytes(out.resolve(job.output("cats/a.wav")))));
        assertArrayEquals(oldB, Files.readAllBytes(out.resolve(job.output("cats/b.wav"))));
        assertEquals(List.of("dogs/c.wav"), r.vanished());
        assertFalse(Files.exists(out.resolve(job.output("dogs/c.wav"))), "the vanished input's output is removed");
        assertTrue(r.text().contains("1 input(s) of the earlier run are gone"), r.text());
        String manifest = Files.readString(out.resolve("manifest.json"));
        assertTrue(manifest.contains("\"cats/a.wav\": \"" + org.melkit.batch.Manifest.sha256(a) + "\""), manifest);
        assertFalse(manifest.contains("dogs/c.wav"), manifest);
        String csv = Files.readString(out.resolve(job == Job.AUGMENT ? "augment.csv" : "images.csv"));
        assertFalse(csv.contains("dogs/c.wav"), csv);

        // an input that now fails loses its old output too
        TestWav.writeGarbage(in.resolve("cats/b.wav"));
        Ran broken = job.run(in, out);
        assertEquals(List.of("cats/b.wav"), List.copyOf(broken.failures().keySet()));
        assertFalse(Files.exists(out.resolve(job.output("cats/b.wav"))));
    }

    /** Rule 7 and scenario 7: links followed (each real file once); broken links and loops are failure rows. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void symlinksAreFollowedAndBrokenOnesReported(Job job) throws IOException {
        Path in = smallTree();
        Path elsewhere = tmp.resolve("elsewhere");
        TestWav.write(elsewhere.resolve("birds/e.wav"), TestWav.sine(660, 0.3, SR, 0.5), SR);
        TestWav.write(elsewhere.resolve("more/m.wav"), TestWav.sine(770, 0.3, SR, 0.5), SR);
        Files.createSymbolicLink(in.resolve("birds"), elsewhere.resolve("birds"));
        Files.createSymbolicLink(in.resolve("cats/more"), elsewhere.resolve("more"));
        Files.createSymbolicLink(in.resolve("cats/same.wav"), in.resolve("cats/a.wav"));
        Files.createSymbolicLink(in.resolve("dogs/gone.wav"), tmp.resolve("nowhere.wav"));
        Files.createSymbolicLink(in.resolve("dogs/loop"), in.resolve("dogs"));
        Ran r = job.run(in, tmp.resolve("out"));
        assertEquals(List.of("birds/e.wav", "cats/a.wav", "cats/b.wav", "cats/more/m.wav", "dogs/c.wav"), r.sources());
        assertEquals(List.of("dogs/gone.wav", "dogs/loop"), List.copyOf(r.failures().keySet()));
        assertTrue(r.failures().get("dogs/gone.wav").contains("broken link"), r.failures().toString());
        assertTrue(r.failures().get("dogs/loop").contains("loop"), r.failures().toString());
        assertTrue(Files.exists(tmp.resolve("out").resolve(job.output("cats/more/m.wav"))));
    }

    /** Rule 6 and scenario 5: NaN/Inf samples are a failure row, not an output; so is an empty recording. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void nonFiniteSamplesAreAFailure(Job job) throws IOException {
        Path in = smallTree();
        float[] y = TestWav.sine(440, 0.3, SR, 0.5);
        y[10] = Float.NaN;
        y[20] = Float.NEGATIVE_INFINITY;
        TestWav.writeFloat(in.resolve("cats/nan.wav"), y, SR);
        TestWav.write(in.resolve("cats/empty.wav"), new float[0], SR);
        Path out = tmp.resolve("out");
        Ran r = job.run(in, out);
        assertTrue(r.failures().get("cats/empty.wav").startsWith("decodes to 0 samples"), r.failures().toString());
        assertFalse(Files.exists(out.resolve(job.output("cats/empty.wav"))));
        assertTrue(r.failures().get("cats/nan.wav").startsWith("non-finite samples (2 of "), r.failures().toString());
        assertFalse(Files.exists(out.resolve(job.output("cats/nan.wav"))));
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("cats/nan.wav,non-finite samples (2 of "));
    }

    /** Rule 9 and the one extension list: stale temporaries go at start, none survives a run; .wave, .snd, .mka, .amr, .3gp are audio. */
    @ParameterizedTest
    @EnumSource(Job.class)
    void noTemporarySurvivesAndEveryAudioExtensionIsAnInput(Job job) throws IOException {
        Path in = smallTree();
        TestWav.write(in.resolve("cats/w.wave"), TestWav.sine(440, 0.3, SR, 0.5), SR);
        for (String ext : List.of("snd", "mka", "amr", "3gp")) {
            TestWav.writeGarbage(in.resolve("dogs/x." + ext));
        }
        Files.writeString(in.resolve("cats/readme.txt"), "not audio");
        Path out = tmp.resolve("out");
        job.run(in, out);
        Files.writeString(out.resolve("cats/.a.wav.tmp-99999-1"), "half");
        Files.createDirectories(out.resolve("dogs/.c__aug01.wav.tmp-99999-2"));
        Files.writeString(out.resolve(".failures.csv.tmp-99999-7"), "half");
        Ran r = job.run(in, out);
        try (Stream<Path> s = Files.walk(out)) {
            assertEquals(List.of(), s.filter(p -> !p.equals(out) && p.getFileName().toString().startsWith(".")).toList(), "no hidden leftovers");
        }
        assertEquals(List.of("cats/a.wav", "cats/b.wav", "cats/w.wave", "dogs/c.wav"), r.sources());
        assertEquals(List.of("dogs/x.3gp", "dogs/x.amr", "dogs/x.mka", "dogs/x.snd"), List.copyOf(r.failures().keySet()));
        assertTrue(Files.exists(out.resolve(job.output("cats/w.wave"))));
        assertTrue(r.text().contains("1 skipped (not audio)"), r.text());
    }

    /** Rule 8: images with a fixed length decode only the samples it needs; running out of memory on one input is a failure row. */
    @Test
    void imagesDecodeOnlyWhatTheyKeepAndSurviveAnOutOfMemoryInput() throws IOException {
        Path in = smallTree();
        TestWav.write(in.resolve("cats/long.wav"), TestWav.noise(5, 3.0, SR, 0.5), SR);
        AtomicInteger longest = new AtomicInteger();
        AudioDecoder watching = new AudioDecoder() {
            @Override
            public float[] decode(Path f, int sr) {
                throw new AssertionError("the whole file is never decoded");
            }

            @Override
            public float[] decodeHead(Path f, int sr, int samples) {
                if (f.getFileName().toString().equals("b.wav")) {
                    throw new OutOfMemoryError("Java heap space");
                }
                float[] y = AudioDecoder.load().decodeHead(f, sr, samples);
                longest.accumulateAndGet(y.length, Math::max);
                return y;
            }
        };
        Ran r = images(in, tmp.resolve("out"), params(false), false, watching);
        assertEquals((int) Math.round(0.25 * SR), longest.get());
        assertEquals(List.of("cats/a.wav", "cats/long.wav", "dogs/c.wav"), r.sources(), "the batch goes on");
        assertTrue(r.failures().get("cats/b.wav").startsWith("out of memory"), r.failures().toString());
        assertFalse(Files.exists(tmp.resolve("out/cats/b.png")));
    }

    /** Rule 8 for whole clips: a recording longer than a block is read in blocks, and its image is the one of the whole clip. */
    @Test
    void aWholeClipLongerThanABlockGivesTheImageOfTheWholeClip() throws IOException {
        int sr = 8000;
        float[] y = TestWav.noise(4, 70, sr, 0.05);
        float[] burst = TestWav.sine(1000, 2, sr, 0.9);
        System.arraycopy(burst, 0, y, 65 * sr, burst.length); // the loudest frames lie in the second block
        Path in = tmp.resolve("in");
        TestWav.write(in.resolve("k/long.wav"), y, sr);
        ImagesParams p = ImagesParams.DEFAULT.withMel(org.melkit.features.MelParams.of(sr, 512, 128, 32))
                .withImage(SpectrogramImage.Options.DEFAULT.withSize(64, 32));
        AtomicInteger wholeDecodes = new AtomicInteger();
        AudioDecoder counting = new AudioDecoder() {
            @Override
            public float[] decode(Path f, int rate) {
                wholeDecodes.incrementAndGet();
                return AudioDecoder.load().decode(f, rate);
            }

            @Override
            public float[] decodeHead(Path f, int rate, int samples) {
                return AudioDecoder.load().decodeHead(f, rate, samples);
            }

            @Override
            public long stream(Path f, int rate, org.melkit.audio.Resampler.Sink sink) {
                return AudioDecoder.load().stream(f, rate, sink);
            }
        };
        Ran r = images(in, tmp.resolve("out"), p, false, counting);
        assertEquals(Map.of(), r.failures());
        assertEquals(0, wholeDecodes.get(), "never the whole recording at once");
        java.awt.image.BufferedImage got = SpectrogramImage.readImage(tmp.resolve("out/k/long.png"));
        java.awt.image.BufferedImage want = SpectrogramImageDataset.image(TestWav.read(in.resolve("k/long.wav"), sr), p);
        for (int x = 0; x < want.getWidth(); x++) {
            for (int yy = 0; yy < want.getHeight(); yy++) {
                assertEquals(want.getRGB(x, yy), got.getRGB(x, yy), "pixel " + x + "," + yy);
            }
        }
    }

    /** The config written into the manifest is the config read: the manifest's pipeline parses back to the same pipeline. */
    @Test
    void theManifestCarriesTheConfigAsJson() throws IOException {
        Path in = smallTree();
        Compose pipeline = AugmentConfig.parse("{\"transforms\": [{\"type\": \"gain\", \"p\": 1, \"min_gain_db\": -3, \"max_gain_db\": 3}]}");
        AugmentDataset.of(AugmentParams.of(1).withPipeline(pipeline)).run(in, tmp.resolve("out"));
        com.fasterxml.jackson.databind.JsonNode m = org.melkit.io.Json.read(tmp.resolve("out/manifest.json"));
        assertEquals(pipeline, AugmentConfig.parse(m.path("parameters").path("pipeline").toString()));
    }
}
