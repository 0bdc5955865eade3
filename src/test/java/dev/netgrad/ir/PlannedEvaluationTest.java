package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** An evaluator told what it will evaluate lets each value go at its last read, with the same values. */
class PlannedEvaluationTest {
    private static Matrix random(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() - 0.5;
        }
        return out;
    }

    @Test
    void aPlannedEvaluationHoldsNoValueAfterItsLastReadAndComputesTheSameBits() {
        SplittableRandom rnd = new SplittableRandom(7);
        Environment env = new Environment(3).put("W", random(rnd, 4, 5)).put("A", random(rnd, 5, 3)).put("D", random(rnd, 4, 3));
        Node w = Ref.of("W", RefKind.PARAM, new Shape(4, 5));
        Node a = Ref.of("A", RefKind.VALUE, new Shape(5, Shape.M));
        Node d = Ref.of("D", RefKind.DERIVATIVE, new Shape(4, Shape.M));
        Node z = Apply.of(Op.MATMUL, w, a);
        // z is read by both roots, and twice in the first: computed once, held until the second root.
        Node first = Apply.of(Op.MUL, Apply.of(Op.ADD, z, d), Apply.of(Op.TANH, z));
        Node second = Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, w), Apply.of(Op.SUB, z, d));
        Evaluator kept = new Evaluator(env);
        Evaluator planned = Evaluator.of(env, List.of(first, second));
        assertArrayEquals(kept.eval(first).data(), planned.eval(first).data());
        assertArrayEquals(kept.eval(second).data(), planned.eval(second).data());
        assertEquals(0, planned.valuesHeld()); // every planned read done
        assertEquals(9, kept.valuesHeld()); // W, A, D, z, its sum, tanh and product, z - D, the last product: not the transpose, read in place
    }
}
