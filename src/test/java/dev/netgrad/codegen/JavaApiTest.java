package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Optimizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** What {@code netgrad train --save} stores (mean and std per feature) is applied by standardize and kept by save. */
    @Test
    void standardizationFromAParamsFileIsAppliedAndSavedAgain(@TempDir Path dir) throws Exception {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive("small.nn", SPEC), 1).trainer();
        assertThrows(IllegalStateException.class, () -> t.standardize(new double[][] {{1, 2}}));
        Path file = dir.resolve("small.json");
        t.save(file);
        String saved = Files.readString(file);
        Files.writeString(file, saved.substring(0, saved.lastIndexOf('}')).stripTrailing()
                + ",\n  \"standardization\": {\"mean\": [1.0, -2.0], \"std\": [2.0, 0.5]}\n}\n");
        t.load(file);
        assertTrue(t.hasStandardization());
        assertEquals(java.util.Arrays.deepToString(new double[][] {{0.5, 6.0}}), java.util.Arrays.deepToString(t.standardize(new double[][] {{2, 1}})));
        Path again = dir.resolve("again.json");
        t.save(again);
        NetworkTrainer other = CompiledTrainer.of(Specs.derive("small.nn", SPEC), 2).trainer();
        other.load(again);
        assertEquals(java.util.Arrays.deepToString(t.standardize(new double[][] {{3, 4}})), java.util.Arrays.deepToString(other.standardize(new double[][] {{3, 4}})));
        Files.writeString(file, saved.substring(0, saved.lastIndexOf('}')).stripTrailing()
                + ",\n  \"standardization\": {\"mean\": [1.0], \"std\": [2.0]}\n}\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.load(file));
        assertTrue(e.getMessage().contains("must have 2 means"), e.getMessage());
    }

    /** A class picked from NaN outputs looks like any other: predict refuses the feature instead. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void predictRefusesANonFiniteFeature(double bad) {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive("small.nn", SPEC), 1).trainer();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.predict(new double[][] {{1, 2}, {3, bad}}));
        assertEquals("x[1][1] is " + bad + ": Small predicts from finite features only", e.getMessage());
    }

    /**
     * A NaN or infinite feature makes a cost that is NaN, or one that looks like any other: every call
     * that takes a batch refuses it as predict does, the params left as they were (trainStep names it
     * once its cost or a gradient came out non-finite, which it refuses before changing anything:
     * a scan of every batch first would cost 5 - 8 % of a step).
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0} {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            cost             | NaN       | x[1][1] is NaN: Small computes its cost from finite features only
            cost             | Infinity  | x[1][1] is Infinity: Small computes its cost from finite features only
            costAndGradients | NaN       | x[1][1] is NaN: Small computes its gradients from finite features only
            costAndGradients | -Infinity | x[1][1] is -Infinity: Small computes its gradients from finite features only
            trainStep        | Infinity  | x[1][1] is Infinity: Small computes its gradients from finite features only
            trainStep        | NaN       | x[1][1] is NaN: Small computes its gradients from finite features only
            fit              | NaN       | x[1][1] is NaN: Small computes its gradients from finite features only
            accumulateSums   | NaN       | x[1][1] is NaN: Small computes its gradients from finite features only
            """)
    void everyCallThatTakesABatchRefusesANonFiniteFeature(String call, double bad, String expected) {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive("small.nn", SPEC), 1).trainer();
        double[][] before = t.getParam(t.paramNames().get(0));
        double[][] x = {{1, 2}, {3, bad}};
        double[][] y = {{1}, {0}};
        Runnable calling = switch (call) {
            case "cost" -> () -> t.cost(x, y);
            case "costAndGradients" -> () -> t.costAndGradients(x, y);
            case "trainStep" -> () -> t.trainStep(x, y);
            case "fit" -> () -> t.fit(x, y, 3, 1, null);
            case "accumulateSums" -> () -> t.accumulateSums(x, y, t.newSums());
            default -> throw new IllegalArgumentException(call);
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, calling::run);
        assertEquals(expected, e.getMessage());
        assertTrue(java.util.Arrays.deepEquals(before, t.getParam(t.paramNames().get(0))), "the params are as they were");
    }
}
