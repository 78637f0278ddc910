package org.melkit.audio;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A file that cannot be read as audio: the message names the file and the cause (for ffmpeg,
 * also the command and the tail of its stderr). {@link #reason()} says which kind of failure it
 * was, so batch code can count missing, empty, corrupt and audio-less files apart.
 */
public class AudioFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a file could not be read. */
    public enum Reason {
        /** The file does not exist. */
        NOT_FOUND,
        /** The file exists but cannot be read (a directory, no permission, an I/O error). */
        UNREADABLE,
        /** The file is empty (0 bytes). */
        EMPTY,
        /** The file is not audio in any format known here or to ffmpeg (e.g. a text file). */
        NOT_AUDIO,
        /** The container is audio but its codec cannot be decoded. */
        UNSUPPORTED,
        /** The file is audio but its structure is broken (no data chunk, zero channels, ...). */
        CORRUPT,
        /** The file ends inside its headers, before any sample could be located. */
        TRUNCATED,
        /** A media file (a video, an image) without any audio stream. */
        NO_AUDIO_STREAM,
        /**
         * ffmpeg or ffprobe is needed for this file but is not installed; the message names the
         * host, since on a cluster it is one machine's installation that is missing.
         */
        FFMPEG_MISSING
    }

    private final transient Path path;
    private final Reason reason;

    /** A failure of reason {@link Reason#CORRUPT}. */
    public AudioFileException(Path path, String message) {
        this(path, Reason.CORRUPT, message, null);
    }

    /** A failure of reason {@link Reason#CORRUPT}, caused by {@code cause}. */
    public AudioFileException(Path path, String message, Throwable cause) {
        this(path, Reason.CORRUPT, message, cause);
    }

    public AudioFileException(Path path, Reason reason, String message) {
        this(path, reason, message, null);
    }

    public AudioFileException(Path path, Reason reason, String message, Throwable cause) {
        super(path + ": " + message + (reason == Reason.FFMPEG_MISSING ? " (on host " + host() + ")" : ""), cause);
        this.path = path;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    /** This machine's name, for messages about what is installed where (looked up once). */
    static String host() {
        return Host.NAME;
    }

    private static final class Host {
        static final String NAME = lookUp();

        private static String lookUp() {
            try {
                return java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | RuntimeException e) {
                String env = System.getenv("HOSTNAME");
                return env == null || env.isBlank() ? "unknown" : env;
            }
        }
    }

    /** The file that could not be read. */
    public Path path() { return path; }

    /** The kind of failure. */
    public Reason reason() { return reason; }

    /** The message without the leading path. */
    String detail() {
        String m = getMessage();
        String prefix = path + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
