package dev.netgrad.spec.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A misspelt function is hinted at the same function in every run: the functions were a Set.of, whose order
 * changes from run to run, and 'nflatten(Z)', one edit from flatten and from unflatten, was hinted at either.
 */
class FunctionHintTest {
    @Test
    void theFunctionsAreOfferedInTheirDeclaredOrder() {
        // A Set.of iterated these 27 names in an order drawn afresh by each JVM.
        assertEquals(List.of("tanh", "sigmoid", "relu", "exp", "log"), Names.FUNCTIONS.stream().limit(5).toList());
    }

    @Test
    void aMisspeltFunctionIsHintedAtTheFirstOfTheNearest() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("t.nn",
                "network T {\n  input X[2]\n  target Y[1]\n  param W[1, 2]\n  Z = W @ X\n  A = sigmoid(nflatten(Z))\n"
                        + "  loss L = (A - Y)^2\n  cost J = mean(L)\n}\n"));
        assertTrue(e.getMessage().contains("unknown function 'nflatten'; did you mean 'flatten'?"), e.getMessage());
    }
}
