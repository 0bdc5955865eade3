package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The checker's dropout diagnoses and the code generator's mask and prediction pass read the
 * lowered dropout through one matcher: what lowering writes is recognized, with what it keeps,
 * whose mask it is and its keep; near forms are not.
 */
class LoweredDropoutTest {
    private static final Shape SHAPE = Shape.batch(3);
    private static final Ref X = Ref.of("Z1", RefKind.VALUE, SHAPE);
    private static final Apply MASK = Apply.of(Op.MASK, Ref.of("A1", RefKind.VALUE, SHAPE));

    static Stream<Arguments> cases() {
        return Stream.of(
                // the node | what the matcher must find in it, "" for nothing
                row(LoweredDropout.write(X, "A1", Num.of(0.8)), "A1: Z1 kept, 0.8"),
                row(LoweredDropout.write(Apply.of(Op.RELU, X), "A2", Num.of(0.5)), "A2: relu(Z1) kept, 0.5"),
                row(Apply.of(Op.DIV, Apply.of(Op.MUL, X, X), Num.of(0.8)), ""),
                row(Apply.of(Op.DIV, MASK, Num.of(0.8)), ""),
                row(Apply.of(Op.MUL, X, MASK), ""),
                row(Apply.of(Op.RELU, LoweredDropout.write(X, "A1", Num.of(0.8))), ""),
                row(X, ""));
    }

    private static Arguments row(Node node, String expected) {
        return Arguments.of(ExprPrinter.print(node), node, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theMatcherRecognizesWhatLoweringWritesAndNothingElse(String printed, Node node, String expected) {
        assertEquals(expected, describe(LoweredDropout.of(node)));
    }

    static Stream<Arguments> statements() {
        Node dropout = LoweredDropout.write(X, "A1", Num.of(0.8));
        return Stream.of(
                // a lowered statement's value | the dropout found anywhere in it, "" for none
                row(dropout, "A1: Z1 kept, 0.8"),
                row(Apply.of(Op.RELU, dropout), "A1: Z1 kept, 0.8"),
                row(Apply.of(Op.ADD, X, Apply.of(Op.TANH, dropout)), "A1: Z1 kept, 0.8"),
                row(Apply.of(Op.MUL, X, MASK), ""),
                row(X, ""));
    }

    /** The checker's diagnoses look for a dropout inside a statement too, where the language allows one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("statements")
    void aDropoutIsFoundAnywhereInAStatement(String printed, Node node, String expected) {
        assertEquals(expected, describe(LoweredDropout.in(node)));
    }

    private static String describe(Optional<LoweredDropout> d) {
        return d.map(x -> x.owner() + ": " + ExprPrinter.print(x.kept()) + " kept, " + ExprPrinter.number(x.keep())).orElse("");
    }
}
