package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The named diagnoses that fit a line by least squares (a wrong term in the param, a fixed 1/n beside
 * the regularizer's term, a batchnorm term left out), at gradients of ordinary size and near the ends
 * of the doubles (a deep sigmoid network's first layer is about 1e-239). {@link TwoTermFit}'s sums of
 * squares were unscaled: at 1e-200 they underflowed to 0, at 1e200 they overflowed, and the line was
 * only "does not equal". The same row must read the same at every scale. (A wrong term in the param
 * alone is fitted by sums of the param's squares and of its products with the difference, which the
 * random instance's params of about 1 keep far from the ends; its rows pin that.)
 */
class ExtremeScaleDiagnosesTest {
    private static final String REGULARIZED = """
            network Tiny {
              const lambda = LAMBDA
              input X[3]
              target Y[1]
              param W1[1, 3]
              param b1[1]
              Z1 = SCALE * (W1 @ X) + b1
              A1 = sigmoid(Z1)
              loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
              cost J = mean(L) + lambda / (2 * m) * sum(W1^2)
            }
            """;

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // SCALE in Z1 (lambda is 0.7 * SCALE) | the line as written | what the checker must say of it (LAMBDA: lambda's value)
        "1      | dW1 = 1/m * SCALE * dZ1 @ X.T                       | differs from dJ/dW1 by -LAMBDA/m * W1: the regularizer's term LAMBDA/m * W1 is missing",
        "1e-200 | dW1 = 1/m * SCALE * dZ1 @ X.T                       | differs from dJ/dW1 by -LAMBDA/m * W1: the regularizer's term LAMBDA/m * W1 is missing",
        "1e200  | dW1 = 1/m * SCALE * dZ1 @ X.T                       | differs from dJ/dW1 by -LAMBDA/m * W1: the regularizer's term LAMBDA/m * W1 is missing",
        "1      | dW1 = 1/m * SCALE * dZ1 @ X.T + 2 * lambda / m * W1 | differs from dJ/dW1 by LAMBDA/m * W1: it has the regularizer's term LAMBDA/m * W1 twice",
        "1e-200 | dW1 = 1/m * SCALE * dZ1 @ X.T + 2 * lambda / m * W1 | differs from dJ/dW1 by LAMBDA/m * W1: it has the regularizer's term LAMBDA/m * W1 twice",
        "1e200  | dW1 = 1/m * SCALE * dZ1 @ X.T + 2 * lambda / m * W1 | differs from dJ/dW1 by LAMBDA/m * W1: it has the regularizer's term LAMBDA/m * W1 twice",
        "1      | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda * W1         | a term LAMBDA * W1 is missing its 1/m",
        "1e-200 | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda * W1         | a term LAMBDA * W1 is missing its 1/m",
        "1e200  | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda * W1         | a term LAMBDA * W1 is missing its 1/m",
        "1      | dW1 = 1/128 * SCALE * dZ1 @ X.T + lambda / m * W1   | has a fixed 1/128 where 1/m belongs in the term other than LAMBDA/m * W1",
        "1e-200 | dW1 = 1/128 * SCALE * dZ1 @ X.T + lambda / m * W1   | has a fixed 1/128 where 1/m belongs in the term other than LAMBDA/m * W1",
        "1e200  | dW1 = 1/128 * SCALE * dZ1 @ X.T + lambda / m * W1   | has a fixed 1/128 where 1/m belongs in the term other than LAMBDA/m * W1",
        "1      | dW1 = SCALE * dZ1 @ X.T + lambda / m * W1           | is missing the cost's 1/m in the term other than LAMBDA/m * W1",
        "1e-200 | dW1 = SCALE * dZ1 @ X.T + lambda / m * W1           | is missing the cost's 1/m in the term other than LAMBDA/m * W1",
        "1e200  | dW1 = SCALE * dZ1 @ X.T + lambda / m * W1           | is missing the cost's 1/m in the term other than LAMBDA/m * W1",
        "1      | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda / m * W1     | CORRECT",
        "1e-200 | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda / m * W1     | CORRECT",
        "1e200  | dW1 = 1/m * SCALE * dZ1 @ X.T + lambda / m * W1     | CORRECT",
    })
    void aWrongRegularizerTermIsNamedAtEveryScale(String scale, String line, String expected) throws Exception {
        String lambda = scale.equals("1") ? "0.7" : "0.7" + scale.substring(1); // 0.7e-200, 0.7e200
        Network net = SpecReader.read("tiny.nn", REGULARIZED.replace("SCALE", scale).replace("LAMBDA", lambda));
        String written = line.replace("SCALE", scale);
        String shown = lambda.equals("0.7") ? "0.7" : dev.netgrad.ir.ExprPrinter.number(Double.parseDouble(lambda));
        assertJudged(checkWithLine(net, written), written, expected.replace("LAMBDA", shown));
    }

    /** A batchnorm's dZ1 without one of its batch terms, its gradients scaled by SCALE after the normalization. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // SCALE after the batchnorm | the line as written | what the checker must say of it
        "1      | dZ1 = dZn1 * gamma1 / Zn1_std | leaves out both batch terms",
        "1e-200 | dZ1 = dZn1 * gamma1 / Zn1_std | leaves out both batch terms",
        "1e200  | dZ1 = dZn1 * gamma1 / Zn1_std | leaves out both batch terms",
        "1      | dZ1 = gamma1 / Zn1_std * (dZn1 - mean(dZn1, axis=1)) | leaves out the variance's term",
        "1e-200 | dZ1 = gamma1 / Zn1_std * (dZn1 - mean(dZn1, axis=1)) | leaves out the variance's term",
        "1e200  | dZ1 = gamma1 / Zn1_std * (dZn1 - mean(dZn1, axis=1)) | leaves out the variance's term",
    })
    void aBatchnormTermLeftOutIsNamedAtEveryScale(String scale, String line, String expected) throws Exception {
        Network net = SpecReader.read("bn.nn", """
                network Bn {
                  input X[3]
                  target Y[1]
                  param W1[2, 3]
                  param gamma1[2]
                  param beta1[2]
                  param W2[1, 2]
                  param b2[1]
                  Z1 = W1 @ X
                  Zn1 = batchnorm(Z1, gamma1, beta1)
                  A1 = sigmoid(Zn1)
                  Z2 = SCALE * (W2 @ A1) + b2
                  A2 = sigmoid(Z2)
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L)
                }
                """.replace("SCALE", scale));
        assertJudged(checkWithLine(net, line), line, expected);
    }

    /**
     * Derivatives that are subnormal keep a few bits (1e-320 is about 2,000 times the smallest double), so a
     * right line and the reference round apart by more than any multiple of the unit roundoff: netgrad's own
     * dW was "does not equal". The allowance for underflow is a few times its bound, so a line off by 10%
     * there, or by 1% at 1e-315, is still wrong.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        // SCALE in A = sigmoid(SCALE * Z) | the line as written | what the checker must say of it
        "1e-320 | dW = 1/m * dZ @ X.T        | CORRECT",
        "1e-320 | dZ = 1e-320 * (A - Y)      | CORRECT",
        "1e-322 | dW = 1/m * dZ @ X.T        | CORRECT",
        "1e-315 | dW = 1/m * dZ @ X.T        | CORRECT",
        "1e-320 | dW = dZ @ X.T              | does not equal dJ/dW",
        "1e-320 | dW = 1/m * dZ @ X.T * 1.5  | does not equal dJ/dW",
        "1e-320 | dZ = 1.1e-320 * (A - Y)    | does not equal dL/dZ",
        "1e-322 | dW = dZ @ X.T              | does not equal dJ/dW",
        "1e-315 | dW = 1/m * dZ @ X.T * 1.01 | is off by a constant factor",
    })
    void subnormalDerivativesAreJudgedToTheBitsTheyHave(String scale, String line, String expected) throws Exception {
        Network net = SpecReader.read("sub.nn", """
                network Sub {
                  input X[3]
                  target Y[1]
                  param W[1, 3]
                  Z = W @ X
                  A = sigmoid(SCALE * Z)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L)
                }
                """.replace("SCALE", scale));
        assertJudged(checkWithLine(net, line), line, expected);
    }

    /** netgrad's derivation of {@code net} with {@code line} put in place of the line of its name. */
    private static Report checkWithLine(Network net, String line) throws Exception {
        String name = nameOf(line);
        StringBuilder eq = new StringBuilder();
        for (String written : TextPrinter.print(Deriver.derive(net, Convention.LOSS)).split("\n")) {
            eq.append(written.startsWith(name + " = ") ? line : written).append('\n');
        }
        return EquationChecker.check(net, SpecReader.readEquations("eq", eq.toString(), net, Deriver.derivativeNames(net)));
    }

    private static String nameOf(String line) {
        return line.substring(0, line.indexOf('=')).trim();
    }

    /** {@code expected} is CORRECT (and the whole check passes), or a part of the message of a WRONG verdict. */
    private static void assertJudged(Report r, String line, String expected) {
        Verdict v = r.verdicts().stream().filter(x -> x.line().name().equals(nameOf(line))).findFirst().orElseThrow();
        if (expected.equals("CORRECT")) {
            assertEquals(Status.CORRECT, v.status(), v.message());
            assertTrue(r.passed(), r.verdicts().toString());
        } else {
            assertEquals(Status.WRONG, v.status(), v.message());
            assertTrue(v.message().contains(expected), v.message());
        }
    }
}
