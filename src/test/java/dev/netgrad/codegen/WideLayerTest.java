package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Issue 12.9: a 20000-wide layer on 4 inputs trains at batch 32 with the memory its values need
 * (the products' scratch rows once took 20000 x 20000 doubles; ProductsTest measures them).
 */
class WideLayerTest {
    @Test
    void aTwentyThousandWideLayerTrainsAtBatch32() {
        Derivation d = Specs.derive("wide.nn", """
                network Wide {
                  input X[4]
                  target Y[1]
                  dense 20000 tanh
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """);
        NetworkTrainer t = CompiledTrainer.of(d, 3).trainer();
        SplittableRandom random = new SplittableRandom(4);
        double[][] x = RandomExamples.inputs(32, 4, random);
        double[][] y = RandomExamples.targets(32, 1, RandomExamples.TargetKind.BINARY, random);
        double first = t.trainStep(x, y);
        double second = t.trainStep(x, y);
        assertTrue(Double.isFinite(first) && Double.isFinite(second), first + " then " + second);
        assertEquals(20000, t.gradient("W2")[0].length);
    }
}
