package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;

/**
 * A trainer's evaluationCost: the cost J of the model as it predicts, over a set passed a chunk of
 * examples at a time, so that the buffers never hold more than a chunk; the losses summed over the
 * chunks, the 1/m and the penalty applied once, with the whole set's m.
 */
final class ChunkedEvaluation {
    private final Layout layout;
    private final ArgumentChecks checks;
    private final GradientsInParts inParts;

    ChunkedEvaluation(Layout layout, ArgumentChecks checks, GradientsInParts inParts) {
        this.layout = layout;
        this.checks = checks;
        this.inParts = inParts;
    }

    /** See {@link NetworkTrainer#evaluationCost(double[][], double[][], int)}. */
    double cost(NetworkTrainer trainer, double[][] x, double[][] y, int chunk) {
        if (chunk < 1) {
            throw new IllegalArgumentException("chunk must be 1 or more, found " + chunk);
        }
        int n = checks.data(x, y, false);
        if (n <= chunk || trainer.predictionCouplesExamples()) {
            trainer.loadRows(x, y, null, 0, n);
            trainer.evaluationForward();
            trainer.forwardCost();
            return trainer.currentCost();
        }
        double lossSum = 0.0;
        for (int from = 0; from < n; from += chunk) {
            int count = Math.min(chunk, n - from);
            trainer.loadRows(x, y, null, from, count);
            trainer.evaluationForward();
            lossSum += inParts.lossSum(trainer);
        }
        return (layout.lossesSummed() ? lossSum : lossSum / n) + (layout.regularized() ? trainer.penaltyCost(n) : 0.0);
    }
}
