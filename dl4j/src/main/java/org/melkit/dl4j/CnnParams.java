package org.melkit.dl4j;

/**
 * Settings of {@link SpectrogramCnn}: two 3x3 convolution + 2x2 max-pool blocks ({@code filters}
 * and {@code 2 * filters} channels, ReLU), a dense ReLU layer of {@code dense} units and a softmax
 * output, trained with Adam on cross-entropy. The defaults suit a small dataset (tens to a few
 * thousand spectrograms of up to about 128x128) on a laptop's CPU: {@code epochs=10,
 * batchSize=16, learningRate=1e-3, filters=8, dense=32, seed=42}.
 */
public record CnnParams(int epochs, int batchSize, double learningRate, int filters, int dense, long seed) {
    public static final CnnParams DEFAULT = new CnnParams(10, 16, 1e-3, 8, 32, 42);

    public CnnParams {
        positive("epochs", epochs, "10");
        positive("batchSize", batchSize, "16");
        positive("filters", filters, "8");
        positive("dense", dense, "32");
        if (!(learningRate > 0 && learningRate < 1)) {
            throw new IllegalArgumentException("learningRate=" + learningRate + " must be in (0, 1) (Adam's step size); typical: 1e-3");
        }
    }

    private static void positive(String name, int v, String typical) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + "=" + v + " must be > 0; typical: " + typical);
        }
    }

    public CnnParams withEpochs(int v) { return new CnnParams(v, batchSize, learningRate, filters, dense, seed); }

    public CnnParams withBatchSize(int v) { return new CnnParams(epochs, v, learningRate, filters, dense, seed); }

    public CnnParams withLearningRate(double v) { return new CnnParams(epochs, batchSize, v, filters, dense, seed); }

    public CnnParams withFilters(int v) { return new CnnParams(epochs, batchSize, learningRate, v, dense, seed); }

    public CnnParams withDense(int v) { return new CnnParams(epochs, batchSize, learningRate, filters, v, seed); }

    public CnnParams withSeed(long v) { return new CnnParams(epochs, batchSize, learningRate, filters, dense, v); }
}
