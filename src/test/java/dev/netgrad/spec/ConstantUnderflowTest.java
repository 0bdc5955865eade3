package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A constant that must be positive and is 0 only because a double cannot hold what it computes: the
 * refusal says which operation underflowed, where it said "found 0" behind the numbers the user wrote.
 * A constant that is 0 in exact arithmetic too stays "found 0". Locations: errors/constant-underflows-*.
 */
class ConstantUnderflowTest {
    private static final String SMALLEST = " underflows to 0, below the smallest double (4.9e-324)";

    // The keep probability of a dense layer's dropout, written as KEEP after a const k = 1e-200 * 1e-200 (line 2).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1e-200 * 1e-200                     | 0: 1e-200 * 1e-200
            2 * (1e-200 * 1e-200)               | 0: 1e-200 * 1e-200
            (1e-200 * 1e-200) * (1e-200 * 3)    | 0: 1e-200 * 1e-200
            -(1e-200 * 1e-200)                  | 0: 1e-200 * 1e-200
            1e-300 / 1e100                      | 0: 1e-300 / 1e100
            0.5^2000                            | 0: 0.5^2000
            10^-400                             | 0: 10^(-400)
            (1e-200 * 1e-200) + 0               | 0: 1e-200 * 1e-200
            k                                   | 0: 1e-200 * 1e-200 in const k (at 2:13)
            k * 5                               | 0: 1e-200 * 1e-200 in const k (at 2:13)
            j                                   | 0: 1e-200 * 1e-200 in const k (at 2:13)
            1 - 1                               | 0
            0 * 1e-200 * 1e-200                 | 0
            0 * (1e-200 * 1e-200)               | 0
            1e-200 * 1e-200 - 1e-200 * 1e-200   | 0
            """)
    void aKeepProbabilityThatUnderflowsSaysWhereItDid(String keep, String found) {
        String spec = """
                network N {
                  const k = 1e-200 * 1e-200
                  const j = 3 * k
                  input X[2]
                  target Y[1]
                  dense 4 relu dropout KEEP
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """.replace("KEEP", keep);
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("n.nn", spec));
        assertEquals(1, e.diagnostics().size(), e.formatted());
        assertEquals("the keep probability of dropout must be in (0, 1], found " + found
                + (found.equals("0") ? "" : SMALLEST), e.diagnostics().get(0).message());
    }

    // A divisor 0 only by underflow: the error said "the divisor is a constant 0" behind the numbers the user wrote.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            k                   | 0: 1e-200 * 1e-200 in const k (at 2:13)
            (1e-300 * 1e-300)   | 0: 1e-300 * 1e-300
            (2 * k)             | 0: 1e-200 * 1e-200 in const k (at 2:13)
            (1 - 1)             | 0
            0                   | 0
            """)
    void aDivisorThatUnderflowsSaysWhereItDid(String divisor, String found) {
        String spec = """
                network N {
                  const k = 1e-200 * 1e-200
                  input X[2]
                  target Y[1]
                  param W1[1, 2]
                  Z1 = W1 @ X / DIVISOR
                  A1 = sigmoid(Z1)
                  loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost J = mean(L)
                }
                """.replace("DIVISOR", divisor);
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("n.nn", spec));
        assertEquals(1, e.diagnostics().size(), e.formatted());
        assertEquals("division by zero: the divisor is a constant " + found + (found.equals("0") ? "" : SMALLEST),
                e.diagnostics().get(0).message());
    }
}
