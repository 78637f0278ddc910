package org.melkit.ml;

/**
 * One-hot encoding of integer labels {@code 0..classes-1}: row {@code i} has a 1 in column
 * {@code labels[i]} and 0 elsewhere (float32, as Keras's {@code to_categorical}). Immutable.
 *
 * <pre>{@code
 * float[] y = OneHot.of(7).encode(labels);   // (N, 7) flat, row-major
 * }</pre>
 */
public final class OneHot {
    private final int classes;

    private OneHot(int classes) {
        if (classes < 1) {
            throw new IllegalArgumentException("classes=" + classes + " must be >= 1");
        }
        this.classes = classes;
    }

    /** An encoder for {@code classes} classes. */
    public static OneHot of(int classes) {
        return new OneHot(classes);
    }

    public int classes() { return classes; }

    /** The one-hot row of {@code label}. */
    public float[] row(int label) {
        float[] r = new float[classes];
        into(label, r, 0);
        return r;
    }

    /** Writes the one-hot row of {@code label} into {@code out[offset .. offset+classes)}. */
    public void into(int label, float[] out, int offset) {
        if (label < 0 || label >= classes) {
            throw new IllegalArgumentException("label=" + label + " must be in [0, " + classes + ")");
        }
        java.util.Arrays.fill(out, offset, offset + classes, 0f);
        out[offset + label] = 1f;
    }

    /** All rows, flat and row-major: {@code (labels.length, classes)}. */
    public float[] encode(int[] labels) {
        float[] out = new float[labels.length * classes];
        for (int i = 0; i < labels.length; i++) {
            into(labels[i], out, i * classes);
        }
        return out;
    }

    @Override
    public String toString() { return "OneHot[" + classes + " classes]"; }
}
