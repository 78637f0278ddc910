package org.melkit.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.melkit.dsp.FloatMatrix;

/**
 * Writes a float32 {@code .npy} of shape {@code (N, ...rowShape)} one row at a time, so memory
 * does not grow with N: rows go to a temporary file, the header's {@code N} is fixed up by
 * {@link #close()}, and the file is then renamed into place. A writer that is never closed
 * (a crash) leaves only the temporary file, never a complete-looking {@code .npy}.
 * Not thread-safe: write rows from one thread, in order.
 */
public final class NpyStreamWriter implements AutoCloseable {
    /** Room for any N: the header is written once with this width and patched in place. */
    private static final int N_WIDTH = 12;

    private final Path path;
    private final Path tmp;
    private final int[] rowShape;
    private final int rowSize;
    private final FileChannel ch;
    private final int headerLength;
    private final ByteBuffer buf;
    private long rows;
    private boolean closed;

    public NpyStreamWriter(Path path, int... rowShape) {
        this.path = path;
        this.tmp = AtomicFiles.tempSibling(path);
        this.rowShape = rowShape.clone();
        int size = 1;
        for (int s : rowShape) {
            size *= s;
        }
        this.rowSize = size;
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            this.ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            byte[] h = header(0);
            this.headerLength = h.length;
            ch.write(ByteBuffer.wrap(h));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path + ": " + e.getMessage(), e);
        }
        this.buf = ByteBuffer.allocate(rowSize * 4).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** The header with N rendered in a fixed width (numpy reads {@code (5           , 128)} fine). */
    private byte[] header(long n) {
        String first = String.format(java.util.Locale.ROOT, "%-" + N_WIDTH + "d", n);
        StringBuilder sh = new StringBuilder("(").append(first);
        if (rowShape.length == 0) {
            sh.append(',');
        }
        for (int s : rowShape) {
            sh.append(", ").append(s);
        }
        return Npy.header(sh.append(')').toString(), "<f4");
    }

    /** Appends one row of {@code rowShape} values. */
    public void write(float[] row) {
        if (row.length != rowSize) {
            throw new IllegalArgumentException("row has " + row.length + " values, expected " + rowSize + " for row shape " + Arrays.toString(rowShape));
        }
        buf.clear();
        buf.asFloatBuffer().put(row);
        buf.position(0).limit(rowSize * 4);
        try {
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
        rows++;
    }

    /** Appends a matrix as one row. */
    public void write(FloatMatrix m) {
        write(m.toArray());
    }

    public long rows() { return rows; }

    /** Fixes the header's N and renames the file into place. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            byte[] h = header(rows);
            if (h.length != headerLength) {
                throw new IllegalStateException("npy header length changed");
            }
            ch.write(ByteBuffer.wrap(h), 0);
            ch.force(false);
            ch.close();
            AtomicFiles.moveIntoPlace(tmp, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot finish " + path + ": " + e.getMessage(), e);
        }
    }

    /** Closes the file without renaming it into place and deletes it (an aborted run). */
    public void abort() {
        closed = true;
        try {
            ch.close();
            Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
            // nothing more to do
        }
    }
}
