package dev.netgrad.bench;

import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Network;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Trains a network's generated trainer on seeded random data of its shape and times it: a warm-up
 * (so that the JIT has compiled the hot loops), then a timed run cycling over a fixed set of
 * batches, as mlp_ref.py does, or, in full-batch mode, training one batch through the trainer's
 * {@code fit}, as planar_numpy.py does. Nothing is allocated inside the timed loop but what the
 * trainer allocates.
 */
public final class Benchmark {
    /** Distinct batches cycled through, as mlp_ref.py does (fewer when they would not fit in {@link #MAX_DATA_ENTRIES}). */
    static final int BATCHES = 50;
    /** At most this many doubles of random data (256 MB). */
    static final long MAX_DATA_ENTRIES = 32L << 20;
    private static final double NANOS = 1e9;
    /** Steps per call of fit while warming up in full-batch mode. */
    private static final int FULL_BATCH_WARMUP_CHUNK = 100;

    private final Derivation derivation;
    private final BenchConfig config;
    /**
     * Steps run since the last reset whose work the trainer kept on the calling thread (its sharing tuner
     * measuring or having decided so): read before each step, the mode that step runs in.
     */
    private long stepsAlone;

    /** The JIT compiler's working time, read around the timed run. */
    private final CompilerActivity compiler = new CompilerActivity();

    /** Random batches, one example per row, cycled through by step number. */
    private record Batches(double[][][] xs, double[][][] ys) {
        double[][] x(long step) {
            return xs[(int) (step % xs.length)];
        }

        double[][] y(long step) {
            return ys[(int) (step % ys.length)];
        }
    }

    /**
     * What the timed loop saw: its wall time, the CPU time of the thread that ran it (-1 if unknown),
     * the heap bytes allocated meanwhile and the steps in which the calling thread allocated (-1 if
     * unknown), the steps run on the calling thread alone (-1 if unknown), the last cost.
     */
    private record Timed(double seconds, double callerCpuSeconds, long allocatedBytes, long allocatingSteps, long stepsAlone, double lastCost) {
    }

    /** The training stopped: a cost or a param was not finite (a learning rate too large, mostly); the trainer's message. */
    public static final class Diverged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Diverged(IllegalStateException cause) {
            super(cause.getMessage(), cause);
        }
    }

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
        // One meter for the warm-up and the timed run: the loop that counts the steps which
        // allocate is then the one the JIT compiled while warming up.
        AllocationMeter meter = AllocationMeter.create();
        if (config.threads() > 0) {
            trainer.setThreads(config.threads());
        }
        Batches batches = randomBatches(network, trainer);

        long warmupSteps;
        long secondHalf;
        double warmupSeconds;
        long steps;
        long compileMillis;
        Timed timed;
        try {
            phases.accept("warming up for " + config.warmupSeconds() + " s");
            long warmupStart = System.nanoTime();
            warmupSteps = train(trainer, batches, meter, config.warmupSeconds() / 2);
            long start = System.nanoTime();
            secondHalf = train(trainer, batches, meter, config.warmupSeconds() / 2);
            double secondsPerStep = (System.nanoTime() - start) / NANOS / secondHalf;
            warmupSeconds = (System.nanoTime() - warmupStart) / NANOS;
            steps = config.steps() > 0 ? config.steps() : automaticSteps(secondsPerStep);

            phases.accept("timing " + steps + " steps");
            long compiledBefore = compiler.millis();
            timed = timedRun(trainer, batches, meter, steps);
            long compiledAfter = compiler.millis();
            compileMillis = compiledBefore < 0 || compiledAfter < 0 ? -1 : compiledAfter - compiledBefore;
            phases.accept("timed " + steps + " steps in " + timed.seconds() + " s");
        } catch (IllegalStateException e) {
            // The trainer stops on a cost or a param that is not finite, naming the step and the likely cause.
            throw new Diverged(e);
        }
        double flops = MatmulFlops.perStep(derivation.forward(), config.batch());
        int threads = config.threads() > 0 ? config.threads() : Runtime.getRuntime().availableProcessors();
        return new BenchResult(network.name(), config.batch(), threads, trainer.threadsInUse(), timed.stepsAlone(), warmupSteps + secondHalf,
                warmupSeconds, steps, timed.seconds(), timed.callerCpuSeconds(), compileMillis, flops, timed.allocatedBytes(),
                timed.allocatingSteps(), timed.lastCost(), config.fullBatch());
    }

    /**
     * Trains for about {@code seconds} (at least one step); returns the steps run. It calls the
     * same loop as the timed run, so that the JIT has compiled that loop too before timing.
     */
    private long train(BenchTrainer trainer, Batches batches, AllocationMeter meter, double seconds) {
        // Full batch: whole calls of fit, so that its loop is compiled before timing too.
        int chunk = config.fullBatch() ? FULL_BATCH_WARMUP_CHUNK : 1;
        long steps = 0;
        long end = System.nanoTime() + (long) (seconds * NANOS);
        do {
            runSteps(trainer, batches, meter, steps, chunk);
            steps += chunk;
        } while (System.nanoTime() < end);
        return steps;
    }

    /** Exactly {@code steps} steps, timed, with the heap bytes they allocate read right before and after. */
    private Timed timedRun(BenchTrainer trainer, Batches batches, AllocationMeter meter, long steps) {
        // The CPU clock is read outside the allocation window: its first reads allocate.
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean cpuTimed = cpu.isCurrentThreadCpuTimeSupported() && cpu.isThreadCpuTimeEnabled();
        long cpuStart = cpuTimed ? cpu.getCurrentThreadCpuTime() : 0;
        if (meter != null) {
            meter.start();
        }
        stepsAlone = 0;
        long start = System.nanoTime();
        double cost = runSteps(trainer, batches, meter, 0, steps);
        double seconds = (System.nanoTime() - start) / NANOS;
        long allocated = meter == null ? -1 : meter.stop();
        // In full-batch mode fit runs the steps inside one call: which of them allocated is not known.
        long allocatingSteps = meter == null || config.fullBatch() ? -1 : meter.allocatingSteps();
        double cpuSeconds = cpuTimed ? (cpu.getCurrentThreadCpuTime() - cpuStart) / NANOS : -1;
        // In full-batch mode fit runs the steps inside one call: how many ran alone is not known.
        return new Timed(seconds, cpuSeconds, allocated, allocatingSteps, config.fullBatch() ? -1 : stepsAlone, cost);
    }

    /**
     * Steps first .. first + steps - 1; returns the last one's cost. In full-batch mode, fit runs all
     * but the last on the one batch, which it loads once, and trainStep the last, for its cost.
     */
    private double runSteps(BenchTrainer trainer, Batches batches, AllocationMeter meter, long first, long steps) {
        if (config.fullBatch()) {
            for (long done = 1; done < steps; done += Integer.MAX_VALUE) {
                trainer.fit(batches.x(0), batches.y(0), (int) Math.min(Integer.MAX_VALUE, steps - done));
            }
            return trainer.trainStep(batches.x(0), batches.y(0));
        }
        double cost = 0;
        for (long s = first; s < first + steps; s++) {
            if (trainer.threadsInUse() == 1) {
                stepsAlone++;
            }
            cost = trainer.trainStep(batches.x(s), batches.y(s));
            if (meter != null) {
                meter.afterStep();
            }
        }
        return cost;
    }

    /** Enough steps to last about {@link BenchConfig#AUTO_SECONDS}, and at least 10. */
    private static long automaticSteps(double secondsPerStep) {
        return Math.max(10, (long) Math.ceil(BenchConfig.AUTO_SECONDS / Math.max(secondsPerStep, 1e-9)));
    }

    /** Seeded random batches: normal inputs, targets of the kind the loss expects. */
    private Batches randomBatches(Network network, BenchTrainer trainer) {
        int batch = config.batch();
        long perBatch = (long) batch * (trainer.inputSize() + trainer.targetSize());
        int count = config.fullBatch() ? 1 : (int) Math.max(1, Math.min(BATCHES, MAX_DATA_ENTRIES / Math.max(1, perBatch)));
        RandomExamples.TargetKind kind = RandomExamples.targetKind(network);
        SplittableRandom random = new SplittableRandom(config.seed());
        double[][][] xs = new double[count][][];
        double[][][] ys = new double[count][][];
        for (int b = 0; b < count; b++) {
            xs[b] = RandomExamples.inputs(batch, trainer.inputSize(), random);
            ys[b] = RandomExamples.targets(batch, trainer.targetSize(), kind, random);
        }
        return new Batches(xs, ys);
    }
}
