package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Environment;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks at the edges of the doubles and of the text ({@link EdgeSpecs}) are read, derived in both
 * conventions, printed, and their gradients agree with finite differences; or they are refused with a
 * located error. Nothing else escapes.
 */
class EdgeSpecsTest {
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 200).boxed();
    }

    @ParameterizedTest(name = "edge network {0}")
    @MethodSource("seeds")
    void edgeNetworksDeriveAndMatchFiniteDifferencesOrAreRefusedWithALocatedError(long seed) {
        String text = EdgeSpecs.generate(seed);
        Network network;
        try {
            network = SpecReader.read("edge.nn", text);
        } catch (SpecException e) {
            assertTrue(e.getMessage().matches("(?s)edge\\.nn:\\d+:\\d+: error: .*"), () -> e.getMessage() + "\nin\n" + text);
            return;
        }
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            TextPrinter.print(d);
            Environment env = RandomInstance.of(d, seed, 6);
            FiniteDifferences.assertAgree(d, env, 1e-7, "edge network " + seed + " " + convention + ":\n" + text);
        }
    }
}
