package dev.netgrad.spec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every "must be a whole number between" message, byte for byte, wherever it is made: one wording
 * ({@link dev.netgrad.ir.WholeNumbers}) for a size, a padding, a stride, a window, a train setting and the seed.
 */
class WholeNumberMessagesTest {
    /** Where the message is made; a spec's layers and train settings; the message its first error must have. */
    private record Case(String where, String layers, String train, String message) {
    }

    private static String spec(Case c) {
        return "network N {\n  input X[6, 6, 2]\n  target Y[3]\n" + c.layers() + "\n  loss cross_entropy\n"
                + (c.train().isEmpty() ? "" : "  train {\n    " + c.train() + "\n  }\n") + "}\n";
    }

    private static final String DENSE = "  flatten\n  dense 3 softmax";

    @Test
    void everyWholeNumberMessageKeepsItsWording() {
        List<Case> cases = List.of(
                new Case("ShorthandExpander.padding", "  conv 2 3 relu pad 1.5\n" + DENSE, "",
                        "the padding of conv layer 1 must be a whole number between 0 and 16777216, or 'same', found 1.5"),
                new Case("ImageCalls.whole, a stride", "  P = maxpool(X, 2, stride=0)\n  F = flatten(P)\n  param W[3, 18]\n"
                        + "  Z = W @ F\n  A = softmax(Z)", "",
                        "the stride of maxpool must be a whole number between 1 and 16777216, found 0"),
                new Case("ImageCalls.whole, a padding", "  param K[3, 3, 2, 2]\n  C = conv2d(X, K, stride=1, pad=-1)\n"
                        + "  F = flatten(C)\n  param W[3, 72]\n  A = softmax(W @ F)", "",
                        "the padding of conv2d must be a whole number between 0 and 16777216, found -1"),
                new Case("ConstantFolder.size", "  param W[3, 0]\n" + DENSE, "",
                        "the size of W must be a whole number between 1 and 16777216, found 0"),
                new Case("TrainSettings.whole, epochs", DENSE, "epochs 0.5",
                        "the number of epochs must be a whole number between 1 and 2147483647, found 0.5"),
                new Case("TrainSettings.whole, the seed", DENSE, "seed 1.5",
                        "the seed must be a whole number between -9223372036854775808 and 9223372036854775807, found 1.5"),
                new Case("TrainSettings.SEED_RANGE, past 64 bits", DENSE, "seed 99999999999999999999",
                        "the seed must be a whole number between -9223372036854775808 and 9223372036854775807, found 99999999999999999999"));
        for (Case c : cases) {
            SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("n.nn", spec(c)), c.where());
            assertEquals(c.message(), e.diagnostics().get(0).message(), c.where());
        }
    }

    @Test
    void theIrsWholeNumberMessagesKeepTheirWording() {
        Ref x = Ref.of("X", RefKind.INPUT, Shape.image(4, 4, 1));
        Ref k = Ref.of("K", RefKind.PARAM, Shape.filters(3, 1, 1));
        // expected: ImageShapes.count, a window; ImageShapes.padding
        assertEquals("the window of maxpool must be a whole number between 1 and 16777216", assertThrows(ShapeException.class,
                () -> Apply.of(Op.MAXPOOL, x, Num.of(0), Num.of(1))).getMessage());
        assertEquals("the padding of conv2d must be a whole number between 0 and 16777216", assertThrows(ShapeException.class,
                () -> Apply.of(Op.CONV2D, x, k, Num.of(1), Num.of(-1))).getMessage());
        assertEquals("the stride of conv2d must be a whole number between 1 and 16777216", assertThrows(ShapeException.class,
                () -> Apply.of(Op.CONV2D, x, k, Num.of(0), Num.of(1))).getMessage());
        assertEquals("the stride of avgpool must be a whole number between 1 and 16777216", assertThrows(ShapeException.class,
                () -> Apply.of(Op.AVGPOOL, x, Num.of(2), Num.of(0))).getMessage());
    }
}
