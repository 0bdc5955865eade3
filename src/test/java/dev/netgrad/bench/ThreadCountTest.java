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
