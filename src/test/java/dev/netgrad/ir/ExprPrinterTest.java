package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
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
                // a product nested to the right keeps its parentheses (was Z1 * A1 * Z1, read back another rounding)
                Arguments.of(Apply.of(Op.MUL, Z1, Apply.of(Op.MUL, A1, Z1)), "Z1 * (A1 * Z1)"),
                Arguments.of(Apply.of(Op.MUL, Num.of(2), Apply.of(Op.MUL, A1, Z1)), "2 * (A1 * Z1)"),
                Arguments.of(Apply.of(Op.MUL, Num.of(1e200), Apply.of(Op.MUL, Num.of(1e200), Z1)), "1e200 * (1e200 * Z1)"),
                // the cost convention's (was 1/m * 1e200 * 1e200 * Z1, whose constant part is past the largest double)
                Arguments.of(Apply.of(Op.MUL, Apply.of(Op.MUL, Ref.costScale(), Num.of(1e200)), Apply.of(Op.MUL, Num.of(1e200), Z1)),
                        "1/m * 1e200 * (1e200 * Z1)"),
                Arguments.of(Apply.of(Op.MUL, Apply.of(Op.MUL, Ref.costScale(), A1), Apply.of(Op.MUL, Num.of(2), Z1)),
                        "1/m * A1 * (2 * Z1)"),
                // the course's 1/m * dZ @ X.T, and a * (1/m) (was a * 1/m, read back as a * 1 / m)
                Arguments.of(Apply.of(Op.MUL, Ref.costScale(), Apply.of(Op.MATMUL, Z1, Apply.of(Op.TRANSPOSE, A1))),
                        "1/m * Z1 @ A1.T"),
                Arguments.of(Apply.of(Op.MUL, Num.of(2), Apply.of(Op.MATMUL, Z1, Apply.of(Op.TRANSPOSE, A1))),
                        "2 * (Z1 @ A1.T)"),
                Arguments.of(Apply.of(Op.MUL, Z1, Ref.costScale()), "Z1 * (1/m)"),
                Arguments.of(Apply.of(Op.MUL, Num.of(2), Apply.of(Op.DIV, Num.of(1e308), Z1)), "2 * (1e308 / Z1)"),
                Arguments.of(Apply.of(Op.ADD, Num.of(1e308), Apply.of(Op.SUB, Num.of(1e308), Z1)), "1e308 + (1e308 - Z1)"),
                Arguments.of(Apply.of(Op.ADD, Z1, Apply.of(Op.SUB, A1, Z1)), "Z1 + (A1 - Z1)"));
    }

    private static final Network NAMES = network();

    private static Network network() {
        try {
            return SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  const kbig = 1e200\n"
                    + "  const khuge = 1e300\n  const ksmall = 1e-200\n  const ktiny = 1e-300\n  param W[1, 2]\n"
                    + "  param b[1]\n  Z = W @ X + b\n  A = sigmoid(Z * kbig * khuge * ksmall * ktiny)\n"
                    + "  loss L = (A - Y)^2\n  cost J = mean(L)\n}\n");
        } catch (SpecException e) {
            throw new AssertionError(e);
        }
    }

    /** {@code text} as check reads it: a line of an equation file, left to right. */
    private static Node read(String text) throws SpecException {
        return SpecReader.readEquations("t.eq", "dZ = " + text + "\n", NAMES, Deriver.derivativeNames(NAMES)).get(0).value();
    }

    /**
     * Products are not associative in doubles: what is printed reads back as the tree itself (was: regrouped
     * whenever the first two numbers multiplied to a normal double, whatever came after them).
     */
    static Stream<Arguments> trees() {
        return Stream.of(
                // the tree, written in full          printed
                // was kbig * (khuge * ksmall * ktiny * Z): 1e100 * 1e-300 read back where the tree has 1e-500
                Arguments.of("kbig * (khuge * (ksmall * (ktiny * Z)))", "kbig * (khuge * (ksmall * (ktiny * Z)))"),
                // was kbig * ksmall * (khuge * ktiny * Z)
                Arguments.of("kbig * (ksmall * (khuge * (ktiny * Z)))", "kbig * (ksmall * (khuge * (ktiny * Z)))"),
                // was Z * kbig * khuge: kbig * khuge is infinite, Z * kbig need not be
                Arguments.of("Z * (kbig * (khuge * ktiny))", "Z * (kbig * (khuge * ktiny))"),
                // was Z * A * Z, and 2 * (1e308 / Z) as 2 * 1e308 / Z is infinite
                Arguments.of("Z * (A * Z)", "Z * (A * Z)"),
                Arguments.of("kbig * (khuge / Z)", "kbig * (khuge / Z)"),
                // was Z + A - Z, which cancels: (Z + A) - Z loses A's digits
                Arguments.of("Z + (A - Z)", "Z + (A - Z)"),
                Arguments.of("Z + (A + Z)", "Z + (A + Z)"),
                // nested to the left, no parentheses are needed
                Arguments.of("((Z * A) * kbig) * khuge", "Z * A * kbig * khuge"),
                Arguments.of("(Z - A) - (Z - A)", "Z - A - (Z - A)"),
                Arguments.of("(1 / m) * (Z * A)", "1/m * (Z * A)"),
                Arguments.of("(W @ X) * (W @ X)", "W @ X * (W @ X)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("trees")
    void whatIsPrintedReadsBackAsTheTree(String written, String printed) throws SpecException {
        Node tree = read(written);
        assertEquals(printed, ExprPrinter.print(tree));
        assertEquals(tree, read(ExprPrinter.print(tree)));
    }

    /**
     * Over a factor that is 0 or 1 a product regroups to the same doubles, infinities and NaN included, so it
     * prints as the course writes it; the read-back tree differs, its values do not.
     */
    static Stream<Arguments> zeroOneGroupings() {
        return Stream.of(
                Arguments.of("Z * ((Z > 0) * A)", "Z * (Z > 0) * A"),
                Arguments.of("Z * ((A <= 0) * (kbig * Z))", "Z * (A <= 0) * (kbig * Z)"),
                Arguments.of("Z * ((Z > 0) * ((A > 0) * Z))", "Z * (Z > 0) * (A > 0) * Z"),
                // a 0/1 factor first is not enough: 0 * (A * Z) is 0 where (0 * A) * Z is NaN for an infinite Z
                Arguments.of("(Z > 0) * (A * Z)", "(Z > 0) * (A * Z)"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("zeroOneGroupings")
    void overAZeroOrOneFactorTheValuesReadBack(String written, String printed) throws SpecException {
        Node tree = read(written);
        assertEquals(printed, ExprPrinter.print(tree));
        double[] z = {1e300, Double.POSITIVE_INFINITY, Double.NaN, -0.0, -3, 1e-320};
        double[] a = {1e300, -2, 0.5, Double.NEGATIVE_INFINITY, 0, 7};
        Environment env = new Environment(z.length).put("Z", Matrix.of(new double[][] {z})).put("A", Matrix.of(new double[][] {a}))
                .put("kbig", Matrix.scalar(1e200));
        Matrix expected = Evaluator.evaluate(tree, env);
        Matrix actual = Evaluator.evaluate(read(ExprPrinter.print(tree)), env);
        for (int i = 0; i < z.length; i++) {
            int j = i;
            assertEquals(Double.doubleToLongBits(expected.get(0, j)), Double.doubleToLongBits(actual.get(0, j)),
                    () -> printed + " at entry " + j);
        }
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
