package org.melkit.dataset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.melkit.batch.FileWalk;

/**
 * MELD's three splits: the name melkit gives each ({@code train}, {@code val}, {@code test}),
 * its CSV and the folder its clips ship in.
 */
public enum MeldSplit {
    TRAIN("train", "train_sent_emo.csv", "train_splits"),
    VAL("val", "dev_sent_emo.csv", "dev_splits_complete"),
    TEST("test", "test_sent_emo.csv", "output_repeated_splits_test");

    /** How deep below the root clip folders are looked for ({@code MELD.Raw/train/train_splits} is 3). */
    static final int MAX_DEPTH = 6;

    private final String id;
    private final String csvName;
    private final String clipFolderName;

    MeldSplit(String id, String csvName, String clipFolderName) {
        this.id = id;
        this.csvName = csvName;
        this.clipFolderName = clipFolderName;
    }

    /** {@code train}, {@code val} or {@code test}: the suffix of the output files. */
    public String id() { return id; }

    /** The CSV file name in the MELD root ({@code dev_sent_emo.csv} for val). */
    public String csvName() { return csvName; }

    /** The name of the folder holding this split's clips. */
    public String clipFolderName() { return clipFolderName; }

    @Override
    public String toString() { return id; }

    /**
     * The first folder named {@link #clipFolderName()} below {@code root}, breadth first (the
     * shallowest wins; at one depth, the smallest relative path in code-point order), skipping
     * hidden folders and {@code __MACOSX}; both {@code MELD.Raw/train/train_splits} and
     * {@code MELD.Raw/train_splits} layouts are found. Null when there is none.
     */
    public static Map<MeldSplit, Path> findClipFolders(Path root) {
        Map<MeldSplit, Path> found = new EnumMap<>(MeldSplit.class);
        List<Path> level = List.of(root);
        for (int depth = 1; depth <= MAX_DEPTH && !level.isEmpty() && found.size() < values().length; depth++) {
            List<Path> next = new ArrayList<>();
            for (Path dir : level) {
                for (Path child : subfolders(dir)) {
                    String name = child.getFileName().toString();
                    boolean isSplit = false;
                    for (MeldSplit s : values()) {
                        if (s.clipFolderName.equals(name)) {
                            found.putIfAbsent(s, child);
                            isSplit = true;
                        }
                    }
                    if (!isSplit) {
                        next.add(child);
                    }
                }
            }
            next.sort((a, b) -> FileWalk.relative(root, a).compareTo(FileWalk.relative(root, b)));
            level = next;
        }
        return found;
    }

    private static List<Path> subfolders(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !FileWalk.isHidden(p) && !p.getFileName().toString().equals("__MACOSX"))
                    .filter(Files::isDirectory)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }
}
