package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.diff.Deriver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Thousands of seeded random mutations of the samples (tokens deleted, duplicated and swapped,
 * random characters inserted) each end in a model or in clean errors. A mutant that still reads
 * must also print and read back.
 */
class FuzzTest {
    private static final long SEED = 20240601L;
    private static final int MUTANTS = 4000;
    private static final Pattern TOKEN = Pattern.compile("\\s+|[A-Za-z_][A-Za-z0-9_]*|[0-9.eE]+|\\*\\*|.", Pattern.DOTALL);
    private static final String ALPHABET = "()[]{}=+-*/@^.,;:<>!$#\"'\\\n\t 0123456789eETmXYZdL_\u0000\u00e9\u2028";

    @Test
    void mutatedSamplesReadOrFailCleanly() {
        List<String[]> samples = TestFiles.samples();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            for (int i = 0; i < MUTANTS; i++) {
                String[] sample = samples.get(random.nextInt(samples.size()));
                String mutant = mutate(sample[1], random);
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
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 1000; i++) {
                String mutant = mutate(equations, random);
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

    static String mutate(String text, Random random) {
        List<String> tokens = tokens(text);
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits && !tokens.isEmpty(); k++) {
            int i = random.nextInt(tokens.size());
            switch (random.nextInt(5)) {
                case 0 -> tokens.remove(i);
                case 1 -> tokens.add(i, tokens.get(i));
                case 2 -> {
                    int j = random.nextInt(tokens.size());
                    String t = tokens.get(i);
                    tokens.set(i, tokens.get(j));
                    tokens.set(j, t);
                }
                case 3 -> tokens.add(i, randomChars(random));
                default -> tokens.set(i, randomChars(random));
            }
        }
        return String.join("", tokens);
    }

    private static String randomChars(Random random) {
        StringBuilder s = new StringBuilder();
        int n = 1 + random.nextInt(3);
        for (int k = 0; k < n; k++) {
            s.append(random.nextInt(8) == 0 ? (char) random.nextInt(0x3000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return s.toString();
    }

    private static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }
}
