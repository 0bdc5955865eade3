package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evaluator reads a product's transposed operand in place (W2.T @ dZ2, dZ2 @ A1.T) instead of
 * transposing it first, and picks its loops by the shapes: each entry must still be the textbook
 * loop's chain of fused multiply-adds over k ascending, bit for bit, since the evaluator is the
 * generated trainers' reference to the bit.
 */
class TransposedProductsTest {
    @ParameterizedTest(name = "{0} x {1} @ {1} x {2}")
    @CsvSource({
        // rows, depth, cols: every loop of the evaluator's products
        "1,   1,   1",
        "7,   3,   5",    // short sums: a transposed right operand is transposed first
        "70,  130, 3",    // more rows than a block of the transposed left operand's loop
        "5,   40,  33",
        "129, 17,  16",   // depth at the short sums' bound
        "3,   15,  200",
    })
    void everyOperandTransposedOrNotGivesTheTextbookBits(int rows, int depth, int cols) {
        SplittableRandom rnd = new SplittableRandom(rows * 1000L + depth * 10L + cols);
        Matrix a = random(rows, depth, rnd);
        Matrix b = random(depth, cols, rnd);
        double[] expected = textbook(a, b);
        Environment env = new Environment(1).put("A", a).put("B", b).put("At", a.transposed()).put("Bt", b.transposed());
        Ref ra = Ref.of("A", RefKind.VALUE, new Shape(rows, depth));
        Ref rb = Ref.of("B", RefKind.VALUE, new Shape(depth, cols));
        Node at = Apply.of(Op.TRANSPOSE, Ref.of("At", RefKind.VALUE, new Shape(depth, rows)));
        Node bt = Apply.of(Op.TRANSPOSE, Ref.of("Bt", RefKind.VALUE, new Shape(cols, depth)));
        Node[][] forms = {{ra, rb}, {at, rb}, {ra, bt}, {at, bt}};
        for (Node[] form : forms) {
            Matrix product = Evaluator.evaluate(Apply.of(Op.MATMUL, form[0], form[1]), env);
            assertEquals(rows, product.rows());
            assertEquals(cols, product.cols());
            assertArrayEquals(expected, product.data(), form[0] + " @ " + form[1]);
        }
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1, 1", "3, 70", "33, 65", "64, 64"})
    void aTransposeInTilesMovesEveryEntry(int rows, int cols) {
        Matrix m = random(rows, cols, new SplittableRandom(rows + cols));
        Matrix t = m.transposed();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                assertEquals(m.get(r, c), t.get(c, r));
            }
        }
    }

    private static Matrix random(int rows, int cols, SplittableRandom rnd) {
        double[] d = new double[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-2, 2) * Math.pow(10, rnd.nextInt(-3, 4));
        }
        return new Matrix(rows, cols, d);
    }

    /** Each entry one fma chain over k ascending from 0. */
    private static double[] textbook(Matrix a, Matrix b) {
        double[] out = new double[a.rows() * b.cols()];
        for (int i = 0; i < a.rows(); i++) {
            for (int j = 0; j < b.cols(); j++) {
                double s = 0;
                for (int k = 0; k < a.cols(); k++) {
                    s = Math.fma(a.get(i, k), b.get(k, j), s);
                }
                out[i * b.cols() + j] = s;
            }
        }
        return out;
    }
}
