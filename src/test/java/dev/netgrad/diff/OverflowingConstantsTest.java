package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Numbers whose product or sum is past the largest double (or underflows to 0) stay apart in the
 * derivation: folding them was an internal error, "number must be finite: Infinity" (exit 3), or a
 * printed division by 0.
 */
class OverflowingConstantsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                // the forward value             dZ as printed
                Arguments.of("Z * 1e200 * 1e200", "dZ = 1e200 * (1e200 * (A - Y))"),
                Arguments.of("1e200 * (1e200 * Z)", "dZ = 1e200 * (1e200 * (A - Y))"),
                Arguments.of("Z * 1e308 + Z * 1e308", "dZ = 2 * (1e308 * (A - Y))"),
                // 1e200/1e-200, a constant part past the largest double, which check refused
                Arguments.of("Z / 1e-200 / 1e-200", "dZ = 1e200 * (A - Y) / 1e-200"),
                // and 1e-200/1e200, one that underflows to 0
                Arguments.of("Z / 1e200 / 1e200", "dZ = 1e-200 * (A - Y) / 1e200"),
                Arguments.of("Z * 1e-200 * 1e-200", "dZ = 1e-200 * (1e-200 * (A - Y))"),
                Arguments.of("Z * 1e200 * 1e-200", "dZ = A - Y"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void numbersPastTheLargestDoubleStayApart(String forward, String printed) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[1]\n  param W[1, 2]\n  Z = W @ X\n  A = sigmoid(" + forward
                + ")\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n";
        Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), Convention.LOSS);
        Equation e = d.equation("dZ").orElseThrow();
        assertEquals(printed, e.name() + " = " + ExprPrinter.print(e.value()));
    }
}
