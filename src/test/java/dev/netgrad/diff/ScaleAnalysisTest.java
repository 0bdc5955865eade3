package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The 1/m analysis finds an equation that drops, doubles or misplaces the cost's 1/m, or that is not linear in
 * the loss's seed. The derivations the other tests make are all right, so nothing else shows that it can fail:
 * each row is one line, built without simplification, after dZ = seed * 1/m * A, judged against the number of
 * times every path from J should carry the 1/m (1 for a mean cost's dJ, 0 otherwise).
 */
class ScaleAnalysisTest {
    private static final Node SEED = Ref.of("seed", RefKind.SEED, Shape.SCALAR);
    private static final Node ONE_OVER_M = Ref.costScale();
    private static final Node A = Ref.of("A", RefKind.VALUE, Shape.SCALAR);
    private static final Node X = Ref.of("X", RefKind.INPUT, Shape.SCALAR);
    private static final Node W = Ref.of("W", RefKind.PARAM, Shape.SCALAR);
    private static final Node DZ = Ref.of("dZ", RefKind.DERIVATIVE, Shape.SCALAR);
    private static final String OFF = "dW: a path from J carries 1/m ";

    private static Node mul(Node a, Node b) {
        return Apply.of(Op.MUL, a, b);
    }

    static Stream<Arguments> lines() {
        return Stream.of(
                // the line dW = ...                                   expected  the problems found
                Arguments.of(mul(mul(SEED, ONE_OVER_M), X), 1, List.of()),
                Arguments.of(Apply.of(Op.MATMUL, DZ, Apply.of(Op.TRANSPOSE, X)), 1, List.of()),
                Arguments.of(Apply.of(Op.ADD, Apply.of(Op.SUM1, DZ), mul(Num.of(0.1), W)), 1, List.of()),
                Arguments.of(mul(SEED, X), 1, List.of(OFF + "0 times, expected 1")),
                Arguments.of(mul(DZ, ONE_OVER_M), 1, List.of(OFF + "2 times, expected 1")),
                Arguments.of(Apply.of(Op.DIV, DZ, ONE_OVER_M), 1, List.of(OFF + "0 times, expected 1")),
                Arguments.of(Apply.of(Op.SUB, DZ, mul(SEED, X)), 1, List.of(OFF + "0 times, expected 1")),
                Arguments.of(mul(SEED, X), 0, List.of()),
                Arguments.of(DZ, 0, List.of(OFF + "1 times, expected 0")),
                Arguments.of(Apply.of(Op.ADD, DZ, mul(ONE_OVER_M, W)), 1,
                        List.of("dW: a term that does not come from the loss carries the cost's 1/m")),
                Arguments.of(mul(DZ, SEED), 1, List.of("dW: a term is not linear in the loss's seed (power 2)")),
                Arguments.of(Apply.of(Op.DIV, X, SEED), 0, List.of("dW: a term is not linear in the loss's seed (power -1)")),
                Arguments.of(Apply.of(Op.TANH, DZ), 1, List.of("dW: a term is not linear in the loss's seed (power 2)")),
                Arguments.of(mul(Num.of(2), mul(SEED, X)), 1, List.of(OFF + "0 times, expected 1")),
                Arguments.of(Apply.of(Op.TANH, ONE_OVER_M), 1,
                        List.of("dW: a term that does not come from the loss carries the cost's 1/m")),
                Arguments.of(Apply.of(Op.NEG, Apply.of(Op.TRANSPOSE, DZ)), 1, List.of()),
                Arguments.of(Apply.of(Op.TANH, W), 1, List.of()),
                // 0 * dZ is no term at all, whatever multiplies it
                Arguments.of(mul(mul(Num.of(0), DZ), SEED), 1, List.of()),
                // a derivative the analysis has not seen carries nothing
                Arguments.of(mul(Ref.of("dQ", RefKind.DERIVATIVE, Shape.SCALAR), SEED), 1, List.of(OFF + "0 times, expected 1")));
    }

    @ParameterizedTest(name = "[{index}] 1/m {1} times: {2}")
    @MethodSource("lines")
    void everyPathIsCountedAndAWrongOneIsNamed(Node value, int expected, List<String> problems) {
        ScaleAnalysis analysis = new ScaleAnalysis();
        assertEquals(List.of(), ScaleAnalysis.violations("dZ", analysis.add("dZ", mul(mul(SEED, ONE_OVER_M), A)), 1));
        assertEquals(problems, ScaleAnalysis.violations("dW", analysis.add("dW", value), expected));
    }
}
