package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.dataset.AugmentDataset;
import org.melkit.io.Csv;
import org.melkit.batch.Failures;
import org.melkit.batch.FileWalk;
import org.melkit.batch.Manifest;
import org.melkit.dataset.OutputNames;
import org.melkit.batch.Progress;
import org.melkit.dsp.FloatMatrix;
import org.melkit.plot.Colormap;
import org.melkit.plot.SpectrogramImage;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Parallel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Mel spectrogram images of a folder of audio, one folder per class, as image-CNN pipelines
 * (Keras {@code image_dataset_from_directory}, torchvision {@code ImageFolder}) expect:
 * {@code input/<class>/x.wav -> output/<class>/x.png}. Each clip is loaded at {@code mel.sr()}
 * (mono), optionally padded with zeros or cut to {@code seconds} so every image has the same time
 * scale, turned into {@code power_to_db(melspectrogram(y), ref=np.max, top_db=80)} and drawn by
 * {@link SpectrogramImage} with the given size, {@link DbScale} and {@link Colormap}.
 *
 * <p>Writes {@code images.csv} (source, output, label = the class folder), {@code failures.csv} and {@code manifest.json} (with the dB mapping, so pixel values
 * can be turned back into dB). PNGs are written under temporary names and renamed; a re-run keeps
 * PNGs that exist and only makes the missing ones. Names follow {@link OutputNames}.
 */
public final class SpectrogramImageDataset {
    private SpectrogramImageDataset() {}

    /**
     * @param mel mel parameters (its {@code sr} is the load rate)
     * @param seconds fixed clip length in seconds (pad/cut), or null for each clip's own length
     * @param image size, dB mapping and colour map
     * @param jobs worker threads (0: all cores)
     */
    public record Options(MelParams mel, Double seconds, SpectrogramImage.Options image, int jobs) {
        public Options {
            Objects.requireNonNull(mel, "mel; use MelParams.of(22050)");
            Objects.requireNonNull(image, "image; use SpectrogramImage.Options.DEFAULT");
            if (seconds != null && !(seconds > 0 && Double.isFinite(seconds))) {
                throw new IllegalArgumentException("seconds=" + seconds + " must be > 0, or null to keep each clip's length; typical: 3.0");
            }
        }

        /** librosa's mel defaults at 22050 Hz, whole clips, 128 x 128 grey images. */
        public static Options defaults() {
            return new Options(MelParams.of(22050), null, SpectrogramImage.Options.DEFAULT, 0);
        }

        public Options withMel(MelParams v) { return new Options(v, seconds, image, jobs); }

        public Options withSeconds(Double v) { return new Options(mel, v, image, jobs); }

        public Options withImage(SpectrogramImage.Options v) { return new Options(mel, seconds, v, jobs); }

        public Options withJobs(int v) { return new Options(mel, seconds, image, v); }
    }

    /** What a run did; {@code toString()} is a one-line summary. */
    public record Result(Table table, Map<String, String> failures, List<String> skipped, int resumed) {
        public boolean ok() { return failures.isEmpty(); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "images: %d written (%d kept from an earlier run), %d failed, %d skipped (not audio)",
                    table.rowCount(), resumed, failures.size(), skipped.size());
        }
    }

    /** The image of one clip: the fixed-size picture of its mel dB spectrogram. */
    public static java.awt.image.BufferedImage image(float[] y, Options o) {
        return SpectrogramImage.toImage(melDb(y, o), o.image());
    }

    static FloatMatrix melDb(float[] y, Options o) {
        return melDb(MelSpectrogram.of(o.mel()), y, o);
    }

    private static FloatMatrix melDb(MelSpectrogram mel, float[] y, Options o) {
        if (o.seconds() != null) {
            y = java.util.Arrays.copyOf(y, (int) Math.round(o.seconds() * o.mel().sr()));
        }
        return mel.computeDb(y, Ref.max(), 1e-10, 80.0);
    }

    /** Runs the batch. */
    public static Result run(Path input, Path output, Options o, Progress progress) {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("input=" + input + " is not a folder");
        }
        if (output.toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output=" + output + " is inside input=" + input + "; choose a folder outside it");
        }
        List<String> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String s : FileWalk.filesRecursive(input)) {
            String name = s.substring(s.lastIndexOf('/') + 1);
            int dot = name.lastIndexOf('.');
            String ext = dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
            (AugmentDataset.AUDIO_EXTENSIONS.contains(ext) ? sources : skipped).add(s);
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output + ": " + e.getMessage(), e);
        }
        Map<String, String> bases = OutputNames.bases(sources);
        MelSpectrogram mel = MelSpectrogram.of(o.mel());
        Failures failures = new Failures();
        Manifest manifest = new Manifest("images");
        int[] resumed = new int[1];
        progress.start("images", sources.size());
        List<List<Object>> rows;
        try {
            rows = Parallel.map(sources, o.jobs(), src -> {
                try {
                    String outRel = bases.get(src) + ".png";
                    Path out = output.resolve(outRel);
                    int slash = src.lastIndexOf('/');
                    String label = slash < 0 ? "" : src.substring(0, slash);
                    if (Files.isRegularFile(out)) {
                        synchronized (resumed) {
                            resumed[0]++;
                        }
                    } else {
                        AudioClip clip = Audio.load(input.resolve(src), LoadOptions.atRate(o.mel().sr()));
                        SpectrogramImage.writePng(out, SpectrogramImage.toImage(melDb(mel, clip.samples(), o), o.image()));
                    }
                    manifest.input(src, Manifest.sha256(input.resolve(src)));
                    return List.<Object>of(src, outRel, label);
                } catch (RuntimeException e) {
                    failures.add(src, e);
                    return null;
                } finally {
                    progress.step(src);
                }
            });
        } finally {
            progress.done();
        }
        List<List<Object>> ok = rows.stream().filter(Objects::nonNull).toList();
        Csv.write(output.resolve("images.csv"), List.of("source", "output", "label"), ok);
        failures.write(output.resolve("failures.csv"));
        SpectrogramImage.Options im = o.image();
        manifest.parameter("input", input.toString()).parameter("output", output.toString())
                .parameter("sr", o.mel().sr()).parameter("n_fft", o.mel().stft().nFft())
                .parameter("hop_length", o.mel().stft().hopLength()).parameter("n_mels", o.mel().nMels())
                .parameter("fmin", o.mel().fmin()).parameter("fmax", o.mel().fmax())
                .parameter("seconds", o.seconds()).parameter("db", "power_to_db(melspectrogram(y), ref=np.max, amin=1e-10, top_db=80)")
                .parameter("width", im.width()).parameter("height", im.height())
                .parameter("colormap", im.colormap().name().toLowerCase(Locale.ROOT))
                .parameter("floor_db", im.scale().floorDb()).parameter("top_db", im.scale().topDb())
                .parameter("pixel", "level = round(255 * clamp((db - floor_db) / (top_db - floor_db), 0, 1)); row 0 = highest mel band")
                .parameter("skipped_not_audio", skipped)
                .count("inputs", sources.size()).count("outputs", ok.size()).count("resumed", resumed[0])
                .count("failures", failures.count());
        manifest.write(output);
        Table t = Table.create("images", StringColumn.create("source"), StringColumn.create("output"), StringColumn.create("label"));
        for (List<Object> r : ok) {
            for (int c = 0; c < 3; c++) {
                t.stringColumn(c).append((String) r.get(c));
            }
        }
        return new Result(t, failures.asMap(), skipped, resumed[0]);
    }
}
