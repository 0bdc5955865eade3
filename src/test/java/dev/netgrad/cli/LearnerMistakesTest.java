package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deep-learning course's classic backprop mistakes, one at a time, as a learner writes them into {@code derive}'s
 * own right lines: the line given replaces the line of the same name (several lines, one per {@code \n}; a
 * {@code -NAME} drops NAME's line, a {@code +LINE} is added first and a {@code >LINE} last, {@code NAME -> LINE}
 * replaces NAME's line by one of another name). Each row says what
 * {@code check} must answer about the last line it gives, next to the line: RIGHT (exit 0, the line ok or a helper),
 * WRONG (exit 1, an error at that line holding the words) or REFUSED (exit 2, an error holding the words), at that
 * line unless the words start with another place, and never a stack trace.
 */
class LearnerMistakesTest {
    private static final String PLANAR = "samples/planar.nn";
    private static final String DEEP = "src/test/resources/check/learner_deep.nn";
    private static final String L2 = "samples/regularized.nn";
    private static final String SOFTMAX = "src/test/resources/check/softmax.nn";
    private static final String BATCHNORM = "samples/batchnorm.nn";
    private static final String ROOT = "src/test/resources/check/root_unit.nn";
    private static final Map<String, List<String>> DERIVED = new HashMap<>();

    private enum Verdict { RIGHT, WRONG, REFUSED }

    private static Arguments row(String spec, String convention, String lines, Verdict verdict, String words) {
        return Arguments.of(spec.substring(spec.lastIndexOf('/') + 1) + " " + convention + ": " + lines.replace("\n", " | "),
                spec, convention, lines, verdict, words);
    }

    static Stream<Arguments> mistakes() {
        Verdict right = Verdict.RIGHT;
        Verdict wrong = Verdict.WRONG;
        Verdict refused = Verdict.REFUSED;
        return Stream.of(
                // 1/m: twice, missing, on dW but not db, written / m, the sums.
                row(PLANAR, "loss", "dZ2 = 1/m * (A2 - Y)\ndW2 = 1/m * dZ2 @ A1.T", wrong,
                        "dW2 applies 1/m twice: it equals 1/m * dJ/dW2. The first 1/m is already in dZ2 (line 1)"),
                row(PLANAR, "loss", "dZ2 = 1/m * (A2 - Y)\ndW1 = 1/m * dZ1 @ X.T", wrong,
                        "dW1 applies 1/m twice: it equals 1/m * dJ/dW1. The first 1/m is already in dZ1 (line 5), which is"
                        + " dJ/dZ1 (the 1/m entered at dZ2, line 1)"),
                row(PLANAR, "loss", "dW2 = dZ2 @ A1.T", wrong,
                        "dW2 is d(sum L)/dW2, not dJ/dW2: the 1/m of the cost's mean is missing on this path. dZ2 is dL/dZ2,"
                        + " without 1/m; multiply by 1/m here, as in dW2 = 1/m * dZ2 @ A1.T."),
                row(PLANAR, "loss", "db1 = sum(dZ1, axis=1)", wrong, "db1 is d(sum L)/db1, not dJ/db1"),
                // A line that reads no derivative has no earlier line to blame.
                row(PLANAR, "loss", "dW2 = (A2 - Y) @ A1.T", wrong, "dW2 is d(sum L)/dW2, not dJ/dW2: the 1/m of the cost's mean"
                        + " is missing on this path. Multiply by 1/m once."),
                row(PLANAR, "loss", "dW2 = 1/m * 1/m * 1/m * dZ2 @ A1.T", wrong, "dW2 applies 1/m three times (it equals 1/m^2 *"
                        + " dJ/dW2)"),
                // A param's line with 1/2 for 1/m is a batch of 2 written for m (a per-example line's 1/2 is a constant).
                row(PLANAR, "loss", "dW2 = 1/2 * dZ2 @ A1.T", wrong, "dW2 has a fixed 1/2 where 1/m belongs: it is m/2 * dJ/dW2,"
                        + " right only for a batch of 2 examples; netgrad derives dW2 = 1/m * dZ2 @ A1.T"),
                row(PLANAR, "loss", "dW2 = dZ2 @ A1.T / m", right, "ok: equals dJ/dW2"),
                row(PLANAR, "loss", "db2 = sum(dZ2, axis=1) / m", right, "ok: equals dJ/db2"),
                row(PLANAR, "loss", "db2 = 1/m * sum(dZ2)", right, "ok: equals dJ/db2"), // dZ2 is 1 x m: every entry is its row
                row(PLANAR, "loss", "db1 = 1/m * sum(dZ1)", wrong, "db1 has shape 1 x 1, but b1 is 4 x 1: the sum is over the"
                        + " wrong axis: sum(dZ1) adds up every entry; write sum(dZ1, axis=1)"),
                row(PLANAR, "loss", "db1 = 1/m * sum(dZ1, axis=0)", wrong, "the sum is over the wrong axis: sum(dZ1, axis=0) adds"
                        + " up each example's entries; write sum(dZ1, axis=1)"),
                row(PLANAR, "loss", "db1 = mean(dZ1, axis=1)", right, "ok: equals dJ/db1"),
                row(PLANAR, "loss", "dW2 = 1/400 * dZ2 @ A1.T", wrong, "dW2 has a fixed 1/400 where 1/m belongs: it is m/400 *"
                        + " dJ/dW2, right only for a batch of 400 examples"),
                row(PLANAR, "loss", "dW2 = m * dZ2 @ A1.T", wrong, "off by a factor of m^2"),
                row(PLANAR, "cost", "dW2 = 1/m * dZ2 @ A1.T", wrong, "dW2 applies 1/m twice"),
                row(PLANAR, "cost", "dZ2 = A2 - Y\ndW2 = dZ2 @ A1.T", wrong, "dW2 is d(sum L)/dW2, not dJ/dW2"),
                row(PLANAR, "cost", "dZ2 = (A2 - Y) / m", right, "ok: equals dJ/dZ2"),
                row(PLANAR, "cost", "db1 = sum(dZ1, axis=0)", wrong, "the sum is over the wrong axis"),
                row(DEEP, "loss", "dZ4 = 1/m * (A4 - Y)\ndW4 = 1/m * dZ4 @ A3.T", wrong, "dW4 applies 1/m twice"),
                row(DEEP, "cost", "dZ4 = A4 - Y\ndW4 = dZ4 @ A3.T", wrong, "dW4 is d(sum L)/dW4, not dJ/dW4"),
                // Transposes: a shape error that shows the product that fits, or a transposed result.
                row(PLANAR, "loss", "dW2 = 1/m * dZ2 @ A1", refused, "inner dimensions of '@' do not match: 1 x m @ 4 x m (m"
                        + " columns against 4 rows); 1/m * dZ2 @ A1.T would fit, giving 1 x 4, the shape of dW2"),
                row(PLANAR, "loss", "dW2 = 1/m * A1.T @ dZ2", refused, "m x 4 @ 1 x m (4 columns against 1 row); 1/m * dZ2 @"
                        + " A1.T would fit, giving 1 x 4, the shape of dW2"),
                row(PLANAR, "loss", "dW1 = 1/m * X.T @ dZ1", refused, "; 1/m * dZ1 @ X.T would fit, giving 4 x 2, the shape of"
                        + " dW1"),
                row(PLANAR, "loss", "dW1 = 1/m * X @ dZ1.T", wrong, "dW1 has shape 2 x 4, but W1 is 4 x 2: the result is"
                        + " transposed"),
                row(PLANAR, "loss", "dA1 = W2 @ dZ2", refused, "; W2.T @ dZ2 would fit, giving 4 x m, the shape of dA1"),
                row(PLANAR, "loss", "dA1 = dZ2 @ W2", refused, "; W2.T @ dZ2 would fit, giving 4 x m, the shape of dA1"),
                row(PLANAR, "loss", "dZ1 = W2 @ dZ2 * (1 - A1^2)", refused, "; W2.T @ dZ2 would fit, giving 4 x m, the shape of"
                        + " dZ1"),
                row(DEEP, "loss", "dW2 = 1/m * dZ2.T @ A1", refused, "; 1/m * dZ2 @ A1.T would fit, giving 4 x 5, the shape of"
                        + " dW2"),
                row(DEEP, "loss", "dA2 = W3 @ dZ3", refused, "; W3.T @ dZ3 would fit, giving 4 x m, the shape of dA2"),
                // numpy's np.dot written as '*': the product that fits, where '*' does not broadcast or gives another shape.
                row(DEEP, "loss", "dW2 = 1/m * dZ2 * A1.T", refused, "cannot broadcast 4 x m and m x 5 in '*': '*' multiplies"
                        + " entry by entry, and the matrix product (numpy's np.dot) is '@'; 1/m * dZ2 @ A1.T would fit, giving"
                        + " 4 x 5, the shape of dW2"),
                row(DEEP, "loss", "dA2 = W3.T * dZ3", refused, "'@'; W3.T @ dZ3 would fit, giving 4 x m, the shape of dA2"),
                row(PLANAR, "loss", "dW1 = 1/m * X * dZ1", refused, "'@'; 1/m * dZ1 @ X.T would fit, giving 4 x 2"),
                row(PLANAR, "loss", "dW2 = 1/m * dZ2 * A1", wrong, "dW2 has shape 4 x m, but W2 is 1 x 4: '*' multiplies entry by"
                        + " entry, and the matrix product (numpy's np.dot) is '@'; write dW2 = 1/m * dZ2 @ A1.T"),
                row(DEEP, "loss", "dW4 = dZ4 * A3 / m", wrong, "'@'; write dW4 = dZ4 @ A3.T / m"),
                row(PLANAR, "loss", "dA1 = W2.T * dZ2", right, "ok: equals dL/dA1"), // 4 x 1 times 1 x m: the outer product
                // A derivative line of the wrong shape is the mistake, not the product that reads it.
                row(PLANAR, "loss", "dZ2 = (A2 - Y).T", refused, "dZ2 has shape m x 1, but Z2 is 1 x m: the result is transposed"
                        + " (line 2 reads it)"),
                // Activation derivatives.
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - A1)", wrong,
                        "dZ1 has the wrong derivative of tanh: for A1 = tanh(Z1), dZ1 = dA1 * (1 - A1^2)"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - Z1^2)", wrong, "dZ1 has the wrong derivative of tanh (with Z1 where the"
                        + " derivative in terms of the output reads A1): for A1 = tanh(Z1), dZ1 = dA1 * (1 - A1^2)"),
                // g'(A) for g'(Z): the derivative taken at the activation's output.
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - tanh(A1)^2)", wrong, "dZ1 has the wrong derivative of tanh (taken at A1,"
                        + " the activation's output, where it is taken at Z1): for A1 = tanh(Z1), dZ1 = dA1 * (1 - A1^2)"),
                row(PLANAR, "loss", "+dA2 = (1 - Y) / (1 - A2) - Y / A2\ndZ2 = dA2 * sigmoid(A2) * (1 - sigmoid(A2))", wrong,
                        "dZ2 has the wrong derivative of sigmoid (taken at A2, the activation's output, where it is taken at Z2)"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - A1)^2", wrong, "dZ1 has the wrong derivative of tanh"),
                // The dA written out anywhere in the line: the right factor of a product, a quotient's numerator, under a minus.
                row(PLANAR, "loss", "dZ1 = A1 * (1 - A1) * (W2.T @ dZ2)", wrong, "dZ1 has the wrong derivative of tanh (W2.T @ dZ2"
                        + " * A1 * (1 - A1) is sigmoid's): for A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)"),
                row(PLANAR, "loss", "dZ1 = W2.T @ dZ2 / (1 - A1^2)", wrong, "dZ1 has the wrong derivative of tanh: for A1 = tanh(Z1),"
                        + " dZ1 = W2.T @ dZ2 * (1 - A1^2)"),
                row(PLANAR, "loss", "dZ1 = -(W2.T @ dZ2) * A1", wrong, "dZ1 has the wrong derivative of tanh: for A1 = tanh(Z1),"
                        + " dZ1 = W2.T @ dZ2 * (1 - A1^2)"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - A1**2)", right, "ok: equals dL/dZ1"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - A1 * A1)", right, "ok: equals dL/dZ1"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - tanh(Z1)^2)", right, "ok: equals dL/dZ1"),
                row(PLANAR, "loss", "dZ1 = dA1", wrong, "dZ1 has the wrong derivative of tanh: for A1 = tanh(Z1), dZ1 = dA1 *"
                        + " (1 - A1^2)"),
                row(PLANAR, "loss", "dZ1 = dA1 * A1 * (1 - A1)", wrong,
                        "dZ1 has the wrong derivative of tanh (dA1 * A1 * (1 - A1) is sigmoid's)"),
                row(PLANAR, "loss", "dZ1 = W2.T @ dZ2 * (1 - A1)", wrong, "for A1 = tanh(Z1), dZ1 = W2.T @ dZ2 * (1 - A1^2)"),
                row(PLANAR, "loss", "dZ2 = -(Y / A2 - (1 - Y) / (1 - A2)) * A2 * (1 - A2)", right, "ok: equals dL/dZ2"),
                row(PLANAR, "loss", "dZ2 = Y - A2", wrong, "dZ2 has the wrong sign: it equals -dL/dZ2"),
                // One term's sign slipped, the line's own sign right: the smallest expression that holds it, and its fix.
                row(PLANAR, "loss", "+dA2 = -Y / A2 - (1 - Y) / (1 - A2)", wrong, "dA2 has a term of the wrong sign:"
                        + " -Y / A2 - (1 - Y) / (1 - A2) should be -Y / A2 + (1 - Y) / (1 - A2)"),
                row(PLANAR, "loss", "dZ2 = A2 + Y", wrong, "dZ2 has a term of the wrong sign: A2 + Y should be A2 - Y"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 + A1^2)", wrong, "dZ1 has the wrong derivative of tanh"), // its own name first
                row(L2, "loss", "dW2 = 1/m * dZ2 @ A1.T - lambda/m * W2", wrong, "dW2 has a term of the wrong sign:"
                        + " 1/m * dZ2 @ A1.T - lambda/m * W2 should be 1/m * dZ2 @ A1.T + lambda/m * W2"),
                row(DEEP, "loss", "dA2 = -W3.T @ dZ3", wrong, "dA2 has the wrong sign: it equals -dL/dA2"), // the whole line
                // A minus left out, and a slip that leaves a function's domain (named after the NaN it makes).
                row(PLANAR, "loss", "+dA2 = Y / A2 + (1 - Y) / (1 - A2)", wrong, "dA2 has a minus missing:"
                        + " Y / A2 + (1 - Y) / (1 - A2) should be -(Y / A2) + (1 - Y) / (1 - A2)"),
                row(ROOT, "loss", "dZ1 = dA1 * Z1 / sqrt(1 + Z1^2)", right, "ok: equals dL/dZ1"),
                row(ROOT, "loss", "dZ1 = dA1 * Z1 / sqrt(1 - Z1^2)", wrong, "where dL/dZ1 is finite: the line has a term of the"
                        + " wrong sign: 1 - Z1^2 should be 1 + Z1^2"),
                row(DEEP, "loss", "dZ2 = dA2 * (A2 > 0)", right, "ok: equals dL/dZ2"),
                row(DEEP, "loss", "dZ2 = dA2 * (Z2 >= 0)", right, "ok: equals dL/dZ2"), // differs only where Z2 is exactly 0
                row(DEEP, "loss", "dZ2 = dA2 * (A2 >= 0)", wrong, "dZ2 has the wrong derivative of relu: for A2 = relu(Z2), dZ2"
                        + " = dA2 * (Z2 > 0)"),
                row(DEEP, "loss", "dZ2 = dA2", wrong, "dZ2 has the wrong derivative of relu"),
                row(DEEP, "loss", "dZ2 = dA2 * A2", wrong, "dZ2 has the wrong derivative of relu"),
                row(DEEP, "loss", "dZ2 = dA2 * (Z2 < 0)", wrong, "dZ2 has the wrong derivative of relu"),
                row(DEEP, "loss", "dZ3 = dA3 * A3 * (1 - A3)", wrong, "dZ3 has the wrong derivative of relu (dA3 * A3 * (1 - A3)"
                        + " is sigmoid's)"),
                // L2.
                row(L2, "loss", "dW2 = lambda/m * W2 + 1/m * dZ2 @ A1.T", right, "ok: equals dJ/dW2"),
                row(L2, "loss", "dW2 = 1/m * dZ2 @ A1.T + 0.7/m * W2", right, "ok: equals dJ/dW2"),
                row(L2, "loss", "dW2 = 1/m * (dZ2 @ A1.T + lambda * W2)", right, "ok: equals dJ/dW2"),
                row(L2, "loss", "dW2 = 1/m * dZ2 @ A1.T + lambda * W2", wrong,
                        "a term 0.7 * W2 is missing its 1/m (the regularizer's is 0.7/m * W2)"),
                row(L2, "loss", "dW2 = 1/m * dZ2 @ A1.T + lambda/(2*m) * W2", wrong,
                        "its term in W2 is half the regularizer's 0.7/m * W2"),
                row(L2, "loss", "dW2 = 1/m * dZ2 @ A1.T", wrong, "the regularizer's term 0.7/m * W2 is missing"),
                row(L2, "loss", "dW2 = 1/m * (dZ2 @ A1.T + lambda/m * W2)", wrong, "a term 0.7/m^2 * W2 has 1/m twice"),
                row(L2, "loss", "dZ3 = A3 - Y + lambda/m * W3", refused, "cannot broadcast 1 x m and 1 x 3 in '+': 'lambda/m *"
                        + " W3', a term in the param W3 alone (as a regularizer's is), belongs on dW3's line, not dZ3's"),
                row(L2, "loss", "dZ2 = dA2 * (Z2 > 0) + lambda/m * W2", refused, "belongs on dW2's line, not dZ2's"),
                row(L2, "loss", "db2 = 1/m * sum(dZ2, axis=1) + lambda/m * W2", wrong,
                        "db2 has shape 3 x 20, but b2 is 3 x 1: 'lambda/m * W2', a term in the param W2 alone (as a regularizer's is),"
                        + " belongs on dW2's line"),
                row(L2, "cost", "dW2 = dZ2 @ A1.T + lambda * W2", wrong, "a term 0.7 * W2 is missing its 1/m"),
                row(L2, "cost", "dW2 = 1/m * dZ2 @ A1.T + lambda/m * W2", wrong,
                        "dW2 applies 1/m twice in the term other than 0.7/m * W2"),
                // Softmax with cross-entropy.
                row(SOFTMAX, "loss", "dZ2 = A2 - Y", right, "ok: equals dL/dZ2"),
                row(SOFTMAX, "loss", "dZ2 = (A2 - Y) * A2 * (1 - A2)", wrong,
                        "dZ2 does not equal dL/dZ2 or dJ/dZ2; netgrad derives dZ2 = A2 - Y"),
                // The cross-entropy's dA2 = -Y / A2 through sigmoid's derivative: softmax's rule on it, and what that simplifies to.
                row(SOFTMAX, "loss", "dZ2 = -Y / A2 * A2 * (1 - A2)", wrong, "for A2 = softmax(Z2), dZ2 = A2 * (-Y / A2 + sum(Y * A2 / A2,"
                        + " axis=0)); that is netgrad's dZ2 = A2 - Y, without the division by A2"),
                row(SOFTMAX, "loss", "dZ2 = Y - A2", wrong, "dZ2 has the wrong sign"),
                // The true class's 1 written for every row: a number where the target belongs.
                row(SOFTMAX, "loss", "dZ2 = A2 - 1", wrong, "dZ2 has 1 where the target Y belongs: A2 - 1 should be A2 - Y"
                        + " (a one-hot Y is 1 only in each example's true class)"),
                row(PLANAR, "loss", "dZ2 = A2 - 1", wrong, "dZ2 has 1 where the target Y belongs: A2 - 1 should be A2 - Y"),
                row(SOFTMAX, "loss", "dZ2 = 1/m * (A2 - Y)\ndW2 = 1/m * dZ2 @ A1.T", wrong, "dW2 applies 1/m twice"),
                row(SOFTMAX, "cost", "dW2 = 1/m * dZ2 @ A1.T", wrong, "dW2 applies 1/m twice"),
                row(SOFTMAX, "loss", "db2 = 1/m * sum(dZ2)", wrong, "db2 has shape 1 x 1, but b2 is 3 x 1: the sum is over the"
                        + " wrong axis"),
                // Batchnorm.
                row(BATCHNORM, "loss", "dZ1 = dZn1_c", wrong, "dZ1 leaves out the mean's term"),
                row(BATCHNORM, "loss", "dZ2 = 1/m * (P - Y)\ndW2 = 1/m * dZ2 @ A1.T", wrong, "dW2 applies 1/m twice"),
                row(BATCHNORM, "cost", "dZ2 = P - Y\ndW2 = dZ2 @ A1.T", wrong, "dW2 is d(sum L)/dW2, not dJ/dW2"),
                row(BATCHNORM, "loss", "dbeta1 = 1/m * sum(dZn1, axis=0)", wrong, "the sum is over the wrong axis"),
                row(BATCHNORM, "loss", "dgamma1 = 1/m * sum(dZn1 * Zn1, axis=1)", wrong, "dgamma1 reads Zn1, the batchnorm's"
                        + " output, where Zn1_hat, the batchnorm's normalized value, belongs: dZn1 * Zn1 should be dZn1 * Zn1_hat"),
                // A value for another of its shape: the target, a value beside a batchnorm (named plainly), and none.
                row(PLANAR, "loss", "dZ2 = A2 - Z2", wrong, "dZ2 reads Z2 where Y belongs: A2 - Z2 should be A2 - Y"),
                row(PLANAR, "loss", "dW2 = 1/m * dZ2 @ Z1.T", wrong, "dW2 reads Z1 where A1 belongs: Z1.T should be A1.T"),
                row(BATCHNORM, "loss", "dW2 = 1/m * dZ2 @ Zn1.T", wrong, "dW2 reads Zn1, the batchnorm's output, where A1 belongs:"
                        + " Zn1.T should be A1.T"),
                // Batchnorm written out with Adam's eps, or none: the derivation is right, the normalization not batchnorm's.
                row(BATCHNORM, "loss", "Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 1e-8)", wrong, "10:11: error: dgamma1 normalizes"
                        + " with sqrt(mean(Zn1_c^2, axis=1) + 1e-8) (Zn1_std, line 3), where the batchnorm adds eps 1e-5 to the"
                        + " variance: with sqrt(mean(Zn1_c^2, axis=1) + 1e-5) the line is right"),
                row(BATCHNORM, "loss", "Zn1_std = mean(Zn1_c^2, axis=1)^0.5", wrong, "13:12: error: dZn1_std normalizes with"
                        + " mean(Zn1_c^2, axis=1)^0.5 (Zn1_std, line 3), where the batchnorm adds eps 1e-5"),
                // An eps kept in a helper line is replaced in the fix, not added to.
                row(BATCHNORM, "loss", "+eps = 1e-8\nZn1_std = sqrt(mean(Zn1_c^2, axis=1) + eps)", wrong, "11:11: error: dgamma1"
                        + " normalizes with sqrt(mean(Zn1_c^2, axis=1) + eps) (Zn1_std, line 4), where the batchnorm adds eps 1e-5"
                        + " to the variance: with sqrt(mean(Zn1_c^2, axis=1) + 1e-5) the line is right"),
                // The eps written first is replaced as well; an eps of 0 written out is replaced, not added to.
                row(BATCHNORM, "loss", "Zn1_std = sqrt(1e-8 + mean(Zn1_c^2, axis=1))", wrong, "10:11: error: dgamma1 normalizes"
                        + " with sqrt(1e-8 + mean(Zn1_c^2, axis=1)) (Zn1_std, line 3), where the batchnorm adds eps 1e-5 to the"
                        + " variance: with sqrt(1e-5 + mean(Zn1_c^2, axis=1)) the line is right"),
                row(BATCHNORM, "loss", "Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 0)", wrong, "10:11: error: dgamma1 normalizes"
                        + " with sqrt(mean(Zn1_c^2, axis=1) + 0) (Zn1_std, line 3), where the batchnorm adds eps 1e-5 to the"
                        + " variance: with sqrt(mean(Zn1_c^2, axis=1) + 1e-5) the line is right"),
                // 0.01 is no eps but part of the variance: the line is off, not its eps.
                row(BATCHNORM, "loss", "Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 0.01)", wrong, "10:11: error: dgamma1 does not"
                        + " equal dJ/dgamma1; netgrad derives dgamma1 = 1/m * sum(dZn1 * Zn1_hat, axis=1)"),
                // A line the eps reaches through a helper is judged given right derivatives: dZn1_std's own mistake
                // (the sign) is not part of dZn1_c's fix.
                row(BATCHNORM, "loss", "Zn1_std = sqrt(mean(Zn1_c^2, axis=1) + 1e-8)\ndZn1_std = sum(dZn1_hat * Zn1_hat / Zn1_std,"
                        + " axis=1)\ndZn1_c = dZn1_hat / Zn1_std + dZn1_std * Zn1_c / (m * Zn1_std)", wrong, "14:10: error: dZn1_c"
                        + " normalizes with sqrt(mean(Zn1_c^2, axis=1) + 1e-8) (Zn1_std, line 3), where the batchnorm adds eps"
                        + " 1e-5 to the variance: with sqrt(mean(Zn1_c^2, axis=1) + 1e-5) the line is right (judged given a right"
                        + " dZn1_std; dZn1_std (line 13) is wrong)"),
                // The file: order, a line too many, one missing, a name misspelled, numpy's spellings.
                row(PLANAR, "loss", "-dZ1\n>dZ1 = dA1 * (1 - A1^2)", refused,
                        "5:13: error: 'dZ1' is used before it is assigned (at 7:1)"),
                row(PLANAR, "loss", "dZ2 = A2 - Y\n+dZ2 = A2 - Y", refused, "2:1: error: 'dZ2' is already assigned at 1:1"),
                row(PLANAR, "loss", "-db1", wrong, "6:22: error: no line for db1, dJ/db1 (4 x 1): every param needs its dJ/dP"),
                row(PLANAR, "loss", "-dZ2", refused, "1:13: error: 'dZ2' has no line: no line of the file assigns dZ2"),
                row(PLANAR, "loss", "+dA0 = W1.T @ dZ1", refused, "the course's A0 is the input X here, and netgrad derives"
                        + " nothing for data"),
                row(PLANAR, "loss", "+dA2 = (1 - Y) / (1 - A2) - Y / A2", right, "ok: equals dL/dA2"),
                row(PLANAR, "loss", ">dX = W1.T @ dZ1", right, "dX: defines a helper value, not judged: X is an input"),
                row(PLANAR, "loss", "dW1 -> dw1 = 1/m * dZ1 @ X.T", refused, "'dw1' is a derivative, but the spec has no value or param"
                        + " named 'w1'; did you mean 'dW1'?"),
                row(PLANAR, "loss", "dZ1 -> dZ_1 = dA1 * (1 - A1^2)", refused, "did you mean 'dZ1'?"), // and nothing about dZ1 below
                row(PLANAR, "loss", "dZ2 = A2 - Y  # output layer", refused, "comments start with //"),
                row(PLANAR, "loss", "dW2 = 1/m * np.dot(dZ2, A1.T)", refused, "np.dot(a, b) is a @ b"),
                row(PLANAR, "loss", "dW2 = 1/m * dZ2.dot(A1.T)", refused, "numpy's a.dot(b) is a @ b"),
                row(PLANAR, "loss", "db2 = 1/m * np.sum(dZ2, axis=1, keepdims=True)", refused,
                        "np.sum(dZ, axis=1, keepdims=True) is sum(dZ, axis=1)"),
                row(PLANAR, "loss", "db2 = 1/m * sum(dZ2, axis=1, keepdims=True)", refused, "sum has no argument 'keepdims'"),
                row(PLANAR, "loss", "dZ1 = np.multiply(dA1, 1 - A1^2)", refused, "np.multiply(a, b) is a * b"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - np.power(A1, 2))", refused, "np.power(a, k) is a^k"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - np.square(A1))", refused, "np.square(a) is a^2"),
                row(PLANAR, "loss", "dZ1 = dA1 * (1 - np.tanh(Z1)**2)", refused, "np.tanh(x) is tanh(x)"),
                row(DEEP, "loss", "dZ2 = dA2 * np.int64(Z2 > 0)", refused, "np.int64(Z > 0) is (Z > 0)"),
                row(DEEP, "loss", "dZ2 = dA2 * np.where(Z2 > 0, 1, 0)", refused, "np.where(Z > 0, 1, 0) is (Z > 0)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mistakes")
    void checkAnswersTheMistakeAtItsLine(String title, String spec, String convention, String lines, Verdict verdict,
            String words, @TempDir Path dir) throws IOException {
        List<String> file = written(derived(spec, convention), lines);
        Path eq = dir.resolve("mine.eq");
        Files.writeString(eq, String.join("\n", file) + "\n");
        Run r = run("check", spec, eq.toString());
        String shown = r.out() + r.err();
        assertFalse(shown.contains("Exception") || shown.contains("\tat "), shown);
        String last = lines.lines().reduce((a, b) -> b).orElseThrow().replaceFirst("^[+>]|^\\w+ -> ", "");
        int at = file.lastIndexOf(last) + 1;
        switch (verdict) {
            case RIGHT -> {
                assertEquals(0, r.code(), shown);
                String place = eq + ":" + at + ": " + last.split("=")[0].trim();
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(place) && l.contains(words)), shown);
            }
            case WRONG -> {
                assertEquals(1, r.code(), shown);
                String place = words.matches("^\\d+:\\d+: .*") ? eq + ":" : eq + ":" + at + ":";
                assertTrue(r.out().lines().anyMatch(l -> l.startsWith(place) && l.contains(": error: ") && l.contains(words)),
                        shown);
            }
            case REFUSED -> {
                assertEquals(2, r.code(), shown);
                String place = words.matches("^\\d+:\\d+: .*") ? eq + ":" : eq + ":" + at + ":";
                assertTrue(r.err().lines().anyMatch(l -> l.startsWith(place) && l.contains(": error: ") && l.contains(words)),
                        shown);
            }
        }
    }

    /** The lines that read the name suggested for a misspelled one say nothing: the misspelling is the one mistake. */
    @Test
    void aMisspelledDerivativeIsTheOnlyError(@TempDir Path dir) throws IOException {
        List<String> file = written(derived(PLANAR, "loss"), "dZ1 -> dZ_1 = dA1 * (1 - A1^2)");
        Path eq = dir.resolve("mine.eq");
        Files.writeString(eq, String.join("\n", file) + "\n");
        Run r = run("check", PLANAR, eq.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(List.of(eq + ":5:1: error: 'dZ_1' is a derivative, but the spec has no value or param named 'Z_1'; did"
                + " you mean 'dZ1'?"), r.err().lines().filter(l -> l.contains(": error: ")).toList(), r.err());
    }

    /** A product that reads a derivative of the wrong shape shows no arrangement: the mistake is that derivative's line. */
    @Test
    void aProductReadingAMisshapenDerivativeShowsNoArrangement(@TempDir Path dir) throws IOException {
        Path eq = dir.resolve("mine.eq");
        Files.writeString(eq, "dZ2 = (A2 - Y).T\ndW2 = 1/m * dZ2 @ A1.T\n");
        Run r = run("check", PLANAR, eq.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(eq + ":1:7: error: dZ2 has shape m x 1, but Z2 is 1 x m: the result is transposed"), r.err());
        assertFalse(r.err().contains("would fit, giving"), r.err());
    }

    /** Nor the transpose of one operand, which fits and leaves the misshapen derivative as it is. */
    @Test
    void aProductReadingAMisshapenDerivativeShowsNoTranspose(@TempDir Path dir) throws IOException {
        Path eq = dir.resolve("mine.eq");
        Files.writeString(eq, "dA2 = (1 - Y) / (1 - A2) - Y / A2\ndZ2 = dA2 * A1 * (1 - A1)\ndA1 = W2.T @ dZ2\n");
        Run r = run("check", PLANAR, eq.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(eq + ":2:7: error: dZ2 has shape 4 x m, but Z2 is 1 x m (line 3 reads it)"), r.err());
        assertTrue(r.err().contains(eq + ":3:12: error: inner dimensions of '@' do not match: 4 x 1 @ 4 x m (1 column against"
                + " 4 rows)\n"), r.err());
    }

    /** The learner's file: derive's lines with the row's changes. */
    private static List<String> written(List<String> derived, String lines) {
        List<String> file = new ArrayList<>(derived);
        List<String> added = new ArrayList<>();
        List<String> appended = new ArrayList<>();
        for (String line : lines.split("\n")) {
            if (line.startsWith("+")) {
                added.add(line.substring(1));
            } else if (line.startsWith(">")) {
                appended.add(line.substring(1));
            } else if (line.startsWith("-")) {
                assertTrue(file.removeIf(l -> named(l, line.substring(1))), line);
            } else if (line.contains(" -> ")) {
                file.set(indexOf(file, line.substring(0, line.indexOf(" -> "))), line.substring(line.indexOf(" -> ") + 4));
            } else {
                file.set(indexOf(file, line.split("=")[0].trim()), line);
            }
        }
        file.addAll(0, added);
        file.addAll(appended);
        return file;
    }

    private static int indexOf(List<String> file, String name) {
        for (int i = 0; i < file.size(); i++) {
            if (named(file.get(i), name)) {
                return i;
            }
        }
        throw new AssertionError("derive gives no line " + name + ": " + file);
    }

    private static boolean named(String line, String name) {
        return line.split("=")[0].trim().equals(name);
    }

    /** derive's right lines for the spec, in the convention, without their comments. */
    private static synchronized List<String> derived(String spec, String convention) {
        return DERIVED.computeIfAbsent(spec + " " + convention, k -> {
            Run r = run("derive", spec, "--convention", convention);
            assertEquals(0, r.code(), r.err());
            return r.out().lines().filter(l -> !l.startsWith("//")).map(l -> l.replaceFirst("\\s*//.*", "")).toList();
        });
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
