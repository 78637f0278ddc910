package org.melkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;
import org.melkit.features.Parallel;
import org.melkit.io.AtomicFiles;

/**
 * The one runtime every batch job runs on. A job scans its inputs ({@link Inputs}), opens a run,
 * maps its work over the inputs, and finishes the run; the runtime keeps the rules:
 * <ol>
 *   <li>input and output are compared as real paths: an output (or report file) inside an input,
 *       or an input inside the output, is refused with nothing touched;</li>
 *   <li>an input with no audio is refused ("no audio files under DIR"); an output built from
 *       another input folder, or with other parameters, is refused unless {@code overwrite},
 *       which removes only the files the earlier manifest and journal list as the job's own;</li>
 *   <li>one run per output: a lock file naming the pid ({@link OutputLock});</li>
 *   <li>temporary files of an earlier killed run are removed at start;</li>
 *   <li>a {@link Journal} keys every finished input by path, size, time, hash and parameters;
 *       at {@link #finish} the outputs of inputs that are gone (or now fail) are removed;</li>
 *   <li>a job that writes one file ({@link Shape#FILE}) names its sidecars after it:
 *       {@code s.csv -> s.manifest.json, s.failures.csv, s.journal.jsonl}.</li>
 * </ol>
 *
 * <pre>{@code
 * Inputs inputs = Inputs.audio(input, 1);
 * try (BatchRun run = BatchRun.open(BatchRun.Spec.folder("extract", params.toMap(), overwrite, "features"), inputs, output)) {
 *     List<BatchRun.Outcome<Feature>> done = run.map(inputs.files(), jobs, progress, in -> work(run, in));
 *     ...
 *     BatchRun.Summary s = run.finish(manifest, failures);
 * }
 * }</pre>
 * Not thread-safe itself except {@link #map}, {@link #reusable} and {@link #record}, which the
 * workers call.
 */
public final class BatchRun implements AutoCloseable {
    /** Whether a job writes a folder of outputs or one file. */
    public enum Shape { FOLDER, FILE }

    /**
     * What a job tells the runtime about itself.
     *
     * @param command the command name recorded in the manifest ({@code extract})
     * @param parameters the job's parameters under their snake_case names, in a fixed order
     * @param shape folder or single-file output
     * @param owned for a folder job, the top-level names it writes besides manifest, failures and
     *     journal (files or folders, e.g. {@code metadata.csv}, {@code features}); their presence
     *     in a folder without a manifest is refused
     * @param overwrite replace an earlier build whatever its parameters or input
     */
    public record Spec(String command, Map<String, Object> parameters, Shape shape, List<String> owned, boolean overwrite) {
        public Spec {
            Objects.requireNonNull(command, "command");
            parameters = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(parameters));
            owned = List.copyOf(owned);
        }

        /** A job writing a folder ({@code owned}: its top-level outputs, e.g. {@code "features", "metadata.csv"}). */
        public static Spec folder(String command, Map<String, Object> parameters, boolean overwrite, String... owned) {
            return new Spec(command, parameters, Shape.FOLDER, List.of(owned), overwrite);
        }

        /** A job writing one file (a report). */
        public static Spec file(String command, Map<String, Object> parameters, boolean overwrite) {
            return new Spec(command, parameters, Shape.FILE, List.of(), overwrite);
        }
    }

    /** One input's result: a value, or the reason it failed. */
    public record Outcome<R>(R value, String error) implements java.io.Serializable {
        public static <R> Outcome<R> ok(R value) { return new Outcome<>(value, null); }

        public static <R> Outcome<R> failed(String error) { return new Outcome<>(null, error); }

        public boolean isOk() { return error == null; }
    }

    /** What {@link #finish} did besides writing: outputs removed because their input is gone. */
    public record Summary(List<String> vanished, List<String> removed) {
        public Summary {
            vanished = List.copyOf(vanished);
            removed = List.copyOf(removed);
        }
    }

    private final Spec spec;
    private final List<Path> inputRoots;
    private final Path output;
    private final Path dir;
    private final OutputLock lock;
    private final Journal journal;
    private final Set<String> current = new HashSet<>();
    private final Set<String> kept = Collections.synchronizedSet(new HashSet<>());
    private final List<Path> staleTemporaries;
    private boolean finished;

    private BatchRun(Spec spec, List<Path> inputRoots, Path output, Path dir, OutputLock lock, Journal journal, List<Path> stale) {
        this.spec = spec;
        this.inputRoots = inputRoots;
        this.output = output;
        this.dir = dir;
        this.lock = lock;
        this.journal = journal;
        this.staleTemporaries = stale;
    }

    /** {@link #open(Spec, List, Path)} with one input folder. */
    public static BatchRun open(Spec spec, Inputs inputs, Path output) {
        return open(spec, List.of(inputs), output);
    }

    /**
     * Checks the rules, takes the output lock and opens the journal.
     *
     * @param inputs the scanned input folders (one per root)
     * @param output the output folder ({@link Shape#FOLDER}) or file ({@link Shape#FILE})
     * @throws RefusedRunException when a rule refuses the run (nothing was touched)
     * @throws IllegalArgumentException when an input is not a folder
     */
    public static BatchRun open(Spec spec, List<Inputs> inputs, Path output) {
        List<Path> roots = inputs.stream().map(Inputs::root).toList();
        for (Path r : roots) {
            if (!Files.isDirectory(r)) {
                throw new IllegalArgumentException("input=" + r + " is not a folder");
            }
        }
        Path out = output.toAbsolutePath().normalize();
        Path outReal = realish(out);
        for (Path r : roots) {
            Path in = real(r);
            if (outReal.startsWith(in)) {
                String what = spec.shape == Shape.FILE ? "the report file " : "";
                throw new RefusedRunException(output, what + "is inside the input " + r + (!out.equals(outReal)
                        ? " (through a link: it is " + outReal + ")" : "") + ": its files would be read as inputs by the next run; "
                        + "choose an output outside it");
            }
            if (in.startsWith(outReal)) {
                throw new RefusedRunException(output, "contains the input " + r + ": writing (or --overwrite) there could destroy the input; "
                        + "choose an output outside it");
            }
        }
        if (inputs.stream().allMatch(Inputs::isEmpty)) {
            throw new RefusedRunException(output, "no audio files under " + String.join(", ", roots.stream().map(Path::toString).toList())
                    + " (audio: " + String.join(", ", new TreeSet<>(AudioFiles.AUDIO_EXTENSIONS)) + "; names starting with . are skipped)");
        }
        Path dir = spec.shape == Shape.FOLDER ? out : out.getParent();
        if (spec.shape == Shape.FOLDER && Files.exists(out) && !Files.isDirectory(out)) {
            throw new RefusedRunException(output, "exists and is not a folder; choose another --output");
        }
        if (spec.shape == Shape.FILE && Files.isDirectory(out)) {
            throw new RefusedRunException(output, "is a folder; give the report's file name (e.g. " + output.resolve("report.csv") + ")");
        }
        boolean created = !Files.exists(dir);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
        OutputLock lock;
        try {
            lock = OutputLock.acquire(lockFile(spec, out), output);
        } catch (RuntimeException e) {
            if (created) {
                AtomicFiles.deleteQuietly(dir);
            }
            throw e;
        }
        try {
            String inputText = String.join(";", roots.stream().map(r -> real(r).toString()).toList());
            Path manifestFile = sidecar(spec, out, "manifest.json");
            Path journalFile = sidecar(spec, out, "journal.jsonl");
            Manifest.Recorded rec = Files.isRegularFile(manifestFile) ? Manifest.read(manifestFile) : null;
            boolean clear = false;
            if (rec != null) {
                String other = rec.otherBuild(spec.command, spec.parameters, inputText);
                if (other != null && !spec.overwrite) {
                    throw new RefusedRunException(output, other);
                }
                clear = other != null || spec.overwrite;
            } else {
                List<String> foreign = new ArrayList<>();
                if (spec.shape == Shape.FOLDER) {
                    for (String name : spec.owned) {
                        if (Files.exists(out.resolve(name), LinkOption.NOFOLLOW_LINKS)) {
                            foreign.add(name);
                        }
                    }
                } else if (Files.exists(out, LinkOption.NOFOLLOW_LINKS) && !spec.overwrite) {
                    foreign.add(out.getFileName().toString());
                }
                if (Files.exists(manifestFile)) {
                    foreign.add(manifestFile.getFileName().toString());
                }
                if (!foreign.isEmpty()) {
                    throw new RefusedRunException(output, "holds " + String.join(", ", foreign) + " but no melkit manifest "
                            + manifestFile.getFileName() + ", so they may not be this job's outputs; move them away or choose another --output");
                }
            }
            if (clear) {
                removeOwned(spec, out, rec, journalFile, manifestFile);
            }
            List<Path> stale = removeStale(spec, out);
            Journal journal = Journal.open(journalFile, Journal.fingerprint(spec.command, spec.parameters));
            BatchRun run = new BatchRun(spec, roots, out, dir, lock, journal, stale);
            for (Inputs in : inputs) {
                in.files().forEach(i -> run.current.add(i.source()));
                run.current.addAll(in.broken().keySet());
            }
            if (!Files.exists(manifestFile)) {
                // the parameters and input go on record first, so a killed first run resumes (or is refused)
                run.manifest().writeTo(manifestFile);
            }
            return run;
        } catch (RuntimeException e) {
            lock.close();
            if (created) {
                AtomicFiles.deleteQuietly(dir);
            }
            throw e;
        }
    }

    /**
     * Declares the names under which this run's inputs are journalled, when they are not the
     * paths relative to one input folder (e.g. {@code corpus:path} across several folders):
     * journal entries of names not listed are the inputs that are gone.
     */
    public void present(java.util.Collection<String> sources) {
        current.clear();
        current.addAll(sources);
    }

    /** A new manifest for this run: command, parameters, input folder(s) and the owned files. */
    public Manifest manifest() {
        Manifest m = new Manifest(spec.command).parameters(spec.parameters);
        m.inputFolder(String.join(";", inputRoots.stream().map(r -> real(r).toString()).toList()));
        List<String> owned = new ArrayList<>();
        if (spec.shape == Shape.FOLDER) {
            owned.addAll(spec.owned);
        } else {
            owned.add(output.getFileName().toString());
        }
        for (String s : List.of("failures.csv", "journal.jsonl", "manifest.json")) {
            owned.add(sidecar(spec, output, s).getFileName().toString());
        }
        return m.outputs(owned);
    }

    /** The output folder ({@link Shape#FOLDER}) or file ({@link Shape#FILE}), absolute. */
    public Path output() { return output; }

    /** The folder the outputs and sidecars are in. */
    public Path folder() { return dir; }

    /** The journal of this output. */
    public Journal journal() { return journal; }

    /** Temporary files of an earlier killed run that this run removed at start. */
    public List<Path> staleTemporaries() { return staleTemporaries; }

    /** The manifest sidecar: {@code OUT/manifest.json}, or {@code s.manifest.json} beside {@code s.csv}. */
    public Path manifestFile() { return sidecar(spec, output, "manifest.json"); }

    /** The failures sidecar: {@code OUT/failures.csv}, or {@code s.failures.csv} beside {@code s.csv}. */
    public Path failuresFile() { return sidecar(spec, output, "failures.csv"); }

    /**
     * The journal entry of {@code key} if it was made for this very input state and these
     * parameters and all its outputs still exist; the entry is then kept at {@link #finish}.
     */
    public Journal.Entry reusable(Journal.Key key) {
        Journal.Entry e = journal.reusable(key);
        if (e == null || !Reuse.outputsExist(dir, e)) {
            return null;
        }
        kept.add(key.source());
        return e;
    }

    /**
     * What {@link #reusable} checks, as a read-only value a task can carry to another JVM (an
     * {@link Engine}'s worker): the journal's entries, the parameters and the output folder. The
     * engine's caller then {@linkplain #reusable adopts} each reused input here.
     */
    public Reuse reuse() {
        Map<String, Journal.Entry> entries = new java.util.HashMap<>();
        for (Journal.Entry e : journal.entries()) {
            entries.put(e.source(), e);
        }
        return new Reuse(dir.toString(), journal.parameters(), entries);
    }

    /** A snapshot of the journal for {@link #reusable} checks elsewhere ({@link #reuse()}). */
    public record Reuse(String folder, String parameters, Map<String, Journal.Entry> entries) implements java.io.Serializable {
        public Reuse {
            entries = Map.copyOf(entries);
        }

        /** Whether {@code key}'s input is unchanged since its entry, made with these parameters, and its outputs exist. */
        public boolean test(Journal.Key key) {
            Journal.Entry e = entries.get(key.source());
            return e != null && e.matches(key, parameters) && outputsExist(Path.of(folder), e);
        }

        static boolean outputsExist(Path dir, Journal.Entry e) {
            for (String o : e.outputs()) {
                if (!Files.isRegularFile(dir.resolve(o))) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Records that {@code key} was done with {@code outputs} (relative to {@link #folder()}) and optional {@code data}. */
    public Journal.Entry record(Journal.Key key, List<String> outputs, JsonNode data) {
        kept.add(key.source());
        return journal.record(key, outputs, data);
    }

    /**
     * {@code work} applied to every item on {@code jobs} threads (0: all cores), results in item
     * order whatever the thread count. An exception, or running out of memory, on one item is
     * that item's failure (with the message); the batch goes on.
     */
    public static <T, R> List<Outcome<R>> map(List<T> items, int jobs, Progress progress, String task, Function<T, String> name,
                                             Function<T, R> work) {
        progress.start(task, items.size());
        try {
            return Parallel.map(items, jobs, item -> {
                Outcome<R> o = attempt(() -> work.apply(item));
                progress.step(name.apply(item));
                return o;
            });
        } finally {
            progress.done();
        }
    }

    /**
     * {@code work}'s value, or its failure: an exception's message ({@link Failures#describe}), or
     * running out of memory, which fails this one item and not the batch.
     */
    public static <R> Outcome<R> attempt(java.util.function.Supplier<R> work) {
        try {
            return Outcome.ok(work.get());
        } catch (OutOfMemoryError e) {
            return Outcome.failed("out of memory (" + e.getMessage() + "); give the JVM more memory (-Xmx) or split the recording");
        } catch (RuntimeException e) {
            return Outcome.failed(Failures.describe(e));
        }
    }

    /**
     * Ends the run: outputs of journal entries not reused or recorded in this run (their input is
     * gone, changed or now fails) are removed, unless a recorded entry owns the same file; the
     * journal is compacted; failures and manifest are written (each left alone when unchanged);
     * temporaries of workers killed mid-write are removed.
     */
    public Summary finish(Manifest manifest, Failures failures) {
        Set<String> live = new HashSet<>();
        for (Journal.Entry e : journal.entries()) {
            if (kept.contains(e.source())) {
                live.addAll(e.outputs());
            }
        }
        List<String> vanished = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        for (Journal.Entry e : journal.entries()) {
            if (kept.contains(e.source())) {
                continue;
            }
            if (!current.contains(e.source())) {
                vanished.add(e.source());
            }
            for (String o : e.outputs()) {
                if (!live.contains(o) && Files.exists(dir.resolve(o), LinkOption.NOFOLLOW_LINKS)) {
                    AtomicFiles.deleteQuietly(dir.resolve(o));
                    pruneEmptyParents(dir.resolve(o).getParent());
                    removed.add(o);
                }
            }
            journal.remove(e.source());
        }
        journal.compact();
        failures.writeIfChanged(failuresFile());
        manifest.writeIfChanged(manifestFile());
        // a worker killed while writing (a lost Spark executor whose task was retried elsewhere) left its temporary
        removeStale(spec, output);
        finished = true;
        return new Summary(vanished, new ArrayList<>(removed));
    }

    private void pruneEmptyParents(Path p) {
        pruneEmpty(dir, p);
    }

    /** Removes {@code p} and its parents up to (not including) {@code dir} while they are empty folders. */
    private static void pruneEmpty(Path dir, Path p) {
        for (Path q = p; q != null && q.startsWith(dir) && !q.equals(dir); q = q.getParent()) {
            try (Stream<Path> s = Files.list(q)) {
                if (s.findAny().isPresent()) {
                    return;
                }
            } catch (IOException e) {
                return;
            }
            AtomicFiles.deleteQuietly(q);
        }
    }

    /** Releases the lock (after {@link #finish}, or after a failure: the journal keeps what was done). */
    @Override
    public void close() {
        try {
            journal.close();
        } finally {
            lock.close();
        }
    }

    /** Whether {@link #finish} ran. */
    public boolean isFinished() { return finished; }

    // ---------------------------------------------------------------------------------------

    /**
     * The sidecar of a single-file output: {@code sidecar(Path.of("s.csv"), "failures.csv")} is
     * {@code s.failures.csv} ({@code kind}: {@code manifest.json}, {@code failures.csv}, {@code journal.jsonl}).
     */
    public static Path sidecar(Path report, String kind) {
        String name = report.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        return report.resolveSibling(stem + "." + kind);
    }

    static Path sidecar(Spec spec, Path out, String kind) {
        return spec.shape == Shape.FOLDER ? out.resolve(kind) : sidecar(out, kind);
    }

    private static Path lockFile(Spec spec, Path out) {
        return spec.shape == Shape.FOLDER ? out.resolve(".melkit.lock") : out.resolveSibling("." + out.getFileName() + ".lock");
    }

    private static void removeOwned(Spec spec, Path out, Manifest.Recorded rec, Path journalFile, Path manifestFile) {
        Path dir = spec.shape == Shape.FOLDER ? out : out.getParent();
        Set<String> names = new LinkedHashSet<>();
        if (rec != null) {
            names.addAll(rec.outputs());
        }
        if (rec != null && rec.outputs().isEmpty()) {
            // a manifest from before outputs were listed: the names the job is known to write
            names.addAll(spec.shape == Shape.FOLDER ? spec.owned : List.of(out.getFileName().toString()));
            names.add(sidecar(spec, out, "failures.csv").getFileName().toString());
        }
        if (spec.shape == Shape.FILE) {
            names.add(out.getFileName().toString());
        }
        for (Journal.Entry e : allEntries(journalFile)) {
            names.addAll(e.outputs());
        }
        names.add(journalFile.getFileName().toString());
        for (String n : names) {
            Path p = dir.resolve(n).normalize();
            // files only: a folder the job writes into may hold files that are not its own
            if (p.startsWith(dir) && !p.equals(dir) && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteQuietly(p);
                pruneEmpty(dir, p.getParent());
            }
        }
        AtomicFiles.deleteQuietly(manifestFile);
    }

    private static List<Journal.Entry> allEntries(Path journalFile) {
        List<Journal.Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(journalFile)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(journalFile)) {
                JsonNode n;
                try {
                    n = org.melkit.io.Json.MAPPER.readTree(line);
                } catch (IOException | RuntimeException e) {
                    continue;
                }
                if (n != null && n.hasNonNull("source")) {
                    List<String> outs = new ArrayList<>();
                    n.path("outputs").forEach(o -> outs.add(o.asText()));
                    out.add(new Journal.Entry(n.get("source").asText(), 0, 0, "", "", outs, null));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + journalFile + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static List<Path> removeStale(Spec spec, Path out) {
        if (spec.shape == Shape.FOLDER) {
            return AtomicFiles.removeStaleTemporaries(out);
        }
        List<Path> removed = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        mine.add(out.getFileName().toString());
        for (String s : List.of("failures.csv", "journal.jsonl", "manifest.json")) {
            mine.add(sidecar(spec, out, s).getFileName().toString());
        }
        try (Stream<Path> s = Files.list(out.getParent())) {
            for (Path p : s.toList()) {
                String n = p.getFileName().toString();
                if (AtomicFiles.isTemporary(n) && mine.stream().anyMatch(m -> n.startsWith("." + m + ".tmp-"))) {
                    AtomicFiles.deleteQuietly(p);
                    removed.add(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + out.getParent() + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** The real path of an existing file or folder. */
    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    /** The real path of the longest existing prefix of {@code p}, with the rest appended. */
    static Path realish(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        List<Path> rest = new ArrayList<>();
        while (existing != null && !Files.exists(existing)) {
            rest.add(0, existing.getFileName());
            existing = existing.getParent();
        }
        Path r = existing == null ? abs.getRoot() : real(existing);
        for (Path name : rest) {
            r = r.resolve(name);
        }
        return r;
    }
}
