package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A derived product is built in the order it reads, so derive prints the course's line without parentheses
 * and that line, read back by check, is the derived tree itself: the same doubles, step by step.
 */
class CourseOrderTest {
    private static final String HEAD = "network T {\n  input X[3]\n  target Y[1]\n  param W1[4, 3]\n  param b1[4]\n"
            + "  param W2[1, 4]\n  param b2[1]\n  Z1 = W1 @ X + b1\n";
    private static final String TAIL = "  Z2 = W2 @ A1 + b2\n  A2 = sigmoid(Z2)\n"
            + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n  cost J = mean(L)\n}\n";

    static Stream<Arguments> lines() {
        return Stream.of(
                // hidden layer                         derivative  printed (was, before products nested as they read)
                // was dA1 * (A1 * (1 - A1))
                Arguments.of("A1 = sigmoid(Z1)", "dZ1", "dA1 * A1 * (1 - A1)"),
                // was 1.25 * (dA1 * mask(A1) * (Z1 > 0))
                Arguments.of("A1 = dropout(relu(Z1), 0.8)", "dZ1", "1.25 * dA1 * mask(A1) * (Z1 > 0)"),
                // was dA1 * (2 * Z1): the course's 2 * Z1 of a square, in front
                Arguments.of("A1 = Z1^2", "dZ1", "2 * dA1 * Z1"),
                // the same as before: two factors need no parentheses either way
                Arguments.of("A1 = tanh(Z1)", "dZ1", "dA1 * (1 - A1^2)"));
    }

    /**
     * The cost convention's per-example derivative is its dL with the 1/m in front, also where the dL is a
     * difference of two terms (was 1/m * sigmoid(Z2) - 1/m * Y, which scales before the difference cancels).
     */
    @Test
    void theCostConventionPutsTheOneOverMInFrontOfADifference() throws Exception {
        Network network = SpecReader.read("t.nn", "network T {\n  input X[3]\n  target Y[1]\n  param W[1, 3]\n"
                + "  param b[1]\n  Z2 = W @ X + b\n  loss L = softplus(Z2) - Y * Z2\n  cost J = mean(L)\n}\n");
        Derivation d = Deriver.derive(network, Convention.COST);
        Node derived = d.equations().get(0).value();
        assertEquals("1/m * (sigmoid(Z2) - Y)", ExprPrinter.print(derived));
        // and the loss convention, whose param lines hold the 1/m, keeps the course's dW = 1/m * dZ2 @ X.T
        assertEquals("sigmoid(Z2) - Y", ExprPrinter.print(Deriver.derive(network, Convention.LOSS).equations().get(0).value()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lines")
    void derivePrintsTheCourseLineAndItReadsBackAsTheTree(String hidden, String name, String printed) throws Exception {
        Network network = SpecReader.read("t.nn", HEAD + "  " + hidden + "\n" + TAIL);
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            Node derived = d.equations().stream().filter(e -> e.name().equals(name)).findFirst().orElseThrow().value();
            String text = ExprPrinter.print(derived);
            if (convention == Convention.LOSS) {
                assertEquals(printed, text);
            }
            Node readBack = SpecReader.readEquations("t.eq", TextPrinter.print(d), network, Deriver.derivativeNames(network))
                    .stream().filter(line -> line.name().equals(name)).findFirst().orElseThrow().value();
            assertEquals(derived, readBack, () -> convention + ": " + text);
        }
    }
}
