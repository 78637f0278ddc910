package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import com.fasterxml.jackson.databind.JsonNode;
import org.melkit.batch.AudioDecoder;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.BatchRun;
import org.melkit.batch.Inputs;
import org.melkit.batch.Journal;
import org.melkit.batch.RefusedRunException;
import org.melkit.io.CsvFormatException;
import org.melkit.io.Json;
import org.melkit.ml.OneHot;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.FfmpegBatchDecoder;
import org.melkit.audio.LoadOptions;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.Parallel;
import org.melkit.features.Recipes;
import org.melkit.io.Npy;
import org.melkit.io.NpyStreamWriter;
import org.melkit.batch.Progress;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.io.Csv;
import org.melkit.io.AtomicFiles;

/**
 * MELD-aligned audio splits (the {@code melkit meld} command): per CSV row, in CSV order or the
 * order of an order file, the clip's {@code recipe_b} spectrogram, one-hot emotion and sentiment
 * labels, and an index saying which clip each row came from and whether it could be read.
 *
 * <pre>{@code
 * MeldResult r = Meld.build(Path.of("MELD.Raw"), Path.of("meld-out"));   // one notebook cell
 * r.split(MeldSplit.TRAIN).ids()                                         // Tablesaw index
 * }</pre>
 *
 * <p>Outputs in the output folder, per split {@code s} of train, val, test:
 * {@code X_audio_s.npy} float32 (N, n_mels, frames, 1); {@code y_emotion_s.npy} float32 (N, 7)
 * in {@link MeldCsv#EMOTIONS} order; {@code y_sentiment_s.npy} float32 (N, 3) in
 * {@link MeldCsv#SENTIMENTS} order; {@code ids_s.csv}
 * ({@code row,dialogue_id,utterance_id,file,status,emotion,sentiment}); and once
 * {@code report.json} (counts per split and status), {@code failures.csv} ({@code source,error},
 * source {@code split:file}, one row per non-ok row) and {@code manifest.json}.
 *
 * <p>A missing, corrupt or audio-less clip gives an all-zero spectrogram row, so X stays aligned
 * with the CSV, and is never silent: its status is in the index, the report and failures.csv.
 * Spectrograms are streamed to disk as they are computed (memory does not grow with N); clips are
 * decoded up to {@link FfmpegBatchDecoder#DEFAULT_BATCH_SIZE} per ffmpeg process, in batches
 * planned so every thread has work to the end of a split ({@link FfmpegBatchDecoder#plan}), and
 * decoding, features and writing overlap ({@link Parallel#pipeline}); output bytes do not depend
 * on the number of threads. A split whose inputs and parameters did
 * not change since it was last completed is not rebuilt (an interrupted run resumes).
 */
public final class Meld {
    static final String COMMAND = "meld";

    /** The ids CSV header. */
    public static final List<String> IDS_HEADER = List.of("row", "dialogue_id", "utterance_id", "file", "status", "emotion", "sentiment");

    private final MeldParams params;
    private final Map<MeldSplit, Path> orderFiles;
    private final int jobs;
    private final int batchSize;
    private final boolean overwrite;
    private final Progress progress;

    private Meld(MeldParams params, Map<MeldSplit, Path> orderFiles, int jobs, int batchSize, boolean overwrite, Progress progress) {
        this.params = Objects.requireNonNull(params, "params");
        this.orderFiles = Map.copyOf(Objects.requireNonNull(orderFiles, "orderFiles"));
        Parallel.checkJobs(jobs);
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be > 0; typical: "
                    + FfmpegBatchDecoder.DEFAULT_BATCH_SIZE + " clips per ffmpeg process");
        }
        this.jobs = jobs;
        this.batchSize = batchSize;
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A MELD build with {@code params}, CSV order, all cores, {@link FfmpegBatchDecoder#DEFAULT_BATCH_SIZE} clips per ffmpeg process. */
    public static Meld of(MeldParams params) {
        return new Meld(params, Map.of(), 0, FfmpegBatchDecoder.DEFAULT_BATCH_SIZE, false, Progress.none());
    }

    /** One call with the defaults: {@code of(MeldParams.DEFAULT).run(root, output)}. */
    public static MeldResult build(Path root, Path output) {
        return of(MeldParams.DEFAULT).run(root, output);
    }

    /** Threads across ffmpeg batches; 0 (the default) for all cores. Output does not depend on it. */
    public Meld withJobs(int v) { return new Meld(params, orderFiles, v, batchSize, overwrite, progress); }

    /** Clips per ffmpeg process (1: one process per clip). */
    public Meld withBatchSize(int v) { return new Meld(params, orderFiles, jobs, v, overwrite, progress); }

    public Meld withProgress(Progress v) { return new Meld(params, orderFiles, jobs, batchSize, overwrite, v); }

    /** Replace an earlier build made with other parameters or from another root (only its own files are removed). */
    public Meld withOverwrite(boolean v) { return new Meld(params, orderFiles, jobs, batchSize, v, progress); }

    /** A CSV of {@code dialogue_id,utterance_id} giving the row order of {@code split} (null: the CSV's order). */
    public Meld withOrderFile(MeldSplit split, Path file) {
        Map<MeldSplit, Path> m = new EnumMap<>(MeldSplit.class);
        m.putAll(orderFiles);
        if (file == null) {
            m.remove(split);
        } else {
            m.put(split, file);
        }
        return new Meld(params, m, jobs, batchSize, overwrite, progress);
    }

    public MeldParams params() { return params; }

    /**
     * The rows of one split as they will be laid out in X: the split's CSV from {@code root}, in
     * file order, or reordered by {@code orderFile} (null for none), which must list every row of
     * the split exactly once.
     *
     * @throws CsvFormatException if a CSV is missing or malformed, or the order file does not match
     */
    public static List<MeldCsv.Row> rows(Path root, MeldSplit split, Path orderFile) {
        List<MeldCsv.Row> rows = MeldCsv.rows(root.resolve(split.csvName()));
        if (orderFile == null) {
            return rows;
        }
        List<MeldCsv.Key> keys = MeldCsv.orderKeys(orderFile);
        Map<MeldCsv.Key, MeldCsv.Row> byKey = new HashMap<>();
        for (MeldCsv.Row r : rows) {
            byKey.put(r.key(), r);
        }
        List<MeldCsv.Row> out = new ArrayList<>(keys.size());
        List<MeldCsv.Key> unknown = new ArrayList<>();
        for (MeldCsv.Key k : keys) {
            MeldCsv.Row r = byKey.remove(k);
            if (r == null) {
                unknown.add(k);
            } else {
                out.add(r);
            }
        }
        if (!unknown.isEmpty() || !byKey.isEmpty()) {
            List<MeldCsv.Key> absent = rows.stream().map(MeldCsv.Row::key).filter(byKey::containsKey).toList();
            throw new CsvFormatException(orderFile, 0, "the order file must list every row of " + split.csvName()
                    + " exactly once: " + unknown.size() + " key(s) not in the CSV" + examples(unknown) + ", "
                    + absent.size() + " CSV row(s) not listed" + examples(absent));
        }
        return out;
    }

    private static String examples(List<MeldCsv.Key> keys) {
        return keys.isEmpty() ? "" : " (e.g. " + keys.subList(0, Math.min(3, keys.size())) + ")";
    }

    /** One clip's {@code recipe_b} spectrogram (n_mels, frames), loaded with {@link Audio#load}. */
    public static FloatMatrix spectrogram(Path clip, MeldParams p) {
        return features(Audio.load(clip, loadOptions(p)).samples(), p);
    }

    static LoadOptions loadOptions(MeldParams p) {
        return LoadOptions.atRate(p.sr()).withDuration(p.duration());
    }

    static FloatMatrix features(float[] y, MeldParams p) {
        return Recipes.melMinMax(y, p.sr(), p.duration(), p.nFft(), p.hopLength(), p.nMels(), p.frames());
    }

    /** The parameters under their CLI/JSON names, for the manifest (order files as given). */
    private Map<String, Object> parameterMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sr", params.sr());
        m.put("duration", params.duration());
        m.put("n_fft", params.nFft());
        m.put("hop_length", params.hopLength());
        m.put("n_mels", params.nMels());
        m.put("frames", params.frames());
        for (MeldSplit s : MeldSplit.values()) {
            Path order = orderFiles.get(s);
            m.put("order_" + s.id(), order == null ? null : order.toString());
        }
        return m;
    }

    /**
     * Builds all three splits from the MELD folder {@code root} into {@code output}, on the batch
     * runtime ({@link BatchRun}): output and root must not lie inside one another; another
     * build's parameters or root are refused unless overwrite; one run per output; a split whose
     * CSV, order file, clips (size and time) and parameters are unchanged since it was completed
     * is not rebuilt.
     *
     * @throws CsvFormatException (an {@link IllegalArgumentException}) before anything is written if
     *         a CSV or order file is missing or malformed
     * @throws RefusedRunException when a batch rule refuses the run (nothing touched)
     */
    public MeldResult run(Path root, Path output) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("root=" + root + " is not a folder; give the MELD.Raw folder holding "
                    + MeldSplit.TRAIN.csvName() + ", " + MeldSplit.VAL.csvName() + " and " + MeldSplit.TEST.csvName());
        }
        // read and validate every CSV before touching anything
        Map<MeldSplit, List<MeldCsv.Row>> rows = new EnumMap<>(MeldSplit.class);
        for (MeldSplit s : MeldSplit.values()) {
            rows.put(s, rows(root, s, orderFiles.get(s)));
        }
        // the CSVs and the clips are the inputs: a root holding the three CSVs is never "empty"
        Inputs inputs = Inputs.scan(root, 0, rel -> AudioFiles.isAudio(rel) || rel.endsWith(".csv"));
        List<String> owned = new ArrayList<>(List.of("report.json"));
        for (MeldSplit s : MeldSplit.values()) {
            for (String prefix : List.of("X_audio", "y_emotion", "y_sentiment")) {
                owned.add(prefix + "_" + s.id() + ".npy");
            }
            owned.add("ids_" + s.id() + ".csv");
        }
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, parameterMap(), overwrite, owned.toArray(new String[0]));
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            Map<MeldSplit, Path> folders = MeldSplit.findClipFolders(root);
            Manifest manifest = run.manifest();
            for (MeldSplit s : MeldSplit.values()) {
                Path order = orderFiles.get(s);
                manifest.input(s.csvName(), Manifest.sha256(root.resolve(s.csvName())));
                if (order != null) {
                    manifest.input("order_" + s.id() + ":" + order.getFileName(), Manifest.sha256(order));
                }
            }
            Map<MeldSplit, MeldResult.Split> results = new EnumMap<>(MeldSplit.class);
            Failures failures = new Failures();
            for (MeldSplit s : MeldSplit.values()) {
                MeldResult.Split r = new SplitBuild(run, root, run.folder(), s, rows.get(s), folders.get(s)).run(manifest, failures);
                results.put(s, r);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            long inputCount = 0;
            long ok = 0;
            for (MeldSplit s : MeldSplit.values()) {
                report.put(s.id(), results.get(s).counts());
                inputCount += results.get(s).rows();
                ok += results.get(s).count(MeldStatus.OK);
            }
            Json.writeIfChanged(run.folder().resolve("report.json"), report);
            manifest.count("inputs", inputCount).count("outputs", ok).count("failures", failures.count());
            run.finish(manifest, failures);
            return new MeldResult(output, results, failures.asMap());
        }
    }

    /** One split's build: streaming X, labels, ids, and its journal entry. */
    private final class SplitBuild {
        private final BatchRun run;
        private final Path root;
        private final Path out;
        private final MeldSplit split;
        private final List<MeldCsv.Row> rows;
        private final Path folder;

        SplitBuild(BatchRun run, Path root, Path out, MeldSplit split, List<MeldCsv.Row> rows, Path folder) {
            this.run = run;
            this.root = root;
            this.out = out;
            this.split = split;
            this.rows = rows;
            this.folder = folder;
        }

        private Path file(String prefix, String ext) {
            return out.resolve(prefix + "_" + split.id() + ext);
        }

        /** The split's outputs, relative to the output folder (what its journal entry lists). */
        private List<String> outputs() {
            return List.of("X_audio_" + split.id() + ".npy", "y_emotion_" + split.id() + ".npy", "y_sentiment_" + split.id() + ".npy",
                    "ids_" + split.id() + ".csv");
        }

        /** The clip of each row (null when missing), and the ids CSV's file field. */
        private Path clip(MeldCsv.Row r) {
            if (folder == null) {
                return null;
            }
            Path p = folder.resolve(r.clipName());
            return Files.isRegularFile(p) ? p : null;
        }

        MeldResult.Split run(Manifest manifest, Failures failures) {
            String fingerprint = fingerprint();
            Journal.Key key = Journal.Key.of(split.csvName(), root.resolve(split.csvName()));
            Journal.Entry previous = run.reusable(key);
            if (previous != null && previous.data() != null && fingerprint.equals(previous.data().path("fingerprint").asText())) {
                return resume(previous.data(), manifest, failures);
            }
            int n = rows.size();
            int[] shape = {params.nMels(), params.frames(), 1};
            float[] zero = new float[params.nMels() * params.frames()];
            Map<MeldStatus, Integer> counts = new EnumMap<>(MeldStatus.class);
            Failures splitFailures = new Failures();
            Map<String, String> hashes = new java.util.TreeMap<>();
            List<MeldResult.IdRow> ids = new ArrayList<>(n);
            progress.start("meld " + split.id(), n);
            int batch = batchSize;
            int threads = Parallel.resolve(jobs);
            FfmpegBatchDecoder decoder = FfmpegBatchDecoder.of(batch);
            NpyStreamWriter x = new NpyStreamWriter(file("X_audio", ".npy"), shape);
            boolean finished = false;
            try {
                // batches sized so both cores have work to the end; decoding (ffmpeg processes),
                // features and writing overlap, and rows are written in row order
                List<List<Integer>> batches = new ArrayList<>();
                int from = 0;
                for (int size : decoder.plan(n, threads)) {
                    List<Integer> idx = new ArrayList<>(size);
                    for (int i = from; i < from + size; i++) {
                        idx.add(i);
                    }
                    batches.add(idx);
                    from += size;
                }
                Parallel.pipeline(batches, threads, idx -> decode(idx, decoder), this::featurise, list -> {
                    for (RowResult rr : list) {
                        MeldCsv.Row r = rows.get(rr.index);
                        x.write(rr.features == null ? zero : rr.features);
                        String fileField = rr.clip == null ? r.clipName() : FileWalk.relative(root, rr.clip);
                        ids.add(idRow(rr.index, r, fileField, rr.status));
                        counts.merge(rr.status, 1, Integer::sum);
                        if (rr.status != MeldStatus.OK) {
                            splitFailures.add(split.id() + ":" + fileField, rr.status.text() + ": " + rr.error);
                        }
                        if (rr.sha256 != null) {
                            hashes.put(fileField, rr.sha256);
                        }
                        progress.step(fileField);
                    }
                });
                writeLabels();
                finished = true;
            } finally {
                if (finished) {
                    x.close();
                } else {
                    x.abort();
                }
                progress.done();
            }
            Csv.write(file("ids", ".csv"), IDS_HEADER, ids.stream().map(MeldResult.IdRow::values).toList());
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("fingerprint", fingerprint);
            state.put("failures", splitFailures.asMap());
            state.put("inputs", hashes);
            run.record(key, outputs(), Json.MAPPER.valueToTree(state));
            splitFailures.asMap().forEach(failures::add);
            hashes.forEach(manifest::input);
            return new MeldResult.Split(split, ids, countsMap(n, counts), file("X_audio", ".npy"), false);
        }

        private record RowResult(int index, Path clip, MeldStatus status, float[] features, String error, String sha256) {}

        /** Decodes the clips of rows {@code idx} (one ffmpeg process for them all), in row order, skipping missing clips. */
        private List<FfmpegBatchDecoder.Loaded> decode(List<Integer> idx, FfmpegBatchDecoder decoder) {
            List<Path> clips = new ArrayList<>();
            for (int i : idx) {
                Path c = clip(rows.get(i));
                if (c != null) {
                    clips.add(c);
                }
            }
            return decoder.load(clips, loadOptions(params));
        }

        /** The rows {@code idx}'s outcomes from their decoded clips ({@link #decode}). */
        private List<RowResult> featurise(List<Integer> idx, List<FfmpegBatchDecoder.Loaded> loaded) {
            List<RowResult> out = new ArrayList<>(idx.size());
            int k = 0;
            for (int i : idx) {
                Path c = clip(rows.get(i));
                if (c == null) {
                    String where = folder == null ? "no folder named " + split.clipFolderName() + " below " + root
                            : "no such file in " + FileWalk.relative(root, folder);
                    out.add(new RowResult(i, null, MeldStatus.MISSING, null, where, null));
                    continue;
                }
                FfmpegBatchDecoder.Loaded l = loaded.get(k++);
                String sha = Manifest.sha256(c);
                if (!l.isOk()) {
                    MeldStatus st = l.noAudioStream() ? MeldStatus.NO_AUDIO : MeldStatus.CORRUPT;
                    out.add(new RowResult(i, c, st, null, Failures.describe(l.error()), sha));
                    continue;
                }
                AudioClip clip = l.clip();
                if (clip.length() == 0) {
                    out.add(new RowResult(i, c, MeldStatus.CORRUPT, null,
                            "the audio stream decodes to 0 samples (librosa would give an all-zero spectrogram)", sha));
                    continue;
                }
                String nonFinite = AudioDecoder.nonFinite(clip.samples());
                if (nonFinite != null) {
                    out.add(new RowResult(i, c, MeldStatus.CORRUPT, null, nonFinite, sha));
                    continue;
                }
                try {
                    out.add(new RowResult(i, c, MeldStatus.OK, features(clip.samples(), params).toArray(), null, sha));
                } catch (RuntimeException e) {
                    out.add(new RowResult(i, c, MeldStatus.CORRUPT, null, "features failed: " + Failures.describe(e), sha));
                }
            }
            return out;
        }

        private void writeLabels() {
            int n = rows.size();
            int[] emotion = new int[n];
            int[] sentiment = new int[n];
            for (int i = 0; i < n; i++) {
                emotion[i] = rows.get(i).emotionIndex();
                sentiment[i] = rows.get(i).sentimentIndex();
            }
            Npy.write(file("y_emotion", ".npy"), OneHot.of(MeldCsv.EMOTIONS.size()).encode(emotion), n, MeldCsv.EMOTIONS.size());
            Npy.write(file("y_sentiment", ".npy"), OneHot.of(MeldCsv.SENTIMENTS.size()).encode(sentiment), n, MeldCsv.SENTIMENTS.size());
        }

        /** Parameters, CSV and order-file bytes, the clip folder, and each row clip's size and mtime. */
        private String fingerprint() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                StringBuilder sb = new StringBuilder();
                sb.append(params).append('\n');
                sb.append(Manifest.sha256(root.resolve(split.csvName()))).append('\n');
                Path order = orderFiles.get(split);
                sb.append(order == null ? "no order" : Manifest.sha256(order)).append('\n');
                sb.append(folder == null ? "no folder" : FileWalk.relative(root, folder)).append('\n');
                md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
                for (MeldCsv.Row r : rows) {
                    Path c = clip(r);
                    String s = r.clipName();
                    if (c != null) {
                        BasicFileAttributes a = Files.readAttributes(c, BasicFileAttributes.class);
                        s += " " + a.size() + " " + a.lastModifiedTime().toMillis();
                    }
                    md.update((s + "\n").getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(md.digest());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read clip attributes below " + root + ": " + e.getMessage(), e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A completed split: read its index back, failures and hashes from its journal entry, instead of decoding again. */
        private MeldResult.Split resume(JsonNode state, Manifest manifest, Failures failures) {
            List<MeldResult.IdRow> ids = new ArrayList<>(rows.size());
            Map<MeldStatus, Integer> counts = new EnumMap<>(MeldStatus.class);
            List<List<String>> recs = Csv.read(file("ids", ".csv"));
            for (List<String> f : recs.subList(1, recs.size())) {
                int i = Integer.parseInt(f.get(0));
                MeldStatus st = MeldStatus.parse(f.get(4));
                ids.add(idRow(i, rows.get(i), f.get(3), st));
                counts.merge(st, 1, Integer::sum);
            }
            state.path("failures").fields().forEachRemaining(e -> failures.add(e.getKey(), e.getValue().asText()));
            state.path("inputs").fields().forEachRemaining(e -> manifest.input(e.getKey(), e.getValue().asText()));
            progress.start("meld " + split.id() + " (complete, resumed)", 0);
            progress.done();
            return new MeldResult.Split(split, ids, countsMap(rows.size(), counts), file("X_audio", ".npy"), true);
        }
    }

    private static Map<String, Integer> countsMap(int rows, Map<MeldStatus, Integer> counts) {
        Map<String, Integer> m = new LinkedHashMap<>();
        m.put("rows", rows);
        for (MeldStatus s : MeldStatus.values()) {
            m.put(s.text(), counts.getOrDefault(s, 0));
        }
        return m;
    }

    private static MeldResult.IdRow idRow(int row, MeldCsv.Row r, String file, MeldStatus status) {
        return new MeldResult.IdRow(row, r.dialogueId(), r.utteranceId(), file, status, r.emotion(), r.sentiment());
    }
}
