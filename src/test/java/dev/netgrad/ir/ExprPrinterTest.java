package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Signs in the language's text: a minus never follows another sign without parentheses. */
class ExprPrinterTest {
    private static final Ref Z1 = Ref.of("Z1", RefKind.VALUE, Shape.batch(4));
    private static final Ref A1 = Ref.of("A1", RefKind.VALUE, Shape.batch(4));

    static Stream<Arguments> signs() {
        return Stream.of(
                Arguments.of(Apply.of(Op.NEG, Z1), "-Z1"),
                Arguments.of(Apply.of(Op.NEG, Num.of(-2)), "-(-2)"),
                Arguments.of(Apply.of(Op.NEG, Apply.of(Op.NEG, Z1)), "-(-Z1)"),
                Arguments.of(Apply.of(Op.NEG, Apply.of(Op.POW, A1, Num.of(2))), "-A1^2"),
                Arguments.of(Apply.of(Op.NEG, Apply.of(Op.MUL, Z1, A1)), "-(Z1 * A1)"),
                Arguments.of(Apply.of(Op.SUB, Z1, Num.of(-2)), "Z1 - (-2)"),
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.NEG, A1)), "Z1 + (-A1)"),
                Arguments.of(Apply.of(Op.SUB, Z1, A1), "Z1 - A1"),
                Arguments.of(Apply.of(Op.MUL, Z1, Num.of(-2)), "Z1 * -2"),
                // A negative factor after a plus is a minus: the same value, exactly.
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.MUL, Num.of(-2), A1)), "Z1 - 2 * A1"),
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.MUL, Num.of(-0.5), Apply.of(Op.ADD, A1, Z1))), "Z1 - 0.5 * (A1 + Z1)"),
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.MUL, Num.of(2), A1)), "Z1 + 2 * A1"),
                // and after a minus a plus (was Z1 - -2 * A1, a derivation's -Y - -3 * softmax(ZO) * Y).
                Arguments.of(Apply.of(Op.SUB, Z1, Apply.of(Op.MUL, Num.of(-2), A1)), "Z1 + 2 * A1"),
                Arguments.of(Apply.of(Op.SUB, Z1, Apply.of(Op.MUL, Num.of(-0.5), Apply.of(Op.ADD, A1, Z1))), "Z1 + 0.5 * (A1 + Z1)"),
                Arguments.of(Apply.of(Op.SUB, Z1, Apply.of(Op.MUL, Num.of(2), A1)), "Z1 - 2 * A1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("signs")
    void aMinusNeverFollowsASignBare(Node node, String expected) {
        assertEquals(expected, ExprPrinter.print(node));
    }
}
