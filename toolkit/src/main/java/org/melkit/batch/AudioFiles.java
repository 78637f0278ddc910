package org.melkit.batch;

import java.util.Locale;
import java.util.Set;

/**
 * File-name rules shared by the dataset scanners: which extensions are audio or images, and
 * how a relative path splits into class folder, stem and extension.
 */
public final class AudioFiles {
    private AudioFiles() {}

    /** Extensions (lower case, no dot) treated as audio: WAV in Java, the rest through ffmpeg. */
    public static final Set<String> AUDIO_EXTENSIONS = Set.of("wav", "wave", "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4",
            "aac", "aif", "aiff", "aifc", "au", "snd", "wma", "webm", "mka", "mkv", "caf", "amr", "3gp");

    /** Extensions (lower case, no dot) treated as images (read with {@code javax.imageio}). */
    public static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "bmp", "gif");

    /** The extension of the last path element, lower case, without the dot ({@code ""} if none). */
    public static String extension(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The last path element without its extension ({@code dog.1.wav -> dog.1}). */
    public static String stem(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** The last element of a {@code /}-separated relative path. */
    public static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The folder part of a {@code /}-separated relative path ({@code ""} for a top-level file). */
    public static String folder(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    public static boolean isAudio(String path) {
        return AUDIO_EXTENSIONS.contains(extension(path));
    }

    public static boolean isImage(String path) {
        return IMAGE_EXTENSIONS.contains(extension(path));
    }

    /** How a file's class is read from its relative path. */
    public enum ClassFrom {
        /** The folder the file is in ({@code dogs/2019/a.wav -> 2019}). */
        PARENT,
        /** The first folder below the root ({@code dogs/2019/a.wav -> dogs}). */
        FIRST_LEVEL;

        /** The class of {@code relativePath}; {@code ""} for a file directly in the root. */
        public String classOf(String relativePath) {
            String folder = folder(relativePath);
            if (folder.isEmpty()) {
                return "";
            }
            if (this == PARENT) {
                return fileName(folder);
            }
            int slash = folder.indexOf('/');
            return slash < 0 ? folder : folder.substring(0, slash);
        }

        /** Parses {@code parent} or {@code first} ({@code first-level}). */
        public static ClassFrom parse(String s) {
            switch (s.toLowerCase(Locale.ROOT)) {
                case "parent": return PARENT;
                case "first": case "first-level": case "first_level": case "top": return FIRST_LEVEL;
                default:
                    throw new IllegalArgumentException("classFrom='" + s + "' must be parent (the file's own folder) or first (the first folder below the root)");
            }
        }
    }
}
