package org.melkit.dataset;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Engine;
import org.melkit.batch.Failures;
import org.melkit.batch.Inputs;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.batch.OutputFiles;
import org.melkit.batch.Progress;
import org.melkit.batch.RefusedRunException;
import org.melkit.features.Parallel;
import org.melkit.io.Csv;
import org.melkit.io.Json;
import org.melkit.ml.Pca;

/**
 * Music summaries (the {@code melkit summary} command, the conformance kit's {@code recipe_c}),
 * a recipe over the batch runtime ({@link BatchRun}, single-file shape): one row per readable
 * audio file in the first-level folders of an input folder (not recursive; files directly in the
 * input folder and hidden files and folders are ignored; links followed), with
 * {@code folder,file,mfcc_1..mfcc_N} (means over time of librosa's {@code mfcc(y, sr, n_mfcc)};
 * mfcc_1 is coefficient 0), {@code spectral_centroid} (mean, Hz), {@code zero_crossing_rate}
 * (mean), and with {@code pca = K} also {@code pc_1..pc_K}: the N+2 feature columns standardised
 * with the population std and projected on the principal axes ({@link Pca}).
 *
 * <p>Rows are sorted by the code-point order of {@code folder/file}. A file that cannot be
 * decoded, decodes to 0 samples or holds NaN/Inf samples is a failure (listed, not a row).
 * Beside the report {@code s.csv} go {@code s.manifest.json}, {@code s.failures.csv} and
 * {@code s.journal.jsonl} (each file's row, keyed by its path, size, time, hash and the
 * parameters), so a re-run decodes only what is new or changed; other parameters or another
 * input are refused unless overwrite. Output is identical for any job count. A recording longer
 * than a minute is read in blocks ({@link SummaryFeature}): memory stays at one block.
 *
 * <pre>{@code
 * SummaryResult r = MusicSummary.of(SummaryParams.DEFAULT.withPca(2)).withJobs(2).run(Path.of("music"), Path.of("s.csv"));
 * SummaryResult d = MusicSummary.summarise(Path.of("music"), Path.of("s.csv"));   // the defaults
 * r.table()      // a Tablesaw table: folder, file, mfcc_1..13, spectral_centroid, zero_crossing_rate, pc_1, pc_2
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class MusicSummary {
    /** The command name in manifests and journals. */
    public static final String COMMAND = "summary";

    private final SummaryParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;
    private final AudioDecoder decoder;
    private final Engine engine;

    private MusicSummary(SummaryParams params, int jobs, boolean overwrite, Progress progress, AudioDecoder decoder, Engine engine) {
        this.params = Objects.requireNonNull(params, "params");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
        this.engine = engine;
    }

    /** A summary job with {@code params}, all cores, no overwrite, no progress display, librosa's load. */
    public static MusicSummary of(SummaryParams params) {
        return new MusicSummary(params, 0, false, Progress.none(), AudioDecoder.load(), null);
    }

    /** One call with the defaults: {@code of(SummaryParams.DEFAULT).run(input, output)}. */
    public static SummaryResult summarise(Path input, Path output) {
        return of(SummaryParams.DEFAULT).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public MusicSummary withJobs(int v) { return new MusicSummary(params, v, overwrite, progress, decoder, engine); }

    /** Replace an earlier report made with other parameters or from another input. */
    public MusicSummary withOverwrite(boolean v) { return new MusicSummary(params, jobs, v, progress, decoder, engine); }

    public MusicSummary withProgress(Progress v) { return new MusicSummary(params, jobs, overwrite, v, decoder, engine); }

    /** Another way to turn a file into mono samples at {@code sr} (default: {@link AudioDecoder#load()}). */
    public MusicSummary withDecoder(AudioDecoder v) { return new MusicSummary(params, jobs, overwrite, progress, v, engine); }

    /**
     * Runs the per-file work (decode, MFCC/centroid/ZCR means) on {@code v} instead of
     * {@link #withJobs} threads in this JVM (e.g. Spark's executors through {@code melkit-spark});
     * ordering, standard scaling, PCA, journal and report are still done here, so the outputs are
     * the same bytes. {@code null}: threads (the default).
     */
    public MusicSummary withEngine(Engine v) { return new MusicSummary(params, jobs, overwrite, progress, decoder, v); }

    public SummaryParams params() { return params; }

    /** The parameters under their CLI/JSON names, for the manifest. */
    public static Map<String, Object> parameterMap(SummaryParams p) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("sr", p.sr());
        m.put("n_mfcc", p.nMfcc());
        m.put("pca", p.pca());
        return m;
    }

    /**
     * Summarises every readable audio file in the first-level folders of {@code input} into the
     * CSV {@code output} (and its sidecars).
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing touched): the report
     *     inside the input, no audio, another report's parameters or input without overwrite,
     *     another run on the same report
     * @throws IllegalArgumentException if {@code input} is not a folder, or {@code pca} exceeds
     *         min(rows, features) of what could be read
     */
    public SummaryResult run(Path input, Path output) {
        Inputs inputs = inputs(input);
        BatchRun.Spec spec = BatchRun.Spec.file(COMMAND, parameterMap(params), overwrite);
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            SummaryResult r = compute(inputs, run);
            write(r, run, engine);
            return r;
        }
    }

    /**
     * The summary of {@code input} in memory, writing nothing (no resume).
     *
     * @throws IllegalArgumentException if {@code input} is not a folder, or {@code pca} exceeds
     *         min(rows, features) of what could be read
     */
    public SummaryResult compute(Path input) {
        return compute(inputs(input), null);
    }

    /** {@code of(params).compute(input)}: the summary in memory, nothing written. */
    public static SummaryResult build(Path input, SummaryParams params) {
        return of(params).compute(input);
    }

    private SummaryResult compute(Inputs inputs, BatchRun run) {
        List<Inputs.Input> sources = inputs.files();
        List<Source> work = sources.stream().map(in -> new Source(in.source(), in.file().toString())).toList();
        Summarise task = new Summarise(params.sr(), params.nMfcc(), decoder, run == null ? null : run.reuse());
        Engine e = engine != null ? engine : Engine.threads(jobs);
        List<BatchRun.Outcome<Item>> items = e.map(work, task, (in, o) -> adopt(run, o), progress, COMMAND);
        Map<String, double[]> values = new java.util.LinkedHashMap<>();
        Map<String, String> failures = new java.util.TreeMap<>(inputs.broken());
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (int i = 0; i < sources.size(); i++) {
            String source = sources.get(i).source();
            BatchRun.Outcome<Item> o = items.get(i);
            Item it = o.isOk() ? o.value() : new Item(source, null, o.error(), null, false);
            if (it.sha256() != null) {
                hashes.put(it.source, it.sha256());
            }
            if (it.error != null) {
                failures.put(it.source, it.error);
            } else {
                values.put(it.source, it.values);
            }
        }
        return assemble(params, values, failures, hashes);
    }

    /**
     * summary's global step: the per-file means of the readable inputs ({@code values}, by source
     * {@code folder/file}, in any order) sorted by source, standard-scaled and projected when
     * {@code pca} is set; what {@link #run} writes. Other engines (melkit-spark on Hadoop file
     * systems) compute the means elsewhere and call this for the same bytes.
     *
     * @throws IllegalArgumentException if {@code pca} exceeds min(rows, features)
     */
    public static SummaryResult assemble(SummaryParams params, Map<String, double[]> values, Map<String, String> failures,
                                         Map<String, String> hashes) {
        List<String> ok = new ArrayList<>(new java.util.TreeSet<>(values.keySet()));
        List<double[]> v = ok.stream().map(values::get).toList();
        return assemble(params, ok, v, failures, hashes);
    }

    private static SummaryResult assemble(SummaryParams params, List<String> ok, List<double[]> values, Map<String, String> failures,
                                          Map<String, String> hashes) {
        Pca.Result pca = null;
        if (params.pca() != null) {
            pca = Pca.standardiseAndProject(values.toArray(new double[0][]), checkK(params.pca(), values.size(), params.nMfcc() + 2));
        }
        return new SummaryResult(columns(params.nMfcc(), pca == null ? 0 : pca.k()), rows(ok, values, pca), new java.util.TreeMap<>(failures),
                hashes, pca, params);
    }

    private static int checkK(int k, int rows, int features) {
        if (k > Math.min(rows, features)) {
            throw new IllegalArgumentException("pca=" + k + " components need at least " + k + " readable files and "
                    + "features; there are " + rows + " rows x " + features + " features; use --pca <= " + Math.min(rows, features));
        }
        return k;
    }

    /** The inputs: audio files directly inside each non-hidden first-level folder ({@code folder/file}), links followed. */
    static Inputs inputs(Path input) {
        return Inputs.scan(input, 1, MusicSummary::isInput);
    }

    /** Whether summary reads {@code rel} (a path below the input): an audio file directly in a first-level folder. */
    public static boolean isInput(String rel) {
        return rel.indexOf('/') > 0 && rel.indexOf('/') == rel.lastIndexOf('/') && AudioFiles.isAudio(rel);
    }

    /** One input: its path below the input folder and the file. */
    private record Source(String source, String file) implements Serializable {
        @Override
        public String toString() { return source; }
    }

    /**
     * One input's summary row ({@code values}) or failure ({@code error}); {@code key} is its
     * journal key when it could be read, {@code decoded} whether the row was computed (not reused).
     */
    private record Item(String source, double[] values, String error, Journal.Key key, boolean decoded) implements Serializable {
        String sha256() { return key == null ? null : key.sha256(); }
    }

    /** Records a finished input in the run's journal (in this JVM, whatever engine did the work). */
    private static void adopt(BatchRun run, BatchRun.Outcome<Item> o) {
        if (run == null || !o.isOk() || o.value().error != null) {
            return;
        }
        Item it = o.value();
        if (it.decoded) {
            run.record(it.key, List.of(), Json.MAPPER.valueToTree(it.values));
        } else {
            run.reusable(it.key);
        }
    }

    /**
     * The per-file work of summary: hash, reuse check, decode, means. Depends only on its fields,
     * so any {@link Engine} can run it, in this JVM or on another machine.
     */
    private record Summarise(int sr, int nMfcc, AudioDecoder decoder, BatchRun.Reuse reuse) implements Engine.Task<Source, Item> {
        @Override
        public Item apply(Source in) {
            Path file = Path.of(in.file);
            Journal.Key key = Journal.Key.of(in.source(), file);
            int width = nMfcc + 2;
            Journal.Entry done = reuse == null || !reuse.test(key) ? null : reuse.entries().get(key.source());
            if (done != null && done.data() != null && done.data().isArray() && done.data().size() == width) {
                double[] v = new double[width];
                for (int i = 0; i < width; i++) {
                    v[i] = done.data().get(i).asDouble();
                }
                return new Item(in.source(), v, null, key, false);
            }
            try {
                SummaryFeature.Result r = SummaryFeature.of(decoder, file, sr, nMfcc);
                if (r.failure() != null) {
                    return new Item(in.source(), null, r.failure(), key, true);
                }
                return new Item(in.source(), r.values(), null, key, true);
            } catch (RuntimeException e) {
                return new Item(in.source(), null, OutputFiles.describe(file, e), key, true);
            }
        }
    }

    /** The column names for {@code nMfcc} coefficients and {@code k} components (0: none). */
    public static List<String> columns(int nMfcc, int k) {
        List<String> c = new ArrayList<>(List.of("folder", "file"));
        for (int i = 1; i <= nMfcc; i++) {
            c.add("mfcc_" + i);
        }
        c.add("spectral_centroid");
        c.add("zero_crossing_rate");
        for (int i = 1; i <= k; i++) {
            c.add("pc_" + i);
        }
        return c;
    }

    private static List<SummaryResult.Row> rows(List<String> sources, List<double[]> values, Pca.Result pca) {
        List<SummaryResult.Row> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String s = sources.get(i);
            int slash = s.indexOf('/');
            double[] v = values.get(i);
            double[] all = pca == null ? v : java.util.Arrays.copyOf(v, v.length + pca.k());
            if (pca != null) {
                System.arraycopy(pca.scores()[i], 0, all, v.length, pca.k());
            }
            out.add(new SummaryResult.Row(s.substring(0, slash), s.substring(slash + 1), all));
        }
        return out;
    }

    /** The report's text: a header of {@link SummaryResult#columns()} and one row per file, numbers with {@link Double#toString}. */
    public static String csv(SummaryResult r) {
        List<List<?>> rows = new ArrayList<>(r.rows().size());
        for (SummaryResult.Row sr : r.rows()) {
            List<Object> row = new ArrayList<>(sr.size() + 2);
            row.add(sr.folder());
            row.add(sr.file());
            for (int c = 0; c < sr.size(); c++) {
                row.add(Double.toString(sr.value(c)));
            }
            rows.add(row);
        }
        return Csv.text(r.columns(), rows);
    }

    /** Writes the report ({@link #csv}), its failures and manifest sidecars (naming {@code engine} when one was given). */
    private static void write(SummaryResult r, BatchRun run, Engine engine) {
        org.melkit.io.AtomicFiles.writeIfChanged(run.output(), csv(r));
        Failures f = new Failures();
        f.addAll(r.failures());
        Manifest m = run.manifest();
        if (engine != null) {
            m.engine(engine.describe());
        }
        r.inputHashes().forEach(m::input);
        m.count("inputs", r.rows().size() + r.failures().size()).count("outputs", r.rows().size())
                .count("failures", r.failures().size());
        run.finish(m, f);
    }
}
