package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Derivation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * exp(-|x|) is stored by the statement computing sigmoid(x) only when a later statement computes
 * both softplus(x) and softplus(-x), and the trainer still agrees with the evaluator.
 */
class SharedExpsTest {
    private static String spec(String output, String loss) {
        return """
                network Shared {
                  input X[3]
                  target Y[1]
                  param W[1, 3] init randn(0.5)
                  param b[1] init zeros
                  Z = W @ X + b
                  %s
                  loss L = %s
                  cost J = mean(L)
                  output A
                }
                """.formatted(output, loss);
    }

    @ParameterizedTest(name = "{0} | {1}: {2} store(s)")
    @CsvSource(delimiter = '|', value = {
        // The stable binary cross-entropy after A = sigmoid(Z): stored once, read by the loss.
        "A = sigmoid(Z)        | -(Y * log(A) + (1 - Y) * log(1 - A)) | 1",
        // The same loss written on Z directly.
        "A = sigmoid(Z)        | Y * softplus(-Z) + (1 - Y) * softplus(Z) | 1",
        // One softplus only: nothing to share.
        "A = sigmoid(Z)        | softplus(Z) - Y * Z | 0",
        // sigmoid of an expression, not of a stored value.
        "A = sigmoid(Z * 2)    | Y * softplus(-Z) + (1 - Y) * softplus(Z) | 0",
        // No sigmoid statement.
        "A = tanh(Z)           | Y * softplus(-Z) + (1 - Y) * softplus(Z) | 0",
    })
    void storesExpOnlyForALaterSoftplusPair(String output, String loss, int stores) {
        Derivation d = Specs.derive("shared.nn", spec(output, loss));
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        assertEquals(stores, storesOfZExp(source), source);
        EvaluationAgreementTest.agree(d, 3);
    }

    @Test
    void aValueAfterTheSigmoidDoesNotReadIt() {
        // predict computes V without A: V must not depend on what A's statement stores.
        String text = """
                network Shared {
                  input X[3]
                  target Y[1]
                  param W[1, 3] init randn(0.5)
                  Z = W @ X
                  A = sigmoid(Z)
                  V = softplus(Z) + softplus(-Z)
                  loss L = (V - Y)^2 + A
                  cost J = mean(L)
                  output V
                }
                """;
        Derivation d = Specs.derive("shared.nn", text);
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        assertEquals(0, storesOfZExp(source), source);
        EvaluationAgreementTest.agree(d, 3);
    }

    @Test
    void theLossReadsTheStoredExp() {
        Derivation d = Specs.derive("shared.nn", spec("A = sigmoid(Z)", "Y * softplus(-Z) + (1 - Y) * softplus(Z)"));
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        // Entry by entry, or as the runtime's loop over a range.
        assertEquals(1, source.split("log1p\\(Z_exp\\[i\\]\\)", -1).length - 1 + source.split("log1p\\(Z_exp, ", -1).length - 1, source);
    }

    /** The statements storing exp(-|Z|) into Z_exp: entry by entry, or as the runtime's loop over a range. */
    private static int storesOfZExp(String source) {
        return source.split("Z_exp\\[i\\] = exp\\(", -1).length - 1 + source.split("expOfMinusAbs\\(Z, Z_exp, ", -1).length - 1;
    }
}
