package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.diff.RandomExpressions;
import dev.netgrad.diff.RandomSpecs;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A row of the LaTeX too wide for a page (an article's text width) breaks between the terms of its right
 * side, each line after the first under the {@code =}: LeNet's dW3, a convolution's gradient plus L2, ran
 * 132pt past the text width, nearly off the page, and a network's long names ran off it: a name too long to
 * go twice in the names' column has its label on the right, {@code name &= label \\ &= rhs}. A break inside
 * braces or between {@code \left(} and {@code \right)} would be a TeX error, so every line holds whole groups.
 */
class LatexLineBreakTest {
    private static final String ROW = " \\\\\n";
    private static final String BREAK = ROW + "&\\quad {} ";

    /** A network of long names: its hidden value's derivative is three terms, too wide for one line. */
    private static final String LONG_NAMES = """
            network LongNames {
              input X[3]
              target Y[1]
              param W_first_layer1[4, 3] init xavier
              param b1[4] init zeros
              param W_second_layer2[1, 4] init xavier
              param b2[1] init zeros
              const frac = 0.1
              Z_hidden_pre_activation1 = W_first_layer1 @ X + b1
              A_hidden_activation1 = tanh(Z_hidden_pre_activation1) + frac * Z_hidden_pre_activation1 + Z_hidden_pre_activation1^2
              Z2 = W_second_layer2 @ A_hidden_activation1 + b2
              A2 = sigmoid(Z2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """;

    /** Names of underscores and digits, LaTeX's commands, a Greek letter's, m's and a very long one. */
    private static final String HOSTILE_NAMES = """
            network x__Net_2 {
              dim n_in = 3
              const alpha = 0.5
              const frac = 0.1
              input X_in1[n_in]
              target Y__t[1]
              param W_out2[4, n_in] init xavier
              param b1[4] init zeros
              param left[1, 4] init xavier
              param end[1] init zeros
              param gamma_2[4] init ones
              m1 = W_out2 @ X_in1 + b1
              x__y = tanh(m1) * gamma_2
              alpha1 = relu(x__y) * alpha
              a_very_long_hidden_layer_activation_name_number1 = sigmoid(alpha1) + frac * x__y
              begin = left @ a_very_long_hidden_layer_activation_name_number1 + end
              A_hat = sigmoid(begin)
              loss L = -(Y__t * log(A_hat) + (1 - Y__t) * log(1 - A_hat))
              cost J = mean(L)
              output A_hat
            }
            """;

    static Stream<Arguments> brokenRows() {
        return Stream.of(
                // spec | the row's lines: the right side broken between terms, a \quad in from the =; a long name's
                // label in the right sides' column, not a second time in the names'
                Arguments.of(Samples.derive(Samples.DIR.resolve("images/lenet.nn"), Convention.LOSS), List.of(
                        "dW^{[3]} = \\frac{\\partial J}{\\partial W^{[3]}} &= \\frac{1}{m} \\operatorname{conv2d\\_weight}(P^{[2]},"
                                + " dZ^{[3]}, && 3 \\times 3 \\times 6 \\times 16",
                        // a call too wide for the line beside its shape goes on after an argument's comma
                        "&\\quad {} \\text{like}=W^{[3]}, \\text{stride}=1, \\text{pad}=1)",
                        "&\\quad {} + \\frac{0.001}{m} W^{[3]}")),
                Arguments.of(Samples.derive("long.nn", LONG_NAMES, Convention.LOSS), List.of(
                        "dZ_{\\text{hidden\\_pre\\_activation1}} &= \\frac{\\partial \\mathcal{L}}{\\partial"
                                + " Z_{\\text{hidden\\_pre\\_activation1}}} && 4 \\times m",
                        "&= dA_{\\text{hidden\\_activation1}} \\odot (1 - (\\tanh(Z_{\\text{hidden\\_pre\\_activation1}}))^{2})",
                        "&\\quad {} + \\mathit{frac} dA_{\\text{hidden\\_activation1}}",
                        "&\\quad {} + 2 dA_{\\text{hidden\\_activation1}} \\odot Z_{\\text{hidden\\_pre\\_activation1}}")),
                Arguments.of(Samples.derive("long.nn", LONG_NAMES, Convention.LOSS), List.of(
                        "dW_{\\text{first\\_layer1}} &= \\frac{\\partial J}{\\partial W_{\\text{first\\_layer1}}} && 4 \\times 3",
                        "&= \\frac{1}{m} dZ_{\\text{hidden\\_pre\\_activation1}} X^{T}")));
    }

    @ParameterizedTest
    @MethodSource("brokenRows")
    void aRowTooWideForThePageBreaksUnderItsEquals(Derivation d, List<String> lines) {
        String name = lines.get(0).substring(0, lines.get(0).indexOf(" "));
        String row = LatexPrinter.rows(d).stream().filter(r -> r.startsWith(name + " ")).findFirst().orElseThrow();
        assertEquals(String.join(ROW, lines), row);
    }

    static Stream<Arguments> derivations() {
        List<Arguments> all = new ArrayList<>();
        for (var file : Samples.all()) {
            all.add(Arguments.of(file.getFileName().toString(), Samples.derive(file, Convention.LOSS)));
        }
        for (String image : List.of("images/lenet.nn", "images/digits_cnn.nn")) {
            all.add(Arguments.of(image, Samples.derive(Samples.DIR.resolve(image), Convention.COST)));
        }
        all.add(Arguments.of("long names", Samples.derive("long.nn", LONG_NAMES, Convention.COST)));
        all.add(Arguments.of("hostile names", Samples.derive("hostile.nn", HOSTILE_NAMES, Convention.LOSS)));
        LongStream.rangeClosed(1, 40).forEach(seed -> {
            all.add(Arguments.of("random " + seed, Samples.derive("r.nn", RandomSpecs.generate(seed), Convention.LOSS)));
            all.add(Arguments.of("image " + seed, Samples.derive("i.nn", RandomSpecs.generateImage(seed), Convention.LOSS)));
            all.add(Arguments.of("expression " + seed, Samples.derive("e.nn", RandomExpressions.generate(seed), Convention.LOSS)));
        });
        return all.stream();
    }

    /**
     * Every line of every row holds whole groups and whole {@code \left( \right)} pairs; the lines joined are the
     * equation's one-line LaTeX; and a line that has room for no more is as wide as the page allows, or one term.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("derivations")
    void everyLineFitsThePageOrIsOneTermAndHoldsWholeGroups(String name, Derivation d) {
        LatexExprPrinter printer = printer(d);
        List<String> rows = LatexPrinter.rows(d);
        List<Node> values = new ArrayList<>();
        ForwardHelpers.of(d).forEach(h -> values.add(h.value()));
        d.equations().forEach(e -> values.add(e.value()));
        assertEquals(values.size(), rows.size());
        List<String> lefts = new ArrayList<>();
        List<List<String>> rights = new ArrayList<>();
        double widestShape = 0;
        for (String row : rows) {
            List<String> lines = new ArrayList<>(List.of(row.split(java.util.regex.Pattern.quote(ROW))));
            String first = lines.get(0);
            lefts.add(first.substring(0, first.indexOf(" &= ")));
            widestShape = Math.max(widestShape, LatexWidth.of(first.substring(first.indexOf(" && ") + 4)));
            String right = first.substring(first.indexOf(" &= ") + 4, first.indexOf(" && "));
            if (lines.size() > 1 && lines.get(1).startsWith("&= ")) {
                // A long name's label, in the right sides' column: the right side is on the next line.
                assertTrue(right.startsWith("\\frac{\\partial ") && !lefts.get(lefts.size() - 1).contains(" = "), row);
                lines.remove(0);
                lines.set(0, lines.get(0).substring(3));
            } else {
                lines.set(0, right);
            }
            for (int j = 1; j < lines.size(); j++) {
                assertTrue(lines.get(j).startsWith("&\\quad {} "), row);
                lines.set(j, lines.get(j).substring("&\\quad {} ".length()));
            }
            rights.add(lines);
        }
        double widestLeft = lefts.stream().mapToDouble(LatexWidth::of).max().orElse(0);
        double budget = Math.max(30, LatexPrinter.LINE - widestLeft - widestShape - 3);
        for (int i = 0; i < rows.size(); i++) {
            String row = rows.get(i);
            List<String> terms = printer.terms(values.get(i));
            assertEquals(printer.print(values.get(i)), String.join(" ", terms), name);
            List<String> lines = rights.get(i);
            assertEquals(printer.print(values.get(i)), String.join(" ", lines), name + ": " + row);
            assertTrue(LatexWidth.of(lefts.get(i)) <= LatexPrinter.LINE / 3 || !lefts.get(i).contains(" = "), row);
            for (int j = 0; j < lines.size(); j++) {
                String line = lines.get(j);
                assertTrue(balanced(line), name + ": a line of unbalanced braces or \\left \\right: " + line);
                // Within the budget, or a piece that cannot be cut (a term, or a call's argument, too wide alone).
                double indent = j == 0 ? LatexWidth.of("=") : LatexWidth.of("\\quad");
                boolean onePiece = LatexPrinter.pieces(terms, budget).contains(line);
                assertTrue(onePiece || indent + LatexWidth.of(line) <= budget,
                        name + ": a line of " + (indent + LatexWidth.of(line)) + " past " + budget + ": " + line);
            }
        }
    }

    private static boolean balanced(String line) {
        int depth = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth < 0) {
                return false;
            }
        }
        return depth == 0 && count(line, "\\left") == count(line, "\\right");
    }

    private static int count(String s, String part) {
        return s.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    static Stream<Arguments> widths() {
        return Stream.of(
                // formula | its width in letters: a fraction the wider of its parts, a superscript over a subscript
                // the wider of the two, a name's letters in \text, \mathit, \operatorname as letters
                Arguments.of("W", 1.0),
                Arguments.of("\\frac{1}{m}", 1.4),
                Arguments.of("\\frac{abcd}{m}", 4.4),
                Arguments.of("A^{[1]}", 1 + 0.7 * 2.4),
                Arguments.of("A^{[1]}_{\\text{std}}", 1 + 0.7 * 3),
                Arguments.of("A^{[1]}_{\\text{hidden}}", 1 + 0.7 * 6),
                Arguments.of("\\mathit{left}", 4.0),
                Arguments.of("\\operatorname{conv2d\\_weight}", 13.0),
                Arguments.of("A - Y", 4.4),
                Arguments.of("A \\odot B", 4.4),
                Arguments.of("\\left(A\\right)", 2.4));
    }

    @ParameterizedTest
    @MethodSource("widths")
    void aFormulasWidthCountsWhatIsTypeset(String latex, double width) {
        assertEquals(width, LatexWidth.of(latex), 1e-9, latex);
    }

    private static LatexExprPrinter printer(Derivation d) {
        Map<String, String> derivativeOf = new LinkedHashMap<>();
        for (Equation e : d.equations()) {
            derivativeOf.put(e.name(), e.of());
        }
        return new LatexExprPrinter(derivativeOf);
    }
}
