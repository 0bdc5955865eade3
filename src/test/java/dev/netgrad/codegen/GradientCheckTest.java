package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite differences of every compiled sample's cost agree with its gradients, as the course checks them. */
class GradientCheckTest {
    static Stream<Path> samples() {
        return Stream.concat(Specs.samples().stream(), Specs.imageSamples().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySamplePassesTheGradientCheck(Path sample) {
        Derivation d = Specs.derive(Specs.read(sample));
        CompiledTrainer trainer = CompiledTrainer.of(d, 3);
        SplittableRandom random = new SplittableRandom(3);
        int m = 8;
        double[][] x = RandomExamples.inputs(m, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(m, trainer.targetSize(), RandomExamples.targetKind(d.network()), random);
        trainer.setMasks(EvaluationAgreementTest.masks(d, m, random));
        GradientCheck.prepare(trainer, d, x, y, 3);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, x, y, 30, 3);
        assertEquals(trainer.paramNames().length, results.size());
        for (GradientCheck.ParamResult r : results) {
            assertTrue(r.passed(), () -> sample + ": " + r);
        }
    }

    @Test
    void relativeDifferenceIsTheCoursesNormRatio() {
        assertEquals(0, GradientCheck.relativeDifference(new double[] {0, 0}, new double[] {0, 0}));
        assertEquals(1.0 / 7, GradientCheck.relativeDifference(new double[] {3, 0}, new double[] {4, 0}), 1e-15);
    }

    @Test
    void aWrongGradientIsCaught() {
        Derivation d = Specs.derive(Specs.read(Path.of("samples/planar.nn")));
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String wrong = source.replace("products.multiplyTransB(dZ2, A1, dW2, 1, m, 4, oneOverM);", "products.multiplyTransB(dZ2, A1, dW2, 1, m, 4, 1.001 * oneOverM);");
        assertTrue(!wrong.equals(source));
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.Planar", wrong), 1);
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = RandomExamples.inputs(8, 2, random);
        double[][] y = RandomExamples.targets(8, 1, RandomExamples.TargetKind.BINARY, random);
        GradientCheck.prepare(trainer, d, x, y, 1);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, x, y, 40, 1);
        assertEquals(List.of(true, true, false, true), results.stream().map(GradientCheck.ParamResult::passed).toList());
        assertEquals(5e-4, results.get(2).difference(), 1e-5);
    }
}
