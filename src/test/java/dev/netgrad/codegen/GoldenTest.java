package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code generated/<Network>.java} is, byte for byte, what the generator writes for each sample
 * (the image samples, {@code samples/images/}, too)
 * (package {@value CompiledTrainer#PACKAGE}, loss convention), and
 * {@code generated/dev/netgrad/runtime/} the runtime that {@code generate} writes beside them. Run with
 * {@code -Dnetgrad.updateGoldens=true} to rewrite them on purpose.
 */
class GoldenTest {
    static final Path GOLDENS = Path.of("generated");
    private static final boolean UPDATE = Boolean.getBoolean("netgrad.updateGoldens");

    static Stream<Path> samples() {
        return Stream.concat(Specs.samples().stream(), Specs.imageSamples().stream());
    }

    static Stream<Path> goldens() throws IOException {
        if (!Files.isDirectory(GOLDENS)) {
            return Stream.empty();
        }
        try (Stream<Path> files = Files.list(GOLDENS)) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenMatchesTheGenerator(Path sample) throws IOException {
        Network network = Specs.read(sample);
        String source = TrainerGenerator.generate(Specs.derive(network), CompiledTrainer.PACKAGE);
        Path golden = GOLDENS.resolve(TrainerGenerator.className(network) + ".java");
        if (UPDATE) {
            Files.createDirectories(GOLDENS);
            if (!Files.exists(golden) || !Files.readString(golden, StandardCharsets.UTF_8).equals(source)) {
                Files.writeString(golden, source, StandardCharsets.UTF_8);
            }
            return;
        }
        assertTrue(Files.exists(golden), () -> golden + " is missing; run the tests with -Dnetgrad.updateGoldens=true");
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), source,
                () -> golden + " differs from the generator's output; if the change is intended, run with -Dnetgrad.updateGoldens=true");
    }

    @Test
    void everyGoldenBelongsToASample() throws IOException {
        Set<String> expected = samples()
                .map(p -> TrainerGenerator.className(Specs.read(p)) + ".java").collect(Collectors.toSet());
        List<String> orphans = goldens().map(p -> p.getFileName().toString()).filter(n -> !expected.contains(n)).toList();
        assertEquals(List.of(), orphans, "golden files without a sample in samples/");
    }

    @Test
    void runtimeGoldensMatchTheRuntimeSources() throws IOException {
        for (Map.Entry<String, String> e : RuntimeSources.files().entrySet()) {
            Path golden = RuntimeSources.target(GOLDENS, e.getKey());
            if (UPDATE) {
                Files.createDirectories(golden.getParent());
                if (!Files.exists(golden) || !Files.readString(golden, StandardCharsets.UTF_8).equals(e.getValue())) {
                    Files.writeString(golden, e.getValue(), StandardCharsets.UTF_8);
                }
                continue;
            }
            assertTrue(Files.exists(golden), () -> golden + " is missing; run the tests with -Dnetgrad.updateGoldens=true");
            assertEquals(e.getValue(), Files.readString(golden, StandardCharsets.UTF_8), () -> golden + " differs from the runtime's source");
        }
        try (Stream<Path> files = Files.list(GOLDENS.resolve("dev/netgrad/runtime"))) {
            List<String> extra = files.map(p -> "dev/netgrad/runtime/" + p.getFileName()).filter(p -> !RuntimeSources.files().containsKey(p)).toList();
            assertEquals(List.of(), extra, "runtime goldens that the runtime does not have");
        }
    }

    /**
     * Every golden trainer and the runtime's goldens compile together, java.base alone, with every lint
     * warning as an error, and their doc comments, private ones too, pass doclint (all but its
     * "missing" group: a user's {@code javadoc} stops at a {@code <=} or {@code &} written outside
     * {@code {@code ...}}).
     */
    @Test
    void goldensCompileAloneWithEveryLintWarningAsAnError(@TempDir Path emptyClassPath) throws IOException {
        Map<String, String> sources = new TreeMap<>();
        for (Path golden : goldens().toList()) {
            String name = golden.getFileName().toString().replace(".java", "");
            sources.put(CompiledTrainer.PACKAGE + "." + name, Files.readString(golden, StandardCharsets.UTF_8));
        }
        for (String file : RuntimeSources.files().keySet()) {
            String name = file.replace(".java", "").replace('/', '.');
            sources.put(name, Files.readString(RuntimeSources.target(GOLDENS, file), StandardCharsets.UTF_8));
        }
        List<String> options = new ArrayList<>(InMemoryCompiler.STRICT);
        options.addAll(List.of("--class-path", emptyClassPath.toString(),
                "-Xdoclint:accessibility/private,html/private,reference/private,syntax/private"));
        Map<String, byte[]> classes = InMemoryCompiler.compileAll(sources, options);
        for (String name : sources.keySet()) {
            assertTrue(classes.containsKey(name), () -> name + " was not compiled");
        }
    }
}
