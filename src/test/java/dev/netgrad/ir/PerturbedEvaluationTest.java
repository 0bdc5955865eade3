package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A perturbed evaluation moves each operation's result by about its rounding: a value computed
 * by subtracting nearly equal numbers spreads by far more, relative to its size, than one that is
 * not; the environment's values are never changed.
 */
class PerturbedEvaluationTest {
    @ParameterizedTest(name = "offset {0}")
    @CsvSource({
        // offset added to x and taken away again | the least and the most relative spread of ((x + offset) - offset)
        "0,   0,     1e-14",
        "1e8, 1e-10, 1e-6",
    })
    void theSpreadGrowsWithTheDigitsASubtractionCancels(double offset, double least, double most) {
        Shape row = new Shape(1, 4);
        Ref x = Ref.of("x", RefKind.VALUE, row);
        Node node = Apply.of(Op.SUB, Apply.of(Op.ADD, x, Num.of(offset)), Num.of(offset));
        Environment env = new Environment(4).put("x", new Matrix(1, 4, new double[] {0.3, -1.7, 2.5, 0.9}));
        Matrix exact = Evaluator.evaluate(node, env);
        double spread = 0;
        for (long seed = 1; seed <= 4; seed++) {
            Matrix perturbed = Evaluator.evaluatePerturbed(node, env, seed);
            for (int i = 0; i < exact.data().length; i++) {
                spread = Math.max(spread, Math.abs(perturbed.data()[i] - exact.data()[i]) / Math.abs(exact.data()[i]));
            }
        }
        assertTrue(spread >= least && spread <= most, "relative spread " + spread);
        assertEquals(0.3, env.value("x").data()[0]);
    }

    /**
     * A perturbed evaluation lets each value go at its last read and writes an elementwise result over
     * an operand nothing reads again, yet draws the same errors in the same order: its bits are those
     * of one keeping every value, on every seed, and the environment's values are never written over.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("expressions")
    void aPerturbedEvaluationHoldingNoValueAfterItsLastReadDrawsTheSameBits(String name, Node node) {
        SplittableRandom rnd = new SplittableRandom(3);
        Matrix x = random(rnd, 4, 3);
        Matrix y = random(rnd, 4, 3);
        Environment env = new Environment(3).put("X", x.copy()).put("Y", y.copy());
        for (long seed = 1; seed <= 3; seed++) {
            Matrix keptAll = Evaluator.perturbing(env, node, seed, true).eval(node);
            Evaluator letGo = Evaluator.perturbing(env, node, seed, false);
            assertArrayEquals(keptAll.data(), letGo.eval(node).data(), name + ", seed " + seed);
            assertArrayEquals(keptAll.data(), Evaluator.evaluatePerturbed(node, env, seed).data(), name + ", seed " + seed);
            assertEquals(0, letGo.valuesHeld(), name + ": values held after the evaluation");
        }
        assertArrayEquals(x.data(), env.value("X").data(), name + ": X");
        assertArrayEquals(y.data(), env.value("Y").data(), name + ": Y");
    }

    /**
     * A product's error is drawn against the size of its terms, {@code |A| @ |B|}, made a row at a time so
     * that no matrix of the product's size is made beside it: its bits are those of the whole product of the
     * absolute values, times a draw in [-1, 1), the unit roundoff and sqrt of the inner size (the only
     * operation perturbed here is the product, its operands being the environment's).
     */
    @ParameterizedTest(name = "{0} x {1} @ {1} x {2}")
    @CsvSource({
        // rows | inner size | columns: a row, a column, sizes no block of the kernels divides
        "1, 1, 1",
        "1, 9, 5",
        "5, 7, 3",
        "6, 33, 1",
        "13, 4, 17",
    })
    void aProductsErrorSizesAreTheWholeProductOfItsOperandsAbsoluteValues(int rows, int inner, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 1000L + inner * 10L + cols);
        Matrix a = random(rnd, rows, inner);
        Matrix b = random(rnd, inner, cols);
        a.data()[0] *= 1e6; // sizes far apart, so a size taken from the wrong entry shows
        Environment env = new Environment(cols).put("A", a).put("B", b);
        Node left = Ref.of("A", RefKind.VALUE, new Shape(rows, inner));
        Node right = Ref.of("B", RefKind.VALUE, new Shape(inner, cols));
        Node product = Apply.of(Op.MATMUL, left, right);
        Matrix exact = Evaluator.evaluate(product, env);
        Matrix sizes = Evaluator.evaluate(Apply.of(Op.MATMUL, Apply.of(Op.ABS, left), Apply.of(Op.ABS, right)), env);
        for (long seed = 1; seed <= 3; seed++) {
            SplittableRandom draws = new SplittableRandom(seed);
            double[] expected = new double[exact.data().length];
            for (int i = 0; i < expected.length; i++) {
                expected[i] = exact.data()[i]
                        + (2 * draws.nextDouble() - 1) * sizes.data()[i] * 0x1p-53 * Math.sqrt(inner);
            }
            assertArrayEquals(expected, Evaluator.evaluatePerturbed(product, env, seed).data(), "seed " + seed);
        }
    }

    static Stream<Arguments> expressions() {
        Node x = Ref.of("X", RefKind.VALUE, new Shape(4, Shape.M));
        Node y = Ref.of("Y", RefKind.VALUE, new Shape(4, Shape.M));
        Node s = Apply.of(Op.MUL, x, y);
        Node product = Apply.of(Op.MATMUL, s, Apply.of(Op.TRANSPOSE, x));
        Node scale = Ref.of("m", RefKind.COST_SCALE, Shape.SCALAR);
        return Stream.of(
                // dW2 = 1/m * dZ2 @ A1.T: the product written over by its scaling, then by its errors
                Arguments.of("1/m * (X * Y) @ X.T", Apply.of(Op.MUL, scale, product)),
                Arguments.of("s + exp(s)", Apply.of(Op.ADD, s, Apply.of(Op.EXP, s))),
                Arguments.of("s - s", Apply.of(Op.SUB, s, s)),
                Arguments.of("tanh(X) * -(Y)", Apply.of(Op.MUL, Apply.of(Op.TANH, x), Apply.of(Op.NEG, y))),
                // a transposed operand read twice, and an operand read by the product and the size of its terms
                Arguments.of("s.T @ exp(s)", Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, s), Apply.of(Op.EXP, s))),
                Arguments.of("s.T @ s", Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, s), s)),
                Arguments.of("X.T @ X.T.T", Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, x),
                        Apply.of(Op.TRANSPOSE, Apply.of(Op.TRANSPOSE, x)))),
                // a sum's operand read for its terms' sizes, then by a later operation
                Arguments.of("sum0(s) + sum(s) * s", Apply.of(Op.ADD, Apply.of(Op.SUM0, s),
                        Apply.of(Op.MUL, Apply.of(Op.SUM, s), s))),
                Arguments.of("mean1(tanh(s)) * tanh(s)", Apply.of(Op.MUL, Apply.of(Op.MEAN1, Apply.of(Op.TANH, s)),
                        Apply.of(Op.TANH, s))),
                Arguments.of("sum(1/m * (X * Y) @ X.T)", Apply.of(Op.SUM, Apply.of(Op.MUL, scale, product))));
    }

    private static Matrix random(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() - 0.5;
        }
        return out;
    }
}
