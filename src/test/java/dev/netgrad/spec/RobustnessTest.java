package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Hostile inputs end in a parsed model or clean errors within seconds: never a StackOverflowError,
 * an OutOfMemoryError or a hang, whatever thread the caller reads on.
 */
class RobustnessTest {
    private static final Duration BOUND = Duration.ofSeconds(30);

    /** A spec whose one extra statement is {@code A = <expression>}. */
    private static String withExpression(String expression) {
        return "network S {\n input X[2]\n target Y[1]\n param W[1, 2]\n Z = W @ X\n A = " + expression
                + "\n loss L = (Z - Y)^2\n cost J = mean(L)\n}\n";
    }

    private static SpecException rejected(String text) {
        return assertTimeoutPreemptively(BOUND, () -> assertThrows(SpecException.class, () -> SpecReader.read("s.nn", text)));
    }

    private static void accepted(String text) {
        assertTimeoutPreemptively(BOUND, () -> SpecReader.read("s.nn", text));
    }

    private static void assertOneErrorContaining(SpecException e, String fragment) {
        assertEquals(1, e.diagnostics().size(), e.formatted());
        assertTrue(e.diagnostics().get(0).message().contains(fragment), e.formatted());
    }

    @Test
    void emptyFileIsOneCleanError() {
        assertOneErrorContaining(rejected(""), "the file is empty");
        assertOneErrorContaining(rejected("\n\n  \t\n"), "the file is empty");
        assertOneErrorContaining(rejected("\n\n  \t\n// only a comment\n/* and a block */\n"),
                "the file has no network, only comments");
    }

    @Test
    void binaryGarbageGivesCleanErrors() {
        byte[] bytes = new byte[200_000];
        new Random(42).nextBytes(bytes);
        SpecException e = rejected(new String(bytes, StandardCharsets.UTF_8));
        assertEquals(1, e.diagnostics().size(), "one error, not one per undecodable byte: " + e.formatted());
        assertFalse(e.formatted().contains("\uFFFD"), "the bytes are not echoed: " + e.formatted());
        assertOneErrorContaining(rejected("\0\0\0\u0001\u0002"), "not a text file (a binary file?): a NUL byte at byte offset 0");
    }

    /** A word of 300,000 letters is shown cut in the message as in the source line: the error stays a few lines long. */
    @Test
    void aHugeWordIsNotRepeatedWholeInTheMessage() {
        SpecException e = rejected("a".repeat(300_000));
        assertEquals("s.nn:1:1: error: expected a network, 'network NAME { ... }', found name 'aaaaaaaaaaaaaaaaaaaa... "
                + "(300,000 characters)'", e.formatted().lines().findFirst().orElseThrow());
        assertTrue(e.formatted().length() < 400, e.formatted().length() + " characters");
        // A name's longest, 255 characters, stays whole; one more is cut.
        assertEquals("found '" + "b".repeat(255) + "'", new Diagnostic("f", 1, 1, "found '" + "b".repeat(255) + "'").message());
        assertEquals("found 'bbbbbbbbbbbbbbbbbbbb... (256 characters)'",
                new Diagnostic("f", 1, 1, "found '" + "b".repeat(256) + "'").message());
    }

    @Test
    void tenMegabyteFileIsRejectedQuickly() {
        StringBuilder spec = new StringBuilder("network Big {\n input X[2]\n target Y[1]\n param W[1, 2]\n Z0 = W @ X\n");
        for (int i = 1; spec.length() < 10_000_000; i++) {
            spec.append(" Z").append(i).append(" = tanh(Z").append(i - 1).append(")\n");
        }
        assertOneErrorContaining(rejected(spec.toString()), "the file is too large");
        assertOneErrorContaining(rejected("x".repeat(10_000_000)), "the file is too large");
    }

    @Test
    void largeButAllowedFileReadsWithinSeconds() {
        StringBuilder spec = new StringBuilder("network Big {\n input X[2]\n target Y[1]\n param W[1, 2]\n Z0 = W @ X\n");
        int i = 1;
        for (; spec.length() < 400_000; i++) {
            spec.append(" Z").append(i).append(" = tanh(Z").append(i - 1).append(") * 0.5 + Z").append(i - 1).append('\n');
        }
        spec.append(" loss L = (Z").append(i - 1).append(" - Y)^2\n cost J = mean(L)\n}\n");
        accepted(spec.toString());
    }

    @Test
    void tenThousandNestedParenthesesAreOneCleanError() {
        assertOneErrorContaining(rejected(withExpression("(".repeat(10_000) + "Z" + ")".repeat(10_000))),
                "nested too deeply");
        assertOneErrorContaining(rejected(withExpression("tanh(".repeat(10_000) + "Z" + ")".repeat(10_000))),
                "nested too deeply");
        assertOneErrorContaining(rejected(withExpression("(".repeat(10_000))), "nested too deeply");
    }

    @Test
    void tenThousandUnaryMinusesAreOneCleanError() {
        assertOneErrorContaining(rejected(withExpression("-".repeat(10_000) + "Z")), "nested too deeply");
    }

    @Test
    void hundredThousandTermSumIsOneCleanError() {
        assertOneErrorContaining(rejected(withExpression("Z" + " + Z".repeat(100_000))), "nested too deeply");
        assertOneErrorContaining(rejected(withExpression("Z" + "^2".repeat(100_000))), "nested too deeply");
    }

    @Test
    void deepButAllowedExpressionsRead() {
        accepted(withExpression("(".repeat(1500) + "Z" + ")".repeat(1500)));
        accepted(withExpression("- ".repeat(1500) + "Z"));
        accepted(withExpression("Z" + " + Z".repeat(1500)));
    }

    @Test
    void readingOnATinyStackIsSafe() throws InterruptedException {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        String deep = withExpression("Z" + " + Z".repeat(1500));
        Thread small = new Thread(null, () -> {
            try {
                SpecReader.read("s.nn", deep);
            } catch (Throwable t) {
                failure.set(t);
            }
        }, "small-stack", 64 * 1024);
        small.start();
        small.join();
        assertEquals(null, failure.get());
    }
}
