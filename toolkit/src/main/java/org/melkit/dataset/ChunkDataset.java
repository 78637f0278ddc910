package org.melkit.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import java.util.Arrays;
import org.melkit.dsp.FloatMatrix;
import org.melkit.dsp.Ref;
import org.melkit.features.Trim;
import org.melkit.audio.Resampler;
import org.melkit.audio.LoadOptions;
import org.melkit.batch.AudioDecoder;
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
import org.melkit.effects.ChunkParams;
import org.melkit.effects.Chunker;
import org.melkit.effects.Cleaning;
import org.melkit.effects.CleaningParams;
import org.melkit.features.Parallel;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Csv;
import org.melkit.io.Json;

/**
 * Cuts a folder of recordings into fixed-length WAV chunks, keeping the folders
 * ({@code melkit chunk}), a recipe over the batch runtime ({@link BatchRun}).
 *
 * <p>Each audio file below the input is loaded as mono at {@link Params#sr()} (or its own
 * rate), cleaned ({@link Cleaning}: noise reduction, silence trimming, peak normalisation, as
 * enabled), cut by {@link Chunker}, and each chunk written as 16-bit WAV to
 * {@code <output>/<same folders>/<name>_chunkNNN.wav}. {@code <name>} is the source's stem, or,
 * when two sources in one folder share a stem (case-insensitively, as {@code dog.wav} and
 * {@code dog.flac}), the file name with its dot as {@code _} ({@code dog_wav}, {@code dog_flac});
 * any remaining clash gets {@code _2}, {@code _3}, ... in source order. Index {@code NNN}
 * counts from 0, at least three digits.
 *
 * <p>Without noise reduction a recording is read block by block ({@link Audio#stream}, the
 * channel mean per block, {@link Resampler#stream}), so memory does not grow with its length
 * (trimming and peak normalisation read it twice: first for the trim interval and the peak);
 * the chunks are the same bytes as the whole-recording path, which noise reduction still takes
 * (its noise profile needs every frame at once).
 *
 * <p>Written beside the chunks: {@code metadata.csv} ({@link #METADATA_COLUMNS}; times in seconds
 * of the source after resampling, i.e. including the samples trimming removed; {@code end_s} is
 * where the source's audio ends inside the chunk, before any padding), {@code failures.csv}
 * ({@code source,error}), {@code manifest.json} and the runtime's {@code journal.jsonl}: a re-run
 * reuses a source's chunks only while the source is unchanged (path, size, time, hash) and its
 * chunks exist, removes the chunks of sources that are gone or changed, and is refused when the
 * parameters or the input folder differ (unless {@link #withOverwrite}). Output is byte-identical
 * for any job count.
 *
 * <pre>{@code
 * ChunkResult r = ChunkDataset.of(ChunkDataset.Params.of(5.0).withSr(16000)).withJobs(2).run(in, out);
 * ChunkResult d = ChunkDataset.chunk(in, out, 5.0);      // 5 s chunks, own rate, no cleaning
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class ChunkDataset {
    static final String COMMAND = "chunk";

    /** Columns of {@code metadata.csv}. */
    public static final List<String> METADATA_COLUMNS = List.of("source", "chunk", "class", "index", "start_s", "end_s", "sr");

    /**
     * What the chunks are.
     *
     * @param chunk chunk length, overlap and last-chunk rule
     * @param sr load at this rate in Hz, or {@code null} for each file's own rate
     * @param cleaning cleaning steps applied before chunking
     */
    public record Params(ChunkParams chunk, Integer sr, CleaningParams cleaning) {
        public Params {
            if (chunk == null) {
                throw new IllegalArgumentException("chunk=null; use ChunkParams.of(seconds)");
            }
            if (sr != null && sr <= 0) {
                throw new IllegalArgumentException("sr=" + sr + " must be > 0 Hz or null for the native rate; typical: 16000");
            }
            if (cleaning == null) {
                throw new IllegalArgumentException("cleaning=null; use CleaningParams.none()");
            }
        }

        /** {@code seconds}-long chunks at each file's own rate, no cleaning. */
        public static Params of(double seconds) {
            return new Params(ChunkParams.of(seconds), null, CleaningParams.none());
        }

        public Params withChunk(ChunkParams v) { return new Params(v, sr, cleaning); }

        public Params withSr(Integer v) { return new Params(chunk, v, cleaning); }

        public Params withCleaning(CleaningParams v) { return new Params(chunk, sr, v); }

        /** Everything that changes the output, under the manifest's names. */
        public Map<String, Object> toMap() {
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

        /** Whether a recording can be read block by block (noise reduction needs all of it at once). */
        boolean streams() {
            return !cleaning.denoise();
        }
    }

    private final Params params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;

    private ChunkDataset(Params params, int jobs, boolean overwrite, Progress progress) {
        this.params = Objects.requireNonNull(params, "params");
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A chunker with {@code params}, all cores, no overwrite, no progress display. */
    public static ChunkDataset of(Params params) {
        return new ChunkDataset(params, 0, false, Progress.none());
    }

    /** One call with the defaults: {@code seconds}-long chunks at each file's own rate, no cleaning. */
    public static ChunkResult chunk(Path input, Path output, double seconds) {
        return of(Params.of(seconds)).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public ChunkDataset withJobs(int v) { return new ChunkDataset(params, v, overwrite, progress); }

    /** Replace an earlier build made with other parameters or from another input (only its own files are removed). */
    public ChunkDataset withOverwrite(boolean v) { return new ChunkDataset(params, jobs, v, progress); }

    public ChunkDataset withProgress(Progress v) { return new ChunkDataset(params, jobs, overwrite, v); }

    public Params params() { return params; }

    /** One input: its path below the input, the file, its output base and class. */
    private record Item(String source, Path file, String base, String cls) {}

    /** What became of one input: its chunks (reused or new), the key it was done for, stale chunk files of an earlier run. */
    private record Done(List<ChunkResult.Row> rows, Journal.Key key, boolean reused, List<String> stale) {}

    /**
     * Cuts every recording below {@code input} into {@code output}.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing is touched): output
     *     and input inside one another, no audio, another build's parameters or input without
     *     overwrite, another run holding the output
     * @throws IllegalArgumentException when {@code input} is not a folder
     */
    public ChunkResult run(Path input, Path output) {
        Inputs inputs = Inputs.audio(input);
        BatchRun.Spec spec = BatchRun.Spec.folder(COMMAND, params.toMap(), overwrite, "metadata.csv");
        try (BatchRun run = BatchRun.open(spec, inputs, output)) {
            return chunk(run, input, output, inputs);
        }
    }

    private ChunkResult chunk(BatchRun run, Path input, Path output, Inputs inputs) {
        List<String> ignored = Inputs.scan(input, 0, rel -> !AudioFiles.isAudio(rel)).files().stream().map(Inputs.Input::source).toList();
        List<String> sources = inputs.files().stream().map(Inputs.Input::source).toList();
        Map<String, String> bases = outputBases(sources);
        List<Item> items = new ArrayList<>();
        for (Inputs.Input in : inputs.files()) {
            items.add(new Item(in.source(), in.file(), bases.get(in.source()), ClassFrom.PARENT.classOf(in.source())));
        }
        Chunker chunker = Chunker.of(params.chunk());
        Path dir = run.folder();
        List<BatchRun.Outcome<Done>> outcomes = BatchRun.map(items, jobs, progress, COMMAND, Item::source,
                it -> process(run, input, dir, it, chunker));

        Failures failures = new Failures();
        failures.addAll(inputs.broken());
        Manifest manifest = run.manifest();
        List<ChunkResult.Row> rows = new ArrayList<>();
        List<String> without = new ArrayList<>();
        Set<String> live = new HashSet<>();
        List<String> stale = new ArrayList<>();
        int reused = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            BatchRun.Outcome<Done> o = outcomes.get(i);
            if (!o.isOk()) {
                failures.add(it.source(), o.error());
                continue;
            }
            Done d = o.value();
            manifest.input(it.source(), d.key().sha256());
            reused += d.reused() ? 1 : 0;
            if (d.rows().isEmpty()) {
                without.add(it.source());
            }
            rows.addAll(d.rows());
            d.rows().forEach(r -> live.add(r.chunk()));
            stale.addAll(d.stale());
        }
        for (String s : stale) { // chunks a changed input no longer has (never one another input now owns)
            if (!live.contains(s)) {
                AtomicFiles.deleteQuietly(dir.resolve(s));
            }
        }
        int sourceCount = items.size() + inputs.broken().size();
        int ok = items.size() - (failures.count() - inputs.broken().size());
        manifest.count("sources", sourceCount).count("processed", ok - reused).count("resumed", reused)
                .count("chunks", rows.size()).count("failures", failures.count()).count("without_chunks", without.size())
                .count("not_audio", ignored.size());
        manifest.section("sources_without_chunks", without).section("not_audio", ignored);
        Csv.writeIfChanged(output.resolve("metadata.csv"), METADATA_COLUMNS, rows.stream().map(ChunkResult.Row::csv).toList());
        BatchRun.Summary s = run.finish(manifest, failures);
        return new ChunkResult(input, output, params, sourceCount, ok - reused, reused, rows, failures.asMap(), without, ignored,
                s.vanished(), s.removed());
    }

    /** One input: reused when its journal entry still holds, else cut (and recorded). */
    private Done process(BatchRun run, Path input, Path dir, Item it, Chunker chunker) {
        Journal.Key key;
        try {
            key = Journal.Key.of(it.source(), it.file());
        } catch (RuntimeException e) {
            throw new Failed(OutputFiles.relativeTo(input, e));
        }
        Journal.Entry previous = run.journal().get(it.source());
        if (previous != null && previous.data() != null && previous.data().isArray()) {
            List<ChunkResult.Row> rows = rows(it, previous.data());
            // today's names too: a new file with the same stem renames a source's chunks
            if (rows.stream().map(ChunkResult.Row::chunk).toList().equals(previous.outputs()) && run.reusable(key) != null) {
                return new Done(rows, key, true, List.of());
            }
        }
        List<String> written = new ArrayList<>();
        try {
            List<ChunkResult.Row> rows;
            try {
                rows = params.streams() ? cutStreaming(dir, it, chunker, written) : cutWhole(dir, it, chunker, written);
            } catch (RateChanged e) {
                written.forEach(p -> AtomicFiles.deleteQuietly(dir.resolve(p)));
                written.clear();
                rows = cutWhole(dir, it, chunker, written);
            }
            ArrayNode data = Json.MAPPER.createArrayNode();
            for (ChunkResult.Row r : rows) {
                data.addArray().add(r.index()).add(r.startS()).add(r.endS()).add(r.sr());
            }
            run.record(key, written, data);
            List<String> stale = new ArrayList<>();
            if (previous != null) {
                previous.outputs().stream().filter(o -> !written.contains(o)).forEach(stale::add);
            }
            return new Done(rows, key, false, stale);
        } catch (RuntimeException | OutOfMemoryError e) {
            written.forEach(p -> AtomicFiles.deleteQuietly(dir.resolve(p))); // no orphan chunks of a failed source
            if (e instanceof RuntimeException) {
                throw new Failed(OutputFiles.relativeTo(input, e));
            }
            throw e;
        }
    }

    /** An input's failure, its message final. */
    private static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message, null, false, false);
        }
    }

    /** The chunks of the whole recording in memory: the path for noise reduction and trimming. */
    private List<ChunkResult.Row> cutWhole(Path dir, Item it, Chunker chunker, List<String> written) {
        AudioClip clip = Audio.load(it.file(), new LoadOptions(params.sr(), true, 0.0, null));
        int sr = clip.sampleRate();
        float[] y = clip.samples();
        clip = null; // one copy of a long recording is enough
        String nonFinite = AudioDecoder.nonFinite(y);
        if (nonFinite != null) {
            throw new IllegalStateException(nonFinite);
        }
        Cleaning.Result cleaned = Cleaning.apply(y, sr, params.cleaning());
        y = null;
        List<ChunkResult.Row> rows = new ArrayList<>();
        for (Chunker.Span s : chunker.spans(cleaned.length(), sr)) { // one chunk in memory at a time
            rows.add(write(dir, it, s, cleaned.chunkSamples(s), cleaned.offset(), sr, written));
        }
        return rows;
    }

    /**
     * The chunks of a recording read block by block: the same spans and samples as
     * {@link #cutWhole} without noise reduction. With trimming or peak normalisation a first pass
     * computes what they need ({@link FirstPass}: the frame RMS of {@link Trim}, the peak of the
     * kept samples); the second cuts.
     */
    private List<ChunkResult.Row> cutStreaming(Path dir, Item it, Chunker chunker, List<String> written) {
        int nativeSr;
        try {
            nativeSr = Audio.probe(it.file()).sampleRate();
        } catch (org.melkit.audio.AudioFileException e) {
            throw new RateChanged(); // unreadable: the whole-recording path fails it with load's own message
        }
        int sr = params.sr() != null ? params.sr() : nativeSr;
        CleaningParams cleaning = params.cleaning();
        long from = 0;
        long to = Long.MAX_VALUE;
        double gain = 1.0;
        if (cleaning.trimTopDb() != null || cleaning.peakTarget() != null) {
            FirstPass first = new FirstPass();
            long n = streamMono(it.file(), nativeSr, sr, first);
            first.finish();
            if (first.bad > 0) {
                throw new IllegalStateException(nonFinite(first.bad, n));
            }
            if (cleaning.trimTopDb() != null && n > 0) {
                Trim.Interval iv = Trim.interval(FloatMatrix.wrap(1, first.frameCount, Arrays.copyOf(first.frames, first.frameCount)),
                        (int) n, cleaning.trimTopDb(), Ref.max(), FirstPass.HOP);
                from = iv.start();
                to = iv.end();
            }
            if (cleaning.peakTarget() != null) {
                float peak = first.peak(from, Math.min(to, n));
                gain = peak == 0f ? 1.0 : cleaning.peakTarget() / peak;
            }
        }
        final double g = gain;
        final long start = from;
        final long end = to;
        boolean scale = gain != 1.0;
        boolean counted = cleaning.trimTopDb() != null || cleaning.peakTarget() != null;
        List<ChunkResult.Row> rows = new ArrayList<>();
        Chunker.Cutter cutter = chunker.cutter(sr);
        long[] bad = {0};
        long[] at = {0};
        java.util.function.Consumer<Chunker.Chunk> sink = c -> {
            if (bad[0] == 0) {
                rows.add(write(dir, it, c.span(), c.samples(), (int) start, sr, written));
            }
        };
        float[][] keptHolder = {new float[BLOCK]};
        long n = streamMono(it.file(), nativeSr, sr, (y, off, k) -> {
            if (keptHolder[0].length < k) {
                keptHolder[0] = new float[k];
            }
            float[] kept = keptHolder[0];
            int m = 0;
            for (int i = 0; i < k; i++, at[0]++) {
                float v = y[off + i];
                if (!counted && !Float.isFinite(v)) {
                    bad[0]++;
                }
                if (at[0] >= start && at[0] < end) {
                    kept[m++] = scale ? (float) (v * g) : v;
                }
            }
            cutter.push(kept, 0, m, sink);
        });
        cutter.finish(sink);
        if (bad[0] > 0) {
            throw new IllegalStateException(nonFinite(bad[0], n));
        }
        return rows;
    }

    /**
     * What trimming and peak normalisation need, gathered as the samples stream by: the
     * non-finite count, the RMS of every centred, zero-padded 2048-sample frame every 512
     * ({@link org.melkit.features.Rms#compute}'s arithmetic: doubles summed in sample order) and
     * the peak of every 512-sample block (trim boundaries fall on those blocks).
     */
    private static final class FirstPass implements Resampler.Sink {
        static final int FRAME = 2048;
        static final int HOP = 512;
        long n;
        long bad;
        float[] frames = new float[1024];
        int frameCount;
        private float[] hopPeak = new float[1024];
        /** Samples from {@code winStart} on, enough for the next frame. */
        private float[] win = new float[2 * FRAME];
        private long winStart;
        private int winLen;

        @Override
        public void accept(float[] y, int off, int k) {
            for (int i = off; i < off + k; i++) {
                float v = y[i];
                if (!Float.isFinite(v)) {
                    bad++;
                }
                int h = (int) (n / HOP);
                if (h >= hopPeak.length) {
                    hopPeak = Arrays.copyOf(hopPeak, 2 * hopPeak.length);
                }
                hopPeak[h] = Math.max(hopPeak[h], Math.abs(v));
                if (winLen == win.length) {
                    win = Arrays.copyOf(win, 2 * win.length);
                }
                win[winLen++] = v;
                n++;
                if (n == frameStart(frameCount) + FRAME) {
                    frame();
                }
            }
        }

        private static long frameStart(int t) {
            return (long) t * HOP - FRAME / 2;
        }

        /** Frame {@code frameCount} from the samples there are (zeros beyond them); drops the samples no later frame reads. */
        private void frame() {
            long start = frameStart(frameCount);
            long a = Math.max(start, 0);
            long b = Math.min(start + FRAME, n);
            double acc = 0;
            for (long j = a; j < b; j++) {
                double v = win[(int) (j - winStart)];
                acc += v * v;
            }
            if (frameCount == frames.length) {
                frames = Arrays.copyOf(frames, 2 * frames.length);
            }
            frames[frameCount++] = (float) Math.sqrt(acc / FRAME);
            long keep = Math.max(0, frameStart(frameCount));
            if (keep > winStart) {
                int drop = (int) Math.min(winLen, keep - winStart);
                System.arraycopy(win, drop, win, 0, winLen - drop);
                winLen -= drop;
                winStart += drop;
            }
        }

        /** The frames still missing at the end: {@code 1 + n / 512} in all ({@code Frames.count}, centred). */
        void finish() {
            long count = 1 + n / HOP;
            while (frameCount < count) {
                frame();
            }
        }

        /** The peak |y| over {@code [from, to)}, both multiples of 512 or {@code to = n}. */
        float peak(long from, long to) {
            float p = 0;
            for (long h = from / HOP; h * HOP < to; h++) {
                p = Math.max(p, hopPeak[(int) h]);
            }
            return p;
        }
    }

    /**
     * {@link Audio#streamMono} with {@code expected}, the rate the headers promise
     * ({@link Audio#probe}); a decoder that gives another (HE-AAC can) makes the source take the
     * whole-recording path.
     */
    private static long streamMono(Path file, int expected, int sr, Resampler.Sink sink) {
        long n = Audio.streamMono(file, expected, sr, sink);
        if (n < 0) {
            throw new RateChanged();
        }
        return n;
    }

    /** The decoder's rate differs from the headers' (or the headers are unreadable): cut from the whole recording instead. */
    private static final class RateChanged extends RuntimeException {
        RateChanged() {
            super("the decoder's rate differs from the file's headers", null, false, false);
        }
    }

    private static final int BLOCK = 1 << 16;

    private static String nonFinite(long bad, long n) {
        return "non-finite samples (" + bad + " of " + n + ")";
    }

    private static ChunkResult.Row write(Path dir, Item it, Chunker.Span s, float[] samples, int offset, int sr, List<String> written) {
        String rel = chunkName(it.base(), s.index());
        Path target = dir.resolve(rel);
        try {
            java.nio.file.Files.createDirectories(target.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot create " + target.getParent() + ": " + e.getMessage(), e);
        }
        Audio.writeWav(target, AudioClip.mono(samples, sr));
        written.add(rel);
        return new ChunkResult.Row(it.source(), rel, it.cls(), s.index(), (double) (offset + s.start()) / sr, (double) (offset + s.end()) / sr, sr);
    }

    /** Rows from a journal entry's data: {@code [index, start_s, end_s, sr]} per chunk. */
    private static List<ChunkResult.Row> rows(Item it, JsonNode data) {
        List<ChunkResult.Row> rows = new ArrayList<>();
        for (JsonNode r : data) {
            int index = r.get(0).asInt();
            rows.add(new ChunkResult.Row(it.source(), chunkName(it.base(), index), it.cls(), index, r.get(1).asDouble(), r.get(2).asDouble(),
                    r.get(3).asInt()));
        }
        return rows;
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
}
