package org.melkit.io;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.melkit.dsp.FloatMatrix;

/**
 * numpy {@code .npy} files (format 1.0, little-endian float32, C order), written to a temporary
 * name and renamed into place, so {@code numpy.load} never sees half a file.
 */
public final class Npy {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private Npy() {}

    /** A float array with its shape, as read from a {@code .npy}. */
    public record Array(int[] shape, float[] data) {
        public FloatMatrix toMatrix() {
            if (shape.length == 1) {
                return FloatMatrix.wrap(1, shape[0], data);
            }
            if (shape.length == 2) {
                return FloatMatrix.wrap(shape[0], shape[1], data);
            }
            throw new IllegalStateException("shape " + Arrays.toString(shape) + " is not 1-D or 2-D");
        }
    }

    /** Writes {@code m} with shape {@code (rows, cols)}. */
    public static void write(Path path, FloatMatrix m) {
        write(path, m.toArray(), m.rows(), m.cols());
    }

    /** Writes {@code data} (C order) with the given shape, atomically; creates the parent folders. */
    public static void write(Path path, float[] data, int... shape) {
        long n = 1;
        for (int s : shape) {
            n *= s;
        }
        if (n != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " holds " + n + " values, data has " + data.length);
        }
        Path tmp = AtomicFiles.tempSibling(path);
        try {
            Files.createDirectories(tmp.getParent());
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(header(shape, "<f4"));
                ByteBuffer buf = ByteBuffer.allocate(Math.min(data.length, 1 << 16) * 4 + 4).order(ByteOrder.LITTLE_ENDIAN);
                for (int i = 0; i < data.length; i++) {
                    if (buf.remaining() < 4) {
                        out.write(buf.array(), 0, buf.position());
                        buf.clear();
                    }
                    buf.putFloat(data[i]);
                }
                out.write(buf.array(), 0, buf.position());
            }
            AtomicFiles.moveIntoPlace(tmp, path);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * The bytes {@link #write(Path, FloatMatrix)} writes for {@code m}, for writers that are not
     * java.nio files (a Hadoop file system in melkit-spark).
     */
    public static byte[] bytes(FloatMatrix m) {
        float[] data = m.toArray();
        byte[] header = header(new int[] {m.rows(), m.cols()}, "<f4");
        ByteBuffer buf = ByteBuffer.allocate(header.length + data.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.put(header);
        for (float v : data) {
            buf.putFloat(v);
        }
        return buf.array();
    }

    /** The header (magic, version 1.0, dict padded so the data starts at a multiple of 64). */
    static byte[] header(int[] shape, String descr) {
        return header(shapeText(shape), descr);
    }

    /** numpy's rendering of a shape tuple: {@code (5,)}, {@code (2, 3)}. */
    static String shapeText(int[] shape) {
        StringBuilder sh = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sh.append(", ");
            }
            sh.append(shape[i]);
        }
        return sh.append(shape.length == 1 ? ",)" : ")").toString();
    }

    static byte[] header(String shapeText, String descr) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int total = MAGIC.length + 2 + 2 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String full = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(MAGIC.length + 4 + full.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) 1).put((byte) 0).putShort((short) full.length());
        b.put(full.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** Reads a float32 or float64 little-endian C-order {@code .npy} (float64 is rounded to float32). */
    public static Array read(Path path) {
        try {
            byte[] all = Files.readAllBytes(path);
            ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
            for (byte m : MAGIC) {
                if (b.get() != m) {
                    throw new IllegalArgumentException(path + ": not a .npy file (bad magic)");
                }
            }
            int major = b.get();
            b.get();
            int hlen = major == 1 ? Short.toUnsignedInt(b.getShort()) : b.getInt();
            String h = new String(all, b.position(), hlen, StandardCharsets.ISO_8859_1);
            b.position(b.position() + hlen);
            Matcher d = DESCR.matcher(h);
            Matcher f = FORTRAN.matcher(h);
            Matcher s = SHAPE.matcher(h);
            if (!d.find() || !f.find() || !s.find()) {
                throw new IllegalArgumentException(path + ": unreadable .npy header " + h.trim());
            }
            int[] shape = Arrays.stream(s.group(1).split(",")).map(String::trim).filter(x -> !x.isEmpty())
                    .mapToInt(Integer::parseInt).toArray();
            long n = 1;
            for (int x : shape) {
                n *= x;
            }
            float[] data = new float[(int) n];
            switch (d.group(1)) {
                case "<f4" -> b.asFloatBuffer().get(data);
                case "<f8" -> {
                    for (int i = 0; i < n; i++) {
                        data[i] = (float) b.getDouble();
                    }
                }
                case "<i8" -> {
                    for (int i = 0; i < n; i++) {
                        data[i] = b.getLong();
                    }
                }
                default -> throw new IllegalArgumentException(path + ": dtype " + d.group(1) + " is not supported (float32/float64)");
            }
            if (f.group(1).equals("True") && shape.length > 1) {
                data = fortranToC(data, shape);
            }
            return new Array(shape, data);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reorders column-major values (numpy {@code fortran_order}) into row-major order. */
    private static float[] fortranToC(float[] f, int[] shape) {
        float[] c = new float[f.length];
        int d = shape.length;
        int[] idx = new int[d];
        long[] fStride = new long[d];
        fStride[0] = 1;
        for (int k = 1; k < d; k++) {
            fStride[k] = fStride[k - 1] * shape[k - 1];
        }
        for (int i = 0; i < c.length; i++) {
            long off = 0;
            for (int k = 0; k < d; k++) {
                off += idx[k] * fStride[k];
            }
            c[i] = f[(int) off];
            for (int k = d - 1; k >= 0; k--) {
                if (++idx[k] < shape[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
        return c;
    }
}
