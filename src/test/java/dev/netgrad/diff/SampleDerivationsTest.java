package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.SampleFiles;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample's derivation, in both conventions, against finite differences and against each other. */
class SampleDerivationsTest {
    /** Every sample, the image networks of samples/images included (they have no generated trainer yet). */
    static Stream<Path> samples() {
        return Stream.concat(SampleFiles.specs().stream(), SampleFiles.imageSpecs().stream());
    }

    private static Network read(Path file) throws Exception {
        return SpecReader.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyParamGradientAgreesWithFiniteDifferences(Path file) throws Exception {
        Derivation d = Deriver.derive(read(file), Convention.LOSS);
        Environment env = RandomInstance.of(d, 11, 6);
        FiniteDifferences.assertAgree(d, env, 1e-7, file.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void bothConventionsGiveTheSameParamGradientsAndPutTheOneOverMWhereTheySay(Path file) throws Exception {
        Network network = read(file);
        Derivation loss = Deriver.derive(network, Convention.LOSS);
        Derivation cost = Deriver.derive(network, Convention.COST);
        Environment env = RandomInstance.of(loss, 5, 4);
        Evaluation.Result a = Evaluation.run(loss, env.copy());
        Evaluation.Result b = Evaluation.run(cost, env.copy());
        for (Equation g : loss.gradients()) {
            assertTrue(Numerics.close(a.derivatives().get(g.name()), b.derivatives().get(cost.gradient(g.of()).name()),
                    Numerics.TOLERANCE, 0),
                    () -> file + ": " + g.name() + " differs between conventions");
        }
        for (Equation e : loss.deltas()) {
            if (e.numerator() != Numerator.COST) {
                assertFalse(mentionsCostScale(e.value()), () -> file + ": " + e.name() + " has 1/m in the loss convention");
            }
        }
        // In the cost convention the 1/m enters at the top: the first equation carries it and no gradient does again.
        Equation first = cost.equations().get(0);
        assertTrue(mentionsCostScale(first.value()), () -> file + ": " + first.name() + " lacks the 1/m at the top");
        for (Equation g : cost.gradients()) {
            assertFalse(mentionsCostScale(g.value()), () -> file + ": " + g.name() + " applies 1/m again");
        }
    }

    private static boolean mentionsCostScale(Node n) {
        if (n instanceof Ref r) {
            return r.kind() == RefKind.COST_SCALE;
        }
        return n instanceof Apply a && a.args().stream().anyMatch(SampleDerivationsTest::mentionsCostScale);
    }
}
