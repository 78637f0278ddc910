package org.melkit.audio;

import java.nio.file.Path;

/**
 * What a file's headers say, read without decoding all of it ({@link Audio#probe}).
 *
 * @param path the file
 * @param format container/codec name: {@code wav}, {@code mp3}, {@code flac}, {@code ogg}, {@code mp4}, ...
 * @param sampleRate native sample rate in Hz
 * @param channels channel count
 * @param frames samples per channel, or -1 when the headers do not say exactly (lossy codecs,
 *               whose decoded length depends on encoder delay and padding). For WAV this is the
 *               whole frames present, what {@link Audio#load} returns at the native rate, also
 *               when a truncated file's header claims more.
 * @param durationSeconds duration in seconds: {@code frames / sampleRate} when frames are known,
 *                        else the container's estimate, or NaN when it gives none
 */
public record AudioInfo(Path path, String format, int sampleRate, int channels, long frames, double durationSeconds) {
}
