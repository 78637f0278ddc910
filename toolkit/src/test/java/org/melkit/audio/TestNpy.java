package org.melkit.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Minimal .npy reader for test fixtures: 1-D little-endian float32 or float64, C order. */
final class TestNpy {
    private static final Pattern DESCR = Pattern.compile("'descr':\\s*'([^']+)'");
    private static final Pattern SHAPE = Pattern.compile("'shape':\\s*\\((\\d+),?\\)");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order':\\s*False");

    private TestNpy() {}

    /** The samples of a 1-D {@code <f4} or {@code <f8} array, as float. */
    static float[] readFloats(Path path) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(path)).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[6];
        b.get(magic);
        if (!new String(magic, StandardCharsets.ISO_8859_1).equals("\u0093NUMPY")) {
            throw new IOException(path + ": not a .npy file");
        }
        int major = b.get() & 0xff;
        b.get(); // minor
        int headerLen = major == 1 ? b.getShort() & 0xffff : b.getInt();
        byte[] h = new byte[headerLen];
        b.get(h);
        String header = new String(h, StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !s.find() || !FORTRAN.matcher(header).find()) {
            throw new IOException(path + ": want a 1-D C-order array, header " + header.trim());
        }
        int n = Integer.parseInt(s.group(1));
        float[] x = new float[n];
        switch (d.group(1)) {
            case "<f4":
                b.asFloatBuffer().get(x);
                break;
            case "<f8":
                for (int i = 0; i < n; i++) {
                    x[i] = (float) b.getDouble();
                }
                break;
            default:
                throw new IOException(path + ": dtype " + d.group(1) + " is not <f4 or <f8");
        }
        return x;
    }
}
