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
    private Meld() {}

    /** The ids CSV header. */
    public static final List<String> IDS_HEADER = List.of("row", "dialogue_id", "utterance_id", "file", "status", "emotion", "sentiment");

    /**
     * How a build runs (not what it computes): order files per split, threads, files per ffmpeg
     * process, and a progress listener.
     *
     * @param orderFiles per split, a CSV of {@code dialogue_id,utterance_id} giving the row order
     * @param jobs threads (0: all cores)
     * @param batchSize clips per ffmpeg process (1: one process per clip)
     * @param progress progress listener ({@link Progress#none()} for quiet)
     */
    public record Options(Map<MeldSplit, Path> orderFiles, int jobs, int batchSize, Progress progress) {
        public static final Options DEFAULT = new Options(Map.of(), 0, FfmpegBatchDecoder.DEFAULT_BATCH_SIZE, Progress.none());

        public Options {
            orderFiles = Map.copyOf(Objects.requireNonNull(orderFiles, "orderFiles"));
            if (jobs < 0) {
                throw new IllegalArgumentException("jobs=" + jobs + " must be >= 0 (0: all cores)");
            }
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize=" + batchSize + " must be > 0; typical: "
                        + FfmpegBatchDecoder.DEFAULT_BATCH_SIZE + " clips per ffmpeg process");
            }
            Objects.requireNonNull(progress, "progress");
        }

        public Options withOrderFile(MeldSplit split, Path file) {
            Map<MeldSplit, Path> m = new EnumMap<>(MeldSplit.class);
            m.putAll(orderFiles);
            if (file == null) {
                m.remove(split);
            } else {
                m.put(split, file);
            }
            return new Options(m, jobs, batchSize, progress);
        }

        public Options withJobs(int jobs) { return new Options(orderFiles, jobs, batchSize, progress); }

        public Options withBatchSize(int batchSize) { return new Options(orderFiles, jobs, batchSize, progress); }

        public Options withProgress(Progress progress) { return new Options(orderFiles, jobs, batchSize, progress); }
    }

    /** {@link #build(Path, Path, MeldParams, Options)} with the default parameters and options. */
    public static MeldResult build(Path root, Path output) {
        return build(root, output, MeldParams.DEFAULT, Options.DEFAULT);
    }

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

    /**
     * Builds all three splits into {@code output}.
     *
     * @throws CsvFormatException (an {@link IllegalArgumentException}) before anything is written if
     *         a CSV or order file is missing or malformed
     */
    public static MeldResult build(Path root, Path output, MeldParams params, Options options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("root=" + root + " is not a folder; give the MELD.Raw folder holding "
                    + MeldSplit.TRAIN.csvName() + ", " + MeldSplit.VAL.csvName() + " and " + MeldSplit.TEST.csvName());
        }
        // read and validate every CSV before touching anything
        Map<MeldSplit, List<MeldCsv.Row>> rows = new EnumMap<>(MeldSplit.class);
        for (MeldSplit s : MeldSplit.values()) {
            rows.put(s, rows(root, s, options.orderFiles().get(s)));
        }
        Map<MeldSplit, Path> folders = MeldSplit.findClipFolders(root);
        Manifest manifest = new Manifest("meld")
                .parameter("sr", params.sr()).parameter("duration", params.duration())
                .parameter("n_fft", params.nFft()).parameter("hop_length", params.hopLength())
                .parameter("n_mels", params.nMels()).parameter("frames", params.frames());
        for (MeldSplit s : MeldSplit.values()) {
            Path order = options.orderFiles().get(s);
            manifest.parameter("order_" + s.id(), order == null ? null : order.toString());
            manifest.input(s.csvName(), Manifest.sha256(root.resolve(s.csvName())));
            if (order != null) {
                manifest.input("order_" + s.id() + ":" + order.getFileName(), Manifest.sha256(order));
            }
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output + ": " + e.getMessage(), e);
        }
        Map<MeldSplit, MeldResult.Split> results = new EnumMap<>(MeldSplit.class);
        Failures failures = new Failures();
        for (MeldSplit s : MeldSplit.values()) {
            MeldResult.Split r = new SplitBuild(root, output, s, rows.get(s), folders.get(s), params, options).run(manifest, failures);
            results.put(s, r);
        }
        Map<String, Object> report = new LinkedHashMap<>();
        long inputs = 0;
        long ok = 0;
        for (MeldSplit s : MeldSplit.values()) {
            report.put(s.id(), results.get(s).counts());
            inputs += results.get(s).rows();
            ok += results.get(s).count(MeldStatus.OK);
        }
        Manifest.writeJson(output.resolve("report.json"), report);
        failures.write(output.resolve("failures.csv"));
        manifest.count("inputs", inputs).count("outputs", ok).count("failures", failures.count());
        manifest.write(output);
        return new MeldResult(output, results, failures.asMap());
    }

    /** One split's build: streaming X, labels, ids, resume marker. */
    private static final class SplitBuild {
        private final Path root;
        private final Path out;
        private final MeldSplit split;
        private final List<MeldCsv.Row> rows;
        private final Path folder;
        private final MeldParams params;
        private final Options options;

        SplitBuild(Path root, Path out, MeldSplit split, List<MeldCsv.Row> rows, Path folder, MeldParams params, Options options) {
            this.root = root;
            this.out = out;
            this.split = split;
            this.rows = rows;
            this.folder = folder;
            this.params = params;
            this.options = options;
        }

        private Path file(String prefix, String ext) {
            return out.resolve(prefix + "_" + split.id() + ext);
        }

        private Path marker() { return out.resolve(".meld-" + split.id() + ".done"); }

        private Path failuresState() { return out.resolve(".meld-" + split.id() + ".failures.csv"); }

        private Path inputsState() { return out.resolve(".meld-" + split.id() + ".inputs.csv"); }

        private List<Path> outputs() {
            return List.of(file("X_audio", ".npy"), file("y_emotion", ".npy"), file("y_sentiment", ".npy"), file("ids", ".csv"),
                    failuresState(), inputsState());
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
            if (isDone(fingerprint)) {
                return resume(manifest, failures);
            }
            try {
                Files.deleteIfExists(marker());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + marker() + ": " + e.getMessage(), e);
            }
            int n = rows.size();
            int[] shape = {params.nMels(), params.frames(), 1};
            float[] zero = new float[params.nMels() * params.frames()];
            Map<MeldStatus, Integer> counts = new EnumMap<>(MeldStatus.class);
            Failures splitFailures = new Failures();
            Map<String, String> hashes = new java.util.TreeMap<>();
            List<MeldResult.IdRow> ids = new ArrayList<>(n);
            options.progress().start("meld " + split.id(), n);
            int batch = options.batchSize();
            int threads = Parallel.resolve(options.jobs());
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
                        options.progress().step(fileField);
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
                options.progress().done();
            }
            Csv.write(file("ids", ".csv"), IDS_HEADER, ids.stream().map(MeldResult.IdRow::values).toList());
            splitFailures.write(failuresState());
            List<List<?>> hashRows = new ArrayList<>();
            hashes.forEach((k, v) -> hashRows.add(List.of(k, v)));
            Csv.write(inputsState(), List.of("source", "sha256"), hashRows);
            writeMarker(fingerprint);
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
            float[] emo = new float[n * MeldCsv.EMOTIONS.size()];
            float[] sen = new float[n * MeldCsv.SENTIMENTS.size()];
            for (int i = 0; i < n; i++) {
                emo[i * MeldCsv.EMOTIONS.size() + rows.get(i).emotionIndex()] = 1f;
                sen[i * MeldCsv.SENTIMENTS.size() + rows.get(i).sentimentIndex()] = 1f;
            }
            Npy.write(file("y_emotion", ".npy"), emo, n, MeldCsv.EMOTIONS.size());
            Npy.write(file("y_sentiment", ".npy"), sen, n, MeldCsv.SENTIMENTS.size());
        }

        /** Parameters, CSV and order-file bytes, the clip folder, and each row clip's size and mtime. */
        private String fingerprint() {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                StringBuilder sb = new StringBuilder();
                sb.append(params).append('\n');
                sb.append(Manifest.sha256(root.resolve(split.csvName()))).append('\n');
                Path order = options.orderFiles().get(split);
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

        private boolean isDone(String fingerprint) {
            try {
                if (!Files.isRegularFile(marker()) || !Files.readString(marker(), StandardCharsets.UTF_8).strip().equals(fingerprint)) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
            return outputs().stream().allMatch(Files::isRegularFile);
        }

        private void writeMarker(String fingerprint) {
            Path tmp = AtomicFiles.tempSibling(marker());
            try {
                Files.writeString(tmp, fingerprint + "\n", StandardCharsets.UTF_8);
                AtomicFiles.moveIntoPlace(tmp, marker());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + marker() + ": " + e.getMessage(), e);
            }
        }

        /** A completed split: read its index, failures and hashes back instead of decoding again. */
        private MeldResult.Split resume(Manifest manifest, Failures failures) {
            List<MeldResult.IdRow> ids = new ArrayList<>(rows.size());
            Map<MeldStatus, Integer> counts = new EnumMap<>(MeldStatus.class);
            List<Rfc4180.Record> recs = Rfc4180.read(file("ids", ".csv"));
            for (Rfc4180.Record rec : recs.subList(1, recs.size())) {
                List<String> f = rec.fields();
                int i = Integer.parseInt(f.get(0));
                MeldStatus st = MeldStatus.parse(f.get(4));
                ids.add(idRow(i, rows.get(i), f.get(3), st));
                counts.merge(st, 1, Integer::sum);
            }
            List<Rfc4180.Record> fr = Rfc4180.read(failuresState());
            for (Rfc4180.Record rec : fr.subList(1, fr.size())) {
                failures.add(rec.fields().get(0), rec.fields().get(1));
            }
            List<Rfc4180.Record> hr = Rfc4180.read(inputsState());
            for (Rfc4180.Record rec : hr.subList(1, hr.size())) {
                manifest.input(rec.fields().get(0), rec.fields().get(1));
            }
            options.progress().start("meld " + split.id() + " (complete, resumed)", 0);
            options.progress().done();
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
