package dev.netgrad.print;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.SampleFiles;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code generated/<Network>.md} holds every sample's derivation as Markdown (the image samples' too),
 * loss convention.
 * Run with {@code -Dnetgrad.updateGoldens=true} to rewrite them (and delete orphans) on purpose.
 */
class MarkdownGoldenTest {
    private static final Path GENERATED = Path.of("generated");
    private static final boolean UPDATE = Boolean.getBoolean("netgrad.updateGoldens");
    private static final String HOW_TO_UPDATE = "run `mvn test -Dnetgrad.updateGoldens=true` and review the diff";

    /** Every sample, the image networks of samples/images/ too. */
    static List<Path> samples() {
        return java.util.stream.Stream.concat(Samples.all().stream(), SampleFiles.imageSpecs().stream()).toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void goldenMarkdownMatchesTheDerivation(Path sample) throws IOException {
        Derivation d = Samples.derive(sample, Convention.LOSS);
        String markdown = MarkdownPrinter.print(d);
        Path golden = golden(d.network().name());
        if (UPDATE) {
            writeIfChanged(golden, markdown);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing: " + HOW_TO_UPDATE);
        assertEquals(Files.readString(golden, StandardCharsets.UTF_8), markdown, golden + " is stale: " + HOW_TO_UPDATE);
    }

    @Test
    void everyGoldenMarkdownBelongsToASample() throws IOException {
        Set<Path> expected = samples().stream().map(p -> golden(Samples.read(p).name())).collect(Collectors.toSet());
        List<Path> orphans;
        try (Stream<Path> files = Files.exists(GENERATED) ? Files.list(GENERATED) : Stream.empty()) {
            orphans = files.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> !expected.contains(p)).sorted().toList();
        }
        if (UPDATE) {
            for (Path orphan : orphans) {
                Files.delete(orphan);
            }
            return;
        }
        assertEquals(List.of(), orphans, "golden Markdown without a sample: " + HOW_TO_UPDATE);
    }

    private static Path golden(String network) {
        return GENERATED.resolve(network + ".md");
    }

    /** Leaves an unchanged file alone, so its timestamp says when its content last changed. */
    private static void writeIfChanged(Path file, String content) throws IOException {
        if (Files.exists(file) && Files.readString(file, StandardCharsets.UTF_8).equals(content)) {
            return;
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
