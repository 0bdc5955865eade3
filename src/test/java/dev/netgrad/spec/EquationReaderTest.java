package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Deriver;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Equation files (docs/language.md section 9) read against a checked network. */
class EquationReaderTest {
    private static final Network DROPOUT = SpecReaderTest.read(TestFiles.read(TestFiles.resource("specs/dropout.nn")));

    private static List<EquationLine> read(String text) {
        try {
            return SpecReader.readEquations("test.eq", text, DROPOUT, Deriver.derivativeNames(DROPOUT));
        } catch (SpecException e) {
            throw new AssertionError("unexpected errors:\n" + e.formatted(), e);
        }
    }

    @Test
    void namesResolveToSpecRefsEarlierLinesAndM() {
        List<EquationLine> lines = read("""
                // A user's backward pass, in part.
                dZ3 = A3 - Y
                dW3 = 1/m * dZ3 @ A2.T
                g = ones_like(dZ3)
                dA2 = W3.T @ (dZ3 * g)
                dZ2 = dA2 * mask(A2) / 0.86 * (Z2 > 0)
                """);
        assertEquals(List.of("dZ3", "dW3", "g", "dA2", "dZ2"), lines.stream().map(EquationLine::name).toList());
        assertEquals(new SourcePos(2, 1), lines.get(0).pos());
        Apply dW3 = (Apply) lines.get(1).value();
        assertEquals(new Shape(1, 3), dW3.shape());
        assertEquals("1/m * dZ3 @ A2.T", ExprPrinter.print(dW3));
        Apply scaled = (Apply) dW3.arg(0);
        assertEquals(Op.MATMUL, dW3.op(), "* and @ share a level, left to right");
        assertEquals(Ref.of("dZ3", RefKind.DERIVATIVE, Shape.batch(1)), scaled.arg(1));
        assertTrue(ExprPrinter.print(lines.get(3).value()).contains("g"));
        Apply helper = (Apply) ((Apply) lines.get(3).value()).arg(1);
        assertEquals(Ref.of("g", RefKind.VALUE, Shape.batch(1)), helper.arg(1), "helpers are values");
        String dZ2 = ExprPrinter.print(lines.get(4).value());
        assertEquals("dA2 * mask(A2) / 0.86 * (Z2 > 0)", dZ2);
    }

    @Test
    void maskIsAnOpOnTheDropoutStatement() {
        Apply mask = (Apply) read("M = mask(A1)\n").get(0).value();
        assertEquals(Op.MASK, mask.op());
        assertEquals(Ref.of("A1", RefKind.VALUE, Shape.batch(20)), mask.x());
    }

    @Test
    void anEmptyEquationFileHasNoLines() {
        assertEquals(List.of(), read("// nothing yet\n\n"));
    }
}
