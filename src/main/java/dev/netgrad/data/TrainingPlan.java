package dev.netgrad.data;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.Optimizer;
import dev.netgrad.spec.TrainConfig;
import java.util.Objects;

/**
 * How to train: the spec's train block with the command line's overrides applied.
 * {@code batch} 0 means full batch; {@code threads} 0 leaves the trainer's default.
 */
public record TrainingPlan(Optimizer optimizer, int epochs, int batch, long seed, double holdout,
                           boolean standardize, int threads) {
    public TrainingPlan {
        Objects.requireNonNull(optimizer, "optimizer");
        if (epochs < 0 || batch < 0 || threads < 0) {
            throw new IllegalArgumentException("epochs, batch and threads must not be negative");
        }
        if (!(holdout >= 0 && holdout < 1)) {
            throw new IllegalArgumentException("holdout " + holdout + " is not in [0, 1)");
        }
    }

    /**
     * The batch fit trains with on a training part of {@code trainSize} examples: 0 (one full batch,
     * in the data's order) when the plan says full batch or a batch of at least the part.
     */
    public int batchOn(int trainSize) {
        return batch >= trainSize ? 0 : batch;
    }

    /** The spec's train block (or the built-in defaults), standardized, holding out 20%. */
    public static TrainingPlan defaults(Network network) {
        TrainConfig config = network.train().orElse(TrainConfig.DEFAULT);
        return new TrainingPlan(config.optimizer(), config.epochs(), config.batch().orElse(0), config.seed(),
                Split.DEFAULT_HOLDOUT, true, 0);
    }

    public TrainingPlan withOptimizer(Optimizer o) {
        return new TrainingPlan(o, epochs, batch, seed, holdout, standardize, threads);
    }

    public TrainingPlan withEpochs(int e) {
        return new TrainingPlan(optimizer, e, batch, seed, holdout, standardize, threads);
    }

    public TrainingPlan withBatch(int b) {
        return new TrainingPlan(optimizer, epochs, b, seed, holdout, standardize, threads);
    }

    public TrainingPlan withSeed(long s) {
        return new TrainingPlan(optimizer, epochs, batch, s, holdout, standardize, threads);
    }

    public TrainingPlan withHoldout(double h) {
        return new TrainingPlan(optimizer, epochs, batch, seed, h, standardize, threads);
    }

    public TrainingPlan withStandardize(boolean s) {
        return new TrainingPlan(optimizer, epochs, batch, seed, holdout, s, threads);
    }

    public TrainingPlan withThreads(int t) {
        return new TrainingPlan(optimizer, epochs, batch, seed, holdout, standardize, t);
    }
}
