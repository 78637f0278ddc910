package org.melkit.dataset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.melkit.audio.Audio;
import org.melkit.audio.AudioFileException;
import org.melkit.audio.LoadOptions;
import org.melkit.features.Parallel;
import org.melkit.features.Recipes;
import org.melkit.io.Npy;
import org.melkit.batch.Progress;
import org.melkit.batch.Failures;
import org.melkit.batch.Manifest;
import org.melkit.batch.FileWalk;
import org.melkit.io.Csv;
import org.melkit.io.AtomicFiles;

/**
 * Music summaries (the {@code melkit summary} command, the conformance kit's {@code recipe_c}):
 * one row per readable file in the first-level folders of an input folder (not recursive; files
 * directly in the input folder and hidden files and folders are ignored), with
 * {@code folder,file,mfcc_1..mfcc_N} (means over time of librosa's {@code mfcc(y, sr, n_mfcc)};
 * mfcc_1 is coefficient 0), {@code spectral_centroid} (mean, Hz), {@code zero_crossing_rate}
 * (mean), and with {@code pca = K} also {@code pc_1..pc_K}: the N+2 feature columns standardised
 * with the population std and projected on the principal axes ({@link Pca}).
 *
 * <p>Rows are sorted by the code-point order of {@code folder/file} (melkit's one sort rule),
 * which is folder then file except where a folder name continues with a character below
 * {@code /} ({@code a-b/x} before {@code a/x}). A file that cannot be decoded, or decodes to 0
 * samples, is a failure (listed, not a row). Files are processed in parallel; output is identical
 * for any thread count.
 *
 * <pre>{@code
 * SummaryResult r = MusicSummary.build(Path.of("music"), SummaryParams.DEFAULT.withPca(2));
 * r.table()      // a Tablesaw table: folder, file, mfcc_1..13, spectral_centroid, zero_crossing_rate, pc_1, pc_2
 * }</pre>
 */
public final class MusicSummary {
    private MusicSummary() {}

    /** {@code build(input, params, 0 (all cores), Progress.none())}. */
    public static SummaryResult build(Path input, SummaryParams params) {
        return build(input, params, 0, Progress.none());
    }

    /**
     * Summarises every readable file in the first-level folders of {@code input}.
     *
     * @param jobs threads (0: all cores)
     * @throws IllegalArgumentException if {@code input} is not a folder, or {@code pca} exceeds
     *         min(rows, features) of what could be read
     */
    public static SummaryResult build(Path input, SummaryParams params, int jobs, Progress progress) {
        return build(input, params, jobs, progress, null);
    }

    /**
     * As {@link #build(Path, SummaryParams, int, Progress)}, resuming through {@code cacheDir}:
     * each readable file's row is kept there under a key of its content hash and the parameters,
     * so a re-run (after an interruption, or with more files) decodes only what is new or changed.
     * Failures are not cached: they are retried. {@code null}: no cache.
     */
    public static SummaryResult build(Path input, SummaryParams params, int jobs, Progress progress, Path cacheDir) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(progress, "progress");
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("input=" + input + " is not a folder; give a folder whose sub-folders hold the audio files");
        }
        List<String> sources = inputs(input);
        progress.start("summary", sources.size());
        List<Item> items;
        try {
            items = Parallel.map(sources, jobs, src -> {
                Item it = summarise(input, src, params, cacheDir);
                progress.step(src);
                return it;
            });
        } finally {
            progress.done();
        }
        List<String> ok = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        Failures failures = new Failures();
        Map<String, String> hashes = new java.util.TreeMap<>();
        for (Item it : items) {
            hashes.put(it.source, it.sha256);
            if (it.error != null) {
                failures.add(it.source, it.error);
            } else {
                ok.add(it.source);
                values.add(it.values);
            }
        }
        Pca.Result pca = null;
        if (params.pca() != null) {
            pca = Pca.standardiseAndProject(values.toArray(new double[0][]), checkK(params.pca(), values.size(), params.nMfcc() + 2));
        }
        return new SummaryResult(columns(params.nMfcc(), pca == null ? 0 : pca.k()), rows(ok, values, pca), failures.asMap(),
                hashes, pca, params);
    }

    private static int checkK(int k, int rows, int features) {
        if (k > Math.min(rows, features)) {
            throw new IllegalArgumentException("pca=" + k + " components need at least " + k + " readable files and "
                    + "features; there are " + rows + " rows x " + features + " features; use --pca <= " + Math.min(rows, features));
        }
        return k;
    }

    /** The inputs: non-hidden files directly inside each non-hidden first-level folder, as {@code folder/file}, sorted. */
    public static List<String> inputs(Path input) {
        List<String> out = new ArrayList<>();
        for (String folder : FileWalk.subfolders(input)) {
            for (String file : FileWalk.filesIn(input.resolve(folder))) {
                out.add(folder + "/" + file);
            }
        }
        out.sort(String::compareTo);
        return out;
    }

    private record Item(String source, double[] values, String error, String sha256) {}

    private static Item summarise(Path input, String source, SummaryParams p, Path cacheDir) {
        Path file = input.resolve(source);
        String sha = Manifest.sha256(file);
        Path cached = cacheDir == null ? null : cacheDir.resolve(sha + "-sr" + p.sr() + "-mfcc" + p.nMfcc() + ".row");
        if (cached != null && Files.isRegularFile(cached)) {
            try {
                double[] v = java.util.Arrays.stream(Files.readString(cached).trim().split("\n")).mapToDouble(Double::parseDouble).toArray();
                if (v.length == p.nMfcc() + 2) {
                    return new Item(source, v, null, sha);
                }
            } catch (java.io.IOException | NumberFormatException e) {
                // an unreadable cache entry is recomputed below
            }
        }
        try {
            float[] y = Audio.load(file, LoadOptions.atRate(p.sr())).samples();
            if (y.length == 0) {
                return new Item(source, null, "decodes to 0 samples (librosa would give all-zero features)", sha);
            }
            double[] v = Recipes.summary(y, p.sr(), p.nMfcc());
            if (cached != null) {
                writeCache(cached, v);
            }
            return new Item(source, v, null, sha);
        } catch (AudioFileException e) {
            return new Item(source, null, Failures.describe(e), sha);
        }
    }

    /** One row per file, {@link Double#toString} per line (exact round trip), renamed into place. */
    private static void writeCache(Path cached, double[] v) {
        StringBuilder sb = new StringBuilder();
        for (double d : v) {
            sb.append(d).append('\n');
        }
        Path tmp = AtomicFiles.tempSibling(cached);
        try {
            Files.createDirectories(cached.getParent());
            Files.writeString(tmp, sb.toString());
            AtomicFiles.moveIntoPlace(tmp, cached);
        } catch (java.io.IOException e) {
            // the cache only saves time; the row itself is still returned
            try {
                Files.deleteIfExists(tmp);
            } catch (java.io.IOException ignored) {
                // nothing more to do
            }
        }
    }

    /** The cache folder the CLI keeps beside {@code output}: {@code .<name>.cache}. */
    public static Path cacheDirFor(Path output) {
        Path abs = output.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".cache");
    }

    /** The column names for {@code nMfcc} coefficients and {@code k} components (0: none). */
    public static List<String> columns(int nMfcc, int k) {
        List<String> c = new ArrayList<>(List.of("folder", "file"));
        for (int i = 1; i <= nMfcc; i++) {
            c.add("mfcc_" + i);
        }
        c.add("spectral_centroid");
        c.add("zero_crossing_rate");
        for (int i = 1; i <= k; i++) {
            c.add("pc_" + i);
        }
        return c;
    }

    private static List<SummaryResult.Row> rows(List<String> sources, List<double[]> values, Pca.Result pca) {
        List<SummaryResult.Row> out = new ArrayList<>(sources.size());
        for (int i = 0; i < sources.size(); i++) {
            String s = sources.get(i);
            int slash = s.indexOf('/');
            double[] v = values.get(i);
            double[] all = pca == null ? v : java.util.Arrays.copyOf(v, v.length + pca.k());
            if (pca != null) {
                System.arraycopy(pca.scores()[i], 0, all, v.length, pca.k());
            }
            out.add(new SummaryResult.Row(s.substring(0, slash), s.substring(slash + 1), all));
        }
        return out;
    }

    /**
     * Writes {@code r}'s rows to {@code csv} (numbers with {@link Double#toString}), and
     * {@code failures.csv} and {@code manifest.json} next to it; each written under a temporary
     * name and renamed.
     */
    public static void write(SummaryResult r, Path csv, Path input) {
        List<List<?>> rows = new ArrayList<>(r.rows().size());
        for (SummaryResult.Row sr : r.rows()) {
            List<Object> row = new ArrayList<>(sr.size() + 2);
            row.add(sr.folder());
            row.add(sr.file());
            for (int c = 0; c < sr.size(); c++) {
                row.add(Double.toString(sr.value(c)));
            }
            rows.add(row);
        }
        Csv.write(csv, r.columns(), rows);
        Path dir = csv.toAbsolutePath().getParent();
        Failures f = new Failures();
        r.failures().forEach(f::add);
        f.write(dir.resolve("failures.csv"));
        Manifest m = new Manifest("summary")
                .parameter("input", input.toString())
                .parameter("output", csv.getFileName().toString())
                .parameter("sr", r.params().sr())
                .parameter("n_mfcc", r.params().nMfcc())
                .parameter("pca", r.params().pca());
        r.inputHashes().forEach(m::input);
        m.count("inputs", r.inputHashes().size()).count("outputs", r.rows().size()).count("failures", r.failures().size());
        m.write(dir);
    }
}
