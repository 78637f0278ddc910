package org.melkit.plot;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.melkit.dsp.FloatMatrix;

/**
 * A dB spectrogram {@code [bin][frame]} (e.g. {@code MelSpectrogram.computeDb}, librosa's
 * {@code power_to_db(melspectrogram(y), ref=np.max)}) as a fixed-size image for image-CNN
 * pipelines: resized to {@code width x height}, dB mapped to levels by a {@link DbScale}
 * (documented and invertible), levels coloured by a {@link Colormap}, low frequencies at the
 * bottom (as librosa's {@code specshow(origin='lower')}), time left to right.
 *
 * <p>Resizing works on the dB values, separately along each axis: area averaging when shrinking
 * (each output pixel is the overlap-weighted mean of the input cells it covers, so no frame is
 * skipped) and linear interpolation between cell centres when enlarging. A 128-band mel
 * spectrogram drawn 128 pixels high keeps its bands exactly.
 */
public final class SpectrogramImage {
    private SpectrogramImage() {}

    /**
     * @param width image width in pixels (time)
     * @param height image height in pixels (frequency)
     * @param scale dB to level mapping
     * @param colormap {@link Colormap#GREY} gives an 8-bit grey PNG whose pixel value is the level;
     *                 {@link Colormap#MAGMA} a 24-bit RGB PNG
     */
    public record Options(int width, int height, DbScale scale, Colormap colormap) {
        /** 128 x 128, [-80, 0] dB, grey. */
        public static final Options DEFAULT = new Options(128, 128, DbScale.DEFAULT, Colormap.GREY);

        public Options {
            if (width < 1 || width > 16384) {
                throw new IllegalArgumentException("width=" + width + " must be in [1, 16384] pixels; typical: 128 or 224");
            }
            if (height < 1 || height > 16384) {
                throw new IllegalArgumentException("height=" + height + " must be in [1, 16384] pixels; typical: 128 or 224");
            }
            java.util.Objects.requireNonNull(scale, "scale; use DbScale.DEFAULT");
            java.util.Objects.requireNonNull(colormap, "colormap; use Colormap.GREY or Colormap.MAGMA");
        }

        public Options withSize(int w, int h) { return new Options(w, h, scale, colormap); }

        public Options withScale(DbScale v) { return new Options(width, height, v, colormap); }

        public Options withColormap(Colormap v) { return new Options(width, height, scale, v); }
    }

    /** {@code db} resized to {@code rows x cols} (see the class doc); a new matrix. */
    public static FloatMatrix resize(FloatMatrix db, int rows, int cols) {
        if (db.rows() == 0 || db.cols() == 0) {
            throw new IllegalArgumentException("cannot resize an empty spectrogram of shape (" + db.rows() + ", " + db.cols()
                    + "); the clip is shorter than one frame or has no bins");
        }
        float[] src = db.toArray();
        float[] tmp = new float[db.rows() * cols];
        Axis ax = Axis.of(db.cols(), cols);
        for (int r = 0; r < db.rows(); r++) {
            ax.apply(src, r * db.cols(), 1, tmp, r * cols, 1);
        }
        float[] out = new float[rows * cols];
        Axis ay = Axis.of(db.rows(), rows);
        for (int c = 0; c < cols; c++) {
            ay.apply(tmp, c, cols, out, c, cols);
        }
        return FloatMatrix.of(rows, cols, out);
    }

    /**
     * Levels {@code [y][x]} in [0, 255] of {@code db}, {@code y = 0} at the top of the image
     * (the highest bin), after resizing to the options' size.
     */
    public static int[][] levels(FloatMatrix db, Options o) {
        FloatMatrix r = resize(db, o.height(), o.width());
        int[][] out = new int[o.height()][o.width()];
        for (int y = 0; y < o.height(); y++) {
            int bin = o.height() - 1 - y;
            for (int x = 0; x < o.width(); x++) {
                out[y][x] = o.scale().level(r.get(bin, x));
            }
        }
        return out;
    }

    /** The image of {@code db}: grey 8-bit or RGB per {@link Options#colormap}. */
    public static BufferedImage toImage(FloatMatrix db, Options o) {
        int[][] lv = levels(db, o);
        if (o.colormap() == Colormap.GREY) {
            BufferedImage img = new BufferedImage(o.width(), o.height(), BufferedImage.TYPE_BYTE_GRAY);
            WritableRaster ras = img.getRaster();
            for (int y = 0; y < o.height(); y++) {
                ras.setPixels(0, y, o.width(), 1, lv[y]);
            }
            return img;
        }
        BufferedImage img = new BufferedImage(o.width(), o.height(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < o.height(); y++) {
            for (int x = 0; x < o.width(); x++) {
                img.setRGB(x, y, o.colormap().rgb(lv[y][x]));
            }
        }
        return img;
    }

    /**
     * The dB values an image stands for, {@code [bin][frame]} with bin 0 = the bottom row: the
     * inverse of {@link #toImage} up to quantisation ({@link DbScale#step()} / 2) and resizing.
     */
    public static FloatMatrix toDb(BufferedImage img, DbScale scale, Colormap colormap) {
        int w = img.getWidth();
        int h = img.getHeight();
        float[] out = new float[w * h];
        boolean grey = colormap == Colormap.GREY && img.getRaster().getNumBands() == 1;
        int[] px = new int[1];
        for (int y = 0; y < h; y++) {
            int bin = h - 1 - y;
            for (int x = 0; x < w; x++) {
                int level;
                if (grey) {
                    level = img.getRaster().getPixel(x, y, px)[0];
                } else {
                    level = colormap.indexOf(img.getRGB(x, y));
                }
                out[bin * w + x] = (float) scale.db(level);
            }
        }
        return FloatMatrix.of(h, w, out);
    }

    /** Writes {@code img} as PNG under a temporary name, then renames it into place. */
    public static void writePng(Path path, BufferedImage img) {
        Path abs = path.toAbsolutePath();
        Path tmp = abs.resolveSibling("." + abs.getFileName() + ".tmp");
        try {
            Files.createDirectories(abs.getParent());
            if (!ImageIO.write(img, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            try {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the original error matters more
            }
            throw new UncheckedIOException("cannot write PNG " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads a PNG (or any format ImageIO knows); the error names the file. */
    public static BufferedImage readImage(Path path) {
        try {
            BufferedImage img = ImageIO.read(path.toFile());
            if (img == null) {
                throw new IOException("not an image ImageIO can decode");
            }
            return img;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read image " + path + ": " + e.getMessage(), e);
        }
    }

    /** Weights mapping {@code n} input cells to {@code m} output cells along one axis. */
    private static final class Axis {
        final int[] start;
        final float[][] w;

        private Axis(int[] start, float[][] w) {
            this.start = start;
            this.w = w;
        }

        static Axis of(int n, int m) {
            int[] start = new int[m];
            float[][] w = new float[m][];
            if (m <= n) {
                double scale = (double) n / m;
                for (int j = 0; j < m; j++) {
                    double a = j * scale;
                    double b = (j + 1) * scale;
                    int i0 = (int) Math.floor(a);
                    int i1 = Math.min(n, (int) Math.ceil(b));
                    start[j] = i0;
                    w[j] = new float[i1 - i0];
                    for (int i = i0; i < i1; i++) {
                        double overlap = Math.min(b, i + 1) - Math.max(a, i);
                        w[j][i - i0] = (float) (overlap / scale);
                    }
                }
            } else {
                for (int j = 0; j < m; j++) {
                    double x = (j + 0.5) * n / m - 0.5;
                    x = Math.max(0, Math.min(n - 1, x));
                    int i0 = Math.min((int) Math.floor(x), n - 1);
                    double f = x - i0;
                    start[j] = i0;
                    w[j] = i0 + 1 < n ? new float[] {(float) (1 - f), (float) f} : new float[] {1f};
                }
            }
            return new Axis(start, w);
        }

        void apply(float[] src, int srcOff, int srcStride, float[] dst, int dstOff, int dstStride) {
            for (int j = 0; j < w.length; j++) {
                double s = 0;
                float[] wj = w[j];
                int base = srcOff + start[j] * srcStride;
                for (int k = 0; k < wj.length; k++) {
                    s += wj[k] * src[base + k * srcStride];
                }
                dst[dstOff + j * dstStride] = (float) s;
            }
        }
    }

    static String describe(FloatMatrix db) {
        return String.format(Locale.ROOT, "(%d, %d) dB in [%.1f, %.1f]", db.rows(), db.cols(), db.min(), db.max());
    }
}
