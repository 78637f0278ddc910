package org.melkit.batch;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.melkit.io.AtomicFiles;
import org.melkit.io.Json;

/**
 * The manifest of a build ({@code manifest.json}, or {@code NAME.manifest.json} beside a
 * single-file output): the command and its parameters, the input folder it was built from (real
 * path), melkit and dependency versions, the engine when not this JVM's threads, counts of inputs/outputs/failures, a SHA-256 per input,
 * and the files the job owns there (the only ones {@code --overwrite} may remove).
 */
public final class Manifest {
    private final String command;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> inputHashes = new TreeMap<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();
    private final List<String> outputs = new ArrayList<>();
    private final Map<String, Object> sections = new LinkedHashMap<>();
    private String input;
    private String engine;

    public Manifest(String command) {
        this.command = command;
    }

    public Manifest parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public Manifest parameters(Map<String, Object> values) {
        parameters.putAll(values);
        return this;
    }

    public Map<String, Object> parameters() { return new LinkedHashMap<>(parameters); }

    /** Records the input folder (or folders, {@code ;}-separated) the build reads, as real paths. */
    public Manifest inputFolder(String realPath) {
        this.input = realPath;
        return this;
    }

    /** Records an input (relative name) with its content hash. */
    public synchronized Manifest input(String source, String sha256) {
        inputHashes.put(source, sha256);
        return this;
    }

    /**
     * Records the engine that did the per-input work when it is not this JVM's threads
     * ({@code "spark(local[2])"}, {@link Engine#describe()}): a fact about the run, not a
     * parameter, so a re-run on another engine reuses the build. A threads run records none,
     * so its manifest is the same for any {@code --jobs}.
     */
    public Manifest engine(String description) {
        this.engine = description;
        return this;
    }

    public Manifest count(String name, long value) {
        counts.put(name, value);
        return this;
    }

    /**
     * A job's own section after the counts (e.g. chunk's {@code sources_without_chunks}): facts
     * about the build that are not parameters, so they never make a re-run look different.
     */
    public Manifest section(String name, Object value) {
        sections.put(name, value);
        return this;
    }

    /** Records the files (relative to the output folder) this job owns. */
    public Manifest outputs(List<String> owned) {
        outputs.clear();
        outputs.addAll(owned);
        return this;
    }

    private Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("parameters", parameters);
        if (input != null) {
            m.put("input", input);
        }
        m.put("versions", versions());
        if (engine != null) {
            m.put("engine", engine);
        }
        m.put("created", Instant.now().toString());
        m.put("counts", counts);
        m.putAll(sections);
        m.put("inputs", inputHashes);
        if (!outputs.isEmpty()) {
            m.put("outputs", outputs);
        }
        return m;
    }

    /** The manifest as the JSON text {@link #writeTo} writes (with a fresh {@code created} time). */
    public String json() {
        return Json.write(tree());
    }

    /** Whether two manifest texts differ at most in their {@code created} time stamp. */
    public static boolean sameBuild(String a, String b) {
        return withoutCreated(a).equals(withoutCreated(b));
    }

    /** Writes {@code manifest.json} into {@code dir} (atomically). */
    public void write(Path dir) {
        writeTo(dir.resolve("manifest.json"));
    }

    /** Writes the manifest to {@code file} (atomically). */
    public void writeTo(Path file) {
        Json.write(file, tree());
    }

    /**
     * Writes the manifest to {@code file} unless the one there differs only in its
     * {@code created} time stamp, so a re-run that changed nothing leaves it alone.
     */
    public boolean writeIfChanged(Path file) {
        String fresh = json();
        if (Files.isRegularFile(file)) {
            try {
                if (sameBuild(Files.readString(file), fresh)) {
                    return false;
                }
            } catch (java.io.IOException e) {
                // unreadable: replace it
            }
        }
        AtomicFiles.write(file, fresh);
        return true;
    }

    private static String withoutCreated(String json) {
        return json.replaceAll("(?m)^  \"created\": \"[^\"]*\",\n", "");
    }

    /** What an earlier run recorded: its command, parameters, input folder and owned files. */
    public record Recorded(String command, JsonNode parameters, String input, List<String> outputs) {
        /** Whether it was made by {@code command} with exactly {@code params} (compared as JSON values). */
        public boolean sameJob(String command, Map<String, Object> params) {
            // compared as rendered text: a long 42 and an int 42 are the same parameter
            return command.equals(this.command) && parameters != null
                    && Json.writeLine(parameters).equals(Json.writeLine(Json.MAPPER.valueToTree(params)));
        }

        /**
         * Why a run of {@code command} with {@code params} on {@code input} is not this build (other
         * parameters, another input), as the end of a refusal message; {@code null} when it is.
         */
        public String otherBuild(String command, Map<String, Object> params, String input) {
            if (!sameJob(command, params)) {
                return "was built with other parameters (" + parametersText() + ", now " + command + " " + Json.writeLine(params)
                        + "); pass --overwrite to replace it, or choose another --output";
            }
            if (this.input != null && !this.input.equals(input)) {
                return "was built from another input (" + this.input + ", now " + input
                        + "); pass --overwrite to replace it, or choose another --output";
            }
            return null;
        }

        /** The parameters on one line, for messages. */
        public String parametersText() {
            return parameters == null ? "no parameters recorded" : command + " " + Json.writeLine(parameters);
        }
    }

    /** Reads the parts of {@code file} a new run checks; {@code null} when it holds none (not a melkit manifest). */
    public static Recorded read(Path file) {
        JsonNode n;
        try {
            n = Json.read(file);
        } catch (RuntimeException e) {
            return null;
        }
        return recorded(n);
    }

    /** {@link #read(Path)} of a manifest's text. */
    public static Recorded parse(String json) {
        JsonNode n;
        try {
            n = Json.MAPPER.readTree(json);
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return recorded(n);
    }

    private static Recorded recorded(JsonNode n) {
        if (n == null || !n.isObject() || !n.hasNonNull("command")) {
            return null;
        }
        List<String> outs = new ArrayList<>();
        n.path("outputs").forEach(o -> outs.add(o.asText()));
        return new Recorded(n.get("command").asText(), n.get("parameters"), n.hasNonNull("input") ? n.get("input").asText() : null, outs);
    }

    /** melkit's and its dependencies' versions and the JVM's. */
    public static Map<String, String> versions() {
        Map<String, String> v = new LinkedHashMap<>();
        String mk = Manifest.class.getPackage().getImplementationVersion();
        v.put("melkit", mk == null ? "dev" : mk);
        v.put("java", System.getProperty("java.version"));
        v.put("jtransforms", "3.1");
        return v;
    }

    /** Writes {@code value} as JSON to {@code file}, atomically. */
    public static void writeJson(Path file, Object value) {
        Json.write(file, value);
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        return Journal.sha256(file);
    }
}
