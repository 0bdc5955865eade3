package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.SpecReader;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated trainer shares the rows of big matrix products among threads, and every entry is
 * still summed in the same order: training gives the same bits on any number of threads.
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

    /** The params after three steps on seeded random batches. */
    private static double[][][] train(Class<?> type, int threads) throws Exception {
        Object trainer = type.getConstructor(long.class).newInstance(5L);
        type.getMethod("setThreads", int.class).invoke(trainer, threads);
        Method step = type.getMethod("trainStep", double[][].class, double[][].class);
        SplittableRandom random = new SplittableRandom(9);
        for (int s = 0; s < 3; s++) {
            double[][] x = RandomExamples.inputs(BATCH, 784, random);
            double[][] y = RandomExamples.targets(BATCH, 10, RandomExamples.TargetKind.ONE_HOT, random);
            step.invoke(trainer, x, y);
        }
        String[] names = (String[]) type.getField("PARAM_NAMES").get(null);
        assertEquals(6, names.length);
        double[][][] params = new double[names.length][][];
        for (int p = 0; p < names.length; p++) {
            params[p] = (double[][]) type.getMethod("getParam", String.class).invoke(trainer, names[p]);
        }
        return params;
    }
}
