package org.melkit.audio;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;

import org.melkit.audio.AudioFileException.Reason;

/**
 * ffmpeg and ffprobe, found and never downloaded. The binary is the system property
 * {@code melkit.ffmpeg} (or {@code melkit.ffprobe}), else the environment variable
 * {@code MELKIT_FFMPEG} ({@code MELKIT_FFPROBE}), else the name on {@code PATH}. A value with a
 * directory part is used as a path, a bare name is looked up on {@code PATH}. ffprobe defaults
 * to the one beside an overridden ffmpeg. Commands are always argument lists run through
 * {@link ProcessBuilder}, never a shell string.
 */
enum ExternalTool {
    FFMPEG("ffmpeg"),
    FFPROBE("ffprobe");

    /** Lines of stderr kept for error messages. */
    static final int STDERR_TAIL_LINES = 5;

    final String name;

    ExternalTool(String name) {
        this.name = name;
    }

    String property() { return "melkit." + name; }

    String envVariable() { return "MELKIT_" + name.toUpperCase(Locale.ROOT); }

    /** The binary to run, or an {@link Reason#FFMPEG_MISSING} error that says how to install it. */
    Path locate(Path forFile) {
        return locate(forFile, System.getenv("PATH"));
    }

    /** {@link #locate(Path)} with the given {@code PATH} value (tests). */
    Path locate(Path forFile, String pathVariable) {
        String override = override(this);
        if (override != null) {
            Path p = resolve(override, pathVariable);
            if (p == null) {
                throw new AudioFileException(forFile, Reason.FFMPEG_MISSING, name + " not found: " + overrideSource(this)
                        + "=" + override + " is not an executable file; fix it or unset it to use " + name + " from PATH");
            }
            return p;
        }
        if (this == FFPROBE) {
            String ffmpeg = override(FFMPEG);
            Path ff = ffmpeg == null ? null : resolve(ffmpeg, pathVariable);
            if (ff != null && ff.getParent() != null) {
                Path sibling = executable(ff.getParent().resolve(ff.getFileName().toString().replace("ffmpeg", "ffprobe")));
                if (sibling != null) {
                    return sibling;
                }
            }
        }
        Path p = onPath(name, pathVariable);
        if (p == null) {
            throw new AudioFileException(forFile, Reason.FFMPEG_MISSING, name + " not found on PATH; install it"
                    + " (Debian: apt-get install ffmpeg) or set -D" + property() + "=/path/to/" + name
                    + " (environment: " + envVariable() + ")");
        }
        return p;
    }

    private static String override(ExternalTool t) {
        String v = System.getProperty(t.property());
        if (v == null || v.isBlank()) {
            v = System.getenv(t.envVariable());
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    private static String overrideSource(ExternalTool t) {
        String v = System.getProperty(t.property());
        return v != null && !v.isBlank() ? "-D" + t.property() : t.envVariable();
    }

    private static Path resolve(String value, String pathVariable) {
        if (value.indexOf('/') >= 0 || value.indexOf(File.separatorChar) >= 0) {
            try {
                return executable(Path.of(value));
            } catch (InvalidPathException e) {
                return null;
            }
        }
        return onPath(value, pathVariable);
    }

    private static Path onPath(String name, String path) {
        if (path == null) {
            return null;
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path p = executable(Path.of(dir, name));
                if (p == null && windows) {
                    p = executable(Path.of(dir, name + ".exe"));
                }
                if (p != null) {
                    return p;
                }
            } catch (InvalidPathException e) {
                // a PATH entry that is not a valid path: skip it, as a shell would
            }
        }
        return null;
    }

    private static Path executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p) ? p : null;
    }

    /** Starts {@code command} with stdin closed; an error that cannot start is FFMPEG_MISSING. */
    static Process start(List<String> command, Path forFile) {
        try {
            Process p = new ProcessBuilder(command).start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new AudioFileException(forFile, Reason.FFMPEG_MISSING, "cannot run " + command.get(0) + ": "
                    + e.getMessage() + "; command: " + command, e);
        }
    }

    /** Waits for {@code p}; on interruption kills it, restores the flag and throws. */
    static int waitFor(Process p, List<String> command) {
        try {
            return p.waitFor();
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            InterruptedIOException io = new InterruptedIOException("interrupted while waiting for " + command);
            io.initCause(e);
            throw new UncheckedIOException(io);
        }
    }

    /** Drains a process's stderr on its own thread, keeping the last lines. */
    static final class StderrTail {
        private final ArrayDeque<String> lines = new ArrayDeque<>();
        private final Thread thread;

        StderrTail(InputStream err, String threadName) {
            thread = new Thread(() -> drain(err), threadName);
            thread.setDaemon(true);
            thread.start();
        }

        private void drain(InputStream err) {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(err, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.isBlank()) {
                        continue;
                    }
                    synchronized (lines) {
                        lines.addLast(line.strip());
                        if (lines.size() > STDERR_TAIL_LINES) {
                            lines.removeFirst();
                        }
                    }
                }
            } catch (IOException e) {
                // the process was killed and the pipe closed: the lines read so far are kept
            }
        }

        /** Waits (bounded) for the drain to finish after the process has exited. */
        void await(List<String> command) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                InterruptedIOException io = new InterruptedIOException("interrupted while reading stderr of " + command);
                io.initCause(e);
                throw new UncheckedIOException(io);
            }
        }

        List<String> lines() {
            synchronized (lines) {
                return List.copyOf(lines);
            }
        }

        /** The kept lines, indented, for a message; "(empty)" when ffmpeg said nothing. */
        String text() {
            List<String> l = lines();
            return l.isEmpty() ? "(empty)" : "\n    " + String.join("\n    ", l);
        }
    }

    /** A few words opening an error message of the given reason ("" for a generic failure). */
    static String summary(Reason reason) {
        return switch (reason) {
            case NO_AUDIO_STREAM -> "no audio stream; ";
            case NOT_AUDIO -> "not an audio or media file; ";
            case NOT_FOUND -> "no such file; ";
            case UNREADABLE -> "permission denied; ";
            case UNSUPPORTED -> "codec not supported by this ffmpeg; ";
            default -> "";
        };
    }

    /** The reason ffmpeg's (or ffprobe's) error lines point to. */
    static Reason classify(List<String> stderr) {
        String all = String.join("\n", stderr);
        if (all.contains("matches no streams") || all.contains("does not contain any stream")
                || all.contains("no audio stream")) {
            return Reason.NO_AUDIO_STREAM;
        }
        if (all.contains("Invalid data found when processing input")) {
            return Reason.NOT_AUDIO;
        }
        if (all.contains("No such file or directory")) {
            return Reason.NOT_FOUND;
        }
        if (all.contains("Permission denied")) {
            return Reason.UNREADABLE;
        }
        if (all.contains("Decoder") && all.contains("not found") || all.contains("Unsupported codec")) {
            return Reason.UNSUPPORTED;
        }
        return Reason.CORRUPT;
    }
}
