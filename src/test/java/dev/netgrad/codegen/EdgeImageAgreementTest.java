package dev.netgrad.codegen;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The image networks the random generator never makes (src/test/resources/images/edge, whose gradients
 * dev.netgrad.diff.EdgeImageNetworksTest checks against finite differences): the compiled trainer computes what
 * the evaluator computes, bit for bit, as for the random image networks.
 */
class EdgeImageAgreementTest {
    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/images/edge"))) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void theTrainerAgreesWithTheEvaluatorBitForBit(Path file) throws IOException {
        EvaluationAgreementTest.agree(Specs.derive(file.getFileName().toString(), Files.readString(file)), 7, 0);
    }
}
