package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.github.javaparser.StaticJavaParser;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The classes code names in full, read off it, and which classes compiled beside it break one: one rule for
 * the trainer (its imports) and the Maven plugin's gradient test (its template).
 */
class NamesInFullTest {
    private static final String TRAINER = """
            package com.acme;

            import static dev.netgrad.runtime.Kernels.exp;
            import static dev.netgrad.runtime.Kernels.tanh;
            import dev.netgrad.runtime.NetworkTrainer;
            import java.util.Arrays;

            public final class Net extends NetworkTrainer {
            }
            """;

    /** A static import names its class in full: a class named like Kernels' package or Kernels itself breaks it. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "dev.netgrad.runtime.Kernels | the class dev.netgrad.runtime.Kernels would replace the class of that name that its "
            + "trainer uses; rename the network or choose another package",
        "dev.netgrad.runtime         | the class dev.netgrad.runtime would hide the package of that name in its trainer, "
            + "which names dev.netgrad.runtime.Kernels in full (javac would look for Kernels inside the class); rename the "
            + "network or choose another package",
        "dev                         | the class dev would hide the package of that name in its trainer, which names "
            + "dev.netgrad.runtime.Kernels in full (javac would look for netgrad.runtime.Kernels inside the class); rename the "
            + "network or choose another package",
        "java.util                   | the class java.util would hide the package of that name in its trainer, which names "
            + "java.util.Arrays in full (javac would look for Arrays inside the class); rename the network or choose another "
            + "package",
        "dev.netgrad.run             | ''",
        "com.acme.Net                | ''",
    })
    void aClassBreaksANameItsCodeImportsWhenItIsThatNameOrAPackageOfIt(String qualifiedClass, String problem) {
        Set<String> names = NamesInFull.imported(StaticJavaParser.parse(TRAINER));
        assertEquals(Set.of("dev.netgrad.runtime.Kernels", "dev.netgrad.runtime.NetworkTrainer", "java.util.Arrays"), names);
        assertEquals(problem, NamesInFull.clash(qualifiedClass, names, "its trainer").orElse(""));
    }

    /** Read off fixed code: a qualified class, not a member of a class (Math.max, row.length). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "java.util.List<String> a = new java.util.ArrayList<>(); | java.util.ArrayList java.util.List",
        "org.junit.jupiter.api.Assertions.assertTrue(ok);          | org.junit.jupiter.api.Assertions",
        "double v = Math.max(a, b) + row.length;                   | ''",
    })
    void fixedCodeNamesTheClassesWrittenInFull(String code, String names) {
        assertEquals(names, String.join(" ", NamesInFull.in(code)));
    }
}
