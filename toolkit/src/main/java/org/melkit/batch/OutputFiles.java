package org.melkit.batch;

import java.nio.file.Path;
import java.util.List;

/** Messages about one input's failure, shared by the jobs. */
public final class OutputFiles {
    private OutputFiles() {}

    /**
     * A one-line description of why {@code file} failed: the messages of {@code e} and its causes,
     * each without the file's own path in front (the failures report names the input already)
     * and without repeating a message already included.
     */
    public static String describe(Path file, Throwable e) {
        List<String> prefixes = List.of(file.toAbsolutePath() + ": ", file + ": ");
        StringBuilder sb = new StringBuilder();
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            String m = c.getMessage();
            if (m == null) {
                if (sb.length() == 0) {
                    sb.append(c.getClass().getSimpleName());
                }
                continue;
            }
            for (String p : prefixes) {
                if (m.startsWith(p)) {
                    m = m.substring(p.length());
                }
            }
            if (sb.length() == 0) {
                sb.append(m);
            } else if (!sb.toString().contains(m)) {
                sb.append(" (caused by ").append(m).append(')');
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    /**
     * The message of an input's failure and of any cause that adds something, with paths below
     * {@code root} made relative to it (as the failure reports have them, so reports are portable).
     * The root's absolute forms (as given and normalised: a root written {@code a/../b} appears as
     * {@code /cwd/a/../b/} in ffmpeg's command) are removed wherever they stand; the root as
     * given only where a path starts (root {@code in} must not turn {@code /usr/bin/ffmpeg} into
     * {@code /usr/bffmpeg}). A cause whose text is already included is left out.
     */
    public static String relativeTo(Path root, Throwable e) {
        List<String> absolute = List.of(root.toAbsolutePath() + "/", root.toAbsolutePath().normalize() + "/");
        java.util.regex.Pattern given = java.util.regex.Pattern.compile("(?<![^\\s:=\"'(\\[,])" + java.util.regex.Pattern.quote(root + "/"));
        java.util.function.UnaryOperator<String> strip = m -> {
            if (m == null) {
                return null;
            }
            for (String a : absolute) {
                m = m.replace(a, "");
            }
            return given.matcher(m).replaceAll("");
        };
        String top = strip.apply(e.getMessage());
        StringBuilder sb = new StringBuilder(top == null ? e.getClass().getSimpleName() : top);
        for (Throwable c = e.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            String m = strip.apply(c.getMessage());
            if (m == null) {
                continue;
            }
            int colon = m.indexOf(": ");
            String tail = colon >= 0 ? m.substring(colon + 2) : m;
            if (!sb.toString().contains(m) && !sb.toString().contains(tail)) {
                sb.append(" (caused by ").append(m).append(')');
            }
        }
        return sb.toString().replace('\n', ' ').replace('\r', ' ');
    }

    /** Rejects an output folder inside an input folder (compared as real paths). */
    public static void checkOutsideInput(Path input, String inputName, Path output) {
        Path in = BatchRun.real(input);
        Path out = BatchRun.realish(output);
        if (out.startsWith(in)) {
            throw new RefusedRunException(output, "is inside " + inputName + "=" + input
                    + ": its files would be read as inputs by the next run; choose an output folder outside it");
        }
        if (in.startsWith(out)) {
            throw new RefusedRunException(output, "contains " + inputName + "=" + input + "; choose an output folder outside it");
        }
    }

    /** Deletes a file or a folder tree if it exists. */
    public static void deleteTree(Path p) {
        org.melkit.io.AtomicFiles.deleteTree(p);
    }
}
