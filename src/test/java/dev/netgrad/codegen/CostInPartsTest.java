package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.spec.CostForm;
import dev.netgrad.spec.Network;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a part's pass, m taken as +Infinity, makes of a cost's penalty, and so whether the cost is summed over
 * parts of a batch: refused when a term is infinite or NaN there ("whole"), summed with the penalty left out by
 * the pass itself when the penalty vanishes there ("parts"), or with the penalty's finite value there taken out
 * of each part and added once ("parts + batch penalty"). GradientSumsTest checks that the sums of the ones taken
 * give the whole batch's gradient.
 */
class CostInPartsTest {
    /** Planar's layers with the cost {@code cost}; lambda is 0.7, zero is 0. */
    static String withCost(String cost) {
        return "network C {\n  const lambda = 0.7\n  const zero = 0\n  input X[2]\n  target Y[1]\n  param W1[4, 2]\n  param b1[4]\n"
                + "  S = sum(W1^2)\n  Z1 = W1 @ X + b1\n  A1 = tanh(Z1)\n  param W2[1, 4]\n  param b2[1]\n  Z2 = W2 @ A1 + b2\n"
                + "  A2 = sigmoid(Z2)\n  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))\n  cost J = " + cost + "\n}\n";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the cost                                        | the penalty at m = +Infinity | summed over parts?
            mean(L)                                           | -        | parts
            sum(L) + 0.1 * sum(W1^2)                          | NO_M     | parts + batch penalty
            mean(L) + 0.1 * S                                 | NO_M     | parts + batch penalty
            # divided by m, however written (the course's lambda / (2 m))
            mean(L) + lambda / (2 * m) * sum(W1^2)            | VANISHES | parts
            mean(L) + lambda/(2*m) * sum(W1^2)                | VANISHES | parts
            mean(L) + 1/m * lambda * sum(W1^2)                | VANISHES | parts
            mean(L) + (lambda * 0.5) / m * sum(W1^2)          | VANISHES | parts
            mean(L) + (lambda / m) / 2 * sum(W1^2)            | VANISHES | parts
            mean(L) + lambda * (sum(W1^2) / (2 * m))          | VANISHES | parts
            mean(L) - (lambda / m) * sum(W1^2)                | VANISHES | parts
            mean(L) + -(lambda / m) * sum(W1^2)               | VANISHES | parts
            mean(L) + sum(W1^2) / m - sum(W2^2) / m           | VANISHES | parts
            mean(L) + sum(W1^2 / m)                           | VANISHES | parts
            mean(L) + sum(lambda / (2 * m) * W1^2)            | VANISHES | parts
            # divided by more than m: newly taken
            mean(L) + lambda / (m + 1) * sum(W1^2)            | VANISHES | parts
            mean(L) + sum(W1^2) / m^2                         | VANISHES | parts
            mean(L) + sum(W1^2) / (m * m)                     | VANISHES | parts
            mean(L) + m^-1 * sum(W1^2)                        | VANISHES | parts
            mean(L) + lambda / sqrt(m) * sum(W1^2)            | VANISHES | parts
            mean(L) + 1 / m^0.5 * sum(W1^2)                   | VANISHES | parts
            mean(L) + (1 / m - 1 / m) * sum(W1^2)             | VANISHES | parts
            mean(L) + (sum(W1^2) / m)^2                       | VANISHES | parts
            mean(L) + S * S / m                               | VANISHES | parts
            # a finite nonzero factor of m: the batch's penalty there
            mean(L) + sum(W1^2) / (1 + 1/m)                   | FINITE   | parts + batch penalty
            mean(L) + (0.1 + 1 / m) * sum(W1^2)               | FINITE   | parts + batch penalty
            mean(L) + sum(W1^2) * (1 - 1/m)                   | FINITE   | parts + batch penalty
            mean(L) + (1 + 1/m)^2 * sum(W1^2)                 | FINITE   | parts + batch penalty
            mean(L) + sum(W1^2) / (2 - lambda / m)            | FINITE   | parts + batch penalty
            mean(L) + (sum(W1^2) + 1/m)^2                     | FINITE   | parts + batch penalty
            mean(L) + 0.1 * sum(W1^2) + lambda / m * sum(W2^2) | FINITE  | parts + batch penalty
            # infinite or NaN at m = +Infinity: refused
            mean(L) + 0.001 * m * sum(W1^2)                   | UNKNOWN  | whole
            mean(L) + m * sum(W1^2)                           | UNKNOWN  | whole
            mean(L) + (0.1 + m) * sum(W1^2)                   | UNKNOWN  | whole
            sum(L) + m / m^2 * sum(W1^2)                      | UNKNOWN  | whole
            mean(L) + m / m * sum(W1^2)                       | UNKNOWN  | whole
            mean(L) + (m - m) * sum(W1^2)                     | UNKNOWN  | whole
            mean(L) + zero * m * sum(W1^2)                    | UNKNOWN  | whole
            mean(L) + sum(W1^2) / (1/m)                       | UNKNOWN  | whole
            mean(L) + sum(W1^2) / (m - m)                     | UNKNOWN  | whole
            mean(L) + sum(W1^2) / (zero * m)                  | UNKNOWN  | whole
            mean(L) + sum(W1^2) / (-m)                        | VANISHES | parts
            mean(L) + (m + 1) / m * sum(W1^2)                 | UNKNOWN  | whole
            mean(L) + sum(W1^2) / (1/m + sum(W2^2))           | UNKNOWN  | whole
            mean(L) + sqrt(sum(W1^2) + 1/m)                   | UNKNOWN  | whole
            mean(L) + (sum(W1^2) / m)^0.5                     | UNKNOWN  | whole
            mean(L) + 0.1 * sum(W1^2) + m * sum(W2^2)         | UNKNOWN  | whole
            mean(L) + m^0.5 * sum(W1^2)                       | UNKNOWN  | whole
            mean(L) + log(m) / m * sum(W1^2)                  | UNKNOWN  | whole
            """)
    void aPenaltyIsClassifiedByWhatAPartsPassComputes(String cost, String atInfinity, String verdict) {
        Network network = Specs.read("c.nn", withCost(cost));
        CostForm form = network.costForm();
        assertEquals(atInfinity, form.regularizer().map(r -> CostInParts.of(r).name()).orElse("-"), cost);
        boolean whole = CostInParts.problem("J", network.statement("J").orElseThrow().value(), form).isPresent();
        assertEquals(verdict, whole ? "whole" : CostInParts.batchPenalty(form) ? "parts + batch penalty" : "parts", cost);
    }
}
