package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.runtime.Prediction;

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
     * The cost and the score of the trainer's current params on prepared features and their labels.
     * The predictions come from {@code predict} (dropout off); the cost from the training forward
     * pass, so with dropout it is the cost under one random draw of masks.
     */
    static Score of(CompiledTrainer trainer, double[][] x, Dataset labelled) {
        double cost = trainer.cost(x, labelled.targets(trainer.targetSize()));
        double[][] outputs = trainer.predict(x);
        double[] labels = labelled.labels();
        return switch (labelled.kind()) {
            case CLASSES, CLASS_LOGITS, PROBABILITY, LOGIT -> accuracy(cost, classes(outputs, labelled.kind()), labels);
            case NUMBER -> new Rmse(cost, rootMeanSquaredError(outputs, labels), labels.length);
        };
    }

    private static Accuracy accuracy(double cost, int[] classes, double[] labels) {
        return new Accuracy(cost, correct(classes, labels), unclassified(classes), labels.length);
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

    static double rootMeanSquaredError(double[][] outputs, double[] labels) {
        return labels.length == 0 ? Double.NaN : Math.sqrt(squaredError(outputs, labels) / labels.length);
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
