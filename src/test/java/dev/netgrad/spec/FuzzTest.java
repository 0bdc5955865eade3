package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.TokenMutations;
import dev.netgrad.diff.Deriver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random mutations of the samples (tokens deleted, duplicated and swapped,
 * random characters inserted) each end in a model or in clean errors. A mutant that still reads
 * must also print and read back. {@code -Dnetgrad.fuzzSeed=N -Dnetgrad.fuzzCases=K} explores other mutants by
 * hand (K spec mutants, K / 4 equation-file mutants), as in PipelineFuzzTest.
 */
class FuzzTest {
    private static final long SEED = Long.getLong("netgrad.fuzzSeed", 20240601L);
    private static final int MUTANTS = Integer.getInteger("netgrad.fuzzCases", 4000);
    /**
     * A guard against a hang, not a measure of speed: the work is bounded by the count of mutants, and a
     * loop takes about 35 s on a quiet machine. It failed at 120 s on a CI machine at load average 30, so
     * it is far above that: only a mutant that never finishes should reach it.
     */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    @Test
    void mutatedSamplesReadOrFailCleanly() {
        List<String[]> samples = TestFiles.samples();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < MUTANTS; i++) {
                String[] sample = samples.get(random.nextInt(samples.size()));
                String mutant = TokenMutations.mutate(sample[1], random);
                outcomes[readOrFail(sample[0], mutant, i)]++;
            }
        });
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes occur: " + outcomes[0] + " read, "
                + outcomes[1] + " rejected");
    }

    @Test
    void mutatedEquationFilesReadOrFailCleanly() throws SpecException {
        Network network = SpecReader.read("dropout.nn", TestFiles.read(TestFiles.resource("specs/dropout.nn")));
        String equations = "dZ3 = A3 - Y\ndW3 = 1/m * dZ3 @ A2.T\ndb3 = 1/m * sum(dZ3, axis=1)\n"
                + "dA2 = W3.T @ dZ3\ndZ2 = dA2 * mask(A2) / 0.86 * (Z2 > 0)\n";
        Map<String, String> derivativeNames = Deriver.derivativeNames(network);
        Random random = new Random(SEED + 1);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < MUTANTS / 4; i++) {
                String mutant = TokenMutations.mutate(equations, random);
                try {
                    SpecReader.readEquations("m.eq", mutant, network, derivativeNames);
                } catch (SpecException e) {
                    checkClean(e, mutant, i);
                }
            }
        });
    }

    /** 0 when the mutant read (and round-tripped), 1 when it was rejected cleanly. */
    private static int readOrFail(String name, String mutant, int index) {
        Network network;
        try {
            network = SpecReader.read(name, mutant);
        } catch (SpecException e) {
            checkClean(e, mutant, index);
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError("mutant " + index + " of " + name + " threw " + e + ":\n" + mutant, e);
        }
        String printed = NetworkPrinter.print(network);
        try {
            assertEquals(printed, NetworkPrinter.print(SpecReader.read(name, printed)), "mutant " + index);
        } catch (SpecException e) {
            fail("mutant " + index + " read, but its printed form did not:\n" + printed + "\n" + e.formatted());
        }
        return 0;
    }

    private static void checkClean(SpecException e, String mutant, int index) {
        assertFalse(e.diagnostics().isEmpty());
        for (Diagnostic d : e.diagnostics()) {
            assertTrue(d.line() >= 1 && d.column() >= 1, "mutant " + index + ": position " + d + "\n" + mutant);
            assertFalse(d.message().isBlank());
        }
        assertFalse(e.formatted().isEmpty());
    }
}
