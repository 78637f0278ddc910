package org.melkit.dataset;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Engine;
import org.melkit.batch.Failures;
import org.melkit.batch.FileWalk;
import org.melkit.batch.Inputs;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.batch.OutputFiles;
import org.melkit.batch.Progress;
import org.melkit.batch.RefusedRunException;
import org.melkit.dsp.Db;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.MelParams;
import org.melkit.features.MelSpectrogram;
import org.melkit.features.Parallel;
import org.melkit.io.Csv;
import org.melkit.io.Json;
import org.melkit.io.Npy;

/**
 * Class folders to per-file mel spectrograms ({@code melkit extract}), a recipe over the batch
 * runtime ({@link BatchRun}): every first-level, non-hidden sub-folder of the input is a class
 * (sorted by code point, label ids 0..K-1), every audio file below it (recursively, links
 * followed) an input, featurised into {@code OUT/features/<class>/<path, last extension -> .npy>}
 * as float32 {@code (nMels, frames)}.
 *
 * <p>The feature is recipe_a: {@code load(sr, mono)}, {@code melspectrogram(n_fft, hop_length,
 * n_mels)}, {@code power_to_db(ref=max, top_db)}, its first {@code frames} frames, right-padded
 * with 0.0, equal to librosa's for any length. Memory is bounded: a recording longer than a minute
 * is read in blocks, its dB reference (the loudest frame of all of it) found in a streaming pass
 * ({@link MelDbFeature}).
 *
 * <p>Also writes {@code metadata.csv} ({@code path,label,class,source}, by source),
 * {@code labels.json}, {@code failures.csv}, {@code manifest.json} and {@code journal.jsonl}.
 * A re-run reuses a feature only while its input is unchanged (path, size, time, hash) and its
 * {@code .npy} exists, retries failures, removes the features of inputs that are gone, and
 * rewrites no file whose bytes would not change. Output is byte-identical for any job count.
 *
 * <pre>{@code
 * ExtractResult r = ClassFolderExtractor.of(MelDbParams.DEFAULT.withFrames(128)).withJobs(2).run(in, out);
 * ExtractResult d = ClassFolderExtractor.extract(in, out);      // the defaults
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class ClassFolderExtractor {
    /** The command name in manifests and journals. */
    public static final String COMMAND = "extract";
    /** The folder below the output that holds the {@code .npy} features. */
    public static final String FEATURES = "features";
    /** The columns of {@code metadata.csv}. */
    public static final List<String> METADATA_HEADER = List.of("path", "label", "class", "source");

    private final MelDbParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;
    private final AudioDecoder decoder;
    private final Engine engine;

    private ClassFolderExtractor(MelDbParams params, int jobs, boolean overwrite, Progress progress, AudioDecoder decoder, Engine engine) {
        this.params = Objects.requireNonNull(params, "params");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.engine = engine;
    }

    /** An extractor with {@code params}, all cores, no overwrite, no progress display, librosa's load. */
    public static ClassFolderExtractor of(MelDbParams params) {
        return new ClassFolderExtractor(params, 0, false, Progress.none(), AudioDecoder.load(), null);
    }

    /** One call with the defaults: {@code of(MelDbParams.DEFAULT).run(input, output)}. */
    public static ExtractResult extract(Path input, Path output) {
        return of(MelDbParams.DEFAULT).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public ClassFolderExtractor withJobs(int v) { return new ClassFolderExtractor(params, v, overwrite, progress, decoder, engine); }

    /** Replace an earlier build made with other parameters or from another input (only its own files are removed). */
    public ClassFolderExtractor withOverwrite(boolean v) { return new ClassFolderExtractor(params, jobs, v, progress, decoder, engine); }

    public ClassFolderExtractor withProgress(Progress v) { return new ClassFolderExtractor(params, jobs, overwrite, v, decoder, engine); }

    /** Another way to turn a file into mono samples at {@code sr} (default: {@link AudioDecoder#load()}). */
    public ClassFolderExtractor withDecoder(AudioDecoder v) { return new ClassFolderExtractor(params, jobs, overwrite, progress, v, engine); }

    /**
     * Runs the per-file work on {@code v} instead of {@link #withJobs} threads in this JVM (e.g.
     * Spark's executors through {@code melkit-spark}); labels, metadata, journal and manifest are
     * still made here, so the outputs are the same bytes. {@code null}: threads (the default).
     */
    public ClassFolderExtractor withEngine(Engine v) { return new ClassFolderExtractor(params, jobs, overwrite, progress, decoder, v); }

    public MelDbParams params() { return params; }

    /** One input file: its path below the input root, the file, its class, and feature path below the output. */
    private record Item(String source, String file, String className, int label, String target) implements Serializable {
        @Override
        public String toString() { return source; }
    }

    private enum Status { DECODED, REUSED, FAILED }

    /** {@code decoded}: the file was decoded (successfully or not), for the result's decode count. */
    private record Outcome(Status status, Journal.Key key, String error, boolean decoded) implements Serializable {
        Outcome(Status status, Journal.Key key, String error) {
            this(status, key, error, false);
        }

        String sha256() { return key == null ? null : key.sha256(); }
    }

    /**
     * Runs the extraction from {@code input} into {@code output}.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing is touched): output
     *     and input inside one another, no audio, another build's parameters or input without
     *     overwrite, another run holding the output
     * @throws IllegalArgumentException when {@code input} is not a folder
     */
    public ExtractResult run(Path input, Path output) {
        Inputs inputs = Inputs.audio(input, 1);
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, params.toMap(), overwrite, FEATURES, "metadata.csv", "labels.json");
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            return extract(run, input, output, inputs);
        }
    }

    private ExtractResult extract(BatchRun run, Path input, Path output, Inputs inputs) {
        List<String> classes = FileWalk.subfolders(input);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String c : classes) {
            labels.put(c, labels.size());
        }
        List<Item> items = new ArrayList<>();
        for (Inputs.Input in : inputs.files()) {
            String c = in.topFolder();
            items.add(new Item(in.source(), in.file().toString(), c, labels.get(c), target(in.source())));
        }
        Map<String, String> collisions = collisions(items.stream().map(Item::source).toList());

        Featurise task = new Featurise(params, decoder, run.folder().toString(), run.reuse(), collisions);
        Engine e = engine != null ? engine : Engine.threads(jobs);
        List<BatchRun.Outcome<Outcome>> outcomes = e.map(items, task, (it, o) -> adopt(run, it, o), progress, COMMAND);

        Failures failures = new Failures();
        failures.addAll(inputs.broken());
        Manifest manifest = run.manifest();
        if (engine != null) {
            manifest.engine(engine.describe());
        }
        List<ExtractResult.Row> rows = new ArrayList<>();
        int reused = 0;
        int decodes = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            BatchRun.Outcome<Outcome> bo = outcomes.get(i);
            Outcome o = bo.isOk() ? bo.value() : new Outcome(Status.FAILED, null, bo.error());
            if (o.sha256() != null) {
                manifest.input(it.source(), o.sha256());
            }
            switch (o.status) {
                case FAILED -> failures.add(it.source(), o.error);
                case REUSED -> reused++;
                default -> { }
            }
            if (o.decoded) {
                decodes++;
            }
            if (o.status != Status.FAILED) {
                rows.add(new ExtractResult.Row(it.target, it.label, it.className, it.source()));
            }
        }
        int inputCount = items.size() + inputs.broken().size();
        manifest.count("classes", classes.size()).count("inputs", inputCount).count("outputs", rows.size())
                .count("failures", failures.count());

        Json.writeIfChanged(output.resolve("labels.json"), labels);
        Csv.writeIfChanged(output.resolve("metadata.csv"), METADATA_HEADER,
                rows.stream().map(ExtractResult.Row::csv).toList());
        BatchRun.Summary s = run.finish(manifest, failures);

        return new ExtractResult(input, output, params, labels, rows, failures.asMap(), inputCount, decodes, reused, s.vanished(),
                s.removed());
    }

    /** Records a finished item in the run's journal (in this JVM, whatever engine did the work). */
    private static void adopt(BatchRun run, Item it, BatchRun.Outcome<Outcome> bo) {
        if (!bo.isOk()) {
            return;
        }
        Outcome o = bo.value();
        if (o.status == Status.DECODED) {
            run.record(o.key, List.of(it.target), null);
        } else if (o.status == Status.REUSED) {
            run.reusable(o.key);
        }
    }

    /**
     * The per-file work of extract: hash, reuse check, decode, feature, write. Depends only on
     * its fields, so any {@link Engine} can run it, in this JVM or on another machine.
     */
    private record Featurise(MelDbParams params, AudioDecoder decoder, String folder, BatchRun.Reuse reuse,
                             Map<String, String> collisions) implements Engine.Task<Item, Outcome> {
        @Override
        public Outcome apply(Item it) {
            Path file = Path.of(it.file);
            Journal.Key key;
            try {
                key = Journal.Key.of(it.source(), file);
            } catch (RuntimeException e) {
                return new Outcome(Status.FAILED, null, OutputFiles.describe(file, e));
            }
            String collision = collisions.get(it.source());
            if (collision != null) {
                return new Outcome(Status.FAILED, key, collision);
            }
            if (reuse.test(key)) {
                return new Outcome(Status.REUSED, key, null);
            }
            FileFeature f = featureOf(file, params, decoder);
            if (f.failure() != null) {
                return new Outcome(Status.FAILED, key, f.failure(), true);
            }
            try {
                Npy.write(Path.of(folder).resolve(it.target), f.feature());
                return new Outcome(Status.DECODED, key, null, true);
            } catch (RuntimeException e) {
                return new Outcome(Status.FAILED, key, OutputFiles.describe(file, e), true);
            }
        }
    }

    /** One file's feature, or the text of its failure row (exactly one is non-null). */
    public record FileFeature(FloatMatrix feature, String failure) {}

    /**
     * The per-file step of extract without the batch runtime: recipe_a of {@code file} through
     * {@code decoder} in bounded memory (MelDbFeature), an empty or non-finite recording rejected.
     * A failure is returned (the text extract writes to {@code failures.csv}), never thrown, so
     * other engines (melkit-spark reading from Hadoop file systems) write the same rows.
     */
    public static FileFeature featureOf(Path file, MelDbParams params, AudioDecoder decoder) {
        try {
            MelDbFeature.Result f = MelDbFeature.of(decoder, file, params);
            return new FileFeature(f.feature(), f.failure());
        } catch (RuntimeException e) {
            return new FileFeature(null, OutputFiles.describe(file, e));
        }
    }

    /** Samples the first {@code frames} centred frames read: {@code (frames-1)*hopLength + nFft/2}. */
    static int samplesNeeded(MelDbParams p) {
        long n = (long) (p.frames() - 1) * p.hopLength() + p.nFft() / 2;
        return (int) Math.min(Integer.MAX_VALUE - 16, n);
    }

    /**
     * recipe_a of a whole recording {@code y} at {@code p.sr()}: mel power,
     * {@code power_to_db(ref=max, top_db)} of all of it, its first {@code frames} frames,
     * right-padded with 0.0 (only the kept frames are converted to dB).
     */
    public static FloatMatrix feature(float[] y, MelDbParams p) {
        return feature(MelSpectrogram.of(MelParams.of(p.sr(), p.nFft(), p.hopLength(), p.nMels())).compute(y), p);
    }

    /** {@link #feature(float[], MelDbParams)} from the recording's whole mel power spectrogram. */
    static FloatMatrix feature(FloatMatrix mel, MelDbParams p) {
        FloatMatrix kept = mel.cols() > p.frames() ? mel.fixCols(p.frames(), 0f) : mel;
        return Db.powerToDbOfWhole(kept, Ref.max(), mel.max(), Db.AMIN_POWER, p.topDb()).fixCols(p.frames(), 0f);
    }

    /**
     * Where extract writes the feature of {@code source} (a path below the input whose first
     * folder is the class), relative to the output: {@code dogs/a/x.wav -> features/dogs/a/x.npy}.
     */
    public static String target(String source) {
        int slash = source.indexOf('/');
        return FEATURES + "/" + source.substring(0, slash) + "/" + npyName(source.substring(slash + 1));
    }

    /**
     * The sources that map to the same {@link #target} as another ({@code x.wav} and
     * {@code x.flac}), each with the text of its failure row; extract writes neither.
     */
    public static Map<String, String> collisions(List<String> sources) {
        Map<String, List<String>> byTarget = new TreeMap<>();
        for (String s : sources) {
            byTarget.computeIfAbsent(target(s), k -> new ArrayList<>()).add(s);
        }
        Map<String, String> collisions = new TreeMap<>();
        byTarget.forEach((target, same) -> {
            for (String src : same) {
                if (same.size() > 1) {
                    List<String> others = new ArrayList<>(same);
                    others.remove(src);
                    collisions.put(src, "maps to the same output " + target + " as " + String.join(", ", others) + "; rename one of them");
                }
            }
        });
        return collisions;
    }

    /** {@code rel} with its last extension replaced by {@code .npy} ({@code a/x.wav -> a/x.npy}, {@code noext -> noext.npy}). */
    static String npyName(String rel) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        String stem = dot > slash + 1 ? rel.substring(0, dot) : rel;
        return stem + ".npy";
    }
}
