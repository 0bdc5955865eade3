package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.RandomExamples.TargetKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.netgrad.Compilation;
import dev.netgrad.SampleFiles;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.GradientCheck;
import dev.netgrad.codegen.Kink;
import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.ir.Node;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class GradientTestWriterTest {
    private static final GradientTestWriter.Subject IRIS =
            new GradientTestWriter.Subject("com.acme", "Iris", "com/acme/Iris.nn", 4, 3, TargetKind.ONE_HOT, List.of());

    @Test
    void testIsNamedAfterTheNetworkInItsPackage() {
        String source = GradientTestWriter.write(IRIS);
        assertEquals("IrisGradientTest", GradientTestWriter.testClassName("Iris"));
        assertTrue(source.startsWith("package com.acme;\n"), source);
        assertTrue(source.contains("class IrisGradientTest {"), source);
        assertTrue(source.contains("Iris net = new Iris(SEED);"), source);
        assertTrue(source.contains("from com/acme/Iris.nn;"), source);
    }

    @Test
    void sizesComeFromTheNetworksInputAndTarget() {
        String source = GradientTestWriter.write(IRIS);
        assertTrue(source.contains("INPUT_ROWS = 4;"), source);
        assertTrue(source.contains("TARGET_ROWS = 3;"), source);
        assertTrue(source.contains("TARGET_KIND = \"ONE_HOT\";"), source);
    }

    @Test
    void theKinksStatesAreAnArrayOfTheirExpressions() {
        String source = GradientTestWriter.write(new GradientTestWriter.Subject("com.acme", "Deep", "com/acme/Deep.nn", 4, 1,
                TargetKind.BINARY, List.of("signs(net.value(\"Z1\"))", "signs(net.value(\"A2\"))")));
        assertTrue(source.contains("return new int[][] {\n            signs(net.value(\"Z1\")),\n"
                + "            signs(net.value(\"A2\"))\n        };"), source);
        assertTrue(GradientTestWriter.write(IRIS).contains("return new int[][] {};"));
    }

    /**
     * A spec's path and package may hold any character; the test is ASCII all the same (javac may read it as
     * US-ASCII: no sourceEncoding, a C locale), and a backslash-u in a file's name starts no escape there.
     */
    @Test
    void theTestIsAsciiWhateverTheSpecsPathAndPackage() {
        String source = GradientTestWriter.write(new GradientTestWriter.Subject("com.acme.sub\u00fc", "Iris",
                "com/acme/sub\u00fc/r\u00e9seau \u4e2d\\u002a\\u002f.nn", 4, 3, TargetKind.ONE_HOT, List.of()));
        assertTrue(source.chars().allMatch(c -> c < 0x80), source.lines().filter(l -> l.chars().anyMatch(c -> c >= 0x80)).toList()
                .toString());
        assertTrue(source.startsWith("package com.acme.sub\\u00fc;\n"), source);
        assertTrue(source.contains("from com/acme/sub\\u00fc/r\\u00e9seau \\u4e2d/u002a/u002f.nn;"), source);
    }

    @Test
    void everyPlaceholderIsFilled() {
        assertFalse(GradientTestWriter.write(IRIS).contains("${"));
    }

    /** The whole test, byte for byte; rewrite on purpose with -Dnetgrad.updateGoldens=true. */
    @Test
    void theWrittenTestMatchesItsGolden() throws IOException {
        String source = GradientTestWriter.write(IRIS);
        Path golden = Path.of("src/test/resources/goldens/IrisGradientTest.java.txt");
        if (Boolean.getBoolean("netgrad.updateGoldens")) {
            Files.writeString(golden, source, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), source,
                () -> golden + " differs; if the change is intended, run with -Dnetgrad.updateGoldens=true");
    }

    @TempDir
    Path dir;

    // The test names java.util's and JUnit's classes in full: imported, they hid a network of the
    // same name in the package, and the test did not compile (the trainer did).
    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"Random", "List", "Map", "ArrayList", "Collections", "HashMap", "Test", "Assertions"})
    void theTestCompilesWhateverTheNetworksName(String name) throws Exception {
        compile(name, "network " + name + " {\n  input X[2]\n  target Y[1]\n  dense 3 relu\n"
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n", new GradientTestWriter.Subject("com.acme", name,
                "com/acme/" + name + ".nn", 2, 1, TargetKind.BINARY, List.of("signs(net.value(\"Z1\"))")));
    }

    /** Z = (c - OFFSET) * (W @ X): c - OFFSET is exact (Sterbenz), so the cost rounds as usual. */
    private static String offset(String offset) {
        return """
                network Offset {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init randn(1)
                  param c[1] init const(OFFSET.5)
                  Z = (c - OFFSET) * (W @ X)
                  loss L = (Z - Y) * (Z - Y)
                  cost J = mean(L)
                  output Z
                }
                """.replace("OFFSET", offset);
    }

    /** A square loss of about 1e20 from weights of 1e10; b, at 0, moves it by less than its rounding. */
    private static final String LARGE_WEIGHTS = """
            network Offset {
              input X[2]
              target Y[1]
              param W[1, 2] init const(1e10)
              param b[1]
              Z = W @ X + b
              loss L = (Z - Y) * (Z - Y) / 2
              cost J = mean(L)
              output Z
            }
            """;

    /** b1 shifts every example of a row alike, which the batchnorm takes away again: its gradient is 0. */
    private static final String BIAS_BEFORE_BATCHNORM = """
            network Offset {
              input X[2]
              target Y[1]
              param W1[3, 2] init randn(0.5)
              param b1[3]
              param gamma1[3] init ones
              param beta1[3]
              param W2[1, 3] init randn(0.5)
              Z1 = W1 @ X + b1
              A1 = tanh(batchnorm(Z1, gamma1, beta1))
              Z = W2 @ A1
              loss L = (Z - Y) * (Z - Y) / 2
              cost J = mean(L)
              output Z
            }
            """;

    /** Each loss is (Z + 1e6) - 1e6: a small value that rounds like 1e6, in units of 1.2e-10. */
    private static final String CANCELLING = """
            network Offset {
              input X[2]
              target Y[1]
              param W[1, 2] init randn(1)
              Z = W @ X
              loss L = (Z + 1000000) - 1000000 + 0 * Y
              cost J = mean(L)
              output Z
            }
            """;

    /**
     * Z = (W - SCALE) @ X + b, A = relu(Z), W near SCALE and b near BIAS (the generated test spreads
     * every param by 0.5 / sqrt(columns)): W's steps of about 1e-6 SCALE move Z by that times X's
     * entry, across 0 where that is beyond Z, in some of W's 8 entries or all; b's steps of 1e-6 never.
     */
    private static String kinked(String scale, String bias) {
        return """
                network Offset {
                  input X[8]
                  target Y[1]
                  param W[1, 8] init const(SCALE)
                  param b[1] init const(BIAS)
                  Z = (W - SCALE) @ X + b
                  A = relu(Z)
                  loss L = (A - Y) * (A - Y) / 2
                  cost J = mean(L)
                  output A
                }
                """.replace("SCALE", scale).replace("BIAS", bias);
    }

    /** {@link #kinked} with its relu written inline, inside a product: no value keeps the relu's input. */
    private static String inlineKinked(String scale, String bias) {
        return kinked(scale, bias).replace("Z = (W - SCALE) @ X + b\n  A = relu(Z)".replace("SCALE", scale),
                "A = 2 * relu((W - SCALE) @ X + b)".replace("SCALE", scale));
    }

    /** Z as in {@link #kinked}, its kink an abs of Z - Y in the loss, whose input no value keeps. */
    private static String kinkedLoss(String scale, String bias) {
        return """
                network Offset {
                  input X[8]
                  target Y[1]
                  param W[1, 8] init const(SCALE)
                  param b[1] init const(BIAS)
                  Z = (W - SCALE) @ X + b
                  loss L = abs(Z - Y)
                  cost J = mean(L)
                  output Z
                }
                """.replace("SCALE", scale).replace("BIAS", bias);
    }

    /**
     * A = s X + X^2 per channel, s = w - SCALE, then a max pool of its one 2 x 2 window per channel:
     * w's steps of 1e-6 SCALE change s by that, and which entry of a window is the largest with it.
     */
    private static String pooled(String scale) {
        return """
                network Offset {
                  input X[2, 2, 2]
                  target Y[2]
                  param w[2] init const(SCALE)
                  A = X * (w - SCALE) + X * X
                  P = maxpool(A, 2)
                  F = flatten(P)
                  loss L = sum((F - Y)^2, axis=0) / 2
                  cost J = mean(L)
                }
                """.replace("SCALE", scale);
    }

    /** {@link #kinked} with 1 / Z in place of its relu: a pole at 0, across which the quotient jumps from one infinity to the other. */
    private static String poled(String scale, String bias) {
        return kinked(scale, bias).replace("A = relu(Z)", "A = 1 / Z");
    }

    /**
     * W of 1e308, whose steps of 1e302 move Z by 100 X, and V at the largest double, which no step of
     * 1e-6 or 2e-6 of it moves: V + h is Infinity, which a trainer refuses as a param.
     */
    private static final String LARGEST_DOUBLE = """
            network Offset {
              input X[2]
              target Y[1]
              param W[1, 2] init const(1e308)
              param V[1, 1] init const(1.7976931348623157e308)
              Z = (1e-300 * (W - 1e308)) @ X + 1e-300 * (V - 1.7976931348623157e308)
              loss L = (Z - Y) * (Z - Y) / 2
              cost J = mean(L)
              output Z
            }
            """;

    /**
     * A spec, an edit of its trainer's source (none when {@code from} is empty), and what the
     * generated test says: "" when it passes, else the start of its failure.
     */
    record Case(String description, String spec, String from, String to, String failure) {
        @Override
        public String toString() {
            return description;
        }
    }

    private static final String NOT_CHECKED = "W: not checked: no entry checked has a difference and a gradient to "
            + "compare; the first: a step of W at row 1, column ";

    /** V's unit is always above 0, W's below: the relu's 0 is sqrt's input, and 0.5 / sqrt(0) times its slope of 0 NaN. */
    private static final String SQRT_AT_ZERO = """
            network Offset {
              input X[2]
              target Y[1]
              param V[1, 2] init randn(0.1)
              param W[1, 2] init randn(0.1)
              A = sqrt(relu(V @ X + 5)) + sqrt(relu(W @ X - 5))
              loss L = (A - Y) * (A - Y) / 2
              cost J = mean(L)
              output A
            }
            """;

    static List<Case> paramsOfAnySize() {
        String failed = "Offset's derived gradients disagree with finite differences:\ndJ/d";
        return List.of(
                // c + 1e-6 rounds to a step up to a part in a million off 1e-6: divided by 2e-6, the
                // differences of a right gradient were off by that much (1.7e-7 against the tolerance).
                new Case("a param near 1e4, right gradient", offset("10000"), "", "", ""),
                // c + 1e-6 is c itself: the differences were 0 and the relative difference 1. Steps are
                // 1e-6 max(1, |c|).
                new Case("a param near 3e10, right gradient", offset("30000000000"), "", "", ""),
                new Case("a param near 3e10, dc without its 1/m", offset("30000000000"), "dc[0] = oneOverM", "dc[0] = 1.0",
                        failed + "c: "),
                new Case("weights of 1e10 in a cost of 1e20, right gradients", LARGE_WEIGHTS, "", "", ""),
                new Case("weights of 1e10 in a cost of 1e20, dW doubled", LARGE_WEIGHTS, "dW, 1, m, 2, oneOverM)",
                        "dW, 1, m, 2, 2 * oneOverM)", failed + "W: "),
                // No step moves V: it is not checked, as in gradcheck, and says why (the test had stopped at the trainer's
                // refusal of V + h, Infinity); its one entry is no "first". W, the first param, is compared.
                new Case("a param at the largest double, right gradients", LARGEST_DOUBLE, "", "", failed + "V: not checked: "
                        + "no entry checked has a difference and a gradient to compare; V at row 1, column 1 is "
                        + "1.80e+308, too near the largest double to be moved by a step of 2e-06 times it\n"),
                new Case("a param at the largest double, dW doubled", LARGEST_DOUBLE, "double h0 = oneOverM * 1.0E-300;",
                        "double h0 = 2 * oneOverM * 1.0E-300;", failed + "W: relative difference "),
                // A zero gradient meets pure rounding noise: its relative difference is near 1.
                new Case("a zero gradient: a bias before a batchnorm", BIAS_BEFORE_BATCHNORM, "", "", ""),
                new Case("a cost small by cancellation", CANCELLING, "", "", ""),
                new Case("a cost small by cancellation, dW doubled", CANCELLING, "dW, 1, m, 2, oneOverM)",
                        "dW, 1, m, 2, 2 * oneOverM)", failed + "W: "),
                // W's steps of 1e-6 |W|, about 1, move the relu's input Z by about X, across 0 in some entries,
                // which are left out: their differences see half of each slope.
                new Case("weights of 1e6 near a relu's kink, right gradients", kinked("1000000", "2"), "", "", ""),
                new Case("weights of 1e6 near a relu's kink, dW doubled", kinked("1000000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 1e6 near a relu's kink, dW without its 1/m", kinked("1000000", "2"),
                        "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 1.0)", failed + "W: relative difference "),
                // Z is about +-0.5 and every step of W, 100, takes it across 0: W is not checked, and the test
                // says so. The differences across the kink moved so much when their step was doubled that
                // they excused any gradient: a doubled one passed.
                new Case("weights of 1e8 next to a relu's kink, right gradients", kinked("100000000", "0"), "", "",
                        failed + NOT_CHECKED),
                new Case("weights of 1e8 next to a relu's kink, dW doubled", kinked("100000000", "0"),
                        "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 2 * oneOverM)", failed + NOT_CHECKED),
                // The same kinks written inline, their inputs computed by the test from the trainer's values.
                new Case("an inline relu in a product, weights of 1e6, right gradients", inlineKinked("1000000", "2"), "",
                        "", ""),
                new Case("an inline relu in a product, weights of 1e6, dW doubled", inlineKinked("1000000", "2"),
                        "double h1 = oneOverM * 2.0;", "double h1 = 2 * oneOverM * 2.0;", failed + "W: relative difference "),
                new Case("an abs of Z - Y in the loss, weights of 1e5, right gradients", kinkedLoss("100000", "2"), "", "",
                        ""),
                new Case("an abs of Z - Y in the loss, weights of 1e5, dW doubled", kinkedLoss("100000", "2"),
                        "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                new Case("an abs of Z - Y in the loss, weights of 1e5, dW without its 1/m", kinkedLoss("100000", "2"),
                        "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 1.0)", failed + "W: relative difference "),
                // Every step of W, 100, crosses: unwatched, the differences across the kinks moved so much with 2h
                // that they excused any gradient.
                new Case("an inline relu in a product, weights of 1e8, right gradients", inlineKinked("100000000", "0"), "",
                        "", failed + NOT_CHECKED),
                new Case("an inline relu in a product, weights of 1e8, dW doubled", inlineKinked("100000000", "0"),
                        "double h1 = oneOverM * 2.0;", "double h1 = 2 * oneOverM * 2.0;", failed + NOT_CHECKED),
                new Case("an abs of Z - Y in the loss, weights of 1e8, right gradients", kinkedLoss("100000000", "0"), "",
                        "", failed + NOT_CHECKED),
                new Case("an abs of Z - Y in the loss, weights of 1e8, dW doubled", kinkedLoss("100000000", "0"),
                        "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 2 * oneOverM)", failed + NOT_CHECKED),
                // Unwatched, a step that changed a window's largest entry called the right gradient wrong.
                new Case("a max pool, params of 1e5, right gradients", pooled("100000"), "", "", ""),
                new Case("a max pool, params of 1e5, dw doubled", pooled("100000"), "dw[i] *= oneOverM;",
                        "dw[i] *= 2 * oneOverM;", failed + "w: relative difference "),
                // W's gradient is NaN in every entry: sqrt has no derivative at 0, and W none there. It was "relative
                // difference NaN"; V is still compared.
                new Case("sqrt of a relu's 0, right gradients", SQRT_AT_ZERO, "", "", failed + "W: not checked: no entry "
                        + "checked has a difference and a gradient to compare; the first: dJ/dW at row 1, column "),
                new Case("sqrt of a relu's 0, dV doubled", SQRT_AT_ZERO, "dV[i] = h0 * dV[i];", "dV[i] = 2 * h0 * dV[i];",
                        failed + "V: relative difference "),
                // W's steps of about 0.1 move the divisor Z, about 2, by about X's entry times that: a right gradient
                // passes, a doubled one fails.
                new Case("weights of 1e5 near a pole, right gradients", poled("100000", "2"), "", "", ""),
                new Case("weights of 1e5 near a pole, dW doubled", poled("100000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                // Steps of 0.2 - 0.5, a sizeable part of the way to the pole: the differences bend so much that three
                // times their change with 2h excused a doubled or halved gradient, which passed. An entry whose
                // differences change by more than a tenth is left out now, and the others tell.
                new Case("weights of 2e5 near a pole, right gradients", poled("200000", "2"), "", "", ""),
                new Case("weights of 2e5 near a pole, dW doubled", poled("200000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 2e5 near a pole, dW halved", poled("200000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 0.5 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 3e5 near a pole, right gradients", poled("300000", "2"), "", "", ""),
                new Case("weights of 3e5 near a pole, dW doubled", poled("300000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 3e5 near a pole, dW halved", poled("300000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 0.5 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 3e5 near a log's pole, right gradients", logged("300000", "2"), "", "", ""),
                new Case("weights of 3e5 near a log's pole, dW doubled", logged("300000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: relative difference "),
                new Case("weights of 3e5 near a log's pole, dW halved", logged("300000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 0.5 * oneOverM)", failed + "W: relative difference "),
                // Every entry's steps cross the pole or bend beyond a tenth: W is not checked, and says so.
                new Case("weights of 5e5 near a pole, dW doubled", poled("500000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + "W: not checked: "),
                // Z is about +-0.5 and every step of W, 100, takes it across the pole: W is not checked, and says so.
                // Unwatched, a difference from 1 / 0.5 to 1 / -99.5 was no slope, and a right gradient was called wrong.
                new Case("weights of 1e8 next to a pole, right gradients", poled("100000000", "0"), "", "",
                        failed + NOT_CHECKED),
                new Case("weights of 1e8 next to a pole, dW doubled", poled("100000000", "0"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", failed + NOT_CHECKED));
    }

    /** {@link #kinked} with log(Z) in place of its relu: a pole of the log's slope at 0. */
    private static String logged(String scale, String bias) {
        return kinked(scale, bias).replace("A = relu(Z)", "A = log(Z)");
    }

    /** The generated test passes on a right gradient, whatever the size of the params and the cost, and fails on a wrong one. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("paramsOfAnySize")
    void theGeneratedTestTellsRightFromWrongGradients(Case c) throws Exception {
        String said = failureOf(c.spec(), c.from(), c.to());
        assertTrue(c.failure().isEmpty() ? said.isEmpty() : said.startsWith(c.failure()),
                () -> "the generated test said: " + said);
    }

    /**
     * Entries left out for different reasons: the failure names each reason with its count and first case, as
     * gradcheck does. It had named only the first entry's reason, here a kink, though others bent near the pole.
     */
    @Test
    void aParamNotCheckedNamesEveryReasonItsEntriesWereLeftOutFor() throws Exception {
        // W's steps of about 0.5 cross the pole of 1 / Z, about 2, in some entries and bend too much in the others.
        assertEquals("dJ/dW: not checked: no entry checked has a difference and a gradient to compare; 3 where a step "
                + "crosses a kink or a pole (the first: a step of W at row 1, column 8 crosses a kink (takes the input of a relu, leaky_relu, abs, sqrt, log or power, "
                + "a divisor or a comparison's sides' difference, across 0, or changes a max pool's largest entry), where "
                + "differences see part of each slope), 5 where the differences bend too much near a "
                + "pole (the first: the differences of W at row 1, column 2 change by more than 10% when their step is "
                + "doubled: a step is a sizeable part of the way to a pole (of a log or a divisor, say), where they cannot "
                + "tell a doubled gradient from a right one)", failureOf(poled("500000", "2"), "", "").lines().toList().get(1));
    }

    /** A wrong gradient of a param some of whose entries were left out says how many, and why. */
    @Test
    void aWrongGradientSaysWhichEntriesWereNotCompared() throws Exception {
        // W's steps of about 1 move the relu's input across 0 in some entries, which are left out.
        String said = failureOf(kinked("1000000", "2"), "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 2 * oneOverM)");
        assertEquals("dJ/dW: relative difference 3.333e-01 (tolerance 1e-07), and |g - g_fd| = 4.251e-01 is above the "
                + "differences' own error, 6.768e-15; 7 of 8 entries not compared: the first: a step of W at row 1, column 8 crosses a kink (takes the input of a relu, leaky_relu, abs, sqrt, log or power, "
                + "a divisor or a comparison's sides' difference, across 0, or changes a max pool's largest entry), where "
                + "differences see part of each slope",
                said.lines().toList().get(1));
    }

    /**
     * The test's messages do not depend on the default locale: a German one wrote {@code 3,333e-01}, an Egyptian
     * Arabic one every number, row numbers too, in Arabic-Indic digits, a Thai one with its own digits. Each case's
     * message in ROOT starts as written, and is the same, byte for byte, in every locale.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("messagesOfEveryFormat")
    void theGeneratedTestSaysTheSameInEveryLocale(String what, String spec, String from, String to, String expected)
            throws Exception {
        Path classes = compileOffset(spec, from, to);
        String root = failureOf(classes, Locale.ROOT);
        assertTrue(root.lines().toList().get(1).startsWith(expected), root);
        for (String tag : List.of("de-DE", "tr-TR", "ar-EG", "th-TH-u-nu-thai")) {
            assertEquals(root, failureOf(classes, Locale.forLanguageTag(tag)), tag);
        }
    }

    static Stream<Arguments> messagesOfEveryFormat() {
        return Stream.of(
                // %.3e, %.0e and %d: a wrong gradient with entries not compared.
                Arguments.of("dW doubled near a relu's kink", kinked("1000000", "2"), "dW, 1, m, 8, oneOverM)",
                        "dW, 1, m, 8, 2 * oneOverM)", "dJ/dW: relative difference 3.333e-01 (tolerance 1e-07), and |g - g_fd| = "
                        + "4.251e-01 is above the differences' own error, 6.768e-15; 7 of 8 entries not compared: the first: "
                        + "a step of W at row 1, column 8 crosses a kink"),
                // %.3g: a param too near the largest double to be moved.
                Arguments.of("a param at the largest double", LARGEST_DOUBLE, "", "", "dJ/dV: not checked: no entry checked "
                        + "has a difference and a gradient to compare; V at row 1, column 1 is 1.80e+308, too near the largest "
                        + "double to be moved by a step of 2e-06 times it"));
    }

    /** What the generated test of the network {@code Offset} says, its trainer's source edited: "" when it passes. */
    private String failureOf(String spec, String from, String to) throws Exception {
        return failureOf(compileOffset(spec, from, to), Locale.getDefault());
    }

    /** The network {@code Offset}'s trainer, its source edited, and its test compiled; returns the classes' folder. */
    private Path compileOffset(String spec, String from, String to) throws Exception {
        Compilation compilation = Compilation.of(SpecReader.read("Offset.nn", spec), Convention.LOSS);
        return compile("Offset", spec, from, to, new GradientTestWriter.Subject("com.acme", "Offset",
                "com/acme/Offset.nn", compilation.network().inputs().get(0).rows(), compilation.network().targets().get(0).rows(), TargetKind.REAL,
                KinkCode.states(compilation.derivation())));
    }

    /** What the compiled test of {@code Offset} says run with the default locale {@code locale} (restored after): "" when it passes. */
    private String failureOf(Path classes, Locale locale) throws Exception {
        Locale before = Locale.getDefault();
        Locale format = Locale.getDefault(Locale.Category.FORMAT);
        Locale display = Locale.getDefault(Locale.Category.DISPLAY);
        Locale.setDefault(locale);
        try {
            return failureOf(classes);
        } finally {
            Locale.setDefault(before);
            Locale.setDefault(Locale.Category.FORMAT, format);
            Locale.setDefault(Locale.Category.DISPLAY, display);
        }
    }

    private String failureOf(Path classes) throws Exception {
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass("com.acme.OffsetGradientTest");
            var constructor = test.getDeclaredConstructor();
            constructor.setAccessible(true);
            var check = test.getDeclaredMethod("gradientsMatchCentredFiniteDifferences");
            check.setAccessible(true);
            try {
                check.invoke(constructor.newInstance());
                return "";
            } catch (java.lang.reflect.InvocationTargetException e) {
                return e.getCause().getMessage();
            }
        }
    }

    /**
     * W = [709.7827, 700] in exp(W @ X) 1e-308, X = (1, 0) and (0, 1): a step of h = 7e-4 up in W's
     * first entry takes the exp beyond the largest double, where the cost is infinite, and the entry
     * is left out, as gradcheck leaves it out; W's second entry is compared. The difference had been
     * NaN, and so the test's verdict.
     */
    @Test
    void anEntryWhereTheCostIsNotFiniteAtAStepIsLeftOut() throws Exception {
        String text = """
                network Offset {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init ones
                  Z = W @ X
                  loss L = exp(Z) * 1e-308 + 0 * Y
                  cost J = mean(L)
                  output Z
                }
                """;
        Compilation compilation = Compilation.of(SpecReader.read("Offset.nn", text), Convention.LOSS);
        Path classes = compile("Offset", text, new GradientTestWriter.Subject("com.acme", "Offset", "com/acme/Offset.nn", 2, 1,
                TargetKind.REAL, KinkCode.states(compilation.derivation())));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            CompiledTrainer trainer = CompiledTrainer.create(loader.loadClass("com.acme.Offset"), 1L);
            trainer.setParam("W", new double[][] {{709.7827, 700}});
            double[][] x = {{1, 0}, {0, 1}};
            double[][] y = {{0}, {0}};
            var disagreement = loader.loadClass("com.acme.OffsetGradientTest").getDeclaredMethod("disagreement", trainer.type(),
                    String.class, double[][].class, double[][].class, java.util.Random.class);
            disagreement.setAccessible(true);
            assertEquals("", disagreement.invoke(null, trainer.trainer(), "W", x, y, new java.util.Random(1)));
            trainer.setParam("W", new double[][] {{709.7827 * (1 + 1e-6), 700}});
            assertEquals(Double.POSITIVE_INFINITY, trainer.cost(x, y), "the step up overflows");
        }
    }

    /**
     * Each step moves one entry of the param in place and puts the same double back (it no longer copies the
     * whole param, a cost of 245,760 entries a step in the Deep sample's W1): after the differences, every param
     * is bit for bit what it was, entries that p + h - h would not give back (-0.0, a subnormal, 1e6 + 0.1) too,
     * whether a step crossed a kink, overflowed, or the gradient was wrong.
     */
    @Test
    void theDifferencesPutEveryParamBackBitForBit() throws Exception {
        String text = kinked("1000000", "2").replace("loss L = (A - Y) * (A - Y) / 2", "loss L = (A - Y) * (A - Y) / 2 + exp(V) * 0")
                .replace("param b[1] init const(2)", "param b[1] init const(2)\n  param V[1, 1] init zeros");
        Path classes = compileOffset(text, "dW, 1, m, 8, oneOverM)", "dW, 1, m, 8, 2 * oneOverM)");
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            CompiledTrainer trainer = CompiledTrainer.create(loader.loadClass("com.acme.Offset"), 1L);
            Map<String, double[][]> params = Map.of(
                    "W", new double[][] {{1e6 + 0.1, -0.0, 3e-310, 1e6 / 3, Math.nextUp(1e6), 999999.7, 1e6 - 1e-9, 2e6}},
                    "b", new double[][] {{-0.0}},
                    // exp(709.7827) is near the largest double: a step up overflows, and the cost is not finite there.
                    "V", new double[][] {{709.7827}});
            params.forEach(trainer::setParam);
            double[][] x = new double[7][8];
            double[][] y = new double[7][1];
            java.util.Random random = new java.util.Random(3);
            for (double[] row : x) {
                java.util.Arrays.setAll(row, j -> random.nextGaussian());
            }
            var disagreement = loader.loadClass("com.acme.OffsetGradientTest").getDeclaredMethod("disagreement", trainer.type(),
                    String.class, double[][].class, double[][].class, java.util.Random.class);
            disagreement.setAccessible(true);
            for (String name : List.of("W", "b", "V")) {
                Object said = disagreement.invoke(null, trainer.trainer(), name, x, y, new java.util.Random(1));
                assertEquals(name.equals("W"), said.toString().startsWith("dJ/dW: relative difference"), name + ": " + said);
                for (String other : List.of("W", "b", "V")) {
                    assertArrayEquals(params.get(other), trainer.getParam(other), "after " + name + "'s differences, " + other);
                }
            }
        }
    }

    static Stream<Path> samples() {
        return Stream.concat(SampleFiles.specs().stream(), SampleFiles.imageSpecs().stream());
    }

    /**
     * Every sample's generated test, and those of the specs whose kinks are written inline (every
     * matrix function of the test at work), computes the states of each kink as gradcheck does, entry
     * by entry, from what the trainer keeps after a forward pass, on a few seeded batches: the test
     * and gradcheck leave out the same steps.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specsAndTheirFunctions")
    void everyTestComputesTheKinkStatesGradcheckComputes(String spec, String text, String functions) throws Exception {
        Compilation compilation = Compilation.of(SpecReader.read("Spec.nn", text), Convention.LOSS);
        var network = compilation.network();
        int inputRows = network.inputs().get(0).rows();
        int targetRows = network.targets().get(0).rows();
        Path classes = compile(network.name(), text, new GradientTestWriter.Subject("com.acme", network.name(),
                "com/acme/" + network.name() + ".nn", inputRows, targetRows, RandomExamples.targetKind(network),
                KinkCode.states(compilation.derivation())));
        List<Kink> kinks = GradientCheck.kinks(compilation.derivation());
        int m = 7;
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            CompiledTrainer trainer = CompiledTrainer.create(loader.loadClass("com.acme." + network.name()), 1L);
            var states = loader.loadClass("com.acme." + network.name() + "GradientTest").getDeclaredMethod("kinkStates",
                    trainer.type());
            states.setAccessible(true);
            for (long seed = 1; seed <= 3; seed++) {
                SplittableRandom random = new SplittableRandom(seed);
                trainer.cost(RandomExamples.inputs(m, inputRows, random),
                        RandomExamples.targets(m, targetRows, RandomExamples.targetKind(network), random));
                int[][] computed = (int[][]) states.invoke(null, trainer.trainer());
                int[][] gradcheck = GradientCheck.kinkStates(trainer, compilation.derivation());
                assertEquals(kinks.size(), computed.length);
                for (int k = 0; k < kinks.size(); k++) {
                    Node counted = kinks.get(k).pool() == null ? kinks.get(k).input() : null;
                    int entries = counted != null ? counted.shape().rows(m) * counted.shape().cols(m)
                            : kinks.get(k).pool().out().size() * m;
                    assertEquals(entries, computed[k].length, kinks.get(k).what());
                    assertArrayEquals(gradcheck[k], computed[k], kinks.get(k).what() + ", batch " + seed);
                }
            }
        }
    }

    /**
     * A kink input within rounding of 0, its sign decided by the last bit of an exp, a tanh or a sum
     * of products: the loss, W's entries and the one example's inputs X.
     */
    record Rounding(String description, String loss, double[] w, double[] x) {
        @Override
        public String toString() {
            return description;
        }
    }

    static List<Rounding> kinksWithinRoundingOfZero() {
        return List.of(
                // Math.exp(0.2948) is 1.342857760275276, the trainer's and gradcheck's exp 1.3428577602752758.
                new Rounding("abs(exp(Z) - c), exp(Z) and c a bit apart in Math.exp", "abs(exp(W @ X) - 1.3428577602752758)",
                        new double[] {0.2948, 0}, new double[] {1, 0}),
                // Math.tanh(0.7015) is 0.605319023434769, the trainer's and gradcheck's tanh 0.6053190234347688.
                new Rounding("relu(tanh(Z) - c), tanh(Z) and c a bit apart in Math.tanh", "relu(tanh(W @ X) - 0.6053190234347688)",
                        new double[] {0.7015, 0}, new double[] {1, 0}),
                // 1 + (1 + 2^-27)(-(1 - 2^-27)) is 2^-54 with a fused multiply-add, as gradcheck's evaluator adds, 0 without.
                new Rounding("relu(W @ X) inline, 1 - (1 - 2^-54)", "relu(W @ X)", new double[] {1, 1 + 0x1p-27},
                        new double[] {1, -(1 - 0x1p-27)}));
    }

    /**
     * Where a kink's input is within rounding of 0, the generated test computes it as gradcheck does, to
     * the last bit, and gives it the same side of 0: the runtime's exp and tanh (the trainer's, which
     * gradcheck's evaluator shares), products added by fused multiply-adds in the evaluator's order.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinksWithinRoundingOfZero")
    void aKinkWithinRoundingOfZeroIsOnGradchecksSide(Rounding c) throws Exception {
        String text = """
                network Rounding {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init randn(1)
                  Z = 3 * W @ X
                  loss L = LOSS + 0 * Y
                  cost J = mean(L)
                  output Z
                }
                """.replace("LOSS", c.loss());
        Compilation compilation = Compilation.of(SpecReader.read("Rounding.nn", text), Convention.LOSS);
        Path classes = compile("Rounding", text, new GradientTestWriter.Subject("com.acme", "Rounding", "com/acme/Rounding.nn",
                2, 1, TargetKind.REAL, KinkCode.states(compilation.derivation())));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            CompiledTrainer trainer = CompiledTrainer.create(loader.loadClass("com.acme.Rounding"), 1L);
            var states = loader.loadClass("com.acme.RoundingGradientTest").getDeclaredMethod("kinkStates", trainer.type());
            states.setAccessible(true);
            trainer.setParam("W", new double[][] {c.w()});
            trainer.cost(new double[][] {c.x()}, new double[][] {{0}});
            int[][] gradcheck = GradientCheck.kinkStates(trainer, compilation.derivation());
            assertEquals(1, gradcheck.length);
            assertArrayEquals(gradcheck[0], ((int[][]) states.invoke(null, trainer.trainer()))[0]);
        }
    }

    /** The template's matrix functions, in its order, in which a test holds those it calls. */
    private static final List<String> FUNCTIONS = List.of("signs", "edges", "maxima", "largest", "zip", "map", "scalar", "ones",
            "transpose", "matmul", "reduce", "softmax", "conv", "pool");

    @Test
    void theTemplatesFragmentsAreItsMatrixFunctionsInOrder() {
        assertEquals(FUNCTIONS, GradientTestTemplate.read().fragments().stream().map(GradientTestTemplate.Fragment::name).toList());
    }

    /** Kink expressions, and the functions a test of them holds: those they call, and those that those call. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            signs(net.value("Z1"))                                                   | signs
            edges(net.value("Z1"))                                                   | signs edges
            maxima(net.value("A1"), 2, 2, 4, 4, 8, 2, 2)                             | maxima largest
            signs(zip(net.value("Z"), net.value("Y"), (u, v) -> u - v))              | signs zip
            signs(map(net.value("Z"), u -> Math.max(u, 0)))                          | signs map
            signs(zip(ones(3, EXAMPLES), scalar(0.5), (u, v) -> u - v))              | signs zip map scalar ones
            signs(matmul(net.getParam("W"), transpose(net.value("X"))))              | signs transpose matmul
            signs(reduce(net.value("A"), 0, true))                                   | signs map reduce
            signs(softmax(net.value("Z"), false))                                    | signs softmax
            signs(pool(conv(net.value("X"), net.getParam("W"), 3, 1, 1, 4, 4, 1, 4, 4, 2), false, 2, 2, 4, 4, 2, 2, 2)) | signs conv pool
            """)
    void theTestHoldsTheFunctionsItsKinksCall(String kink, String functions) {
        assertEquals(List.of(functions.split(" ")), functions(GradientTestWriter.write(kinked(List.of(kink)))));
    }

    /** The functions come in the template's order, not the kinks': the same network always gives the same bytes. */
    @Test
    void theFunctionsComeInTheTemplatesOrderWhateverTheKinks() {
        String pool = "maxima(net.value(\"A1\"), 2, 2, 4, 4, 8, 2, 2)";
        String product = "signs(matmul(net.getParam(\"W\"), net.value(\"X\")))";
        String test = GradientTestWriter.write(kinked(List.of(product, pool)));
        assertEquals(List.of("signs", "maxima", "largest", "matmul"), functions(test));
        assertEquals(test.replace(product + ",\n            " + pool, pool + ",\n            " + product),
                GradientTestWriter.write(kinked(List.of(pool, product))));
    }

    @Test
    void aNetworkWithoutKinksGetsNoneOfTheFunctions() {
        assertEquals(List.of(), functions(GradientTestWriter.write(IRIS)));
    }

    private static GradientTestWriter.Subject kinked(List<String> states) {
        return new GradientTestWriter.Subject("com.acme", "Deep", "com/acme/Deep.nn", 4, 1, TargetKind.BINARY, states);
    }

    /** The template's functions that a test declares, in its order. */
    private static List<String> functions(String test) {
        List<String> declared = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^    private static \\S+ (\\w+)\\(").matcher(test);
        while (m.find()) {
            declared.add(m.group(1));
        }
        return declared.stream().filter(FUNCTIONS::contains).toList();
    }

    /** What each sample's test holds of the template's functions, in its order; a sample without a line fails. */
    private static final Map<String, String> FUNCTIONS_OF_SAMPLES = Map.ofEntries(
            Map.entry("samples/batchnorm.nn", "signs edges zip map scalar reduce"),
            Map.entry("samples/breast_cancer.nn", "signs"),
            Map.entry("samples/deep.nn", "signs"),
            Map.entry("samples/diabetes.nn", "signs"),
            Map.entry("samples/digits.nn", "signs"),
            Map.entry("samples/dropout.nn", "signs"),
            Map.entry("samples/gradcheck.nn", "signs"),
            Map.entry("samples/iris.nn", ""),
            Map.entry("samples/mlp.nn", "signs"),
            Map.entry("samples/planar.nn", ""),
            Map.entry("samples/regularized.nn", "signs"),
            Map.entry("samples/images/digits_cnn.nn", "signs maxima largest"),
            Map.entry("samples/images/lenet.nn", "signs maxima largest"),
            Map.entry("bench/digits_cnn.nn", "signs maxima largest"));

    @Test
    void everyLineOfTheSamplesFunctionsIsASample() {
        FUNCTIONS_OF_SAMPLES.keySet().forEach(path -> assertTrue(Files.isRegularFile(Path.of(path)), path + " is no sample"));
    }

    /** Every kink written inline, so that its input is computed from the trainer's values by every dense function. */
    private static final String INLINE_DENSE = """
            network InlineDense {
              input X[3]
              target Y[2]
              param V[3, 3] init randn(1)
              param W[2, 3] init randn(1)
              A = relu(dropout(tanh(V.T @ X), 0.8) - 0.5)
              loss L = sum(abs(softmax(W @ A) - Y) + leaky_relu(W @ A - mean(A, axis=0)), axis=0)
              cost J = mean(L)
              output A
            }
            """;

    /** The same for the image functions: a leaky_relu of a convolution (map), max pooled, in an average pool. */
    private static final String INLINE_IMAGE = """
            network InlineImage {
              input X[4, 4, 1]
              target Y[2]
              param W1[3, 3, 1, 2] init randn(1)
              param b1[2]
              param W2[2, 2] init randn(1)
              P = maxpool(leaky_relu(conv2d(X, W1, pad=1) + b1), 2)
              F = flatten(abs(avgpool(P, 2) - 0.1))
              Z = W2 @ F
              loss L = sum((Z - Y)^2, axis=0) / 2
              cost J = mean(L)
              output Z
            }
            """;

    static Stream<Arguments> specsAndTheirFunctions() throws IOException {
        List<Arguments> cases = new ArrayList<>();
        for (Path spec : Stream.concat(samples(), Stream.of(Path.of("bench/digits_cnn.nn"))).toList()) {
            String path = spec.toString().replace('\\', '/');
            cases.add(Arguments.of(path, Files.readString(spec, StandardCharsets.UTF_8), FUNCTIONS_OF_SAMPLES.get(path)));
        }
        cases.add(Arguments.of("inline dense kinks", INLINE_DENSE,
                "signs zip map scalar ones transpose matmul reduce softmax"));
        cases.add(Arguments.of("inline image kinks", INLINE_IMAGE, "signs maxima largest zip map scalar conv pool"));
        return cases.stream();
    }

    /**
     * Every sample's test, and one of every function, compiles without a warning and holds exactly the
     * template's functions that its kinks call: a relu inside a product gets matmul but no conv.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("specsAndTheirFunctions")
    void eachTestCompilesWithExactlyTheFunctionsItsKinksCall(String spec, String text, String functions) throws Exception {
        assertTrue(functions != null, () -> "no line for " + spec + " in FUNCTIONS_OF_SAMPLES");
        Compilation compilation = Compilation.of(SpecReader.read("Spec.nn", text), Convention.LOSS);
        var network = compilation.network();
        GradientTestWriter.Subject subject = new GradientTestWriter.Subject("com.acme", network.name(),
                "com/acme/" + network.name() + ".nn", network.inputs().get(0).rows(), network.targets().get(0).rows(),
                RandomExamples.targetKind(network), KinkCode.states(compilation.derivation()));
        compile(network.name(), text, subject);
        assertEquals(functions.isEmpty() ? List.of() : List.of(functions.split(" ")), functions(GradientTestWriter.write(subject)));
    }

    private Path compile(String name, String spec, GradientTestWriter.Subject subject) throws Exception {
        return compile(name, spec, "", "", subject);
    }

    /**
     * Compiles the network's trainer (with {@code from} replaced by {@code to}), its generated test and
     * the runtime with every javac warning on, none of which may be about the test; returns the classes' folder.
     */
    private Path compile(String name, String spec, String from, String to, GradientTestWriter.Subject subject) throws Exception {
        var network = SpecReader.read(name + ".nn", spec);
        String trainer = Compilation.of(network, Convention.LOSS).trainer("com.acme");
        String edited = trainer.replace(from, to);
        assertTrue(from.isEmpty() || !edited.equals(trainer), () -> "no " + from + " in\n" + trainer);
        List<String> files = new ArrayList<>();
        files.add(write("com/acme/" + name + ".java", edited));
        files.add(write("com/acme/" + name + "GradientTest.java", GradientTestWriter.write(subject)));
        for (Map.Entry<String, String> runtime : RuntimeSources.files().entrySet()) {
            files.add(write(runtime.getKey(), runtime.getValue()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-Xlint:all", "-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        String said = errors.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, said);
        assertFalse(said.contains(name + "GradientTest.java"), said);
        return classes;
    }

    private String write(String path, String source) throws IOException {
        Path file = dir.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source).toString();
    }
}
