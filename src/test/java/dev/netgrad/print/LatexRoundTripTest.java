package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Equation;
import dev.netgrad.diff.RandomExpressions;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import dev.netgrad.spec.Statement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The LaTeX of every derived equation, read back as a reader of it would ({@link LatexReader}: the
 * signs' precedence, juxtaposition tighter than {@code \odot}), is the derivation's expression: both
 * evaluated on the same random values agree. The text format is read back by {@code check}; the LaTeX
 * has parenthesization rules of its own (a scalar factor in front of a fraction, a signed product
 * before a matrix product, regrouped products), which a dropped pair of parentheses would turn into
 * another equation, shown to the user without any error.
 */
class LatexRoundTripTest {
    private static final int M = 3;

    static Stream<Arguments> samples() throws IOException {
        List<Path> files = new ArrayList<>();
        for (String dir : List.of("samples", "bench")) {
            try (Stream<Path> listed = Files.list(Path.of(dir))) {
                listed.filter(f -> f.toString().endsWith(".nn")).sorted().forEach(files::add);
            }
        }
        return files.stream().flatMap(f -> Stream.of(Arguments.of(f, Convention.LOSS), Arguments.of(f, Convention.COST)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("samples")
    void everySamplesLatexReadsAsItsEquations(Path file, Convention convention) throws Exception {
        Network network = SpecReader.read(file.toString(), Files.readString(file));
        readsBack(file.toString(), Deriver.derive(network, convention));
    }

    static Stream<Arguments> randomNetworks() {
        return LongStream.rangeClosed(1, 400).boxed()
                .flatMap(seed -> Stream.of(Arguments.of(seed, Convention.LOSS), Arguments.of(seed, Convention.COST)));
    }

    @ParameterizedTest(name = "random expression network {0} {1}")
    @MethodSource("randomNetworks")
    void everyRandomNetworksLatexReadsAsItsEquations(long seed, Convention convention) throws Exception {
        String text = RandomExpressions.generate(seed);
        readsBack("expressions" + seed + ".nn:\n" + text, Deriver.derive(SpecReader.read("expressions" + seed + ".nn", text), convention));
    }

    /** The reader is not the printer's echo: a grouping the LaTeX does not show is read as the LaTeX shows it. */
    @Test
    void aDroppedPairOfParenthesesReadsAsAnotherExpression() {
        Ref a = Ref.of("A", RefKind.VALUE, new Shape(2, 2));
        Ref b = Ref.of("B", RefKind.VALUE, new Shape(2, 2));
        Ref w = Ref.of("W", RefKind.PARAM, new Shape(2, 2));
        Map<String, Node> symbols = Map.of("A", a, "B", b, "W", w);
        // (A \odot B) W printed without its parentheses reads A \odot (B W).
        Node read = LatexReader.read("A \\odot B W", symbols);
        assertEquals(Apply.of(Op.MUL, a, Apply.of(Op.MATMUL, b, w)), read);
        Node written = Apply.of(Op.MATMUL, Apply.of(Op.MUL, a, b), w);
        assertTrue(maxRelativeDifference(written, read, environment(List.of(written, read), 1)) > 1e-3);
        // 1 - A^2 and (1 - A)^2.
        assertEquals(Apply.of(Op.SUB, dev.netgrad.ir.Num.of(1), Apply.of(Op.POW, a, dev.netgrad.ir.Num.of(2))),
                LatexReader.read("1 - A^{2}", symbols));
    }

    private static void readsBack(String what, Derivation d) {
        Map<String, String> derivativeOf = new LinkedHashMap<>();
        for (Equation e : d.equations()) {
            derivativeOf.put(e.name(), e.of());
        }
        LatexExprPrinter printer = new LatexExprPrinter(derivativeOf);
        Map<String, Node> written = new LinkedHashMap<>();
        for (Statement h : ForwardHelpers.of(d)) {
            written.put(h.name(), h.value());
        }
        for (Equation e : d.equations()) {
            written.put(e.name(), e.value());
        }
        List<Node> all = new ArrayList<>(written.values());
        Map<String, Node> symbols = new LinkedHashMap<>();
        for (Node n : all) {
            collectSymbols(n, printer, symbols);
        }
        Environment env = environment(all, d.hashCode());
        for (Map.Entry<String, Node> equation : written.entrySet()) {
            String latex = printer.print(equation.getValue());
            Node read;
            try {
                read = LatexReader.read(latex, symbols);
            } catch (RuntimeException e) {
                fail(what + "\n" + equation.getKey() + " = " + latex + "\ncannot be read: " + e.getMessage());
                return;
            }
            double difference = maxRelativeDifference(equation.getValue(), read, env);
            assertTrue(difference <= 1e-9, () -> what + "\n" + equation.getKey() + " = " + latex + "\nreads as "
                    + dev.netgrad.ir.ExprPrinter.print(read) + "\nnot " + dev.netgrad.ir.ExprPrinter.print(equation.getValue())
                    + " (values differ by " + difference + ")");
        }
    }

    /** Every name's printed symbol, its transpose's where the expression transposes it, and every mask's, to the node it stands for. */
    private static void collectSymbols(Node node, LatexExprPrinter printer, Map<String, Node> symbols) {
        if (node instanceof Ref r) {
            symbols.putIfAbsent(printer.print(r), r);
        } else if (node instanceof Apply a) {
            // A mask's shape is its dropout's, not the value it is named after: the symbol stands for it as printed.
            if (a.op() == Op.TRANSPOSE && a.x() instanceof Ref || a.op() == Op.MASK) {
                symbols.putIfAbsent(printer.print(a), a);
            }
            for (Node arg : a.args()) {
                collectSymbols(arg, printer, symbols);
            }
        }
    }

    /** Random values in [0.5, 1.5] for every name the expressions read, and dropout masks of 0s and 1s. */
    private static Environment environment(List<Node> expressions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Environment env = new Environment(M);
        List<Node> pending = new ArrayList<>(expressions);
        while (!pending.isEmpty()) {
            Node node = pending.remove(pending.size() - 1);
            if (node instanceof Ref r && r.kind() != RefKind.BATCH_SIZE && r.kind() != RefKind.COST_SCALE && !env.has(r.name())) {
                env.put(r.name(), random(r.shape(), random, false));
            } else if (node instanceof Apply a) {
                if (a.op() == Op.MASK) {
                    // Its operand names the dropout's value and has the mask's shape, not that value's.
                    env.putMask(((Ref) a.x()).name(), random(a.shape(), random, true));
                } else {
                    pending.addAll(a.args());
                }
            }
        }
        return env;
    }

    private static Matrix random(Shape shape, SplittableRandom random, boolean mask) {
        int rows = shape.rows() == Shape.M ? M : shape.rows();
        int cols = shape.cols() == Shape.M ? M : shape.cols();
        Matrix m = Matrix.zeros(rows, cols);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                m.set(i, j, mask ? random.nextInt(2) : 0.5 + random.nextDouble());
            }
        }
        return m;
    }

    /** The largest difference of the two values' entries, relative to the larger of 1 and the entries' size. */
    private static double maxRelativeDifference(Node expected, Node actual, Environment env) {
        Matrix a = new Evaluator(env).eval(expected);
        Matrix b = new Evaluator(env).eval(actual);
        if (a.rows() != b.rows() || a.cols() != b.cols()) {
            return Double.POSITIVE_INFINITY;
        }
        double worst = 0;
        for (int i = 0; i < a.data().length; i++) {
            double x = a.data()[i];
            double y = b.data()[i];
            if (Double.isNaN(x) && Double.isNaN(y) || x == y) {
                continue;
            }
            worst = Math.max(worst, Math.abs(x - y) / Math.max(1, Math.max(Math.abs(x), Math.abs(y))));
        }
        return worst;
    }
}
