package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A network whose one-row output is neither a sigmoid's value nor a logit is a regression: {@code train} takes any
 * number as its label and scores the root mean squared error; {@code predict} prints the output.
 */
class RegressionTrainingTest {
    private static final String SPEC = """
            network Line {
              input X[3]
              target Y[1]
              dense 8 tanh
              dense 1 linear
              loss mse
              train {
                optimizer gd(lr = 0.1)
                batch 32
                epochs 200
                seed 0
              }
            }
            """;

    /** The noise added to the labels: no model can score an RMSE much below it. */
    private static final double NOISE = 0.1;

    @TempDir
    static Path dir;

    private static Path spec;

    @BeforeAll
    static void write() throws IOException {
        spec = Files.writeString(dir.resolve("line.nn"), SPEC);
        Files.writeString(dir.resolve("line.csv"), examples(500, 1, true));
        Files.writeString(dir.resolve("unlabelled.csv"), examples(4, 2, false));
    }

    /** y = 1.5 a - 2 b + 0.5 c + 3 plus normal noise: labels far from 0 and 1, negative ones too. */
    private static String examples(int count, long seed, boolean labelled) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder csv = new StringBuilder(labelled ? "a,b,c,y\n" : "a,b,c\n");
        for (int i = 0; i < count; i++) {
            double a = 2 * random.nextDouble() - 1;
            double b = 2 * random.nextDouble() - 1;
            double c = 2 * random.nextDouble() - 1;
            double y = 1.5 * a - 2 * b + 0.5 * c + 3 + NOISE * (2 * random.nextDouble() - 1) * Math.sqrt(3);
            csv.append(String.format(Locale.ROOT, "%.6f,%.6f,%.6f", a, b, c));
            csv.append(labelled ? String.format(Locale.ROOT, ",%.6f%n", y) : "\n");
        }
        return csv.toString();
    }

    private static double rmse(String line, String text) {
        Matcher m = Pattern.compile(Pattern.quote(line) + " cost \\S+  RMSE (\\S+) \\((\\d+) examples\\)").matcher(text);
        assertTrue(m.find(), "no '" + line + "' RMSE line in:\n" + text);
        return Double.parseDouble(m.group(1));
    }

    @Test
    void trainScoresTheRootMeanSquaredErrorAndPredictPrintsTheOutput() {
        Path params = dir.resolve("line.json");
        Run trained = MainTest.run("train", spec.toString(), "--data", dir.resolve("line.csv").toString(),
                "--save", params.toString());
        assertEquals(0, trained.code(), trained.out() + trained.err());
        // Labels from 0.5 to 5.5 with noise of 0.1: a model that learnt nothing scores about 1.3.
        assertTrue(rmse("training:", trained.out()) < 2 * NOISE, trained.out());
        assertTrue(rmse("held out:", trained.out()) < 2 * NOISE, trained.out());
        assertTrue(trained.out().contains("(100 examples)"), trained.out());

        Run predicted = MainTest.run("predict", spec.toString(), "--params", params.toString(),
                "--data", dir.resolve("unlabelled.csv").toString());
        assertEquals(0, predicted.code(), predicted.err());
        String[] lines = predicted.out().split("\n");
        assertEquals("A2", lines[0], "a regression's one column: its output");
        String[] rows = examples(4, 2, false).split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] x = rows[i].split(",");
            double truth = 1.5 * Double.parseDouble(x[0]) - 2 * Double.parseDouble(x[1]) + 0.5 * Double.parseDouble(x[2]) + 3;
            assertEquals(truth, Double.parseDouble(lines[i]), 4 * NOISE, "row " + i + ": " + predicted.out());
        }
        assertEquals(5, lines.length);

        Run scored = MainTest.run("predict", spec.toString(), "--params", params.toString(),
                "--data", dir.resolve("line.csv").toString());
        assertEquals(0, scored.code(), scored.err());
        assertTrue(scored.err().matches("(?s).*RMSE 0\\.\\d+ against the label column \\(500 rows\\)\n"), scored.err());
    }

    /** Labels near 1e100 make a cost whose rounding hides every gradient: gradcheck says it compared none. */
    @Test
    void gradcheckDoesNotClaimAgreementItCouldNotCheck() throws IOException {
        StringBuilder csv = new StringBuilder("a,b,c,y\n");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 20; i++) {
            csv.append(String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%s%n", random.nextDouble(), random.nextDouble(),
                    random.nextDouble(), i % 2 == 0 ? "1e100" : "-1e100"));
        }
        Path huge = Files.writeString(dir.resolve("huge.csv"), csv.toString());
        // The weights' are said to be left out, not to agree. The output bias's gradient is 0, the labels cancelling
        // in pairs, and so are its differences: it compared only zeros, which checks nothing (it passed as the one
        // gradient compared, before gradcheck told zeros apart).
        Run some = MainTest.run("gradcheck", spec.toString(), "--data", huge.toString());
        assertEquals(1, some.code(), some.out() + some.err());
        assertTrue(some.out().endsWith("\nno gradient could be compared but as zeros: 1 of 4 params compared only zeros (see the warning);"
                + " 3 of 4 params within rounding, not compared\n"), some.out());
        // Without a bias nothing compares: not a pass.
        Path noBias = Files.writeString(dir.resolve("nobias.nn"), """
                network NoBias {
                  input X[3]
                  target Y[1]
                  param W1[1, 3] init randn(0.01)
                  Z1 = W1 @ X
                  loss L = (Z1 - Y)^2 / 2
                  cost J = mean(L)
                }
                """);
        Run none = MainTest.run("gradcheck", noBias.toString(), "--data", huge.toString());
        assertEquals(1, none.code(), none.out() + none.err());
        assertTrue(none.out().endsWith("no gradient could be compared: finite differences of this cost cannot tell any param's "
                + "gradient from rounding (is the cost, or a term of it, very large? "
                + "without --data, gradcheck compares on random examples)\n"),
                none.out());
        Run onRandomExamples = MainTest.run("gradcheck", noBias.toString());
        assertEquals(0, onRandomExamples.code(), onRandomExamples.out() + onRandomExamples.err());
        Run usual = MainTest.run("gradcheck", spec.toString(), "--data", dir.resolve("line.csv").toString());
        assertEquals(0, usual.code(), usual.out() + usual.err());
        assertTrue(usual.out().contains("every gradient agrees with finite differences"), usual.out());
    }

    /** One example is one example, in both kinds of score line. */
    @Test
    void scoreLinesCountTheirExamples() {
        assertEquals("held out: cost 0.500000  RMSE 1.00000 (1 example)",
                TrainingResults.scoreLine("held out:", new dev.netgrad.data.Score.Rmse(0.5, 1, 1)));
        assertEquals("training: cost 0.500000  RMSE 1.00000 (2 examples)",
                TrainingResults.scoreLine("training:", new dev.netgrad.data.Score.Rmse(0.5, 1, 2)));
        assertEquals("held out: cost 0.500000  accuracy 100.00% (1/1)",
                TrainingResults.scoreLine("held out:", new dev.netgrad.data.Score.Accuracy(0.5, 1, 0, 1)));
    }

    /** An output with a NaN is no class: counted wrong, and the line says how many there were. */
    @Test
    void anAccuracyCountsNaNOutputsWrongAndSaysSo() {
        assertEquals("held out: cost NaN  accuracy 50.00% (2/4; 1 output with a NaN, counted wrong)",
                TrainingResults.scoreLine("held out:", new dev.netgrad.data.Score.Accuracy(Double.NaN, 2, 1, 4)));
        assertEquals("training: cost NaN  accuracy 0.00% (0/3; 3 outputs with a NaN, counted wrong)",
                TrainingResults.scoreLine("training:", new dev.netgrad.data.Score.Accuracy(Double.NaN, 0, 3, 3)));
    }

    @Test
    void aClassifiersLabelsStayZeroOrOne() throws IOException {
        Path classifier = Files.writeString(dir.resolve("logistic.nn"), SPEC.replace("dense 1 linear", "dense 1 sigmoid")
                .replace("loss mse", "loss cross_entropy"));
        Run r = MainTest.run("train", classifier.toString(), "--data", dir.resolve("line.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*line\\.csv:2:\\d+: error: label \\S+ is not a class index: target Y needs 0 or 1 \\(the label is the last column, 'y'\\)\n.*"),
                r.err());
    }
}
