package org.melkit.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.fs.LocatedFileStatus;

/**
 * Files on any Hadoop {@link FileSystem} ({@code file://}, {@code hdfs://}, {@code s3a://} where
 * its connector is on the class path), as melkit's jobs need them: a recursive listing as relative
 * paths, a local copy of one input for the decoder, and whole-file writes under a temporary name
 * that is renamed into place (so a killed task never leaves a file that looks complete).
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

    /** Every file below {@code root}, as a path relative to it with {@code /} separators (unsorted). */
    public static List<String> listRecursive(FileSystem fs, URI root) {
        org.apache.hadoop.fs.Path base = new org.apache.hadoop.fs.Path(root);
        List<String> out = new ArrayList<>();
        try {
            String prefix = fs.makeQualified(base).toUri().getPath();
            if (!prefix.endsWith("/")) {
                prefix += "/";
            }
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(base, true);
            while (it.hasNext()) {
                LocatedFileStatus st = it.next();
                String p = st.getPath().toUri().getPath();
                if (p.startsWith(prefix)) {
                    out.add(p.substring(prefix.length()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
        }
        return out;
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

    /** Copies {@code p} into a new temporary local file (the caller deletes it). */
    public static Path localCopy(FileSystem fs, org.apache.hadoop.fs.Path p, String suffix) throws IOException {
        Path tmp = Files.createTempFile("melkit-spark-", suffix);
        try (InputStream in = fs.open(p)) {
            Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        return tmp;
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
}
