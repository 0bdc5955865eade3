package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.Compilation;
import dev.netgrad.SampleFiles;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** A backward pass too large to write out is a located error, found by size, never a verb that runs for minutes. */
public class DerivativeBudgetTest {
    /** A hang guard only: the deepest case fails in a second or two. */
    private static final Duration HANG_GUARD = Duration.ofMinutes(2);

    /** {@code A1 = sigmoid(tanh(...tanh(Z1)...))}, {@code depth} tanh deep, on line 6. */
    public static String nested(int depth) {
        String inner = "tanh(".repeat(depth) + "Z1" + ")".repeat(depth);
        return "network Deep {\n  input X[2]\n  target Y[1]\n  param W1[1, 2] init randn(0.01)\n  Z1 = W1 @ X\n"
                + "  A1 = sigmoid(" + inner + ")\n  output A1\n  loss L = (A1 - Y)^2\n  cost J = mean(L)\n}\n";
    }

    /** {@code statements} statements, each {@code depth} tanh deep over the one before. */
    static String chained(int statements, int depth) {
        StringBuilder spec = new StringBuilder("network Chain {\n  input X[2]\n  target Y[1]\n  param W1[1, 2]\n  A0 = W1 @ X\n");
        for (int i = 1; i <= statements; i++) {
            spec.append("  A").append(i).append(" = ").append("tanh(".repeat(depth)).append('A').append(i - 1)
                    .append(")".repeat(depth)).append('\n');
        }
        return spec.append("  loss L = (A").append(statements).append(" - Y)^2\n  cost J = mean(L)\n}\n").toString();
    }

    record Case(String spec, String error) {
    }

    @Test
    void aDerivativeOverTheBudgetIsAnErrorAtItsStatement() {
        List<Case> cases = List.of(
                new Case(nested(1), null),                                            // the course's depth
                new Case(nested(100), null),                                          // about 5,700 nodes
                new Case(nested(250), null),                                          // about 33,000 nodes
                new Case(nested(400), "6:3: error: the derivative of this statement would be too large"), // about 85,000
                new Case(nested(1990), "6:3: error: the derivative of this statement would be too large"), // the nesting limit
                new Case(chained(10, 100), null),                                     // 10 x 5,700 in all
                new Case(chained(30, 200), "11:3: error: the derivatives of this network would be too large")); // 30 x 21,000: A6, the 25th derived, crosses
        for (Case c : cases) {
            String head = c.spec().substring(0, Math.min(120, c.spec().length()));
            Object outcome = assertTimeoutPreemptively(HANG_GUARD, () -> onLargeStack(() -> {
                try {
                    return Compilation.of("deep.nn", c.spec(), Convention.LOSS);
                } catch (SpecException e) {
                    return e;
                }
            }));
            if (c.error() == null) {
                assertTrue(outcome instanceof Compilation, head + ": " + outcome);
            } else {
                assertTrue(outcome instanceof SpecException, head + ": derived");
                SpecException e = (SpecException) outcome;
                String formatted = e.formatted();
                assertTrue(formatted.startsWith("deep.nn:") && formatted.contains(c.error()), formatted);
                assertTrue(formatted.contains("split it into statements"), formatted);
                assertTrue(formatted.contains("\n  A"), formatted); // the source line, then the caret
            }
        }
    }

    /**
     * Lowering recurses once per nesting level, as the command line's own thread allows (see
     * Main.STACK_BYTES); a test thread's default stack does not reach the nesting limit.
     */
    private static Object onLargeStack(Supplier<Object> work) throws InterruptedException {
        Object[] result = new Object[1];
        Thread t = new Thread(null, () -> result[0] = work.get(), "large-stack", 256L * 1024 * 1024);
        t.setDaemon(true);
        t.start();
        t.join();
        return result[0];
    }

    @Test
    void theErrorNamesTheBudgetAndTheStatement() throws SpecException {
        var network = SpecReader.read("deep.nn", nested(400));
        Diagnostic d = assertThrows(DerivativeTooLargeException.class, () -> Deriver.derive(network, Convention.COST))
                .diagnostic();
        assertEquals(new Diagnostic("deep.nn", 6, 3, d.message()), d);
        assertTrue(d.message().contains("more than 50,000 operations and names"), d.message());
        assertThrows(DerivativeTooLargeException.class, () -> Deriver.deriveWithoutFusion(network, Convention.LOSS));
    }

    @Test
    void everySampleIsFarBelowTheBudget() throws Exception {
        for (Path sample : SampleFiles.specs()) {
            var network = SpecReader.read(sample.toString(), Files.readString(sample));
            for (Convention convention : Convention.values()) {
                long total = 0;
                for (Equation e : Deriver.derive(network, convention).equations()) {
                    assertTrue(e.value().writtenSize() * 1000 < DerivativeBudget.PER_EQUATION, sample + " " + e.name());
                    total += e.value().writtenSize();
                }
                assertTrue(total * 1000 < DerivativeBudget.IN_ALL, sample + ": " + total);
            }
        }
    }
}
