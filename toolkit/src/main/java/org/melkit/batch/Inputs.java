package org.melkit.batch;

import java.io.IOException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The input files of a batch job, found with the rules every job shares:
 * <ul>
 *   <li>audio is recognised by {@link AudioFiles#AUDIO_EXTENSIONS} (one list for every job);</li>
 *   <li>a file or folder whose name starts with {@code .} is skipped at any depth;</li>
 *   <li>symbolic links are followed: files and folders behind links are inputs like any other,
 *       each real file once (the first path in code-point order names it);</li>
 *   <li>a broken link or a link loop is a {@link #broken() failure} naming the link;</li>
 *   <li>relative paths use {@code /} and sort by Unicode code point ({@link String#compareTo}).</li>
 * </ul>
 * Immutable.
 *
 * <pre>{@code
 * Inputs in = Inputs.audio(root);            // every audio file below root
 * Inputs classes = Inputs.audio(root, 1);    // only files inside a first-level folder (class folders)
 * }</pre>
 *
 * @param root the folder scanned (as given)
 * @param files the usable inputs, sorted by relative path
 * @param broken relative paths of broken links and loops to the reason, sorted
 */
public record Inputs(Path root, List<Input> files, Map<String, String> broken) {
    /** One input file: its path relative to the root ({@code /} separators) and the file to read. */
    public record Input(String source, Path file) implements Comparable<Input> {
        @Override
        public int compareTo(Input o) { return source.compareTo(o.source); }

        /** The first folder of {@link #source} ({@code ""} for a file directly in the root). */
        public String topFolder() {
            int slash = source.indexOf('/');
            return slash < 0 ? "" : source.substring(0, slash);
        }
    }

    public Inputs {
        files = List.copyOf(files);
        broken = Collections.unmodifiableMap(new TreeMap<>(broken));
    }

    /** Every audio file below {@code root}. */
    public static Inputs audio(Path root) {
        return scan(root, 0, AudioFiles::isAudio);
    }

    /** Audio files at least {@code minDepth} folders below {@code root} (1: inside a class folder). */
    public static Inputs audio(Path root, int minDepth) {
        return scan(root, minDepth, AudioFiles::isAudio);
    }

    /**
     * Files below {@code root} whose relative path passes {@code accept}, at least
     * {@code minDepth} folders deep.
     *
     * @throws IllegalArgumentException when {@code root} is not a folder
     */
    public static Inputs scan(Path root, int minDepth, Predicate<String> accept) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("input=" + root + " is not a folder" + (Files.exists(root) ? "" : " (it does not exist)"));
        }
        Map<String, Path> found = new TreeMap<>();
        Map<String, String> broken = new TreeMap<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(root) && FileWalk.isHidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (FileWalk.isHidden(f)) {
                        return FileVisitResult.CONTINUE;
                    }
                    String rel = FileWalk.relative(root, f);
                    if (attrs.isSymbolicLink()) { // FOLLOW_LINKS could not follow it: a broken link
                        broken.put(rel, "broken link: " + f + " -> " + target(f) + " does not exist");
                    } else if (attrs.isRegularFile() && depth(rel) >= minDepth && accept.test(rel)) {
                        found.put(rel, f);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    String rel = FileWalk.relative(root, f);
                    if (FileWalk.isHidden(f)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (e instanceof FileSystemLoopException) {
                        broken.put(rel, "link loop: " + f + " -> " + target(f) + " leads back to a folder above it");
                    } else if (e instanceof NoSuchFileException) {
                        broken.put(rel, "broken link: " + f + " -> " + target(f) + " does not exist");
                    } else {
                        broken.put(rel, "cannot read: " + e.getMessage());
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot scan " + root + ": " + e.getMessage(), e);
        }
        // each real file once: the first path (code-point order) that reaches it
        List<Input> files = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        for (Map.Entry<String, Path> e : found.entrySet()) {
            Path real;
            try {
                real = e.getValue().toRealPath();
            } catch (IOException ex) {
                broken.put(e.getKey(), "cannot resolve: " + ex.getMessage());
                continue;
            }
            if (seen.add(real)) {
                files.add(new Input(e.getKey(), e.getValue()));
            }
        }
        return new Inputs(root, files, broken);
    }

    private static int depth(String rel) {
        int d = 0;
        for (int i = 0; i < rel.length(); i++) {
            if (rel.charAt(i) == '/') {
                d++;
            }
        }
        return d;
    }

    private static String target(Path link) {
        try {
            return Files.isSymbolicLink(link) ? Files.readSymbolicLink(link).toString() : "?";
        } catch (IOException e) {
            return "?";
        }
    }

    /** Whether no usable input and no broken link was found. */
    public boolean isEmpty() {
        return files.isEmpty() && broken.isEmpty();
    }

    /** How many usable inputs. */
    public int size() {
        return files.size();
    }

    /** The first-level folders that hold at least one input or broken link, sorted (class folders). */
    public List<String> topFolders() {
        Set<String> s = new java.util.TreeSet<>();
        files.forEach(i -> {
            if (!i.topFolder().isEmpty()) {
                s.add(i.topFolder());
            }
        });
        broken.keySet().forEach(k -> {
            int slash = k.indexOf('/');
            if (slash > 0) {
                s.add(k.substring(0, slash));
            }
        });
        return List.copyOf(s);
    }

    /** Whether {@code p} is a folder reached without following a link (for messages). */
    static boolean isPlainFolder(Path p) {
        return Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
    }
}
