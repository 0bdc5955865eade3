package dev.netgrad.spec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one arithmetic that constants are folded with, whether ConstantFolder reads them on the syntax
 * tree (a const) or ExprBuilder on the built IR (an exponent): the same text has the same value.
 */
class ConstantArithmeticTest {
    static Stream<Arguments> operations() {
        return Stream.of(
                //           op      operands                  value, compared bit for bit
                Arguments.of(Op.ADD, new double[] {0.1, 0.2}, 0.30000000000000004),
                Arguments.of(Op.SUB, new double[] {1, 1}, 0.0),
                Arguments.of(Op.MUL, new double[] {1e200, 1e200}, Double.POSITIVE_INFINITY),
                Arguments.of(Op.MUL, new double[] {1e-200, 1e-200}, 0.0),
                Arguments.of(Op.DIV, new double[] {1, 0}, Double.POSITIVE_INFINITY),
                Arguments.of(Op.DIV, new double[] {0, 0}, Double.NaN),
                Arguments.of(Op.NEG, new double[] {0}, -0.0),
                Arguments.of(Op.POW, new double[] {2, 0.5}, Math.sqrt(2)),
                Arguments.of(Op.POW, new double[] {-8, 1.0 / 3}, Double.NaN),
                Arguments.of(Op.POW, new double[] {0, -1}, Double.POSITIVE_INFINITY),
                Arguments.of(Op.POW, new double[] {10, -400}, 0.0));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operations")
    void computesJavasDoubleArithmetic(Op op, double[] operands, double value) {
        assertTrue(ConstantArithmetic.folds(op));
        assertEquals(value, ConstantArithmetic.apply(op, operands));
    }

    @ParameterizedTest
    @EnumSource(value = Op.class, names = {"MATMUL", "EXP", "GT", "TRANSPOSE", "SUM"})
    void foldsNothingElse(Op op) {
        assertFalse(ConstantArithmetic.folds(op));
    }

    static Stream<String> expressions() {
        return Stream.of("0.1 + 0.2 * 3", "2^0.5 * 3 - 1/7", "-(1/3)^-2 + 1e-300 * 1e10", "(2 - 0.3) / 0.7 ^ 3",
                "2 ^ -0.5 ^ 2", "-2^2 + 1 - 0.9");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void aConstAndAnExponentSpelledAlikeHaveOneValue(String expression) throws Exception {
        Network n = SpecReader.read("t.nn", "network T {\n  input X[2]\n  target Y[1]\n  const k = " + expression
                + "\n  param W[1, 2]\n  Z = abs(W @ X) ^ (" + expression + ")\n  A = sigmoid(Z)\n"
                + "  loss L = (A - Y)^2\n  cost J = mean(L)\n}\n");
        Apply power = (Apply) n.statement("Z").orElseThrow().value();
        assertEquals(n.constValue("k"), ((Num) power.arg(1)).value());
    }
}
