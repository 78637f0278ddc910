package org.melkit.audio;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.Objects;

import org.melkit.audio.AudioFileException.Reason;

/**
 * Loading, probing and writing audio: WAV in Java, every other format through Debian's ffmpeg.
 * librosa 0.11's {@code load} semantics.
 *
 * <p>Which decoder reads a file depends on its content, not its name: a RIFF/WAVE (or RF64) file
 * with PCM or IEEE float samples is read in Java, sample for sample as libsndfile reads it for
 * librosa; everything else (MP3, AAC, FLAC, Ogg Vorbis, Opus, AIFF, ADPCM or mu-law WAV, ...)
 * is decoded by ffmpeg to float32 at its native rate. Offset, duration, down-mix and resampling
 * are then the same Java code for every format.
 *
 * <p>Where the native decoders differ from librosa's (libsndfile for WAV, FLAC, Ogg, MP3; audioread
 * for the rest): lossless formats give bit-identical samples; lossy ones agree to a decoder's
 * precision (MP3 120 dB, ADPCM 60 dB) with the same length. Opus is the exception: ffmpeg
 * decodes it at 48 kHz, while libsndfile decodes at the lowest Opus rate at or above the
 * original rate in the OpusHead (often 16 kHz), so with {@code sr=null} the native rates differ.
 *
 * <p>Files that cannot be read throw {@link AudioFileException}, whose
 * {@link AudioFileException#reason() reason} tells a missing file from an empty, corrupt or
 * audio-less one, and from a missing ffmpeg. Warnings (a truncated WAV, ffmpeg's decoding
 * errors, clipping while writing) go to the {@code org.melkit.audio} {@link System.Logger}.
 * Every method is thread-safe.
 */
public final class Audio {
    private Audio() {}

    /** librosa's {@code load(path)}: 22050 Hz, mono. */
    public static AudioClip load(Path path) {
        return load(path, LoadOptions.DEFAULT);
    }

    /**
     * librosa's {@code load(path, sr, mono, offset, duration)}, step by step as librosa does it:
     * <ol>
     *   <li>decode at the native rate, keeping the file's channels;</li>
     *   <li>keep the frames {@code [int(offset * sr_native), + int(duration * sr_native))}
     *       (float64 products truncated; see {@link LoadOptions}); an offset at or past the end
     *       gives an empty clip, a duration past the end the frames that are there;</li>
     *   <li>if {@code mono}, the channel mean in float32 ({@code to_mono});</li>
     *   <li>if {@code sr} is set and differs from the native rate, resample each channel with
     *       {@link Resampler} (soxr_hq class) to {@code ceil(n * sr / sr_native)} samples.</li>
     * </ol>
     * A result of 0 samples is returned as an empty clip, as librosa returns an empty array;
     * callers decide what that means. With {@code mono=false} a multi-channel file gives a clip
     * of {@code channels} rows (librosa's {@code (channels, n)}).
     *
     * @throws AudioFileException if the file is missing, empty, not audio, corrupt, has no audio
     *         stream, or needs ffmpeg and ffmpeg is not installed
     * @throws java.io.UncheckedIOException wrapping an {@link java.io.InterruptedIOException} if
     *         the thread is interrupted while ffmpeg runs (ffmpeg is killed, the interrupt flag
     *         stays set)
     */
    public static AudioClip load(Path path, LoadOptions options) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        AudioClip clip = decode(path, FrameWindow.of(options));
        if (options.mono()) {
            clip = clip.toMono();
        }
        Integer sr = options.sr();
        if (sr == null || sr == clip.sampleRate()) {
            return clip;
        }
        float[][] in = clip.sharedChannels();
        float[][] out = new float[in.length][];
        Resampler resampler = Resampler.of(clip.sampleRate(), sr);
        for (int c = 0; c < in.length; c++) {
            out[c] = in[c].length == 0 ? new float[0] : resampler.resample(in[c]);
        }
        return AudioClip.wrap(out, sr);
    }

    /**
     * Rate, channels and duration from the headers, without decoding the whole file. A PCM or
     * float WAV is read from its header and its frame count is exact (the whole frames present,
     * i.e. what {@link #load} returns at the native rate); other files are asked of ffprobe,
     * whose frame count is exact for FLAC and PCM and -1 (unknown) for lossy codecs.
     *
     * @throws AudioFileException as {@link #load} does
     */
    public static AudioInfo probe(Path path) {
        Objects.requireNonNull(path, "path");
        return javaOrTool(path, "read",
                (ch, h) -> new AudioInfo(path, "wav", h.format().sampleRate(), h.format().channels(), h.frames(), h.durationSeconds()),
                Ffprobe::locate, Ffprobe::probe);
    }

    /** Receives the blocks of {@link #stream}: every channel's samples of one block, a new array each time. */
    @FunctionalInterface
    public interface BlockSink {
        /** {@code block[c]} holds channel {@code c}'s samples of this block (all channels the same length, at least 1). */
        void accept(float[][] block);
    }

    /**
     * Decodes {@code path} block by block, for work that needs the whole recording but not all
     * of it at once (levels, hashes, counts): the samples are those of
     * {@code load(path, sr=None, mono=False)} (native rate, every channel), handed to {@code sink}
     * in order, in blocks of at most {@code blockFrames} frames. Memory is one block, whatever
     * the file's length. WAV is read in Java, everything else through ffmpeg, as {@link #load}.
     *
     * @param blockFrames frames per block (> 0); 65536 is a good size
     * @return the native rate, channel count and the frames handed on ({@code format}: {@code wav}
     *     when read in Java, else the file's extension)
     * @throws AudioFileException as {@link #load} does; a sink's exception propagates (ffmpeg is stopped)
     */
    public static AudioInfo stream(Path path, int blockFrames, BlockSink sink) {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(sink, "sink");
        if (blockFrames <= 0) {
            throw new IllegalArgumentException("blockFrames=" + blockFrames + " must be > 0; typical: 65536");
        }
        return javaOrTool(path, "decoded",
                (ch, h) -> {
                    long n = WavReader.stream(path, ch, h, blockFrames, sink);
                    return new AudioInfo(path, "wav", h.format().sampleRate(), h.format().channels(), n, (double) n / h.format().sampleRate());
                },
                FfmpegDecoder::locate, (ffmpeg, p) -> {
                    FfmpegDecoder.Streamed s = ffmpeg.stream(p, blockFrames, sink);
                    String name = p.getFileName() == null ? "" : p.getFileName().toString();
                    int dot = name.lastIndexOf('.');
                    return new AudioInfo(p, dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "", s.sampleRate(), s.channels(),
                            s.frames(), (double) s.frames() / s.sampleRate());
                });
    }

    /**
     * The samples of {@code load(path, sr, mono=True)} handed to {@code sink} in order, block by
     * block: {@link #stream} at the native rate, each block mixed down as {@code to_mono} does,
     * through {@link Resampler#stream} (the whole resampling, bit for bit). Memory is a few
     * blocks whatever the length. {@code nativeRate} is the rate the caller expects the decoder
     * to give; when the decoder gives another (HE-AAC's headers can state half its rate), the
     * samples handed on were resampled from the wrong rate and {@code -1} is returned: the caller
     * discards them and falls back to {@link #load}.
     *
     * @return the number of samples handed on, or {@code -1} when the decoder's rate was not {@code nativeRate}
     */
    public static long streamMono(Path path, int nativeRate, int sr, Resampler.Sink sink) {
        long[] n = {0};
        Resampler.Stream resampled = Resampler.of(nativeRate, sr).stream((y, off, k) -> {
            n[0] += k;
            sink.accept(y, off, k);
        });
        AudioInfo info = stream(path, 1 << 16, block -> {
            float[] mono = AudioClip.of(block, nativeRate).toMono().samples();
            resampled.push(mono, 0, mono.length);
        });
        if (info.sampleRate() != nativeRate) {
            return -1;
        }
        resampled.finish();
        return n[0];
    }

    /** What to do with a WAV whose codec Java reads: its channel, positioned after the header. */
    @FunctionalInterface
    private interface WavStep<T> {
        T apply(FileChannel ch, WavReader.Header h) throws IOException;
    }

    /** Runs an external tool found for a file on that file. */
    @FunctionalInterface
    private interface ToolStep<X, T> {
        T apply(X tool, Path path);
    }

    /**
     * The one dispatch of {@link #probe} and {@link #decode}: a PCM or float WAV is handled in
     * Java ({@code wav}); anything else goes to an external tool ({@code locate}, then
     * {@code run}). Errors say why Java did not take the file as well as what the tool said,
     * or that the tool is missing.
     */
    private static <X, T> T javaOrTool(Path path, String verb, WavStep<T> wav,
            java.util.function.Function<Path, X> locate, ToolStep<X, T> run) {
        long size = requireReadableFile(path);
        String notWav;
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] head = head(ch);
            if (WavReader.isRiffWave(head)) {
                WavReader.Header h = WavReader.readHeader(path, ch);
                if (h.format().decodable()) {
                    return wav.apply(ch, h);
                }
                notWav = "WAV codec " + h.format().describe() + " is not " + verb + " in Java";
            } else {
                notWav = notRiff(size, head);
            }
        } catch (IOException e) {
            throw ioFailure(path, e);
        }
        X tool;
        try {
            tool = locate.apply(path);
        } catch (AudioFileException e) {
            throw missingTool(path, notWav, e);
        }
        try {
            return run.apply(tool, path);
        } catch (AudioFileException e) {
            throw notAudio(path, notWav, e);
        }
    }

    /** Writes a 16-bit PCM WAV (temporary name, then renamed into place); see {@link WavEncoding#PCM_16}. */
    public static void writeWav(Path path, AudioClip clip) {
        writeWav(path, clip, WavEncoding.PCM_16);
    }

    /**
     * Writes {@code clip} as a WAV file of the given encoding, mono or multi-channel. The data
     * go to a temporary file in the same folder, which is flushed and then renamed onto
     * {@code path} (replacing it), atomically where the file system allows.
     *
     * @throws IllegalArgumentException if the clip does not fit in a WAV file (4 GiB), or holds
     *         NaN and the encoding is {@link WavEncoding#PCM_16}
     * @throws java.io.UncheckedIOException if the file cannot be written
     */
    public static void writeWav(Path path, AudioClip clip, WavEncoding encoding) {
        WavWriter.write(path, clip, encoding);
    }

    /** Decodes the window's frames at the native rate and channel count. */
    static AudioClip decode(Path path, FrameWindow window) {
        return javaOrTool(path, "decoded",
                (ch, h) -> WavReader.read(path, ch, h, window),
                FfmpegDecoder::locate, (ffmpeg, p) -> ffmpeg.decode(p, window));
    }

    private static String notRiff(long size, byte[] head) {
        return "not a RIFF/WAVE file (" + size + " bytes, starts with " + WavReader.printable(head) + ")";
    }

    /** ffmpeg/ffprobe is missing: a .wav that is not RIFF is most likely not audio at all, say that first. */
    private static AudioFileException missingTool(Path path, String notWav, AudioFileException e) {
        if (isWavName(path) && notWav.startsWith("not a RIFF")) {
            return new AudioFileException(path, Reason.NOT_AUDIO, notWav + ", and other formats cannot be tried: "
                    + e.detail(), e);
        }
        return new AudioFileException(path, Reason.FFMPEG_MISSING, "this file needs ffmpeg (" + notWav + "): "
                + e.detail(), e);
    }

    /** ffmpeg/ffprobe failed: for a .wav that is not RIFF, say both why Java and why ffmpeg refused it. */
    private static AudioFileException notAudio(Path path, String notWav, AudioFileException e) {
        if (e.reason() == Reason.NOT_AUDIO && isWavName(path)) {
            return new AudioFileException(path, Reason.NOT_AUDIO, notWav + ", and ffmpeg cannot read it either: "
                    + e.detail(), e);
        }
        return e;
    }

    /** The file's size; missing, unreadable and empty files are errors. */
    private static long requireReadableFile(Path path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new AudioFileException(path, Reason.NOT_FOUND, "no such file", e);
        } catch (IOException e) {
            throw ioFailure(path, e);
        }
        if (a.isDirectory()) {
            throw new AudioFileException(path, Reason.UNREADABLE, "is a directory, not an audio file");
        }
        if (a.size() == 0 && a.isRegularFile()) {
            throw new AudioFileException(path, Reason.EMPTY, "file is empty (0 bytes)");
        }
        return a.size();
    }

    private static byte[] head(FileChannel ch) throws IOException {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12);
        while (b.hasRemaining() && ch.read(b, b.position()) >= 0) {
            // fill up to 12 bytes or the end of the file
        }
        byte[] h = new byte[b.position()];
        b.flip().get(h);
        return h;
    }

    private static AudioFileException ioFailure(Path path, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new AudioFileException(path, Reason.NOT_FOUND, "no such file", e);
        }
        String what = e instanceof AccessDeniedException ? "permission denied" : "cannot read: " + e;
        return new AudioFileException(path, Reason.UNREADABLE, what, e);
    }

    private static boolean isWavName(Path path) {
        Path name = path.getFileName();
        String n = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".wav") || n.endsWith(".wave");
    }
}
