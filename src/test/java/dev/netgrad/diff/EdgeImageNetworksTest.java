package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Image networks that {@link RandomSpecs#generateImage} never makes (each file says what it adds: an image target,
 * nested image calls, many channels, global pools, filters larger than the image, a filter bank computed from a param,
 * the largest stride and padding), derived in both conventions and checked against finite differences.
 * dev.netgrad.codegen.EdgeImageAgreementTest runs the same files through the generated trainer.
 */
class EdgeImageNetworksTest {
    static final Path DIR = Path.of("src/test/resources/images/edge");

    static Stream<Path> specs() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(p -> p.toString().endsWith(".nn")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void derivedGradientsMatchFiniteDifferencesInBothConventions(Path file) throws IOException, SpecException {
        String text = Files.readString(file);
        Network network = SpecReader.read(file.getFileName().toString(), text);
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            for (long seed = 1; seed <= 3; seed++) {
                Environment env = RandomInstance.of(d, seed, 1 + 2 * (int) seed);
                FiniteDifferences.assertAgree(d, env, 1e-7, file + ", convention " + convention + ", seed " + seed);
            }
        }
    }
}
