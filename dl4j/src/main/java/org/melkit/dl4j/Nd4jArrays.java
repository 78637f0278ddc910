package org.melkit.dl4j;

import org.melkit.dataset.CorporaResult;
import org.melkit.dataset.ExtractResult;
import org.melkit.dataset.MeldResult;
import org.melkit.io.Npy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.melkit.io.Npy;

/**
 * ND4J views of melkit's dataset arrays, for training with DL4J: {@link INDArray} (float32,
 * C order, same shape as the {@code .npy}) and {@link DataSet} (features, one-hot labels).
 * This is the only class in {@code org.melkit.dataset} that touches ND4J, so the rest of melkit
 * loads without initialising ND4J's native backend; the first call here does.
 */
public final class Nd4jArrays {
    private Nd4jArrays() {}

    /** {@code a} as a float32 C-order {@code INDArray} of the same shape (the data is copied). */
    public static INDArray toINDArray(Npy.Array a) {
        int[] shape = a.shape();
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            s[i] = shape[i];
        }
        return Nd4j.create(a.data(), s, 'c');
    }

    /** The training split of a corpora build: features {@code (N, nMels, frames)}, labels {@code (N, 8)}. */
    public static DataSet train(CorporaResult r) {
        return new DataSet(toINDArray(r.xTrain()), toINDArray(r.yTrain()));
    }

    /** The test split of a corpora build: features {@code (N, nMels, frames)}, labels {@code (N, 8)}. */
    public static DataSet test(CorporaResult r) {
        return new DataSet(toINDArray(r.xTest()), toINDArray(r.yTest()));
    }

    /**
     * Every feature of an extract build stacked in metadata order: features
     * {@code (N, nMels, frames)}, labels one-hot {@code (N, K)} with K the number of classes.
     * Holds all N spectrograms in memory.
     */
    public static DataSet of(ExtractResult r) {
        int n = r.written();
        int nMels = r.params().nMels();
        int frames = r.params().frames();
        int k = r.labels().size();
        int cells = nMels * frames;
        float[] x = new float[Math.multiplyExact(n, cells)];
        float[] y = new float[n * k];
        for (int i = 0; i < n; i++) {
            float[] row = r.feature(i).toArray();
            System.arraycopy(row, 0, x, i * cells, cells);
            y[i * k + r.label(i)] = 1f;
        }
        return new DataSet(Nd4j.create(x, new long[] {n, nMels, frames}, 'c'), Nd4j.create(y, new long[] {n, k}, 'c'));
    }

    /**
     * One MELD split: features {@code (N, nMels, frames, 1)} from {@code X_audio_*.npy}, labels
     * one-hot {@code (N, 7)} emotions (or {@code (N, 3)} sentiments with {@code sentiment}), rows
     * aligned with {@link MeldResult.Split#ids()}; non-ok rows are zero spectrograms, so filter
     * them with the ids' status if they should not be trained on. Reads the whole split into memory.
     */
    public static DataSet meld(MeldResult.Split s, boolean sentiment) {
        return new DataSet(toINDArray(s.x()), toINDArray(sentiment ? s.ySentiment() : s.yEmotion()));
    }
}
