package org.melkit.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioInfo;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.batch.BatchRun;
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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Row;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Exploratory data analysis of a folder of audio (the {@code melkit eda} command), a recipe over
 * the batch runtime ({@link BatchRun}, single-file shape): one row per audio file with its class,
 * format, duration, rate and channels, and with {@link Params#levels() levels} its peak, peak
 * dBFS and RMS; then the summaries a notebook reader wants ({@link #classSummary},
 * {@link #durationOutliers}, {@link #sampleRateMix}).
 *
 * <p>Inputs are every audio file below the folder ({@link Inputs}: one list of extensions,
 * hidden names skipped, links followed, each real file once, broken links and loops as
 * failures). Duration, rate and channels come from {@link Audio#probe} (headers only; compressed
 * files through ffprobe, about 0.2 s each). Levels decode every sample, streamed in blocks
 * ({@link Audio#stream}), so a recording of any length fits in a small heap; a file holding NaN
 * or Inf samples is then a failure ({@code non-finite samples (N of M)}). Without levels their
 * columns are present but missing (NaN), so the table's shape does not depend on the option.
 *
 * <p>{@link #run} writes the table {@code r.csv} with {@code r.manifest.json},
 * {@code r.failures.csv} and {@code r.journal.jsonl} beside it; a re-run probes only what is new
 * or changed (size, time, SHA-256) and drops the rows of files that are gone. A report is a
 * derived view that is rewritten whole, like pandas' {@code to_csv}: run with other parameters,
 * it is replaced (the result says so) instead of refused, still reusing each unchanged file's
 * header data (and its levels, when they are still wanted); another input folder is still refused
 * unless {@link #withOverwrite overwrite}. Output is identical for any job count.
 *
 * <pre>{@code
 * Eda.Result scan = Eda.scan(Path.of("data/raw"));                                  // in memory, headers only
 * Eda.Result r = Eda.of(Eda.Params.DEFAULT.withLevels(true)).withJobs(2).run(root, Path.of("eda.csv"));
 * Eda.classSummary(r.table());                                                       // per-class counts and durations
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class Eda {
    static final String COMMAND = "eda";
    private static final int BLOCK_FRAMES = 1 << 16;

    /** Column names of {@link Result#table()}, in order. */
    public static final List<String> COLUMNS = List.of("class", "filename", "path", "format", "duration", "sample_rate", "channels",
            "peak", "peak_dbfs", "rms");

    /**
     * What an EDA computes.
     *
     * @param classFrom how a file's class is read from its folders ({@link ClassFrom#PARENT} by default)
     * @param levels also decode every file for peak, peak dBFS and RMS (a full decode, streamed)
     */
    public record Params(ClassFrom classFrom, boolean levels) {
        /** Class = parent folder, headers only. */
        public static final Params DEFAULT = new Params(ClassFrom.PARENT, false);

        public Params {
            if (classFrom == null) {
                throw new IllegalArgumentException("classFrom=null; use ClassFrom.PARENT or ClassFrom.FIRST_LEVEL");
            }
        }

        public Params withClassFrom(ClassFrom v) { return new Params(v, levels); }

        public Params withLevels(boolean v) { return new Params(classFrom, v); }

        /** The parameters under their CLI/JSON names, for the manifest. */
        Map<String, Object> toMap() {
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("class_from", classFrom == ClassFrom.PARENT ? "parent" : "first");
            m.put("levels", levels);
            return m;
        }
    }

    /**
     * What a scan or run found.
     *
     * @param table one row per readable audio file, columns {@link #COLUMNS}, sorted by path
     * @param failures audio files (and broken links) that could not be read, by relative path, with the reason
     * @param ignored files that are not audio (by extension), by relative path
     * @param reused rows taken from the journal of an earlier run (0 in memory)
     * @param vanished files of the earlier report that are gone (their rows are removed)
     * @param replaced the parameters of an earlier report that this run replaced, or null
     */
    public record Result(Table table, Map<String, String> failures, List<String> ignored, int reused, List<String> vanished,
                         String replaced) {
        public Result {
            failures = Collections.unmodifiableMap(new TreeMap<>(failures));
            ignored = List.copyOf(ignored);
            vanished = List.copyOf(vanished);
        }

        /** Per class: files and duration statistics ({@link Eda#classSummary}). */
        public Table classSummary() { return Eda.classSummary(table); }

        /** Files per sample rate ({@link Eda#sampleRateMix}). */
        public Table sampleRateMix() { return Eda.sampleRateMix(table); }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "Eda.Result[%d audio files, %d classes, %.1f s in total, "
                    + "%d failed, %d not audio%s]", table.rowCount(), table.stringColumn("class").countUnique(),
                    table.doubleColumn("duration").sum(), failures.size(), ignored.size(), reused > 0 ? ", " + reused + " reused" : ""));
            failures.forEach((k, v) -> sb.append("\n  failed: ").append(k).append(": ").append(v));
            if (!vanished.isEmpty()) {
                sb.append("\n  gone since the last run, rows removed: ").append(String.join(", ", vanished));
            }
            if (replaced != null) {
                sb.append("\n  replaced the report made with other parameters (").append(replaced).append(')');
            }
            return sb.toString();
        }
    }

    private final Params params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;

    private Eda(Params params, int jobs, boolean overwrite, Progress progress) {
        this.params = Objects.requireNonNull(params, "params");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** An EDA with {@code params}, all cores, no overwrite, no progress display. */
    public static Eda of(Params params) {
        return new Eda(params, 0, false, Progress.none());
    }

    /** One call, in memory, with the defaults: {@code of(Params.DEFAULT).compute(root)}. */
    public static Result scan(Path root) {
        return of(Params.DEFAULT).compute(root);
    }

    /** One call writing the report, with the defaults: {@code of(Params.DEFAULT).run(input, csv)}. */
    public static Result report(Path input, Path csv) {
        return of(Params.DEFAULT).run(input, csv);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public Eda withJobs(int v) { return new Eda(params, v, overwrite, progress); }

    /** Replace a report made from another input folder. */
    public Eda withOverwrite(boolean v) { return new Eda(params, jobs, v, progress); }

    public Eda withProgress(Progress v) { return new Eda(params, jobs, overwrite, v); }

    public Params params() { return params; }

    /** The table of {@code input} in memory, writing nothing (no resume). */
    public Result compute(Path input) {
        Found f = find(input);
        return compute(f, null);
    }

    /**
     * Writes the table of {@code input} to the CSV {@code csv} (and its sidecars), reusing the
     * rows of unchanged files from an earlier run.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing touched): the report
     *     inside the input, no audio, a report of another input without overwrite, another run
     *     on the same report, a file there that melkit did not write
     * @throws IllegalArgumentException if {@code input} is not a folder
     */
    public Result run(Path input, Path csv) {
        Found f = find(input);
        Manifest.Recorded before = Manifest.read(BatchRun.sidecar(csv.toAbsolutePath(), "manifest.json"));
        boolean otherParameters = before != null && !before.sameJob(COMMAND, params.toMap()) && sameInput(before, input);
        if (otherParameters && before.parameters() != null) {
            // what each file's row holds does not depend on class_from, and levels can be dropped: reuse what is still true
            @SuppressWarnings("unchecked")
            Map<String, Object> old = (Map<String, Object>) Json.toJava(before.parameters());
            Journal.open(BatchRun.sidecar(csv.toAbsolutePath(), "journal.jsonl"), Journal.fingerprint(COMMAND, old)).entries()
                    .forEach(e -> f.earlier.put(e.source(), e));
        }
        BatchRun.Spec spec = BatchRun.Spec.file(COMMAND, params.toMap(), overwrite || otherParameters);
        try (BatchRun run = BatchRun.open(spec, f.audio, csv)) {
            Result r = compute(f, run);
            List<List<?>> rows = csvRows(r.table());
            Csv.writeIfChanged(run.output(), COLUMNS, rows);
            Failures failures = new Failures();
            failures.addAll(r.failures());
            Manifest m = run.manifest();
            f.hashes.forEach(m::input);
            m.count("inputs", r.table().rowCount() + r.failures().size()).count("outputs", r.table().rowCount())
                    .count("failures", r.failures().size());
            BatchRun.Summary s = run.finish(m, failures);
            return new Result(r.table(), r.failures(), r.ignored(), r.reused(), s.vanished(),
                    otherParameters ? before.parametersText() : null);
        }
    }

    private static boolean sameInput(Manifest.Recorded before, Path input) {
        try {
            return before.input() == null || before.input().equals(input.toRealPath().toString());
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /**
     * The inputs: every audio file (and broken link) below the folder, and the names of the files
     * that are not audio; a run fills in each input's hash, and the journal entries of a report
     * made with other parameters that it replaces.
     */
    private record Found(Inputs audio, List<String> ignored, Map<String, String> hashes, Map<String, Journal.Entry> earlier) {}

    private static Found find(Path input) {
        Inputs all = Inputs.scan(input, 0, rel -> true);
        List<Inputs.Input> audio = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Inputs.Input in : all.files()) {
            if (AudioFiles.isAudio(in.source())) {
                audio.add(in);
            } else {
                ignored.add(in.source());
            }
        }
        return new Found(new Inputs(input, audio, all.broken()), ignored, Collections.synchronizedMap(new TreeMap<>()), new java.util.HashMap<>());
    }

    /** One file's row, or why it has none. */
    private record Item(String source, String format, double duration, int rate, int channels, double peak, double rms,
                        String error, boolean reused) {
        JsonNode toJson() {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("format", format);
            putFinite(n, "duration", duration);
            n.put("sample_rate", rate).put("channels", channels);
            putFinite(n, "peak", peak);
            putFinite(n, "rms", rms);
            return n;
        }

        static Item of(String source, JsonNode n) {
            return new Item(source, n.path("format").asText(), finite(n, "duration"), n.path("sample_rate").asInt(),
                    n.path("channels").asInt(), finite(n, "peak"), finite(n, "rms"), null, true);
        }

        private static void putFinite(ObjectNode n, String k, double v) {
            if (Double.isNaN(v)) {
                n.putNull(k);
            } else {
                n.put(k, v);
            }
        }

        private static double finite(JsonNode n, String k) {
            return n.hasNonNull(k) ? n.get(k).asDouble() : Double.NaN;
        }
    }

    private Result compute(Found f, BatchRun run) {
        List<Inputs.Input> sources = f.audio.files();
        Path root = f.audio.root();
        List<BatchRun.Outcome<Item>> items = BatchRun.map(sources, jobs, progress, COMMAND, Inputs.Input::source, in -> {
            Journal.Key key = run == null ? null : Journal.Key.of(in.source(), in.file());
            if (key != null) {
                f.hashes.put(in.source(), key.sha256());
                Journal.Entry done = run.reusable(key);
                if (done != null && done.data() != null) {
                    return Item.of(in.source(), done.data());
                }
                Journal.Entry old = f.earlier.get(in.source());
                if (old != null && old.data() != null && old.matches(key, old.parameters()) && (!params.levels() || old.data().hasNonNull("peak"))) {
                    Item it = Item.of(in.source(), old.data());
                    it = params.levels() ? it : new Item(it.source, it.format, it.duration, it.rate, it.channels, Double.NaN, Double.NaN, null, true);
                    run.record(key, List.of(), it.toJson());
                    return it;
                }
            }
            Item it = inspect(root, in);
            if (key != null && it.error == null) {
                run.record(key, List.of(), it.toJson());
            }
            return it;
        });
        Map<String, String> failures = new TreeMap<>(f.audio.broken());
        StringColumn cls = StringColumn.create("class");
        StringColumn filename = StringColumn.create("filename");
        StringColumn path = StringColumn.create("path");
        StringColumn format = StringColumn.create("format");
        DoubleColumn duration = DoubleColumn.create("duration");
        IntColumn rate = IntColumn.create("sample_rate");
        IntColumn channels = IntColumn.create("channels");
        DoubleColumn peak = DoubleColumn.create("peak");
        DoubleColumn peakDb = DoubleColumn.create("peak_dbfs");
        DoubleColumn rms = DoubleColumn.create("rms");
        int reused = 0;
        for (int i = 0; i < sources.size(); i++) {
            BatchRun.Outcome<Item> o = items.get(i);
            Item r = o.isOk() ? o.value() : null;
            if (r == null || r.error != null) {
                failures.put(sources.get(i).source(), r == null ? o.error() : r.error);
                continue;
            }
            reused += r.reused ? 1 : 0;
            cls.append(params.classFrom().classOf(r.source));
            filename.append(AudioFiles.fileName(r.source));
            path.append(r.source);
            format.append(r.format);
            duration.append(r.duration);
            rate.append(r.rate);
            channels.append(r.channels);
            peak.append(r.peak);
            peakDb.append(r.peak > 0 ? 20 * Math.log10(r.peak) : Double.isNaN(r.peak) ? Double.NaN : Double.NEGATIVE_INFINITY);
            rms.append(r.rms);
        }
        Table t = Table.create("eda: " + root.getFileName(), cls, filename, path, format, duration, rate, channels, peak, peakDb, rms);
        return new Result(t, failures, f.ignored, reused, List.of(), null);
    }

    /** Probes one file, and with levels streams its samples for peak and RMS. */
    private Item inspect(Path root, Inputs.Input in) {
        try {
            AudioInfo info = Audio.probe(in.file());
            String format = info.format() == null || info.format().isEmpty() ? AudioFiles.extension(in.source()) : info.format();
            double peak = Double.NaN;
            double rms = Double.NaN;
            if (params.levels()) {
                double[][] sums = {null}; // per channel, sized by the decoder's channel count
                double[] p = {0};
                long[] bad = {0};
                AudioInfo streamed = Audio.stream(in.file(), BLOCK_FRAMES, block -> {
                    if (sums[0] == null) {
                        sums[0] = new double[block.length];
                    }
                    for (int c = 0; c < block.length; c++) {
                        double s = sums[0][c];
                        for (float v : block[c]) {
                            if (!Float.isFinite(v)) {
                                bad[0]++;
                            }
                            s += (double) v * v;
                            p[0] = Math.max(p[0], Math.abs(v));
                        }
                        sums[0][c] = s;
                    }
                });
                long n = streamed.frames() * streamed.channels();
                if (bad[0] > 0) {
                    return failed(in.source(), "non-finite samples (" + bad[0] + " of " + n + ")");
                }
                peak = p[0];
                rms = n == 0 ? 0.0 : Math.sqrt(Arrays.stream(sums[0]).sum() / n);
            }
            return new Item(in.source(), format, info.durationSeconds(), info.sampleRate(), info.channels(), peak, rms, null, false);
        } catch (RuntimeException e) {
            return failed(in.source(), OutputFiles.relativeTo(root, e));
        }
    }

    private static Item failed(String source, String error) {
        return new Item(source, null, Double.NaN, 0, 0, Double.NaN, Double.NaN, error, false);
    }


    /**
     * Per class (code-point order): {@code class, files, total_s, min_s, mean_s, median_s, max_s}
     * of the {@code duration} column (median as numpy's: mean of the middle two for an even count).
     */
    public static Table classSummary(Table files) {
        Map<String, List<Double>> by = new TreeMap<>();
        StringColumn cls = files.stringColumn("class");
        DoubleColumn dur = files.doubleColumn("duration");
        for (int i = 0; i < files.rowCount(); i++) {
            by.computeIfAbsent(cls.get(i), k -> new ArrayList<>()).add(dur.get(i));
        }
        StringColumn c = StringColumn.create("class");
        IntColumn n = IntColumn.create("files");
        DoubleColumn total = DoubleColumn.create("total_s");
        DoubleColumn min = DoubleColumn.create("min_s");
        DoubleColumn mean = DoubleColumn.create("mean_s");
        DoubleColumn median = DoubleColumn.create("median_s");
        DoubleColumn max = DoubleColumn.create("max_s");
        by.forEach((k, v) -> {
            double[] d = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            double s = Arrays.stream(d).sum();
            c.append(k);
            n.append(d.length);
            total.append(s);
            min.append(d[0]);
            mean.append(s / d.length);
            median.append(d.length % 2 == 1 ? d[d.length / 2] : (d[d.length / 2 - 1] + d[d.length / 2]) / 2);
            max.append(d[d.length - 1]);
        });
        return Table.create("duration by class", c, n, total, min, mean, median, max);
    }

    /**
     * The rows of {@code files} with {@code duration < minSeconds} or {@code > maxSeconds}, with an
     * {@code issue} column ({@code too short} / {@code too long}); {@code null} bound = no limit.
     */
    public static Table durationOutliers(Table files, Double minSeconds, Double maxSeconds) {
        if (minSeconds != null && maxSeconds != null && minSeconds > maxSeconds) {
            throw new IllegalArgumentException("minSeconds=" + minSeconds + " > maxSeconds=" + maxSeconds + "; the lower bound must not exceed the upper");
        }
        DoubleColumn dur = files.doubleColumn("duration");
        Table out = files.emptyCopy();
        out.setName("duration outliers");
        StringColumn issue = StringColumn.create("issue");
        for (int i = 0; i < files.rowCount(); i++) {
            double d = dur.get(i);
            String why = minSeconds != null && d < minSeconds ? "too short" : maxSeconds != null && d > maxSeconds ? "too long" : null;
            if (why != null) {
                out.addRow(i, files);
                issue.append(why);
            }
        }
        return out.addColumns(issue);
    }

    /** {@code sample_rate, files, fraction}: how many files have each rate, by rate. */
    public static Table sampleRateMix(Table files) {
        Map<Integer, Integer> counts = new TreeMap<>();
        for (int sr : files.intColumn("sample_rate")) {
            counts.merge(sr, 1, Integer::sum);
        }
        IntColumn rate = IntColumn.create("sample_rate");
        IntColumn n = IntColumn.create("files");
        DoubleColumn frac = DoubleColumn.create("fraction");
        counts.forEach((k, v) -> {
            rate.append(k);
            n.append(v);
            frac.append((double) v / files.rowCount());
        });
        return Table.create("sample rates", rate, n, frac);
    }

    /**
     * Writes any table as RFC 4180 CSV (temporary name, then renamed): missing numbers as empty
     * fields, infinities as {@code inf}/{@code -inf} (what numpy and pandas read).
     */
    public static void writeCsv(Table t, Path csv) {
        Csv.write(csv, t.columnNames(), csvRows(t));
    }

    private static List<List<?>> csvRows(Table t) {
        List<List<?>> rows = new ArrayList<>(t.rowCount());
        for (Row row : t) {
            List<Object> vals = new ArrayList<>(t.columnCount());
            for (int c = 0; c < t.columnCount(); c++) {
                Column<?> col = t.column(c);
                if (col instanceof DoubleColumn dc) {
                    double v = dc.getDouble(row.getRowNumber());
                    vals.add(Double.isNaN(v) ? "" : Double.isInfinite(v) ? (v > 0 ? "inf" : "-inf") : Double.toString(v));
                } else {
                    vals.add(col.isMissing(row.getRowNumber()) ? "" : col.getString(row.getRowNumber()));
                }
            }
            rows.add(vals);
        }
        return rows;
    }

    /** Counts of each value of a string column, e.g. {@code valueCounts(table, "format")}. */
    public static Map<String, Integer> valueCounts(Table t, String column) {
        Map<String, Integer> m = new TreeMap<>();
        Column<?> col = t.column(column);
        for (int i = 0; i < t.rowCount(); i++) {
            m.merge(col.getString(i), 1, Integer::sum);
        }
        return m;
    }
}
