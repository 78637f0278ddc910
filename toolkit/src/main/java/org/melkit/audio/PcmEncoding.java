package org.melkit.audio;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Little-endian sample encodings read in Java, with libsndfile's (and so librosa's) conversion
 * to float32: unsigned 8-bit is {@code (u - 128) / 128}, signed integers are scaled by
 * {@code 1 / 2^(bits-1)} (1/32768 for 16-bit, never 1/32767), floats are kept as they are
 * (values beyond +-1 included; float64 is rounded to the nearest float32).
 */
enum PcmEncoding {
    U8(1, false),
    S16(2, false),
    S24(3, false),
    S32(4, false),
    F32(4, true),
    F64(8, true);

    private static final float SCALE_8 = 1f / 128f;
    private static final float SCALE_16 = 1f / 32768f;
    private static final float SCALE_24 = 1f / 8388608f;
    private static final float SCALE_32 = 1f / 2147483648f;

    final int bytes;
    final boolean isFloat;

    PcmEncoding(int bytes, boolean isFloat) {
        this.bytes = bytes;
        this.isFloat = isFloat;
    }

    /** Integer PCM in a container of {@code containerBytes} (WAV: 8-bit is unsigned). */
    static PcmEncoding integer(int containerBytes) {
        return switch (containerBytes) {
            case 1 -> U8;
            case 2 -> S16;
            case 3 -> S24;
            case 4 -> S32;
            default -> null;
        };
    }

    /** IEEE float of {@code bits} bits, or null. */
    static PcmEncoding floating(int bits) {
        return bits == 32 ? F32 : bits == 64 ? F64 : null;
    }

    /**
     * Decodes {@code frames} interleaved frames of {@code channels} channels starting at
     * {@code src}'s position into {@code dst[c][dstOffset..]}; advances {@code src} past them.
     */
    void decode(ByteBuffer src, int channels, int frames, float[][] dst, int dstOffset) {
        ByteBuffer b = src.slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = frames * channels;
        switch (this) {
            case U8 -> {
                for (int i = 0, f = dstOffset; i < n; f++) {
                    for (int c = 0; c < channels; c++, i++) {
                        dst[c][f] = ((b.get(i) & 0xFF) - 128) * SCALE_8;
                    }
                }
            }
            case S16 -> {
                // one bulk copy, then a plain strided loop per channel (a per-sample get(i) on
                // the buffer view cost about as much as resampling the clip)
                short[] tmp = new short[n];
                b.asShortBuffer().get(tmp);
                for (int c = 0; c < channels; c++) {
                    float[] d = dst[c];
                    for (int i = c, f = dstOffset; i < n; i += channels, f++) {
                        d[f] = tmp[i] * SCALE_16;
                    }
                }
            }
            case S24 -> {
                for (int i = 0, p = 0, f = dstOffset; i < n; f++) {
                    for (int c = 0; c < channels; c++, i++, p += 3) {
                        int v = (b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16;
                        dst[c][f] = v * SCALE_24;
                    }
                }
            }
            case S32 -> {
                int[] tmp = new int[n];
                b.asIntBuffer().get(tmp);
                for (int c = 0; c < channels; c++) {
                    float[] d = dst[c];
                    for (int i = c, f = dstOffset; i < n; i += channels, f++) {
                        // int -> float rounds to nearest, as libsndfile's (float) cast does
                        d[f] = (float) tmp[i] * SCALE_32;
                    }
                }
            }
            case F32 -> {
                var s = b.asFloatBuffer();
                if (channels == 1) {
                    s.get(dst[0], dstOffset, n);
                } else {
                    // ffmpeg's stereo pcm_f32le output (every mp4 the MELD job reads) takes this path
                    float[] tmp = new float[n];
                    s.get(tmp);
                    for (int c = 0; c < channels; c++) {
                        float[] d = dst[c];
                        for (int i = c, f = dstOffset; i < n; i += channels, f++) {
                            d[f] = tmp[i];
                        }
                    }
                }
            }
            case F64 -> {
                double[] tmp = new double[n];
                b.asDoubleBuffer().get(tmp);
                for (int c = 0; c < channels; c++) {
                    float[] d = dst[c];
                    for (int i = c, f = dstOffset; i < n; i += channels, f++) {
                        d[f] = (float) tmp[i];
                    }
                }
            }
        }
        src.position(src.position() + n * bytes);
    }
}
