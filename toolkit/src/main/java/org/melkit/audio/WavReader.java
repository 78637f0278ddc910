package org.melkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import org.melkit.audio.AudioFileException.Reason;

/**
 * Reads RIFF/WAVE (and RF64/BW64) files in Java, sample for sample as libsndfile does for
 * librosa 0.11: PCM unsigned 8-bit, signed 16/24/32-bit, IEEE float 32/64, plain or
 * {@code WAVE_FORMAT_EXTENSIBLE}. See {@link PcmEncoding} for the conversion to float32.
 *
 * <p>Chunks other than {@code fmt }, {@code data} and {@code ds64} (LIST, JUNK, FLLR, fact,
 * bext, ...) are skipped; odd-sized chunks are padded to an even size (and a writer that forgot
 * the pad byte is tolerated). Only the frames asked for are read, with one positioned read of
 * the data region into a little-endian buffer (in blocks of at most 16 MiB for long files).
 *
 * <p>Oddities that libsndfile tolerates are tolerated here too, with a warning on the
 * {@code org.melkit.audio} logger:
 * <ul>
 *   <li>a data chunk that claims more bytes than the file holds (a truncated file): the whole
 *       frames present are loaded, as librosa loads them;</li>
 *   <li>a data size that is not a multiple of the frame size: the trailing partial frame is
 *       dropped;</li>
 *   <li>a {@code blockAlign} field that disagrees with channels x sample size: the frame size
 *       follows the channel count and sample size, as libsndfile does.</li>
 * </ul>
 * A data size of {@code 0xFFFFFFFF} (streamed WAV, as ffmpeg writes to a pipe) means "to the end
 * of the file" and is not a warning.
 *
 * <p>Codecs other than PCM and float (ADPCM, A-law, mu-law, MP3-in-WAV, ...) are reported as not
 * {@linkplain Format#decodable() decodable} so the caller can hand the file to ffmpeg.
 */
final class WavReader {
    static final System.Logger LOG = System.getLogger("org.melkit.audio");

    /** Largest block read at once from the data chunk (a multiple of every frame size is used). */
    private static final int MAX_BLOCK_BYTES = 16 << 20;
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    /** The 14 trailing bytes of every standard {@code KSDATAFORMAT_SUBTYPE_*} GUID. */
    private static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    static final int WAVE_FORMAT_PCM = 0x0001;
    static final int WAVE_FORMAT_IEEE_FLOAT = 0x0003;
    static final int WAVE_FORMAT_EXTENSIBLE = 0xFFFE;

    private WavReader() {}

    /**
     * The {@code fmt } chunk.
     *
     * @param tag format tag (for EXTENSIBLE, the one of the sub-format GUID; -1 for a GUID that
     *            is not a standard sub-format)
     * @param extensible whether the chunk was {@code WAVE_FORMAT_EXTENSIBLE}
     * @param encoding the sample encoding, or null when Java does not decode this codec
     */
    record Format(int tag, boolean extensible, int channels, int sampleRate, int blockAlign,
                  int bitsPerSample, PcmEncoding encoding) {

        boolean decodable() { return encoding != null; }

        /** Bytes per frame: channels x sample size for PCM/float (libsndfile), else blockAlign. */
        int frameBytes() { return encoding != null ? channels * encoding.bytes : blockAlign; }

        String describe() {
            String codec = switch (tag) {
                case WAVE_FORMAT_PCM -> "PCM";
                case WAVE_FORMAT_IEEE_FLOAT -> "IEEE float";
                case 0x0002 -> "MS ADPCM";
                case 0x0006 -> "A-law";
                case 0x0007 -> "mu-law";
                case 0x0011 -> "IMA ADPCM";
                case 0x0031 -> "GSM 6.10";
                case 0x0050, 0x0055 -> "MPEG audio";
                case -1 -> "non-standard sub-format GUID";
                default -> "format tag 0x" + String.format(Locale.ROOT, "%04X", tag);
            };
            return (extensible ? "EXTENSIBLE " : "") + codec + ", " + bitsPerSample + "-bit, "
                    + channels + " ch, " + sampleRate + " Hz";
        }
    }

    /**
     * What the headers say.
     *
     * @param dataOffset file position of the first sample byte
     * @param frames whole frames present in the file (what {@link #read} can return)
     * @param declaredFrames whole frames the data chunk declares, or -1 for "to the end"
     */
    record Header(Format format, long dataOffset, long frames, long declaredFrames) {
        boolean truncated() { return declaredFrames >= 0 && frames < declaredFrames; }

        double durationSeconds() { return (double) frames / format.sampleRate(); }
    }

    /** Whether the first 12 bytes are a RIFF, RF64 or BW64 header of form WAVE. */
    static boolean isRiffWave(byte[] head) {
        if (head.length < 12) {
            return false;
        }
        String magic = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
        String form = new String(head, 8, 4, StandardCharsets.ISO_8859_1);
        return (magic.equals("RIFF") || magic.equals("RF64") || magic.equals("BW64")) && form.equals("WAVE");
    }

    /** Reads and checks the headers, walking the chunks up to the data chunk. */
    static Header readHeader(Path path, FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            throw new AudioFileException(path, Reason.EMPTY, "file is empty (0 bytes)");
        }
        ByteBuffer head = readAt(ch, 0, (int) Math.min(12, size));
        byte[] h = new byte[head.remaining()];
        head.get(h);
        if (!isRiffWave(h)) {
            throw new AudioFileException(path, h.length < 12 && startsWithRiff(h) ? Reason.TRUNCATED : Reason.NOT_AUDIO,
                    "not a RIFF/WAVE file (" + size + " bytes, starts with " + printable(h) + ")");
        }
        boolean rf64 = h[1] == 'F' || h[0] == 'B'; // RF64 or BW64
        long ds64Data = -1;
        Format format = null;
        long dataOffset = -1;
        long dataSize = -1;
        long pos = 12;
        while (pos + 8 <= size) {
            ByteBuffer ck = readAt(ch, pos, 8);
            String id = chunkId(ck);
            long ckSize = ck.getInt(4) & 0xFFFFFFFFL;
            long body = pos + 8;
            if (id.equals("ds64")) {
                if (ckSize < 16 || body + 16 > size) {
                    throw new AudioFileException(path, Reason.TRUNCATED, "RF64 'ds64' chunk is cut short at byte " + size);
                }
                ds64Data = readAt(ch, body + 8, 8).getLong(0);
            } else if (id.equals("fmt ") && format == null) {
                if (ckSize < 16) {
                    throw new AudioFileException(path, Reason.CORRUPT, "'fmt ' chunk has " + ckSize + " bytes, needs at least 16");
                }
                if (body + 16 > size) {
                    throw new AudioFileException(path, Reason.TRUNCATED,
                            "file ends inside the 'fmt ' chunk (" + size + " bytes)");
                }
                format = parseFmt(path, readAt(ch, body, (int) Math.min(ckSize, Math.min(64, size - body))));
            } else if (id.equals("data") && dataOffset < 0) {
                dataOffset = body;
                if (rf64 && ckSize == UNKNOWN_SIZE && ds64Data >= 0) {
                    dataSize = ds64Data;
                } else {
                    dataSize = ckSize == UNKNOWN_SIZE ? -1 : ckSize;
                }
                if (format != null || dataSize < 0 || body + dataSize >= size) {
                    break; // everything needed is known, or the data runs to the end of the file
                }
            } else if (id.equals("data")) {
                break; // a second data chunk: ignored, as libsndfile does
            } else if (!isChunkId(ck)) {
                if (format != null && dataOffset >= 0) {
                    break; // trailing garbage after the chunks that matter
                }
                throw new AudioFileException(path, Reason.CORRUPT, "invalid chunk id " + printable(idBytes(ck))
                        + " at byte " + pos + (format == null ? " before the 'fmt ' chunk" : " before the 'data' chunk"));
            }
            pos = nextChunk(ch, body, ckSize, size);
        }
        boolean cutShort = pos > size; // the last chunk walked claims bytes past the end of the file
        if (format == null) {
            throw new AudioFileException(path, cutShort ? Reason.TRUNCATED : Reason.CORRUPT,
                    "no 'fmt ' chunk" + (cutShort ? " before the end of the file (" + size + " bytes)" : ""));
        }
        if (dataOffset < 0) {
            throw new AudioFileException(path, cutShort ? Reason.TRUNCATED : Reason.CORRUPT,
                    "no 'data' chunk" + (cutShort ? " before the end of the file (" + size + " bytes)" : "")
                    + " (" + format.describe() + ")");
        }
        if (!format.decodable()) {
            return new Header(format, dataOffset, -1, -1);
        }
        Format fmt = format;
        int frameBytes = fmt.frameBytes();
        long declaredBytes = dataSize;
        long present = Math.max(0, size - dataOffset);
        long usable = declaredBytes < 0 ? present : Math.min(declaredBytes, present);
        long frames = usable / frameBytes;
        long declared = declaredBytes < 0 ? -1 : declaredBytes / frameBytes;
        if (declaredBytes > present) {
            LOG.log(System.Logger.Level.WARNING, () -> path + ": truncated WAV: the data chunk declares " + declared
                    + " frames (" + declaredBytes + " bytes) but the file holds only " + frames
                    + " whole frames; loading those " + frames + " frames, as librosa (libsndfile) does");
        } else if (usable % frameBytes != 0) {
            LOG.log(System.Logger.Level.WARNING, () -> path + ": the data chunk ends with a partial frame ("
                    + usable % frameBytes + " of " + frameBytes + " bytes); it is ignored, as libsndfile does");
        }
        if (fmt.blockAlign() != frameBytes) {
            LOG.log(System.Logger.Level.WARNING, () -> path + ": blockAlign=" + fmt.blockAlign() + " but "
                    + fmt.channels() + " channels of " + fmt.encoding().bytes + " bytes make " + frameBytes
                    + "; using " + frameBytes + " bytes per frame, as libsndfile does");
        }
        return new Header(format, dataOffset, frames, declared);
    }

    /** Reads the frames of {@code window} (librosa's offset/duration arithmetic). */
    static AudioClip read(Path path, FileChannel ch, Header header, FrameWindow window) throws IOException {
        Format f = header.format();
        if (!f.decodable()) {
            throw new IllegalStateException("codec not decoded in Java: " + f.describe());
        }
        int sr = f.sampleRate();
        long start = Math.min(window.start(sr), header.frames());
        long count = window.clampedCount(sr, header.frames());
        int n = checkedLength(path, count);
        int channels = f.channels();
        int frameBytes = f.frameBytes();
        float[][] out = new float[channels][n];
        int framesPerBlock = Math.max(1, MAX_BLOCK_BYTES / frameBytes);
        long pos = header.dataOffset() + start * frameBytes;
        int done = 0;
        while (done < n) {
            int k = Math.min(framesPerBlock, n - done);
            ByteBuffer block = readAt(ch, pos, k * frameBytes);
            if (block.remaining() < k * frameBytes) {
                throw new AudioFileException(path, Reason.TRUNCATED, "file shrank while reading: expected "
                        + k * frameBytes + " bytes at byte " + pos + ", got " + block.remaining());
            }
            f.encoding().decode(block, channels, k, out, done);
            done += k;
            pos += (long) k * frameBytes;
        }
        return AudioClip.wrap(out, sr);
    }

    /**
     * Hands every frame of the data region to {@code sink} in blocks of at most
     * {@code blockFrames} frames, each block a new array (nothing is reused); returns the frames
     * read. Memory is one block whatever the file's length.
     */
    static long stream(Path path, FileChannel ch, Header header, int blockFrames, Audio.BlockSink sink) throws IOException {
        Format f = header.format();
        if (!f.decodable()) {
            throw new IllegalStateException("codec not decoded in Java: " + f.describe());
        }
        int channels = f.channels();
        int frameBytes = f.frameBytes();
        int perBlock = Math.max(1, Math.min(blockFrames, MAX_BLOCK_BYTES / frameBytes));
        long n = header.frames();
        long pos = header.dataOffset();
        for (long done = 0; done < n; ) {
            int k = (int) Math.min(perBlock, n - done);
            ByteBuffer block = readAt(ch, pos, k * frameBytes);
            if (block.remaining() < k * frameBytes) {
                throw new AudioFileException(path, Reason.TRUNCATED, "file shrank while reading: expected "
                        + k * frameBytes + " bytes at byte " + pos + ", got " + block.remaining());
            }
            float[][] out = new float[channels][k];
            f.encoding().decode(block, channels, k, out, 0);
            sink.accept(out);
            done += k;
            pos += (long) k * frameBytes;
        }
        return n;
    }

    /** Parses a {@code fmt } chunk body (at least 16 bytes). */
    static Format parseFmt(Path path, ByteBuffer b) {
        b.order(ByteOrder.LITTLE_ENDIAN);
        int tag = b.getShort(0) & 0xFFFF;
        int channels = b.getShort(2) & 0xFFFF;
        long rate = b.getInt(4) & 0xFFFFFFFFL;
        int blockAlign = b.getShort(12) & 0xFFFF;
        int bits = b.getShort(14) & 0xFFFF;
        boolean extensible = tag == WAVE_FORMAT_EXTENSIBLE;
        if (extensible) {
            if (b.limit() < 40) {
                throw new AudioFileException(path, Reason.CORRUPT, "WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk has "
                        + b.limit() + " bytes, needs 40");
            }
            tag = b.getShort(24) & 0xFFFF;
            for (int i = 0; i < GUID_TAIL.length; i++) {
                if (b.get(26 + i) != GUID_TAIL[i]) {
                    tag = -1;
                    break;
                }
            }
        }
        if (channels == 0) {
            throw new AudioFileException(path, Reason.CORRUPT, "the 'fmt ' chunk says 0 channels");
        }
        if (rate == 0 || rate > Integer.MAX_VALUE) {
            throw new AudioFileException(path, Reason.CORRUPT, "the 'fmt ' chunk says sample rate " + rate + " Hz");
        }
        PcmEncoding enc = null;
        if (tag == WAVE_FORMAT_PCM) {
            if (bits == 0 || bits > 32) {
                throw new AudioFileException(path, Reason.CORRUPT, "PCM with bitsPerSample=" + bits + " (must be 1..32)");
            }
            enc = PcmEncoding.integer((bits + 7) / 8);
        } else if (tag == WAVE_FORMAT_IEEE_FLOAT) {
            enc = PcmEncoding.floating(bits);
            if (enc == null) {
                throw new AudioFileException(path, Reason.CORRUPT, "IEEE float with bitsPerSample=" + bits + " (must be 32 or 64)");
            }
        }
        return new Format(tag, extensible, channels, (int) rate, blockAlign, bits, enc);
    }

    /** The Java array length for {@code count} frames, or an error naming the limit. */
    static int checkedLength(Path path, long count) {
        if (count > Integer.MAX_VALUE - 16) {
            throw new AudioFileException(path, Reason.UNSUPPORTED, count + " frames per channel do not fit in one Java array"
                    + " (max " + (Integer.MAX_VALUE - 16) + "); load it in pieces with offset and duration");
        }
        return (int) count;
    }

    /** Position of the chunk after one whose body starts at {@code body}: padded to even size. */
    private static long nextChunk(FileChannel ch, long body, long ckSize, long size) throws IOException {
        long next = body + ckSize;
        if ((ckSize & 1) == 0) {
            return next;
        }
        // RIFF pads odd chunks; some writers forget. Keep the pad unless only the unpadded position
        // starts a plausible chunk.
        if (next + 9 <= size && !isChunkId(readAt(ch, next + 1, 4)) && isChunkId(readAt(ch, next, 4))) {
            return next;
        }
        return next + 1;
    }

    private static ByteBuffer readAt(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            int r = ch.read(b, pos + b.position());
            if (r < 0) {
                break;
            }
        }
        return b.flip();
    }

    private static boolean isChunkId(ByteBuffer b) {
        if (b.limit() < 4) {
            return false;
        }
        for (int i = 0; i < 4; i++) {
            int c = b.get(i) & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return false;
            }
        }
        return true;
    }

    private static byte[] idBytes(ByteBuffer b) {
        byte[] id = new byte[4];
        b.get(0, id);
        return id;
    }

    private static String chunkId(ByteBuffer b) {
        return new String(idBytes(b), StandardCharsets.ISO_8859_1);
    }

    private static boolean startsWithRiff(byte[] h) {
        String s = new String(h, StandardCharsets.ISO_8859_1);
        return "RIFF".startsWith(s) || s.startsWith("RIFF") || s.startsWith("RF64");
    }

    /** The bytes as a quoted string with non-printable bytes escaped. */
    static String printable(byte[] bytes) {
        StringBuilder sb = new StringBuilder("\"");
        for (byte x : bytes) {
            int c = x & 0xFF;
            if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append(String.format(Locale.ROOT, "\\x%02x", c));
            }
        }
        return sb.append('"').toString();
    }
}
