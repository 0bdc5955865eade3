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
        var network = SpecReader.read(name + ".nn", "network " + name + " {\n  input X[2]\n  target Y[1]\n  dense 3 tanh\n"
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n");
        List<String> files = new ArrayList<>();
        files.add(write("com/acme/" + name + ".java", Compilation.of(network, Convention.LOSS).trainer("com.acme")));
        files.add(write("com/acme/" + name + "GradientTest.java", GradientTestWriter.write(
                new GradientTestWriter.Subject("com.acme", name, "com/acme/" + name + ".nn", 2, 1, TargetKind.BINARY))));
        for (Map.Entry<String, String> runtime : RuntimeSources.files().entrySet()) {
            files.add(write(runtime.getKey(), runtime.getValue()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        List<String> args = new ArrayList<>(List.of("-d", dir.resolve("classes").toString(), "-cp", System.getProperty("java.class.path")));
        args.addAll(files);
        int code = javac.run(null, null, errors, args.toArray(String[]::new));
        assertEquals(0, code, errors.toString(StandardCharsets.UTF_8));
    }

    private String write(String path, String source) throws IOException {
        Path file = dir.resolve("src").resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, source).toString();
    }
}
