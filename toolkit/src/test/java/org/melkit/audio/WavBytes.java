package org.melkit.audio;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds WAV files byte by byte for the tests: any chunk order, any (wrong) size field. */
final class WavBytes {
    static final byte[] GUID_TAIL = {
        0x00, 0x00, 0x00, 0x00, 0x10, 0x00, (byte) 0x80, 0x00, 0x00, (byte) 0xAA, 0x00, 0x38, (byte) 0x9B, 0x71};

    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private String magic = "RIFF";
    private Long riffSize;

    static WavBytes wave() { return new WavBytes(); }

    WavBytes magic(String m) {
        magic = m;
        return this;
    }

    WavBytes riffSize(long size) {
        riffSize = size;
        return this;
    }

    /** A chunk with its true size, padded to even. */
    WavBytes chunk(String id, byte[] body) {
        return chunk(id, body.length, body, true);
    }

    /** A chunk whose size field says {@code declared}, with {@code body} and optionally the pad byte. */
    WavBytes chunk(String id, long declared, byte[] body, boolean pad) {
        raw(id.getBytes(StandardCharsets.US_ASCII));
        raw(le(4).putInt((int) declared).array());
        raw(body);
        if (pad && body.length % 2 == 1) {
            chunks.write(0);
        }
        return this;
    }

    WavBytes raw(byte[] b) {
        chunks.writeBytes(b);
        return this;
    }

    /** A plain {@code fmt } chunk (16 bytes). */
    WavBytes fmt(int tag, int channels, int sr, int bits) {
        int block = channels * ((bits + 7) / 8);
        return chunk("fmt ", fmtBody(tag, channels, sr, block, bits));
    }

    /** A {@code WAVE_FORMAT_EXTENSIBLE} fmt chunk (40 bytes) with a standard sub-format GUID. */
    WavBytes fmtExtensible(int subTag, int channels, int sr, int bits) {
        int block = channels * ((bits + 7) / 8);
        ByteBuffer b = le(40);
        b.put(fmtBody(0xFFFE, channels, sr, block, bits));
        b.putShort((short) 22).putShort((short) bits).putInt((1 << Math.min(channels, 31)) - 1);
        b.putShort((short) subTag).put(GUID_TAIL);
        return chunk("fmt ", b.array());
    }

    static byte[] fmtBody(int tag, int channels, int sr, int blockAlign, int bits) {
        return le(16).putShort((short) tag).putShort((short) channels).putInt(sr).putInt(sr * blockAlign)
                .putShort((short) blockAlign).putShort((short) bits).array();
    }

    WavBytes data(byte[] samples) {
        return chunk("data", samples);
    }

    byte[] bytes() {
        byte[] body = chunks.toByteArray();
        ByteBuffer b = le(12 + body.length);
        b.put(magic.getBytes(StandardCharsets.US_ASCII)).putInt((int) (riffSize != null ? riffSize : 4 + body.length));
        b.put("WAVE".getBytes(StandardCharsets.US_ASCII)).put(body);
        return b.array();
    }

    Path write(Path file) {
        try {
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ByteBuffer le(int n) {
        return ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
    }

    static byte[] s16(int... v) {
        ByteBuffer b = le(2 * v.length);
        for (int x : v) {
            b.putShort((short) x);
        }
        return b.array();
    }

    static byte[] s24(int... v) {
        ByteBuffer b = le(3 * v.length);
        for (int x : v) {
            b.put((byte) x).put((byte) (x >> 8)).put((byte) (x >> 16));
        }
        return b.array();
    }

    static byte[] s32(int... v) {
        ByteBuffer b = le(4 * v.length);
        for (int x : v) {
            b.putInt(x);
        }
        return b.array();
    }

    static byte[] f32(float... v) {
        ByteBuffer b = le(4 * v.length);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    static byte[] f64(double... v) {
        ByteBuffer b = le(8 * v.length);
        for (double x : v) {
            b.putDouble(x);
        }
        return b.array();
    }

    static byte[] u8(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }
}
