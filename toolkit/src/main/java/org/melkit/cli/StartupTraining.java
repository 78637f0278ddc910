package org.melkit.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;

/**
 * The training run of the class-data-sharing archive that the build writes beside the jar
 * ({@code target/melkit-JDKVERSION.jsa}, used by the {@code target/melkit} launcher): runs the
 * common commands on a synthetic 3 s clip and a two-class folder, so the classes they load are
 * archived, parsed and verified once at build time instead of at every start. Writes only
 * under a temporary directory, which it deletes; prints nothing unless a command fails.
 *
 * <p>{@code java -XX:ArchiveClassesAtExit=melkit.jsa -cp melkit.jar org.melkit.cli.StartupTraining}
 */
public final class StartupTraining {
    private StartupTraining() {}

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("melkit-cds");
        try {
            int sr = 22050;
            Path clip = dir.resolve("clip.wav");
            Audio.writeWav(clip, AudioClip.mono(tone(3.0, sr, 440), sr));
            Path classes = dir.resolve("classes");
            for (String c : new String[] {"high", "low"}) {
                Files.createDirectories(classes.resolve(c));
                for (int i = 0; i < 2; i++) {
                    Audio.writeWav(classes.resolve(c + "/" + i + ".wav"), AudioClip.mono(tone(0.5, sr, c.equals("high") ? 3000 + i : 200 + i), sr));
                }
            }
            List<String[]> runs = new ArrayList<>();
            for (String kind : new String[] {"load", "stft", "melspectrogram", "mfcc", "spectral_centroid", "zero_crossing_rate", "rms",
                "trim"}) {
                runs.add(new String[] {"feature", kind, "--input", clip.toString(), "--output", dir.resolve(kind + ".npy").toString()});
            }
            runs.add(new String[] {"feature", "power_to_db", "--input", dir.resolve("melspectrogram.npy").toString(), "--output",
                dir.resolve("db.npy").toString()});
            runs.add(new String[] {"extract", "--input", classes.toString(), "--output", dir.resolve("extract").toString(), "--frames",
                "16", "--no-progress"});
            runs.add(new String[] {"validate", "--input", classes.toString(), "--output", dir.resolve("validate.csv").toString()});
            runs.add(new String[] {"--help"});
            ByteArrayOutputStream sink = new ByteArrayOutputStream();
            PrintStream quiet = new PrintStream(sink, true, StandardCharsets.UTF_8);
            for (String[] run : runs) {
                sink.reset();
                int rc = Main.run(run, quiet, quiet);
                if (rc != 0) {
                    System.err.println("melkit CDS training: '" + String.join(" ", run) + "' exited " + rc + ": "
                            + sink.toString(StandardCharsets.UTF_8));
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static float[] tone(double seconds, int sr, double hz) {
        float[] y = new float[(int) Math.round(seconds * sr)];
        for (int i = 0; i < y.length; i++) {
            y[i] = (float) (0.3 * Math.sin(2 * Math.PI * hz * i / sr) + 0.01 * Math.sin(2 * Math.PI * 7919.0 * i * i / (sr * (double) sr)));
        }
        return y;
    }

    private static void delete(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
