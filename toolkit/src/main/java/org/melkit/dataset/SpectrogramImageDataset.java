package org.melkit.dataset;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.imageio.ImageIO;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Failures;
import org.melkit.batch.Inputs;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.batch.OutputFiles;
import org.melkit.batch.Progress;
import org.melkit.batch.RefusedRunException;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Parallel;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Csv;
import org.melkit.plot.SpectrogramImage;

/**
 * Mel spectrogram images of a folder of audio, one folder per class, as image-CNN pipelines
 * (Keras {@code image_dataset_from_directory}, torchvision {@code ImageFolder}) expect
 * ({@code melkit images}), a recipe over the batch runtime ({@link BatchRun}):
 * {@code input/<class>/x.wav -> output/<class>/x.png}. Each clip is loaded at {@code mel.sr()}
 * (mono) — with {@link ImagesParams#seconds} only that many seconds, zero-padded when shorter, so
 * a 2-hour recording costs what a short one does; without, the whole clip in 60-s blocks, so memory
 * holds its mel spectrogram but never all its samples — turned into
 * {@code power_to_db(melspectrogram(y), ref=np.max, top_db=80)} and drawn by
 * {@link SpectrogramImage} with the given size, dB mapping and colour map.
 *
 * <p>Writes {@code images.csv} ({@code source,output,label}, label = the input's folder),
 * {@code failures.csv}, {@code manifest.json} (with the dB mapping, so pixel values can be
 * turned back into dB) and the runtime's {@code journal.jsonl}. A re-run keeps each PNG whose
 * input (path, size, time, hash) and parameters are unchanged, and removes the images of inputs
 * that are gone or now fail. Names follow {@link OutputNames}. Output is the same bytes for any
 * job count.
 *
 * <pre>{@code
 * ImagesResult r = SpectrogramImageDataset.of(ImagesParams.DEFAULT.withSeconds(2.0)).withJobs(2).run(in, out);
 * ImagesResult d = SpectrogramImageDataset.images(in, out);      // the defaults
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class SpectrogramImageDataset {
    static final String COMMAND = "images";
    static final String CSV = "images.csv";

    private final ImagesParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;
    private final AudioDecoder decoder;

    private SpectrogramImageDataset(ImagesParams params, int jobs, boolean overwrite, Progress progress, AudioDecoder decoder) {
        this.params = Objects.requireNonNull(params, "params; use ImagesParams.DEFAULT");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress; use Progress.none()");
        this.decoder = Objects.requireNonNull(decoder, "decoder; use AudioDecoder.load()");
    }

    /** A job with {@code params}, all cores, no overwrite, no progress display, librosa's load. */
    public static SpectrogramImageDataset of(ImagesParams params) {
        return new SpectrogramImageDataset(params, 0, false, Progress.none(), AudioDecoder.load());
    }

    /** One call with the defaults: {@code of(ImagesParams.DEFAULT).run(input, output)}. */
    public static ImagesResult images(Path input, Path output) {
        return of(ImagesParams.DEFAULT).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public SpectrogramImageDataset withJobs(int v) { return new SpectrogramImageDataset(params, v, overwrite, progress, decoder); }

    /** Replace an earlier build made with other parameters or from another input (only its own files are removed). */
    public SpectrogramImageDataset withOverwrite(boolean v) { return new SpectrogramImageDataset(params, jobs, v, progress, decoder); }

    public SpectrogramImageDataset withProgress(Progress v) { return new SpectrogramImageDataset(params, jobs, overwrite, v, decoder); }

    /** Another way to turn a file into mono samples at {@code sr} (default: {@link AudioDecoder#load()}). */
    public SpectrogramImageDataset withDecoder(AudioDecoder v) { return new SpectrogramImageDataset(params, jobs, overwrite, progress, v); }

    public ImagesParams params() { return params; }

    /** The image of one clip at {@code p.mel().sr()}: the fixed-size picture of its mel dB spectrogram. */
    public static BufferedImage image(float[] y, ImagesParams p) {
        return SpectrogramImage.toImage(melDb(MelSpectrogram.of(p.mel()), y, p), p.image());
    }

    private static FloatMatrix melDb(MelSpectrogram mel, float[] y, ImagesParams p) {
        if (p.seconds() != null) {
            y = Arrays.copyOf(y, p.samples());
        }
        return mel.computeDb(y, Ref.max(), 1e-10, 80.0);
    }

    /** One input's image: reused or drawn now, and its content hash. */
    private record Done(boolean reused, String sha256) {}

    /**
     * Runs the export from {@code input} into {@code output}.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing is touched): output
     *     and input inside one another, no audio, another build's parameters or input without
     *     overwrite, another run holding the output
     * @throws IllegalArgumentException when {@code input} is not a folder
     */
    public ImagesResult run(Path input, Path output) {
        Inputs inputs = Inputs.audio(input);
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, params.toMap(), overwrite, CSV);
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            return export(run, input, output, inputs);
        }
    }

    private ImagesResult export(BatchRun run, Path input, Path output, Inputs inputs) {
        List<String> sources = inputs.files().stream().map(Inputs.Input::source).toList();
        Map<String, String> bases = OutputNames.bases(sources);
        Map<String, List<String>> before = AugmentDataset.outputsBefore(run);
        MelSpectrogram mel = MelSpectrogram.of(params.mel());
        List<BatchRun.Outcome<Done>> outcomes = BatchRun.map(inputs.files(), jobs, progress, COMMAND, Inputs.Input::source,
                in -> draw(run, mel, in, bases.get(in.source()) + ".png"));

        Failures failures = new Failures();
        failures.addAll(inputs.broken());
        Manifest manifest = run.manifest();
        List<ImagesResult.Row> rows = new ArrayList<>();
        Set<String> done = new HashSet<>();
        int resumed = 0;
        for (int i = 0; i < sources.size(); i++) {
            String src = sources.get(i);
            BatchRun.Outcome<Done> o = outcomes.get(i);
            if (!o.isOk()) {
                failures.add(src, o.error());
                continue;
            }
            done.add(src);
            manifest.input(src, o.value().sha256());
            resumed += o.value().reused() ? 1 : 0;
            rows.add(new ImagesResult.Row(src, bases.get(src) + ".png", AudioFiles.folder(src)));
        }
        Set<String> live = new HashSet<>();
        rows.forEach(r -> live.add(r.output()));
        List<String> removed = new ArrayList<>(AugmentDataset.removeRenamed(run, before, done, live));
        List<String> skipped = AugmentDataset.notAudio(input);
        int inputCount = sources.size() + inputs.broken().size();
        manifest.count("inputs", inputCount).count("outputs", rows.size()).count("failures", failures.count())
                .count("skipped_not_audio", skipped.size());
        Csv.writeIfChanged(run.folder().resolve(CSV), List.of("source", "output", "label"), rows.stream().map(ImagesResult.Row::csv).toList());
        BatchRun.Summary s = run.finish(manifest, failures);
        removed.addAll(s.removed());
        return new ImagesResult(input, output, params, rows, failures.asMap(), inputCount, done.size() - resumed, resumed, skipped, s.vanished(), removed);
    }

    private Done draw(BatchRun run, MelSpectrogram mel, Inputs.Input in, String target) {
        Path file = in.file();
        Path out = run.folder().resolve(target);
        Journal.Key key;
        try {
            key = Journal.Key.of(in.source(), file);
        } catch (RuntimeException e) {
            throw new IllegalStateException(OutputFiles.describe(file, e));
        }
        Journal.Entry earlier = run.journal().reusable(key);
        if (earlier != null && earlier.outputs().equals(List.of(target)) && run.reusable(key) != null) {
            return new Done(true, key.sha256());
        }
        try {
            FloatMatrix db = params.seconds() == null && params.mel().stft().center() ? wholeMelDb(mel, file) : headMelDb(mel, file);
            AtomicFiles.write(out, png(SpectrogramImage.toImage(db, params.image())));
        } catch (RuntimeException e) {
            throw new IllegalStateException(OutputFiles.describe(file, e));
        }
        run.record(key, List.of(target), null);
        return new Done(false, key.sha256());
    }

    /** The dB spectrogram of the first {@code seconds} (or, not centred, the whole clip) decoded at once. */
    private FloatMatrix headMelDb(MelSpectrogram mel, Path file) {
        int sr = params.mel().sr();
        float[] y = params.seconds() == null ? decoder.decode(file, sr) : decoder.decodeHead(file, sr, params.samples());
        requireUsable(y.length, AudioDecoder.nonFinite(y));
        return melDb(mel, y, params);
    }

    /**
     * The dB spectrogram of a whole clip, read in blocks ({@link FrameBlocks}): memory is the mel
     * power of the clip plus one block of samples, not the samples of the whole recording. A clip
     * of up to one block (60 s) is one block, exactly as before; a longer one gives every frame
     * from the same samples as the whole clip would.
     */
    private FloatMatrix wholeMelDb(MelSpectrogram mel, Path file) {
        int sr = params.mel().sr();
        int nMels = params.mel().nMels();
        List<FloatMatrix> parts = new ArrayList<>();
        FrameBlocks.Scan scan = FrameBlocks.scan(decoder, file, sr, params.mel().stft().nFft(), params.mel().stft().hopLength(),
                FrameBlocks.block(sr), 0, (y, from, to, whole) -> {
                    FloatMatrix m = mel.compute(y);
                    parts.add(whole ? m : columns(m, from, to));
                });
        requireUsable(scan.samples(), scan.nonFiniteText());
        FloatMatrix power = parts.size() == 1 ? parts.get(0) : null;
        if (power == null) {
            long frames = parts.stream().mapToLong(FloatMatrix::cols).sum();
            if ((long) nMels * frames > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("the whole recording is " + frames + " frames, too long for one image; pass --seconds");
            }
            float[] all = new float[(int) (nMels * frames)];
            int at = 0;
            for (int i = 0; i < parts.size(); i++) {
                FloatMatrix part = parts.set(i, null);
                for (int r = 0; r < nMels; r++) {
                    System.arraycopy(part.row(r), 0, all, r * (int) frames + at, part.cols());
                }
                at += part.cols();
            }
            power = FloatMatrix.wrap(nMels, (int) frames, all);
        }
        return Db.powerToDb(power, Ref.max(), 1e-10, 80.0);
    }

    /** Columns {@code [from, to)} of {@code m}. */
    private static FloatMatrix columns(FloatMatrix m, int from, int to) {
        float[] v = new float[m.rows() * (to - from)];
        for (int r = 0; r < m.rows(); r++) {
            System.arraycopy(m.row(r), from, v, r * (to - from), to - from);
        }
        return FloatMatrix.wrap(m.rows(), to - from, v);
    }

    private static void requireUsable(long samples, String nonFinite) {
        if (samples == 0) {
            throw new IllegalArgumentException("decodes to 0 samples (an empty recording would give a blank image)");
        }
        if (nonFinite != null) {
            throw new IllegalArgumentException(nonFinite);
        }
    }

    private static byte[] png(BufferedImage img) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(img, "png", bytes)) {
                throw new IOException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode a PNG: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
