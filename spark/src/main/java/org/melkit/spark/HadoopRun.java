package org.melkit.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.melkit.batch.AudioFiles;
import org.melkit.batch.Failures;
import org.melkit.batch.Journal;
import org.melkit.batch.Manifest;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Csv;

/**
 * The batch runtime's rules ({@link org.melkit.batch.BatchRun}) for a job whose input and output
 * are on a Hadoop file system ({@code hdfs://}, {@code s3a://}, any {@code fs.<scheme>.impl}),
 * which java.nio cannot open:
 * <ol>
 *   <li>input and output inside one another (on one file system) are refused, nothing touched;</li>
 *   <li>an input with no audio is refused; an output built from another input or with other
 *       parameters is refused unless {@code overwrite}, which removes only the files the earlier
 *       manifest and journal list as the job's own; owned names without a manifest are refused;</li>
 *   <li>one run per output: {@link HadoopLock} (host, pid and a heartbeat, for runs on other hosts);</li>
 *   <li>temporary files and folders of a killed run ({@link AtomicFiles#isTemporary} names) are removed at start;</li>
 *   <li>the journal ({@link Journal}'s lines, the CLI's format) keys every finished input by path,
 *       size, time, hash and parameters; {@link #checkpoint} writes it during the run, so a killed
 *       run resumes; at {@link #finish} the outputs of inputs that are gone or now fail are removed;</li>
 *   <li>a job writing one file names its sidecars after it ({@code s.csv -> s.failures.csv}).</li>
 * </ol>
 * Every file is written under a temporary name and renamed into place. Driver side only; the
 * executors get {@link #reuse()}, a serialisable snapshot.
 */
final class HadoopRun implements AutoCloseable {
    /**
     * What a job tells the runtime about itself.
     *
     * @param owned for a folder job, its top-level outputs besides the sidecars
     * @param trees of {@code owned}, the folders the job writes whole (removed whole on overwrite)
     */
    record Spec(String command, Map<String, Object> parameters, boolean folder, List<String> owned, List<String> trees,
                boolean overwrite) {
        Spec {
            owned = List.copyOf(owned);
            trees = List.copyOf(trees);
        }
    }

    /** One input file: its path below the input root ({@code /} separators), URI, size and modification time (ms). */
    record Listed(String source, String uri, long size, long mtime) implements Serializable {
        @Override
        public String toString() { return source; }
    }

    /** The journal entries whose outputs all exist, for the reuse check on executors. */
    record Reuse(String parameters, Map<String, Journal.Entry> entries) implements Serializable {
        /** The entry of {@code key} if its input is unchanged since, made with these parameters, and its outputs exist. */
        Journal.Entry reusable(Journal.Key key) {
            Journal.Entry e = entries.get(key.source());
            return e != null && e.matches(key, parameters) ? e : null;
        }
    }

    /** What {@link #finish} removed: inputs gone since the last run, and outputs deleted. */
    record Summary(List<String> vanished, List<String> removed) {}

    private final Spec spec;
    private final FileSystem fs;
    private final Path out;
    private final Path dir;
    private final String input;
    private final HadoopLock lock;
    private final String fingerprint;
    private final Map<String, Journal.Entry> entries;
    private final Set<String> existing;
    private final Set<String> current;
    private final Set<String> kept = new HashSet<>();
    private final Set<String> keptOutputs = new HashSet<>();
    private final List<String> staleTemporaries;
    private String journalWritten;

    private HadoopRun(Spec spec, FileSystem fs, Path out, Path dir, String input, HadoopLock lock, Map<String, Journal.Entry> entries,
                      Set<String> existing, Set<String> current, List<String> stale, String journalText) {
        this.spec = spec;
        this.fs = fs;
        this.out = out;
        this.dir = dir;
        this.input = input;
        this.lock = lock;
        this.fingerprint = Journal.fingerprint(spec.command, spec.parameters);
        this.entries = entries;
        this.existing = existing;
        this.current = current;
        this.staleTemporaries = stale;
        this.journalWritten = journalText;
    }

    /**
     * The files below {@code root} that {@code accept} takes (by their path below it), sorted by
     * code point; names starting with {@code .} are skipped at any depth.
     *
     * @throws IllegalArgumentException when {@code root} is not a folder
     */
    static List<Listed> list(Configuration conf, URI root, Predicate<String> accept) {
        FileSystem fs = HadoopFiles.fs(root, conf);
        Path base = new Path(root);
        try {
            if (!fs.getFileStatus(base).isDirectory()) {
                throw new IllegalArgumentException("input=" + root + " is not a folder");
            }
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException("input=" + root + " is not a folder (it does not exist)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + root + ": " + e.getMessage(), e);
        }
        Map<String, Listed> found = new TreeMap<>();
        for (Map.Entry<String, FileStatus> e : files(fs, base).entrySet()) {
            String rel = e.getKey();
            if (!hidden(rel) && accept.test(rel)) {
                FileStatus st = e.getValue();
                found.put(rel, new Listed(rel, HadoopFiles.child(root, rel).toString(), st.getLen(), st.getModificationTime()));
            }
        }
        return List.copyOf(found.values());
    }

    /** Every file below {@code base} by its path below it ({@code /} separators); an absent folder has none. */
    static Map<String, FileStatus> files(FileSystem fs, Path base) {
        Map<String, FileStatus> out = new TreeMap<>();
        try {
            if (!fs.exists(base)) {
                return out;
            }
            String prefix = fs.makeQualified(base).toUri().getPath();
            prefix = prefix.endsWith("/") ? prefix : prefix + "/";
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
            while (it.hasNext()) {
                LocatedFileStatus st = it.next();
                String p = st.getPath().toUri().getPath();
                if (p.startsWith(prefix)) {
                    out.put(p.substring(prefix.length()), st);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + base + ": " + e.getMessage(), e);
        }
        return out;
    }

    /**
     * Checks the rules, takes the lock and reads the journal.
     *
     * @param inputs what {@link #list} found below {@code input}
     * @throws IllegalArgumentException when a rule refuses the run (nothing was touched)
     */
    static HadoopRun open(Spec spec, Configuration conf, URI input, List<Listed> inputs, URI output) {
        FileSystem inFs = HadoopFiles.fs(input, conf);
        FileSystem fs = HadoopFiles.fs(output, conf);
        Path out = fs.makeQualified(new Path(output));
        String inPath = inFs.makeQualified(new Path(input)).toUri().getPath();
        String outPath = out.toUri().getPath();
        if (inFs.getUri().equals(fs.getUri())) {
            if (under(outPath, inPath)) {
                throw new IllegalArgumentException(output + ": " + (spec.folder ? "" : "the report file ") + "is inside the input " + input
                        + ": its files would be read as inputs by the next run; choose an output outside it");
            }
            if (under(inPath, outPath)) {
                throw new IllegalArgumentException(output + ": contains the input " + input
                        + ": writing (or --overwrite) there could destroy the input; choose an output outside it");
            }
        }
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException(output + ": no audio files under " + input + " (audio: "
                    + String.join(", ", new TreeSet<>(AudioFiles.AUDIO_EXTENSIONS)) + "; names starting with . are skipped)");
        }
        Path dir = spec.folder ? out : out.getParent();
        boolean created;
        try {
            if (spec.folder && fs.exists(out) && !fs.getFileStatus(out).isDirectory()) {
                throw new IllegalArgumentException(output + ": exists and is not a folder; choose another --output");
            }
            if (!spec.folder && fs.exists(out) && fs.getFileStatus(out).isDirectory()) {
                throw new IllegalArgumentException(output + ": is a folder; give the report's file name (e.g. " + output + "/report.csv)");
            }
            created = !fs.exists(dir);
            fs.mkdirs(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + output + ": " + e.getMessage(), e);
        }
        HadoopLock lock;
        try {
            lock = HadoopLock.acquire(fs, spec.folder ? new Path(out, ".melkit.lock") : new Path(dir, "." + out.getName() + ".lock"),
                    output.toString());
        } catch (RuntimeException e) {
            if (created) {
                deleteQuietly(fs, dir, true);
            }
            throw e;
        }
        try {
            String inputText = inFs.makeQualified(new Path(input)).toString();
            Path manifestFile = sidecar(spec, out, "manifest.json");
            Path journalFile = sidecar(spec, out, "journal.jsonl");
            String manifestText = HadoopFiles.readTextOrNull(fs, manifestFile);
            Manifest.Recorded rec = manifestText == null ? null : Manifest.parse(manifestText);
            boolean clear = false;
            if (rec != null) {
                String other = rec.otherBuild(spec.command, spec.parameters, inputText);
                if (other != null && !spec.overwrite) {
                    throw new IllegalArgumentException(output + ": " + other);
                }
                clear = other != null || spec.overwrite;
            } else {
                List<String> foreign = new ArrayList<>();
                if (spec.folder) {
                    for (String name : spec.owned) {
                        if (fs.exists(new Path(out, name))) {
                            foreign.add(name);
                        }
                    }
                } else if (fs.exists(out) && !spec.overwrite) {
                    foreign.add(out.getName());
                }
                if (manifestText != null) {
                    foreign.add(manifestFile.getName());
                }
                if (!foreign.isEmpty()) {
                    throw new IllegalArgumentException(output + ": holds " + String.join(", ", foreign) + " but no melkit manifest "
                            + manifestFile.getName() + ", so they may not be this job's outputs; move them away or choose another --output");
                }
            }
            String journalText = HadoopFiles.readTextOrNull(fs, journalFile);
            if (clear) {
                removeOwned(spec, fs, out, dir, rec, journalText);
                journalText = null;
            }
            Set<String> listed = spec.folder ? new HashSet<>(files(fs, dir).keySet()) : Set.of();
            List<String> stale = removeStale(spec, fs, out, dir, listed);
            Map<String, Journal.Entry> entries = new TreeMap<>();
            String fp = Journal.fingerprint(spec.command, spec.parameters);
            if (journalText != null) {
                for (String line : journalText.split("\n")) {
                    Journal.Entry e = Journal.parse(line);
                    if (e != null && e.parameters().equals(fp)) {
                        entries.put(e.source(), e);
                    }
                }
            }
            Set<String> existing = new HashSet<>();
            // which outputs exist, for the reuse check: a report's entries name none (summary keeps its rows in the
            // journal), so its folder, which may hold anything, is not listed
            if (entries.values().stream().anyMatch(e -> !e.outputs().isEmpty())) {
                existing.addAll(spec.folder ? listed : files(fs, dir).keySet());
                stale.forEach(t -> existing.removeIf(f -> f.equals(t) || f.startsWith(t + "/")));
            }
            Set<String> current = new HashSet<>();
            inputs.forEach(l -> current.add(l.source()));
            HadoopRun run = new HadoopRun(spec, fs, out, dir, inputText, lock, entries, existing, current, stale, journalText);
            if (manifestText == null || clear) {
                // the parameters and input go on record first, so a killed first run resumes (or is refused)
                HadoopFiles.writeAtomically(fs, manifestFile, run.manifest().json().getBytes(StandardCharsets.UTF_8));
            }
            return run;
        } catch (IOException e) {
            lock.close();
            throw new UncheckedIOException("cannot prepare " + output + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            lock.close();
            if (created) {
                deleteQuietly(fs, dir, true);
            }
            throw e;
        }
    }

    /** The file system of the output. */
    FileSystem fs() { return fs; }

    /** The output folder (or report file), qualified. */
    Path output() { return out; }

    /** The folder the outputs and sidecars are in. */
    Path folder() { return dir; }

    /** Temporary files and folders of a killed run that were removed at start (paths below {@link #folder()}). */
    List<String> staleTemporaries() { return staleTemporaries; }

    /** A sidecar: {@code OUT/failures.csv}, or {@code s.failures.csv} beside {@code s.csv}. */
    Path sidecar(String kind) { return sidecar(spec, out, kind); }

    /** A new manifest for this run: command, parameters, input and the owned files. */
    Manifest manifest() {
        Manifest m = new Manifest(spec.command).parameters(spec.parameters).inputFolder(input);
        List<String> owned = new ArrayList<>(spec.folder ? spec.owned : List.of(out.getName()));
        for (String s : List.of("failures.csv", "journal.jsonl", "manifest.json")) {
            owned.add(sidecar(s).getName());
        }
        return m.outputs(owned);
    }

    /** The journal entries a task may reuse: made with these parameters, their outputs all present. */
    Reuse reuse() {
        Map<String, Journal.Entry> ready = new HashMap<>();
        for (Journal.Entry e : entries.values()) {
            if (outputsExist(e)) {
                ready.put(e.source(), e);
            }
        }
        return new Reuse(fingerprint, ready);
    }

    private boolean outputsExist(Journal.Entry e) {
        for (String o : e.outputs()) {
            if (!existing.contains(o) && !existing.contains(o + "/_SUCCESS")) {
                return false;
            }
        }
        return true;
    }

    /** The entry of {@code source} as read at start (for the outputs an entry names), or {@code null}. */
    Journal.Entry entry(String source) {
        return entries.get(source);
    }

    /** Keeps {@code output} (relative to {@link #folder()}) at {@link #finish}, whatever the entries that name it. */
    void keep(String output) {
        keptOutputs.add(output);
    }

    /** Keeps the entry of a reused input. */
    void reused(String source) {
        kept.add(source);
    }

    /** Records a finished input ({@code outputs} relative to {@link #folder()}); written at the next {@link #checkpoint}. */
    void record(Journal.Key key, List<String> outputs, JsonNode data) {
        entries.put(key.source(), new Journal.Entry(key.source(), key.size(), key.mtime(), key.sha256(), fingerprint, outputs, data));
        kept.add(key.source());
    }

    /** Writes the journal with every entry so far (those of the last run not yet judged included), so a killed run resumes. */
    void checkpoint() {
        writeJournal(entries.values());
    }

    private void writeJournal(Collection<Journal.Entry> es) {
        StringBuilder sb = new StringBuilder();
        for (Journal.Entry e : es) {
            sb.append(Journal.line(e)).append('\n');
        }
        String text = sb.toString();
        if (!text.equals(journalWritten) && !(text.isEmpty() && journalWritten == null)) {
            HadoopFiles.writeAtomically(fs, sidecar("journal.jsonl"), text.getBytes(StandardCharsets.UTF_8));
            journalWritten = text;
        }
    }

    /**
     * Ends the run: outputs of entries neither reused nor recorded (their input is gone, changed
     * or now fails) are removed, unless a kept entry names the same output; the journal, failures
     * and manifest are written, each left alone when unchanged (the manifest: but for its time);
     * temporaries of executors lost mid-write are removed.
     */
    Summary finish(Manifest manifest, Failures failures) {
        Set<String> live = new HashSet<>(keptOutputs);
        for (Journal.Entry e : entries.values()) {
            if (kept.contains(e.source())) {
                live.addAll(e.outputs());
            }
        }
        List<String> vanished = new ArrayList<>();
        Set<String> removed = new LinkedHashSet<>();
        for (Journal.Entry e : List.copyOf(entries.values())) {
            if (kept.contains(e.source())) {
                continue;
            }
            if (!current.contains(e.source())) {
                vanished.add(e.source());
            }
            for (String o : e.outputs()) {
                Path p = new Path(dir, o);
                if (!live.contains(o) && deleteQuietly(fs, p, spec.trees.stream().anyMatch(t -> o.equals(t) || o.startsWith(t + "/")))) {
                    removed.add(o);
                }
            }
            entries.remove(e.source());
        }
        writeJournal(entries.values());
        writeIfChanged(sidecar("failures.csv"), Csv.text(Failures.HEADER, failures.rows()));
        String fresh = manifest.json();
        String old = HadoopFiles.readTextOrNull(fs, sidecar("manifest.json"));
        if (old == null || !Manifest.sameBuild(old, fresh)) {
            HadoopFiles.writeAtomically(fs, sidecar("manifest.json"), fresh.getBytes(StandardCharsets.UTF_8));
        }
        try {
            // an executor lost while writing (its task retried elsewhere) left its temporary
            removeStale(spec, fs, out, dir, spec.folder ? files(fs, dir).keySet() : Set.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
        return new Summary(vanished, new ArrayList<>(removed));
    }

    /** Writes {@code text} to {@code p} unless it holds exactly it already. */
    void writeIfChanged(Path p, String text) {
        if (!text.equals(HadoopFiles.readTextOrNull(fs, p))) {
            HadoopFiles.writeAtomically(fs, p, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Override
    public void close() {
        lock.close();
    }

    // ---------------------------------------------------------------------------------------

    static Path sidecar(Spec spec, Path out, String kind) {
        if (spec.folder) {
            return new Path(out, kind);
        }
        String name = out.getName();
        int dot = name.lastIndexOf('.');
        return new Path(out.getParent(), (dot > 0 ? name.substring(0, dot) : name) + "." + kind);
    }

    private static void removeOwned(Spec spec, FileSystem fs, Path out, Path dir, Manifest.Recorded rec, String journalText)
            throws IOException {
        Set<String> names = new LinkedHashSet<>();
        if (rec != null) {
            names.addAll(rec.outputs());
        }
        if (!spec.folder) {
            names.add(out.getName());
        }
        if (journalText != null) {
            for (String line : journalText.split("\n")) {
                Journal.Entry e = Journal.parse(line);
                if (e != null) {
                    names.addAll(e.outputs());
                }
            }
        }
        names.add(sidecar(spec, out, "journal.jsonl").getName());
        for (String n : names) {
            if (n.isEmpty() || n.startsWith("/") || n.contains("..")) {
                continue;
            }
            Path p = new Path(dir, n);
            boolean tree = spec.trees.stream().anyMatch(t -> n.equals(t) || n.startsWith(t + "/"));
            // files only, but for the folders the job writes whole: a folder it writes into may hold files that are not its own
            if (fs.exists(p) && (tree || fs.getFileStatus(p).isFile())) {
                deleteQuietly(fs, p, tree);
            }
        }
        deleteQuietly(fs, sidecar(spec, out, "manifest.json"), false);
    }

    /** Removes temporaries ({@link AtomicFiles#isTemporary}) a killed run left: below a folder output, beside a report. */
    private static List<String> removeStale(Spec spec, FileSystem fs, Path out, Path dir, Set<String> listed) throws IOException {
        Set<String> stale = new TreeSet<>();
        if (spec.folder) {
            for (String rel : listed) {
                String[] parts = rel.split("/");
                StringBuilder prefix = new StringBuilder();
                for (String part : parts) {
                    prefix.append(prefix.length() == 0 ? "" : "/").append(part);
                    if (AtomicFiles.isTemporary(part)) {
                        stale.add(prefix.toString());
                        break;
                    }
                }
            }
        } else {
            List<String> mine = new ArrayList<>(List.of(out.getName()));
            for (String s : List.of("failures.csv", "journal.jsonl", "manifest.json")) {
                mine.add(sidecar(spec, out, s).getName());
            }
            for (FileStatus st : fs.listStatus(dir)) {
                String n = st.getPath().getName();
                if (AtomicFiles.isTemporary(n) && mine.stream().anyMatch(m -> n.startsWith("." + m + ".tmp-"))) {
                    stale.add(n);
                }
            }
        }
        for (String s : stale) {
            deleteQuietly(fs, new Path(dir, s), true);
        }
        return List.copyOf(stale);
    }

    static boolean deleteQuietly(FileSystem fs, Path p, boolean recursive) {
        try {
            return fs.delete(p, recursive);
        } catch (IOException e) {
            return false;
        }
    }

    static boolean hidden(String rel) {
        for (String part : rel.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static boolean under(String path, String folder) {
        String f = folder.endsWith("/") ? folder : folder + "/";
        return path.equals(folder) || path.startsWith(f);
    }

    @Override
    public String toString() {
        return "HadoopRun[" + spec.command + " -> " + Objects.toString(out) + "]";
    }
}
