package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Batchnorm's eps prints as a user writes it, 1e-5, in every format (was 0.00001). */
class BatchnormEpsTest {
    private static final Derivation BATCHNORM = Samples.derive(Samples.DIR.resolve("batchnorm.nn"), Convention.LOSS);

    static Stream<Arguments> formats() {
        return Stream.of(
                // format    printer                                     the eps as it must appear
                Arguments.of("text", (Function<Derivation, String>) TextPrinter::print, "Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 1e-5)"),
                Arguments.of("json", (Function<Derivation, String>) JsonPrinter::print, "\"sqrt(mean(Zn1_c^2, axis=1) + 1e-5)\""),
                Arguments.of("markdown", (Function<Derivation, String>) MarkdownPrinter::print, "`Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 1e-5)`"),
                Arguments.of("latex", (Function<Derivation, String>) LatexPrinter::print, "^{2}) + 10^{-5}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formats")
    void epsPrintsAsAUserWritesIt(String format, Function<Derivation, String> printer, String expected) {
        String out = printer.apply(BATCHNORM);
        assertTrue(out.contains(expected), out);
        assertFalse(out.contains("0.00001"), out);
    }
}
