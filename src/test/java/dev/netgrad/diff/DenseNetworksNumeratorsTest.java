package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Networks the random generators never write (costs spelled by hand, values used twice, broadcasts, transposes of
 * transposes, every function at a position where its derivative matters, names that look like derivatives or like
 * J and L), derived in both conventions: each case's printed line is there, every printed line's numerator is
 * true ({@link NumeratorOracle}: dL against differences of example i's loss and of their sum, d(sum L) against
 * the sum, dJ against the cost) and every param's gradient agrees with finite differences of J. A case whose
 * expectation starts with 'refused:' is an error that says so.
 */
class DenseNetworksNumeratorsTest {
    /** X[3], Y[1] and a tanh layer then a sigmoid: the head of most cases. */
    private static final String PLANAR = """
              param W1[4, 3]
              param b1[4]
              param W2[1, 4]
              param b2[1]
              Z1 = W1 @ X + b1
              A1 = tanh(Z1)
              Z2 = W2 @ A1 + b2
              A2 = sigmoid(Z2)
            """;
    private static final String CE = "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n";
    private static final String TWO = "  param W1[4, 3]\n  param W2[1, 4]\n";
    private static final String TAIL = "  A2 = sigmoid(Z2)\n" + CE + "  cost J = mean(L)\n";

    static Stream<Arguments> cases() {
        return Stream.of(
                // name | statements | a line the derivation prints (comment cut), or 'refused: ' and the message
                Arguments.of("a constant added to the mean", PLANAR + CE + "  cost J = mean(L) + 3\n", "dW2 = 1/m * dZ2 @ A1.T"),
                Arguments.of("a constant before the mean", PLANAR + CE + "  cost J = 3 + mean(L)\n", "dW2 = 1/m * dZ2 @ A1.T"),
                Arguments.of("a constant taken from the mean", PLANAR + CE + "  cost J = mean(L) - 0.5\n", "dZ2 = A2 - Y"),
                Arguments.of("a penalty over 2m", PLANAR + CE + "  cost J = mean(L) + 0.1 / (2 * m) * (sum(W1^2) + sum(W2^2))\n",
                        "dW1 = 1/m * dZ1 @ X.T + 0.1/m * W1"),
                Arguments.of("a penalty without m, first", PLANAR + CE + "  cost J = 0.1 * sum(W1^2) + mean(L)\n",
                        "dW1 = 1/m * dZ1 @ X.T + 0.2 * W1"),
                Arguments.of("an L1 penalty beside an L2", PLANAR + CE + "  cost J = mean(L) + 0.1 * sum(W1^2) + 0.2 * sum(abs(W2))\n",
                        "dZ2 = A2 - Y"),
                Arguments.of("a penalty over m squared", PLANAR + CE + "  cost J = mean(L) + sum(W1^2) / m^2\n",
                        "dW1 = 1/m * dZ1 @ X.T + 2 / m^2 * W1"),
                Arguments.of("a mean and a sum of params", PLANAR + CE + "  cost J = mean(L) + mean(W1) + sum(b1)\n",
                        "db1 = 1/m * sum(dZ1, axis=1) + 1"),
                Arguments.of("a penalty subtracted", PLANAR + CE + "  cost J = mean(L) - 0.1 * sum(W1^2)\n", "dZ1 = dA1 * (1 - A1^2)"),
                Arguments.of("a penalty times m", PLANAR + CE + "  cost J = mean(L) + 0.1 * m\n", "dW2 = 1/m * dZ2 @ A1.T"),
                Arguments.of("a product of penalties", PLANAR + CE + "  cost J = mean(L) + 0.1 * sum(W1^2) * sum(W2^2)\n", "dZ2 = A2 - Y"),
                Arguments.of("a sum with a penalty over m", PLANAR + CE + "  cost J = sum(L) + 0.1 / m * sum(W2^2)\n",
                        "dW2 = dZ2 @ A1.T + 0.2/m * W2"),
                Arguments.of("regularize beside a written penalty", PLANAR + CE + "  cost J = mean(L) + 0.3 / (2 * m) * sum(W1^2)\n"
                        + "  regularize l2(0.7)\n", "dW1 = 1/m * dZ1 @ X.T + 0.3/m * W1 + 0.7/m * W1"),
                Arguments.of("a penalty on a value of a param", PLANAR + "  Wt = W1.T\n" + CE + "  cost J = mean(L) + 0.1 * sum(Wt^2)\n",
                        "dWt = 0.2 * Wt"),
                Arguments.of("the mean by hand", PLANAR + CE + "  cost J = sum(L) / m\n", "refused: that is mean(L); write mean(L)"),
                Arguments.of("the mean by hand, 1/m first", PLANAR + CE + "  cost J = (1/m) * sum(L)\n", "refused: that is mean(L)"),
                Arguments.of("1/m inside the sum", PLANAR + CE + "  cost J = sum(L * (1/m))\n", "refused: that is mean(L); write mean(L)"),
                Arguments.of("m twice", PLANAR + CE + "  cost J = sum(L) / m / m\n", "refused: a plain mean(L) or sum(L) term"),
                Arguments.of("the mean over 2m", PLANAR + CE + "  cost J = sum(L) / (2 * m)\n", "refused: a plain mean(L) or sum(L) term"),
                Arguments.of("twice the mean", PLANAR + CE + "  cost J = 2 * mean(L)\n", "refused: a plain mean(L) or sum(L) term"),
                Arguments.of("the mean along the examples' axis", PLANAR + CE + "  cost J = mean(L, axis=1)\n",
                        "refused: a plain mean(L) or sum(L) term"),
                Arguments.of("the mean of the transposed loss", PLANAR + CE + "  cost J = mean(L.T)\n", "refused: one loss per example (1 x m), and mean(L) is their average"),
                // Values used twice, broadcasts and transposes.
                Arguments.of("a skip connection", "  param W1[3, 3]\n  param W2[1, 3]\n  param b2[1]\n  Z1 = W1 @ X\n"
                        + "  A1 = tanh(Z1) + X\n  Z2 = W2 @ (A1 + Z1) + b2\n" + TAIL, "dZ1 = W2.T @ dZ2 + dA1 * (1 - tanh(Z1)^2)"),
                Arguments.of("one weight in two layers", "  param W[3, 3]\n  param v[1, 3]\n  A1 = tanh(W @ X)\n  A3 = tanh(W @ A1)\n"
                        + "  Z2 = v @ (A3 * A1)\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("an activation read twice", TWO + "  A1 = tanh(W1 @ X)\n  Z2 = W2 @ (A1 * A1) + W2 @ A1\n" + TAIL,
                        "dA1 = 2 * (W2.T @ dZ2) * A1 + W2.T @ dZ2"),
                Arguments.of("a value of params in two places", TWO + "  Wt = W1.T\n  A1 = tanh(Wt.T @ X)\n  Z2 = W2 @ A1 + sum(Wt)\n" + TAIL,
                        "dW1 = dWt.T"),
                Arguments.of("a 1 x 1 bias twice", TWO + "  param c[1]\n  Z1 = W1 @ X + c\n  Z2 = W2 @ relu(Z1) + c\n" + TAIL,
                        "dc = 1/m * sum(dZ2, axis=1) + 1/m * sum(sum(dZ1, axis=0), axis=1)"),
                Arguments.of("a 1 x m row in two places", TWO + "  param u[1, 3]\n  R = u @ X\n  Z1 = W1 @ X + R\n"
                        + "  Z2 = W2 @ tanh(Z1) + R * R\n" + TAIL, "dR = 2 * dZ2 * R + sum(dZ1, axis=0)"),
                Arguments.of("transposes of transposes", TWO + "  Z1 = ((W1.T).T @ (X.T).T).T.T\n  Z2 = ((tanh(Z1)).T @ W2.T).T\n" + TAIL,
                        "dZ1 = W2.T @ dZ2 * (1 - tanh(Z1)^2)"),
                Arguments.of("elementwise on both sides of a product", TWO + "  param s[4]\n  Z1 = (s * W1) @ (X * X) * s\n"
                        + "  Z2 = W2 @ sigmoid(Z1) * sum(s)\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("a value of params, also in the cost's path", TWO + "  M1 = W1 * 2 + 1\n  V = W2 @ M1\n  Z2 = V @ X + sum(M1)\n" + TAIL,
                        "dM1 = 1/m * sum(dZ2, axis=1) + W2.T @ dV"),
                Arguments.of("a dropout read twice", TWO + "  A1 = dropout(tanh(W1 @ X), 0.8)\n  Z2 = W2 @ A1 + sum(A1, axis=0)\n" + TAIL,
                        "dA1 = W2.T @ dZ2 + dZ2"),
                Arguments.of("a batchnorm's input read again", TWO + "  param g[4]\n  param be[4]\n  Z1 = W1 @ X\n  N1 = batchnorm(Z1, g, be)\n"
                        + "  Z2 = W2 @ (relu(N1) + Z1)\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("m in the forward pass", TWO + "  Z1 = W1 @ X * m\n  Z2 = W2 @ tanh(Z1 / m) / m * m\n" + TAIL,
                        "dW1 = dZ1 @ X.T"),
                // Every function where its derivative matters, some at their edges.
                Arguments.of("log near 0", TWO + "  A1 = log(sigmoid(W1 @ X) + 1e-3)\n  Z2 = W2 @ A1\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("sqrt over a division", TWO + "  A1 = sqrt((W1 @ X)^2 + 0.01) / (1 + abs(W1 @ X))\n  Z2 = W2 @ A1\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("a softmax of large logits", TWO + "  A1 = softmax(50 * (W1 @ X))\n  Z2 = W2 @ A1\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("a hidden log_softmax", TWO + "  A1 = log_softmax(W1 @ X)\n  Z2 = W2 @ A1\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("softplus, leaky_relu and exp", TWO + "  Z1 = W1 @ X\n  A1 = softplus(Z1) - leaky_relu(Z1, 0.3) + exp(-Z1^2)\n"
                        + "  Z2 = W2 @ A1\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("powers", TWO + "  Z1 = W1 @ X\n  A1 = (1 + Z1^2) ** -0.5 + (1 + Z1^2)^1.5 / 10 + Z1 ** 3\n  Z2 = W2 @ A1\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("divisions of params and values", TWO + "  param c[4]\n  Z1 = W1 @ X\n  A1 = (Z1 + c) / (2 + tanh(c)) / (1 + Z1^2)\n"
                        + "  Z2 = W2 @ A1\n" + TAIL, "dZ2 = A2 - Y"),
                Arguments.of("comparisons as masks", TWO + "  Z1 = W1 @ X\n  A1 = (Z1 > 0.1) * Z1 + (Z1 <= 0.1) * 0.1 * Z1\n  Z2 = W2 @ A1\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("a mask from a mean over the examples", TWO + "  Z1 = W1 @ X\n  A1 = Z1 * (Z1 > mean(Z1, axis=1))\n  Z2 = W2 @ A1\n" + TAIL,
                        "dZ2 = A2 - Y"),
                // What couples the examples: d(sum L) from there back.
                Arguments.of("a value centred over the examples", TWO + "  Z1 = W1 @ X\n  A1 = tanh(Z1 - mean(Z1, axis=1))\n  Z2 = W2 @ A1\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("a sum over the examples over m", TWO + "  Z1 = W1 @ X\n  S = sum(Z1, axis=1) / m\n  Z2 = W2 @ tanh(Z1 - S)\n" + TAIL,
                        "dZ1 = W2.T @ dZ2 * (1 - tanh(Z1 - S)^2) + dS / m"),
                Arguments.of("a product over the examples", TWO + "  Z1 = W1 @ X\n  G = tanh(Z1) @ tanh(Z1).T / m\n  Z2 = W2 @ G @ tanh(Z1)\n" + TAIL,
                        "dG = W2.T @ (dZ2 @ tanh(Z1).T)"),
                Arguments.of("an m x m matrix of the inputs", TWO + "  G = X.T @ X / 10\n  Z1 = W1 @ X @ G\n  Z2 = W2 @ tanh(Z1)\n" + TAIL,
                        "dW1 = 1/m * dZ1 @ G.T @ X.T"),
                Arguments.of("an m x m matrix of the targets", TWO + "  Z1 = W1 @ X\n  Z2 = (W2 @ tanh(Z1)) @ (Y.T @ Y) / 3\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("a row times its transpose", TWO + "  Z1 = W1 @ X\n  r = W2 @ tanh(Z1)\n  c = r.T\n  Z2 = r * (r @ c) / 10\n" + TAIL,
                        "dc = 0.1 * (c @ sum(dZ2 * r, axis=1))"),
                Arguments.of("a softmax across the examples and back", TWO + "  Z1 = W1 @ X\n  P = softmax(Z1.T).T\n  Z2 = W2 @ P\n" + TAIL,
                        "dZ2 = A2 - Y"),
                Arguments.of("a param times m", TWO + "  Wm = W1 * m\n  Z1 = Wm @ X / m\n  Z2 = W2 @ tanh(Z1)\n" + TAIL, "dZ2 = A2 - Y"),
                // Losses written otherwise.
                Arguments.of("an activity penalty in the loss", PLANAR + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2)) + 0.01 * sum(A1^2, axis=0)\n"
                        + "  cost J = mean(L)\n", "dA1 = 0.02 * A1 + W2.T @ dZ2"),
                Arguments.of("the target in the forward pass", PLANAR + "  T2 = sigmoid(W2 @ (A1 * Y) + b2)\n"
                        + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2)) + (T2 - Y)^2\n  cost J = mean(L)\n", "dT2 = 2 * (T2 - Y)"),
                Arguments.of("the cross-entropy times m", PLANAR + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2)) * m\n"
                        + "  cost J = mean(L)\n", "dZ2 = m * (A2 - Y)"),
                Arguments.of("a named log read in two terms", PLANAR + "  LP = log(A2)\n"
                        + "  loss L = -(Y * LP + (1 - Y) * log(1 - A2)) + 0.1 * LP^2\n  cost J = mean(L)\n",
                        "dZ2 = (1 - Y) * A2 + dLP * (1 - A2)"),
                Arguments.of("a hidden sigmoid's log in the loss", TWO + "  Z1 = W1 @ X\n  A1 = sigmoid(Z1)\n  Z2 = W2 @ A1\n  A2 = sigmoid(Z2)\n"
                        + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2)) - 0.1 * sum(log(A1), axis=0)\n  cost J = mean(L)\n",
                        "dZ1 = 0.1 * (A1 - 1) + W2.T @ dZ2 * A1 * (1 - A1)"),
                Arguments.of("a loss over m under a sum", PLANAR + "  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2)) / m\n  cost J = sum(L)\n",
                        "dW2 = dZ2 @ A1.T"),
                // Names.
                Arguments.of("a value named J", TWO + "  J = tanh(W1 @ X)\n  Z2 = W2 @ J\n  A2 = sigmoid(Z2)\n"
                        + "  loss E = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n  cost C = mean(E)\n", "dJ = W2.T @ dZ2"),
                Arguments.of("a value named L", TWO + "  L = tanh(W1 @ X)\n  Z2 = W2 @ L\n  A2 = sigmoid(Z2)\n"
                        + "  loss E = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n  cost J = mean(E)\n", "dL = W2.T @ dZ2"),
                Arguments.of("a value named dZ1, a param dW2", "  param W1[4, 3]\n  param dW2[1, 4]\n  Z1 = W1 @ X\n  dZ1 = tanh(Z1)\n"
                        + "  Z2 = dW2 @ dZ1\n" + TAIL, "dZ1_2 = ddZ1 * (1 - dZ1^2)"),
                Arguments.of("params dW and ddW", "  param W[4, 3]\n  param dW[1, 4]\n  param ddW[1]\n  A = tanh(W @ X)\n  Z2 = dW @ A + ddW\n" + TAIL,
                        "dW_2 = 1/m * dA * (1 - A^2) @ X.T"),
                Arguments.of("a value named like a batchnorm's helper", TWO + "  param g[4]\n  param be[4]\n  Z1 = W1 @ X\n  N1_hat = Z1 * 2\n"
                        + "  N1 = batchnorm(N1_hat, g, be)\n  dN1 = relu(N1)\n  Z2 = W2 @ dN1\n" + TAIL, "dZ1 = 2 * dN1_hat"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void everyPrintedLineIsTheDerivativeItsLabelNames(String name, String statements, String expected) throws Exception {
        String spec = "network T {\n  input X[3]\n  target Y[1]\n" + statements + "}\n";
        Network network;
        try {
            network = SpecReader.read("t.nn", spec);
        } catch (SpecException e) {
            assertTrue(expected.startsWith("refused: ") && e.getMessage().contains(expected.substring("refused: ".length())),
                    () -> name + ": " + e.getMessage());
            return;
        }
        assertTrue(!expected.startsWith("refused: "), () -> name + " was not refused");
        Derivation loss = Deriver.derive(network, Convention.LOSS);
        List<String> lines = Arrays.stream(TextPrinter.print(loss).split("\n")).map(l -> l.replaceAll("\\s*//.*", "")).toList();
        assertTrue(lines.contains(expected), () -> name + ": no line '" + expected + "' in\n" + TextPrinter.print(loss));
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(network, convention);
            for (int m : new int[] {5, 7}) {
                var env = RandomInstance.of(d, m, m);
                assertEquals(List.of(), NumeratorOracle.problems(d, env, 1e-6), () -> name + " " + convention + "\n" + TextPrinter.print(d));
                FiniteDifferences.assertAgree(d, env, 1e-7, name + " " + convention);
            }
        }
    }
}
