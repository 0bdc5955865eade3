package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

    /**
     * A planned evaluation writes an elementwise result over an operand nothing reads again: never over
     * one an operation under way still holds, a value handed out, or a name's value. Each case's
     * values, every one handed out, and the environment are what an evaluator keeping every value gives.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesReadAgain")
    void anOperandIsWrittenOverOnlyWhenNothingReadsItAgain(String name, List<Node> planned) {
        SplittableRandom rnd = new SplittableRandom(11);
        Matrix x = random(rnd, 4, 3);
        Matrix y = random(rnd, 4, 3);
        Environment env = new Environment(3).put("X", x.copy()).put("Y", y.copy());
        Evaluator kept = new Evaluator(env);
        Evaluator plannedEval = Evaluator.of(env, planned);
        List<Matrix> handedOut = new java.util.ArrayList<>();
        for (Node root : planned) {
            handedOut.add(plannedEval.eval(root));
        }
        for (int i = 0; i < planned.size(); i++) {
            assertArrayEquals(kept.eval(planned.get(i)).data(), handedOut.get(i).data(), name + ": root " + i);
        }
        assertArrayEquals(x.data(), env.value("X").data(), name + ": X");
        assertArrayEquals(y.data(), env.value("Y").data(), name + ": Y");
    }

    static Stream<Arguments> valuesReadAgain() {
        Node x = Ref.of("X", RefKind.VALUE, new Shape(4, Shape.M));
        Node y = Ref.of("Y", RefKind.VALUE, new Shape(4, Shape.M));
        Node s = Apply.of(Op.MUL, x, y);
        return Stream.of(
                // s held by the sum while exp makes its last read of it
                Arguments.of("s + exp(s)", List.of(Apply.of(Op.ADD, s, Apply.of(Op.EXP, s)))),
                Arguments.of("tanh(s) * s", List.of(Apply.of(Op.MUL, Apply.of(Op.TANH, s), s))),
                Arguments.of("s - s", List.of(Apply.of(Op.SUB, s, s))),
                // the transposed operand, read in place, held while the right one is made
                Arguments.of("s.T @ exp(s)", List.of(Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, s), Apply.of(Op.EXP, s)))),
                // s handed out, then read for the last time by tanh; and the other way round
                Arguments.of("s, then tanh(s)", List.of(s, Apply.of(Op.TANH, s))),
                Arguments.of("tanh(s), then s", List.of(Apply.of(Op.TANH, s), s)),
                Arguments.of("-(-(s) + s)", List.of(Apply.of(Op.NEG, Apply.of(Op.ADD, Apply.of(Op.NEG, s), s)))),
                // names' values are the environment's
                Arguments.of("tanh(X) * -(Y)", List.of(Apply.of(Op.MUL, Apply.of(Op.TANH, x), Apply.of(Op.NEG, y)))),
                Arguments.of("X + Y, then exp(X)", List.of(Apply.of(Op.ADD, x, y), Apply.of(Op.EXP, x))));
    }
}
