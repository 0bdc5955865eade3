package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.ir.ExprPrinter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Clauses of the language (docs/language.md, sections 2 to 4, and docs/images.md) that no other test held: how
 * a statement groups, read back through the printer, which parenthesizes whatever does not group as written.
 */
class LanguageContractTest {
    private static Network withStatement(String statement) {
        return SpecReaderTest.read("network T {\n input X[2]\n target Y[1]\n param W[1, 2]\n Z = W @ X\n "
                + statement + "\n loss L = (P - Y)^2\n cost J = mean(L)\n}\n");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the statement, as written                 | how it groups, printed
        "P = Z ^ 3 ^ 2                               | Z^9",                   // the power is right-associative: 3^2 first
        "P = Z ** 2 ** 0.5 * 0 + Z ** 3 ** 1         | Z^1.4142135623730951 * 0 + Z^3",
        "P = Z - Z - 1                               | Z - Z - 1",             // left-associative, not Z - (Z - 1)
        "P = Z / 2 / Z                               | Z / 2 / Z",             // not Z / (2 / Z)
        "P = W @ X * Z                               | W @ X * Z",             // @ and * one level, left to right
        "P = W @ (X * Z)                             | W @ (X * Z)",
        "P = -Z ^ 2 - -Z                             | -Z^2 - (-Z)",            // unary minus binds looser than the power
        "P = (Z > 0) + Z                             | (Z > 0) + Z",
        "P = Z /* a block comment \\n over lines */ + 1 | Z + 1",            // the line break inside it ends nothing
        "P = Z + 1; Q = P                            | Z + 1",
    })
    void statementsGroupAsInPython(String statement, String printed) {
        Network n = withStatement(statement.strip().replace("\\n", "\n"));
        assertEquals(printed.strip(), ExprPrinter.print(n.statement("P").orElseThrow().value()));
    }

    /** An image meets a 1 x m value as numpy's (h·w·c) x m meets it: one number per example (docs/images.md). */
    @Test
    void anImageMeetsAValuePerExample() {
        Network n = SpecReaderTest.read("""
                network I {
                  input X[6, 6, 2]
                  target Y[1]
                  param W1[3, 3, 2, 4]
                  param b1[4]
                  param w[1, 64]
                  A1 = tanh(conv2d(X, W1) + b1)
                  Q = A1 / (1 + sum(A1, axis=0)^2) - mean(A1, axis=0) * A1 + b1 * 2
                  A2 = sigmoid(w @ flatten(Q))
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L)
                }
                """);
        assertEquals("4 x 4 x 4 x m", n.statement("Q").orElseThrow().shape().toString());
    }
}
