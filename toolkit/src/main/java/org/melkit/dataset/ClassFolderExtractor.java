package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.melkit.dsp.FloatMatrix;
import org.melkit.features.Parallel;
import org.melkit.features.Recipes;

/**
 * Class folders to per-file mel spectrograms ({@code melkit extract}): every first-level,
 * non-hidden sub-folder of the input is a class (sorted by code point, label ids 0..K-1), every
 * non-hidden file below it (recursively, any extension) an input, featurised with recipe_a
 * ({@link Recipes#melDbFixed}) into {@code OUT/features/<class>/<path, last extension -> .npy>}
 * as float32 {@code (nMels, frames)}.
 *
 * <p>Also writes {@code metadata.csv} ({@code path,label,class,source}, by source),
 * {@code labels.json}, {@code failures.csv} and {@code manifest.json}. A re-run with the same
 * parameters decodes no input whose {@code .npy} exists, retries failures and rewrites no file
 * whose bytes would not change; other parameters are refused ({@link RefusedRunException})
 * unless {@link #withOverwrite overwrite} is set. Output is byte-identical for any job count.
 *
 * <pre>{@code
 * ExtractResult r = ClassFolderExtractor.of(MelDbParams.DEFAULT.withFrames(128)).run(in, out);
 * }</pre>
 * Immutable; {@code with…} methods return configured copies.
 */
public final class ClassFolderExtractor {
    static final String COMMAND = "extract";
    static final String FEATURES = "features";
    private static final List<String> OWNED = List.of("metadata.csv", "labels.json", "failures.csv", "manifest.json");

    private final MelDbParams params;
    private final int jobs;
    private final boolean overwrite;
    private final Progress progress;
    private final AudioDecoder decoder;

    private ClassFolderExtractor(MelDbParams params, int jobs, boolean overwrite, Progress progress, AudioDecoder decoder) {
        this.params = Objects.requireNonNull(params, "params");
        if (jobs < 0) {
            throw new IllegalArgumentException("jobs=" + jobs + " must be >= 1, or 0 for all cores");
        }
        this.jobs = jobs;
        this.overwrite = overwrite;
        this.progress = Objects.requireNonNull(progress, "progress");
        this.decoder = Objects.requireNonNull(decoder, "decoder");
    }

    /** An extractor with {@code params}, all cores, no overwrite, no progress display, librosa's load. */
    public static ClassFolderExtractor of(MelDbParams params) {
        return new ClassFolderExtractor(params, 0, false, Progress.none(), AudioDecoder.load());
    }

    /** One call with the defaults: {@code of(MelDbParams.DEFAULT).run(input, output)}. */
    public static ExtractResult extract(Path input, Path output) {
        return of(MelDbParams.DEFAULT).run(input, output);
    }

    /** Worker threads across files; 0 (the default) for all cores. Output does not depend on it. */
    public ClassFolderExtractor withJobs(int v) { return new ClassFolderExtractor(params, v, overwrite, progress, decoder); }

    /** Replace every output of an earlier run, whatever its parameters. */
    public ClassFolderExtractor withOverwrite(boolean v) { return new ClassFolderExtractor(params, jobs, v, progress, decoder); }

    public ClassFolderExtractor withProgress(Progress v) { return new ClassFolderExtractor(params, jobs, overwrite, v, decoder); }

    /** Another way to turn a file into mono samples at {@code sr} (default: {@link AudioDecoder#load()}). */
    public ClassFolderExtractor withDecoder(AudioDecoder v) { return new ClassFolderExtractor(params, jobs, overwrite, progress, v); }

    public MelDbParams params() { return params; }

    /** One input file: its path below the input root, class, and feature path below the output. */
    private record Item(String source, String className, int label, String target) {}

    private enum Status { DECODED, REUSED, FAILED }

    private record Outcome(Status status, String sha256, String error) {}

    /**
     * Runs the extraction from {@code input} into {@code output}.
     *
     * @throws RefusedRunException when {@code output} holds a build with other parameters and
     *     overwrite is off (nothing is touched)
     * @throws IllegalArgumentException when {@code input} is not a folder
     */
    public ExtractResult run(Path input, Path output) {
        if (!Files.isDirectory(input)) {
            throw new IllegalArgumentException("input=" + input + " is not a folder; give the folder whose sub-folders are the classes");
        }
        OutputFiles.checkOutsideInput(input, "input", output);
        checkOutput(output);

        List<String> classes = FileWalk.subfolders(input);
        Map<String, Integer> labels = new LinkedHashMap<>();
        for (String c : classes) {
            labels.put(c, labels.size());
        }
        List<Item> items = new ArrayList<>();
        for (String c : classes) {
            for (String rel : FileWalk.filesRecursive(input.resolve(c))) {
                items.add(new Item(c + "/" + rel, c, labels.get(c), FEATURES + "/" + c + "/" + npyName(rel)));
            }
        }
        // whole-path code-point order: "a-b/x" < "a/x" although class "a" < "a-b"
        items.sort((x, y) -> x.source.compareTo(y.source));

        Map<String, List<String>> byTarget = new TreeMap<>();
        for (Item it : items) {
            byTarget.computeIfAbsent(it.target, k -> new ArrayList<>()).add(it.source);
        }

        if (overwrite) {
            deleteOwned(output);
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + output + ": " + e.getMessage(), e);
        }
        if (!Files.exists(output.resolve("manifest.json"))) {
            // records the parameters first, so an interrupted first run can be resumed (and a
            // re-run with other parameters refused)
            manifest().write(output);
        }
        Set<String> uniqueTargets = new HashSet<>();
        byTarget.forEach((t, sources) -> {
            if (sources.size() == 1) {
                uniqueTargets.add(t);
            }
        });
        cleanFeatures(output, uniqueTargets);

        Failures failures = new Failures();
        AtomicInteger decodes = new AtomicInteger();
        progress.start("extract", items.size());
        List<Outcome> outcomes;
        try {
            outcomes = Parallel.map(items, jobs, it -> {
                Outcome o = process(input, output, it, byTarget.get(it.target), decodes);
                progress.step(it.source);
                return o;
            });
        } finally {
            progress.done();
        }

        Manifest manifest = manifest();
        List<ExtractResult.Row> rows = new ArrayList<>();
        int reused = 0;
        for (int i = 0; i < items.size(); i++) {
            Item it = items.get(i);
            Outcome o = outcomes.get(i);
            if (o.sha256 != null) {
                manifest.input(it.source, o.sha256);
            }
            switch (o.status) {
                case FAILED -> failures.add(it.source, o.error);
                case REUSED -> reused++;
                default -> { }
            }
            if (o.status != Status.FAILED) {
                rows.add(new ExtractResult.Row(it.target, it.label, it.className, it.source));
            }
        }
        manifest.count("classes", classes.size()).count("inputs", items.size()).count("outputs", rows.size())
                .count("failures", failures.count());

        OutputFiles.writeIfChanged(output.resolve("labels.json"), Json.write(labels));
        OutputFiles.writeIfChanged(output.resolve("metadata.csv"), OutputFiles.csv(List.of("path", "label", "class", "source"),
                rows.stream().map(ExtractResult.Row::csv).toList()));
        OutputFiles.writeIfChanged(output.resolve("failures.csv"), OutputFiles.failuresCsv(failures));
        OutputFiles.writeManifestIfChanged(output, manifest);

        return new ExtractResult(input, output, params, labels, rows, failures.asMap(), items.size(), decodes.get(), reused);
    }

    private Outcome process(Path input, Path output, Item it, List<String> sameTarget, AtomicInteger decodes) {
        Path file = input.resolve(it.source);
        String sha;
        try {
            sha = Manifest.sha256(file);
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, null, OutputFiles.describe(file, e));
        }
        if (sameTarget.size() > 1) {
            List<String> others = new ArrayList<>(sameTarget);
            others.remove(it.source);
            return new Outcome(Status.FAILED, sha, "maps to the same output " + it.target + " as " + String.join(", ", others)
                    + "; rename one of them");
        }
        Path target = output.resolve(it.target);
        if (Files.isRegularFile(target)) {
            return new Outcome(Status.REUSED, sha, null);
        }
        try {
            decodes.incrementAndGet();
            float[] y = decoder.decode(file, params.sr());
            if (y.length == 0) {
                return new Outcome(Status.FAILED, sha, "decodes to 0 samples (an empty recording would give an all-zero feature)");
            }
            FloatMatrix m = Recipes.melDbFixed(y, params.sr(), params.nFft(), params.hopLength(), params.nMels(), params.topDb(),
                    params.frames());
            Files.createDirectories(target.getParent());
            Npy.write(target, m);
            return new Outcome(Status.DECODED, sha, null);
        } catch (IOException e) {
            return new Outcome(Status.FAILED, sha, OutputFiles.describe(file, e));
        } catch (RuntimeException e) {
            return new Outcome(Status.FAILED, sha, OutputFiles.describe(file, e));
        }
    }

    private Manifest manifest() {
        Manifest m = new Manifest(COMMAND);
        params.toMap().forEach(m::parameter);
        return m;
    }

    /** Refuses an output folder built with other parameters (or of unknown origin) unless overwriting. */
    private void checkOutput(Path output) {
        if (overwrite || !Files.exists(output)) {
            return;
        }
        if (!Files.isDirectory(output)) {
            throw new RefusedRunException(output, "exists and is not a folder; choose another --output");
        }
        Path manifest = output.resolve("manifest.json");
        String expected = OutputFiles.identity(COMMAND, params.toMap());
        if (Files.isRegularFile(manifest)) {
            String text;
            try {
                text = Files.readString(manifest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
            }
            String found = OutputFiles.identity(text);
            if (!expected.equals(found)) {
                throw new RefusedRunException(output, "was built with other parameters (" + oneLine(found) + ", now "
                        + oneLine(expected) + "); pass --overwrite to replace it, or choose another --output");
            }
        } else if (Files.exists(output.resolve(FEATURES))) {
            throw new RefusedRunException(output, "holds " + FEATURES + "/ but no manifest.json, so its parameters are unknown; "
                    + "pass --overwrite to replace it, or choose another --output");
        }
    }

    private static String oneLine(String identity) {
        return identity == null ? "no parameters recorded" : identity.replaceAll("\\s+", " ");
    }

    private static void deleteOwned(Path output) {
        OutputFiles.deleteTree(output.resolve(FEATURES));
        for (String f : OWNED) {
            OutputFiles.deleteTree(output.resolve(f));
        }
    }

    /**
     * Removes what no longer belongs in {@code features/}: {@code .npy} files that no input maps
     * to alone (a deleted input, or a collision), and temporary files an interrupted run left.
     */
    private static void cleanFeatures(Path output, Set<String> keep) {
        Path dir = output.resolve(FEATURES);
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                String rel = FEATURES + "/" + FileWalk.relative(dir, p);
                boolean stale = name.endsWith(".npy") && !FileWalk.isHidden(p) && !keep.contains(rel);
                boolean tmp = name.startsWith(".") && name.contains(".tmp-");
                if (stale || tmp) {
                    Files.deleteIfExists(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code rel} with its last extension replaced by {@code .npy} ({@code a/x.wav -> a/x.npy}, {@code noext -> noext.npy}). */
    static String npyName(String rel) {
        int slash = rel.lastIndexOf('/');
        int dot = rel.lastIndexOf('.');
        String stem = dot > slash + 1 ? rel.substring(0, dot) : rel;
        return stem + ".npy";
    }
}
