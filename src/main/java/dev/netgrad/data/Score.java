package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;

/** How well a trained network does on a set of examples: its cost and how many it classifies right. */
public record Score(double cost, int correct, int total) {
    public double accuracy() {
        return total == 0 ? Double.NaN : (double) correct / total;
    }

    /**
     * The cost and accuracy of the trainer's current params on prepared features and their labels.
     * The accuracy comes from {@code predict} (dropout off); the cost from the training forward
     * pass, so with dropout it is the cost under one random draw of masks.
     */
    public static Score of(CompiledTrainer trainer, double[][] x, int[] labels) {
        double cost = trainer.cost(x, new Dataset(x, labels).targets(trainer.targetSize()));
        return new Score(cost, correct(classes(trainer.predict(x)), labels), labels.length);
    }

    /** How many predicted classes equal their labels. */
    public static int correct(int[] predicted, int[] labels) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            correct += predicted[i] == labels[i] ? 1 : 0;
        }
        return correct;
    }

    /** The predicted class of each output row: the largest entry, or 1 when a single output is at least 0.5. */
    public static int[] classes(double[][] outputs) {
        int[] classes = new int[outputs.length];
        for (int i = 0; i < outputs.length; i++) {
            classes[i] = classOf(outputs[i]);
        }
        return classes;
    }

    public static int classOf(double[] output) {
        if (output.length == 1) {
            return output[0] >= 0.5 ? 1 : 0;
        }
        int best = 0;
        for (int j = 1; j < output.length; j++) {
            if (output[j] > output[best]) {
                best = j;
            }
        }
        return best;
    }
}
