package org.melkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code .npy} fixtures of the audio tests: numpy format v1-v3, C order (or Fortran
 * order up to 2-D),
 * little-endian float32 ({@code <f4}) or float64 ({@code <f8}), any shape. Test scope only.
 */
final class TestNpyAudio {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\(([^)]*)\\)");

    /** An array's shape and its values in C order, widened to float. */
    record Array(int[] shape, float[] data) {
        int rows() { return shape.length == 1 ? 1 : shape[0]; }

        int length() { return shape.length == 0 ? 1 : shape[shape.length - 1]; }

        /** Row {@code r} of a 2-D array, or the whole 1-D array for {@code r == 0}. */
        float[] row(int r) {
            int n = length();
            float[] out = new float[n];
            System.arraycopy(data, r * n, out, 0, n);
            return out;
        }
    }

    private TestNpyAudio() {}

    static Array read(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (magic[0] != (byte) 0x93 || !new String(magic, 1, 5, StandardCharsets.US_ASCII).equals("NUMPY")) {
            throw new IOException(path + ": not a .npy file");
        }
        int major = b.get() & 0xFF;
        b.get();
        int headerLen = major == 1 ? b.getShort() & 0xFFFF : b.getInt();
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, major >= 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = find(DESCR, header, path);
        boolean fortran = find(FORTRAN, header, path).equals("True");
        String dims = find(SHAPE, header, path).trim();
        int[] shape = dims.isEmpty() ? new int[0]
                : java.util.Arrays.stream(dims.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .mapToInt(Integer::parseInt).toArray();
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        float[] data = new float[Math.toIntExact(count)];
        switch (descr) {
            case "<f4" -> b.asFloatBuffer().get(data);
            case "<f8" -> {
                var d = b.asDoubleBuffer();
                for (int i = 0; i < data.length; i++) {
                    data[i] = (float) d.get(i);
                }
            }
            default -> throw new IOException(path + ": dtype " + descr + " is not supported");
        }
        if (fortran && shape.length == 2) {
            float[] c = new float[data.length];
            for (int i = 0; i < shape[0]; i++) {
                for (int j = 0; j < shape[1]; j++) {
                    c[i * shape[1] + j] = data[j * shape[0] + i];
                }
            }
            data = c;
        } else if (fortran && shape.length > 2) {
            throw new IOException(path + ": Fortran order is supported up to 2 dimensions");
        }
        return new Array(shape, data);
    }

    private static String find(Pattern p, String header, Path path) throws IOException {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new IOException(path + ": bad .npy header " + header);
        }
        return m.group(1);
    }
}
