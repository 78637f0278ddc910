package org.melkit.dsp;

/**
 * A complex64 matrix as two float32 parts, {@code [bin][frame]} like librosa's complex
 * {@code stft} output.
 */
public record ComplexMatrix(FloatMatrix real, FloatMatrix imag) {
    public ComplexMatrix {
        if (real.rows() != imag.rows() || real.cols() != imag.cols()) {
            throw new IllegalArgumentException("real " + real + " and imag " + imag + " differ in shape");
        }
    }

    public int rows() { return real.rows(); }

    public int cols() { return real.cols(); }

    /** {@code |X|^power} ({@code power=1}: magnitude, {@code 2}: power). */
    public FloatMatrix abs(double power) {
        float[] re = real.toArray();
        float[] im = imag.toArray();
        float[] out = new float[re.length];
        for (int i = 0; i < out.length; i++) {
            double p = (double) re[i] * re[i] + (double) im[i] * im[i];
            out[i] = (float) Stft.raise(p, power);
        }
        return FloatMatrix.wrap(rows(), cols(), out);
    }
}
