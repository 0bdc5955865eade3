package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Optimizer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Issue 11.6: the spec's train settings and a typed optimizer on the trainer's Java API. */
class JavaApiTest {
    private static final String SPEC = """
            network Small {
              input X[2]
              target Y[1]
              dense 3 tanh
              dense 1 sigmoid
              loss cross_entropy
              train {
                optimizer momentum(lr = 0.3, beta = 0.8)
                batch 4
                epochs 7
              }
            }
            """;

    @Test
    void fitWithoutSettingsUsesTheTrainBlock() {
        Derivation d = Specs.derive("small.nn", SPEC);
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        assertTrue(source.contains("public static final int EPOCHS = 7;") && source.contains("public static final int BATCH = 4;"), source);
        NetworkTrainer t = CompiledTrainer.of(d, 1).trainer();
        assertEquals(Optimizer.momentum(0.3, 0.8), t.optimizer());
        SplittableRandom random = new SplittableRandom(2);
        double[][] x = RandomExamples.inputs(10, 2, random);
        double[][] y = RandomExamples.targets(10, 1, RandomExamples.TargetKind.BINARY, random);
        List<Integer> epochs = new ArrayList<>();
        t.fit(x, y, (epoch, cost) -> epochs.add(epoch));
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), epochs);
        // The same as the explicit call, from the same seed.
        NetworkTrainer explicit = CompiledTrainer.of(d, 1).trainer();
        explicit.fit(x, y, 7, 4, null);
        for (String p : t.paramNames()) {
            assertEquals(java.util.Arrays.deepToString(explicit.getParam(p)), java.util.Arrays.deepToString(t.getParam(p)), p);
        }
    }

    @Test
    void aTypedOptimizerReplacesTheStringsAndIsChecked() {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive("small.nn", SPEC), 1).trainer();
        t.useOptimizer(Optimizer.adam(0.01));
        assertEquals(new Optimizer(Optimizer.Kind.ADAM, 0.01, 0.9, 0.9, 0.999, 1e-8), t.optimizer());
        t.useOptimizer("gd", 0.5, 0.9, 0.9, 0.999, 1e-8);
        assertEquals(Optimizer.gd(0.5), t.optimizer());
        IllegalArgumentException lr = assertThrows(IllegalArgumentException.class, () -> Optimizer.gd(-1));
        assertEquals("the learning rate must be a positive number, found -1.0", lr.getMessage());
        IllegalArgumentException beta = assertThrows(IllegalArgumentException.class, () -> Optimizer.momentum(0.1, 1.0));
        assertEquals("beta must be in [0, 1), found 1.0", beta.getMessage());
    }
}
