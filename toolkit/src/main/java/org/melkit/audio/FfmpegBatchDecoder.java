package org.melkit.audio;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;
import org.melkit.audio.AudioFileException.Reason;

/**
 * Loads many short media files (MELD's mp4 clips) with {@link Audio#load} semantics while
 * starting one ffmpeg process per batch instead of one per file: decoding thousands of 3-second
 * clips is otherwise dominated by ffmpeg's start-up (about 60 ms per process).
 *
 * <p>One process gets every file of a batch as an input ({@code -i file:A -i file:B ...}) and one
 * output per input ({@code -map k:a:0 -t T -c:a pcm_f32le -f wav TMP/k.wav}): each file's first
 * audio stream as 32-bit float WAV at its native rate and channel count, cut to
 * {@code offset + duration} plus a margin ({@value #MARGIN_SECONDS} s). Each temporary WAV is
 * then read by {@link Audio#load} with the caller's {@link LoadOptions}, so the frame window
 * {@code [int(offset*sr_native), +int(duration*sr_native))}, the down-mix and the soxr_hq-class
 * resampling are exactly the loader's; the decoded samples are those ffmpeg gives
 * {@link Audio#load} for the file itself (same decoder, same sample format).
 *
 * <p>If a batch fails (any input corrupt, or without an audio stream), it is split in halves and
 * each half decoded again, down to single files, so one bad file fails only itself, with ffmpeg's error text classified
 * as {@link FfmpegDecoder} classifies it ({@link AudioFileException.Reason#NO_AUDIO_STREAM} for
 * a video-only file, {@code NOT_AUDIO}/{@code CORRUPT} for a broken one). ffmpeg is found as the
 * loader finds it ({@code -Dmelkit.ffmpeg}, {@code MELKIT_FFMPEG}, {@code PATH}).
 * Immutable and thread-safe: run batches from several threads at once.
 */
public final class FfmpegBatchDecoder {
    /** Seconds decoded beyond {@code offset + duration}, so the loader's frame window is always covered. */
    static final double MARGIN_SECONDS = 0.5;

    /**
     * The default (and largest) number of files per ffmpeg process: beyond it the per-process
     * cost is already below 1 ms a file (see {@link #MIN_BALANCED_BATCH}), while the decoded
     * audio a batch holds grows with it.
     */
    public static final int DEFAULT_BATCH_SIZE = 64;

    private final int batchSize;

    private FfmpegBatchDecoder(int batchSize) {
        if (batchSize <= 0) {
            throw new IllegalArgumentException("batchSize=" + batchSize + " must be > 0; typical: " + DEFAULT_BATCH_SIZE
                    + " files per ffmpeg process (1 decodes each file in its own process)");
        }
        this.batchSize = batchSize;
    }

    /** A decoder starting one ffmpeg process per {@code batchSize} files (1: one process per file). */
    public static FfmpegBatchDecoder of(int batchSize) {
        return new FfmpegBatchDecoder(batchSize);
    }

    /** A decoder with {@value #DEFAULT_BATCH_SIZE} files per process. */
    public static FfmpegBatchDecoder create() {
        return new FfmpegBatchDecoder(DEFAULT_BATCH_SIZE);
    }

    public int batchSize() { return batchSize; }

    /**
     * Fewest files per batch {@link #plan} makes when it splits work for balance. Measured (ffmpeg
     * CPU time, user + sys, for the same 64 three-second AAC+H.264 mp4s at 48 kHz stereo, which is
     * robust to the machine's load where wall time is not): batches of 1/4/8/16/32/64 files took
     * 4.12/1.34/0.90/0.75/0.66/0.60 s, i.e. about 56 ms per process plus 8.5 ms per file. At 8
     * files a process costs 14 ms a file against 9.4 ms at 64, the price of keeping a second core
     * busy on a small split, whose features cost about 15 ms a file in Java.
     */
    static final int MIN_BALANCED_BATCH = 8;

    /**
     * How to cut {@code files} files into batches for {@code threads} workers: as few batches as
     * {@link #batchSize()} allows, but at least {@code 2 * threads}, or one per started
     * {@value #MIN_BALANCED_BATCH} files when there are fewer files, with sizes differing by at
     * most one. So every worker has
     * a batch until near the end (50 files on 2 threads: 13+13+12+12, not one batch of 50 on one
     * core while the other idles), and one worker's ffmpeg decoding overlaps another's features.
     * The batch sizes never change what a file decodes to.
     *
     * @return the batch sizes, in order, summing to {@code files}
     */
    public List<Integer> plan(int files, int threads) {
        if (files < 0 || threads <= 0) {
            throw new IllegalArgumentException("files=" + files + ", threads=" + threads + ": need files >= 0 and threads > 0");
        }
        if (files == 0) {
            return List.of();
        }
        int count = (files + batchSize - 1) / batchSize;
        int balanced = Math.min(2 * threads, (files + MIN_BALANCED_BATCH - 1) / MIN_BALANCED_BATCH);
        count = Math.max(count, balanced);
        List<Integer> sizes = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            sizes.add(files / count + (b < files % count ? 1 : 0));
        }
        return sizes;
    }

    /**
     * One file's outcome: the clip, or why it could not be loaded.
     *
     * @param file the input
     * @param clip the loaded clip (as {@link Audio#load} gives it), or null on failure
     * @param error the failure (its {@link AudioFileException#reason()} says which kind), or null
     */
    public record Loaded(Path file, AudioClip clip, AudioFileException error) {
        public boolean isOk() { return clip != null; }

        /** Whether the file decodes as a container but holds no audio stream (a video-only mp4). */
        public boolean noAudioStream() {
            return error != null && error.reason() == Reason.NO_AUDIO_STREAM;
        }
    }

    /**
     * Loads every file with {@code options} ({@code duration} should be set: only the decoded
     * prefix is kept), in batches of {@link #batchSize()} files per ffmpeg process. Results are
     * in input order, one per file; never throws for a bad file.
     *
     * @throws AudioFileException with reason {@code FFMPEG_MISSING} if ffmpeg cannot be run at all
     */
    public List<Loaded> load(List<Path> files, LoadOptions options) {
        Objects.requireNonNull(options, "options");
        List<Loaded> out = new ArrayList<>(files.size());
        for (int from = 0; from < files.size(); from += batchSize) {
            out.addAll(loadBatch(files.subList(from, Math.min(files.size(), from + batchSize)), options));
        }
        return out;
    }

    private List<Loaded> loadBatch(List<Path> batch, LoadOptions options) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Path tmp;
        try {
            tmp = Files.createTempDirectory("melkit-ffmpeg-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for decoded audio: " + e.getMessage(), e);
        }
        try {
            Run run = run(batch, options, tmp);
            if (run.exitCode == 0) {
                List<Loaded> out = new ArrayList<>(batch.size());
                for (int k = 0; k < batch.size(); k++) {
                    out.add(readBack(batch.get(k), tmp.resolve(k + ".wav"), options, run));
                }
                return out;
            }
            if (batch.size() == 1) {
                Path f = batch.get(0);
                return List.of(new Loaded(f, null, failure(f, run)));
            }
        } finally {
            deleteTree(tmp);
        }
        // one bad file fails the whole process: bisect, so each bad file ends up alone and fails
        // only itself, in about 2 log2(batch) runs per bad file instead of one run per file
        int half = batch.size() / 2;
        List<Loaded> out = new ArrayList<>(batch.size());
        out.addAll(loadBatch(batch.subList(0, half), options));
        out.addAll(loadBatch(batch.subList(half, batch.size()), options));
        return out;
    }

    private static Loaded readBack(Path file, Path wav, LoadOptions options, Run run) {
        try {
            AudioClip clip = Audio.load(wav, options);
            return new Loaded(file, clip, null);
        } catch (AudioFileException e) {
            return new Loaded(file, null, new AudioFileException(file, Reason.CORRUPT, "ffmpeg's decoded output cannot be read: "
                    + e.detail() + "; command: " + run.command, e));
        }
    }

    /**
     * One ffmpeg run. {@code command} shows the temporary folder as {@code TMP}, and ffmpeg's
     * pointer addresses ({@code [mov,mp4 @ 0x55...]}) are removed from {@code stderr}, so error
     * messages (and the failures.csv holding them) are the same on every run.
     */
    private record Run(List<String> command, int exitCode, String stderr) {}

    /** The argument list decoding {@code batch} into {@code tmp/0.wav, tmp/1.wav, ...}. */
    static List<String> command(String ffmpeg, List<Path> batch, LoadOptions options, Path tmp) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ffmpeg);
        cmd.addAll(List.of("-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        for (Path f : batch) {
            cmd.add("-i");
            cmd.add("file:" + f.toAbsolutePath());
        }
        String limit = options.duration() == null ? null
                : String.format(Locale.ROOT, "%.6f", options.offset() + options.duration() + MARGIN_SECONDS);
        for (int k = 0; k < batch.size(); k++) {
            cmd.addAll(List.of("-map", k + ":a:0"));
            if (limit != null) {
                cmd.addAll(List.of("-t", limit));
            }
            cmd.addAll(List.of("-c:a", "pcm_f32le", "-f", "wav", "file:" + tmp.resolve(k + ".wav").toAbsolutePath()));
        }
        return cmd;
    }

    private static Run run(List<Path> batch, LoadOptions options, Path tmp) {
        List<String> cmd = command(ExternalTool.FFMPEG.locate(batch.get(0)).toString(), batch, options, tmp);
        Path errFile = tmp.resolve("stderr.txt");
        Process p;
        try {
            p = new ProcessBuilder(cmd)
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(errFile.toFile())
                    .start();
        } catch (IOException e) {
            throw new AudioFileException(batch.get(0), Reason.FFMPEG_MISSING, "cannot run ffmpeg: " + e.getMessage()
                    + "; install it (Debian: apt-get install ffmpeg); command: " + cmd, e);
        }
        int code = ExternalTool.waitFor(p, cmd);
        String err;
        try {
            err = Files.exists(errFile) ? Files.readString(errFile, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            err = "(stderr unreadable: " + e.getMessage() + ")";
        }
        String tmpText = tmp.toAbsolutePath().toString();
        List<String> shown = cmd.stream().map(a -> a.replace(tmpText, "TMP")).toList();
        return new Run(shown, code, ADDRESS.matcher(err).replaceAll(""));
    }

    private static final java.util.regex.Pattern ADDRESS = java.util.regex.Pattern.compile(" @ 0x[0-9a-fA-F]+");

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows") ? "NUL" : "/dev/null");
    }

    /** The failure of a single-file run, classified from ffmpeg's stderr. */
    private static AudioFileException failure(Path file, Run run) {
        List<String> lines = run.stderr.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        Reason reason = Files.exists(file) ? ExternalTool.classify(lines) : Reason.NOT_FOUND;
        return new AudioFileException(file, reason, ExternalTool.summary(reason) + "ffmpeg failed with exit code " + run.exitCode
                + "; command: " + run.command + "; ffmpeg stderr: " + tail(lines));
    }

    private static String tail(List<String> lines) {
        int keep = ExternalTool.STDERR_TAIL_LINES;
        List<String> last = lines.subList(Math.max(0, lines.size() - keep), lines.size());
        return last.isEmpty() ? "(empty)" : String.join(" | ", last);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless; the decode result matters more
        }
    }
}
