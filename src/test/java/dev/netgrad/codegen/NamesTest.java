package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Spec names that are Java keywords or the class's own members are escaped by the naming authority, never spliced. */
class NamesTest {
    private static final String SPEC = """
            network class {
              input int[2]
              target fit[1]
              param step[3, 2]
              param double[3]
              param Math[1, 3]
              param random[1]
              new = step @ int + double
              this = tanh(new)
              return = Math @ this + random
              predict = sigmoid(return)
              loss L = -(fit * log(predict) + (1 - fit) * log(1 - predict))
              cost J = mean(L)
            }
            """;

    @Test
    void keywordsAndMemberNamesGetASuffixAndTheClassStillWorks() {
        Derivation d = Specs.derive("names.nn", SPEC);
        String source = TrainerGenerator.generate(d, "netgrad.generated");
        assertEquals("class_", TrainerGenerator.className(d.network()));
        assertTrue(source.contains("public final class class_ extends NetworkTrainer {"), source);
        for (String field : new String[] {"int_", "fit_", "step_", "double_", "Math_", "new_", "this_", "return_", "predict_"}) {
            assertTrue(source.contains("double[] " + field + " = "), field);
        }
        // The runtime's private field random is not in the class's scope: the param keeps its name.
        assertTrue(source.contains("double[] random = "), source);
        assertTrue(source.contains("products.multiply(step_, int_, new_, 3, 2, m);"), source);
        CompiledTrainer t = CompiledTrainer.of(d, 1);
        assertArrayEquals(new String[] {"step", "double", "Math", "random"}, t.paramNames());
        assertEquals(3, t.getParam("step").length);
        EvaluationAgreementTest.agree(d, 1);
    }

    /**
     * Names of the classes a trainer uses: the runtime's public ones, and java.lang's that it names
     * (the runtime's package-private classes, Helpers, JsonCursor ..., are out of its scope: see
     * HostileNamesTest).
     */
    static final List<String> CLASS_NAMES = List.of("Runtime", "Math", "System", "String", "Object", "Thread", "Trainer",
            "IndexOutOfBoundsException", "NetworkTrainer", "Layout", "Kernels", "MatrixProducts", "EntryRange", "GradientSums",
            "Progress", "Arrays", "Override", "Optimizer");

    private static String named(String name) {
        return """
                network %1$s {
                  input X[2]
                  target Y[1]
                  param W[3, 2] init randn(0.5)
                  param b[3]
                  param V[1, 3] init randn(0.5)
                  param c[1]
                  Z = W @ X + b
                  %1$s = tanh(Z)
                  A = sigmoid(V @ %1$s + c)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L)
                }
                """.formatted(name);
    }

    /**
     * A network and a value named after a class the trainer uses (Runtime, Math, the runtime's
     * NetworkTrainer ...) take a {@code _} suffix and compile; all are compiled in one run of javac.
     */
    @Test
    void networksAndValuesNamedAfterTheClassesTheTrainerUsesCompile() {
        Map<String, String> sources = new TreeMap<>();
        for (String name : CLASS_NAMES) {
            Derivation d = Specs.derive(name + ".nn", named(name));
            String className = TrainerGenerator.className(d.network());
            assertEquals(name + "_", className);
            String source = TrainerGenerator.generate(d, "netgrad.names");
            assertTrue(source.contains("public final class " + name + "_ extends NetworkTrainer {"), source);
            assertFalse(source.contains("double[] " + name + " = "), name);
            sources.put("netgrad.names." + className, source);
        }
        Map<String, byte[]> classes = InMemoryCompiler.compileAll(sources, compileOptions());
        sources.keySet().forEach(name -> assertTrue(classes.containsKey(name), name));
        for (String name : List.of("Runtime", "IndexOutOfBoundsException")) {
            EvaluationAgreementTest.agree(Specs.derive(name + ".nn", named(name)), 1);
        }
    }

    private static List<String> compileOptions() {
        List<String> options = new ArrayList<>(InMemoryCompiler.STRICT);
        options.addAll(List.of("--class-path", InMemoryCompiler.runtimeLocation()));
        return options;
    }

    /** Heavy loops become methods over (from, to) held in fields loopOf...: spec names take neither. */
    @Test
    void namesOfTheSharedLoopsAndTheirBoundsAreNotTaken() {
        Derivation d = Specs.derive("ranges.nn", """
                network Ranges {
                  input from[2]
                  target to[1]
                  param W[3, 2]
                  param b[3]
                  param V[1, 3]
                  param c[1]
                  Z = W @ from + b
                  H = tanh(Z)
                  loopOfH = 2 * H
                  entriesOfH = V @ loopOfH + c
                  A = sigmoid(entriesOfH)
                  loss L = -(to * log(A) + (1 - to) * log(1 - A))
                  cost J = mean(L)
                }
                """);
        String source = TrainerGenerator.generate(d, "netgrad.generated");
        assertTrue(source.contains("double[] from_ = "), source);
        assertTrue(source.contains("double[] to_ = "), source);
        assertTrue(source.contains("private final EntryRange loopOfH_2 = this::entriesOfH_2;"), source);
        assertTrue(source.contains("private void entriesOfH_2(int from, int to) {"), source);
        EvaluationAgreementTest.agree(d, 1);
    }

    @Test
    void theNamingAuthorityNeverHandsOutANameTwice() {
        JavaNames names = new JavaNames(Set.of("fit"));
        names.claim(java.util.List.of("fit_", "A", "class"));
        assertEquals("A", names.of("A"));
        assertEquals("fit__2", names.of("fit"));
        assertEquals("class_", names.of("class"));
        assertEquals("e1_", names.of("e1"));
        assertEquals("A_2", names.allocate("A"));
    }
}
