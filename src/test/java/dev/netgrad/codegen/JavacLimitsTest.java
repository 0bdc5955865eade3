package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
        assertTrue(source.contains("FORWARD = Layout.lines(\"Z1 = W1 @ X + b1\\nA1 = tanh(Z1)\\nZ2 = "), "the forward pass is one string of lines");
        EvaluationAgreementTest.agree(d, 1);
        assertEquals(NetworkPrinter.forward(d.network()), CompiledTrainer.of(d, 1).trainer().forwardPass());
    }

    /**
     * A forward pass of long lines, past the 65535 bytes of one string constant: cut into strings of whole lines,
     * which the runtime puts together again (300 lines of about 260 bytes: two strings).
     */
    @Test
    void aForwardPassTooLongForOneStringIsCutIntoStringsOfWholeLines() {
        String value = "A".repeat(120);
        StringBuilder spec = new StringBuilder("network LongLines {\n  input X[2]\n  target Y[2]\n");
        for (int i = 0; i < 300; i++) {
            String previous = i == 0 ? "X" : value + (i - 1);
            spec.append("  param W").append(i).append("[2, 2] init randn(0.5)\n  param b").append(i).append("[2]\n  ")
                    .append(value).append(i).append(" = tanh(W").append(i).append(" @ ").append(previous).append(" + b").append(i).append(")\n");
        }
        spec.append("  loss L = sum((").append(value).append("299 - Y) ^ 2, axis=0)\n  cost J = mean(L)\n}\n");
        Derivation d = Specs.derive("long.nn", spec.toString());
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        String call = source.substring(source.indexOf("FORWARD = Layout.lines("), source.indexOf(");", source.indexOf("FORWARD = ")));
        assertEquals(2, call.split("\",\\s+\"").length, "two strings");
        assertEquals(NetworkPrinter.forward(d.network()), CompiledTrainer.of(d, 1).trainer().forwardPass());
    }

    @Test
    void aNetworkTooBigForOneClassIsRefusedWithAMessage() {
        Derivation d = Specs.derive("huge.nn", chain("Huge", 1400));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        assertTrue(e.getMessage().startsWith("the network Huge is too big for one Java class"), e.getMessage());
    }

    /**
     * 3,000 layers: told from the network alone, before derivation and the class's AST (which took 36 s
     * and 1.2 GB), by counts the class is sure to reach: 10 fields and methods a layer.
     */
    @Test
    void aDeepNetworkIsRefusedFromTheNetworkAloneBeforeItIsDerived() {
        Network network = Specs.read("deep.nn", chain("Deep", 3000));
        assertEquals(Optional.of("the network Deep is too big for one Java class: its trainer would need at least 90048 constants"
                + " (30016 fields and methods), and the JVM allows 65535; use fewer layers"), TrainerGenerator.unsupported(network));
    }

    /**
     * The deepest chain of dense layers the class holds: 817 layers, whose deltaBuffer lookup (3271 cases) is the
     * longest method the estimate allows; the early check and the one on the derivation let it through, it
     * generates and javac compiles it. One layer more is refused once derived, before the class's AST is built
     * (which took 5 s of the 6), by the figure and words the check on the finished class gives.
     */
    @Test
    void theDeepestChainThatFitsPassesTheEarlyCheckGeneratesAndCompiles() {
        Network fits = Specs.read("chain.nn", chain("Fits", 817));
        assertEquals(Optional.empty(), TrainerGenerator.unsupported(fits));
        Derivation derived = Specs.derive(fits);
        assertEquals(Optional.empty(), ClassLimits.derived(derived));
        String source = TrainerGenerator.generate(derived, "limits");
        InMemoryCompiler.compile("limits.Fits", source, List.of("--release", "17", "-proc:none"));

        Derivation over = Specs.derive("chain.nn", chain("Over", 818));
        assertEquals(Optional.empty(), TrainerGenerator.unsupported(over.network()), "the early check refuses only what is sure not to fit");
        String message = "the network Over is too big for one Java class: its method deltaBuffer would need about 65588 bytes"
                + " of code, and the JVM allows 65535; use fewer layers";
        assertEquals(Optional.of(message), ClassLimits.derived(over));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerGenerator.generate(over, "limits"));
        assertEquals(message, e.getMessage());
    }

    /** A lookup's nodes as the early check counts them are the nodes of the method the generator builds. */
    @Test
    void theEarlyCountOfALookupsNodesIsTheGeneratedLookups() {
        String source = TrainerGenerator.generate(Specs.derive("chain.nn", chain("Small", 3)), "limits");
        ClassOrInterfaceDeclaration type = new JavaParser(new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17))
                .parse(source).getResult().orElseThrow().getClassByName("Small").orElseThrow();
        // expected entries: 8 params, 12 values (X, Y, Z1 ... A4, L, J), 15 derivatives, no mask
        Map<String, Integer> entries = Map.of("paramBuffer", 8, "valueBuffer", 12, "deltaBuffer", 15, "maskBuffer", 0);
        entries.forEach((lookup, n) -> assertEquals(Members.lookupNodes(n),
                type.getMethodsByName(lookup).get(0).findAll(com.github.javaparser.ast.Node.class).size(), lookup));
    }

    /** A chain of {@code layers} tanh statements with names of {@code nameLength} characters, each with its own param {@code name}. */
    private static String longNames(int layers, int nameLength, boolean paramEach) {
        StringBuilder spec = new StringBuilder("network LongNames {\n  input X[2]\n  target Y[1]\n  param w[1, 2]\n  param b[1]\n");
        String previous = "X";
        for (int i = 1; i <= layers; i++) {
            String name = "V".repeat(nameLength - 3) + String.format(Locale.ROOT, "%03d", i);
            if (paramEach) {
                String param = "P".repeat(nameLength - 3) + String.format(Locale.ROOT, "%03d", i);
                spec.append("  param ").append(param).append("[2]\n  ").append(name).append(" = tanh(").append(param)
                        .append(" * ").append(previous).append(")\n");
            } else {
                spec.append("  ").append(name).append(" = tanh(").append(previous).append(")\n");
            }
            previous = name;
        }
        return spec.append("  A = sigmoid(w @ ").append(previous).append(" + b)\n")
                .append("  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n").toString();
    }

    /**
     * Past 256 names a table is one string constant, which the JVM caps at 65535 bytes: javac said "constant string
     * too long" of a class the generator had written. The values' names are known from the network: told early.
     */
    @Test
    void aTableOfNamesTooLongForOneStringIsRefusedEarly() {
        Network network = Specs.read("long.nn", longNames(300, 240, false));
        assertEquals(Optional.of("the network LongNames is too big for one Java class: its table VALUE_NAMES would be one string of"
                + " at least 72309 bytes, and the JVM allows 65535 a string; use fewer layers or shorter names"),
                TrainerGenerator.unsupported(network));
    }

    /** The derivatives' names are known only once derived: the check on the finished class tells them. */
    @Test
    void aTableOfDerivativeNamesTooLongForOneStringIsRefusedByTheLateCheck() {
        Derivation d = Specs.derive("long.nn", longNames(170, 200, true));
        assertEquals(Optional.empty(), TrainerGenerator.unsupported(d.network()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainerGenerator.generate(d, "limits"));
        assertEquals("the network LongNames is too big for one Java class: its table DELTA_NAMES would be one string of"
                + " 68685 bytes, and the JVM allows 65535 a string; use fewer layers or shorter names", e.getMessage());
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
