package dev.netgrad.bench;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;

/**
 * A generated trainer compiled in memory, called through the runtime class it extends: plain
 * virtual calls that box nothing and look nothing up, so a training step allocates only what the
 * trainer itself allocates.
 */
final class BenchTrainer {
    private final NetworkTrainer trainer;

    private BenchTrainer(NetworkTrainer trainer) {
        this.trainer = trainer;
    }

    /** Generates and compiles the trainer of {@code d} and makes one instance, its params drawn from {@code seed}. */
    static BenchTrainer of(Derivation d, long seed) {
        return new BenchTrainer(CompiledTrainer.of(d, seed).trainer());
    }

    int inputSize() {
        return trainer.inputSize();
    }

    int targetSize() {
        return trainer.targetSize();
    }

    /** One optimizer step on a batch (one example per row); returns the batch's cost before the step. */
    double trainStep(double[][] x, double[][] y) {
        return trainer.trainStep(x, y);
    }

    /** {@code epochs} full-batch steps on x and y, loaded once. */
    void fit(double[][] x, double[][] y, int epochs) {
        trainer.fit(x, y, epochs, 0, null);
    }

    void setThreads(int threads) {
        trainer.setThreads(threads);
    }

    int threadsInUse() {
        return trainer.threadsInUse();
    }
}
