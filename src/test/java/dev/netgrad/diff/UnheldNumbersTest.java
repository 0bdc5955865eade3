package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every place the differentiator folds numbers into one (Algebra.pow, Product.times, the loss's
 * coefficients in LossFusion) folds only a number a double holds: past the largest double, a fold was
 * an internal error ("number must be finite: Infinity", exit 3); below the smallest, a silent 0 where
 * the forward pass keeps the numbers apart. Such numbers now stay apart, as Product and Algebra.add
 * already kept them.
 */
class UnheldNumbersTest {
    private static final Ref W = Ref.of("W", RefKind.PARAM, new Shape(2, 2));
    private static final Ref V = Ref.of("V", RefKind.PARAM, new Shape(2, 2));

    private static Node scaled(double k, Node x) {
        return Algebra.mul(Algebra.num(k), x);
    }

    static Stream<Arguments> folds() {
        return Stream.of(
                // what is built                                          as printed; before: the fold
                // spelled as factors, as a derivative with a matrix reads back through check (1e200 * (1e200 * dA))
                Arguments.of("1e200^2", (Supplier<Node>) () -> Algebra.pow(Algebra.num(1e200), 2), "1e200 * 1e200"), // error
                Arguments.of("1e-200^2", (Supplier<Node>) () -> Algebra.pow(Algebra.num(1e-200), 2), "1e-200 * 1e-200"), // 0
                Arguments.of("0^-1", (Supplier<Node>) () -> Algebra.pow(Algebra.num(0), -1), "0^-1"), // error
                Arguments.of("0^2", (Supplier<Node>) () -> Algebra.pow(Algebra.num(0), 2), "0"), // 0, exactly
                Arguments.of("3^2", (Supplier<Node>) () -> Algebra.pow(Algebra.num(3), 2), "9"), // 9
                Arguments.of("(1e200 W) @ (1e200 V)",
                        (Supplier<Node>) () -> Algebra.matmul(scaled(1e200, W), scaled(1e200, V)),
                        "1e200 * (1e200 * (W @ V))"), // error
                Arguments.of("(1e-200 W) @ (1e-200 V)",
                        (Supplier<Node>) () -> Algebra.matmul(scaled(1e-200, W), scaled(1e-200, V)),
                        "1e-200 * (1e-200 * (W @ V))"), // 0
                Arguments.of("(3 W) @ (2 V)", (Supplier<Node>) () -> Algebra.matmul(scaled(3, W), scaled(2, V)),
                        "6 * (W @ V)"), // the same
                Arguments.of("(1e200 (W @ 1e200 V)).T",
                        (Supplier<Node>) () -> Algebra.transpose(scaled(1e200, Algebra.matmul(W, scaled(1e200, V)))),
                        "1e200 * (1e200 * (V.T @ W.T))"), // error
                Arguments.of("sum(1e200 (W 1e200))",
                        (Supplier<Node>) () -> Algebra.reduce(Op.SUM, scaled(1e200, Algebra.mul(W, Algebra.num(1e200)))),
                        "1e200 * (1e200 * sum(W))")); // error
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("folds")
    void numbersADoubleCannotHoldStayApart(String what, Supplier<Node> built, String printed) {
        assertEquals(printed, ExprPrinter.print(built.get()));
    }

    static Stream<Arguments> specs() {
        return Stream.of(
                // A = sigmoid(...)          loss L = ...                                 derivative as derive prints it
                // the forward value is infinite; the power is written as factors, which check reads back
                // (1e200^2 it refused, as it would the user's; ExtremeConstantsTest reads it back)
                Arguments.of("Z * (0 * Z + 1e200)^2", "-(Y * log(A) + (1 - Y) * log(1 - A))",
                        "dZ = 1e200 * ((A - Y) * 1e200)"), // internal error
                Arguments.of("Z * (0 * Z + 1e-200)^2", "-(Y * log(A) + (1 - Y) * log(1 - A))",
                        "dZ = 1e-200 * ((A - Y) * 1e-200)"), // dZ = 0
                // not fused (the coefficient is past the doubles), each log straight to the logits, never through 1/A
                Arguments.of("Z", "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e200 * 1e200",
                        "dZ = 1e200 * (1e200 * (Y * (A - 1))) + 1e200 * (1e200 * ((1 - Y) * A))"), // internal error
                Arguments.of("Z", "1e200 * (1e200 * -(Y * log(A) + (1 - Y) * log(1 - A)))",
                        "dZ = 1e200 * (1e200 * (Y * (A - 1))) + 1e200 * (1e200 * ((1 - Y) * A))"), // internal error
                Arguments.of("Z", "-(Y * log(A) + (1 - Y) * log(1 - A)) / 1e-200 / 1e-200",
                        "dZ = 1e200 * Y * (A - 1) / 1e-200 + 1e200 * (1 - Y) * A / 1e-200"), // internal error
                Arguments.of("Z", "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e-200 * 1e-200",
                        "dZ = 1e-200 * (1e-200 * (Y * (A - 1))) + 1e-200 * (1e-200 * ((1 - Y) * A))"), // dZ = 0
                Arguments.of("Z", "(A - Y)^2 * 1e200 * 1e200", "dA = 2e200 * (1e200 * (A - Y))"), // internal error
                Arguments.of("Z", "(A - Y)^2 / 1e200 / 1e200", "dA = 2e-200 * (A - Y) / 1e200"), // dA = 0
                // a coefficient a double holds is still fused: dZ = A - Y scaled
                Arguments.of("Z", "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e200", "dZ = 1e200 * (A - Y)"),
                Arguments.of("Z", "-(Y * log(A) + (1 - Y) * log(1 - A)) / 4", "dZ = 0.25 * (A - Y)"));
    }

    private static Network network(String forward, String loss) throws Exception {
        return SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  param W[1, 2]\n  Z = W @ X\n"
                + "  A = sigmoid(" + forward + ")\n  loss L = " + loss + "\n  cost J = mean(L)\n}\n");
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("specs")
    void derivativesOfNumbersPastTheDoublesAreDerived(String forward, String loss, String printed) throws Exception {
        Derivation d = Deriver.derive(network(forward, loss), Convention.LOSS);
        String name = printed.substring(0, printed.indexOf(" ="));
        assertEquals(printed, name + " = " + ExprPrinter.print(d.equation(name).orElseThrow().value()));
    }

    /** All but the spec whose forward value is infinite, which no check can pass. */
    static Stream<Arguments> finiteSpecs() {
        return specs().filter(a -> !a.get()[0].toString().contains("1e200)^2"));
    }

    /**
     * The losses scaled past the largest double: dJ/dW is NaN in every entry on every instance (infinite
     * terms of both signs summed over the examples), where any line "equals" it, so check does not judge
     * dW rather than call derive's line right. It never calls it wrong.
     */
    private static final Set<String> LOSSES_PAST_THE_DOUBLES = Set.of(
            "-(Y * log(A) + (1 - Y) * log(1 - A)) * 1e200 * 1e200",
            "1e200 * (1e200 * -(Y * log(A) + (1 - Y) * log(1 - A)))",
            "-(Y * log(A) + (1 - Y) * log(1 - A)) / 1e-200 / 1e-200",
            "(A - Y)^2 * 1e200 * 1e200");

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("finiteSpecs")
    void whatDerivePrintsReadsBackAsRightLines(String forward, String loss, String printed) throws Exception {
        Network network = network(forward, loss);
        boolean pastTheDoubles = LOSSES_PAST_THE_DOUBLES.contains(loss);
        for (Convention convention : Convention.values()) {
            String text = TextPrinter.print(Deriver.derive(network, convention));
            Report report = EquationChecker.check(network,
                    SpecReader.readEquations("derived.eq", text, network, Deriver.derivativeNames(network)));
            String wrong = report.verdicts().stream().filter(v -> v.status() != Status.CORRECT && v.status() != Status.HELPER
                            && !(pastTheDoubles && v.status() == Status.NOT_JUDGED))
                    .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
            assertTrue(wrong.isEmpty(), () -> convention + ":\n" + text + "\n" + wrong);
            assertEquals(!pastTheDoubles, report.passed(), () -> convention + ":\n" + text);
        }
    }
}
