package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The runtime as sources: every class of its package is written beside generated trainers, as it is. */
class RuntimeSourcesTest {
    private static final Path PACKAGE = Path.of("src/main/java/dev/netgrad/runtime");

    /** A class added to the runtime (a part split out of NetworkTrainer) must be copied too, or the copy would not compile. */
    @Test
    void listsEveryClassOfTheRuntimePackage() throws IOException {
        try (Stream<Path> files = Files.list(PACKAGE)) {
            List<String> found = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".java") && !n.equals("package-info.java")).sorted().toList();
            assertEquals(found, RuntimeSources.FILES.stream().sorted().toList());
        }
        for (Map.Entry<String, String> e : RuntimeSources.files().entrySet()) {
            assertEquals(Files.readString(Path.of("src/main/java").resolve(e.getKey())), e.getValue(), e.getKey());
        }
    }

    /**
     * The runtime's version mark is the digest of its other sources: the Maven plugin tells this runtime from another
     * version's, held by a dependency under the same class names, by it. A change to a runtime file changes the digest:
     * write the one this test gives into RuntimeVersion.java (the plugin would otherwise take the dependency's copy of
     * an earlier runtime for this one).
     */
    @Test
    void theVersionMarkIsTheDigestOfTheOtherSources() {
        String digest = RuntimeSources.digest();
        assertEquals(Map.of("dev/netgrad/runtime/RuntimeVersion.java", digest), RuntimeSources.versionMarks(),
                () -> "src/main/java/dev/netgrad/runtime/RuntimeVersion.java: set SHA_256 to \"" + digest + "\"");
    }
}
