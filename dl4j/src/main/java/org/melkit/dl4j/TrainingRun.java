package org.melkit.dl4j;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.melkit.ml.Evaluation;
import org.melkit.ml.Roc;
import org.melkit.ml.RocCurve;
import org.melkit.plot.Charts;

/**
 * What {@link SpectrogramCnn#train} produced: the trained network, the loss and accuracy after
 * each epoch, and the test set's class probabilities with the metrics melkit computes from them
 * ({@link #evaluation()}: report and confusion matrix; {@link #roc()}: one-vs-rest curves).
 */
public final class TrainingRun {
    /** One epoch's figures: mean cross-entropy and accuracy on the training and the test set. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double testLoss, double testAccuracy) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "epoch %d: train loss %.4f acc %.3f, test loss %.4f acc %.3f", epoch, trainLoss,
                    trainAccuracy, testLoss, testAccuracy);
        }
    }

    private final MultiLayerNetwork model;
    private final List<Epoch> history;
    private final LabeledData test;
    private final double[][] probabilities;

    TrainingRun(MultiLayerNetwork model, List<Epoch> history, LabeledData test, double[][] probabilities) {
        this.model = model;
        this.history = List.copyOf(history);
        this.test = test;
        this.probabilities = probabilities;
    }

    /** The trained network (e.g. to {@code output()} new spectrograms or save it with ModelSerializer). */
    public MultiLayerNetwork model() { return model; }

    /** Loss and accuracy per epoch, in order. */
    public List<Epoch> history() { return history; }

    /** Training-set loss per epoch (index 0 = epoch 1). */
    public double[] trainLoss() { return history.stream().mapToDouble(Epoch::trainLoss).toArray(); }

    /** Test-set loss per epoch. */
    public double[] testLoss() { return history.stream().mapToDouble(Epoch::testLoss).toArray(); }

    /** Training-set accuracy per epoch. */
    public double[] trainAccuracy() { return history.stream().mapToDouble(Epoch::trainAccuracy).toArray(); }

    /** Test-set accuracy per epoch. */
    public double[] testAccuracy() { return history.stream().mapToDouble(Epoch::testAccuracy).toArray(); }

    /**
     * Loss and accuracy per epoch, training solid and test dashed, the legend saying "train" and
     * "test" ({@link Charts#trainingCurves(double[], double[], double[], double[], String)}): a
     * notebook cell's picture.
     */
    public java.awt.image.BufferedImage curves() {
        return Charts.trainingCurves(trainLoss(), testLoss(), trainAccuracy(), testAccuracy(), "test");
    }

    /** The class names, column order of {@link #probabilities()}. */
    public List<String> classes() { return test.classes(); }

    /** {@code [testRow][class]}: softmax probabilities of the test set (a copy). */
    public double[][] probabilities() {
        double[][] c = new double[probabilities.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = probabilities[i].clone();
        }
        return c;
    }

    /** The test set's true class names. */
    public List<String> actual() {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < test.size(); i++) {
            out.add(test.className(i));
        }
        return out;
    }

    /** The most probable class of each test row. */
    public List<String> predicted() {
        List<String> out = new ArrayList<>();
        for (double[] p : probabilities) {
            int best = 0;
            for (int k = 1; k < p.length; k++) {
                if (p[k] > p[best]) {
                    best = k;
                }
            }
            out.add(test.classes().get(best));
        }
        return out;
    }

    /** Accuracy, per-class precision/recall/F1 and the confusion matrix of the test set. */
    public Evaluation evaluation() {
        return Evaluation.of(actual(), predicted(), classes());
    }

    /** One-vs-rest ROC curves of the test probabilities, one per class. */
    public List<RocCurve> roc() {
        return Roc.oneVsRest(actual(), probabilities, classes());
    }

    @Override
    public String toString() {
        Epoch last = history.get(history.size() - 1);
        return String.format(Locale.ROOT, "CNN trained %d epochs on %s spectrograms; test: %d examples, accuracy %.3f, loss %.4f",
                history.size(), test.features().size(2) + "x" + test.features().size(3), test.size(), last.testAccuracy(), last.testLoss());
    }
}
