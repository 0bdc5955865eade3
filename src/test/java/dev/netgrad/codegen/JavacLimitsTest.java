package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import org.junit.jupiter.api.Test;

/**
 * The generator never writes Java that javac rejects (issue 12.10): a long network's tables and
 * passes are cut to the JVM's 64 kB a method, a network too big for one class is refused with a
 * message, and absurdly long names are refused in the spec, where they are written.
 */
class JavacLimitsTest {
    private static String chain(String name, int layers) {
        StringBuilder spec = new StringBuilder("network " + name + " {\n  input X[2]\n  target Y[1]\n");
        spec.append("  dense 2 tanh\n".repeat(layers));
        return spec.append("  dense 1 sigmoid\n  loss cross_entropy\n}\n").toString();
    }

    /** 300 layers: tables past 256 entries, backward and allocate past 1000 statements. */
    @Test
    void aLongChainCompilesAndAgreesWithTheEvaluator() {
        Derivation d = Specs.derive("chain.nn", chain("Chain", 300));
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        assertTrue(source.contains("PARAM_NAMES = Layout.names(\"W1 b1 W2 b2 "), "the long tables are one string each");
        assertTrue(source.contains("private void backwardPart2() {"), "backward is cut into parts");
        assertTrue(source.contains("private void allocatePart2(int size) {"), "allocate is cut into parts");
        EvaluationAgreementTest.agree(d, 1);
    }

    @Test
    void aNetworkTooBigForOneClassIsRefusedWithAMessage() {
        Derivation d = Specs.derive("huge.nn", chain("Huge", 1400));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        assertTrue(e.getMessage().startsWith("the network Huge is too big for one Java class"), e.getMessage());
    }

    @Test
    void aNameTooLongForJavaIsRefusedWhereItIsWritten() {
        String name = "W".repeat(70_000);
        String spec = "network Long {\n  input X[2]\n  target Y[1]\n  param " + name + "[1, 2]\n  param b[1]\n"
                + "  A = sigmoid(" + name + " @ X + b)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n";
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("long.nn", spec));
        String first = e.formatted().lines().findFirst().orElseThrow();
        assertEquals("long.nn:4:9: error: the name 'WWWWWWWWWWWWWWWWWWWW...' is 70000 characters long; names are at most 255 characters", first);
    }
}
