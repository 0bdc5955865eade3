package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A term made a block of rows at a time has the bits of its whole evaluation, added into a sum as a sum's own evaluation adds it. */
class RowBlocksTest {
    /** 150 rows: two whole blocks of 64 and a part of one. */
    private static final int ROWS = 150;
    private static final int COLS = 90;

    private static Matrix random(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() - 0.5;
        }
        return out;
    }

    private static Environment env() {
        SplittableRandom rnd = new SplittableRandom(11);
        Matrix d = random(rnd, ROWS, 3);
        // Entries whose products and sums are not plain numbers: the same NaN, infinities and signed zeros.
        d.data()[0] = Double.NaN;
        d.data()[4] = Double.POSITIVE_INFINITY;
        d.data()[7] = -0.0;
        d.data()[3 * 70 + 1] = Double.MIN_VALUE;
        return new Environment(3).put("D", d).put("E", random(rnd, ROWS, 3)).put("A", random(rnd, COLS, 3))
                .put("W", random(rnd, ROWS, COLS)).put("b", random(rnd, ROWS, 1)).put("r", random(rnd, 1, COLS));
    }

    private static final Node D = Ref.of("D", RefKind.DERIVATIVE, new Shape(ROWS, Shape.M));
    private static final Node E = Ref.of("E", RefKind.DERIVATIVE, new Shape(ROWS, Shape.M));
    private static final Node A = Ref.of("A", RefKind.VALUE, new Shape(COLS, Shape.M));
    private static final Node W = Ref.of("W", RefKind.PARAM, new Shape(ROWS, COLS));
    private static final Node B = Ref.of("b", RefKind.PARAM, new Shape(ROWS, 1));
    private static final Node R = Ref.of("r", RefKind.VALUE, new Shape(1, COLS));
    private static final Node PER_M = Ref.of("1/m", RefKind.COST_SCALE, Shape.SCALAR);

    private static Node op(Op op, Node... args) {
        return Apply.of(op, args);
    }

    private static Node abs(Node n) {
        return op(Op.ABS, n);
    }

    private static Node t(Node n) {
        return op(Op.TRANSPOSE, n);
    }

    static Stream<Arguments> terms() {
        Node product = op(Op.MATMUL, D, t(A));
        return Stream.of(
                // the terms of 1/m * D @ A.T's rounding bound
                Arguments.of(op(Op.MUL, abs(PER_M), abs(product))),
                Arguments.of(op(Op.MUL, abs(PER_M), op(Op.ADD, op(Op.ADD, op(Op.MATMUL, E, abs(t(A))),
                        op(Op.MATMUL, abs(D), t(abs(A)))), op(Op.MATMUL, abs(D), abs(t(A)))))),
                Arguments.of(op(Op.MUL, op(Op.ONES_LIKE, PER_M), op(Op.ONES_LIKE, product))),
                // a column and a row broadcast, a number, a quotient, a difference, a negation, a name's own value
                Arguments.of(op(Op.DIV, op(Op.SUB, op(Op.NEG, product), B), op(Op.ADD, R, Num.of(2)))),
                Arguments.of(op(Op.ADD, W, op(Op.MUL, Num.of(0.5), product))),
                Arguments.of(op(Op.MATMUL, op(Op.MATMUL, D, t(E)), abs(W))));
    }

    @ParameterizedTest
    @MethodSource("terms")
    void aTermMadeABlockOfRowsAtATimeHasTheBitsOfItsWholeEvaluation(Node term) {
        Environment env = env();
        Matrix whole = new Evaluator(env).eval(term);
        RowBlocks blocks = RowBlocks.of(term, env);
        assertNotNull(blocks);
        assertArrayEquals(whole.data(), blocks.addInto(null).data());
        // Added into a sum: each entry the sum's plus the term's, as the whole value added entry by entry.
        Matrix sum = new Evaluator(env).eval(op(Op.ABS, W)).copy();
        double[] expected = sum.data().clone();
        for (int k = 0; k < expected.length; k++) {
            expected[k] += whole.data()[k];
        }
        assertArrayEquals(expected, RowBlocks.of(term, env).addInto(sum).data());
    }

    static Stream<Arguments> notInBlocks() {
        Node few = Ref.of("f", RefKind.VALUE, new Shape(64, Shape.M));
        return Stream.of(
                Arguments.of(op(Op.MATMUL, t(W), D)), // a transposed left operand: its rows are columns
                Arguments.of(op(Op.SUM1, W)), // a sum reads a whole row into one entry
                Arguments.of(op(Op.TANH, W)), // an operation not among them
                Arguments.of(op(Op.MATMUL, few, t(A)))); // one block of rows: made whole
    }

    @ParameterizedTest
    @MethodSource("notInBlocks")
    void aTermOfOtherOperationsIsNotMadeInBlocks(Node term) {
        assertNull(RowBlocks.of(term, env().put("f", Matrix.zeros(64, 3))));
    }
}
