package org.melkit.features;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.melkit.io.Npy;
import org.melkit.dsp.FloatMatrix;

class FeaturePropertiesTest {
    private static List<float[]> clips(int count, int n, long seed) {
        Random r = new Random(seed);
        List<float[]> out = new ArrayList<>();
        for (int c = 0; c < count; c++) {
            float[] y = new float[n + r.nextInt(4000)];
            for (int i = 0; i < y.length; i++) {
                y[i] = (float) (r.nextGaussian() * 0.1 + 0.5 * Math.sin(i * 0.05 * (c + 1)));
            }
            out.add(y);
        }
        return out;
    }

    @Test
    void batchedEqualsPerItemForAnyThreadCount() {
        MelSpectrogram mel = MelSpectrogram.of(MelParams.of(16000, 2048, 375, 128));
        List<float[]> clips = clips(9, 16000, 11);
        List<FloatMatrix> one = mel.computeAll(clips, 1);
        List<FloatMatrix> two = mel.computeAll(clips, 2);
        List<FloatMatrix> four = mel.computeAll(clips, 4);
        for (int i = 0; i < clips.size(); i++) {
            FloatMatrix single = mel.compute(clips.get(i));
            assertEquals(single, one.get(i), "1 thread, clip " + i);
            assertEquals(single, two.get(i), "2 threads, clip " + i);
            assertEquals(single, four.get(i), "4 threads, clip " + i);
        }
    }

    @Test
    void cliOutputEqualsApiOutput(@TempDir Path dir) throws Exception {
        // a mel filterbank needs no audio: the CLI and the API must give the same bits
        Path out = dir.resolve("mel.npy");
        int rc = org.melkit.cli.Main.run(new String[] {"feature", "mel_filters", "--input", "none", "--output", out.toString(),
                "--sr", "16000", "--n-fft", "512", "--n-mels", "40", "--fmin", "0.0", "--fmax", "none", "--htk", "false", "--norm", "slaney"},
                System.out, System.err);
        assertEquals(0, rc);
        Npy.Array a = Npy.read(out);
        assertArrayEquals(new int[] {40, 257}, a.shape());
        assertArrayEquals(org.melkit.dsp.MelFilterbank.of(new org.melkit.dsp.MelFilterbank.Spec(16000, 512, 40, 0.0, null, false,
                org.melkit.dsp.MelNorm.SLANEY)).matrix().toArray(), a.data());
    }

    @Test
    void cliFeatureOutputEqualsApiOnAWavFile(@TempDir Path dir) {
        float[] y = java.util.Arrays.copyOf(clips(1, 20000, 9).get(0), 32000); // a silent second half
        Path wav = dir.resolve("clip.wav");
        org.melkit.audio.Audio.writeWav(wav, org.melkit.audio.AudioClip.mono(y, 16000), org.melkit.audio.WavEncoding.FLOAT_32);
        float[] loaded = org.melkit.audio.Audio.load(wav, org.melkit.audio.LoadOptions.NATIVE).samples();
        Path out = dir.resolve("db.npy");
        int rc = org.melkit.cli.Main.run(new String[] {"feature", "power_to_db", "--input", wav.toString(), "--output", out.toString(),
                "--sr", "none", "--n-fft", "1024", "--hop-length", "256", "--n-mels", "64", "--ref", "max", "--top-db", "none"},
                System.out, System.err);
        assertEquals(0, rc);
        FloatMatrix api = org.melkit.dsp.Db.powerToDb(MelSpectrogram.of(MelParams.of(16000, 1024, 256, 64)).compute(loaded),
                org.melkit.dsp.Ref.max(), 1e-10, null);
        assertArrayEquals(api.toArray(), Npy.read(out).data(), "CLI bits == API bits (top_db none)");
        assertTrue(api.max() - api.min() > 80f, "top_db=None leaves the silent frames unclipped");
    }

    @Test
    void cliErrorsWriteNoFileAndExitNonZero(@TempDir Path dir) {
        Path out = dir.resolve("x.npy");
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = org.melkit.cli.Main.run(new String[] {"feature", "mel_filters", "--input", "none", "--output", out.toString(),
                "--n-mels", "0"}, System.out, new java.io.PrintStream(err));
        assertTrue(rc != 0);
        assertTrue(err.toString().contains("nMels=0"), err.toString());
        assertTrue(!Files.exists(out), "no file on error");
        rc = org.melkit.cli.Main.run(new String[] {"feature", "mel_filters", "--input", "none", "--output", out.toString(),
                "--bogus", "1"}, System.out, new java.io.PrintStream(err));
        assertEquals(2, rc);
        assertTrue(err.toString().contains("--bogus"), err.toString());
        assertTrue(!Files.exists(out));
        // a misspelled kind is a usage error found before any input is read (spectrogram is part of melspectrogram)
        rc = org.melkit.cli.Main.run(new String[] {"feature", "spectrogram", "--input", dir.resolve("absent.wav").toString(),
                "--output", out.toString()}, System.out, new java.io.PrintStream(err));
        assertEquals(2, rc);
        assertTrue(err.toString().contains("unknown kind 'spectrogram'"), err.toString());
        assertTrue(!Files.exists(out));
    }

    @Test
    void recipeAShapeAndRange() {
        float[] y = clips(1, 30000, 5).get(0);
        FloatMatrix a = Recipes.recipeA(y);
        assertArrayEquals(new int[] {128, 256}, a.shape());
        assertEquals(0f, a.max(), 1e-6f);
        FloatMatrix b = Recipes.recipeB(y);
        assertArrayEquals(new int[] {128, 128}, b.shape());
        assertEquals(1f, b.max(), 1e-6f);
        assertEquals(0f, b.min(), 1e-6f);
        assertEquals(FloatMatrix.zeros(128, 128), Recipes.recipeB(new float[1000]), "silence: all zeros, not NaN");
        assertEquals(15, Recipes.recipeC(y).length);
    }
}
