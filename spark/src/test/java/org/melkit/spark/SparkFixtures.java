package org.melkit.spark;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.WavEncoding;

/** Small class-folder fixtures with good, bad, nested and non-WAV inputs, made deterministically. */
final class SparkFixtures {
    private SparkFixtures() {}

    /**
     * {@code root/{noise,tones}/...}: WAVs at 16, 22.05 and 44.1 kHz (one stereo, one nested),
     * FLAC and MP3 through ffmpeg, and three bad inputs: bytes that are not audio, an empty file,
     * a float WAV holding NaN.
     */
    static Path classFolders(Path root) throws IOException, InterruptedException {
        Files.createDirectories(root.resolve("tones/deep"));
        Files.createDirectories(root.resolve("noise"));
        Audio.writeWav(root.resolve("tones/a.wav"), AudioClip.mono(tone(440, 22050, 1.5f, 1), 22050), WavEncoding.PCM_16);
        Audio.writeWav(root.resolve("tones/deep/b.wav"), AudioClip.mono(tone(880, 16000, 2f, 2), 16000), WavEncoding.PCM_16);
        Audio.writeWav(root.resolve("tones/c.wav"), AudioClip.of(new float[][] {tone(300, 44100, 1f, 3), tone(500, 44100, 1f, 4)}, 44100),
                WavEncoding.PCM_16);
        Random r = new Random(5);
        float[] noise = new float[16000 * 2];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = (float) (0.2 * r.nextGaussian());
        }
        Audio.writeWav(root.resolve("noise/n1.wav"), AudioClip.mono(noise, 16000), WavEncoding.PCM_16);
        ffmpeg(root.resolve("noise/n1.wav"), root.resolve("noise/n2.flac"));
        ffmpeg(root.resolve("tones/a.wav"), root.resolve("tones/a2.mp3"));
        Files.writeString(root.resolve("noise/broken.wav"), "not audio at all", StandardCharsets.US_ASCII);
        Files.write(root.resolve("noise/empty.mp3"), new byte[0]);
        Files.write(root.resolve("noise/nan.wav"), floatWavWithNaN());
        Files.writeString(root.resolve("noise/.hidden.wav"), "ignored");
        return root;
    }

    /** The executors' local copies of inputs ({@code melkit-spark-*}) now in the temporary folder, by name. */
    static java.util.Set<String> localCopies() throws IOException {
        try (java.util.stream.Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("melkit-spark-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }
    }

    /**
     * The local copies made since {@code before} that are still there: none when every copy was
     * deleted. (Not a count: other builds on a shared machine make and delete copies meanwhile.)
     */
    static java.util.Set<String> copiesLeftSince(java.util.Set<String> before) throws IOException {
        java.util.Set<String> left = localCopies();
        left.removeAll(before);
        return left;
    }

    static float[] tone(double hz, int sr, float seconds, int seed) {
        float[] y = new float[(int) (sr * seconds)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.5 * Math.sin(2 * Math.PI * hz * i / sr + seed));
        }
        return y;
    }

    private static void ffmpeg(Path in, Path out) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", in.toString(), out.toString()))
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException("ffmpeg failed for " + out + ": " + log);
        }
    }

    /** A 16 kHz mono IEEE-float WAV of 1000 samples, 10 of them NaN. */
    private static byte[] floatWavWithNaN() {
        int n = 1000;
        ByteBuffer b = ByteBuffer.allocate(44 + 4 * n).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + 4 * n).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 3).putShort((short) 1).putInt(16000)
                .putInt(16000 * 4).putShort((short) 4).putShort((short) 32);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(4 * n);
        for (int i = 0; i < n; i++) {
            b.putFloat(i % 100 == 0 ? Float.NaN : (float) Math.sin(i * 0.05));
        }
        return b.array();
    }

    /**
     * {@code rows} (of {@link ParquetFeatures#schema()}, in the order read) are the features the CLI
     * wrote to {@code cli}: one per {@code metadata.csv} line, in its order, with its source, class,
     * label, the {@code .npy}'s shape and exactly its float32 values.
     */
    static void assertRowsAreTheClis(List<org.apache.spark.sql.Row> rows, Path cli) throws IOException {
        List<String> metadata = Files.readAllLines(cli.resolve("metadata.csv"));
        org.junit.jupiter.api.Assertions.assertEquals(metadata.size() - 1, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            org.apache.spark.sql.Row r = rows.get(i);
            List<String> m = List.of(metadata.get(i + 1).split(",")); // path,label,class,source (no commas in the fixtures)
            org.melkit.io.Npy.Array a = org.melkit.io.Npy.read(cli.resolve(m.get(0)));
            org.junit.jupiter.api.Assertions.assertEquals(m.get(3), r.getString(0));
            org.junit.jupiter.api.Assertions.assertEquals(m.get(2), r.getString(1));
            org.junit.jupiter.api.Assertions.assertEquals(Integer.parseInt(m.get(1)), r.getInt(2));
            org.junit.jupiter.api.Assertions.assertEquals(java.util.Arrays.stream(a.shape()).boxed().toList(), r.getList(3));
            List<Float> values = r.getList(4);
            float[] v = new float[values.size()];
            for (int j = 0; j < v.length; j++) {
                v[j] = values.get(j);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(a.data(), v, 0f, m.get(3));
        }
    }
}
