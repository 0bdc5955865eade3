package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LatexPrinterTest {
    private static final Ref Z1 = Ref.of("Z1", RefKind.VALUE, Shape.batch(4));
    private static final Ref A1 = Ref.of("A1", RefKind.VALUE, Shape.batch(4));
    private static final Ref DZ2 = Ref.of("dZ2", RefKind.DERIVATIVE, Shape.batch(1));
    private static final Ref W2 = Ref.of("W2", RefKind.PARAM, new Shape(1, 4));
    private static final Node XT = Apply.of(Op.TRANSPOSE, Ref.of("X", RefKind.INPUT, Shape.batch(2)));
    private static final LatexExprPrinter PRINTER = new LatexExprPrinter(Map.of("dZ2", "Z2"));

    @Test
    void planarUsesTheCoursesNotation() {
        String latex = LatexPrinter.print(Samples.planar(Convention.LOSS));
        assertTrue(latex.contains("\\begin{align*}\n"), latex);
        assertTrue(latex.contains("\\end{align*}\n"), latex);
        assertTrue(latex.contains("dW^{[2]} = \\frac{\\partial J}{\\partial W^{[2]}} &= \\frac{1}{m} dZ^{[2]} A^{[1]T} && 1 \\times 4"), latex);
        assertTrue(latex.contains("dZ^{[2]} = \\frac{\\partial \\mathcal{L}}{\\partial Z^{[2]}} &= A^{[2]} - Y"), latex);
        assertTrue(latex.contains("\\sum_{\\text{axis}=1}(dZ^{[1]})"), latex);
        assertTrue(latex.contains("dA^{[1]} \\odot (1 - (A^{[1]})^{2})"), latex);
    }

    @Test
    void aRenamedDerivativeIsStillWrittenAsADerivative() {
        // The spec has values dW and db, so derive names the params' gradients dW_2 and db_2.
        String latex = LatexPrinter.print(Samples.derive(Path.of("src/test/resources/specs/name_clash.nn"), Convention.LOSS));
        assertTrue(latex.contains("dW_{\\text{2}} = \\frac{\\partial J}{\\partial W} &= \\frac{1}{m} d\\mathtt{dW} X^{T}"), latex);
        assertTrue(latex.contains("db_{\\text{2}} = \\frac{\\partial J}{\\partial b}"), latex);
    }

    /** A spec's own value dZ1 printed \\mathit{dZ}^{[1]}, which read as dZ^{[1]}, the derivative of Z1. */
    private static final String VALUE_NAMED_LIKE_A_DERIVATIVE = """
            network Dz {
              input X[2]
              target Y[1]
              param W1[3, 2]
              param b1[3]
              param W2[1, 3]
              param b2[1]
              Z1 = W1 @ X + b1
              dZ1 = tanh(Z1)
              Z2 = W2 @ dZ1 + b2
              A2 = sigmoid(Z2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
            }
            """;

    @Test
    void aValueNamedLikeADerivativeIsNotWrittenAsOne() {
        var d = Samples.derive("dz.nn", VALUE_NAMED_LIKE_A_DERIVATIVE, Convention.LOSS);
        String latex = LatexPrinter.print(d);
        // the value dZ1 in typewriter letters, its derivative ddZ1 a d before it; Z1's derivative, renamed dZ1_2, in the course's
        assertTrue(latex.contains("dW^{[2]} = \\frac{\\partial J}{\\partial W^{[2]}} &= \\frac{1}{m} dZ^{[2]} \\mathtt{dZ}^{[1]T} &&"), latex);
        assertTrue(latex.contains("d\\mathtt{dZ}^{[1]} = \\frac{\\partial \\mathcal{L}}{\\partial \\mathtt{dZ}^{[1]}} &= W^{[2]T} dZ^{[2]} &&"), latex);
        assertTrue(latex.contains("dZ^{[1]}_{\\text{2}} = \\frac{\\partial \\mathcal{L}}{\\partial Z^{[1]}} &= d\\mathtt{dZ}^{[1]} \\odot (1 - (\\mathtt{dZ}^{[1]})^{2}) &&"), latex);
        assertFalse(latex.contains("mathit{dZ}"), latex);
        // Markdown's math is the same rows; text and JSON name them apart already (dZ1, dZ1_2 of Z1, ddZ1 of dZ1).
        assertTrue(MarkdownPrinter.print(d).contains("d\\mathtt{dZ}^{[1]} = \\frac{\\partial \\mathcal{L}}{\\partial \\mathtt{dZ}^{[1]}}"));
        String text = TextPrinter.print(d);
        assertTrue(text.contains("ddZ1 = W2.T @ dZ2                 // dL/ddZ1 "), text);
        assertTrue(text.contains("dZ1_2 = ddZ1 * (1 - dZ1^2)        // dL/dZ1 "), text);
        String json = JsonPrinter.print(d);
        assertTrue(json.contains("\"name\": \"dZ1_2\",\n      \"of\": \"Z1\","), json);
        assertTrue(json.contains("\"name\": \"ddZ1\",\n      \"of\": \"dZ1\","), json);
    }

    @Test
    void namesThatWouldReadAsDerivativesAreInTypewriterLetters() {
        // name | symbol: a d and a letter would read as a derivative, and so would a d alone before a name;
        // a d with a layer, delta and D do not
        String[][] cases = {
            {"dZ1", "\\mathtt{dZ}^{[1]}"},
            {"db", "\\mathtt{db}"},
            {"dW_1", "\\mathtt{dW}_{\\text{1}}"},
            {"dZ1_hat", "\\hat{\\mathtt{dZ}}^{[1]}"},
            {"dW1a", "\\mathtt{dW1a}"},
            {"data", "\\mathtt{data}"},
            {"d", "\\mathtt{d}"},
            {"d_x", "d_{\\text{x}}"},
            {"d2", "d^{[2]}"},
            {"delta1", "\\delta^{[1]}"},
            {"D1", "D^{[1]}"},
            {"Zd1", "\\mathit{Zd}^{[1]}"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], LatexNames.symbol(c[0]), c[0]);
        }
        assertEquals("\\mathtt{dZ}^{[1]T}", LatexNames.symbol("dZ1", true));
    }

    @Test
    void aNameOfTheLetterMIsNotTheBatchSize() {
        // name | symbol: an italic m is the batch size of 1/m, so m1 in m^{[1]} read as layer 1's batch size;
        // m among other letters, and M, read as themselves
        String[][] cases = {
            {"m1", "\\mathtt{m}^{[1]}"},
            {"m_x", "\\mathtt{m}_{\\text{x}}"},
            {"m1_hat", "\\hat{\\mathtt{m}}^{[1]}"},
            {"mu1", "\\mu^{[1]}"},
            {"mx", "\\mathit{mx}"},
            {"M1", "M^{[1]}"},
        };
        for (String[] c : cases) {
            assertEquals(c[1], LatexNames.symbol(c[0]), c[0]);
        }
    }

    @Test
    void aValueNamedDBeforeAParamDoesNotReadAsTheParamsDerivative() {
        // cost J = mean(L) + sum(d) / m * sum(W^2): dW's decay term 2/m * d * W printed \frac{2}{m} d W, which reads
        // as 2/m times dW, the line's own left side.
        Derivation d = Samples.derive("decay.nn", """
                network Decay {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init xavier
                  param b[1] init zeros
                  param d[1, 1] init ones
                  Z = W @ X + b
                  A = sigmoid(Z)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L) + sum(d) / m * sum(W^2)
                }
                """, Convention.LOSS);
        String latex = LatexPrinter.print(d);
        assertTrue(latex.contains("dW = \\frac{\\partial J}{\\partial W} &= \\frac{1}{m} dZ X^{T} + \\frac{2}{m} \\mathtt{d} W &&"), latex);
        assertTrue(latex.contains("d\\mathtt{d} = \\frac{\\partial J}{\\partial \\mathtt{d}} &= \\frac{\\sum(W^{2})}{m} &&"), latex);
        assertTrue(MarkdownPrinter.print(d).contains("\\frac{2}{m} \\mathtt{d} W &&"));
    }

    @Test
    void aRenamedDerivativeOfASubscriptedNameIsGroupedBeforeItsSecondSubscript() {
        // The spec has a value dW_1, so W_1's gradient is dW_1_2; dW_{1}_{2} would be a double subscript.
        String latex = LatexPrinter.print(Samples.derive("clash.nn", """
                network Clash {
                  input X[3]
                  target Y[1]
                  param W_1[2, 3]
                  param b_1[2]
                  param W2[1, 2]
                  param b2[1]
                  dW_1 = W_1 @ X + b_1
                  A = tanh(dW_1)
                  Z2 = W2 @ A + b2
                  A2 = sigmoid(Z2)
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L)
                }
                """, Convention.LOSS));
        assertTrue(latex.contains("{dW_{\\text{1}}}_{\\text{2}} = \\frac{\\partial J}{\\partial W_{\\text{1}}} &="), latex);
        LatexExprPrinter printer = new LatexExprPrinter(Map.of("dW_1_2", "W_1", "db_2", "b"));
        assertEquals("{dW_{\\text{1}}}^{T}_{\\text{2}}", printer.name("dW_1_2", true));
        assertEquals("db^{T}_{\\text{2}}", printer.name("db_2", true));
    }

    @Test
    void headerAndVerdictAreLatexComments() {
        String latex = LatexPrinter.print(Samples.planar(Convention.LOSS));
        latex.lines().filter(l -> !l.startsWith("\\") && !l.contains("&=")).forEach(l -> assertTrue(l.startsWith("% "), l));
        assertTrue(latex.contains("% Notation: juxtaposition is the matrix product"), latex);
    }

    @Test
    void namesTakeTheirLayerAsABracketedSuperscript() {
        assertEquals("W^{[2]}", LatexNames.symbol("W2"));
        assertEquals("A^{[1]T}", LatexNames.symbol("A1", true));
        assertEquals("X^{T}", LatexNames.symbol("X", true));
        assertEquals("\\gamma^{[1]}", LatexNames.symbol("gamma1"));
        assertEquals("\\lambda", LatexNames.symbol("lambda"));
        assertEquals("\\hat{\\mathit{Zn}}^{[1]}", LatexNames.symbol("Zn1_hat"));
        assertEquals("\\mathit{Zn}^{[1]}_{\\text{mean}}", LatexNames.symbol("Zn1_mean"));
        assertEquals("\\mathit{W1a}", LatexNames.symbol("W1a"));
    }

    @Test
    void sigmaIsNotWrittenAsTheSigmoidsLetterNorSigmaAsTheSumsSign() {
        assertEquals("\\mathit{sigma}^{[1]}", LatexNames.symbol("sigma1"));
        assertEquals("\\mathit{Sigma}", LatexNames.symbol("Sigma"));
        assertEquals("\\tau", LatexNames.symbol("tau"));
    }

    @Test
    void activationsUseTheirMathNames() {
        assertEquals("\\tanh(Z^{[1]})", PRINTER.print(Apply.of(Op.TANH, Z1)));
        assertEquals("\\sigma(Z^{[1]})", PRINTER.print(Apply.of(Op.SIGMOID, Z1)));
        assertEquals("\\mathbf{1}[Z^{[1]} > 0]", PRINTER.print(Apply.of(Op.GT, Z1, Num.of(0))));
        assertEquals("\\operatorname{softmax}(Z^{[1]})", PRINTER.print(Apply.of(Op.SOFTMAX, Z1)));
    }

    @Test
    void derivativesAndTransposesOfNamesKeepOneSuperscript() {
        Node wT = Apply.of(Op.TRANSPOSE, W2);
        assertEquals("W^{[2]T} dZ^{[2]}", PRINTER.print(Apply.of(Op.MATMUL, wT, DZ2)));
        Node dz2T = Apply.of(Op.TRANSPOSE, DZ2);
        assertEquals("dZ^{[2]T}", PRINTER.print(dz2T));
    }

    @Test
    void parenthesesFollowPrecedence() {
        Node sum = Apply.of(Op.ADD, Z1, A1);
        assertEquals("(Z^{[1]} + A^{[1]}) \\odot A^{[1]}", PRINTER.print(Apply.of(Op.MUL, sum, A1)));
        assertEquals("Z^{[1]} - (A^{[1]} - Z^{[1]})", PRINTER.print(Apply.of(Op.SUB, Z1, Apply.of(Op.SUB, A1, Z1))));
        assertEquals("Z^{[1]} + A^{[1]} - Z^{[1]}", PRINTER.print(Apply.of(Op.ADD, Z1, Apply.of(Op.SUB, A1, Z1))));
        assertEquals("-(Z^{[1]} \\odot A^{[1]})", PRINTER.print(Apply.of(Op.NEG, Apply.of(Op.MUL, Z1, A1))));
        assertEquals("-(-2)", PRINTER.print(Apply.of(Op.NEG, Num.of(-2))));
        assertEquals("-(-Z^{[1]})", PRINTER.print(Apply.of(Op.NEG, Apply.of(Op.NEG, Z1))));
        assertEquals("-Z^{[1]}", PRINTER.print(Apply.of(Op.NEG, Z1)));
        assertEquals("-(A^{[1]})^{2}", PRINTER.print(Apply.of(Op.NEG, Apply.of(Op.POW, A1, Num.of(2)))));
        assertEquals("(Z^{[1]} + A^{[1]})^{T}", PRINTER.print(Apply.of(Op.TRANSPOSE, sum)));
        assertEquals("(A^{[1]})^{2}", PRINTER.print(Apply.of(Op.POW, A1, Num.of(2))));
        // A negative factor after a plus is a minus (the same value), not "+ (-2 A)".
        assertEquals("Z^{[1]} - 2 A^{[1]}", PRINTER.print(Apply.of(Op.ADD, Z1, Apply.of(Op.MUL, Num.of(-2), A1))));
    }

    /** Juxtaposition reads tighter than the product signs, so a signed product is parenthesized before it. */
    static Stream<Arguments> juxtapositionCases() {
        Node hadamard = Apply.of(Op.MUL, Z1, A1);
        Node scaled = Apply.of(Op.MUL, Ref.costScale(), Z1);
        return Stream.of(
                Arguments.of(Apply.of(Op.MATMUL, hadamard, XT), "(Z^{[1]} \\odot A^{[1]}) X^{T}"),
                Arguments.of(Apply.of(Op.MATMUL, Apply.of(Op.MUL, scaled, A1), XT), "\\left(\\frac{1}{m} Z^{[1]} \\odot A^{[1]}\\right) X^{T}"),
                Arguments.of(Apply.of(Op.MATMUL, Apply.of(Op.MUL, Z1, Num.of(2)), XT), "(Z^{[1]} \\cdot 2) X^{T}"),
                Arguments.of(Apply.of(Op.MATMUL, Apply.of(Op.MUL, Ref.costScale(), hadamard), XT),
                        "\\left(\\frac{1}{m} Z^{[1]} \\odot A^{[1]}\\right) X^{T}"),
                // A scalar factor is juxtaposed too: no sign, no parentheses.
                Arguments.of(Apply.of(Op.MATMUL, scaled, XT), "\\frac{1}{m} Z^{[1]} X^{T}"),
                Arguments.of(Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, W2), Apply.of(Op.MUL, DZ2, DZ2)),
                        "W^{[2]T} (dZ^{[2]} \\odot dZ^{[2]})"),
                Arguments.of(Apply.of(Op.MUL, Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, W2), DZ2), A1),
                        "W^{[2]T} dZ^{[2]} \\odot A^{[1]}"),
                Arguments.of(Apply.of(Op.MUL, Ref.costScale(), hadamard), "\\frac{1}{m} Z^{[1]} \\odot A^{[1]}"));
    }

    @ParameterizedTest
    @MethodSource("juxtapositionCases")
    void aSignedProductIsParenthesizedBeforeAMatrixProduct(Node expression, String latex) {
        assertEquals(latex, PRINTER.print(expression));
    }

    @Test
    void aTiedWeightsGradientKeepsTheElementwiseFactorTogether() {
        // docs/language.md's Tied network: W's gradient is (dH * (1 - H^2)) @ X.T, never dH * ((1 - H^2) @ X.T).
        String latex = LatexPrinter.print(Samples.derive("tied.nn", """
                network Tied {
                  input X[3]
                  target Y[3]
                  param W[2, 3]
                  param b[2]
                  param c[3]
                  H = tanh(W @ X + b)
                  A = W.T @ H + c
                  loss L = sum((A - Y)^2, axis=0) / 2
                  cost J = sum(L)
                }
                """, Convention.LOSS));
        assertTrue(latex.contains("(dH \\odot (1 - H^{2})) X^{T}"), latex);
    }

    @Test
    void scalarsMultiplyByJuxtapositionAndQuotientsAreFractions() {
        Ref scale = Ref.costScale();
        Ref lambda = Ref.of("lambda", RefKind.CONST, Shape.SCALAR);
        assertEquals("\\frac{1}{m} \\lambda", PRINTER.print(Apply.of(Op.MUL, scale, lambda)));
        assertEquals("\\frac{\\lambda}{m} W^{[2]}", PRINTER.print(Apply.of(Op.MUL, Apply.of(Op.DIV, lambda, Ref.batchSize()), W2)));
        assertEquals("2 \\cdot 3", PRINTER.print(Apply.of(Op.MUL, Num.of(2), Num.of(3))));
        assertEquals("10^{-8}", PRINTER.print(Num.of(1e-8)));
    }

    @Test
    void aScalarFactorOfANumeratorStaysInFrontOfTheFraction() {
        Node numerator = Apply.of(Op.MUL, Apply.of(Op.MUL, Ref.costScale(), Z1), A1);
        assertEquals("\\frac{1}{m} \\frac{Z^{[1]} \\odot A^{[1]}}{A^{[1]}}", PRINTER.print(Apply.of(Op.DIV, numerator, A1)));
        assertEquals("\\frac{Z^{[1]}}{A^{[1]}}", PRINTER.print(Apply.of(Op.DIV, Z1, A1)));
    }

    /**
     * Transposes as the course writes them, one superscript per symbol: {@code x^{2}^{T}} is a LaTeX
     * error ("Double superscript"), so a transposed power, transpose or indexed name is grouped first.
     */
    static Stream<Arguments> transposeCases() {
        Ref zStd = Ref.of("Zn1_std", RefKind.VALUE, new Shape(4, 1));
        Ref zHat = Ref.of("Zn1_hat", RefKind.VALUE, Shape.batch(4));
        Ref x = Ref.of("X", RefKind.INPUT, Shape.batch(2));
        Node product = Apply.of(Op.MATMUL, DZ2, Apply.of(Op.TRANSPOSE, A1));
        return Stream.of(
                Arguments.of(Apply.of(Op.TRANSPOSE, A1), "A^{[1]T}"),
                Arguments.of(product, "dZ^{[2]} A^{[1]T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, product), "(dZ^{[2]} A^{[1]T})^{T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.TRANSPOSE, W2)), "(W^{[2]T})^{T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.POW, A1, Num.of(2))), "((A^{[1]})^{2})^{T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.POW, x, Num.of(2))), "(X^{2})^{T}"),
                Arguments.of(Apply.of(Op.POW, Apply.of(Op.TRANSPOSE, x), Num.of(2)), "(X^{T})^{2}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, zStd), "\\mathit{Zn}^{[1]T}_{\\text{std}}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, zHat), "\\hat{\\mathit{Zn}}^{[1]T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.SIGMOID, Z1)), "(\\sigma(Z^{[1]}))^{T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.SUM1, Z1)), "\\left(\\sum_{\\text{axis}=1}(Z^{[1]})\\right)^{T}"),
                Arguments.of(Apply.of(Op.TRANSPOSE, Apply.of(Op.DIV, Z1, A1)), "\\left(\\frac{Z^{[1]}}{A^{[1]}}\\right)^{T}"));
    }

    @ParameterizedTest
    @MethodSource("transposeCases")
    void aTransposeIsOneSuperscriptAsTheCourseWritesIt(Node expression, String latex) {
        assertEquals(latex, PRINTER.print(expression));
        assertOneScriptEach(latex);
    }

    /**
     * Every way a transpose or a power can meet a symbol that has a superscript or subscript already
     * prints one superscript per nucleus: each name, number and call, bare, transposed, squared and
     * negated, then transposed and squared again in either order.
     */
    @Test
    void noTransposeOrPowerGivesASymbolASecondSuperscript() {
        LatexExprPrinter printer = new LatexExprPrinter(Map.of("dZ2", "Z2", "dW_1_2", "W_1", "dX", "X"));
        Shape square = new Shape(4, 4);
        List<Node> bases = new ArrayList<>(List.of(Ref.of("A1", RefKind.VALUE, square), Ref.of("dZ2", RefKind.DERIVATIVE, square),
                Ref.of("W2", RefKind.PARAM, square),
                Ref.of("Zn1_std", RefKind.VALUE, square), Ref.of("Zn1_hat", RefKind.VALUE, square),
                Ref.of("W1a", RefKind.VALUE, square), Ref.of("gamma1", RefKind.PARAM, square), Ref.of("X", RefKind.INPUT, square),
                Ref.of("dX", RefKind.DERIVATIVE, square), Ref.of("dW_1_2", RefKind.DERIVATIVE, square),
                Ref.of("x_1", RefKind.VALUE, square), Ref.costScale(), Ref.batchSize(), Num.of(2), Num.of(-2), Num.of(2.5e-8)));
        for (Node base : List.copyOf(bases)) {
            bases.add(Apply.of(Op.TRANSPOSE, base));
            bases.add(Apply.of(Op.POW, base, Num.of(2)));
            bases.add(Apply.of(Op.NEG, base));
            bases.add(Apply.of(Op.SIGMOID, base));
        }
        for (String invalid : List.of("x^{2}^{T}", "{dW_{1}}^{T}_{2}_{3}", "\\hat{Z}^{[1]}^{T}")) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> assertOneScriptEach(invalid), invalid);
        }
        for (Node base : bases) {
            for (Node e : List.of(Apply.of(Op.TRANSPOSE, base), Apply.of(Op.POW, base, Num.of(2)),
                    Apply.of(Op.TRANSPOSE, Apply.of(Op.POW, base, Num.of(2))), Apply.of(Op.POW, Apply.of(Op.TRANSPOSE, base), Num.of(2)))) {
                assertOneScriptEach(printer.print(e));
            }
        }
    }

    /**
     * Fails on a second superscript (or subscript) of one nucleus, as TeX does: {@code x^{2}^{T}},
     * {@code x^{a}_{b}^{c}}. A group, a command or a character is a nucleus; scripts attach to the last.
     */
    private static void assertOneScriptEach(String latex) {
        boolean sup = false;
        boolean sub = false;
        int i = 0;
        while (i < latex.length()) {
            char c = latex.charAt(i);
            if (c == '^' || c == '_') {
                assertFalse(c == '^' ? sup : sub, "a second " + (c == '^' ? "superscript" : "subscript") + " at " + i + " of " + latex);
                sup |= c == '^';
                sub |= c == '_';
                i = afterArgument(latex, i + 1);
            } else if (c == '{') {
                int end = afterArgument(latex, i);
                assertOneScriptEach(latex.substring(i + 1, end - 1));
                sup = false;
                sub = false;
                i = end;
            } else if (c == '\\') {
                int end = i + 1;
                while (end < latex.length() && Character.isLetter(latex.charAt(end))) {
                    end++;
                }
                sup = false;
                sub = false;
                i = Math.max(end, i + 2);
            } else {
                if (c != ' ') {
                    sup = false;
                    sub = false;
                }
                i++;
            }
        }
    }

    /** The index after the script's argument at {@code i}: a balanced group or one character. */
    private static int afterArgument(String latex, int i) {
        if (latex.charAt(i) != '{') {
            return i + 1;
        }
        int depth = 0;
        for (int k = i; k < latex.length(); k++) {
            depth += latex.charAt(k) == '{' ? 1 : latex.charAt(k) == '}' ? -1 : 0;
            if (depth == 0) {
                return k + 1;
            }
        }
        throw new AssertionError("unbalanced braces in " + latex);
    }
}
