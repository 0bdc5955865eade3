package dev.netgrad.cli;

import static dev.netgrad.English.count;

import dev.netgrad.kernels.VectorKernels;
import dev.netgrad.runtime.MatrixProducts;
import dev.netgrad.bench.BenchConfig;
import dev.netgrad.bench.BenchResult;
import dev.netgrad.bench.Benchmark;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad bench SPEC [--batch B] [--steps N] [--threads T]}: the generated trainer's training
 * throughput on seeded random data of the spec's shape. The last line of output is one JSON object,
 * for scripts.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Measures how fast the generated trainer trains.",
            "Generates the network's trainer, compiles it in memory and trains it on seeded random data of the",
            "spec's shape (standard normal inputs, targets of the kind the loss expects), with the spec's optimizer.",
            "After a warm-up, times --steps steps cycling over up to 50 fixed batches (or on one, --full-batch), and",
            "prints examples/s, steps/s, GFLOP/s (matrix products only: 6 * n_in * n_out * batch per dense layer",
            "and step, a convolution as the product of its filters and the image's windows), the heap bytes",
            "allocated per step and in how many timed steps the timing thread allocated",
            "(one in thousands is a one-off of the JIT's; every step, the trainer's). The last line is the same as",
            "one JSON object."})
public final class BenchCommand implements Callable<Integer>, NumericOptions {
    /** The batch size when neither --batch nor the spec's train block gives one. */
    static final int DEFAULT_BATCH = 128;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Option(names = "--batch", paramLabel = "B",
            description = "examples per step (default: the train block's batch, else " + DEFAULT_BATCH + ")")
    Integer batch;

    @Option(names = "--steps", paramLabel = "N", defaultValue = "0",
            description = "timed steps (default: as many as fill about 3 seconds)")
    int steps;

    @Option(names = "--threads", paramLabel = "T",
            description = "threads every step shares its work among (default: all cores, sharing only while the trainer measures it faster than one thread)")
    Integer threads;

    @Option(names = "--warmup", paramLabel = "SECONDS", defaultValue = "2",
            description = "seconds of training before timing starts (default 2), run as two halves of at least one step each "
                    + "(100 with --full-batch), the first steps in the interpreter, so a short warm-up on a loaded machine takes "
                    + "longer than asked; the JIT may compile the step for seconds more, and the report says how long it worked while timing")
    double warmup;

    @Option(names = "--phases", description = "tell on stderr when the warm-up and the timed run start and end (to read beside a GC log)")
    boolean phases;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "seeds the params and the data (default 1)")
    long seed;

    @Option(names = "--full-batch",
            description = "train on one batch with the trainer's fit (full-batch gradient descent, as the course's planar run does) "
                    + "rather than cycling over batches with trainStep")
    boolean fullBatch;

    @Override
    public Integer call() {
        // The SIMD kernels from the start, when the launcher started this JVM with the Vector API (same
        // bits, less time): bench measures the steps after its warm-up, which compiles them.
        KernelsWhenWarm.installNow();
        Network network = SpecFiles.readTrainable(file);
        Derivation d;
        try {
            d = Deriver.derive(network, Convention.LOSS);
        } catch (DerivationException e) {
            return DeriveCommand.internalError(e, spec.commandLine().getErr());
        }
        PrintWriter err = spec.commandLine().getErr();
        BenchResult result;
        try {
            result = new Benchmark(d, config(network)).run(phase -> {
                if (phases) {
                    err.println("netgrad bench: " + phase);
                    err.flush();
                }
            });
        } catch (Benchmark.Diverged e) {
            // The spec's doing (a learning rate too large), reported as train reports it, not as a bug of netgrad's.
            throw UserError.at("netgrad bench", TrainCommand.DIVERGED, e.getMessage());
        }
        report(result);
        return Main.OK;
    }

    static final OptionRange BATCH = new OptionRange("--batch", 1, 1_000_000, "");
    static final OptionRange STEPS = new OptionRange("--steps", 0, 1_000_000_000, "0 chooses");
    static final OptionRange WARMUP = new OptionRange("--warmup", 0, 3600, "seconds");

    @Override
    public Map<String, String> allowedValues() {
        return Map.of("--batch", BATCH.allowed(), "--steps", STEPS.allowed(), "--threads", OptionRange.threads().allowed(),
                "--warmup", WARMUP.allowed(), "--seed", OptionRange.seed().allowed());
    }

    private BenchConfig config(Network network) {
        int b = batch != null ? BATCH.check("bench", batch)
                : network.train().map(t -> t.batch().orElse(DEFAULT_BATCH)).orElse(DEFAULT_BATCH);
        int t = threads != null ? OptionRange.threads().check("bench", threads) : 0;
        STEPS.check("bench", steps);
        WARMUP.check("bench", warmup, OutputPaths.given(spec.commandLine(), "--warmup"));
        // Before compiling, as train refuses it: every batch of the bench's data holds b examples.
        TrainingRun.batchOfOneRefusal(network.name(), network.batchnorms(), b, b).ifPresent(refusal -> {
            throw UserError.usage("netgrad bench", refusal);
        });
        try {
            return new BenchConfig(b, steps, t, warmup, seed, fullBatch);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("netgrad bench", e.getMessage());
        }
    }

    private void report(BenchResult r) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "bench %s: batch %d%s, %s%s, %s after %s, seeded random data%n",
                r.network(), r.batch(), r.fullBatch() ? " (full batch, fit)" : "", count(r.threads(), "thread"),
                r.threadsInUse() == r.threads() ? "" : " (" + r.threadsInUse() + " in use: sharing measured slower)",
                count(r.steps(), "timed step"), count(r.warmupSteps(), "warm-up step"));
        out.printf(Locale.ROOT, "  examples/s   %.1f%n", r.examplesPerSecond());
        out.printf(Locale.ROOT, "  steps/s      %.1f%n", r.stepsPerSecond());
        out.printf(Locale.ROOT, "  GFLOP/s      %.2f   (matrix products and convolutions: %.0f flops per step)%n", r.gflops(), r.flopsPerStep());
        out.printf(Locale.ROOT, "  allocated    %s per step (the trainer's threads, timed steps%s)%n",
                r.allocatedBytes() < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f bytes", r.allocatedBytesPerStep()),
                r.allocatingSteps() < 0 ? "" : String.format(Locale.ROOT, "; the calling thread allocated in %d of %d", r.allocatingSteps(), r.steps()));
        out.printf(Locale.ROOT, "  warm-up      %.1f s; the JIT compiler worked %s while timing%n", r.warmupSeconds(),
                r.compileMillis() < 0 ? "for a time the JVM does not say" : r.compileMillis() + " ms");
        if (r.threads() > 1 && r.stepsAlone() > 0) {
            // The sharing tuner's measurements and decisions: a slow figure with many of these is the mode's, not the host's.
            out.printf(Locale.ROOT, "  alone        %d of %d timed steps on the calling thread (the sharing tuner measuring, or keeping one thread)%n",
                    r.stepsAlone(), r.steps());
        }
        out.printf(Locale.ROOT, "  JVM          %s %s (%s), %s available%n", System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("os.arch"), count(Runtime.getRuntime().availableProcessors(), "core"));
        out.printf(Locale.ROOT, "  products     %s%n", productKernel());
        out.println(r.jsonLine(environment()));
    }

    private static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("jvm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("cores", Runtime.getRuntime().availableProcessors());
        env.put("products", productKernel());
        return env;
    }

    /** Which matrix-product kernel the figures are of: the Vector API's, or the runtime's plain loops. */
    private static String productKernel() {
        return MatrixProducts.hasInstalledKernel() ? "Vector API (jdk.incubator.vector)"
                : VectorKernels.available() ? "plain Java loops (Vector API kernel not installed)"
                : "plain Java loops (no jdk.incubator.vector in this JVM)";
    }

}
