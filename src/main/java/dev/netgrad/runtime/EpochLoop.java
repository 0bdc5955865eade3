package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Progress;

/**
 * A trainer's fit: its epochs of full batches, or of mini-batches of a fresh seeded shuffle, each
 * batch one training step of the trainer's, and each epoch's cost reported to its progress.
 */
final class EpochLoop {
    private final ArgumentChecks checks;
    private final BatchnormAverages batchnorms;
    private final RandomDraws draws;

    EpochLoop(ArgumentChecks checks, BatchnormAverages batchnorms, RandomDraws draws) {
        this.checks = checks;
        this.batchnorms = batchnorms;
        this.draws = draws;
    }

    /** See {@link NetworkTrainer#fit(double[][], double[][], int, int, Progress)}. */
    void fit(NetworkTrainer trainer, double[][] x, double[][] y, int epochs, int batchSize, Progress progress) {
        int n = checks.data(x, y, true);
        if (epochs < 0) {
            throw new IllegalArgumentException("epochs must not be negative, found " + epochs);
        }
        if (batchSize < 0) {
            throw new IllegalArgumentException("batchSize must be 0 (full batches) or more, found " + batchSize);
        }
        boolean fullBatch = batchSize == 0 || batchSize >= n;
        // A batchnorm's batch of one example has variance 0: its normalized values are beta alone, so
        // nothing before it trains, and the running variance takes in 0 (prediction then divides by
        // little more than sqrt(eps)). A lone last example is trained on with the batch before it.
        boolean batchnorm = batchnorms.names().length > 0;
        if (batchnorm && (n == 1 || batchSize == 1)) {
            throw new IllegalArgumentException(trainer.oneExampleBatch(n == 1 ? "fit it on at least 2 examples" : "use batches of at least 2 examples"));
        }
        if (fullBatch) {
            fullBatches(trainer, x, y, n, epochs, progress);
        } else {
            miniBatches(trainer, x, y, n, epochs, batchSize, batchnorm && n % batchSize == 1, progress);
        }
    }

    /**
     * The rows in their order, every epoch (no order array: a fit call allocates nothing once the
     * buffers have their size, as a training step does).
     */
    private static void fullBatches(NetworkTrainer trainer, double[][] x, double[][] y, int n, int epochs, Progress progress) {
        trainer.loadRows(x, y, null, 0, n);
        long fullBatchLoad = trainer.batchesLoaded();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            if (trainer.batchesLoaded() != fullBatchLoad) {
                // The listener put other rows in the buffers (it predicted a validation set, say).
                trainer.loadRows(x, y, null, 0, n);
                fullBatchLoad = trainer.batchesLoaded();
            }
            double epochCost = trainer.trainLoadedBatch();
            if (progress != null) {
                progress.onEpoch(epoch, epochCost);
            }
        }
    }

    /** Mini-batches of {@code batchSize}, but a last one that would hold one example if {@code loneLastExample}, which joins the one before it. */
    private void miniBatches(NetworkTrainer trainer, double[][] x, double[][] y, int n, int epochs, int batchSize, boolean loneLastExample,
            Progress progress) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int epoch = 1; epoch <= epochs; epoch++) {
            draws.shuffle(order);
            double total = 0.0;
            int from = 0;
            while (from < n) {
                int count = loneLastExample && n - from == batchSize + 1 ? batchSize + 1 : Math.min(batchSize, n - from);
                trainer.loadRows(x, y, order, from, count);
                total += trainer.trainLoadedBatch() * count;
                from += count;
                if (from < n && progress != null && progress.stopWithinEpoch()) {
                    return;
                }
            }
            if (progress != null) {
                progress.onEpoch(epoch, total / n);
            }
        }
    }
}
