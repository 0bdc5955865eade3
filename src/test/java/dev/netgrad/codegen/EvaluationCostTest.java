package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.NetworkTrainer;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluation cost, the cost of the model as it predicts (dropout off, batchnorm's running
 * averages): the training cost itself for a network without dropout or batchnorm, the same in
 * chunks as in one pass, and without side effects on training.
 */
class EvaluationCostTest {
    static Stream<Path> samples() {
        return Stream.concat(Specs.samples().stream(), Specs.imageSamples().stream());
    }

    /** Random features and targets (one-hot rows for k > 1, 0 or 1 for one output), m examples. */
    private static double[][][] batch(NetworkTrainer t, int m, long seed) {
        Random r = new Random(seed);
        double[][] x = new double[m][t.inputSize()];
        double[][] y = new double[m][t.targetSize()];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < x[i].length; j++) {
                x[i][j] = r.nextGaussian();
            }
            y[i][t.targetSize() == 1 ? 0 : r.nextInt(t.targetSize())] = t.targetSize() == 1 ? r.nextInt(2) : 1;
        }
        return new double[][][] {x, y};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void withoutDropoutOrBatchnormItIsTheTrainingCostAndInChunksTheWholeSets(Path sample) {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(sample)), 5).trainer();
        double[][][] data = batch(t, 9, 17);
        double evaluation = t.evaluationCost(data[0], data[1]);
        assertTrue(Double.isFinite(evaluation), "cost " + evaluation);
        if (t.maskNames().isEmpty() && t.batchnormNames().isEmpty()) {
            assertEquals(t.cost(data[0], data[1]), evaluation, 1e-14 * Math.abs(evaluation), "the training cost");
        }
        assertEquals(evaluation, t.evaluationCost(data[0], data[1], 2), 1e-13 * Math.abs(evaluation), "in chunks of 2");
        assertEquals(evaluation, t.evaluationCost(data[0], data[1], 1), 1e-13 * Math.abs(evaluation), "one example at a time");
    }

    /**
     * Between a step's gradients and the step, an evaluation leaves them, the batchnorm's running
     * averages and the mask draws as they were: it computes no gradient and captures no batch.
     */
    @Test
    void itLeavesTheGradientsTheRunningAveragesAndTheMaskDrawsAlone() {
        for (Path sample : new Path[] {Specs.SAMPLES.resolve("batchnorm.nn"), Specs.SAMPLES.resolve("dropout.nn")}) {
            NetworkTrainer evaluated = CompiledTrainer.of(Specs.derive(Specs.read(sample)), 5).trainer();
            NetworkTrainer plain = CompiledTrainer.of(Specs.derive(Specs.read(sample)), 5).trainer();
            double[][][] data = batch(evaluated, 12, 3);
            double[][][] other = batch(evaluated, 5, 4);
            for (int step = 0; step < 3; step++) {
                evaluated.costAndGradients(data[0], data[1]);
                plain.costAndGradients(data[0], data[1]);
                evaluated.evaluationCost(other[0], other[1], 2);
                for (String param : plain.paramNames()) {
                    assertArrayEquals(plain.gradient(param), evaluated.gradient(param), sample + " " + param);
                }
                evaluated.step();
                plain.step();
            }
            for (String param : plain.paramNames()) {
                assertArrayEquals(plain.getParam(param), evaluated.getParam(param), sample + " " + param);
            }
            for (String b : plain.batchnormNames()) {
                assertArrayEquals(plain.runningMean(b), evaluated.runningMean(b), b);
                assertArrayEquals(plain.runningVariance(b), evaluated.runningVariance(b), b);
            }
        }
    }

    /**
     * Once the buffers hold a chunk, an evaluation allocates no garbage in proportion to the set: scoring
     * after every epoch makes none. A copy of a chunk's rows would be 64 kB (1,000 examples of 8 features);
     * the bound leaves room for the counter's own reads (about 800 bytes on JDK 17) and whatever code not
     * yet compiled allocates, so the test does not depend on the JIT's timing.
     */
    @Test
    void anEvaluationAllocatesNothingOnceSized() {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(Specs.SAMPLES.resolve("regularized.nn"))), 5).trainer();
        t.setThreads(1);
        double[][][] data = batch(t, 1000, 8);
        t.evaluationCost(data[0], data[1], 64);
        int calls = 10;
        long before = allocatedBytes();
        for (int i = 0; i < calls; i++) {
            t.evaluationCost(data[0], data[1], 64);
        }
        long perCall = (allocatedBytes() - before) / calls;
        assertTrue(perCall < 1024, perCall + " bytes allocated an evaluation, once sized");
    }

    @Test
    void aChunkOfNoExampleIsRefused() {
        NetworkTrainer t = CompiledTrainer.of(Specs.derive(Specs.read(Specs.SAMPLES.resolve("planar.nn"))), 5).trainer();
        double[][][] data = batch(t, 3, 8);
        assertEquals("chunk must be 1 or more, found 0",
                assertThrows(IllegalArgumentException.class, () -> t.evaluationCost(data[0], data[1], 0)).getMessage());
    }

    /**
     * A network whose values mix the examples even as it predicts (a mean along the examples, not a
     * batchnorm's) takes its evaluation in one pass whatever the chunk: chunks would each center by
     * their own mean. A batchnorm network, whose running averages mix nothing, does not say so.
     */
    @Test
    void aNetworkCoupledAsItPredictsIsEvaluatedInOnePass() throws Exception {
        String spec = java.nio.file.Files.readString(Specs.SAMPLES.resolve("planar.nn"))
                .replace("A1 = tanh(Z1)", "A1 = tanh(Z1 - mean(Z1, axis=1))");
        Derivation coupled = Specs.derive("centered.nn", spec);
        assertTrue(TrainerGenerator.generate(coupled, CompiledTrainer.PACKAGE).contains("public boolean predictionCouplesExamples()"));
        assertFalse(TrainerGenerator.generate(Specs.derive(Specs.read(Specs.SAMPLES.resolve("batchnorm.nn"))), CompiledTrainer.PACKAGE)
                .contains("predictionCouplesExamples"));
        NetworkTrainer t = CompiledTrainer.of(coupled, 5).trainer();
        double[][][] data = batch(t, 9, 17);
        double whole = t.evaluationCost(data[0], data[1], 9);
        assertEquals(whole, t.evaluationCost(data[0], data[1], 2), "in chunks of 2, asked");
        assertEquals(9, t.value("X")[0].length, "examples in the last pass");
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
