package org.melkit.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.melkit.batch.Progress;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A small convolutional classifier of one-channel spectrograms (see {@link CnnParams} for the
 * architecture), trained with deeplearning4j. Deterministic for a given seed: the weights are
 * initialised from it and the mini-batches are shuffled with it, so a rerun gives the same curves
 * and probabilities. Immutable and reusable; each {@link #train} builds a new network.
 *
 * <p>ND4J runs its kernels on OpenMP threads, one per core by default. For networks this small
 * that buys nothing, and on a busy 2-core machine the spinning workers made a 6-epoch run of 24
 * images take 46 s instead of 4.5 s: start the JVM with {@code OMP_NUM_THREADS=1} in its
 * environment (melkit sets no global thread count itself).
 *
 * <pre>{@code
 * LabeledData all = LabeledData.images(Path.of("images"));        // melkit images output
 * List<LabeledData> s = all.split(0.25, 42);
 * TrainingRun run = SpectrogramCnn.of(CnnParams.DEFAULT).train(s.get(0), s.get(1));
 * run.history();        // loss and accuracy per epoch
 * run.evaluation();     // org.melkit.ml.Evaluation: report, confusion matrix
 * run.roc();            // one-vs-rest ROC curves of the test probabilities
 * }</pre>
 */
public final class SpectrogramCnn {
    private final CnnParams params;
    private final Progress progress;

    private SpectrogramCnn(CnnParams params, Progress progress) {
        this.params = Objects.requireNonNull(params, "params");
        this.progress = progress;
    }

    public static SpectrogramCnn of(CnnParams params) {
        return new SpectrogramCnn(params, Progress.none());
    }

    /** Trains with {@link CnnParams#DEFAULT} and evaluates on {@code test}. */
    public static TrainingRun train(LabeledData train, LabeledData test, long seed) {
        return of(CnnParams.DEFAULT.withSeed(seed)).train(train, test);
    }

    /** Reports one step per epoch. */
    public SpectrogramCnn withProgress(Progress v) { return new SpectrogramCnn(params, Objects.requireNonNull(v, "progress")); }

    public CnnParams params() { return params; }

    /** The network for inputs of {@code height x width} and {@code classes} outputs, initialised from the seed. */
    public MultiLayerNetwork network(int height, int width, int classes) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder()
                .seed(params.seed())
                .dataType(DataType.FLOAT)
                .updater(new Adam(params.learningRate()))
                .weightInit(WeightInit.XAVIER)
                .list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(params.filters()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2 * params.filters()).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(params.dense()).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(classes).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(height, width, 1))
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * Trains on {@code train} for {@code epochs} and records, after each epoch, the loss and
     * accuracy on both sets; the returned run holds the test set's class probabilities.
     */
    public TrainingRun train(LabeledData train, LabeledData test) {
        if (!train.classes().equals(test.classes())) {
            throw new IllegalArgumentException("train classes " + train.classes() + " differ from test classes " + test.classes()
                    + "; split one LabeledData (LabeledData.split) so both share the label order");
        }
        int h = (int) train.features().size(2);
        int w = (int) train.features().size(3);
        if (h < 10 || w < 10) {
            throw new IllegalArgumentException("spectrograms of " + h + "x" + w + " are too small for two conv+pool blocks; need at least 10x10");
        }
        if (test.features().size(2) != h || test.features().size(3) != w) {
            throw new IllegalArgumentException("test spectrograms are " + test.features().size(2) + "x" + test.features().size(3)
                    + " but train ones " + h + "x" + w + "; use one size");
        }
        MultiLayerNetwork net = network(h, w, train.classes().size());
        Random rng = new Random(params.seed());
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        DataSet trainSet = train.dataSet();
        DataSet testSet = test.dataSet();
        List<TrainingRun.Epoch> history = new ArrayList<>();
        progress.start("train", params.epochs());
        for (int e = 1; e <= params.epochs(); e++) {
            for (int i = n - 1; i > 0; i--) { // Fisher-Yates with the run's own generator
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int b = 0; b < n; b += params.batchSize()) {
                int[] rows = java.util.Arrays.copyOfRange(order, b, Math.min(n, b + params.batchSize()));
                LabeledData batch = train.rows(rows);
                net.fit(batch.dataSet());
            }
            history.add(new TrainingRun.Epoch(e, net.score(trainSet), accuracy(net.output(trainSet.getFeatures()), train),
                    net.score(testSet), accuracy(net.output(testSet.getFeatures()), test)));
            progress.step("epoch " + e);
        }
        progress.done();
        return new TrainingRun(net, history, test, toRows(net.output(testSet.getFeatures())));
    }

    static double[][] toRows(INDArray p) {
        double[][] out = new double[(int) p.size(0)][];
        for (int i = 0; i < out.length; i++) {
            out[i] = p.getRow(i).toDoubleVector();
        }
        return out;
    }

    private static double accuracy(INDArray probabilities, LabeledData d) {
        INDArray predicted = probabilities.argMax(1);
        int ok = 0;
        for (int i = 0; i < d.size(); i++) {
            if (predicted.getInt(i) == d.label(i)) {
                ok++;
            }
        }
        return ok / (double) d.size();
    }
}
