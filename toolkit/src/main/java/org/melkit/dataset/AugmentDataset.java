package org.melkit.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
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
import org.melkit.effects.Applied;
import org.melkit.effects.Augmented;
import org.melkit.effects.Compose;
import org.melkit.features.Parallel;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Csv;
import org.melkit.io.Json;

/**
 * Seeded augmented copies of every audio file under the input ({@code melkit augment}), a recipe
 * over the batch runtime ({@link BatchRun}): {@code input/<folders>/x.wav ->
 * output/<folders>/x__aug01.wav ...} (16-bit PCM WAV, mono, the file's own rate unless
 * {@link AugmentParams#sr} is set). Inputs are found by {@link Inputs} (one list of audio
 * extensions, dot-files skipped, links followed).
 *
 * <p>Names: {@code <stem>__augNN.wav} with NN zero-padded to the width of {@code copies} (at
 * least 2); stems shared in one folder follow {@link OutputNames}. Names never collide.
 *
 * <p>Randomness: copy {@code k} of {@code source} is made with
 * {@code new SplittableRandom(fileSeed)}, {@code fileSeed} = the first 8 bytes of
 * SHA-256({@code seed + "\0" + source + "\0" + k}), recorded in the CSV; so every file is
 * reproducible on its own and the output is the same bytes for any job count.
 *
 * <p>Outputs: {@code augment.csv} (one row per copy, by source then copy: source, output, copy,
 * file_seed, sample_rate, input_samples, output_samples, transforms — the applied transforms with
 * their parameters, {@code ;}-separated — and one column per transform parameter, empty when the
 * transform did not run), {@code failures.csv}, {@code manifest.json} (the parameters, the
 * pipeline as config JSON) and the runtime's {@code journal.jsonl}. A re-run keeps every copy
 * whose input (path, size, time, hash) and parameters are unchanged and whose file exists, makes
 * the rest, and removes the copies of inputs that are gone or now fail. Each input needs its
 * whole recording in memory: one too large for the heap is a failure row and the batch goes on.
 *
 * <pre>{@code
 * AugmentResult r = AugmentDataset.of(AugmentParams.of(3).withSeed(7)).withJobs(2).run(in, out);
 * AugmentResult d = AugmentDataset.augment(in, out, 2);     // defaults: seed 42, every transform
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class AugmentDataset {
    static final String COMMAND = "augment";
    static final String CSV = "augment.csv";
    private static final List<String> FIXED = List.of("source", "output", "copy", "file_seed", "sample_rate", "input_samples",
            "output_samples", "transforms");

    private final AugmentParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;

    private AugmentDataset(AugmentParams params, int jobs, boolean overwrite, Progress progress) {
        this.params = Objects.requireNonNull(params, "params; use AugmentParams.of(copies)");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress; use Progress.none()");
    }

    /** A job with {@code params}, all cores, no overwrite, no progress display. */
    public static AugmentDataset of(AugmentParams params) {
        return new AugmentDataset(params, 0, false, Progress.none());
    }

    /** One call with the defaults: {@code of(AugmentParams.of(copies)).run(input, output)}. */
    public static AugmentResult augment(Path input, Path output, int copies) {
        return of(AugmentParams.of(copies)).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public AugmentDataset withJobs(int v) { return new AugmentDataset(params, v, overwrite, progress); }

    /** Replace an earlier build made with other parameters or from another input (only its own files are removed). */
    public AugmentDataset withOverwrite(boolean v) { return new AugmentDataset(params, jobs, v, progress); }

    public AugmentDataset withProgress(Progress v) { return new AugmentDataset(params, jobs, overwrite, v); }

    public AugmentParams params() { return params; }

    /** The per-file seed of copy {@code copy} of {@code source} (relative path with '/'). */
    public static long fileSeed(long seed, String source, int copy) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((seed + "\0" + source + "\0" + copy).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Output base names (without {@code __augNN.wav}) for sorted relative sources; see {@link OutputNames}. */
    static Map<String, String> baseNames(List<String> sources) {
        return OutputNames.bases(sources);
    }

    static String outputName(String base, int copy, int copies) {
        int width = Math.max(2, String.valueOf(copies).length());
        return base + "__aug" + String.format(Locale.ROOT, "%0" + width + "d", copy) + ".wav";
    }

    /** Column names of the parameters of {@code pipeline}, in order: {@code shift_fraction}, {@code gain_db}, ... */
    static List<String> parameterColumns(Compose pipeline) {
        List<String> cols = new ArrayList<>();
        for (Compose.Step s : pipeline.steps()) {
            for (String p : s.transform().parameterNames()) {
                cols.add(column(s.transform().name(), p));
            }
        }
        return cols;
    }

    private static String column(String transform, String parameter) {
        return parameter.startsWith(transform + "_") ? parameter : transform + "_" + parameter;
    }

    /** One input's copies: their CSV rows, how many were kept from an earlier run, whether it was decoded. */
    private record Done(List<List<String>> rows, int reused, boolean decoded, String sha256) {}

    /**
     * Runs the augmentation from {@code input} into {@code output}.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing is touched): output
     *     and input inside one another, no audio, another build's parameters or input without
     *     overwrite, another run holding the output
     * @throws IllegalArgumentException when {@code input} is not a folder
     */
    public AugmentResult run(Path input, Path output) {
        Inputs inputs = Inputs.audio(input);
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, params.toMap(), overwrite, CSV);
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            return augment(run, input, output, inputs);
        }
    }

    private AugmentResult augment(BatchRun run, Path input, Path output, Inputs inputs) {
        List<String> sources = inputs.files().stream().map(Inputs.Input::source).toList();
        Map<String, String> bases = baseNames(sources);
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(parameterColumns(params.pipeline()));
        Map<String, List<String>> before = outputsBefore(run);

        List<BatchRun.Outcome<Done>> outcomes = BatchRun.map(inputs.files(), jobs, progress, COMMAND, Inputs.Input::source,
                in -> augmentOne(run, in, bases.get(in.source()), header));

        Failures failures = new Failures();
        failures.addAll(inputs.broken());
        Manifest manifest = run.manifest();
        List<List<String>> rows = new ArrayList<>();
        int decoded = 0;
        int resumed = 0;
        Set<String> done = new HashSet<>();
        for (int i = 0; i < sources.size(); i++) {
            BatchRun.Outcome<Done> o = outcomes.get(i);
            if (!o.isOk()) {
                failures.add(sources.get(i), o.error());
                continue;
            }
            done.add(sources.get(i));
            rows.addAll(o.value().rows());
            manifest.input(sources.get(i), o.value().sha256());
            resumed += o.value().reused();
            decoded += o.value().decoded() ? 1 : 0;
        }
        List<String> renamed = removeRenamed(run, before, done, rows.stream().map(r -> r.get(1)).collect(Collectors.toSet()));
        List<String> skipped = notAudio(input);
        int inputCount = sources.size() + inputs.broken().size();
        manifest.count("inputs", inputCount).count("outputs", rows.size()).count("failures", failures.count())
                .count("skipped_not_audio", skipped.size());
        Csv.writeIfChanged(run.folder().resolve(CSV), header, rows);
        BatchRun.Summary s = run.finish(manifest, failures);
        List<String> removed = new ArrayList<>(renamed);
        removed.addAll(s.removed());
        return new AugmentResult(input, output, params, header, rows, failures.asMap(), inputCount, decoded, resumed, skipped, s.vanished(),
                removed);
    }

    /** Makes (or keeps) the copies of one input; on any failure removes the copies it wrote and rethrows. */
    private Done augmentOne(BatchRun run, Inputs.Input in, String base, List<String> header) {
        Journal.Key key;
        try {
            key = Journal.Key.of(in.source(), in.file());
        } catch (RuntimeException e) {
            throw new IllegalStateException(OutputFiles.describe(in.file(), e));
        }
        Map<String, List<String>> earlier = earlierRows(run, key, header.size());
        List<List<String>> rows = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        List<Path> written = new ArrayList<>();
        int reused = 0;
        AudioClip clip = null;
        boolean ok = false;
        try {
            for (int k = 1; k <= params.copies(); k++) {
                String outRel = outputName(base, k, params.copies());
                Path out = run.folder().resolve(outRel);
                outputs.add(outRel);
                List<String> row = earlier.get(outRel);
                if (row != null && row.get(2).equals(String.valueOf(k)) && Files.isRegularFile(out)) {
                    rows.add(row);
                    reused++;
                    continue;
                }
                if (clip == null) {
                    clip = load(in.file());
                }
                long fs = fileSeed(params.seed(), in.source(), k);
                Augmented a = params.pipeline().apply(clip.samples(), clip.sampleRate(), new SplittableRandom(fs));
                writeWav(out, a.toClip());
                written.add(out);
                rows.add(row(in.source(), outRel, k, fs, clip, a, header));
            }
            ok = true;
        } catch (RuntimeException e) {
            throw new IllegalStateException(OutputFiles.describe(in.file(), e));
        } finally {
            if (!ok) {
                written.forEach(AtomicFiles::deleteQuietly); // also after running out of memory
            }
        }
        boolean decoded = clip != null;
        if (!decoded && run.reusable(key) != null) {
            return new Done(rows, reused, false, key.sha256());
        }
        run.record(key, outputs, Json.MAPPER.valueToTree(rows));
        return new Done(rows, reused, decoded, key.sha256());
    }

    /** The rows an earlier run recorded for exactly this input state and these parameters, by output name. */
    private static Map<String, List<String>> earlierRows(BatchRun run, Journal.Key key, int columns) {
        Map<String, List<String>> m = new HashMap<>();
        Journal.Entry e = run.journal().get(key.source());
        if (e == null || !e.matches(key, run.journal().parameters()) || e.data() == null) {
            return m;
        }
        for (JsonNode r : e.data()) {
            List<String> row = new ArrayList<>();
            r.forEach(v -> row.add(v.asText()));
            if (row.size() == columns) {
                m.put(row.get(1), row);
            }
        }
        return m;
    }

    private AudioClip load(Path file) {
        AudioClip clip = Audio.load(file, params.sr() == null ? LoadOptions.NATIVE : LoadOptions.atRate(params.sr()));
        if (clip.length() == 0) {
            throw new IllegalArgumentException("decodes to 0 samples (an empty recording has nothing to augment)");
        }
        String nonFinite = AudioDecoder.nonFinite(clip.samples());
        if (nonFinite != null) {
            throw new IllegalArgumentException(nonFinite);
        }
        return clip;
    }

    /**
     * Writes a WAV ({@link Audio#writeWav}: under a temporary name of the runtime's pattern, then
     * renamed, so a run killed while writing leaves nothing the next run does not remove at start).
     */
    static void writeWav(Path out, AudioClip clip) {
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + out.getParent() + ": " + e.getMessage(), e);
        }
        Audio.writeWav(out, clip);
    }

    /** Every output the journal lists, by source, before this run changes it. */
    static Map<String, List<String>> outputsBefore(BatchRun run) {
        Map<String, List<String>> m = new HashMap<>();
        run.journal().entries().forEach(e -> m.put(e.source(), e.outputs()));
        return m;
    }

    /**
     * Removes the earlier outputs of inputs done in this run that are no output now (their name
     * changed because another input now shares their stem); returns them.
     */
    static List<String> removeRenamed(BatchRun run, Map<String, List<String>> before, Set<String> done, Set<String> live) {
        Set<String> removed = new LinkedHashSet<>();
        new TreeMap<>(before).forEach((source, outs) -> {
            if (done.contains(source)) {
                for (String o : outs) {
                    Path p = run.folder().resolve(o);
                    if (!live.contains(o) && Files.isRegularFile(p)) {
                        AtomicFiles.deleteQuietly(p);
                        removed.add(o);
                    }
                }
            }
        });
        return new ArrayList<>(removed);
    }

    /** Files under {@code input} that are not audio, for the summary (never inputs). */
    static List<String> notAudio(Path input) {
        return Inputs.scan(input, 0, p -> !AudioFiles.isAudio(p)).files().stream().map(Inputs.Input::source).toList();
    }

    private static List<String> row(String src, String out, int copy, long fs, AudioClip clip, Augmented a, List<String> header) {
        Map<String, String> params = new TreeMap<>();
        for (Applied ap : a.applied()) {
            ap.parameters().forEach((k, v) -> params.put(column(ap.transform(), k), number(v)));
        }
        List<String> r = new ArrayList<>(List.of(src, out, String.valueOf(copy), Long.toUnsignedString(fs, 16),
                String.valueOf(a.sampleRate()), String.valueOf(clip.length()), String.valueOf(a.length()),
                a.applied().stream().map(AugmentDataset::describe).collect(Collectors.joining(";"))));
        for (String c : header.subList(FIXED.size(), header.size())) {
            r.add(params.getOrDefault(c, ""));
        }
        return r;
    }

    private static String describe(Applied a) {
        return a.transform() + a.parameters().entrySet().stream().map(e -> e.getKey() + "=" + number(e.getValue()))
                .collect(Collectors.joining(" ", "(", ")"));
    }

    private static String number(Number v) {
        if (v instanceof Integer || v instanceof Long) {
            return v.toString();
        }
        return Double.toString(v.doubleValue()); // shortest repr that round-trips
    }
}
