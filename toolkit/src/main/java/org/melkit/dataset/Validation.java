package org.melkit.dataset;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
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
import javax.imageio.ImageIO;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioClip;
import org.melkit.audio.LoadOptions;
import org.melkit.features.Parallel;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import org.melkit.batch.Progress;
import org.melkit.batch.FileWalk;
import org.melkit.batch.AudioFiles;
import org.melkit.io.Csv;

/**
 * Checks a dataset folder before training (the contract of {@code melkit validate}): one finding
 * per non-hidden file (names starting with {@code .} are skipped at any depth), sorted by the
 * path relative to the root in code-point order ({@link String#compareTo}).
 *
 * <p>Each file gets the first status that applies, in this order:
 * <ol>
 * <li>{@code empty}: 0 bytes, or it decodes to 0 samples;</li>
 * <li>{@code corrupt}: it cannot be decoded (audio through {@link Audio#load} at the native rate
 *     with all channels; images, by extension png/jpg/jpeg/bmp/gif, through {@link ImageIO});
 *     a file that is neither audio nor an image by extension is tried as audio;</li>
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
 * are kept, so memory does not grow with the dataset. Files are decoded in parallel; the
 * outcome does not depend on the thread count.
 */
public final class Validation {
    private Validation() {}

    /** A file's status; {@link #toString()} is the lower-case word of the CSV. */
    public enum Status {
        OK, EMPTY, CORRUPT, SILENT, DUPLICATE, MISPLACED;

        @Override
        public String toString() { return name().toLowerCase(Locale.ROOT); }
    }

    /** One row of the report: {@code source} relative to the root with {@code /}. */
    public record Finding(String source, Status status, String detail) {}

    /** The findings in report order, with counts per status. */
    public record Report(List<Finding> findings) {
        public Report {
            findings = List.copyOf(findings);
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
            for (Finding f : findings) {
                if (f.source().equals(source)) {
                    return f;
                }
            }
            return null;
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
            try (Csv.Writer w = Csv.writer(csv, List.of("source", "status", "detail"))) {
                for (Finding f : findings) {
                    w.row(f.source(), f.status().toString(), f.detail());
                }
            }
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("Validation.Report[" + findings.size() + " files:");
            counts().forEach((k, v) -> {
                if (v > 0) {
                    sb.append(' ').append(k).append(' ').append(v);
                }
            });
            sb.append(']');
            for (Finding f : findings) {
                if (f.status() != Status.OK) {
                    sb.append("\n  ").append(f.status()).append(": ").append(f.source());
                    if (!f.detail().isEmpty()) {
                        sb.append(" (").append(f.detail()).append(')');
                    }
                }
            }
            return sb.toString();
        }
    }

    /** Validates {@code root} on all cores. */
    public static Report validate(Path root) {
        return validate(root, 0, Progress.none());
    }

    /**
     * Validates {@code root}.
     *
     * @param threads worker threads, 0 = all cores
     */
    public static Report validate(Path root, int threads, Progress progress) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("input " + root + " is not a directory; give the dataset folder that holds the class folders");
        }
        List<String> files = FileWalk.filesRecursive(root);
        progress.start("validate", files.size());
        List<Inspection> inspections = Parallel.map(files, threads, rel -> {
            Inspection i = inspect(root, rel);
            progress.step(rel);
            return i;
        });
        progress.done();
        Map<String, String> firstByBytes = new HashMap<>();
        Map<String, String> firstByContent = new HashMap<>();
        List<Finding> out = new ArrayList<>(files.size());
        for (Inspection i : inspections) {
            out.add(decide(i, firstByBytes, firstByContent));
        }
        return new Report(out);
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
            String byteHash, String contentHash) {}

    private static Inspection inspect(Path root, String rel) {
        Path file = root.resolve(rel);
        boolean image = AudioFiles.isImage(rel);
        try {
            if (Files.size(file) == 0) {
                return new Inspection(rel, image, "0 bytes", null, null, null, null);
            }
        } catch (IOException e) {
            return new Inspection(rel, image, null, "cannot read: " + e.getMessage(), null, null, null);
        }
        String bytes;
        try {
            bytes = sha256(file);
        } catch (IOException e) {
            return new Inspection(rel, image, null, "cannot read: " + e.getMessage(), null, null, null);
        }
        if (image) {
            try {
                BufferedImage img = ImageIO.read(file.toFile());
                if (img == null) {
                    return new Inspection(rel, true, null, "not a readable image (no ImageIO reader accepts it)", null, bytes, null);
                }
                if (img.getWidth() == 0 || img.getHeight() == 0) {
                    return new Inspection(rel, true, "0 pixels", null, null, bytes, null);
                }
                return new Inspection(rel, true, null, null, null, bytes, pixelHash(img));
            } catch (IOException | RuntimeException e) {
                return new Inspection(rel, true, null, "not a readable image: " + Eda.relativeMessage(root, e), null, bytes, null);
            }
        }
        AudioClip clip;
        try {
            clip = Audio.load(file, LoadOptions.NATIVE.withMono(false));
        } catch (RuntimeException e) {
            return new Inspection(rel, false, null, Eda.relativeMessage(root, e), null, bytes, null);
        }
        if (clip.length() == 0) {
            return new Inspection(rel, false, "0 samples", null, null, bytes, null);
        }
        if (clip.peak() == 0f) {
            return new Inspection(rel, false, null, null, "all " + clip.length() + " samples are 0", bytes, null);
        }
        return new Inspection(rel, false, null, null, null, bytes, sampleHash(clip));
    }

    /** SHA-256 of rate, channel count, length and every sample's float32 bits, channel after channel. */
    static String sampleHash(AudioClip clip) {
        MessageDigest md = sha();
        ByteBuffer head = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
        head.putInt(clip.sampleRate()).putInt(clip.channelCount()).putLong(clip.length());
        md.update(head.array());
        ByteBuffer buf = ByteBuffer.allocate(4 * 8192).order(ByteOrder.LITTLE_ENDIAN);
        for (int c = 0; c < clip.channelCount(); c++) {
            for (float v : clip.channel(c)) {
                if (!buf.hasRemaining()) {
                    md.update(buf.array(), 0, buf.position());
                    buf.clear();
                }
                buf.putFloat(v);
            }
        }
        md.update(buf.array(), 0, buf.position());
        return "audio:" + HexFormat.of().formatHex(md.digest());
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

    private static String sha256(Path file) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = new byte[1 << 16];
            for (int r; (r = in.read(b)) > 0; ) {
                md.update(b, 0, r);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
