package org.melkit.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioInfo;
import org.melkit.batch.AudioFiles;
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
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Checks a dataset folder before training (the {@code melkit validate} command), a recipe over
 * the batch runtime ({@link BatchRun}, single-file shape): one finding per audio or image file
 * (by extension, {@link AudioFiles}; other files, such as melkit's own CSV and JSON sidecars, are
 * not inputs), found as every job finds its inputs ({@link Inputs}: hidden names skipped at any
 * depth, links followed, each real file once), sorted by the path relative to the root in
 * code-point order. A broken link or a link loop is a finding {@code corrupt} naming the link,
 * and a row of the failures sidecar.
 *
 * <p>Each file gets the first status that applies, in this order:
 * <ol>
 * <li>{@code empty}: 0 bytes, or it decodes to 0 samples;</li>
 * <li>{@code corrupt}: it cannot be decoded (audio as {@code load(sr=None, mono=False)}, streamed
 *     in blocks, so a recording of any length fits in a small heap; images through
 *     {@link ImageIO}), or it decodes to NaN or Inf samples ({@code non-finite samples (N of M)},
 *     M counting every channel's samples);</li>
 * <li>{@code silent}: every decoded sample is exactly 0 (audio only);</li>
 * <li>{@code duplicate}: it has the same decoded samples, sample rate and channel count as an
 *     earlier file in this order (even across formats: a FLAC of a WAV), or the same pixels as an
 *     earlier image, or the same bytes as an earlier file; the detail names the first copy;</li>
 * <li>{@code misplaced}: it lies directly in the root, outside any class folder;</li>
 * <li>{@code ok}.</li>
 * </ol>
 *
 * <p>Duplicates are found by SHA-256 hashes of the decoded content (rate, channels, length and
 * the float32 bits of every sample; width, height and ARGB pixels) and of the bytes: only hashes
 * are kept, so memory does not grow with the dataset. {@link #run} writes the report
 * {@code r.csv} ({@code source,status,detail}) with {@code r.manifest.json},
 * {@code r.failures.csv} and {@code r.journal.jsonl} beside it; a re-run decodes only the files
 * that are new or changed (size, time, SHA-256; corrupt files are tried again) and drops those
 * that are gone. Output is identical for any job count.
 *
 * <pre>{@code
 * Validation.Report r = Validation.validate(Path.of("data"));                       // in memory
 * Validation.of().withJobs(2).run(Path.of("data"), Path.of("validate.csv"));       // the report, resumable
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class Validation {
    static final String COMMAND = "validate";
    private static final int BLOCK_FRAMES = 1 << 16;

    /** A file's status; {@link #toString()} is the lower-case word of the CSV. */
    public enum Status {
        OK, EMPTY, CORRUPT, SILENT, DUPLICATE, MISPLACED;

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One row of the report: {@code source} relative to the root with {@code /}. */
    public record Finding(String source, Status status, String detail) {}

    /**
     * The findings in report order, with counts per status.
     *
     * @param ignored files that are neither audio nor images (by extension), not validated
     * @param failures inputs that could not be read at all (broken links, loops, unreadable files), by relative
     *     path: the rows of the failures sidecar; each is also a finding {@code corrupt}
     * @param reused files whose inspection was taken from an earlier run's journal (0 in memory)
     * @param vanished files of the earlier report that are gone (their rows are removed)
     */
    public record Report(List<Finding> findings, List<String> ignored, Map<String, String> failures, int reused, List<String> vanished) {
        public Report {
            findings = List.copyOf(findings);
            ignored = List.copyOf(ignored);
            failures = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(failures));
            vanished = List.copyOf(vanished);
        }

        /** Files per status, every status present (0 when none). */
        public Map<Status, Integer> counts() {
            Map<Status, Integer> m = new EnumMap<>(Status.class);
            for (Status s : Status.values()) {
                m.put(s, 0);
            }
            for (Finding f : findings) {
                m.merge(f.status(), 1, Integer::sum);
            }
            return m;
        }

        /** The finding for {@code source}, or null. */
        public Finding get(String source) {
            return findings.stream().filter(f -> f.source().equals(source)).findFirst().orElse(null);
        }

        /** {@code source, status, detail} as a Tablesaw table. */
        public Table toTable() {
            StringColumn s = StringColumn.create("source");
            StringColumn st = StringColumn.create("status");
            StringColumn d = StringColumn.create("detail");
            for (Finding f : findings) {
                s.append(f.source());
                st.append(f.status().toString());
                d.append(f.detail());
            }
            return Table.create("validation", s, st, d);
        }

        /** Writes the CSV of the contract: header {@code source,status,detail}, one row per finding (atomically). */
        public void write(Path csv) {
            Csv.write(csv, HEADER, rows());
        }

        private List<List<?>> rows() {
            return findings.stream().<List<?>>map(f -> List.of(f.source(), f.status().toString(), f.detail())).toList();
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Validation.Report[" + findings.size() + " files:");
            counts().forEach((k, v) -> {
                if (v > 0) {
                    sb.append(' ').append(k).append(' ').append(v);
                }
            });
            sb.append(ignored.isEmpty() ? "" : "; " + ignored.size() + " other files ignored").append(reused > 0 ? "; " + reused + " reused" : "")
                    .append(']');
            for (Finding f : findings) {
                if (f.status() != Status.OK) {
                    sb.append("\n  ").append(f.status()).append(": ").append(f.source());
                    if (!f.detail().isEmpty()) {
                        sb.append(" (").append(f.detail()).append(')');
                    }
                }
            }
            if (!vanished.isEmpty()) {
                sb.append("\n  gone since the last run, rows removed: ").append(String.join(", ", vanished));
            }
            return sb.toString();
        }
    }

    /** The report's header. */
    public static final List<String> HEADER = List.of("source", "status", "detail");

    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;

    private Validation(int jobs, boolean overwrite, Progress progress) {
        this.jobs = Parallel.checkJobs(jobs);
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    /** A validation on all cores, no overwrite, no progress display (it has no parameters). */
    public static Validation of() {
        return new Validation(0, false, Progress.none());
    }

    /** One call, in memory: {@code of().compute(root)}. */
    public static Report validate(Path root) {
        return of().compute(root);
    }

    /** One call writing the report: {@code of().run(input, csv)}. */
    public static Report report(Path input, Path csv) {
        return of().run(input, csv);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public Validation withJobs(int v) { return new Validation(v, overwrite, progress); }

    /** Replace a report made from another input folder. */
    public Validation withOverwrite(boolean v) { return new Validation(jobs, v, progress); }

    public Validation withProgress(Progress v) { return new Validation(jobs, overwrite, v); }

    /** The report of {@code input} in memory, writing nothing (no resume). */
    public Report compute(Path input) {
        return compute(find(input), null);
    }

    /**
     * Writes the report of {@code input} to the CSV {@code csv} (and its sidecars), reusing the
     * inspections of unchanged files from an earlier run.
     *
     * @throws RefusedRunException when a batch rule refuses the run (nothing touched): the report
     *     inside the input, no audio, a report of another input without overwrite, another run
     *     on the same report, a file there that melkit did not write
     * @throws IllegalArgumentException if {@code input} is not a folder
     */
    public Report run(Path input, Path csv) {
        Found f = find(input);
        try (BatchRun run = BatchRun.open(BatchRun.Spec.file(COMMAND, Map.of(), overwrite), f.inputs, csv)) {
            Report r = compute(f, run);
            Csv.writeIfChanged(run.output(), HEADER, r.rows());
            Failures failures = new Failures();
            failures.addAll(r.failures());
            Manifest m = run.manifest();
            f.hashes.forEach(m::input);
            m.count("inputs", r.findings().size()).count("outputs", r.findings().size()).count("failures", failures.count());
            r.counts().forEach((k, v) -> m.count(k.toString(), v));
            BatchRun.Summary s = run.finish(m, failures);
            return new Report(r.findings(), r.ignored(), r.failures(), r.reused(), s.vanished());
        }
    }

    /** The inputs, the other files, and (filled by a run) each input's hash and the inputs that could not be read. */
    private record Found(Inputs inputs, List<String> ignored, Map<String, String> hashes, Map<String, String> unreadable) {}

    private static Found find(Path input) {
        Inputs all = Inputs.scan(input, 0, rel -> true);
        List<Inputs.Input> files = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        for (Inputs.Input in : all.files()) {
            if (AudioFiles.isAudio(in.source()) || AudioFiles.isImage(in.source())) {
                files.add(in);
            } else {
                ignored.add(in.source());
            }
        }
        return new Found(new Inputs(input, files, all.broken()), ignored, java.util.Collections.synchronizedMap(new java.util.TreeMap<>()),
                new java.util.TreeMap<>(all.broken()));
    }

    private Report compute(Found f, BatchRun run) {
        Path root = f.inputs.root();
        List<Inputs.Input> files = f.inputs.files();
        List<BatchRun.Outcome<Inspection>> done = BatchRun.map(files, jobs, progress, COMMAND, Inputs.Input::source, in -> {
            Journal.Key key = run == null ? null : Journal.Key.of(in.source(), in.file());
            if (key != null) {
                f.hashes.put(in.source(), key.sha256());
                Journal.Entry e = run.reusable(key);
                if (e != null && e.data() != null) {
                    return Inspection.of(in.source(), key.sha256(), e.data());
                }
            }
            Inspection i = inspect(root, in, key == null ? null : key.sha256());
            if (key != null && i.error == null) {
                run.record(key, List.of(), i.toJson());
            }
            return i;
        });
        // every input in order, broken links among them, then the order-dependent decisions
        Map<String, Inspection> all = new java.util.TreeMap<>();
        for (int i = 0; i < files.size(); i++) {
            BatchRun.Outcome<Inspection> o = done.get(i);
            String src = files.get(i).source();
            if (!o.isOk()) {
                f.unreadable.put(src, o.error());
            }
            all.put(src, o.isOk() ? o.value() : Inspection.corrupt(src, o.error()));
        }
        f.inputs.broken().forEach((src, why) -> all.put(src, Inspection.corrupt(src, why)));
        Map<String, String> firstByBytes = new HashMap<>();
        Map<String, String> firstByContent = new HashMap<>();
        List<Finding> out = new ArrayList<>(all.size());
        int reused = 0;
        for (Inspection i : all.values()) {
            out.add(decide(i, firstByBytes, firstByContent));
            reused += i.reused ? 1 : 0;
        }
        return new Report(out, f.ignored, f.unreadable, reused, List.of());
    }

    private static Finding decide(Inspection i, Map<String, String> firstByBytes, Map<String, String> firstByContent) {
        if (i.emptyDetail != null) {
            return new Finding(i.source, Status.EMPTY, i.emptyDetail);
        }
        if (i.error != null) {
            return new Finding(i.source, Status.CORRUPT, i.error);
        }
        if (i.silentDetail != null) {
            return new Finding(i.source, Status.SILENT, i.silentDetail);
        }
        String sameContent = firstByContent.putIfAbsent(i.contentHash, i.source);
        String sameBytes = firstByBytes.putIfAbsent(i.byteHash, i.source);
        if (sameContent != null) {
            return new Finding(i.source, Status.DUPLICATE, (i.image ? "same pixels as " : "same samples as ") + sameContent);
        }
        if (sameBytes != null) {
            return new Finding(i.source, Status.DUPLICATE, "same bytes as " + sameBytes);
        }
        if (!i.source.contains("/")) {
            return new Finding(i.source, Status.MISPLACED, "directly in the input folder; move it into a class folder");
        }
        return new Finding(i.source, Status.OK, "");
    }

    /** What one file turned out to be; holds hashes, never samples. */
    private record Inspection(String source, boolean image, String emptyDetail, String error, String silentDetail,
                              String byteHash, String contentHash, boolean reused) {
        static Inspection corrupt(String source, String error) {
            return new Inspection(source, false, null, error, null, null, null, false);
        }

        JsonNode toJson() {
            ObjectNode n = Json.MAPPER.createObjectNode().put("image", image);
            n.put("empty", emptyDetail).put("silent", silentDetail).put("content", contentHash);
            return n;
        }

        static Inspection of(String source, String byteHash, JsonNode n) {
            return new Inspection(source, n.path("image").asBoolean(), text(n, "empty"), null, text(n, "silent"), byteHash,
                    text(n, "content"), true);
        }

        private static String text(JsonNode n, String k) {
            return n.hasNonNull(k) ? n.get(k).asText() : null;
        }
    }

    private static Inspection inspect(Path root, Inputs.Input in, String knownBytes) {
        String rel = in.source();
        Path file = in.file();
        boolean image = AudioFiles.isImage(rel);
        try {
            if (Files.size(file) == 0) {
                return new Inspection(rel, image, "0 bytes", null, null, null, null, false);
            }
        } catch (IOException e) { // unreadable: a failure row (and a corrupt finding), as when the run hashes it
            throw new java.io.UncheckedIOException("cannot read " + rel + ": " + e.getMessage(), e);
        }
        String bytes = knownBytes != null ? knownBytes : Journal.sha256(file);
        if (image) {
            try {
                BufferedImage img = ImageIO.read(file.toFile());
                if (img == null) {
                    return new Inspection(rel, true, null, "not a readable image (no ImageIO reader accepts it)", null, bytes, null, false);
                }
                if (img.getWidth() == 0 || img.getHeight() == 0) {
                    return new Inspection(rel, true, "0 pixels", null, null, bytes, null, false);
                }
                return new Inspection(rel, true, null, null, null, bytes, pixelHash(img), false);
            } catch (IOException | RuntimeException e) {
                return new Inspection(rel, true, null, "not a readable image: " + OutputFiles.relativeTo(root, e), null, bytes, null, false);
            }
        }
        SampleDigest d = new SampleDigest();
        AudioInfo info;
        try {
            info = Audio.stream(file, BLOCK_FRAMES, d::add);
        } catch (RuntimeException e) {
            return new Inspection(rel, false, null, OutputFiles.relativeTo(root, e), null, bytes, null, false);
        }
        if (info.frames() == 0) {
            return new Inspection(rel, false, "0 samples", null, null, bytes, null, false);
        }
        if (d.nonFinite > 0) {
            return new Inspection(rel, false, null, "non-finite samples (" + d.nonFinite + " of " + info.frames() * info.channels() + ")",
                    null, bytes, null, false);
        }
        if (d.allZero) {
            return new Inspection(rel, false, null, null, "all " + info.frames() + " samples are 0", bytes, null, false);
        }
        return new Inspection(rel, false, null, null, null, bytes, d.hash(info), false);
    }

    /**
     * The decoded samples' hash, built block by block: one SHA-256 per channel over its float32
     * bits, then the SHA-256 of rate, channel count, length and those channel digests.
     */
    private static final class SampleDigest {
        MessageDigest[] channels;
        long nonFinite;
        boolean allZero = true;
        private final ByteBuffer buf = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);

        void add(float[][] block) {
            if (channels == null) {
                channels = new MessageDigest[block.length];
                for (int c = 0; c < block.length; c++) {
                    channels[c] = sha();
                }
            }
            for (int c = 0; c < block.length; c++) {
                for (float v : block[c]) {
                    if (!buf.hasRemaining()) {
                        channels[c].update(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(v);
                    if (!Float.isFinite(v)) {
                        nonFinite++;
                    } else if (v != 0f) {
                        allZero = false;
                    }
                }
                channels[c].update(buf.array(), 0, buf.position());
                buf.clear();
            }
        }

        String hash(AudioInfo info) {
            MessageDigest md = sha();
            ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            head.putInt(info.sampleRate()).putInt(info.channels()).putLong(info.frames());
            md.update(head.array());
            for (MessageDigest c : channels) {
                md.update(c.digest());
            }
            return "audio:" + HexFormat.of().formatHex(md.digest());
        }
    }

    /** SHA-256 of width, height and the ARGB value of every pixel. */
    static String pixelHash(BufferedImage img) {
        MessageDigest md = sha();
        int w = img.getWidth();
        int h = img.getHeight();
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.max(2, w)).order(ByteOrder.LITTLE_ENDIAN);
        buf.putInt(w).putInt(h);
        md.update(buf.array(), 0, 8);
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            buf.clear();
            for (int v : row) {
                buf.putInt(v);
            }
            md.update(buf.array(), 0, 4 * w);
        }
        return "image:" + HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
