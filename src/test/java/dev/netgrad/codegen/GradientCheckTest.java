package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Finite differences of every compiled sample's cost agree with its gradients, as the course checks them. */
class GradientCheckTest {
    static Stream<Path> samples() {
        return Stream.concat(Specs.samples().stream(), Specs.imageSamples().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everySamplePassesTheGradientCheck(Path sample) {
        Derivation d = Specs.derive(Specs.read(sample));
        CompiledTrainer trainer = CompiledTrainer.of(d, 3);
        SplittableRandom random = new SplittableRandom(3);
        int m = 8;
        double[][] x = RandomExamples.inputs(m, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(m, trainer.targetSize(), RandomExamples.targetKind(d.network()), random);
        trainer.setMasks(EvaluationAgreementTest.masks(d, m, random));
        GradientCheck.prepare(trainer, d, x, y, 3);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 30, 3);
        assertEquals(trainer.paramNames().length, results.size());
        for (GradientCheck.ParamResult r : results) {
            assertTrue(r.passed(), () -> sample + ": " + r);
            // Params moved off their init by prepare keep every kink a hundred steps away: no entry is left out.
            assertEquals(0, r.leftOut(), () -> sample + ": " + r);
        }
    }

    /**
     * Networks whose constants reach the ends of the doubles, named and written, with a finite forward value
     * (diff.ExtremeConstantsTest's rows): the compiled trainer's gradients are finite and pass the check.
     */
    static Stream<String[]> extremeConstants() {
        String ce = "-(Y * log(A) + (1 - Y) * log(1 - A))";
        return Stream.of(
                // A = sigmoid(...)          loss L = ...        before the fix
                new String[] {"ksmall * (kbig * (ksmall * (kbig * Z)))", ce}, // kbig^2 * ksmall^2: NaN
                new String[] {"Z * kbig * ksmall * kbig * ksmall", ce}, // NaN
                new String[] {"kbig * (1e-300 * (kbig * (ksmall * Z)))", ce}, // Infinity
                new String[] {"Z * ksmall * 1e300 * 1e10 * ksmall * 1e290", ce}, // ksmall^2 = 0: a zero gradient
                new String[] {"(Z / kbig * 1e300) * ksmall * 1e300 * 1e10 * ksmall * 1e290", ce}, // 0
                new String[] {"Z", "kbig * (ksmall * " + ce + ") * kbig * ksmall"}, // NaN
                new String[] {"Z * 1e18 * 1e-18", ce + " * 1e-300"}, // a fold into the subnormals: 6e-7 off
                new String[] {"Z / kbig / ksmall / kbig / ksmall", ce}, // (A - Y) / (kbig^2 * ksmall^2): NaN
                new String[] {"Z / kbig / 1e-300 / kbig / ksmall", ce}, // / (1e-300 * (kbig^2 * ksmall)): 0
                new String[] {"0 * Z + 1", ce}, // dZ = 0 * ones_like(Z), a zero of dZ's shape (was 1 x 1)
                new String[] {"relu(Z * 0)", "(A - Y)^2"});
    }

    @ParameterizedTest(name = "{0}; {1}")
    @MethodSource("extremeConstants")
    void trainersOfExtremeConstantsPassTheGradientCheck(String forward, String loss) {
        String text = "network T {\n  input X[2]\n  target Y[1]\n  const kbig = 1e300\n  const ksmall = 1e-300\n"
                + "  param W[1, 2]\n  param b[1]\n  Z = W @ X + b\n  A = sigmoid(" + forward + ")\n  loss L = " + loss
                + "\n  cost J = mean(L)\n}\n";
        Derivation d = Specs.derive("extreme.nn", text);
        CompiledTrainer trainer = CompiledTrainer.of(d, 3);
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = RandomExamples.inputs(8, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(8, trainer.targetSize(), RandomExamples.targetKind(d.network()), random);
        GradientCheck.prepare(trainer, d, x, y, 3);
        for (GradientCheck.ParamResult r : GradientCheck.run(trainer, d, x, y, 30, 3)) {
            assertTrue(r.passed() && r.compared() > 0 && Double.isFinite(r.difference()), () -> text + r);
        }
    }

    @Test
    void relativeDifferenceIsTheCoursesNormRatio() {
        assertEquals(0, GradientCheck.relativeDifference(new double[] {0, 0}, new double[] {0, 0}));
        assertEquals(1.0 / 7, GradientCheck.relativeDifference(new double[] {3, 0}, new double[] {4, 0}), 1e-15);
    }

    @Test
    void aWrongGradientIsCaught() {
        Derivation d = Specs.derive(Specs.read(Path.of("samples/planar.nn")));
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String wrong = source.replace("products.multiplyTransB(dZ2, A1, dW2, 1, m, 4, oneOverM);", "products.multiplyTransB(dZ2, A1, dW2, 1, m, 4, 1.001 * oneOverM);");
        assertTrue(!wrong.equals(source));
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.Planar", wrong), 1);
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = RandomExamples.inputs(8, 2, random);
        double[][] y = RandomExamples.targets(8, 1, RandomExamples.TargetKind.BINARY, random);
        GradientCheck.prepare(trainer, d, x, y, 1);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 1);
        assertEquals(List.of(true, true, false, true), results.stream().map(GradientCheck.ParamResult::passed).toList());
        assertEquals(5e-4, results.get(2).difference(), 1e-5);
    }

    /** The planar classifier with its loss scaled by 1e-12: a cost of about 7e-13 and gradients of about 1e-14. */
    private static final String TINY_PLANAR = planar().replace("loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))",
            "loss L = -1e-12 * (Y * log(A2) + (1 - Y) * log(1 - A2))");

    /** J = mean((w x)^4) / 4: with w = 3e-4 a cost of about 1e-14, whose differences with eps 1e-6 bend (eps / w)^2 off. */
    private static final String QUARTIC = """
            network Quartic {
              input X[1]
              target Y[1]
              param W[1, 1] init zeros
              Z = W @ X
              loss L = Z^4 / 4 + 0 * Y
              cost J = mean(L)
            }
            """;

    private static final String REGRESSION = """
            network Line {
              input X[3]
              target Y[1]
              param W1[1, 3] init randn(0.01)
              param b1[1]
              Z1 = W1 @ X + b1
              loss L = (Z1 - Y)^2 / 2
              cost J = mean(L)
            }
            """;

    /** b1 shifts every example of a row alike, which the batchnorm takes away again: its gradient is 0. */
    private static final String BIAS_BEFORE_BATCHNORM = """
            network BiasBeforeBatchnorm {
              input X[3]
              target Y[1]
              param W1[4, 3] init randn(0.5)
              param b1[4]
              param gamma1[4] init ones
              param beta1[4]
              param W2[1, 4] init randn(0.5)
              param b2[1]
              Z1 = W1 @ X + b1
              A1 = tanh(batchnorm(Z1, gamma1, beta1))
              Z2 = W2 @ A1 + b2
              loss L = (Z2 - Y)^2 / 2
              cost J = mean(L)
            }
            """;

    /** With labels of +-1 the losses are about +-1e4 and the cost is their small sum: it rounds like 1e4, not like itself. */
    private static final String CANCELLING = """
            network Cancelling {
              input X[1]
              target Y[1]
              param W[1, 1] init ones
              Z = W @ X
              loss L = 10000 * Y + Z
              cost J = mean(L)
            }
            """;

    /** sqrt(W - 1): with W = 1 + 5e-7, a step of 1e-6 down takes the square root of a negative number. */
    private static final String ROOT = """
            network Root {
              input X[1]
              target Y[1]
              param W[1, 1] init ones
              Z = sqrt(W - 1) * X
              loss L = Z + 0 * Y
              cost J = mean(L)
            }
            """;

    /** Gradients of about 1e299, and a rounding model of about 1e290: their squares overflow. */
    private static final String STEEP_LINE = """
            network SteepLine {
              input X[1]
              target Y[1]
              param W[1, 1] init ones
              Z = W @ X
              loss L = 1e300 * Z + 0 * Y
              cost J = mean(L)
            }
            """;

    /**
     * J = mean((W - c) x) for W near c: W - c is exact, so the cost rounds like itself, about 1, while
     * a step of 1e-6 taken in W near 1e4 or 1e6 is off by up to half a unit in W's last place, 1e-12
     * or 6e-11, which the differences must not take for 1e-6.
     */
    private static String offsetLine(String offset) {
        return """
                network OffsetLine {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init ones
                  Z = (W - OFFSET) @ X
                  loss L = Z + 0 * Y
                  cost J = mean(L)
                }
                """.replace("OFFSET", offset);
    }

    /**
     * A spec, an edit of its generated source (none when {@code from} is empty), every entry of some
     * params set (the others moved off their init by {@link GradientCheck#prepare}), labels cycled
     * over the examples (random ones when there are none), and each param's verdict in order.
     */
    record Case(String description, String spec, String from, String to, Map<String, Double> params, double[] labels,
            List<String> verdicts) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<Case> costsFarFromOne() {
        double[] none = {};
        return Stream.of(
                new Case("tiny cost, right gradients", TINY_PLANAR, "", "", Map.of(), none,
                        List.of("agrees", "agrees", "agrees", "agrees")),
                new Case("tiny cost, dW2 doubled", TINY_PLANAR, "dW2, 1, m, 4, oneOverM)", "dW2, 1, m, 4, 2 * oneOverM)", Map.of(), none,
                        List.of("agrees", "agrees", "WRONG", "agrees")),
                new Case("tiny cost, db2's sign flipped", TINY_PLANAR, "db2[0] = oneOverM", "db2[0] = -oneOverM", Map.of(), none,
                        List.of("agrees", "agrees", "agrees", "WRONG")),
                new Case("tiny cost, dW1 without its 1/m", TINY_PLANAR, "dW1, 4, m, 2, oneOverM)", "dW1, 4, m, 2, 1.0)", Map.of(), none,
                        List.of("WRONG", "agrees", "agrees", "agrees")),
                new Case("cost of 1e-14 from a small param, right gradient", QUARTIC, "", "", Map.of("W", 3e-4), none,
                        List.of("within truncation")),
                new Case("cost of 1e-14 from a small param, dW doubled", QUARTIC, "dW, 1, m, 1, oneOverM)", "dW, 1, m, 1, 2 * oneOverM)",
                        Map.of("W", 3e-4), none, List.of("WRONG")),
                new Case("cost exactly 0, a gradient of 1e-20 that should be 0", QUARTIC, "dW, 1, m, 1, oneOverM);",
                        "dW, 1, m, 1, oneOverM); dW[0] += 1e-20;", Map.of("W", 0.0), none, List.of("WRONG")),
                new Case("huge cost: labels near 1e100", REGRESSION, "", "", Map.of(), new double[] {1e100, -1e100},
                        List.of("within rounding", "agrees")),
                new Case("zero gradient: a bias before a batchnorm", BIAS_BEFORE_BATCHNORM, "", "", Map.of(), none,
                        List.of("agrees", "within rounding", "agrees", "agrees", "agrees", "agrees")),
                new Case("cost small by cancellation", CANCELLING, "", "", Map.of(), new double[] {1, -1},
                        List.of("within rounding")),
                // The step fl(W + eps) - W is not eps for W of 1e4 and more: divided by 2 eps, a right gradient
                // was off by up to 1e-6 (W near 1e4) or 6e-5 (W near 1e6), excused by the floor only or called wrong.
                new Case("a param near 1e4, right gradient", offsetLine("10000"), "", "", Map.of("W", 10000.3), none,
                        List.of("agrees")),
                new Case("a param near 1e6, right gradient", offsetLine("1000000"), "", "", Map.of("W", 1000000.3), none,
                        List.of("agrees")),
                new Case("a param near 1e6, dW times 1.0001", offsetLine("1000000"), "dW, 1, m, 1, oneOverM)",
                        "dW, 1, m, 1, 1.0001 * oneOverM)", Map.of("W", 1000000.3), none, List.of("WRONG")),
                // W + 1e-6 is W itself from 2^34 (1.7e10) on: the difference was 0 and a right gradient WRONG with
                // a ratio of 1. The step is 1e-6 max(1, |W|), which every finite W takes.
                new Case("a param near 3e10, right gradient", offsetLine("30000000000"), "", "",
                        Map.of("W", 30000000000.5), none, List.of("agrees")),
                new Case("a param near 3e10, dW without its 1/m", offsetLine("30000000000"), "dW, 1, m, 1, oneOverM)",
                        "dW, 1, m, 1, 1.0)", Map.of("W", 30000000000.5), none, List.of("WRONG")),
                new Case("a param near 1e15, right gradient", offsetLine("1000000000000000"), "", "",
                        Map.of("W", 1000000000000000.5), none, List.of("agrees")),
                new Case("a param near 1e15, dW doubled", offsetLine("1000000000000000"), "dW, 1, m, 1, oneOverM)",
                        "dW, 1, m, 1, 2 * oneOverM)", Map.of("W", 1000000000000000.5), none, List.of("WRONG")),
                // A cost near 1e20: steps of 1e-6 in W1 moved it by less than its rounding, which hid a doubled
                // gradient; steps of 1e4 see the slope. b1, at 0, still steps 1e-6, too little to tell.
                new Case("weights of 1e10 in a square loss, right gradients", REGRESSION, "", "", Map.of("W1", 1e10), none,
                        List.of("agrees", "within rounding")),
                new Case("weights of 1e10 in a square loss, dW1 doubled", REGRESSION, "dW1, 1, m, 3, oneOverM)",
                        "dW1, 1, m, 3, 2 * oneOverM)", Map.of("W1", 1e10), none, List.of("WRONG", "within rounding")),
                // No step moves these: their gradients are said not to be checked, neither agreeing nor wrong.
                new Case("a param at the largest double", offsetLine("1.7976931348623157e308"), "", "",
                        Map.of("W", Double.MAX_VALUE), none,
                        List.of("not checked: W at row 1, column 1 is 1.80e+308, too near the largest double to be moved by a "
                                + "step of 2e-06 times it")),
                new Case("a step that leaves the cost's domain", ROOT, "", "", Map.of("W", 1.0000005), none,
                        List.of("not checked: the cost is NaN when W at row 1, column 1 is moved from 1.0000005 to "
                                + "0.9999994999995001")),
                new Case("gradients whose squares overflow, right", STEEP_LINE, "", "", Map.of(), none, List.of("agrees")),
                new Case("gradients whose squares overflow, dW doubled", STEEP_LINE, "dW, 1, m, 1, oneOverM)",
                        "dW, 1, m, 1, 2 * oneOverM)", Map.of(), none, List.of("WRONG")));
    }

    /**
     * The differences' own error scales with the cost and is measured, never an absolute amount: a
     * wrong gradient of a tiny cost is wrong, and a right one passes, said to be within rounding or
     * truncation when the differences cannot tell more.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("costsFarFromOne")
    void theFloorIsTheDifferencesOwnError(Case c) {
        Derivation d = Specs.derive("case.nn", c.spec());
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String edited = source.replace(c.from(), c.to());
        assertTrue(c.from().isEmpty() || !edited.equals(source), () -> "no " + c.from() + " in\n" + source);
        String className = "netgrad.tampered." + TrainerGenerator.className(d.network());
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load(className, edited), 1);
        SplittableRandom random = new SplittableRandom(1);
        int m = 8;
        double[][] x = RandomExamples.inputs(m, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(m, trainer.targetSize(), RandomExamples.targetKind(d.network()), random);
        for (int i = 0; i < m && c.labels().length > 0; i++) {
            y[i][0] = c.labels()[i % c.labels().length];
        }
        if (c.params().isEmpty()) {
            GradientCheck.prepare(trainer, d, x, y, 1);
        }
        c.params().forEach((name, v) -> trainer.setParam(name, filled(trainer.getParam(name), v)));
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 1);
        assertEquals(c.verdicts(), results.stream().map(GradientCheckTest::verdict).toList(), results::toString);
    }

    /**
     * Z = (W - 1e6) @ X + b, A = relu(Z): with W near 1e6 each step of W, 1e-6 |W|, is about 1, and
     * moves Z by about X's entry in its column, while Z itself is W's offset from 1e6 times X plus b.
     */
    private static final String KINKED = """
            network Kinked {
              input X[2]
              target Y[1]
              param W[1, 2] init ones
              param b[1]
              Z = (W - 1000000) @ X + b
              A = relu(Z)
              loss L = (A - Y)^2 / 2
              cost J = mean(L)
            }
            """;

    /** {@link #KINKED} with its relu written inline, inside a product: no value keeps its input. */
    private static final String KINKED_INLINE = """
            network Kinked {
              input X[2]
              target Y[1]
              param W[1, 2] init ones
              param b[1]
              A = 2 * relu((W - 1000000) @ X + b)
              loss L = (A - Y)^2 / 2
              cost J = mean(L)
            }
            """;

    /** Z as in {@link #KINKED}, its kink an abs in the loss, whose input Z - Y no value keeps. */
    private static final String KINKED_LOSS = """
            network Kinked {
              input X[2]
              target Y[1]
              param W[1, 2] init ones
              param b[1]
              Z = (W - 1000000) @ X + b
              loss L = abs(Z - Y)
              cost J = mean(L)
            }
            """;

    /** Z as in {@link #KINKED}, divided into (or raised to a negative power): a pole at 0, where the cost jumps from one infinity to the other. */
    private static String poled(String pole) {
        return """
                network Kinked {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init ones
                  param b[1]
                  Z = (W - 1000000) @ X + b
                  A = POLE
                  loss L = (A - Y)^2 / 2
                  cost J = mean(L)
                }
                """.replace("POLE", pole);
    }

    /**
     * A spec ({@link #KINKED} or a kin) with W and b set, an edit of its generated source (none when {@code from} is
     * empty), and 8 examples whose first input is {@code first} and second {@code second}, each with
     * alternating signs (so that steps up and down both cross where either does), and each param's
     * verdict, with the entries left out of it and why.
     */
    record KinkCase(String spec, String description, double[] w, double b, double first, double second, String from,
            String to, List<String> verdicts) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<KinkCase> kinks() {
        String doubled = "dW, 1, m, 2, 2 * oneOverM)";
        double[] offset = {1e6, 1e6};
        String acrossThePole = "moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes ";
        String bends = "the differences of W at row 1, column 1 change by more than 10% when their step is doubled: a step "
                + "is a sizeable part of the way to a pole (of a log or a divisor, say), where they cannot tell a doubled "
                + "gradient from a right one";
        return Stream.of(
                // W's steps of 1 take Z = 1 by 3 across 0 in W's first entry, by 1e-3 in its second: a difference
                // across the kink sees half of each slope, and called the right gradient WRONG.
                new KinkCase(KINKED, "weights of 1e6, a step of h across the kink, right gradient", offset, 1, 3, 1e-3, "", "",
                        List.of("agrees; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes "
                                + "relu's input Z at row 1, column 2 across 0", "agrees")),
                new KinkCase(KINKED, "weights of 1e6, a step of h across the kink, dW doubled", offset, 1, 3, 1e-3,
                        "dW, 1, m, 2, oneOverM)", doubled,
                        List.of("WRONG; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes "
                                + "relu's input Z at row 1, column 2 across 0", "agrees")),
                new KinkCase(KINKED, "weights of 1e6, a step of h across the kink, dW without its 1/m", offset, 1, 3, 1e-3,
                        "dW, 1, m, 2, oneOverM)", "dW, 1, m, 2, 1.0)",
                        List.of("WRONG; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes "
                                + "relu's input Z at row 1, column 2 across 0", "agrees")),
                // Steps of h = 1 move Z = 1 by 0.7, those of 2h, which measure the truncation of a param above the
                // threshold, by 1.4 across 0: only a param that is measured leaves the entry out.
                new KinkCase(KINKED, "weights of 1e6, a step of 2h across the kink, right gradient", offset, 1, 0.7, 1e-3, "", "",
                        List.of("agrees", "agrees")),
                new KinkCase(KINKED, "weights of 1e6, a step of 2h across the kink, dW doubled", offset, 1, 0.7, 1e-3,
                        "dW, 1, m, 2, oneOverM)", doubled,
                        List.of("WRONG; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to 1000002.0 takes "
                                + "relu's input Z at row 1, column 2 across 0", "agrees")),
                // Every entry of W crosses: its gradient is not checked, neither agreeing nor wrong.
                new KinkCase(KINKED, "weights of 1e6, every step of W across the kink", offset, 1, 3, 3, "", "",
                        List.of("not checked: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes relu's input "
                                + "Z at row 1, column 2 across 0", "agrees")),
                // Z is exactly 0, on the kink itself: every step of every param leaves it.
                new KinkCase(KINKED, "a relu input at its kink", offset, 0, 3, 1e-3, "", "",
                        List.of("not checked: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes relu's input "
                                + "Z at row 1, column 1 across 0", "not checked: moving b at row 1, column 1 from 0.0 to "
                                + "1.0E-6 takes relu's input Z at row 1, column 1 across 0")),
                // The same kinks written inline: their inputs are evaluated from the trainer's values. Without them
                // watched, the right gradient was called WRONG.
                new KinkCase(KINKED_INLINE, "an inline relu in a product, a step of h across it, right gradient", offset, 1,
                        3, 1e-3, "", "", List.of("agrees; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to "
                                + "1000001.0 takes relu's input (W - 1000000) @ X + b at row 1, column 2 across 0", "agrees")),
                new KinkCase(KINKED_INLINE, "an inline relu in a product, a step of h across it, dW doubled", offset, 1, 3,
                        1e-3, "double h1 = oneOverM * 2.0;", "double h1 = 2 * oneOverM * 2.0;", List.of("WRONG; 1 of 2 left "
                                + "out: moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes relu's input "
                                + "(W - 1000000) @ X + b at row 1, column 2 across 0", "agrees")),
                new KinkCase(KINKED_INLINE, "an inline relu in a product, a step of h across it, dW without its 1/m", offset,
                        1, 3, 1e-3, "double h1 = oneOverM * 2.0;", "double h1 = 2.0;", List.of("WRONG; 1 of 2 left out: "
                                + "moving W at row 1, column 1 from 1000000.0 to 1000001.0 takes relu's input "
                                + "(W - 1000000) @ X + b at row 1, column 2 across 0", "agrees")),
                // Z - Y = 1.1 - 0.25 i for example i: W's first entry's steps of 1 take it by 3 across 0.
                new KinkCase(KINKED_LOSS, "an abs of Z - Y in the loss, a step of h across it, right gradient", offset, 1.1,
                        3, 1e-3, "", "", List.of("agrees; 1 of 2 left out: moving W at row 1, column 1 from 1000000.0 to "
                                + "1000001.0 takes abs's input Z - Y at row 1, column 2 across 0", "agrees")),
                new KinkCase(KINKED_LOSS, "an abs of Z - Y in the loss, a step of h across it, dW doubled", offset, 1.1, 3,
                        1e-3, "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG; 1 of 2 left out: moving W at row 1, "
                                + "column 1 from 1000000.0 to 1000001.0 takes abs's input Z - Y at row 1, column 2 across 0",
                                "agrees")),
                // Z = 1 and W's first entry's steps of 1 take it by 3 across the pole of 1 / Z: the difference
                // between 1 / 4 and 1 / -2 is no slope, and called the right gradient WRONG.
                new KinkCase(poled("1 / Z"), "1 / Z, a step of h across the pole, right gradient", offset, 1, 3, 1e-5, "",
                        "", List.of("agrees; 1 of 2 left out: " + acrossThePole + "the divisor Z of 1 / Z at row 1, column 2 "
                                + "onto, off or across 0", "agrees")),
                new KinkCase(poled("1 / Z"), "1 / Z, a step of h across the pole, dW doubled", offset, 1, 3, 1e-5,
                        "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG; 1 of 2 left out: " + acrossThePole + "the divisor "
                                + "Z of 1 / Z at row 1, column 2 onto, off or across 0", "agrees")),
                new KinkCase(poled("Y / Z"), "Y / Z, a step of h across the pole, right gradient", offset, 2, 3, 1e-5, "",
                        "", List.of("agrees; 1 of 2 left out: " + acrossThePole + "the divisor Z of Y / Z at row 1, column 2 "
                                + "onto, off or across 0", "agrees")),
                new KinkCase(poled("Z^-1"), "Z^-1, a step of h across the pole, right gradient", offset, 1, 3, 1e-5, "", "",
                        List.of("agrees; 1 of 2 left out: " + acrossThePole + "the base Z of Z^-1 at row 1, column 2 onto, "
                                + "off or across 0", "agrees")),
                new KinkCase(poled("Z^-2"), "Z^-2, a step of h across the pole, dW without its 1/m", offset, 1, 3, 1e-5,
                        "dW, 1, m, 2, oneOverM)", "dW, 1, m, 2, 1.0)", List.of("WRONG; 1 of 2 left out: " + acrossThePole
                                + "the base Z of Z^-2 at row 1, column 2 onto, off or across 0", "agrees")),
                // Z = 1 and W's first entry's steps of 1 move it by 0.4, those of 2h by 0.8, never across: the differences
                // bend so much that three times their change with 2h excused a doubled gradient, which passed "within
                // truncation". An entry whose differences move by more than a tenth when the step doubles is left out
                // (as the generated gradient test leaves it out), and W's second entry, 1e-5 of a step from Z, tells.
                new KinkCase(poled("1 / Z"), "1 / Z, steps of h near the pole, right gradient", offset, 1, 0.4, 1e-5, "", "",
                        List.of("agrees; 1 of 2 left out: " + bends, "agrees")),
                new KinkCase(poled("1 / Z"), "1 / Z, steps of h near the pole, dW doubled", offset, 1, 0.4, 1e-5,
                        "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG; 1 of 2 left out: " + bends, "agrees")),
                new KinkCase(poled("1 / Z"), "1 / Z, steps of h a fifth of the way to the pole, dW doubled", offset, 1, 0.2,
                        1e-5, "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG; 1 of 2 left out: " + bends, "agrees")),
                // Every entry of W that near the pole: its gradient is not checked, neither agreeing nor wrong.
                new KinkCase(poled("1 / Z"), "1 / Z, every step of W near the pole, dW doubled", offset, 1, 0.4, 0.4,
                        "dW, 1, m, 2, oneOverM)", doubled, List.of("not checked: " + bends, "agrees")),
                // Steps of a tenth of the way: the differences move by about 3 % when the step doubles, are compared,
                // and tell a doubled gradient; a right one is within their truncation error.
                new KinkCase(poled("1 / Z"), "1 / Z, steps of h a tenth of the way to the pole, right gradient", offset, 1,
                        0.1, 1e-5, "", "", List.of("within truncation", "agrees")),
                new KinkCase(poled("1 / Z"), "1 / Z, steps of h a tenth of the way to the pole, dW doubled", offset, 1, 0.1,
                        1e-5, "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG", "agrees")),
                // Z = 5 is three steps of W's first entry from the pole, the divisor 1e-5 of a step from it: both compared.
                new KinkCase(poled("1 / Z"), "1 / Z away from the pole, right gradient", offset, 5, 1e-5, 1e-5, "", "",
                        List.of("agrees", "agrees")),
                new KinkCase(poled("1 / Z"), "1 / Z away from the pole, dW doubled", offset, 5, 1e-5, 1e-5,
                        "dW, 1, m, 2, oneOverM)", doubled, List.of("WRONG", "agrees")),
                // Z is exactly 0, on the pole itself, where the cost is infinite and no gradient is finite (each had
                // been compared, NaN, and WRONG); every step of every param would leave it as well.
                new KinkCase(poled("1 / Z"), "a divisor at its pole", offset, 0, 3, 1e-5, "", "",
                        List.of("not checked: dJ/dW at row 1, column 1 is NaN: the divisor Z of 1 / Z is 0 at row 1, column 1, "
                                + "where it has no derivative", "not checked: dJ/db at row 1, column 1 is -Infinity: the "
                                + "divisor Z of 1 / Z is 0 at row 1, column 1, where it has no derivative")));
    }

    /** Statements between a spec's param W[1, 2] and its cost, and the kinks the check watches, in their words. */
    record KinkInputCase(String statements, List<String> kinks) {
        @Override
        public String toString() {
            return statements.replace("\n", "; ");
        }
    }

    static Stream<KinkInputCase> kinkInputCases() {
        String loss = "\nloss L = (A - Y)^2 / 2";
        return Stream.of(
                new KinkInputCase("Z = W @ X\nA = relu(Z)" + loss, List.of("relu's input Z")), // a named input
                new KinkInputCase("A = relu(W @ X)" + loss, List.of("relu's input W @ X")), // an inline one
                new KinkInputCase("A = leaky_relu(W @ X, 0.1)" + loss, List.of("leaky_relu's input W @ X")),
                new KinkInputCase("A = leaky_relu(W @ X, -0.5)" + loss, List.of("leaky_relu's input W @ X")),
                new KinkInputCase("A = abs(W @ X)" + loss, List.of("abs's input W @ X")),
                new KinkInputCase("A = 2 * relu(2 * (W @ X))" + loss, List.of("relu's input 2 * (W @ X)")), // nested
                new KinkInputCase("A = tanh(abs(W @ X - 1) + 1)" + loss, List.of("abs's input W @ X - 1")),
                new KinkInputCase("Z = W @ X\nloss L = abs(Z - Y)", List.of("abs's input Z - Y")), // in the loss
                new KinkInputCase("E = W @ X - Y\nloss L = abs(E)", List.of("abs's input E")),
                new KinkInputCase("A = (W @ X > 0.5) * (W @ X)" + loss, // a comparison jumps where its sides meet
                        List.of("the difference W @ X - 0.5 of the sides of W @ X > 0.5")),
                new KinkInputCase("A = relu(abs(W @ X))" + loss, List.of("relu's input abs(W @ X)", "abs's input W @ X")),
                new KinkInputCase("A = W @ relu(X)" + loss, List.of()), // no param moves it: never crossed
                new KinkInputCase("A = W @ X * (Y > 0.5)" + loss, List.of()),
                new KinkInputCase("Z = W @ X\nA = relu(Z) + abs(Z) + leaky_relu(Z)" + loss, // each input once
                        List.of("relu's input Z")),
                // No derivative at 0: sqrt, log, and powers but whole ones of at least 0.
                new KinkInputCase("A = sqrt(relu(W @ X))" + loss, List.of("sqrt's input relu(W @ X)", "relu's input W @ X")),
                new KinkInputCase("Z = W @ X\nA = relu(Z) + log(1 + relu(Z))" + loss,
                        List.of("relu's input Z", "log's input 1 + relu(Z)")),
                new KinkInputCase("A = abs(W @ X)^1.5" + loss, List.of("the base abs(W @ X) of abs(W @ X)^1.5", "abs's input W @ X")),
                new KinkInputCase("A = (W @ X)^3 + (W @ X)^0" + loss, List.of()),
                // A pole at 0: a divisor a param moves, and a negative power's base.
                new KinkInputCase("A = 1 / (W @ X)" + loss, List.of("the divisor W @ X of 1 / (W @ X)")),
                new KinkInputCase("Z = W @ X\nA = Y / Z" + loss, List.of("the divisor Z of Y / Z")),
                new KinkInputCase("A = (W @ X)^-2" + loss, List.of("the base W @ X of (W @ X)^-2")),
                new KinkInputCase("A = W @ X / 2 + W @ X / (Y + 2)" + loss, List.of())); // no param moves the divisor
    }

    /** Every kink a param moves is watched through its input, whatever expression it is, and evaluated on a trainer's values. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinkInputCases")
    void everyKinkIsWatchedThroughItsInput(KinkInputCase c) {
        Derivation d = Specs.derive("case.nn", "network K {\n  input X[2]\n  target Y[1]\n  param W[1, 2] init ones\n"
                + c.statements().indent(2) + "  cost J = mean(L)\n}\n");
        assertEquals(c.kinks(), GradientCheck.kinks(d).stream().map(Kink::what).toList());
        CompiledTrainer trainer = CompiledTrainer.of(d, 3);
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = RandomExamples.inputs(4, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(4, trainer.targetSize(), RandomExamples.TargetKind.REAL, random);
        trainer.cost(x, y);
        assertTrue(GradientCheck.kinkMargin(trainer, d) > 0);
    }

    /** A max pool and the kinks the check watches for it: a 1 x 1 window picks its one entry and has none. */
    record PoolKinkCase(String pool, List<String> kinks) {
        @Override
        public String toString() {
            return pool;
        }
    }

    static Stream<PoolKinkCase> poolKinkCases() {
        return Stream.of(
                // gradcheck's margin read each window's second largest entry: a 1 x 1 window has none (internal error).
                new PoolKinkCase("maxpool(Z, 1)", List.of()),
                new PoolKinkCase("maxpool(Z, 1, stride=2)", List.of()),
                new PoolKinkCase("maxpool(maxpool(Z, 1, stride=2), 1)", List.of()),
                new PoolKinkCase("maxpool(Z, 2, stride=1)", List.of("maxpool(Z, 2, stride=1)")),
                new PoolKinkCase("maxpool(maxpool(Z, 2, stride=1), 1)", List.of("maxpool(Z, 2, stride=1)")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolKinkCases")
    void aOneByOneMaxPoolIsNoKinkAndItsGradientsAreChecked(PoolKinkCase c) {
        Derivation d = Specs.derive("pool.nn", "network P {\n  input X[4, 4, 1]\n  target Y[1]\n"
                + "  param W[2, 2, 1, 2]\n  Z = conv2d(X, W, pad=1)\n  P = " + c.pool() + "\n"
                + "  loss L = (mean(P, axis=0) - Y)^2\n  cost J = mean(L)\n}\n");
        assertEquals(c.kinks(), GradientCheck.kinks(d).stream().map(Kink::what).toList());
        CompiledTrainer trainer = CompiledTrainer.of(d, 3);
        SplittableRandom random = new SplittableRandom(3);
        double[][] x = RandomExamples.inputs(5, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(5, trainer.targetSize(), RandomExamples.TargetKind.REAL, random);
        GradientCheck.prepare(trainer, d, x, y, 3);
        for (GradientCheck.ParamResult r : GradientCheck.run(trainer, d, x, y, 40, 3)) {
            assertTrue(r.passed(), r.toString());
        }
    }

    /** An entry a step of which takes a kink's input across 0 is left out of its param's comparison, and named. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinks")
    void anEntryWhoseStepCrossesAKinkIsLeftOutAndNamed(KinkCase c) {
        Derivation d = Specs.derive("case.nn", c.spec());
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String edited = source.replace(c.from(), c.to());
        assertTrue(c.from().isEmpty() || !edited.equals(source), () -> "no " + c.from() + " in\n" + source);
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.Kinked", edited), 1);
        int m = 8;
        double[][] x = new double[m][];
        double[][] y = new double[m][];
        for (int i = 0; i < m; i++) {
            x[i] = new double[] {(i % 2 == 0 ? 1 : -1) * c.first(), (i % 4 < 2 ? 1 : -1) * c.second()};
            y[i] = new double[] {0.25 * i};
        }
        trainer.setParam("W", new double[][] {c.w()});
        trainer.setParam("b", new double[][] {{c.b()}});
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 1);
        assertEquals(c.verdicts(), results.stream().map(GradientCheckTest::verdict).toList(), results::toString);
        assertEquals(List.of(c.w()[0], c.w()[1], c.b()), List.of(trainer.getParam("W")[0][0], trainer.getParam("W")[0][1],
                trainer.getParam("b")[0][0]), "the params are put back as they were");
    }

    /**
     * A = s X + X^2 per channel, s = w - 1e6, then a max pool of its one 2 x 2 window per channel:
     * with w at 1e6, s is 0 and A is X^2, and w's steps of 1 make s 1 or -1, which changes the largest
     * entry of a window whose entries' squares are in another order than the entries themselves.
     */
    private static final String POOLED = """
            network Pooled {
              input X[2, 2, 2]
              target Y[2]
              param w[2] init ones
              A = X * (w - 1000000) + X * X
              P = maxpool(A, 2)
              F = flatten(P)
              loss L = sum((F - Y)^2, axis=0) / 2
              cost J = mean(L)
            }
            """;

    /**
     * {@link #POOLED} with w at 1e6, an edit of its generated source (none when {@code from} is
     * empty), every example's window of channel 1 and of channel 2 (row-major), and w's verdict.
     */
    record PoolCase(String description, double[] first, double[] second, String from, String to, String verdict) {
        @Override
        public String toString() {
            return description;
        }
    }

    static Stream<PoolCase> pools() {
        double[] crossed = {1, -0.9, 0.1, 0.1}; // A = [0, 1.71, ...] at s = -1: the largest moves from the first to the second
        double[] kept = {2, 0.1, 0.1, 0.1}; // the first stays the largest for s within [-2, 2]
        double[] tied = {1, -1, 0.1, 0.1}; // 1 and 1 at s = 0: any step breaks the tie
        String moved = "1 of 2 left out: moving w at row 1, column 1 from 1000000.0 to 999999.0 changes which entry of "
                + "the window of maxpool(A, 2, stride=2) at row 1, column 1 is the largest";
        String broken = "1 of 2 left out: moving w at row 1, column 1 from 1000000.0 to 1000001.0 changes which entry of "
                + "the window of maxpool(A, 2, stride=2) at row 1, column 1 is the largest";
        return Stream.of(
                new PoolCase("no window's largest entry changes", kept, kept, "", "", "agrees"),
                new PoolCase("a step changes a window's largest entry, right gradient", crossed, kept, "", "",
                        "agrees; " + moved),
                new PoolCase("a step changes a window's largest entry, dw doubled", crossed, kept, "dw[i] *= oneOverM;",
                        "dw[i] *= 2 * oneOverM;", "WRONG; " + moved),
                new PoolCase("a step changes a window's largest entry, dw without its 1/m", crossed, kept,
                        "dw[i] *= oneOverM;", "dw[i] *= 1.0;", "WRONG; " + moved),
                new PoolCase("a tie for a window's largest entry, right gradient", tied, kept, "", "", "agrees; " + broken),
                new PoolCase("a tie for a window's largest entry, dw doubled", tied, kept, "dw[i] *= oneOverM;",
                        "dw[i] *= 2 * oneOverM;", "WRONG; " + broken));
    }

    /** An entry whose step changes which entry of a max pool's window is the largest, or breaks a tie, is left out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("pools")
    void anEntryWhoseStepMovesAPoolsLargestEntryIsLeftOutAndNamed(PoolCase c) {
        Derivation d = Specs.derive("case.nn", POOLED);
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String edited = source.replace(c.from(), c.to());
        assertTrue(c.from().isEmpty() || !edited.equals(source), () -> "no " + c.from() + " in\n" + source);
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.Pooled", edited), 1);
        int m = 4;
        double[][] x = new double[m][8];
        double[][] y = new double[m][];
        for (int i = 0; i < m; i++) {
            for (int p = 0; p < 4; p++) {
                x[i][2 * p] = c.first()[p];
                x[i][2 * p + 1] = c.second()[p];
            }
            y[i] = new double[] {0.5, -0.5};
        }
        trainer.setParam("w", new double[][] {{1e6}, {1e6}});
        GradientCheck.ParamResult r = GradientCheck.run(trainer, d, x, y, 40, 1).get(0);
        assertEquals(c.verdict(), verdict(r), r::toString);
    }

    /**
     * W = [1.8e308, 1e308] in Z = (1e-300 (W - 1e308)) @ X: no step moves the first entry, a step of
     * 1e302 moves the second, which is compared alone, and the verdict names the one left out.
     */
    @Test
    void anEntryThatNoStepMovesIsLeftOutAndNamed() {
        Derivation d = Specs.derive("case.nn", """
                network Wide {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init ones
                  Z = (1e-300 * (W - 1e308)) @ X
                  loss L = Z + 0 * Y
                  cost J = mean(L)
                }
                """);
        CompiledTrainer trainer = CompiledTrainer.of(d, 1);
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = RandomExamples.inputs(8, 2, random);
        double[][] y = RandomExamples.targets(8, 1, RandomExamples.TargetKind.REAL, random);
        trainer.setParam("W", new double[][] {{Double.MAX_VALUE, 1e308}});
        GradientCheck.ParamResult r = GradientCheck.run(trainer, d, x, y, 40, 1).get(0);
        assertEquals("agrees; 1 of 2 left out: W at row 1, column 1 is 1.80e+308, too near the largest double to be moved by a "
                + "step of 2e-06 times it", verdict(r), r::toString);
        assertEquals(Double.MAX_VALUE, trainer.getParam("W")[0][0], "the param is put back as it was");
    }

    /** setParam refuses an entry that is not finite, and no spec's init makes one; a trainer's own code still may. */
    @Test
    void aParamThatIsNotFiniteIsNotCheckedRatherThanCalledWrong() {
        Derivation d = Specs.derive("case.nn", offsetLine("1"));
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String edited = source.replace("Arrays.fill(W, 1.0);", "Arrays.fill(W, Double.POSITIVE_INFINITY);");
        assertTrue(!edited.equals(source), source);
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.OffsetLine", edited), 1);
        SplittableRandom random = new SplittableRandom(1);
        double[][] x = RandomExamples.inputs(8, 1, random);
        double[][] y = RandomExamples.targets(8, 1, RandomExamples.TargetKind.REAL, random);
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 1);
        assertEquals(List.of("not checked: W at row 1, column 1 is Infinity"),
                results.stream().map(GradientCheckTest::verdict).toList());
    }

    /**
     * A = EDGE of a 2 x m Z = W @ X, then v @ A: with W = [[1, 1], [s, s]] and positive inputs, the
     * first row of Z is positive, the second has the sign of s.
     */
    private static String edged(String edge) {
        return """
                network Edged {
                  input X[2]
                  target Y[1]
                  param W[2, 2] init ones
                  param v[1, 2] init ones
                  A = EDGE
                  Z = v @ A
                  loss L = (Z - Y)^2 / 2
                  cost J = mean(L)
                }
                """.replace("EDGE", edge);
    }

    /** {@link #edged}'s EDGE, the sign s of W's second row, an edit of its trainer's source, and W's and v's verdicts. */
    record EdgeCase(String edge, double s, String from, String to, List<String> verdicts) {
        @Override
        public String toString() {
            return edge + ", s = " + s + (from.isEmpty() ? "" : ", " + to);
        }
    }

    static Stream<EdgeCase> edges() {
        String noDerivative = "2 of 4 left out: dJ/dW at row 2, column 1 is NaN: ";
        String sqrt = noDerivative + "sqrt's input relu(W @ X) is 0 at row 2, column 1, where it has no derivative";
        return Stream.of(
                // Z's second row is negative, the relu's 0 sqrt's input: 0.5 / sqrt(0) times the relu's slope of 0 is NaN,
                // in W's second row, which was compared and called WRONG.
                new EdgeCase("sqrt(relu(W @ X))", -1, "", "", List.of("agrees; " + sqrt, "agrees")),
                new EdgeCase("sqrt(relu(W @ X))", -1, "double h0 = oneOverM * 0.5;", "double h0 = 2 * oneOverM * 0.5;",
                        List.of("WRONG; " + sqrt, "agrees")),
                new EdgeCase("relu(W @ X)^0.5", -1, "", "", List.of("agrees; " + noDerivative
                        + "the base relu(W @ X) of relu(W @ X)^0.5 is 0 at row 2, column 1, where it has no derivative", "agrees")),
                // log(0) is -Infinity, which the relu takes to 0: its slope of 0 times 1 / 0 is NaN.
                new EdgeCase("relu(log(relu(W @ X)) + 5)", -1, "", "", List.of("agrees; " + noDerivative
                        + "log's input relu(W @ X) is 0 at row 2, column 1, where it has no derivative", "agrees")),
                // No edge at 0: a gradient that is not finite is wrong.
                new EdgeCase("sqrt(relu(W @ X))", 1, "double h0 = oneOverM * 0.5;", "double h0 = Double.NaN;",
                        List.of("WRONG", "agrees")));
    }

    /**
     * Where the input of a sqrt, log or x^p (p not a whole number of at least 0) is 0, there is no
     * derivative: a derived gradient through it that is not finite is left out and named, as a kink's
     * crossing is, not called wrong; the param's other entries are compared.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("edges")
    void aGradientThatIsNotFiniteWhereAnEdgesInputIsZeroIsLeftOutAndNamed(EdgeCase c) {
        Derivation d = Specs.derive("case.nn", edged(c.edge()));
        String source = TrainerGenerator.generate(d, "netgrad.tampered");
        String edited = source.replace(c.from(), c.to());
        assertTrue(c.from().isEmpty() || !edited.equals(source), () -> "no " + c.from() + " in\n" + source);
        CompiledTrainer trainer = CompiledTrainer.create(InMemoryCompiler.load("netgrad.tampered.Edged", edited), 1);
        int m = 4;
        double[][] x = new double[m][];
        double[][] y = new double[m][];
        for (int i = 0; i < m; i++) {
            x[i] = new double[] {0.5 + 0.25 * i, 1 - 0.125 * i};
            y[i] = new double[] {0.25 * i};
        }
        trainer.setParam("W", new double[][] {{1, 1}, {c.s(), c.s()}});
        trainer.setParam("v", new double[][] {{0.5, -0.75}});
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, x, y, 40, 1);
        assertEquals(c.verdicts(), results.stream().map(GradientCheckTest::verdict).toList(), results::toString);
    }

    /** "agrees", "WRONG", "within rounding" and the like, then "; 1 of 2 left out: why" when an entry was. */
    private static String verdict(GradientCheck.ParamResult r) {
        if (r.notChecked()) {
            return "not checked: " + r.leftOutWhy();
        }
        String compared = !r.passed() ? "WRONG"
                : r.withinRounding() ? "within rounding" : r.withinTruncation() ? "within truncation" : "agrees";
        return r.leftOut() == 0 ? compared : compared + "; " + r.leftOut() + " of " + r.checked() + " left out: " + r.leftOutWhy();
    }

    private static double[][] filled(double[][] shape, double value) {
        for (double[] row : shape) {
            Arrays.fill(row, value);
        }
        return shape;
    }

    private static String planar() {
        try {
            return Files.readString(Specs.SAMPLES.resolve("planar.nn"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
