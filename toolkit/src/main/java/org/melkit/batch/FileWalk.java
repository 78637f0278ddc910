package org.melkit.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Folder scanning with melkit's batch rules: every file or folder whose name starts with
 * {@code .} is skipped at any depth (AppleDouble {@code ._*}, {@code .DS_Store},
 * {@code .ipynb_checkpoints/}); relative paths use {@code /}; order is by Unicode code point of
 * the whole relative path ({@link String#compareTo}), so {@code Zebra < apple} and
 * {@code cembalo-10 < cembalo-2}.
 */
public final class FileWalk {
    private FileWalk() {}

    /** Whether a file or folder name is hidden ({@code .} first). */
    public static boolean isHidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    /** {@code p} relative to {@code root} with {@code /} separators. */
    public static String relative(Path root, Path p) {
        String r = root.relativize(p).toString();
        return p.getFileSystem().getSeparator().equals("/") ? r : r.replace(p.getFileSystem().getSeparator(), "/");
    }

    /** Every non-hidden regular file below {@code dir} (recursively), as paths relative to {@code dir}, sorted. */
    public static List<String> filesRecursive(Path dir) {
        List<String> out = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (!isHidden(f) && (attrs.isRegularFile() || Files.isRegularFile(f))) {
                        out.add(relative(dir, f));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot scan " + dir + ": " + e.getMessage(), e);
        }
        out.sort(String::compareTo);
        return out;
    }

    /** Non-hidden sub-folders directly in {@code dir}, by name, sorted. */
    public static List<String> subfolders(Path dir) {
        return list(dir, true);
    }

    /** Non-hidden regular files directly in {@code dir}, by name, sorted. */
    public static List<String> filesIn(Path dir) {
        return list(dir, false);
    }

    private static List<String> list(Path dir, boolean folders) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !isHidden(p))
                    .filter(p -> folders ? Files.isDirectory(p) : Files.isRegularFile(p))
                    .map(p -> p.getFileName().toString())
                    .sorted(String::compareTo)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
