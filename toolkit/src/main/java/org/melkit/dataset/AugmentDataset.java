package org.melkit.dataset;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.melkit.effects.Applied;
import org.melkit.effects.AugmentConfig;
import org.melkit.effects.Augmented;
import org.melkit.effects.Compose;
import org.melkit.effects.Transform;
import org.melkit.features.Parallel;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.melkit.batch.Progress;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.io.Csv;
import org.melkit.io.Json;

/**
 * Writes {@code copies} augmented versions of every audio file under {@code input} into
 * {@code output}, keeping the folder (class) structure: {@code output/<class>/<stem>__aug01.wav}
 * (16-bit PCM WAV, mono, the file's own rate unless {@link Options#sr} is set). The batch
 * behind {@code melkit augment}.
 *
 * <p>Names: {@code <stem>__augNN.wav} with NN zero-padded to the width of {@code copies} (at
 * least 2). When two inputs in one folder share a stem ({@code a.wav}, {@code a.mp3}) both use
 * their full file name as the base ({@code a.wav__aug01.wav}, {@code a.mp3__aug01.wav}); any
 * remaining clash gets {@code ~2}, {@code ~3}... in sorted order. Names never collide.
 *
 * <p>Randomness: copy {@code k} of {@code source} is made with
 * {@code new SplittableRandom(fileSeed)}, {@code fileSeed} = the first 8 bytes of
 * SHA-256({@code seed + "\0" + source + "\0" + k}), recorded in the CSV; so every file is
 * reproducible on its own and the output is identical for any {@code jobs}.
 *
 * <p>Outputs: {@code augment.csv} (one row per output, sorted by source then copy: source,
 * output, copy, file_seed, sample_rate, input_samples, output_samples, transforms — the
 * applied transforms with their parameters, {@code ;}-separated — and one column per
 * transform parameter, empty when the transform did not run), {@code failures.csv}
 * ({@code source,error}) and {@code manifest.json}. Files are written under temporary names and
 * renamed; each finished output is also appended at once to the resume journal
 * {@code augment.journal} (a fingerprint line of seed, rate and pipeline, then CSV rows), so a
 * re-run with the same settings keeps outputs that exist and are in the journal and computes
 * only the rest, even after a crash; with other settings everything is recomputed. Files whose
 * extension is not audio are listed in the manifest as skipped.
 */
public final class AugmentDataset {
    private AugmentDataset() {}

    /** File extensions treated as audio (lower case). */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4",
            "aac", "aif", "aiff", "aifc", "au", "wma", "webm", "mkv", "caf");

    static final String CSV = "augment.csv";
    static final String JOURNAL = "augment.journal";

    /**
     * @param copies augmented copies per input (>= 1)
     * @param seed base seed (default {@link Transform#DEFAULT_SEED})
     * @param pipeline the transforms ({@link AugmentConfig#defaults()} by default)
     * @param sr load at this rate, or null for each file's native rate
     * @param jobs worker threads (0: all cores); output does not depend on it
     */
    public record Options(int copies, long seed, Compose pipeline, Integer sr, int jobs) {
        public Options {
            if (copies < 1) {
                throw new IllegalArgumentException("copies=" + copies + " must be >= 1 (augmented files per input); typical: 2 to 5");
            }
            Objects.requireNonNull(pipeline, "pipeline; use AugmentConfig.defaults()");
            if (sr != null && sr <= 0) {
                throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz, or null for each file's native rate");
            }
        }

        public static Options of(int copies) {
            return new Options(copies, Transform.DEFAULT_SEED, AugmentConfig.defaults(), null, 0);
        }

        public Options withCopies(int v) { return new Options(v, seed, pipeline, sr, jobs); }

        public Options withSeed(long v) { return new Options(copies, v, pipeline, sr, jobs); }

        public Options withPipeline(Compose v) { return new Options(copies, seed, v, sr, jobs); }

        public Options withSr(Integer v) { return new Options(copies, seed, pipeline, v, jobs); }

        public Options withJobs(int v) { return new Options(copies, seed, pipeline, sr, v); }
    }

    /**
     * What a run did: the rows of {@code augment.csv} as a table, the failures, the counts.
     * {@code toString()} gives a one-line summary.
     */
    public record Result(Table table, Map<String, String> failures, int inputs, int outputs, int resumed, List<String> skipped) {
        public boolean ok() { return failures.isEmpty(); }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "augment: %d inputs -> %d outputs (%d resumed), %d failed, %d skipped (not audio)",
                    inputs, outputs, resumed, failures.size(), skipped.size());
        }
    }

    /** The per-file seed of copy {@code copy} of {@code source} (relative path with '/'). */
    public static long fileSeed(long seed, String source, int copy) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest((seed + "\0" + source + "\0" + copy).getBytes(StandardCharsets.UTF_8));
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (d[i] & 0xff);
            }
            return v;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Output base names (without {@code __augNN.wav}) for sorted relative sources; see the class doc. */
    static Map<String, String> baseNames(List<String> sources) {
        return OutputNames.bases(sources);
    }

    static String outputName(String base, int copy, int copies) {
        int width = Math.max(2, String.valueOf(copies).length());
        return base + "__aug" + String.format(Locale.ROOT, "%0" + width + "d", copy) + ".wav";
    }

    private static String name(String rel) {
        return rel.substring(rel.lastIndexOf('/') + 1);
    }

    static String extension(String name) {
        int i = name.lastIndexOf('.');
        return i > 0 ? name.substring(i + 1).toLowerCase(Locale.ROOT) : "";
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

    private static final List<String> FIXED = List.of("source", "output", "copy", "file_seed", "sample_rate", "input_samples",
            "output_samples", "transforms");

    /** Runs the batch. */
    public static Result run(Path input, Path output, Options o, Progress progress) {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("input=" + input + " is not a folder");
        }
        if (output.toAbsolutePath().normalize().startsWith(input.toAbsolutePath().normalize())) {
            throw new IllegalArgumentException("output=" + output + " is inside input=" + input
                    + "; augmented files would be read back as inputs on the next run; choose a folder outside it");
        }
        List<String> all = FileWalk.filesRecursive(input);
        List<String> sources = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (String s : all) {
            (AUDIO_EXTENSIONS.contains(extension(name(s))) ? sources : skipped).add(s);
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output + ": " + e.getMessage(), e);
        }
        Map<String, String> bases = baseNames(sources);
        List<String> paramCols = parameterColumns(o.pipeline());
        List<String> header = new ArrayList<>(FIXED);
        header.addAll(paramCols);
        Map<String, Object> fp = new LinkedHashMap<>();
        fp.put("seed", o.seed());
        fp.put("sr", o.sr() == null ? "native" : o.sr());
        fp.put("pipeline", AugmentConfig.toJsonData(o.pipeline()));
        String fingerprint = Json.write(fp).replaceAll("\\s*\n\\s*", " ").trim();
        Journal journal = new Journal(output.resolve(JOURNAL), fingerprint, header);
        Failures failures = new Failures();
        Manifest manifest = new Manifest("augment");
        progress.start("augment", sources.size());
        int[] resumed = new int[1];
        List<List<List<String>>> perSource;
        try {
            perSource = Parallel.map(sources, o.jobs(), src -> {
                List<List<String>> rows = new ArrayList<>();
                try {
                    AudioClip clip = null;
                    for (int k = 1; k <= o.copies(); k++) {
                        String outRel = outputName(bases.get(src), k, o.copies());
                        Path outPath = output.resolve(outRel);
                        List<String> done = journal.row(src, k);
                        if (done != null && Files.isRegularFile(outPath)) {
                            synchronized (resumed) {
                                resumed[0]++;
                            }
                            rows.add(done);
                            continue;
                        }
                        if (clip == null) {
                            clip = Audio.load(input.resolve(src), o.sr() == null ? LoadOptions.NATIVE : LoadOptions.atRate(o.sr()));
                        }
                        long fs = fileSeed(o.seed(), src, k);
                        Augmented a = o.pipeline().apply(clip.samples(), clip.sampleRate(), new SplittableRandom(fs));
                        try {
                            Files.createDirectories(outPath.toAbsolutePath().getParent()); // the class folder
                        } catch (IOException e) {
                            throw new UncheckedIOException("cannot create " + outPath.getParent() + ": " + e.getMessage(), e);
                        }
                        Audio.writeWav(outPath, a.toClip());
                        List<String> row = row(src, outRel, k, fs, clip, a, paramCols);
                        journal.append(row);
                        rows.add(row);
                    }
                    manifest.input(src, Manifest.sha256(input.resolve(src)));
                } catch (RuntimeException e) {
                    failures.add(src, e); // copies written before the failure stay, with their rows
                } finally {
                    progress.step(src);
                }
                return rows;
            });
        } finally {
            journal.close();
            progress.done();
        }
        List<List<String>> rows = perSource.stream().flatMap(List::stream).collect(Collectors.toList());
        Csv.write(output.resolve(CSV), header, rows);
        failures.write(output.resolve("failures.csv"));
        manifest.parameter("input", input.toString()).parameter("output", output.toString())
                .parameter("copies", o.copies()).parameter("seed", o.seed())
                .parameter("sr", o.sr() == null ? "native" : o.sr()).parameter("jobs", o.jobs())
                .parameter("pipeline", AugmentConfig.toJsonData(o.pipeline()))
                .parameter("skipped_not_audio", skipped)
                .count("inputs", sources.size()).count("outputs", rows.size()).count("resumed", resumed[0])
                .count("failures", failures.count()).count("skipped_not_audio", skipped.size());
        manifest.write(output);
        return new Result(toTable(header, rows), failures.asMap(), sources.size(), rows.size(), resumed[0], skipped);
    }

    private static List<String> row(String src, String out, int copy, long fs, AudioClip clip, Augmented a, List<String> paramCols) {
        Map<String, String> params = new TreeMap<>();
        for (Applied ap : a.applied()) {
            ap.parameters().forEach((k, v) -> params.put(column(ap.transform(), k), number(v)));
        }
        List<String> r = new ArrayList<>(List.of(src, out, String.valueOf(copy), Long.toUnsignedString(fs, 16),
                String.valueOf(a.sampleRate()), String.valueOf(clip.length()), String.valueOf(a.length()),
                a.applied().stream().map(AugmentDataset::describe).collect(Collectors.joining(";"))));
        for (String c : paramCols) {
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

    private static Table toTable(List<String> header, List<List<String>> rows) {
        Table t = Table.create("augment");
        for (int c = 0; c < header.size(); c++) {
            String h = header.get(c);
            if (h.equals("copy") || h.equals("sample_rate") || h.equals("input_samples") || h.equals("output_samples")) {
                IntColumn col = IntColumn.create(h);
                for (List<String> r : rows) {
                    col.append(Integer.parseInt(r.get(c)));
                }
                t.addColumns(col);
            } else {
                StringColumn col = StringColumn.create(h);
                for (List<String> r : rows) {
                    col.append(r.get(c));
                }
                t.addColumns(col);
            }
        }
        return t;
    }

    /**
     * The resume journal: rows appended and flushed as outputs are renamed into place, read back
     * on the next run. Rows whose output file is missing are recomputed.
     */
    private static final class Journal {
        private final Path path;
        private final Map<String, List<String>> previous = new HashMap<>();
        private final BufferedWriter w;

        Journal(Path path, String fingerprint, List<String> header) {
            this.path = path;
            String first = "# " + fingerprint;
            try {
                if (Files.isRegularFile(path)) {
                    try (BufferedReader r = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                        String f = r.readLine();
                        String h = r.readLine();
                        if (first.equals(f) && h != null && parse(h).equals(header)) {
                            for (String line; (line = r.readLine()) != null; ) {
                                List<String> row = parse(line);
                                if (row.size() == header.size()) {
                                    previous.put(row.get(0) + "\0" + row.get(2), row);
                                }
                            }
                        }
                    }
                }
                w = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
                w.write(first + "\n");
                w.write(Csv.line(header) + "\n");
                for (List<String> row : previous.values().stream().sorted(Comparator.comparing(r -> r.get(0) + "\0" + r.get(2))).toList()) {
                    w.write(Csv.line(row) + "\n");
                }
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the resume journal " + path + ": " + e.getMessage(), e);
            }
        }

        List<String> row(String source, int copy) {
            return previous.get(source + "\0" + copy);
        }

        synchronized void append(List<String> row) {
            try {
                w.write(Csv.line(row) + "\n");
                w.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the resume journal " + path + ": " + e.getMessage(), e);
            }
        }

        void close() {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close " + path + ": " + e.getMessage(), e);
            }
        }

        /** One RFC 4180 line (our own output: no embedded newlines). */
        static List<String> parse(String line) {
            List<String> out = new ArrayList<>();
            StringBuilder sb = new StringBuilder();
            boolean q = false;
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (q) {
                    if (c == '"') {
                        if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i++;
                        } else {
                            q = false;
                        }
                    } else {
                        sb.append(c);
                    }
                } else if (c == '"') {
                    q = true;
                } else if (c == ',') {
                    out.add(sb.toString());
                    sb.setLength(0);
                } else {
                    sb.append(c);
                }
            }
            out.add(sb.toString());
            return out;
        }
    }
}
