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
