package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Inputs;
import org.melkit.batch.Journal;
import org.melkit.batch.RefusedRunException;
import org.melkit.io.Json;
import org.melkit.ml.OneHot;
import java.util.concurrent.atomic.AtomicInteger;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.Parallel;
import org.melkit.features.Recipes;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.melkit.io.Npy;
import org.melkit.io.NpyStreamWriter;
import org.melkit.batch.Progress;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.batch.OutputFiles;
import org.melkit.batch.AudioDecoder;
import org.melkit.io.Csv;
import org.melkit.ml.MinMaxScaler;
import org.melkit.ml.Splits;

/**
 * The emotional-speech corpora combined ({@code melkit corpora}): RAVDESS, CREMA-D, TESS and
 * SAVEE folders become one shuffled train/test split of recipe_a spectrograms with unified
 * labels ({@link Emotion}), scaled per cell by a {@link MinMaxScaler} fitted on the training
 * split only.
 *
 * <p>Labels come from file names ({@link Corpus#parse}); a name that does not parse, a file that
 * cannot be decoded or one that decodes to 0 samples is a row of {@code failures.csv}
 * ({@code <corpus>:<path>}). Outputs in the output folder: {@code X_train.npy},
 * {@code X_test.npy} float32 {@code (N, nMels, frames)}; {@code y_train.npy}, {@code y_test.npy}
 * float32 one-hot {@code (N, 8)}; {@code index_train.csv}, {@code index_test.csv}
 * ({@code source,corpus,speaker,emotion,label}, rows in X's order); {@code labels.json};
 * {@code scaler.json} ({@code {"min": [[...]], "max": [[...]]}}, {@code (nMels, frames)});
 * {@code failures.csv}; {@code manifest.json}.
 *
 * <p>Each clip's spectrogram is recipe_a ({@link ClassFolderExtractor#feature}), read in blocks
 * when it is longer than a minute. Memory does not grow with the number of clips:
 * spectrograms go to a per-clip cache on disk ({@code OUT/.cache/}, journalled, reused by an
 * interrupted run started again, removed at the end), then the
 * scaler is fitted by streaming the training rows and both splits are streamed out scaled.
 * Results are identical for any job count.
 *
 * <pre>{@code
 * CorporaResult r = EmotionCorpora.of(CorporaParams.DEFAULT.withGroupBy(GroupBy.SPEAKER))
 *         .run(Map.of(Corpus.RAVDESS, ravdessDir, Corpus.TESS, tessDir), out);
 * }</pre>
 */
public final class EmotionCorpora {
    static final String COMMAND = "corpora";
    static final String CACHE = ".cache";
    static final List<String> INDEX_HEADER = List.of("source", "corpus", "speaker", "emotion", "label");

    private final CorporaParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;
    private final AudioDecoder decoder;

    private EmotionCorpora(CorporaParams params, int jobs, boolean overwrite, Progress progress, AudioDecoder decoder) {
        this.params = Objects.requireNonNull(params, "params");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** A build with {@code params}, all cores, no overwrite, no progress display, librosa's load. */
    public static EmotionCorpora of(CorporaParams params) {
        return new EmotionCorpora(params, 0, false, Progress.none(), AudioDecoder.load());
    }

    /** One call with the defaults: {@code of(CorporaParams.DEFAULT).run(roots, output)}. */
    public static CorporaResult build(Map<Corpus, Path> roots, Path output) {
        return of(CorporaParams.DEFAULT).run(roots, output);
    }

    /** Worker threads across clips; 0 (the default) for all cores. Output does not depend on it. */
    public EmotionCorpora withJobs(int v) { return new EmotionCorpora(params, v, overwrite, progress, decoder); }

    /** Replace an earlier build made with other parameters or from other folders (only its own files are removed). */
    public EmotionCorpora withOverwrite(boolean v) { return new EmotionCorpora(params, jobs, v, progress, decoder); }

    public EmotionCorpora withProgress(Progress v) { return new EmotionCorpora(params, jobs, overwrite, v, decoder); }

    /** Another way to turn a file into mono samples at {@code sr} (default: {@link AudioDecoder#load()}). */
    public EmotionCorpora withDecoder(AudioDecoder v) { return new EmotionCorpora(params, jobs, overwrite, progress, v); }

    public CorporaParams params() { return params; }

    /** One labelled clip: its path below its corpus folder and what the name says. */
    public record Clip(Corpus corpus, String source, String speaker, Emotion emotion) {
        /** {@code <corpus>:<source>}, the clip's name in failures.csv and manifest.json. */
        public String key() { return corpus.id() + ":" + source; }

        List<Object> indexRow() {
            return List.of(source, corpus.id(), speaker, emotion.unifiedName(), emotion.label());
        }
    }

    /** The clips found below {@code roots} (corpus order, then source) and the names that did not parse. */
    public record Scan(List<Clip> clips, Failures failures) {
        public Scan {
            clips = List.copyOf(clips);
        }

        /** The clips as a table {@code source,corpus,speaker,emotion,label}. */
        public Table table() {
            return indexTable("clips", clips);
        }

        @Override
        public String toString() {
            return "Scan[" + clips.size() + " clips, " + failures.count() + " names that do not parse]";
        }
    }

    /** Finds and labels every audio file below each corpus folder (no decoding; links followed, broken ones failures). */
    public static Scan scan(Map<Corpus, Path> roots) {
        checkRoots(roots);
        return scanInputs(inputs(roots));
    }

    private static Map<Corpus, Inputs> inputs(Map<Corpus, Path> roots) {
        Map<Corpus, Inputs> m = new EnumMap<>(Corpus.class);
        for (Corpus c : Corpus.values()) {
            if (roots.containsKey(c)) {
                m.put(c, Inputs.audio(roots.get(c)));
            }
        }
        return m;
    }

    private static Scan scanInputs(Map<Corpus, Inputs> inputs) {
        List<Clip> clips = new ArrayList<>();
        Failures failures = new Failures();
        for (Map.Entry<Corpus, Inputs> ce : inputs.entrySet()) {
            Corpus c = ce.getKey();
            ce.getValue().broken().forEach((source, error) -> failures.add(c.id() + ":" + source, error));
            for (Inputs.Input in : ce.getValue().files()) {
                String source = in.source();
                try {
                    Corpus.Parsed p = c.parse(source);
                    clips.add(new Clip(c, source, p.speaker(), p.emotion()));
                } catch (IllegalArgumentException e) {
                    failures.add(c.id() + ":" + source, e.getMessage());
                }
            }
        }
        return new Scan(clips, failures);
    }

    private static void checkRoots(Map<Corpus, Path> roots) {
        if (roots == null || roots.isEmpty()) {
            throw new IllegalArgumentException("roots is empty: give at least one corpus folder (--ravdess, --crema, --tess, --savee)");
        }
        roots.forEach((c, p) -> {
            if (!Files.isDirectory(p)) {
                throw new IllegalArgumentException(c.id() + "=" + p + " is not a folder; give the corpus's unpacked folder");
            }
        });
    }

    private enum Status { DECODED, REUSED, FAILED }

    private record Outcome(Status status, String sha256, String error) {}

    /**
     * Builds the split into {@code output} on the batch runtime ({@link BatchRun}): corpus
     * folders and output must not lie inside one another; another build's parameters or folders
     * are refused unless overwrite; one run per output; an interrupted run resumes from the
     * per-clip cache, whose entries the journal keys by each clip's path, size, time and hash.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing touched)
     */
    public CorporaResult run(Map<Corpus, Path> roots, Path output) {
        checkRoots(roots);
        Map<Corpus, Inputs> found = inputs(roots);
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, params.toMap(), overwrite, "X_train.npy", "X_test.npy", "y_train.npy",
                "y_test.npy", "index_train.csv", "index_test.csv", "labels.json", "scaler.json", CACHE);
        try (BatchRun run = BatchRun.open(spec, List.copyOf(found.values()), output)) {
            return build(run, roots, found);
        }
    }

    private CorporaResult build(BatchRun run, Map<Corpus, Path> roots, Map<Corpus, Inputs> found) {
        Path output = run.folder();
        Scan scan = scanInputs(found);
        List<Clip> clips = scan.clips();
        Failures failures = scan.failures();
        int inputs = clips.size() + failures.count();
        List<String> present = new ArrayList<>(failures.asMap().keySet());
        clips.forEach(c -> present.add(c.key()));
        run.present(present);
        MelDbParams f = params.features();
        String cache = CACHE + "/" + cacheKey(f);

        AtomicInteger decodes = new AtomicInteger();
        List<BatchRun.Outcome<Outcome>> outcomes = BatchRun.map(clips, jobs, progress, COMMAND, Clip::key,
                clip -> featurise(run, roots.get(clip.corpus()), cache, clip, decodes));

        Manifest manifest = run.manifest();
        failures.asMap().keySet().forEach(key -> {
            Corpus c = Corpus.parseId(key.substring(0, key.indexOf(':')));
            Path file = roots.get(c).resolve(key.substring(key.indexOf(':') + 1));
            try {
                manifest.input(key, Manifest.sha256(file));
            } catch (RuntimeException e) {
                // unreadable as well as unparseable: the failure row already names it
            }
        });
        List<Clip> ok = new ArrayList<>();
        for (int i = 0; i < clips.size(); i++) {
            Clip clip = clips.get(i);
            BatchRun.Outcome<Outcome> bo = outcomes.get(i);
            Outcome o = bo.isOk() ? bo.value() : new Outcome(Status.FAILED, null, bo.error());
            if (o.sha256 != null) {
                manifest.input(clip.key(), o.sha256);
            }
            if (o.status == Status.FAILED) {
                failures.add(clip.key(), o.error);
            } else {
                ok.add(clip);
            }
        }

        Splits.Split split = split(ok);
        if (split.train().length == 0) {
            failures.writeIfChanged(run.failuresFile());
            throw new IllegalStateException("no training rows (" + ok.size() + " usable clips, " + failures.count()
                    + " failures in " + run.failuresFile() + "): nothing to fit the scaler on");
        }
        Path cacheDir = output.resolve(cache);
        int cells = f.nMels() * f.frames();
        MinMaxScaler.Fitter fitter = new MinMaxScaler.Fitter(cells);
        for (int i : split.train()) {
            fitter.add(readCached(cacheDir, ok.get(i), cells));
        }
        MinMaxScaler scaler = fitter.fit();

        List<Clip> train = pick(ok, split.train());
        List<Clip> test = pick(ok, split.test());
        writeSplit(output, "train", train, cacheDir, scaler);
        writeSplit(output, "test", test, cacheDir, scaler);
        Json.writeIfChanged(output.resolve("labels.json"), Emotion.labelMap());
        Map<String, Object> scalerJson = new LinkedHashMap<>();
        scalerJson.put("min", rows(scaler.dataMin(), f.nMels(), f.frames()));
        scalerJson.put("max", rows(scaler.dataMax(), f.nMels(), f.frames()));
        Json.writeIfChanged(output.resolve("scaler.json"), scalerJson);

        manifest.count("inputs", inputs)
                .count("outputs", ok.size()).count("train", train.size()).count("test", test.size())
                .count("failures", failures.count());
        OutputFiles.deleteTree(output.resolve(CACHE));
        run.finish(manifest, failures);

        return new CorporaResult(output, params, train, test, failures.asMap(), inputs, decodes.get(), scaler);
    }

    private Splits.Split split(List<Clip> ok) {
        if (params.groupBy() == CorporaParams.GroupBy.SPEAKER) {
            String[] speakers = ok.stream().map(Clip::speaker).toArray(String[]::new);
            return Splits.grouped(speakers, params.testSize(), params.seed());
        }
        int[] labels = ok.stream().mapToInt(c -> c.emotion().label()).toArray();
        return Splits.stratified(labels, params.testSize(), params.seed());
    }

    private Outcome featurise(BatchRun run, Path root, String cache, Clip clip, AtomicInteger decodes) {
        Path file = root.resolve(clip.source());
        Journal.Key key;
        try {
            key = Journal.Key.of(clip.key(), file);
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, null, OutputFiles.describe(file, e));
        }
        String cached = cache + "/" + clip.corpus().id() + "/" + clip.source() + ".npy";
        if (run.reusable(key) != null) {
            return new Outcome(Status.REUSED, key.sha256(), null);
        }
        MelDbParams f = params.features();
        try {
            decodes.incrementAndGet();
            MelDbFeature.Result r = MelDbFeature.of(decoder, file, f);
            if (r.failure() != null) {
                return new Outcome(Status.FAILED, key.sha256(), r.failure());
            }
            Npy.write(run.folder().resolve(cached), r.feature());
            run.record(key, List.of(cached), null);
            return new Outcome(Status.DECODED, key.sha256(), null);
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, key.sha256(), OutputFiles.describe(file, e));
        }
    }

    private static Path cachePath(Path cache, Clip clip) {
        return cache.resolve(clip.corpus().id()).resolve(clip.source() + ".npy");
    }

    private static float[] readCached(Path cache, Clip clip, int cells) {
        float[] row = Npy.read(cachePath(cache, clip)).data();
        if (row.length != cells) {
            throw new IllegalStateException(cachePath(cache, clip) + " holds " + row.length + " values, expected " + cells
                    + "; delete " + cache + " and run again");
        }
        return row;
    }

    /** The cache folder of one feature recipe: runs with other recipe parameters never share it. */
    static String cacheKey(MelDbParams f) {
        return "sr" + f.sr() + "-nfft" + f.nFft() + "-hop" + f.hopLength() + "-mels" + f.nMels() + "-frames" + f.frames()
                + "-topdb" + f.topDb();
    }

    private void writeSplit(Path output, String side, List<Clip> clips, Path cache, MinMaxScaler scaler) {
        MelDbParams f = params.features();
        int cells = f.nMels() * f.frames();
        int k = Emotion.values().length;
        NpyStreamWriter x = new NpyStreamWriter(output.resolve("X_" + side + ".npy"), f.nMels(), f.frames());
        NpyStreamWriter y = new NpyStreamWriter(output.resolve("y_" + side + ".npy"), k);
        boolean done = false;
        try (Csv.Writer index = Csv.writer(output.resolve("index_" + side + ".csv"), INDEX_HEADER)) {
            OneHot encoder = OneHot.of(k);
            for (Clip clip : clips) {
                float[] row = readCached(cache, clip, cells);
                scaler.transformInto(row, row);
                x.write(row);
                y.write(encoder.row(clip.emotion().label()));
                index.row(clip.indexRow());
            }
            done = true;
        } finally {
            if (done) {
                x.close();
                y.close();
            } else {
                x.abort();
                y.abort();
            }
        }
    }

    private static List<Clip> pick(List<Clip> all, int[] idx) {
        List<Clip> out = new ArrayList<>(idx.length);
        for (int i : idx) {
            out.add(all.get(i));
        }
        return out;
    }

    private static List<float[]> rows(float[] flat, int rows, int cols) {
        List<float[]> out = new ArrayList<>(rows);
        for (int r = 0; r < rows; r++) {
            out.add(java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols));
        }
        return out;
    }

    static Table indexTable(String name, List<Clip> clips) {
        StringColumn source = StringColumn.create("source");
        StringColumn corpus = StringColumn.create("corpus");
        StringColumn speaker = StringColumn.create("speaker");
        StringColumn emotion = StringColumn.create("emotion");
        IntColumn label = IntColumn.create("label");
        for (Clip c : clips) {
            source.append(c.source());
            corpus.append(c.corpus().id());
            speaker.append(c.speaker());
            emotion.append(c.emotion().unifiedName());
            label.append(c.emotion().label());
        }
        return Table.create(name, source, corpus, speaker, emotion, label);
    }

    /** Corpus folders by corpus, in corpus order (for callers holding {@code (id, path)} pairs). */
    public static Map<Corpus, Path> roots(Map<String, Path> byId) {
        Map<Corpus, Path> m = new EnumMap<>(Corpus.class);
        byId.forEach((id, p) -> m.put(Corpus.parseId(id), p));
        return m;
    }
}
