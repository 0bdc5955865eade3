package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.spec.SpecReader;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A const may stand wherever the language asks for a constant (an exponent, leaky_relu's slope,
 * dropout's keep), and so may arithmetic on numbers and consts: the network derives, and its
 * gradients agree with finite differences.
 */
class ConstantArgumentsTest {
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("exponent a const", "const k = 3", "A = sigmoid(Z) ^ k"),
                Arguments.of("exponent a const, written **", "const k = 3", "A = sigmoid(Z) ** k"),
                Arguments.of("exponent a negated const", "const k = 2", "A = sigmoid(Z) ^ -k"),
                Arguments.of("exponent a number", "const k = 2", "A = sigmoid(Z) ^ 2 * k"),
                Arguments.of("exponent arithmetic on numbers", "const k = 2", "A = sigmoid(Z) ^ (1/2) * k"),
                Arguments.of("exponent arithmetic on a const", "const k = 3", "A = sigmoid(Z) ^ (k - 1)"),
                Arguments.of("exponent a power, right-associative", "const k = 2", "A = sigmoid(Z) ** k ** 2"),
                Arguments.of("slope of leaky_relu a const", "const a = 0.1", "A = leaky_relu(Z, a)"),
                Arguments.of("keep of dropout a const", "const keep = 0.8", "A = dropout(sigmoid(Z), keep)"),
                // Arithmetic on constants is a constant for every argument, as for an exponent or an init.
                Arguments.of("slope of leaky_relu arithmetic on a const", "const a = 0.1", "A = leaky_relu(Z, a / 2)"),
                Arguments.of("slope of leaky_relu a negated product", "const a = 0.1", "A = leaky_relu(Z, -(2 * a))"),
                Arguments.of("keep of dropout arithmetic on a const", "const drop = 0.2", "A = dropout(sigmoid(Z), 1 - drop)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void constArgumentDerivesAndAgreesWithFiniteDifferences(String name, String constant, String statement) throws Exception {
        String spec = "network T {\n  input X[2]\n  target Y[1]\n  " + constant + "\n  param W[3, 2]\n  param b[3]\n"
                + "  Z = W @ X + b\n  " + statement + "\n  loss L = sum((A - Y)^2, axis=0)\n  cost J = mean(L)\n}\n";
        for (Convention convention : Convention.values()) {
            Derivation d = Deriver.derive(SpecReader.read("t.nn", spec), convention);
            Environment env = RandomInstance.of(d, 3, 5);
            FiniteDifferences.assertAgree(d, env, 1e-7, name);
        }
    }
}
