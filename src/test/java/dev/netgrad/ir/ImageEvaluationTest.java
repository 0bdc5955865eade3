package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The evaluator's image operations on small cases worked by hand. */
class ImageEvaluationTest {
    private static final Ref X = Ref.of("X", RefKind.INPUT, Shape.image(2, 2, 1));

    private static Matrix column(double... values) {
        return new Matrix(values.length, 1, values.clone());
    }

    private static Matrix eval(Node n, Matrix x, Matrix g) {
        Environment env = new Environment(1).put("X", x);
        if (g != null) {
            env.put("G", g);
        }
        return Evaluator.evaluate(n, env);
    }

    @Test
    void aMaxPoolWithTiesRoutesToTheFirstMaximumInRowMajorOrder() {
        Ref g = Ref.of("G", RefKind.DERIVATIVE, Shape.image(1, 1, 1));
        Node route = Apply.of(Op.MAXPOOL_INPUT, g, X, Num.of(2), Num.of(2));
        assertArrayEquals(new double[] {5, 0, 0, 0}, eval(route, column(3, 3, 3, 3), column(5)).data());
        assertArrayEquals(new double[] {0, 5, 0, 0}, eval(route, column(1, 4, 2, 4), column(5)).data());
        assertArrayEquals(new double[] {0, 0, 0, 5}, eval(route, column(1, 2, 3, 4), column(5)).data());
        assertEquals(4, eval(Apply.of(Op.MAXPOOL, X, Num.of(2), Num.of(2)), column(1, 4, 2, 4), null).data()[0]);
    }

    @Test
    void averagePoolingSpreadsEvenly() {
        Ref g = Ref.of("G", RefKind.DERIVATIVE, Shape.image(1, 1, 1));
        Node spread = Apply.of(Op.AVGPOOL_INPUT, g, Num.of(2), X, Num.of(2));
        assertArrayEquals(new double[] {2, 2, 2, 2}, eval(spread, column(1, 2, 3, 4), column(8)).data());
        assertEquals(2.5, eval(Apply.of(Op.AVGPOOL, X, Num.of(2), Num.of(2)), column(1, 2, 3, 4), null).data()[0]);
    }

    @Test
    void convolutionIsTheCoursesCrossCorrelationWithZeroPadding() {
        // One 2 x 2 filter [[1, 2], [3, 4]] (no flip) over a 2 x 2 image padded by 1: a 3 x 3 output.
        Ref w = Ref.of("W", RefKind.PARAM, Shape.filters(2, 1, 1));
        Node conv = Apply.of(Op.CONV2D, X, w, Num.of(1), Num.of(1));
        assertEquals(Shape.image(3, 3, 1), conv.shape());
        Environment env = new Environment(1).put("X", column(1, 2, 3, 4)).put("W", column(1, 2, 3, 4));
        // Output (0, 0) sees only pixel (0, 0) under filter entry (1, 1): 1 * 4; the centre sees all four.
        double[] z = Evaluator.evaluate(conv, env).data();
        assertEquals(4, z[0]);
        assertEquals(1 * 1 + 2 * 2 + 3 * 3 + 4 * 4, z[4]);
        assertEquals(4 * 1, z[8]);
    }

    @Test
    void aPerChannelValueMeetsEachPixelsChannel() {
        Ref img = Ref.of("X", RefKind.INPUT, Shape.image(1, 2, 2));
        Ref b = Ref.of("b", RefKind.PARAM, Shape.column(2));
        Node sum = Apply.of(Op.ADD, img, b);
        Environment env = new Environment(1).put("X", column(1, 2, 3, 4)).put("b", column(10, 20));
        assertArrayEquals(new double[] {11, 22, 13, 24}, Evaluator.evaluate(sum, env).data());
        Node channels = Apply.of(Op.CHANNEL_SUM, img);
        assertArrayEquals(new double[] {4, 6}, Evaluator.evaluate(channels, env).data());
    }

    /** A pool derivative's window out of range names the function written, not the forward pool ("the window of maxpool"). */
    @Test
    void aPoolDerivativesWindowOutOfRangeNamesTheFunctionWritten() {
        Ref g = Ref.of("G", RefKind.DERIVATIVE, Shape.image(1, 1, 1));
        assertEquals("the window of maxpool_input must be a whole number between 1 and 16777216", assertThrows(
                ShapeException.class, () -> Apply.of(Op.MAXPOOL_INPUT, g, X, Num.of(0), Num.of(2))).getMessage());
        assertEquals("the window of avgpool_input must be a whole number between 1 and 16777216", assertThrows(
                ShapeException.class, () -> Apply.of(Op.AVGPOOL_INPUT, g, Num.of(0), X, Num.of(2))).getMessage());
    }

    @Test
    void imagesAndPlainValuesDoNotMix() {
        Ref plain = Ref.of("V", RefKind.INPUT, Shape.batch(4));
        assertThrows(ShapeException.class, () -> Apply.of(Op.ADD, X, plain));
        assertThrows(ShapeException.class, () -> Apply.of(Op.MATMUL, Ref.of("W", RefKind.PARAM, new Shape(3, 4)), X));
        assertEquals(Shape.batch(4), Apply.of(Op.FLATTEN, List.of(X)).shape());
    }
}
