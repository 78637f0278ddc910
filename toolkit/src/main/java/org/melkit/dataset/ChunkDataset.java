package org.melkit.dataset;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.batch.AudioFiles.ClassFrom;
import org.melkit.effects.ChunkParams;
import org.melkit.effects.Chunker;
import org.melkit.effects.Cleaning;
import org.melkit.effects.CleaningParams;
import org.melkit.features.Parallel;
import org.melkit.batch.Progress;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.batch.AudioFiles;
import org.melkit.io.Csv;
import org.melkit.io.Json;

/**
 * Cuts a folder of recordings into fixed-length WAV chunks, keeping the class folders (the batch
 * behind {@code melkit chunk}).
 *
 * <p>Each audio file below the input (by extension, hidden files skipped) is loaded as mono at
 * {@link Options#sr()} (or its native rate), cleaned ({@link Cleaning}: noise reduction, silence
 * trimming, peak normalisation, as enabled), cut by {@link Chunker}, and each chunk written as
 * 16-bit WAV to {@code <output>/<same folders>/<name>_chunkNNN.wav}. {@code <name>} is the
 * source's stem, or, when two sources in one folder share a stem (case-insensitively, as
 * {@code dog.wav} and {@code dog.flac}), the file name with its dot as {@code _}
 * ({@code dog_wav}, {@code dog_flac}); any remaining clash gets {@code _2}, {@code _3}, ... in
 * source order. Index {@code NNN} counts from 0, at least three digits.
 *
 * <p>Written beside the chunks: {@code metadata.csv} ({@link #METADATA_COLUMNS}; times in seconds
 * of the source after resampling, i.e. including the samples trimming removed; {@code end_s} is
 * where the source's audio ends inside the chunk, before any padding), {@code failures.csv}
 * ({@code source,error}) and {@code manifest.json}. Every file is written under a temporary name
 * and renamed. A hidden journal ({@code .melkit-chunk-journal}) records each finished source, so
 * a re-run with the same parameters skips them and retries only failures and unfinished
 * sources; a re-run with different parameters is refused.
 */
public final class ChunkDataset {
    private ChunkDataset() {}

    /** Columns of {@code metadata.csv}. */
    public static final List<String> METADATA_COLUMNS = List.of("source", "chunk", "class", "index", "start_s", "end_s", "sr");

    static final String JOURNAL = ".melkit-chunk-journal";
    private static final String JOURNAL_MAGIC = "melkit-chunk-journal v1";

    /**
     * The job's parameters.
     *
     * @param chunk chunk length, overlap and last-chunk rule
     * @param sr load at this rate in Hz, or {@code null} for each file's native rate
     * @param cleaning cleaning steps applied before chunking
     * @param threads worker threads, 0 = all cores (the output does not depend on it)
     */
    public record Options(ChunkParams chunk, Integer sr, CleaningParams cleaning, int threads) {
        public Options {
            if (chunk == null) {
                throw new IllegalArgumentException("chunk=null; use ChunkParams.of(seconds)");
            }
            if (sr != null && sr <= 0) {
                throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz or null for the native rate; typical: 16000");
            }
            if (cleaning == null) {
                throw new IllegalArgumentException("cleaning=null; use CleaningParams.none()");
            }
            if (threads < 0) {
                throw new IllegalArgumentException("threads=" + threads + " must be >= 0 (0 = all cores)");
            }
        }

        /** {@code seconds}-long chunks at the native rate, no cleaning, all cores. */
        public static Options of(double seconds) {
            return new Options(ChunkParams.of(seconds), null, CleaningParams.none(), 0);
        }

        public Options withChunk(ChunkParams v) { return new Options(v, sr, cleaning, threads); }

        public Options withSr(Integer v) { return new Options(chunk, v, cleaning, threads); }

        public Options withCleaning(CleaningParams v) { return new Options(chunk, sr, v, threads); }

        public Options withThreads(int v) { return new Options(chunk, sr, cleaning, v); }

        /** Everything that changes the output (not the thread count), for the journal and manifest. */
        Map<String, Object> parameters() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("seconds", chunk.seconds());
            m.put("overlap", chunk.overlapSeconds());
            m.put("last", chunk.last().toString());
            m.put("sr", sr);
            m.put("mono", true);
            m.put("denoise", cleaning.denoise());
            if (cleaning.denoise()) {
                m.put("denoise_params", cleaning.gate().toString());
            }
            m.put("trim_top_db", cleaning.trimTopDb());
            m.put("normalize", cleaning.peakTarget());
            return m;
        }
    }

    /** What a run did. */
    public record Summary(Path output, int sources, int processed, int resumed, long chunks, Map<String, String> failures,
            List<String> withoutChunks, List<String> ignored) {
        public Summary {
            failures = java.util.Collections.unmodifiableMap(new TreeMap<>(failures));
            withoutChunks = List.copyOf(withoutChunks);
            ignored = List.copyOf(ignored);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                    "chunk: %d sources (%d processed, %d resumed), %d chunks, %d failed, %d without chunks, %d not audio -> %s",
                    sources, processed, resumed, chunks, failures.size(), withoutChunks.size(), ignored.size(), output));
            failures.forEach((k, v) -> sb.append("\n  failed: ").append(k).append(": ").append(v));
            return sb.toString();
        }
    }

    /** One metadata row. */
    record ChunkRow(String source, String chunk, String cls, int index, double startS, double endS, int sr) {
        List<Object> values() {
            return List.of(source, chunk, cls, index, seconds(startS), seconds(endS), sr);
        }
    }

    static String seconds(double s) {
        return String.format(Locale.ROOT, "%.6f", s);
    }

    private record SourceResult(String source, List<ChunkRow> rows, String error, boolean resumed, String sha256) {}

    /** Runs the job without progress output. */
    public static Summary run(Path input, Path output, Options options) {
        return run(input, output, options, Progress.none());
    }

    public static Summary run(Path input, Path output, Options options, Progress progress) {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("input " + input + " is not a directory; give the folder that holds the class folders");
        }
        Path in = input.toAbsolutePath().normalize();
        Path out = output.toAbsolutePath().normalize();
        if (out.startsWith(in)) {
            throw new IllegalArgumentException("output " + output + " lies inside input " + input
                    + "; a re-run would read the chunks as sources: choose an output folder outside the input");
        }
        List<String> sources = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (String rel : FileWalk.filesRecursive(input)) {
            (AudioFiles.isAudio(rel) ? sources : ignored).add(rel);
        }
        Map<String, String> bases = outputBases(sources);
        String signature = Json.write(options.parameters()).replaceAll("\\s+", " ").trim();
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + output + ": " + e.getMessage(), e);
        }
        Map<String, List<ChunkRow>> done = readJournal(out.resolve(JOURNAL), signature, output);
        Chunker chunker = Chunker.of(options.chunk());
        progress.start("chunk", sources.size());
        List<SourceResult> results;
        try (Journal journal = new Journal(out.resolve(JOURNAL), signature)) {
            results = Parallel.map(sources, options.threads(), src -> {
                SourceResult r = processOne(input, out, src, bases.get(src), done.get(src), options, chunker, journal);
                progress.step(src);
                return r;
            });
        }
        progress.done();

        Failures failures = new Failures();
        List<String> without = new ArrayList<>();
        Manifest manifest = new Manifest("chunk");
        options.parameters().forEach(manifest::parameter);
        int resumed = 0;
        long chunks = 0;
        try (Csv.Writer meta = Csv.writer(out.resolve("metadata.csv"), METADATA_COLUMNS)) {
            for (SourceResult r : results) {
                if (r.error() != null) {
                    failures.add(r.source(), r.error());
                    continue;
                }
                manifest.input(r.source(), r.sha256());
                if (r.resumed()) {
                    resumed++;
                }
                if (r.rows().isEmpty()) {
                    without.add(r.source());
                }
                for (ChunkRow row : r.rows()) {
                    meta.row(row.values());
                    chunks++;
                }
            }
        }
        failures.write(out.resolve("failures.csv"));
        int ok = sources.size() - failures.count();
        manifest.count("sources", sources.size()).count("processed", ok - resumed).count("resumed", resumed)
                .count("chunks", chunks).count("failures", failures.count()).count("without_chunks", without.size())
                .count("not_audio", ignored.size());
        manifest.parameter("sources_without_chunks", without);
        manifest.parameter("not_audio", ignored);
        manifest.write(out);
        return new Summary(output, sources.size(), ok - resumed, resumed, chunks, failures.asMap(), without, ignored);
    }

    private static SourceResult processOne(Path input, Path out, String src, String base, List<ChunkRow> previous, Options o,
            Chunker chunker, Journal journal) {
        Path file = input.resolve(src);
        String cls = ClassFrom.PARENT.classOf(src);
        if (previous != null && stillValid(previous, base, out)) {
            try {
                return new SourceResult(src, previous, null, true, Manifest.sha256(file));
            } catch (RuntimeException e) {
                return new SourceResult(src, List.of(), Eda.relativeMessage(input, e), false, null);
            }
        }
        List<Path> written = new ArrayList<>();
        try {
            String sha = Manifest.sha256(file);
            AudioClip clip = Audio.load(file, new LoadOptions(o.sr(), true, 0.0, null));
            int sr = clip.sampleRate();
            float[] y = clip.samples();
            clip = null; // one copy of a long recording is enough
            Cleaning.Result cleaned = Cleaning.apply(y, sr, o.cleaning());
            y = null;
            List<ChunkRow> rows = new ArrayList<>();
            for (Chunker.Span s : chunker.spans(cleaned.length(), sr)) { // one chunk in memory at a time
                String rel = chunkName(base, s.index());
                Path target = out.resolve(rel);
                Files.createDirectories(target.getParent());
                Audio.writeWav(target, AudioClip.mono(cleaned.chunkSamples(s), sr));
                written.add(target);
                rows.add(new ChunkRow(src, rel, cls, s.index(), (double) (cleaned.offset() + s.start()) / sr,
                        (double) (cleaned.offset() + s.end()) / sr, sr));
            }
            journal.append(src, rows);
            return new SourceResult(src, rows, null, false, sha);
        } catch (IOException | RuntimeException e) {
            for (Path p : written) {
                try {
                    Files.deleteIfExists(p); // no orphan chunks of a failed source
                } catch (IOException ignored) {
                    // the failure below is what matters
                }
            }
            return new SourceResult(src, List.of(), Eda.relativeMessage(input, e), false, null);
        }
    }

    /** A journal entry counts only if its chunk names are today's and its files still exist. */
    private static boolean stillValid(List<ChunkRow> rows, String base, Path out) {
        for (ChunkRow r : rows) {
            if (!r.chunk().equals(chunkName(base, r.index())) || !Files.isRegularFile(out.resolve(r.chunk()))) {
                return false;
            }
        }
        return true;
    }

    /** {@code <base>_chunkNNN.wav}. */
    static String chunkName(String base, int index) {
        return String.format(Locale.ROOT, "%s_chunk%03d.wav", base, index);
    }

    /**
     * Output base (relative path without {@code _chunkNNN.wav}) for each source, collision-free
     * case-insensitively: see the class comment.
     */
    static Map<String, String> outputBases(List<String> sources) {
        Map<String, Integer> stemCount = new HashMap<>();
        for (String s : sources) {
            stemCount.merge(key(AudioFiles.folder(s), AudioFiles.stem(s)), 1, Integer::sum);
        }
        Set<String> taken = new HashSet<>();
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : sources) {
            String folder = AudioFiles.folder(s);
            String stem = AudioFiles.stem(s);
            String name = stemCount.get(key(folder, stem)) > 1 ? AudioFiles.fileName(s).replace('.', '_') : stem;
            String candidate = name;
            for (int k = 2; !taken.add(key(folder, candidate)); k++) {
                candidate = name + "_" + k;
            }
            out.put(s, folder.isEmpty() ? candidate : folder + "/" + candidate);
        }
        return out;
    }

    private static String key(String folder, String name) {
        return (folder + "/" + name).toLowerCase(Locale.ROOT);
    }

    // ---- the journal: one line per finished source, appended and flushed as sources finish ----

    private static final class Journal implements AutoCloseable {
        private final BufferedWriter w;

        Journal(Path file, String signature) {
            try {
                boolean fresh = !Files.exists(file) || Files.size(file) == 0;
                w = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                if (fresh) {
                    w.write(JOURNAL_MAGIC + "\t" + escape(signature) + "\n");
                    w.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
            }
        }

        synchronized void append(String source, List<ChunkRow> rows) throws IOException {
            StringBuilder sb = new StringBuilder(escape(source)).append('\t').append(rows.size());
            for (ChunkRow r : rows) {
                sb.append('\t').append(escape(r.chunk())).append('\t').append(escape(r.cls())).append('\t').append(r.index())
                        .append('\t').append(Double.toString(r.startS())).append('\t').append(Double.toString(r.endS()))
                        .append('\t').append(r.sr());
            }
            w.write(sb.append('\n').toString());
            w.flush();
        }

        @Override
        public synchronized void close() {
            try {
                w.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the chunk journal: " + e.getMessage(), e);
            }
        }
    }

    /** Finished sources from an earlier run; refuses a journal written with other parameters. */
    static Map<String, List<ChunkRow>> readJournal(Path file, String signature, Path output) {
        Map<String, List<ChunkRow>> m = new HashMap<>();
        if (!Files.exists(file)) {
            return m;
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        int end = text.lastIndexOf('\n');
        if (end < 0) {
            return m; // not even a complete header: start afresh
        }
        String[] lines = text.substring(0, end).split("\n", -1);
        String[] head = lines[0].split("\t", -1);
        if (head.length != 2 || !head[0].equals(JOURNAL_MAGIC)) {
            throw new IllegalArgumentException("output " + output + " holds an unreadable " + JOURNAL + "; delete it to start over");
        }
        String previous = unescape(head[1]);
        if (!previous.equals(signature)) {
            throw new IllegalArgumentException("output " + output + " was made with other parameters (" + previous
                    + "), now " + signature + "; use a new --output folder (or delete " + JOURNAL + " and the chunks in it)");
        }
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].split("\t", -1);
            try {
                String source = unescape(f[0]);
                int n = Integer.parseInt(f[1]);
                if (f.length != 2 + 6 * n) {
                    continue;
                }
                List<ChunkRow> rows = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    int o = 2 + 6 * k;
                    rows.add(new ChunkRow(source, unescape(f[o]), unescape(f[o + 1]), Integer.parseInt(f[o + 2]),
                            Double.parseDouble(f[o + 3]), Double.parseDouble(f[o + 4]), Integer.parseInt(f[o + 5])));
                }
                m.put(source, rows);
            } catch (RuntimeException e) {
                // a damaged line: that source is simply processed again
            }
        }
        return m;
    }

    /** Percent-escapes {@code %}, tab, CR and LF so a field fits on one journal line. */
    static String escape(String s) {
        return s.replace("%", "%25").replace("\t", "%09").replace("\n", "%0A").replace("\r", "%0D");
    }

    static String unescape(String s) {
        return s.replace("%09", "\t").replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
    }
}
