package org.melkit.dataset;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of a dataset build: the command and its parameters, melkit and
 * dependency versions, counts of inputs/outputs/failures, and a SHA-256 per input, so a report
 * can state exactly what it was built from.
 */
public final class Manifest {
    private final String command;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> inputHashes = new TreeMap<>();
    private final Map<String, Object> counts = new LinkedHashMap<>();

    public Manifest(String command) {
        this.command = command;
    }

    public Manifest parameter(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public Map<String, Object> parameters() { return new LinkedHashMap<>(parameters); }

    /** Records an input (relative name) with its content hash. */
    public synchronized Manifest input(String source, String sha256) {
        inputHashes.put(source, sha256);
        return this;
    }

    public Manifest count(String name, long value) {
        counts.put(name, value);
        return this;
    }

    /** Writes {@code manifest.json} into {@code dir} (atomically). */
    public void write(Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("parameters", parameters);
        m.put("versions", versions());
        m.put("created", Instant.now().toString());
        m.put("counts", counts);
        m.put("inputs", inputHashes);
        writeJson(dir.resolve("manifest.json"), m);
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
        Path tmp = Npy.tempSibling(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, Json.write(value), StandardCharsets.UTF_8);
            Npy.moveIntoPlace(tmp, file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** SHA-256 of a file's bytes, hex. */
    public static String sha256(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                md.update(buf, 0, r);
            }
            StringBuilder sb = new StringBuilder();
            for (byte b : md.digest()) {
                sb.append(String.format("%02x", b));
            }
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
