package org.melkit.audio;

import java.nio.file.Path;

/**
 * A file that cannot be read as audio: the message names the file and the cause (for ffmpeg,
 * also the command and the tail of its stderr).
 */
public class AudioFileException extends RuntimeException {
    private final transient Path path;

    public AudioFileException(Path path, String message) {
        super(path + ": " + message);
        this.path = path;
    }

    public AudioFileException(Path path, String message, Throwable cause) {
        super(path + ": " + message, cause);
        this.path = path;
    }

    /** The file that could not be read. */
    public Path path() { return path; }
}
