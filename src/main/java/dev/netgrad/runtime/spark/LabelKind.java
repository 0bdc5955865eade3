package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.Prediction;
import java.util.Locale;
import java.util.Optional;

/**
 * What the label column holds, and so how it becomes a target row and what a prediction is. The
 * rules are the command line's CSV rules: a class index one-hot encoded when the target has k > 1
 * rows, the label itself when it has one.
 */
public enum LabelKind {
    /** A class index 0..k-1, one-hot encoded; predicts the most probable class. */
    CLASSES,
    /** 0 or 1 for a one-row target; predicts 1 when the output is at least 0.5 (0 for a logit). */
    BINARY,
    /** Any finite number for a one-row target; predicts the output. */
    REAL;

    /** The kind a {@code labelKind} param names, {@code auto} left to {@link #resolve}. */
    static LabelKind named(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** The name the {@code labelKind} param uses. */
    String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the model adds a probability column. */
    boolean classifies() {
        return this != REAL;
    }

    /**
     * Why this kind cannot label a target of {@code targetSize} rows of network {@code network},
     * or null if it can.
     */
    String mismatch(String network, int targetSize) {
        return switch (this) {
            case CLASSES -> targetSize > 1 ? null
                    : "labelKind classes needs a target of k > 1 rows (one-hot classes); " + network + "'s target has 1 row: use binary or real";
            case BINARY, REAL -> targetSize == 1 ? null
                    : "labelKind " + paramName() + " needs a target of 1 row; " + network + "'s target has " + targetSize
                            + " rows, so the label is a class index: use classes";
        };
    }

    /** Why {@code label} is not a label of this kind for a target of {@code targetSize} rows, or null if it is. */
    String problem(double label, int targetSize) {
        if (!Double.isFinite(label)) {
            return labelProblem(label);
        }
        return switch (this) {
            case CLASSES -> label == Math.rint(label) && label >= 0 && label < targetSize ? null
                    : "the label " + label + " is not a class index 0.." + (targetSize - 1);
            case BINARY -> label == 0 || label == 1 ? null : "the label " + label + " is neither 0 nor 1";
            case REAL -> null;
        };
    }

    /** The target row of {@code label}. */
    double[] target(double label, int targetSize) {
        return switch (this) {
            case CLASSES -> {
                double[] oneHot = new double[targetSize];
                oneHot[(int) label] = 1;
                yield oneHot;
            }
            case BINARY, REAL -> new double[] {label};
        };
    }

    /**
     * The prediction of an output row: a class index, 0 or 1, or the output itself. A one-row
     * output is read as the trainer says it is ({@code reading}): a logit is 1 from 0, anything
     * else a probability, 1 from 0.5. An output with a NaN predicts NaN.
     */
    double prediction(double[] output, Optional<Prediction> reading) {
        return switch (this) {
            case CLASSES -> classOrNaN(Prediction.CLASSES.classOf(output));
            case BINARY -> classOrNaN(binary(reading).classOf(output));
            case REAL -> output[0];
        };
    }

    /** An output with a NaN has no class: its prediction is NaN, which no evaluator counts as right. */
    private static double classOrNaN(int c) {
        return c == Prediction.NO_CLASS ? Double.NaN : c;
    }

    /** The class probabilities of an output row: the output for classes (the softmax of logits), (1 - p, p) for binary. */
    double[] probabilities(double[] output, Optional<Prediction> reading) {
        return switch (this) {
            case CLASSES -> reading.filter(p -> p == Prediction.CLASS_LOGITS).orElse(Prediction.CLASSES).classProbabilities(output);
            case BINARY -> {
                double p = binary(reading).probabilityOfOne(output[0]);
                yield new double[] {1 - p, p};
            }
            case REAL -> throw new IllegalStateException("a real label has no class probabilities");
        };
    }

    /**
     * The raw prediction of an output row, as Spark ML's classifiers give one (BinaryClassificationEvaluator ranks the rows
     * by its entry 1): the logits when the output is logits (a binary logit z as (-z, z), LogisticRegression's margins),
     * else the class probabilities.
     */
    double[] rawPrediction(double[] output, Optional<Prediction> reading) {
        return switch (this) {
            case CLASSES -> reading.filter(p -> p == Prediction.CLASS_LOGITS).isPresent() ? output.clone() : probabilities(output, reading);
            case BINARY -> binary(reading) == Prediction.LOGIT ? new double[] {-output[0], output[0]} : probabilities(output, reading);
            case REAL -> throw new IllegalStateException("a real label has no raw prediction");
        };
    }

    /** The kind of label that a generated trainer's output asks for (k > 1 target rows are classes whatever it says). */
    static LabelKind of(Prediction prediction, int targetSize) {
        if (targetSize > 1) {
            return CLASSES;
        }
        return switch (prediction) {
            case CLASSES, CLASS_LOGITS, PROBABILITY, LOGIT -> BINARY;
            case NUMBER -> REAL;
        };
    }

    private static Prediction binary(Optional<Prediction> reading) {
        return reading.filter(p -> p == Prediction.LOGIT).orElse(Prediction.PROBABILITY);
    }

    /** A label that is not finite; a null label reaches here as NaN (Columns reads it so), so both are named. */
    static String labelProblem(double label) {
        return Double.isNaN(label) ? "the label is null or NaN" : "the label is " + label;
    }
}
