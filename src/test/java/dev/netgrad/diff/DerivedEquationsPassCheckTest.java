package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * netgrad's own backward pass, printed as text and read back as an equation file, passes check in
 * both conventions: on every sample and on networks as large as the course's, where the random
 * instances must neither saturate nor overflow.
 */
class DerivedEquationsPassCheckTest {
    private static final Path CHECK = Path.of("src/test/resources/check");

    static Stream<Arguments> specs() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> samples = Files.list(Path.of("samples"))) {
            samples.filter(f -> f.toString().endsWith(".nn")).sorted().forEach(files::add);
        }
        files.add(CHECK.resolve("course_deep_dropout.nn"));
        files.add(CHECK.resolve("course_mnist_l2.nn"));
        files.add(CHECK.resolve("wide_tanh_sum.nn"));
        files.add(CHECK.resolve("batchnorm_offset.nn")); // values far from 0: derive's variance loses no digits
        files.add(CHECK.resolve("nested_dropout.nn")); // mask(Z2) of Z2 = W2 @ dropout(A1, 0.8) + b2 has A1's shape
        files.add(Path.of("src/test/resources/specs/name_clash.nn")); // derive's renamed derivatives read back
        // dA3 = sigmoid(A3) - Y cancels where sigmoid(A3) is near its target 1; the cost convention's 1/m * sigmoid(A3)
        // - 1/m * Y to other bits: the rounding bound counts what the backward pass computes from forward values
        files.add(CHECK.resolve("cancelling_sigmoid_conv.nn"));
        files.add(CHECK.resolve("dropout_over_examples.nn")); // a mask of m x 4: the doubled instance repeats its rows
        return files.stream().flatMap(f -> Stream.of(Arguments.of(f, Convention.LOSS), Arguments.of(f, Convention.COST)));
    }

    private static Network read(Path file) throws Exception {
        return SpecReader.read(file.toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("specs")
    void derivedEquationsAreJudgedRight(Path file, Convention convention) throws Exception {
        judgedRight(file.toString(), read(file), convention);
    }

    /**
     * The networks of random expressions (the language's every operation, shape and dropout, also of a
     * value whose rows are the examples), which RandomNetworksTest checks against finite differences:
     * check takes derive's own lines for them as well. 348 of the first 3,000 made check fail
     * with an internal error before its doubled instance repeated a mask of m x k along its rows.
     */
    static Stream<Arguments> expressionSpecs() {
        return LongStream.rangeClosed(1, 100).boxed()
                .flatMap(seed -> Stream.of(Arguments.of(seed, Convention.LOSS), Arguments.of(seed, Convention.COST)));
    }

    @ParameterizedTest(name = "random expression network {0} {1}")
    @MethodSource("expressionSpecs")
    void derivedEquationsOfRandomExpressionsAreJudgedRight(long seed, Convention convention) throws Exception {
        String text = RandomExpressions.generate(seed);
        judgedRight("expressions" + seed + ".nn:\n" + text, SpecReader.read("expressions" + seed + ".nn", text), convention);
    }

    private static void judgedRight(String what, Network network, Convention convention) throws Exception {
        String text = TextPrinter.print(Deriver.derive(network, convention));
        Report report = EquationChecker.check(network, SpecReader.readEquations("derived.eq", text, network, Deriver.derivativeNames(network)));
        String wrong = report.verdicts().stream().filter(v -> v.status() != Status.CORRECT && v.status() != Status.HELPER)
                .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
        assertTrue(report.passed() && wrong.isEmpty(), () -> what + " " + convention + ":\n" + wrong);
    }

    /**
     * Forward values with constants near the ends of the doubles, in A = sigmoid(...) of a logistic regression:
     * what derive prints must read back as right lines, in both conventions, or, where every entry of a
     * derivative overflows, as lines that cannot be judged, never as wrong ones.
     */
    static Stream<Arguments> extremeConstants() {
        return Stream.of(
                // the value in sigmoid(...)   dZ as derive prints it (the loss convention)   whether dJ/db overflows
                // (the sigmoid saturates, A - Y is -1, 0 or 1 and dZ infinite or 0 in every entry: no value can be
                // told from another there, so db is not judged rather than right)
                Arguments.of("Z * 1e200 * 1e200", "1e200 * (1e200 * (A - Y))", true),
                Arguments.of("1e200 * (1e200 * Z)", "1e200 * (1e200 * (A - Y))", true),
                // was 1e200/1e-200 * (A - Y), whose constant part check refused as infinite
                Arguments.of("Z / 1e-200 / 1e-200", "1e200 * (A - Y) / 1e-200", true),
                // was 1e-200/1e200 * (A - Y), a constant part that underflows to 0
                Arguments.of("Z / 1e200 / 1e200", "1e-200 * (A - Y) / 1e200", false),
                Arguments.of("Z * 1e-200 * 1e-200", "1e-200 * (1e-200 * (A - Y))", false),
                Arguments.of("Z * 1e200 * 1e-200", "A - Y", false),
                // subnormal: dW was judged wrong, 1/m * dZ @ X.T and the reference rounding to other few bits
                Arguments.of("Z * 1e-320", "1e-320 * (A - Y)", false),
                // not folded into the subnormals, where 1e-320 keeps a few bits of 1e-300 * 1e-20
                Arguments.of("Z * 1e-300 * 1e-20", "1e-20 * (1e-300 * (A - Y))", false),
                Arguments.of("Z * 2.5e-322", "2.5e-322 * (A - Y)", false),
                Arguments.of("Z * 1e-310", "1e-310 * (A - Y)", false),
                Arguments.of("Z / 1e-320", "(A - Y) / 1e-320", true),
                Arguments.of("Z * 4.9e-324", "4.9e-324 * (A - Y)", false),
                // decimals that no double holds
                Arguments.of("Z * (0.1 + 0.2)", "0.30000000000000004 * (A - Y)", false),
                Arguments.of("Z * 0.1 + Z * 0.2", "0.1 * (A - Y) + 0.2 * (A - Y)", false),
                Arguments.of("Z / 3", "(A - Y) / 3", false),
                Arguments.of("Z * 0.1 * 3", "0.30000000000000004 * (A - Y)", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("extremeConstants")
    void derivedEquationsWithExtremeConstantsAreJudgedRight(String forward, String dZ, boolean overflows) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[1]\n  param W[1, 2]\n  param b[1]\n  Z = W @ X + b\n"
                + "  A = sigmoid(" + forward + ")\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n";
        Network network = SpecReader.read("t.nn", spec);
        for (Convention convention : Convention.values()) {
            String text = TextPrinter.print(Deriver.derive(network, convention));
            if (convention == Convention.LOSS) {
                assertTrue(text.contains("\ndZ = " + dZ + "  "), text);
            }
            // A constant part check refuses is a SpecException here.
            Report report = EquationChecker.check(network, SpecReader.readEquations("derived.eq", text, network,
                    Deriver.derivativeNames(network)));
            String wrong = report.verdicts().stream()
                    .filter(v -> v.status() != Status.CORRECT && !(overflows && v.status() == Status.NOT_JUDGED))
                    .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
            assertTrue(wrong.isEmpty(), () -> forward + " " + convention + ":\n" + text + wrong);
            assertEquals(!overflows, report.passed(), () -> forward + " " + convention + ":\n" + text);
        }
    }

    /**
     * A derivative that is 0 everywhere keeps its shape: it was printed dZ = 0, 1 x 1, which check refused for a
     * 1 x m Z (and dW = 1/m * dZ @ X.T with it), and which its reference could not multiply (matmul 1x1 @ 4x2).
     */
    static Stream<Arguments> zeroDerivatives() {
        String ce = "-(Y * log(A) + (1 - Y) * log(1 - A))";
        String mse = "(A - Y)^2";
        return Stream.of(
                // A = ...                 loss   dZ as derive prints it (the loss convention)
                Arguments.of("sigmoid(0 * Z + 1)", ce, "0 * ones_like(Z)"),
                Arguments.of("sigmoid(0 * Z)", ce, "0 * ones_like(Z)"),
                Arguments.of("relu(0 * Z)", mse, "0 * ones_like(Z)"),
                Arguments.of("tanh(Z * 0)", mse, "0 * ones_like(Z)"),
                Arguments.of("sigmoid(Z * 0 * kbig)", ce, "0 * ones_like(Z)"),
                // not folded: a named zero and a difference of equal values are left as written
                Arguments.of("sigmoid(kz * Z)", ce, "kz * (A - Y)"),
                Arguments.of("sigmoid(kzero * Z + 1)", ce, "kzero * (A - Y)"),
                Arguments.of("sigmoid(Z - Z)", ce, "A - Y + (Y - A)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("zeroDerivatives")
    void derivativesThatAreZeroEverywhereKeepTheirShape(String activation, String loss, String dZ) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[1]\n  const kz = 0\n  const kzero = 0 * 5\n  const kbig = 1e300\n"
                + "  param W[1, 2]\n  param b[1]\n  Z = W @ X + b\n  A = " + activation + "\n  loss L = " + loss
                + "\n  cost J = mean(L)\n}\n";
        Network network = SpecReader.read("t.nn", spec);
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            String text = TextPrinter.print(d);
            if (convention == Convention.LOSS) {
                assertTrue(text.contains("\ndZ = " + dZ + " "), text);
            }
            // A shape check refuses is a SpecException here.
            Report report = EquationChecker.check(network, SpecReader.readEquations("derived.eq", text, network,
                    Deriver.derivativeNames(network)));
            String wrong = report.verdicts().stream().filter(v -> v.status() != Status.CORRECT)
                    .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
            assertTrue(report.passed() && wrong.isEmpty(), () -> activation + " " + convention + ":\n" + text + wrong);
            FiniteDifferences.assertAgree(d, RandomInstance.of(d, 7, 5), 1e-7, activation + " " + convention + ":\n" + text);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wide")
    void theRouteThroughTheOutputProbabilitiesIsRightOnWideNetworks(Path file) throws Exception {
        // dA = -(Y / A ...) then dZ through the activation: right, but 1/A is infinite if the
        // instances saturate the output (a softmax entry of exactly 0, a sigmoid of exactly 1).
        Network network = read(file);
        String text = TextPrinter.print(Deriver.deriveWithoutFusion(network, Convention.LOSS));
        Report report = EquationChecker.check(network, SpecReader.readEquations("unfused.eq", text, network, Deriver.derivativeNames(network)));
        String wrong = report.verdicts().stream().filter(v -> v.status() != Status.CORRECT && v.status() != Status.HELPER)
                .map(v -> v.line().name() + " " + v.message()).collect(Collectors.joining("\n"));
        assertTrue(report.passed() && wrong.isEmpty(), () -> file + ":\n" + text + wrong);
    }

    static Stream<Path> wide() {
        return Stream.of(Path.of("samples/mlp.nn"), Path.of("samples/deep.nn"), CHECK.resolve("course_mnist_l2.nn"),
                CHECK.resolve("wide_tanh_sum.nn"), Path.of("src/test/resources/specs/name_clash.nn"));
    }
}
