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

    /** A classifier's score: how many predicted classes equal their labels. */
    record Accuracy(double cost, int correct, int total) implements Score {
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
            case CLASSES, PROBABILITY, LOGIT -> new Accuracy(cost, correct(classes(outputs, labelled.kind()), labels), labels.length);
            case NUMBER -> new Rmse(cost, rootMeanSquaredError(outputs, labels), labels.length);
        };
    }

    /** How many predicted classes equal their labels. */
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
