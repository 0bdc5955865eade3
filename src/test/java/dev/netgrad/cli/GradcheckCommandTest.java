package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code netgrad gradcheck} exits 0 when every param's relative difference is at most 1e-7, and 1 above it. */
class GradcheckCommandTest {
    @TempDir
    Path dir;

    @Test
    void aGradientThatAgreesExitsZero() {
        MainTest.Run r = MainTest.run("gradcheck", "samples/planar.nn");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\n  W1  4 x 2  all 8 entries  relative difference "), r.out());
        assertTrue(r.out().endsWith(" <= 1e-07)\n"), r.out());
    }

    /**
     * A forward pass that is not finite (the square root of a negative number) makes every
     * difference NaN: that is no verdict on the derivatives, so gradcheck names the first value
     * that is not finite instead of calling every gradient wrong.
     */
    @Test
    void aCostThatIsNotFiniteNamesTheFirstValueThatIsNot() throws IOException {
        Path spec = Files.writeString(dir.resolve("nan.nn"), """
                network NaNs {
                  input X[2]
                  target Y[1]
                  param W1[1, 2] init randn(0.01)
                  param b1[1]
                  Z1 = W1 @ X + b1
                  A1 = sigmoid(sqrt(Z1 - 5))
                  loss L = -(Y * log(A1) + (1 - Y) * log(1 - A1))
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertEquals("gradcheck NaNs: the cost is NaN on 16 seeded random examples, so no gradient can be compared;"
                + " A1 (line 7) is the first value that is not finite: NaN at row 1, column 1 (example 1)\n", r.out());
    }

    /**
     * exp(1000 z) curves so steeply that centred differences with eps 1e-6 miss its slope by about
     * eps^2 * 1000^2 / 6 of it: a relative difference above 1e-7, far above rounding, is a failure.
     */
    @Test
    void aRelativeDifferenceAbove1e7IsWrongAndExitsOne() throws IOException {
        Path spec = Files.writeString(dir.resolve("steep.nn"), """
                network Steep {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init zeros
                  Z = W @ X
                  loss L = exp(1000 * Z) + 0 * Y
                  cost J = mean(L)
                }
                """);
        MainTest.Run r = MainTest.run("gradcheck", spec.toString());
        assertEquals(1, r.code(), r.out() + r.err());
        assertTrue(r.out().matches("(?s).*\n  W  1 x 1  its 1 entry  relative difference \\d\\.\\d\\de-07  WRONG\n.*"), r.out());
        assertTrue(r.out().endsWith("1 of 1 params have gradients that differ from finite differences by more than 1e-07\n"), r.out());
        assertEquals("", r.err());
    }
}
