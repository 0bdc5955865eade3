package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.RandomExamples.TargetKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.netgrad.Compilation;
import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GradientTestWriterTest {
    private static final GradientTestWriter.Subject IRIS =
            new GradientTestWriter.Subject("com.acme", "Iris", "com/acme/Iris.nn", 4, 3, TargetKind.ONE_HOT);

    @Test
    void testIsNamedAfterTheNetworkInItsPackage() {
        String source = GradientTestWriter.write(IRIS);
        assertEquals("IrisGradientTest", GradientTestWriter.testClassName("Iris"));
        assertTrue(source.startsWith("package com.acme;\n"), source);
        assertTrue(source.contains("class IrisGradientTest {"), source);
        assertTrue(source.contains("Iris net = new Iris(SEED);"), source);
        assertTrue(source.contains("from com/acme/Iris.nn;"), source);
    }

    @Test
    void sizesComeFromTheNetworksInputAndTarget() {
        String source = GradientTestWriter.write(IRIS);
        assertTrue(source.contains("INPUT_ROWS = 4;"), source);
        assertTrue(source.contains("TARGET_ROWS = 3;"), source);
        assertTrue(source.contains("TARGET_KIND = \"ONE_HOT\";"), source);
    }

    @Test
    void everyPlaceholderIsFilled() {
        assertFalse(GradientTestWriter.write(IRIS).contains("${"));
    }

    /** The whole test, byte for byte; rewrite on purpose with -Dnetgrad.updateGoldens=true. */
    @Test
    void theWrittenTestMatchesItsGolden() throws IOException {
        String source = GradientTestWriter.write(IRIS);
        Path golden = Path.of("src/test/resources/goldens/IrisGradientTest.java.txt");
        if (Boolean.getBoolean("netgrad.updateGoldens")) {
            Files.writeString(golden, source, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), source,
                () -> golden + " differs; if the change is intended, run with -Dnetgrad.updateGoldens=true");
    }

    @TempDir
    Path dir;

    // The test names java.util's and JUnit's classes in full: imported, they hid a network of the
    // same name in the package, and the test did not compile (the trainer did).
    @ParameterizedTest(name = "network {0}")
    @ValueSource(strings = {"Random", "List", "Map", "ArrayList", "Collections", "HashMap", "Test", "Assertions"})
    void theTestCompilesWhateverTheNetworksName(String name) throws Exception {
        compile(name, "network " + name + " {\n  input X[2]\n  target Y[1]\n  dense 3 tanh\n"
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n", new GradientTestWriter.Subject("com.acme", name,
                "com/acme/" + name + ".nn", 2, 1, TargetKind.BINARY));
    }

    // c starts at 10,000, where c + 1e-6 rounds to a step up to a part in a million off 1e-6: divided
    // by 2e-6, the differences of a right gradient were off by that much (dJ/dc 1.7e-7 here, against
    // the tolerance of 1e-7), and the user's build failed on a right network. (c - 10000 is exact,
    // Sterbenz: the cost rounds as usual.)
    @Test
    void aParamNear1e4PassesItsCheckWithARightGradient() throws Exception {
        Path classes = compile("Offset", """
                network Offset {
                  input X[2]
                  target Y[1]
                  param W[1, 2] init randn(1)
                  param c[1] init const(10000)
                  Z = (c - 10000) * (W @ X)
                  loss L = (Z - Y) * (Z - Y)
                  cost J = mean(L)
                  output Z
                }
                """, new GradientTestWriter.Subject("com.acme", "Offset", "com/acme/Offset.nn", 2, 1, TargetKind.REAL));
        try (var loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            Class<?> test = loader.loadClass("com.acme.OffsetGradientTest");
            var constructor = test.getDeclaredConstructor();
            constructor.setAccessible(true);
            var check = test.getDeclaredMethod("gradientsMatchCentredFiniteDifferences");
            check.setAccessible(true);
            try {
                check.invoke(constructor.newInstance());
            } catch (java.lang.reflect.InvocationTargetException e) {
                throw new AssertionError("the generated test failed on a right gradient: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    /** Compiles the network's trainer, its generated test and the runtime; returns the classes' folder. */
    private Path compile(String name, String spec, GradientTestWriter.Subject subject) throws Exception {
        var network = SpecReader.read(name + ".nn", spec);
        List<String> files = new ArrayList<>();
        files.add(write("com/acme/" + name + ".java", Compilation.of(network, Convention.LOSS).trainer("com.acme")));
        files.add(write("com/acme/" + name + "GradientTest.java", GradientTestWriter.write(subject)));
        for (Map.Entry<String, String> runtime : RuntimeSources.files().entrySet()) {
            files.add(write(runtime.getKey(), runtime.getValue()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        Path classes = dir.resolve("classes");
        List<String> args = new ArrayList<>(List.of("-d", classes.toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
        return classes;
    }

    private String write(String path, String source) throws IOException {
        Path file = dir.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source).toString();
    }
}
