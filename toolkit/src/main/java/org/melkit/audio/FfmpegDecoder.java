package org.melkit.audio;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.melkit.audio.AudioFileException.Reason;

/**
 * Decodes any format ffmpeg reads (MP3, AAC in MP4/M4A, FLAC, Ogg Vorbis, Opus, AIFF, ADPCM WAV,
 * ...) to float32 at the file's native rate and channel count. Down-mixing and resampling are
 * left to the caller, so they are the same Java code for every format.
 *
 * <p>The command is
 * {@code ffmpeg -nostdin -hide_banner -loglevel error -i file:PATH -map 0:a:0 -f wav -acodec pcm_f32le -}:
 * the first audio stream as 32-bit float samples in a WAV stream on stdout. The WAV header
 * carries the rate and channel count ffmpeg actually decodes to (which for HE-AAC can differ from
 * what the container says), so one process gives samples and format together. ffmpeg honours
 * the encoder delay and gapless information of MP3 (LAME/Xing), AAC and Opus by default.
 *
 * <p>{@code offset} and {@code duration} are applied here, by frames, with librosa's arithmetic
 * ({@link FrameWindow}); decoding stops (and ffmpeg is stopped) as soon as the last frame needed
 * has arrived. Seeking with {@code -ss} is not used because it is not sample-exact for every
 * codec.
 *
 * <p>stdout is read on the calling thread while a second thread drains stderr, so neither pipe
 * can fill up and block ffmpeg. A decoder holds only the binary's path: it is immutable and can
 * be reused for any number of files, from any number of threads.
 */
final class FfmpegDecoder {
    private static final int READ_FRAMES = 16384;
    private static final int INITIAL_CAPACITY = 1 << 16;

    private final Path binary;

    FfmpegDecoder(Path binary) {
        this.binary = binary;
    }

    /** A decoder over the ffmpeg found for {@code forFile} ({@link ExternalTool#locate}). */
    static FfmpegDecoder locate(Path forFile) {
        return new FfmpegDecoder(ExternalTool.FFMPEG.locate(forFile));
    }

    /** The argument list that decodes {@code file} (a {@code file:} URL, so no name is read as a protocol). */
    List<String> command(Path file) {
        return List.of(binary.toString(), "-nostdin", "-hide_banner", "-loglevel", "error",
                "-i", "file:" + file.toAbsolutePath(), "-map", "0:a:0",
                "-f", "wav", "-acodec", "pcm_f32le", "-");
    }

    /** Decodes the frames of {@code window} from the first audio stream of {@code file}. */
    AudioClip decode(Path file, FrameWindow window) {
        List<String> cmd = command(file);
        Process p = ExternalTool.start(cmd, file);
        ExternalTool.StderrTail err = new ExternalTool.StderrTail(p.getErrorStream(), "melkit-ffmpeg-stderr");
        Result result;
        try (InputStream out = p.getInputStream()) {
            result = read(file, out, window);
            if (result != null && result.stoppedEarly) {
                p.destroy(); // everything asked for has arrived (or the thread was interrupted)
            }
        } catch (IOException e) {
            p.destroyForcibly();
            ExternalTool.waitFor(p, cmd);
            err.await(cmd);
            throw new AudioFileException(file, ExternalTool.classify(err.lines()), "reading ffmpeg's output failed: "
                    + e.getMessage() + "; command: " + cmd + "; ffmpeg stderr: " + err.text(), e);
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        if (result != null && result.interrupted) {
            p.destroyForcibly();
            InterruptedIOException io = new InterruptedIOException("interrupted while decoding " + file
                    + " with " + cmd + "; ffmpeg was stopped");
            throw new UncheckedIOException(io); // the interrupt flag is still set
        }
        int code = ExternalTool.waitFor(p, cmd);
        err.await(cmd);
        boolean stopped = result != null && result.stoppedEarly;
        if (code != 0 && !stopped) {
            Reason reason = ExternalTool.classify(err.lines());
            throw new AudioFileException(file, reason, ExternalTool.summary(reason) + "ffmpeg failed with exit code "
                    + code + "; command: " + cmd + "; ffmpeg stderr: " + err.text());
        }
        if (result == null) {
            throw new AudioFileException(file, Reason.CORRUPT, "ffmpeg exited with code " + code
                    + " without writing a WAV header; command: " + cmd + "; ffmpeg stderr: " + err.text());
        }
        if (!err.lines().isEmpty() && !stopped) {
            WavReader.LOG.log(System.Logger.Level.WARNING, () -> file + ": ffmpeg decoded the file but reported errors"
                    + " (the samples may contain gaps or glitches): " + err.text());
        }
        return result.clip;
    }

    /** The frames {@link #stream} handed on, and at what rate and channel count. */
    record Streamed(int sampleRate, int channels, long frames) {}

    /**
     * Decodes the whole first audio stream of {@code file}, handing it to {@code sink} in blocks
     * of at most {@code blockFrames} frames (each a new array): memory is one block whatever the
     * recording's length.
     */
    Streamed stream(Path file, int blockFrames, Audio.BlockSink sink) {
        List<String> cmd = command(file);
        Process p = ExternalTool.start(cmd, file);
        ExternalTool.StderrTail err = new ExternalTool.StderrTail(p.getErrorStream(), "melkit-ffmpeg-stderr");
        Streamed result = null;
        boolean interrupted = false;
        try (InputStream out = p.getInputStream()) {
            WavReader.Format format = readFormat(file, out);
            if (format != null) {
                int channels = format.channels();
                int frameBytes = format.frameBytes();
                byte[] buf = new byte[frameBytes * Math.max(1, Math.min(blockFrames, READ_FRAMES * 4))];
                long frames = 0;
                while (true) {
                    if (Thread.currentThread().isInterrupted()) {
                        interrupted = true;
                        break;
                    }
                    int have = out.readNBytes(buf, 0, buf.length);
                    int k = have / frameBytes;
                    if (k > 0) {
                        float[][] block = new float[channels][k];
                        format.encoding().decode(ByteBuffer.wrap(buf, 0, k * frameBytes), channels, k, block, 0);
                        sink.accept(block);
                        frames += k;
                    }
                    if (have < buf.length) {
                        break; // end of stream (a trailing partial frame is dropped, as in decode)
                    }
                }
                result = new Streamed(format.sampleRate(), channels, frames);
            }
        } catch (IOException e) {
            p.destroyForcibly();
            ExternalTool.waitFor(p, cmd);
            err.await(cmd);
            throw new AudioFileException(file, ExternalTool.classify(err.lines()), "reading ffmpeg's output failed: "
                    + e.getMessage() + "; command: " + cmd + "; ffmpeg stderr: " + err.text(), e);
        } catch (RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
        if (interrupted) {
            p.destroyForcibly();
            throw new UncheckedIOException(new InterruptedIOException("interrupted while decoding " + file
                    + " with " + cmd + "; ffmpeg was stopped"));
        }
        int code = ExternalTool.waitFor(p, cmd);
        err.await(cmd);
        if (code != 0) {
            Reason reason = ExternalTool.classify(err.lines());
            throw new AudioFileException(file, reason, ExternalTool.summary(reason) + "ffmpeg failed with exit code "
                    + code + "; command: " + cmd + "; ffmpeg stderr: " + err.text());
        }
        if (result == null) {
            throw new AudioFileException(file, Reason.CORRUPT, "ffmpeg exited with code " + code
                    + " without writing a WAV header; command: " + cmd + "; ffmpeg stderr: " + err.text());
        }
        if (!err.lines().isEmpty()) {
            WavReader.LOG.log(System.Logger.Level.WARNING, () -> file + ": ffmpeg decoded the file but reported errors"
                    + " (the samples may contain gaps or glitches): " + err.text());
        }
        return result;
    }

    /**
     * Reads ffmpeg's WAV header up to the start of the samples and returns its format; null if
     * the stream ends before the data chunk, which happens when ffmpeg fails.
     */
    private static WavReader.Format readFormat(Path file, InputStream in) throws IOException {
        byte[] riff = in.readNBytes(12);
        if (riff.length < 12) {
            return null;
        }
        if (!WavReader.isRiffWave(riff)) {
            throw new AudioFileException(file, Reason.CORRUPT, "ffmpeg's output is not WAV (starts with "
                    + WavReader.printable(riff) + ")");
        }
        WavReader.Format format = null;
        while (true) {
            byte[] ck = in.readNBytes(8);
            if (ck.length < 8) {
                return null;
            }
            String id = new String(ck, 0, 4, StandardCharsets.ISO_8859_1);
            long size = ByteBuffer.wrap(ck).order(ByteOrder.LITTLE_ENDIAN).getInt(4) & 0xFFFFFFFFL;
            if (id.equals("data")) {
                break;
            }
            if (id.equals("fmt ")) {
                byte[] body = in.readNBytes((int) Math.min(size, 1 << 16));
                if (body.length < 16) {
                    return null;
                }
                format = WavReader.parseFmt(file, ByteBuffer.wrap(body));
                in.skipNBytes((size & 1) + size - body.length);
            } else {
                in.skipNBytes(size + (size & 1));
            }
        }
        if (format == null || !format.decodable()) {
            throw new AudioFileException(file, Reason.CORRUPT, "ffmpeg's WAV output has "
                    + (format == null ? "no 'fmt ' chunk" : "an unexpected format: " + format.describe()));
        }
        return format;
    }

    private record Result(AudioClip clip, boolean stoppedEarly, boolean interrupted) {}

    /**
     * Reads ffmpeg's WAV stream: the header, then samples to the end of the stream (the size
     * fields of a piped WAV are placeholders). Returns null if the stream ends before the data
     * chunk, which happens when ffmpeg fails.
     */
    private static Result read(Path file, InputStream in, FrameWindow window) throws IOException {
        WavReader.Format format = readFormat(file, in);
        if (format == null) {
            return null;
        }
        int sr = format.sampleRate();
        int channels = format.channels();
        PcmEncoding enc = format.encoding();
        int frameBytes = format.frameBytes();
        long skip = window.start(sr);
        long wanted = window.count(sr);
        long remaining = wanted < 0 ? Long.MAX_VALUE : wanted;

        int capacity = (int) Math.max(16, Math.min(wanted < 0 ? INITIAL_CAPACITY : wanted, 1 << 22));
        float[][] out = new float[channels][capacity];
        int size = 0;
        byte[] buf = new byte[frameBytes * READ_FRAMES];
        int have = 0;
        boolean eof = false;
        boolean interrupted = false;
        while (remaining > 0) {
            if (Thread.currentThread().isInterrupted()) {
                interrupted = true; // checked between blocks: a long decode stops promptly
                break;
            }
            int r = in.read(buf, have, buf.length - have);
            if (r < 0) {
                eof = true;
                break;
            }
            have += r;
            int frames = have / frameBytes;
            if (frames == 0) {
                continue;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, frames * frameBytes);
            int skipped = (int) Math.min(skip, frames);
            skip -= skipped;
            bb.position(skipped * frameBytes);
            int take = (int) Math.min(frames - skipped, remaining);
            if (take > 0) {
                if ((long) size + take > capacity) {
                    long grown = Math.max((long) size + take, Math.min(2L * capacity, Integer.MAX_VALUE - 16));
                    capacity = WavReader.checkedLength(file, grown);
                    for (int c = 0; c < channels; c++) {
                        out[c] = Arrays.copyOf(out[c], capacity);
                    }
                }
                enc.decode(bb, channels, take, out, size);
                size += take;
                remaining -= take;
            }
            int used = frames * frameBytes;
            System.arraycopy(buf, used, buf, 0, have - used);
            have -= used;
        }
        if (size != capacity) {
            for (int c = 0; c < channels; c++) {
                out[c] = Arrays.copyOf(out[c], size);
            }
        }
        return new Result(AudioClip.wrap(out, sr), !eof, interrupted);
    }
}
