package org.melkit.dl4j;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.melkit.io.Npy;
import org.melkit.ml.Splits;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Labelled examples for a CNN: features {@code (N, 1, height, width)} (NCHW, one channel), one-hot
 * labels {@code (N, K)}, the class names in label order and each row's source file. Loaded from
 * class folders ({@code root/<class>/<file>}) of spectrogram PNGs (what {@code melkit images}
 * writes) or of {@code .npy} matrices (what {@code melkit extract} writes under
 * {@code features/}). Classes and files are in code-point order, dot-files are skipped, so the
 * same folder always gives the same rows. Immutable; the arrays are shared, not copied.
 */
public final class LabeledData {
    private final INDArray features;
    private final INDArray labels;
    private final List<String> classes;
    private final List<String> files;

    private LabeledData(INDArray features, INDArray labels, List<String> classes, List<String> files) {
        this.features = features;
        this.labels = labels;
        this.classes = List.copyOf(classes);
        this.files = List.copyOf(files);
    }

    /**
     * Wraps arrays: {@code features} of rank 3 {@code (N, H, W)} (as {@link Nd4jArrays} gives for
     * extract and corpora builds) or rank 4 {@code (N, 1, H, W)} or {@code (N, H, W, 1)} (MELD's
     * layout) become {@code (N, 1, H, W)}; {@code labels} is one-hot {@code (N, classes.size())}.
     */
    public static LabeledData of(DataSet data, List<String> classes) {
        INDArray x = data.getFeatures();
        INDArray y = data.getLabels();
        long n = x.size(0);
        INDArray nchw;
        if (x.rank() == 3) {
            nchw = x.reshape('c', n, 1, x.size(1), x.size(2));
        } else if (x.rank() == 4 && x.size(1) == 1) {
            nchw = x;
        } else if (x.rank() == 4 && x.size(3) == 1) {
            nchw = x.dup('c').reshape('c', n, 1, x.size(1), x.size(2));
        } else {
            throw new IllegalArgumentException("features shape " + java.util.Arrays.toString(x.shape())
                    + " is not (N, H, W), (N, 1, H, W) or (N, H, W, 1); one-channel spectrograms only");
        }
        if (y.rank() != 2 || y.size(0) != n || y.size(1) != classes.size()) {
            throw new IllegalArgumentException("labels shape " + java.util.Arrays.toString(y.shape()) + " must be (" + n + ", "
                    + classes.size() + "): one one-hot row per example, one column per class " + classes);
        }
        List<String> ids = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            ids.add("row " + i);
        }
        return new LabeledData(nchw, y, classes, ids);
    }

    /**
     * PNG images in class folders, all of one size, as grey levels in [0, 1] (the stored level of
     * grey images, the Rec. 709 luminance of colour ones, e.g. magma). Row 0 of the image (its top, high frequencies in
     * {@code melkit images}' output) is row 0 of the array.
     */
    public static LabeledData images(Path root) {
        return load(root, ".png", LabeledData::readImage);
    }

    /** {@code .npy} matrices {@code (H, W)} in class folders, e.g. {@code features/} of an extract build. */
    public static LabeledData npy(Path root) {
        return load(root, ".npy", p -> {
            Npy.Array a = Npy.read(p);
            if (a.shape().length != 2) {
                throw new IllegalArgumentException(p + " has shape " + java.util.Arrays.toString(a.shape()) + "; expected a 2-D (H, W) matrix");
            }
            return new float[][] {{a.shape()[0], a.shape()[1]}, a.data()};
        });
    }

    private interface Reader {
        /** {{height, width}, row-major pixels}. */
        float[][] read(Path p) throws IOException;
    }

    private static LabeledData load(Path root, String ext, Reader reader) {
        List<String> classes = new ArrayList<>();
        List<Path> paths = new ArrayList<>();
        List<Integer> label = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path d : dirs.filter(Files::isDirectory).filter(d -> !hidden(d)).sorted().toList()) {
                List<Path> inClass;
                try (Stream<Path> fs = Files.list(d)) {
                    inClass = fs.filter(Files::isRegularFile).filter(f -> !hidden(f))
                            .filter(f -> f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(ext)).sorted().toList();
                }
                if (inClass.isEmpty()) {
                    continue;
                }
                for (Path f : inClass) {
                    paths.add(f);
                    label.add(classes.size());
                }
                classes.add(d.getFileName().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list class folders under " + root, e);
        }
        if (paths.isEmpty()) {
            throw new IllegalArgumentException("no " + ext + " files in class folders under " + root + "; expected root/<class>/<file>" + ext);
        }
        int n = paths.size();
        int h = -1;
        int w = -1;
        float[] x = null;
        float[] y = new float[n * classes.size()];
        List<String> files = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path p = paths.get(i);
            float[][] r;
            try {
                r = reader.read(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + p, e);
            }
            int rh = (int) r[0][0];
            int rw = (int) r[0][1];
            if (x == null) {
                h = rh;
                w = rw;
                x = new float[Math.multiplyExact(n, h * w)];
            } else if (rh != h || rw != w) {
                throw new IllegalArgumentException(p + " is " + rh + "x" + rw + " but " + paths.get(0) + " is " + h + "x" + w
                        + "; a CNN needs one size: make them with one --frames/--width setting");
            }
            System.arraycopy(r[1], 0, x, i * h * w, h * w);
            y[i * classes.size() + label.get(i)] = 1f;
            files.add(root.relativize(p).toString());
        }
        return new LabeledData(Nd4j.create(x, new long[] {n, 1, h, w}, 'c'), Nd4j.create(y, new long[] {n, classes.size()}, 'c'),
                classes, files);
    }

    private static float[][] readImage(Path p) throws IOException {
        BufferedImage img = ImageIO.read(p.toFile());
        if (img == null) {
            throw new IOException("not an image ImageIO can read");
        }
        int h = img.getHeight();
        int w = img.getWidth();
        float[] px = new float[h * w];
        java.awt.image.Raster raster = img.getRaster();
        if (raster.getNumBands() == 1) { // grey: the stored level itself (getRGB would apply a gamma)
            double max = (1 << img.getColorModel().getComponentSize(0)) - 1;
            for (int r = 0; r < h; r++) {
                for (int c = 0; c < w; c++) {
                    px[r * w + c] = (float) (raster.getSample(c, r, 0) / max);
                }
            }
            return new float[][] {{h, w}, px};
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                int rgb = img.getRGB(c, r);
                double lum = 0.2126 * ((rgb >> 16) & 0xff) + 0.7152 * ((rgb >> 8) & 0xff) + 0.0722 * (rgb & 0xff);
                px[r * w + c] = (float) (lum / 255.0);
            }
        }
        return new float[][] {{h, w}, px};
    }

    private static boolean hidden(Path p) {
        return p.getFileName().toString().startsWith(".");
    }

    /** Features {@code (N, 1, height, width)}. */
    public INDArray features() { return features; }

    /** One-hot labels {@code (N, classes().size())}. */
    public INDArray labels() { return labels; }

    /** Class names, index = label. */
    public List<String> classes() { return classes; }

    /** Each row's file relative to the root (or {@code "row i"} for wrapped arrays). */
    public List<String> files() { return files; }

    public int size() { return (int) features.size(0); }

    /** Row {@code i}'s label index. */
    public int label(int i) { return labels.getRow(i).argMax().getInt(0); }

    /** Row {@code i}'s class name. */
    public String className(int i) { return classes.get(label(i)); }

    public DataSet dataSet() { return new DataSet(features, labels); }

    /** The rows at {@code rows}, in that order. */
    public LabeledData rows(int[] rows) {
        List<String> f = new ArrayList<>();
        for (int r : rows) {
            f.add(files.get(r));
        }
        int h = (int) features.size(2);
        int w = (int) features.size(3);
        int k = classes.size();
        float[] x = features.dup('c').ravel().toFloatVector();
        float[] y = labels.dup('c').ravel().toFloatVector();
        float[] xs = new float[rows.length * h * w];
        float[] ys = new float[rows.length * k];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(x, rows[i] * h * w, xs, i * h * w, h * w);
            System.arraycopy(y, rows[i] * k, ys, i * k, k);
        }
        return new LabeledData(Nd4j.create(xs, new long[] {rows.length, 1, h, w}, 'c'), Nd4j.create(ys, new long[] {rows.length, k}, 'c'),
                classes, f);
    }

    /** A stratified, seeded split ({@link Splits#stratified}): {@code [train, test]}. */
    public List<LabeledData> split(double testSize, long seed) {
        int[] l = new int[size()];
        for (int i = 0; i < l.length; i++) {
            l[i] = label(i);
        }
        Splits.Split s = Splits.stratified(l, testSize, seed);
        return List.of(rows(s.train()), rows(s.test()));
    }

    @Override
    public String toString() {
        return size() + " examples of " + features.size(2) + "x" + features.size(3) + " in " + classes.size() + " classes " + classes;
    }
}
