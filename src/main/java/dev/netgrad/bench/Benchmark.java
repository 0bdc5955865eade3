package dev.netgrad.bench;

import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Network;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a network's generated trainer on seeded random data of its shape and times it: a warm-up
 * (so that the JIT has compiled the hot loops), then a timed run cycling over a fixed set of
 * batches, as the reference scripts do. Nothing is allocated inside the timed loop but what the
 * trainer allocates.
 */
public final class Benchmark {
    /** Distinct batches cycled through, as mlp_ref.py does (fewer when they would not fit in {@link #MAX_DATA_ENTRIES}). */
    static final int BATCHES = 50;
    /** At most this many doubles of random data (256 MB). */
    static final long MAX_DATA_ENTRIES = 32L << 20;
    private static final double NANOS = 1e9;

    private final Derivation derivation;
    private final BenchConfig config;

    public Benchmark(Derivation derivation, BenchConfig config) {
        this.derivation = derivation;
        this.config = config;
    }

    public BenchResult run() {
        return run(phase -> { });
    }

    /**
     * Runs the benchmark, telling {@code phases} when the warm-up and the timed run start and end (so
     * that a GC log written beside them shows whether anything was collected while timing).
     */
    public BenchResult run(Consumer<String> phases) {
        Network network = derivation.network();
        BenchTrainer trainer = BenchTrainer.of(derivation, config.seed());
        trainer.setThreads(config.threads());
        double[][][][] data = randomBatches(network, trainer);
        double[][][] xs = data[0];
        double[][][] ys = data[1];

        phases.accept("warming up for " + config.warmupSeconds() + " s");
        long warmupSteps = warmUp(trainer, xs, ys, config.warmupSeconds() / 2);
        long start = System.nanoTime();
        long secondHalf = warmUp(trainer, xs, ys, config.warmupSeconds() / 2);
        double secondsPerStep = (System.nanoTime() - start) / NANOS / secondHalf;
        warmupSteps += secondHalf;
        long steps = config.steps() > 0 ? config.steps() : automaticSteps(secondsPerStep);

        phases.accept("timing " + steps + " steps");
        AllocationMeter meter = AllocationMeter.create();
        long allocatedBefore = meter == null ? 0 : meter.allocatedBytes();
        double cost = 0;
        start = System.nanoTime();
        for (long s = 0; s < steps; s++) {
            int b = (int) (s % xs.length);
            cost = trainer.trainStep(xs[b], ys[b]);
        }
        double seconds = (System.nanoTime() - start) / NANOS;
        long allocated = meter == null ? -1 : Math.max(0, meter.allocatedBytes() - allocatedBefore - meter.ownBytes());
        phases.accept("timed " + steps + " steps in " + seconds + " s");
        double flops = MatmulFlops.perStep(derivation.forward(), config.batch());
        return new BenchResult(network.name(), config.batch(), config.threads(), warmupSteps, steps, seconds,
                flops, allocated, cost);
    }

    /** Trains for about {@code seconds} (at least one step); returns the steps run. */
    private static long warmUp(BenchTrainer trainer, double[][][] xs, double[][][] ys, double seconds) {
        long steps = 0;
        long end = System.nanoTime() + (long) (seconds * NANOS);
        do {
            int b = (int) (steps % xs.length);
            trainer.trainStep(xs[b], ys[b]);
            steps++;
        } while (System.nanoTime() < end);
        return steps;
    }

    /** Enough steps to last about {@link BenchConfig#AUTO_SECONDS}, and at least 10. */
    private static long automaticSteps(double secondsPerStep) {
        return Math.max(10, (long) Math.ceil(BenchConfig.AUTO_SECONDS / Math.max(secondsPerStep, 1e-9)));
    }

    /** Seeded random batches {xs, ys}, one example per row: normal inputs, targets of the kind the loss expects. */
    private double[][][][] randomBatches(Network network, BenchTrainer trainer) {
        int batch = config.batch();
        long perBatch = (long) batch * (trainer.inputSize() + trainer.targetSize());
        int count = (int) Math.max(1, Math.min(BATCHES, MAX_DATA_ENTRIES / Math.max(1, perBatch)));
        RandomExamples.TargetKind kind = RandomExamples.targetKind(network);
        SplittableRandom random = new SplittableRandom(config.seed());
        double[][][] xs = new double[count][][];
        double[][][] ys = new double[count][][];
        for (int b = 0; b < count; b++) {
            xs[b] = RandomExamples.inputs(batch, trainer.inputSize(), random);
            ys[b] = RandomExamples.targets(batch, trainer.targetSize(), kind, random);
        }
        return new double[][][][] {xs, ys};
    }
}
