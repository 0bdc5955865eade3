package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every printed line of the random networks, not only the params' gradients ({@link RandomNetworksTest}), is the
 * derivative its label names, in both conventions ({@link NumeratorOracle}): dL, d(sum L) and dJ each against
 * differences of what it names.
 */
class RandomNetworksNumeratorsTest {
    static Stream<Long> seeds() {
        return LongStream.rangeClosed(1, 60).boxed();
    }

    static Stream<Long> imageSeeds() {
        return LongStream.rangeClosed(1, 30).boxed();
    }

    @ParameterizedTest(name = "random network {0}")
    @MethodSource("seeds")
    void everyLineOfARandomNetworkIsWhatItsLabelSays(long seed) throws Exception {
        check(seed, RandomSpecs.generate(seed));
    }

    @ParameterizedTest(name = "random expression network {0}")
    @MethodSource("seeds")
    void everyLineOfARandomExpressionNetworkIsWhatItsLabelSays(long seed) throws Exception {
        check(seed, RandomExpressions.generate(seed));
    }

    @ParameterizedTest(name = "random image network {0}")
    @MethodSource("imageSeeds")
    void everyLineOfARandomImageNetworkIsWhatItsLabelSays(long seed) throws Exception {
        check(seed, RandomSpecs.generateImage(seed));
    }

    private static void check(long seed, String text) throws Exception {
        Network network = SpecReader.read("random" + seed + ".nn", text);
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            assertEquals(List.of(), NumeratorOracle.problems(d, RandomInstance.of(d, seed, 6), 1e-6),
                    () -> "seed " + seed + " " + convention + ":\n" + text);
        }
    }
}
