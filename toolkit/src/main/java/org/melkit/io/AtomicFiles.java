package org.melkit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Files that are either complete or absent: every output is written to a hidden temporary
 * sibling ({@code .NAME.tmp-PID-THREAD}) and renamed into place, so a crash leaves no
 * half-written file under the real name. {@link #removeStaleTemporaries} deletes what a killed
 * run left (a run calls it at start, under its output lock).
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** The temporary names this class (and {@link Npy}, {@link NpyStreamWriter}, {@link Csv}) write. */
    private static final Pattern TEMP = Pattern.compile("^\\..+\\.tmp-\\d+-\\d+$");

    /** A hidden temporary sibling of {@code path}, unique to this process and thread. */
    public static Path tempSibling(Path path) {
        Path abs = path.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" + Thread.currentThread().getId());
    }

    /** Whether {@code name} is a temporary name of {@link #tempSibling}. */
    public static boolean isTemporary(String name) {
        return TEMP.matcher(name).matches();
    }

    /** Renames {@code tmp} onto {@code path} (atomically where the file system can). */
    public static void moveIntoPlace(Path tmp, Path path) throws IOException {
        try {
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code bytes} to {@code file} through a temporary sibling; creates the parent folders. */
    public static void write(Path file, byte[] bytes) {
        Path tmp = tempSibling(file);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, file);
        } catch (IOException e) {
            deleteQuietly(tmp);
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #write(Path, byte[])} of UTF-8 text. */
    public static void write(Path file, String text) {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes {@code bytes} unless {@code file} already holds exactly them (then neither its bytes
     * nor its modification time change). Returns whether it wrote.
     */
    public static boolean writeIfChanged(Path file, byte[] bytes) {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes.length && Arrays.equals(Files.readAllBytes(file), bytes)) {
                return false;
            }
        } catch (IOException e) {
            // unreadable: replace it
        }
        write(file, bytes);
        return true;
    }

    /** {@link #writeIfChanged(Path, byte[])} of UTF-8 text. */
    public static boolean writeIfChanged(Path file, String text) {
        return writeIfChanged(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Deletes every temporary file ({@link #isTemporary}) below {@code dir} (links not followed)
     * and returns their paths; a missing folder gives an empty list.
     */
    public static List<Path> removeStaleTemporaries(Path dir) {
        List<Path> removed = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return removed;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    if (isTemporary(f.getFileName().toString())) {
                        if (attrs.isDirectory()) {
                            deleteTree(f);
                        } else {
                            Files.deleteIfExists(f);
                        }
                        removed.add(f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    if (!d.equals(dir) && isTemporary(d.getFileName().toString())) {
                        deleteTree(d);
                        removed.add(d);
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean " + dir + ": " + e.getMessage(), e);
        }
        return removed;
    }

    /** Deletes a file, a link (not its target) or a folder tree, if it exists. */
    public static void deleteTree(Path p) {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
            deleteQuietly(p);
            if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException(new IOException("cannot delete " + p));
            }
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (NoSuchFileException e) {
            // deleted meanwhile
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + p + ": " + e.getMessage(), e);
        }
    }

    /** Deletes {@code p} if it exists, ignoring failures (for clean-up after an error). */
    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // clean-up only
        }
    }
}
