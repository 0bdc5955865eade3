package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.SampleFiles;
import dev.netgrad.codegen.GradientCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code netgrad gradcheck} exits 0 when every param's relative difference is at most 1e-7 or its
 * absolute one within the differences' own error, and 1 otherwise.
 */
class GradcheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aGradientThatAgreesExitsZero() {
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\n  W1  4 x 2  all 8 entries  relative difference "), r.out());
        assertTrue(r.out().endsWith(" < 1e-07)\n"), r.out());
    }

    /**
     * {@code --data} checks on at most 200 rows, a seeded sample of a longer file: the first line says how many, and
     * the option's help says so, where it read as if the whole file were used (planar.csv has 400 rows).
     */
    @Test
    void dataOfMoreThanTwoHundredRowsIsCheckedOnASampleTheHelpAnnounces() {
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn", "--data", "samples/data/planar.csv");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("gradcheck Planar: 200 examples of samples/data/planar.csv, "), r.out());
        String help = MainTest.run("gradcheck", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("a file of more rows than --examples (given) or 200 gives a seeded sample of that many"), help);
    }

    /**
     * {@code --examples} beside {@code --data} is the most rows checked on, more or fewer than the default 200: it was
     * ignored without a word (its help said so), and a user asking for a quick check on 20 rows got 200.
     */
    @ParameterizedTest
    @CsvSource({
        "20,  20 examples",
        "300, 300 examples",
        "900, 400 examples", // the whole file: no sample is larger than it
    })
    void examplesBesideDataIsTheMostRowsCheckedOn(String examples, String checked) {
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn", "--data", "samples/data/planar.csv", "--examples", examples);
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("gradcheck Planar: " + checked + " of samples/data/planar.csv, "), r.out());
    }

    /**
     * A filter whose windows all see padding (conv pad 2 stride 2 on a 2 x 2 image, then a max pool of 1 stride 2 keeping
     * only the corners, which read no pixel) has a gradient of exactly 0, and so have its differences: "ok, 0.00e+00" said
     * that a check passed that compared nothing but zeros. A param with any non-zero entry gets no warning.
     */
    @Test
    void aParamWhoseGradientAndDifferencesAreAllZeroIsWarnedOf() throws IOException {
        Path spec = Files.writeString(dir.resolve("pad.nn"), """
                network Pad {
                  input X[2, 2, 1]
                  target Y[1]
                  conv 2 1 relu stride 2 pad 2
                  maxpool 1 stride 2
                  flatten
                  dense 1 sigmoid
                  loss L = -sum(Y * log(A4) + (1 - Y) * log(1 - A4), axis=0)
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\n  W1  1 x 1 x 1 x 2  all 2 entries  relative difference 0.00e+00  ok, but only zeros compared"
                + " (the gradient and the differences are 0 in every entry)\n"), r.out());
        assertEquals("netgrad gradcheck: warning: W1's gradient and its finite differences are 0 in every entry checked, so its check"
                + " compared only zeros and proves nothing of its derivatives: on 16 seeded random examples nothing W1 does reaches"
                + " the cost (a filter whose windows see only padding, say, or units dead on every example)\n", r.err());
        // Not counted as compared: b1 and b4 were, W4 within rounding.
        assertTrue(r.out().endsWith("every compared gradient agrees with finite differences (largest relative difference 2.16e-09"
                + " < 1e-07; 1 of 4 params within rounding, not compared; 1 of 4 compared only zeros)\n"), r.out());
        assertEquals("", MainTest.run("gradcheck", "samples/planar.nn").err());
    }

    /**
     * Where the check itself makes a param's gradient 0, the warning says so, not that a filter may see only padding or
     * units be dead: --data whose features are each one value on the rows checked (one row, or rows alike in their
     * features) standardizes to X = 0, and a batchnorm over one example makes each value its own mean. Each row: the
     * command's arguments after the spec, the params that compared only zeros, and the cause the warning gives.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "one row of data             | samples/iris.nn      | --data one.csv  | W1's gradient        | on 1 example of DIR/one.csv nothing W1 does reaches the cost (each feature of DIR/one.csv holds one value on the 1 row checked, which standardizing makes 0, so X is 0 in every entry: give rows whose features differ)",
        "two rows, features alike    | samples/iris.nn      | --data same.csv | W1's gradient        | on 2 examples of DIR/same.csv nothing W1 does reaches the cost (each feature of DIR/same.csv holds one value on the 2 rows checked, which standardizing makes 0, so X is 0 in every entry: give rows whose features differ)",
        "a batchnorm over 1 example  | samples/batchnorm.nn | --examples 1    | gradients of W1 and gamma1 | on 1 seeded random example nothing they do reaches the cost (a batchnorm over 1 example, as Zn1's, makes each value its own mean, so nothing before it reaches the cost: check on 2 examples or more (--examples))",
    })
    void aGradientThatTheCheckItselfMakesZeroIsWarnedOfWithItsCause(String name, String spec, String option, String whose,
            String warning) throws IOException {
        Files.writeString(dir.resolve("one.csv"), "a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n");
        Files.writeString(dir.resolve("same.csv"), "a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n5.1,3.5,1.4,0.2,2\n");
        String[] words = option.split(" ");
        String value = words[0].equals("--data") ? dir.resolve(words[1]).toString() : words[1];
        MainTest.Run r = MainTest.run("gradcheck", spec, words[0], value);
        assertEquals(0, r.code(), name + ": " + r.out() + r.err());
        assertTrue(r.err().startsWith("netgrad gradcheck: warning: " + (whose.startsWith("W1's") ? "" : "the ") + whose), name + ": " + r.err());
        assertTrue(r.err().endsWith(warning.replace("DIR", dir.toString()) + "\n"), name + ": " + r.err());
    }

    /** When only zeros were compared, nothing of the derivatives was checked: no pass, as when nothing was compared. */
    @Test
    void aNetworkWhoseEveryParamComparedOnlyZerosFails() throws IOException {
        // relu(W1 @ X - 1000) is 0 on every example: no gradient reaches W1, and a wrong formula for it would pass too.
        Path spec = Files.writeString(dir.resolve("dead.nn"), """
                network Dead {
                  input  X[2]
                  target Y[1]
                  param W1[1, 2] init randn(0.01)
                  Z1 = relu(W1 @ X - 1000)
                  A1 = sigmoid(Z1)
                  loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost J = mean(L)
                  output A1
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("\nno gradient could be compared but as zeros: 1 of 1 params compared only zeros (see the warning)\n"),
                r.out());
        assertTrue(r.err().startsWith("netgrad gradcheck: warning: W1's gradient and its finite differences are 0"), r.err());
    }

    /**
     * A dropout's mask has the shape of what the dropout keeps: a part of its statement (A1 inside
     * ZO, 4 x m under a 1 x m statement: "internal error: the fixed mask of ZO is 1 x 16, but this
     * batch needs 4 x 16" before) or a transposed value (m x 2: "internal error:
     * NegativeArraySizeException" before, from a row count of m taken as a number).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a dropout inside its statement   | A1 = tanh(W1 @ X); ZO = W2 @ dropout(A1, 0.8)        | 4, 3 | 1, 4",
        "a dropout of a transposed value  | V = dropout(X.T @ W1, 0.8); ZO = (V @ W2).T           | 3, 2 | 2, 1",
    })
    void aDropoutMaskHasTheShapeOfWhatItKeeps(String name, String statements, String w1, String w2) throws IOException {
        Path spec = Files.writeString(dir.resolve("masked.nn"), "network Masked {\n  input X[3]\n  target Y[1]\n  param W1[" + w1
                + "]\n  param W2[" + w2 + "]\n  " + statements + "\n  loss L = (ZO - Y)^2\n  cost J = mean(L)\n}\n");
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(0, r.code(), name + ": " + r.out() + r.err());
        assertTrue(r.out().contains("every gradient agrees with finite differences"), name + ": " + r.out());
    }

    /**
     * gradcheck trains nothing, so the spec's train block is no default of its: planar.nn's
     * {@code seed 2} leaves --seed at 1 (docs/language.md section 7 said the block gave gradcheck its defaults).
     */
    @Test
    void theTrainBlocksSeedIsNotGradchecks() {
        assertTrue(SampleFiles.read(Path.of("samples/planar.nn")).contains("    seed 2\n"), "samples/planar.nn's train block sets seed 2");
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().lines().findFirst().orElseThrow().endsWith(", seed 1"), r.out());
        assertEquals(MainTest.run("gradcheck", "samples/planar.nn", "--seed", "1").out(), r.out());
    }

    /** One example is "1 seeded random example" (it was "1 seeded random examples"). */
    @Test
    void oneExampleIsNamedInTheSingular() {
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn", "--examples", "1");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("gradcheck Planar: 1 seeded random example, centred differences"), r.out());
    }

    /**
     * A forward pass that is not finite (the square root of a negative number) makes every
     * difference NaN: that is no verdict on the derivatives, so gradcheck names the first value
     * that is not finite instead of calling every gradient wrong.
     */
    @Test
    void aCostThatIsNotFiniteNamesTheFirstValueThatIsNot() throws IOException {
        Path spec = Files.writeString(dir.resolve("nan.nn"), """
                network NaNs {
                  input X[2]
                  target Y[1]
                  param W1[1, 2] init randn(0.01)
                  param b1[1]
                  Z1 = W1 @ X + b1
                  A1 = sigmoid(sqrt(Z1 - 5))
                  loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("gradcheck NaNs: the cost is NaN on 16 seeded random examples, so no gradient can be compared;"
                + " A1 (line 7) is the first value that is not finite: NaN at row 1, column 1 (example 1)\n", r.out());
    }

    /**
     * exp(1000 z) bends so sharply that centred differences with steps of 1e-6 miss its slope by about
     * eps^2 * 1000^2 / 6 of it: a relative difference above 1e-7 that differences with 2h measure
     * as their own truncation error, so the gradient is not called wrong, and with nothing else to
     * compare the check says it compared nothing.
     */
    @Test
    void aDifferenceWithinTheDifferencesTruncationErrorIsNotCalledWrong() throws IOException {
        Path spec = Files.writeString(dir.resolve("steep.nn"), """
                network Steep {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init zeros
                  Z = W @ X
                  loss L = exp(1000 * Z) + 0 * Y
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\n  W  1 x 1  its 1 entry  relative difference \\d\\.\\d\\de-07  "
                + "ok \\(\\|g - g_fd\\| = \\S+ <= \\S+, the differences' truncation error \\(measured with 2h\\): "
                + "not compared at 1e-07\\)\n.*"), r.out());
        assertTrue(r.out().endsWith("no gradient could be compared: finite differences of this cost cannot tell any param's gradient "
                + "from their truncation error (does the cost bend sharply within steps of 1e-6 max(1, |p|), or are the params that small?)\n"),
                r.out());
        assertEquals("", r.err());
    }

    /**
     * W + 1e-6 is W itself when W is 3e10: the difference was 0, and a right gradient was called
     * WRONG with a ratio of 1 (or excused by the truncation that a step of 2e-6, which does move W,
     * then seemed to have). Steps of 1e-6 |W| see the slope.
     */
    @Test
    void aParamOf3e10IsComparedWithAStepRelativeToIt() throws IOException {
        Path spec = Files.writeString(dir.resolve("large.nn"), """
                network Large {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init const(30000000000.5)
                  Z = (W - 30000000000) @ X
                  loss L = (Z - Y)^2 / 2
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("gradcheck Large: 16 seeded random examples, centred differences with steps h = "
                + "1e-06 max(1, |p|), seed 1\n  W  1 x 1  its 1 entry  relative difference "), r.out());
        assertTrue(r.out().matches("(?s).*\n  W  1 x 1  its 1 entry  relative difference \\S+  ok\n.*"), r.out());
    }

    /** At the largest double, even a relative step overflows: W's gradient is not checked, and said so, not WRONG. */
    @Test
    void aParamThatNoStepMovesIsNotCheckedAndTheCheckFails() throws IOException {
        Path spec = Files.writeString(dir.resolve("max.nn"), """
                network Max {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init const(1.7976931348623157e308)
                  param b[1]
                  Z = (W - 1.7976931348623157e308) @ X + b
                  loss L = (Z - Y)^2 / 2
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertEquals("  W  1 x 1  its 1 entry  not checked: W at row 1, column 1 is 1.80e+308, too near the largest double "
                + "to be moved by a step of 2e-06 times it", lines[1]);
        assertTrue(lines[2].matches("  b  1 x 1  its 1 entry  relative difference \\S+  ok"), lines[2]);
        assertEquals("1 of 2 params not checked: none of their entries had a difference and a gradient that can be compared "
                + "(the reason is on the param's line)", lines[3]);
        assertEquals(4, lines.length, r.out());
    }

    /**
     * V's unit is always above 0, W's below: sqrt's input is the relu's 0, where sqrt has no derivative,
     * and W's derived gradient, 0.5 / sqrt(0) times the relu's slope of 0, is NaN. It was "relative
     * difference NaN  WRONG"; now W is not checked, and its line says why.
     */
    @Test
    void aGradientThatIsNotFiniteAtSqrtsZeroIsNotCheckedRatherThanCalledWrong() throws IOException {
        Path spec = Files.writeString(dir.resolve("edge.nn"), """
                network Edge {
                  input X[2]
                  target Y[1]
                  param V[1, 2] init randn(0.1)
                  param W[1, 2] init randn(0.1)
                  A = sqrt(relu(V @ X + 5)) + sqrt(relu(W @ X - 5))
                  loss L = (A - Y) * (A - Y) / 2
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].matches("  V  1 x 2  all 2 entries  relative difference \\S+  ok"), lines[1]);
        assertEquals("  W  1 x 2  all 2 entries  not checked: dJ/dW at row 1, column 1 is NaN: sqrt's input relu(W @ X - 5) "
                + "is 0 at row 1, column 1, where it has no derivative", lines[2]);
        assertEquals("1 of 2 params not checked: none of their entries had a difference and a gradient that can be compared "
                + "(the reason is on the param's line)", lines[3]);
    }

    /**
     * W near 1e6 steps by about 1, which moves the relu's input (W - 1e6) @ X + c, about 0.01 after the
     * jitter, by about X: across 0, where a difference sees half of each slope. That called W's right
     * gradient WRONG; now each such entry is left out, and W, with none left, is not checked.
     */
    @Test
    void aParamWhoseEveryStepCrossesAKinkIsNotCheckedRatherThanCalledWrong() throws IOException {
        Path spec = Files.writeString(dir.resolve("kinked.nn"), """
                network Kinked {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init const(1000000)
                  param c[1]
                  Z = relu((W - 1000000) @ X + c)
                  loss L = Z + 0 * Y
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].matches("  W  1 x 2  all 2 entries  not checked: moving W at row 1, column 1 from 999999\\.\\d+ to "
                + "1000000\\.\\d+ takes relu's input \\(W - 1000000\\) @ X \\+ c at row 1, column \\d+ across 0"), lines[1]);
        assertTrue(lines[2].matches("  c  1 x 1  its 1 entry    relative difference \\S+  ok"), lines[2]);
        assertEquals("1 of 2 params not checked: none of their entries had a difference and a gradient that can be compared "
                + "(the reason is on the param's line)", lines[3]);
        assertEquals(4, lines.length, r.out());
    }

    /**
     * As above with a pole for the kink: W's steps of about 1 take the divisor (W - 1e6) @ X + c, about
     * 0.01 after the jitter, across 0, where 1 / Z jumps from one infinity to the other; the difference
     * between the two called W's right gradient WRONG. c's steps of 1e-6 stay clear of it, and compare.
     */
    @Test
    void aParamWhoseEveryStepCrossesAPoleIsNotCheckedRatherThanCalledWrong() throws IOException {
        Path spec = Files.writeString(dir.resolve("pole.nn"), """
                network Pole {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init const(1000000)
                  param c[1]
                  A = 1 / ((W - 1000000) @ X + c)
                  loss L = (A - Y)^2 / 2
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].matches("  W  1 x 2  all 2 entries  not checked: moving W at row 1, column 1 from 999999\\.\\d+ to "
                + "1000000\\.\\d+ takes the divisor \\(W - 1000000\\) @ X \\+ c of 1 / \\(\\(W - 1000000\\) @ X \\+ c\\) at "
                + "row 1, column \\d+ onto, off or across 0"), lines[1]);
        assertTrue(lines[2].matches("  c  1 x 1  its 1 entry    relative difference \\S+  ok"), lines[2]);
        assertEquals(4, lines.length, r.out());
    }

    /**
     * W's steps of about 1 move the divisor (W - 1e6) @ X / 4 + 1 + c, about 1, by a quarter of X's
     * entries: the first entry's never across the pole, but so near it that the differences move by more than a
     * tenth when their step doubles, and three times that change (the allowance for their truncation) reached the
     * slope itself: W "agreed" within truncation, exit 0, and a doubled dW would have too; the second's measuring
     * steps cross it. Every entry of W is left out, as the generated gradient test leaves it out, and W is not
     * checked (exit 1).
     */
    @Test
    void aParamWhoseDifferencesBendNearAPoleIsNotCheckedRatherThanAgreeing() throws IOException {
        Path spec = Files.writeString(dir.resolve("near.nn"), """
                network Near {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init const(1000000)
                  param c[1]
                  A = 1 / ((W - 1000000) @ X / 4 + 1 + c)
                  loss L = (A - Y)^2 / 2
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        // Each entry for its own reason, both named (the verdict once named the first alone).
        assertEquals("  W  1 x 2  all 2 entries  not checked: 1 where the differences bend too much near a pole (the "
                + "differences of W at row 1, column 1 change by more than 10% when their step is doubled: a step is a "
                + "sizeable part of the way to a pole (of a log or a divisor, say), where they cannot tell a doubled "
                + "gradient from a right one), 1 where a step crosses a kink or a pole (moving W at row 1, column 2 from "
                + "999999.9749993251 to 1000001.9749992751 takes the divisor (W - 1000000) @ X / 4 + 1 + c of "
                + "1 / ((W - 1000000) @ X / 4 + 1 + c) at row 1, column 1 onto, off or across 0)", lines[1]);
        assertTrue(lines[2].matches("  c  1 x 1  its 1 entry    relative difference \\S+  ok"), lines[2]);
        assertEquals("1 of 2 params not checked: none of their entries had a difference and a gradient that can be compared "
                + "(the reason is on the param's line)", lines[3]);
        assertEquals(4, lines.length, r.out());
    }

    /** A param's line says how many of its entries no difference could be taken in, and why, whatever its verdict. */
    @Test
    void entriesLeftOutAreCountedAndExplainedOnTheParamsLine() {
        String why = "W at row 1, column 1 is 1.80e+308, too near the largest double to be moved by a step of 2e-06 times it";
        assertEquals("relative difference 1.00e-09  ok; 1 of 2 entries not compared: " + why,
                GradcheckCommand.verdict(new GradientCheck.ParamResult("W", 1, 2, 2, 1e-9, 1e-9, 0, 0, 1, why, false)));
        assertEquals("relative difference 5.00e-01  WRONG; 1 of 2 entries not compared: " + why,
                GradcheckCommand.verdict(new GradientCheck.ParamResult("W", 1, 2, 2, 0.5, 1, 1e-9, 0, 1, why, false)));
        assertEquals("not checked: " + why,
                GradcheckCommand.verdict(new GradientCheck.ParamResult("W", 1, 2, 2, 0, 0, 0, 0, 2, why, false)));
    }

    /**
     * A cost of about 1e-12: the floor scales with it, so b's gradient of about 1e-12 is compared, W's
     * (a quartic of a param of 3e-4) is within the truncation error that a small param gives steps of
     * 1e-6, and c's, 1e-30, within rounding; each verdict says which.
     */
    @Test
    void aTinyCostIsComparedAndEachExcuseIsNamed() throws IOException {
        Path spec = Files.writeString(dir.resolve("tiny.nn"), """
                network Tiny {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init zeros
                  param b[1]
                  param c[1]
                  Z = W @ X
                  loss L = Z^4 / 4 + 1e-12 * (b - Y)^2 / 2 + 1e-30 * c * Y
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        String[] lines = r.out().split("\n");
        assertTrue(lines[1].matches("  W  1 x 1  its 1 entry  relative difference \\S+  ok \\(\\|g - g_fd\\| = \\S+ <= \\S+, "
                + "the differences' truncation error \\(measured with 2h\\): not compared at 1e-07\\)"), lines[1]);
        assertTrue(lines[2].matches("  b  1 x 1  its 1 entry  relative difference \\S+  ok"), lines[2]);
        assertTrue(lines[3].matches("  c  1 x 1  its 1 entry  relative difference 1\\.00e\\+00  ok \\(\\|g - g_fd\\| = \\S+ <= \\S+, "
                + "the differences' rounding: too small to compare\\)"), lines[3]);
        assertTrue(lines[4].matches("every compared gradient agrees with finite differences \\(largest relative difference \\S+ < 1e-07; "
                + "1 of 3 params within rounding and 1 within the differences' truncation error, not compared\\)"), lines[4]);
        assertEquals(5, lines.length, r.out());
    }

    /**
     * A gradient checked on a sample of its entries agrees there only (a slip in one row of a large dW is missed about as
     * often as the sample passes over it): the verdict says how many params were sampled and what checks every entry.
     */
    @Test
    void aVerdictOnSampledParamsSaysSo() {
        // planar: every param has at most 8 entries; --entries 3 samples W1 (4 x 2) and W2 (1 x 4), b1 (4 x 1) too.
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn", "--entries", "3");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("  W1  4 x 2  3 of 8 entries (seeded sample)  "), r.out());
        assertTrue(r.out().matches("(?s).*\nevery gradient agrees with finite differences \\(largest relative difference \\S+ < 1e-07; "
                + "3 of 4 params checked on a seeded sample of their entries \\(--entries 8 checks every one\\)\\)\n"), r.out());
        MainTest.Run all = MainTest.run("gradcheck", "samples/planar.nn", "--entries", "8");
        assertTrue(all.out().matches("(?s).*\nevery gradient agrees with finite differences \\(largest relative difference \\S+ < 1e-07\\)\n"),
                all.out());
    }
}
