package org.melkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Files on any Hadoop {@link FileSystem} ({@code file://}, {@code hdfs://}, {@code s3a://} where
 * its connector is on the class path), as melkit's jobs need them: a local copy of one input for
 * the decoder (hashed on the way), whole-file writes under a temporary name that is renamed into
 * place (so a killed task never leaves a file that looks complete), failure texts that name the
 * input's URI instead of the copy, and the configuration shipped to the executors.
 *
 * <p>A plain path ({@code /data/clips}, {@code clips}) means the local file system, like the CLI.
 */
public final class HadoopFiles {
    private HadoopFiles() {}

    /** {@code location} as a URI: a plain path becomes an absolute {@code file:} URI. */
    public static URI uri(String location) {
        URI u = URI.create(location.replace(" ", "%20"));
        if (u.getScheme() == null) {
            return Path.of(location).toAbsolutePath().normalize().toUri();
        }
        return u;
    }

    /**
     * The file system of {@code root} (cached by Hadoop per scheme and authority). For
     * {@code file:} it is the raw local file system: Hadoop's default one writes a hidden
     * {@code .NAME.crc} checksum beside every file, which the CLI's outputs do not have.
     */
    public static FileSystem fs(URI root, Configuration conf) {
        try {
            return raw(FileSystem.get(root, conf));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the file system of " + root + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // e.g. fs.<scheme>.impl names a class that is not on the class path
            throw new IllegalArgumentException("cannot open the file system of " + root + ": " + e.getMessage()
                    + "; check fs." + root.getScheme() + ".impl and that its connector is on the class path", e);
        }
    }

    /** {@code fs}, or the raw file system under Hadoop's checksumming local one (no {@code .crc} files beside the outputs). */
    static FileSystem raw(FileSystem fs) {
        return fs instanceof org.apache.hadoop.fs.LocalFileSystem local ? local.getRaw() : fs;
    }

    /** {@code root/rel} ({@code rel} with {@code /} separators). */
    public static org.apache.hadoop.fs.Path child(URI root, String rel) {
        return new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(root), rel);
    }

    /** Whether {@code p} exists as a file. */
    public static boolean isFile(FileSystem fs, org.apache.hadoop.fs.Path p) {
        try {
            FileStatus st = fs.getFileStatus(p);
            return st.isFile();
        } catch (java.io.FileNotFoundException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p + ": " + e.getMessage(), e);
        }
    }

    /** A local copy of an input and the SHA-256 of its bytes. */
    public record Copy(Path file, String sha256) {}

    /** Copies {@code p} into a new temporary local file, hashing its bytes on the way (the caller deletes it). */
    public static Copy localCopyHashed(FileSystem fs, org.apache.hadoop.fs.Path p, String suffix) throws IOException {
        Path tmp = Files.createTempFile("melkit-spark-", suffix);
        try (InputStream raw = fs.open(p)) {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            try (InputStream in = new java.security.DigestInputStream(raw, md)) {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            return new Copy(tmp, java.util.HexFormat.of().formatHex(md.digest()));
        } catch (java.security.NoSuchAlgorithmException e) {
            Files.deleteIfExists(tmp);
            throw new IllegalStateException(e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
    }

    /**
     * A hidden temporary sibling of {@code target} in the pattern of
     * {@link org.melkit.io.AtomicFiles#isTemporary} ({@code .NAME.tmp-PID-N}), so the next run's
     * clean-up removes what a killed one left; unique across the executors of a cluster.
     */
    public static org.apache.hadoop.fs.Path tempSibling(org.apache.hadoop.fs.Path target) {
        long n = java.util.concurrent.ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE;
        return new org.apache.hadoop.fs.Path(target.getParent(), "." + target.getName() + ".tmp-" + ProcessHandle.current().pid() + "-" + n);
    }

    /** Writes {@code bytes} to {@code target} through a hidden temporary sibling renamed into place (on a local target: no {@code .crc}). */
    public static void writeAtomically(FileSystem fileSystem, org.apache.hadoop.fs.Path target, byte[] bytes) {
        FileSystem fs = raw(fileSystem);
        org.apache.hadoop.fs.Path tmp = tempSibling(target);
        try {
            fs.mkdirs(target.getParent());
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                out.write(bytes);
            }
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException("cannot replace " + target);
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException("cannot rename " + tmp + " to " + target);
            }
        } catch (IOException e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException ignored) {
                // the temporary name is removed by the next run's clean-up
            }
            throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
        }
    }

    /** The whole of {@code p} as UTF-8 text, or {@code null} when it does not exist. */
    public static String readTextOrNull(FileSystem fs, org.apache.hadoop.fs.Path p) {
        if (!isFile(fs, p)) {
            return null;
        }
        try (InputStream in = fs.open(p)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    /** {@code failure} with the local copy's path (which ffmpeg's messages quote) replaced by the input's URI. */
    public static String named(String failure, Path copy, String uri) {
        return failure.replace("file:" + copy, uri).replace(copy.toString(), uri);
    }

    /** The Hadoop configuration as bytes, so executors open the same file systems (fs.*.impl, credentials). */
    public static byte[] serialise(Configuration conf) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.DataOutputStream out = new java.io.DataOutputStream(bytes)) {
            conf.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The configuration {@link #serialise} wrote. */
    public static Configuration deserialise(byte[] bytes) {
        Configuration conf = new Configuration(false);
        try (java.io.DataInputStream in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(bytes))) {
            conf.readFields(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return conf;
    }
}
