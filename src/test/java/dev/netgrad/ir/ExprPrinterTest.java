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

    static Stream<Arguments> numbers() {
        return Stream.of(
                // as a user writes them (was Java's 1.0e-8, 1.0e20, -5.0e-7: derive, show, messages)
                Arguments.of(1e-8, "1e-8"),
                Arguments.of(1e20, "1e20"),
                Arguments.of(-5e-7, "-5e-7"),
                Arguments.of(2.5e-7, "2.5e-7"),
                Arguments.of(1.25e300, "1.25e300"),
                // below 1e-4 with an exponent, as Python writes them (was 0.00001, batchnorm's eps, and 0.000001)
                Arguments.of(0.00001, "1e-5"),
                Arguments.of(-0.00005, "-5e-5"),
                Arguments.of(0.000015, "1.5e-5"),
                Arguments.of(0.000001, "1e-6"),
                Arguments.of(0.0000999, "9.99e-5"),
                // from 1e-4 up plain
                Arguments.of(0.0001, "0.0001"),
                Arguments.of(0.00025, "0.00025"),
                Arguments.of(-0.000999, "-0.000999"),
                Arguments.of(12345678.5, "12345678.5"),
                Arguments.of(0.86, "0.86"),
                Arguments.of(3.0, "3"),
                Arguments.of(1e15, "1e15"),
                Arguments.of(Double.MIN_VALUE, "4.9e-324"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("numbers")
    void numbersPrintAsAUserWritesThem(double value, String expected) {
        assertEquals(expected, ExprPrinter.number(value));
        assertEquals(value, Double.parseDouble(expected));
    }

    static Stream<Arguments> groupings() {
        return Stream.of(
                // associative regrouping drops the parentheses, unless two numbers would meet as a constant part
                Arguments.of(Apply.of(Op.MUL, Z1, Apply.of(Op.MUL, A1, Z1)), "Z1 * A1 * Z1"),
                Arguments.of(Apply.of(Op.MUL, Num.of(2), Apply.of(Op.MUL, A1, Z1)), "2 * A1 * Z1"),
                Arguments.of(Apply.of(Op.MUL, Num.of(1e200), Apply.of(Op.MUL, Num.of(1e200), Z1)), "1e200 * (1e200 * Z1)"),
                // the cost convention's (was 1/m * 1e200 * 1e200 * Z1, whose constant part is past the largest double)
                Arguments.of(Apply.of(Op.MUL, Apply.of(Op.MUL, Ref.costScale(), Num.of(1e200)), Apply.of(Op.MUL, Num.of(1e200), Z1)),
                        "1/m * 1e200 * (1e200 * Z1)"),
                Arguments.of(Apply.of(Op.MUL, Apply.of(Op.MUL, Ref.costScale(), A1), Apply.of(Op.MUL, Num.of(2), Z1)),
                        "1/m * A1 * 2 * Z1"),
                Arguments.of(Apply.of(Op.MUL, Num.of(2), Apply.of(Op.DIV, Num.of(1e308), Z1)), "2 * (1e308 / Z1)"),
                Arguments.of(Apply.of(Op.ADD, Num.of(1e308), Apply.of(Op.SUB, Num.of(1e308), Z1)), "1e308 + (1e308 - Z1)"),
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.SUB, A1, Z1)), "Z1 + A1 - Z1"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("groupings")
    void twoNumbersAreNotRegroupedIntoAConstantPart(Node node, String expected) {
        assertEquals(expected, ExprPrinter.print(node));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("signs")
    void aMinusNeverFollowsASignBare(Node node, String expected) {
        assertEquals(expected, ExprPrinter.print(node));
    }
}
