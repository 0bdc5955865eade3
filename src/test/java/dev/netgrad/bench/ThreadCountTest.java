package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated trainer shares the rows of big matrix products, and the entries of loops heavy with
 * exp, log or tanh, among threads; every entry is still computed alone and summed in the same order:
 * training gives the same bits on any number of threads.
 */
class ThreadCountTest {
    /** Big enough that the first layer's products are shared (784 x 128 x 64 multiply-adds). */
    private static final int BATCH = 64;

    @Test
    void trainingGivesTheSameBitsOnOneTwoAndThreeThreads() throws Exception {
        Path spec = Path.of("samples", "mlp.nn");
        Derivation d = Deriver.derive(SpecReader.read(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8)), Convention.LOSS);
        Class<?> type = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".Mlp", TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        double[][][] oneThread = train(type, 1);
        for (int threads : new int[] {2, 3}) {
            double[][][] params = train(type, threads);
            for (int p = 0; p < params.length; p++) {
                for (int r = 0; r < params[p].length; r++) {
                    assertArrayEquals(oneThread[p][r], params[p][r], 0.0, threads + " threads: param " + p + ", row " + r);
                }
            }
        }
    }

    /**
     * A trainer left to its default threads measures, after a second of training, whether sharing
     * pays (SharingTuner), switching sharing on and off from block to block of steps: its params
     * after as many steps as fill 1.6 s must be those of a trainer fixed on one thread.
     */
    @Test
    void trainingWhileTheTunerSwitchesSharingGivesTheOneThreadBits() throws Exception {
        Path spec = Path.of("samples", "mlp.nn");
        Derivation d = Deriver.derive(SpecReader.read(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8)), Convention.LOSS);
        Class<?> type = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".Mlp", TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        NetworkTrainer tuned = CompiledTrainer.create(type, 5L).trainer();
        NetworkTrainer fixed = CompiledTrainer.create(type, 5L).trainer();
        fixed.setThreads(1);
        assertEquals(1, fixed.threadsInUse());
        assertEquals(Runtime.getRuntime().availableProcessors(), tuned.threadsInUse(), "sharing until measured");
        SplittableRandom random = new SplittableRandom(9);
        double[][][] xs = new double[8][][];
        double[][][] ys = new double[8][][];
        for (int b = 0; b < xs.length; b++) {
            xs[b] = RandomExamples.inputs(BATCH, 784, random);
            ys[b] = RandomExamples.targets(BATCH, 10, RandomExamples.TargetKind.ONE_HOT, random);
        }
        long start = System.nanoTime();
        int steps = 0;
        while (System.nanoTime() - start < 1_600_000_000L) {
            tuned.trainStep(xs[steps % xs.length], ys[steps % ys.length]);
            steps++;
        }
        int inUse = tuned.threadsInUse();
        assertTrue(inUse == 1 || inUse == Runtime.getRuntime().availableProcessors(), "threads in use: " + inUse);
        for (int s = 0; s < steps; s++) {
            fixed.trainStep(xs[s % xs.length], ys[s % ys.length]);
        }
        for (String name : tuned.paramNames()) {
            double[][] a = fixed.getParam(name);
            double[][] b = tuned.getParam(name);
            for (int r = 0; r < a.length; r++) {
                assertArrayEquals(a[r], b[r], 0.0, name + " row " + r + " after " + steps + " steps");
            }
        }
    }

    /**
     * The optimizer's check and update run in stripes of the params' rows, one a thread: a step whose
     * update overflows stops with the message of one thread (the first non-finite entry in the
     * params' order, then the entries'), and leaves the same params behind.
     */
    @Test
    void aDivergingUpdateStopsWithTheSameMessageOnOneAndThreeThreads() throws Exception {
        Path spec = Path.of("samples", "mlp.nn");
        Derivation d = Deriver.derive(SpecReader.read(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8)), Convention.LOSS);
        Class<?> type = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".Mlp", TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = RandomExamples.inputs(BATCH, 784, random);
        double[][] y = RandomExamples.targets(BATCH, 10, RandomExamples.TargetKind.ONE_HOT, random);
        // Huge inputs, finite costs and gradients (about 1e150), and a learning rate that takes W past the largest double.
        for (double[] row : x) {
            for (int c = 0; c < row.length; c++) {
                row[c] *= 1e150;
            }
        }
        String[] messages = new String[2];
        double[][][] params = new double[2][][];
        for (int run = 0; run < 2; run++) {
            NetworkTrainer trainer = CompiledTrainer.create(type, 5L).trainer();
            trainer.setThreads(run == 0 ? 1 : 3);
            trainer.useOptimizer("gd", 1e200, 0.9, 0.9, 0.999, 1e-8);
            IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> trainer.trainStep(x, y));
            messages[run] = e.getMessage();
            params[run] = trainer.getParam("W2");
        }
        assertTrue(messages[0].contains("the update would make W1["), messages[0]);
        assertEquals(messages[0], messages[1]);
        for (int r = 0; r < params[0].length; r++) {
            assertArrayEquals(params[0][r], params[1][r], 0.0, "W2 row " + r);
        }
    }

    /**
     * Planar at 4,096 examples: the tanh, sigmoid and loss loops (16,384 and 4,096 entries) are
     * shared, with Kernels' SIMD loops installed or not (ProductsTest has the rule).
     */
    @Test
    void sharedElementwiseLoopsGiveTheSameBitsOnOneTwoAndThreeThreads() throws Exception {
        Path spec = Path.of("samples", "planar.nn");
        Derivation d = Deriver.derive(SpecReader.read(spec.toString(), Files.readString(spec, StandardCharsets.UTF_8)), Convention.LOSS);
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        for (String loop : new String[] {"A1", "A2", "L"}) {
            assertTrue(source.contains("products.forEntries(") && source.contains("loopOf" + loop + ")"), loop);
        }
        Class<?> type = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".Planar", source);
        double[][] oneThread = trainPlanar(type, 1);
        for (int threads : new int[] {2, 3}) {
            double[][] run = trainPlanar(type, threads);
            for (int k = 0; k < run.length; k++) {
                assertArrayEquals(oneThread[k], run[k], 0.0, threads + " threads: " + (k == 0 ? "costs" : "param " + (k - 1)));
            }
        }
    }

    /** The costs of 30 full-batch steps on 4,096 seeded examples, then W1, b1, W2 and b2, flattened. */
    private static double[][] trainPlanar(Class<?> type, int threads) throws Exception {
        NetworkTrainer trainer = CompiledTrainer.create(type, 3L).trainer();
        trainer.setThreads(threads);
        SplittableRandom random = new SplittableRandom(4);
        double[][] x = RandomExamples.inputs(4096, 2, random);
        for (double[] row : x) {
            row[0] *= 3;
            row[1] *= 3;
        }
        double[][] y = RandomExamples.targets(4096, 1, RandomExamples.TargetKind.BINARY, random);
        double[][] out = new double[5][];
        out[0] = new double[30];
        for (int s = 0; s < 30; s++) {
            out[0][s] = trainer.trainStep(x, y);
        }
        List<String> names = trainer.paramNames();
        for (int p = 0; p < names.size(); p++) {
            out[p + 1] = Arrays.stream(trainer.getParam(names.get(p)))
                    .flatMapToDouble(Arrays::stream).toArray();
        }
        return out;
    }

    /** The params after three steps on seeded random batches. */
    private static double[][][] train(Class<?> type, int threads) throws Exception {
        NetworkTrainer trainer = CompiledTrainer.create(type, 5L).trainer();
        trainer.setThreads(threads);
        SplittableRandom random = new SplittableRandom(9);
        for (int s = 0; s < 3; s++) {
            double[][] x = RandomExamples.inputs(BATCH, 784, random);
            double[][] y = RandomExamples.targets(BATCH, 10, RandomExamples.TargetKind.ONE_HOT, random);
            trainer.trainStep(x, y);
        }
        List<String> names = trainer.paramNames();
        assertEquals(6, names.size());
        double[][][] params = new double[names.size()][][];
        for (int p = 0; p < names.size(); p++) {
            params[p] = trainer.getParam(names.get(p));
        }
        return params;
    }
}
