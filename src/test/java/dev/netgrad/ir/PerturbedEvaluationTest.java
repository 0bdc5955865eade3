package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
