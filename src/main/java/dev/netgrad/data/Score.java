package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.runtime.Prediction;
import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * How well a trained network does on a set of examples: its cost, and how many it classifies right
 * or how far its numbers are from the labels, as what its output is asks.
 */
public sealed interface Score {
    double cost();

    /** The examples scored. */
    int total();

    /**
     * A classifier's score: how many predicted classes equal their labels, and how many outputs had no
     * class (a NaN in the row, {@link Prediction#NO_CLASS}), which count as wrong.
     */
    record Accuracy(double cost, int correct, int unclassified, int total) implements Score {
        public double accuracy() {
            return total == 0 ? Double.NaN : (double) correct / total;
        }
    }

    /** A regression's score: the root mean squared error of the outputs against the labels. */
    record Rmse(double cost, double rmse, int total) implements Score {
    }

    /**
     * Examples a score passes through the trainer at once. The trainer's buffers grow to the largest
     * batch they are given and hold every value of the network for each example, so a whole training
     * set in one pass could need many times the memory training with mini-batches did, and fail
     * with the trained params not yet saved.
     */
    static final int CHUNK = 4096;

    /**
     * The cost and the score of the trainer's current params on prepared features and their labels.
     * The predictions come from {@code predict}, and the cost is of the same model ({@link #cost}):
     * dropout off, batchnorm's running averages.
     */
    static Score of(CompiledTrainer trainer, double[][] x, Dataset labelled) {
        return of(trainer, x, labelled, CHUNK);
    }

    /** As {@link #of(CompiledTrainer, double[][], Dataset)}, passing at most {@code chunk} examples at once. */
    static Score of(CompiledTrainer trainer, double[][] x, Dataset labelled, int chunk) {
        return of(trainer, x, labelled, chunk, () -> false);
    }

    /** Thrown when scoring is stopped between chunks (the user interrupted the run). */
    final class Stopped extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stopped() {
            super("scoring stopped", null, false, false);
        }
    }

    /**
     * As {@link #of(CompiledTrainer, double[][], Dataset, int)}, asking {@code stop} before the cost
     * and before each chunk of predictions: true throws {@link Stopped}.
     */
    static Score of(CompiledTrainer trainer, double[][] x, Dataset labelled, int chunk, BooleanSupplier stop) {
        stopIf(stop);
        double cost = cost(trainer, x, labelled, chunk);
        double[] labels = labelled.labels();
        int correct = 0;
        int unclassified = 0;
        double squaredError = 0;
        // A network whose predictions mix the examples predicts the set in one pass, as its cost is taken.
        int rows = trainer.predictionCouplesExamples() ? Math.max(1, x.length) : chunk;
        for (int from = 0; from < x.length; from += rows) {
            stopIf(stop);
            int to = Math.min(x.length, from + rows);
            double[][] outputs = trainer.predict(Arrays.copyOfRange(x, from, to));
            double[] part = Arrays.copyOfRange(labels, from, to);
            if (labelled.kind() == Prediction.NUMBER) {
                squaredError += squaredError(outputs, part);
            } else {
                int[] classes = classes(outputs, labelled.kind());
                correct += correct(classes, part);
                unclassified += unclassified(classes);
            }
        }
        return labelled.kind() == Prediction.NUMBER
                ? new Rmse(cost, labels.length == 0 ? Double.NaN : Math.sqrt(squaredError / labels.length), labels.length)
                : new Accuracy(cost, correct, unclassified, labels.length);
    }

    /**
     * The cost J of the whole set as the model predicts: dropout off and batchnorm's running
     * averages, as the predictions are made, so that the cost beside an accuracy is of the same model
     * (not the training objective's, under random masks and the batch's own statistics). The trainer
     * takes it in chunks of at most {@code chunk} examples, the losses summed and the penalty added once
     * for the whole set; a network whose values mix the examples even as it predicts, in one pass.
     */
    static double cost(CompiledTrainer trainer, double[][] x, Dataset labelled, int chunk) {
        return trainer.evaluationCost(x, labelled.targets(trainer.targetSize()), chunk);
    }

    private static void stopIf(BooleanSupplier stop) {
        if (stop.getAsBoolean()) {
            throw new Stopped();
        }
    }

    /** How many outputs had no class. */
    static int unclassified(int[] predicted) {
        int none = 0;
        for (int c : predicted) {
            none += c == Prediction.NO_CLASS ? 1 : 0;
        }
        return none;
    }

    /** How many predicted classes equal their labels ({@link Prediction#NO_CLASS} equals none). */
    static int correct(int[] predicted, double[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    /** The sum of the squared differences of one-output predictions from their labels. */
    static double squaredError(double[][] outputs, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double difference = outputs[i][0] - labels[i];
            sum += difference * difference;
        }
        return sum;
    }

    /** The predicted class of each output row, as {@code kind} reads the outputs. */
    static int[] classes(double[][] outputs, Prediction kind) {
        int[] classes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            classes[i] = kind.classOf(outputs[i]);
        }
        return classes;
    }
}
