package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark adapter as sources: every file of its package, written by generate --spark, compiling against Spark alone. */
class SparkSourcesTest {
    private static final Path PACKAGE = Path.of("src/main/java/dev/netgrad/runtime/spark");

    @Test
    void listsEveryFileOfTheAdapterPackage() throws IOException {
        try (Stream<Path> files = Files.list(PACKAGE)) {
            List<String> found = files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".java")).sorted().toList();
            assertEquals(found, SparkSources.FILES.stream().sorted().toList());
        }
        for (Map.Entry<String, String> e : SparkSources.files().entrySet()) {
            assertEquals(Files.readString(Path.of("src/main/java").resolve(e.getKey())), e.getValue(), e.getKey());
        }
    }

    /**
     * The adapter's version mark is the digest of its other sources, as the runtime's is of the runtime's: a change to an
     * adapter file changes it; write the one this test gives into AdapterVersion.java (the plugin would otherwise take a
     * dependency's copy of an earlier adapter for this one).
     */
    @Test
    void theVersionMarkIsTheDigestOfTheOtherSources() {
        String digest = SparkSources.digest();
        assertEquals(Map.of("dev/netgrad/runtime/spark/AdapterVersion.java", digest), SparkSources.versionMarks(),
                () -> "src/main/java/dev/netgrad/runtime/spark/AdapterVersion.java: set SHA_256 to \"" + digest + "\"");
    }

    /** What a user's project compiles: a trainer, the runtime and the adapter, against Spark and nothing of netgrad's, every lint warning an error. */
    @Test
    void theAdapterCompilesFromItsSourcesAgainstSparkAlone() {
        Map<String, String> sources = new TreeMap<>();
        RuntimeSources.files().forEach((file, text) -> sources.put(className(file), text));
        SparkSources.files().forEach((file, text) -> sources.put(className(file), text));
        sources.put(CompiledTrainer.PACKAGE + ".Iris", TrainerGenerator.generate(Specs.derive(Specs.read(Specs.SAMPLES.resolve("iris.nn"))),
                CompiledTrainer.PACKAGE));
        // The test class path without netgrad's own classes and the tool's dependencies: Spark and what Spark needs.
        String sparkOnly = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("classes") && !entry.contains("antlr") && !entry.contains("javaparser")
                        && !entry.contains("gson") && !entry.contains("picocli"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(sparkOnly.contains("spark-mllib"), "Spark ML should be on the test class path");
        List<String> options = new ArrayList<>(InMemoryCompiler.STRICT);
        options.addAll(List.of("--class-path", sparkOnly));
        Map<String, byte[]> classes = InMemoryCompiler.compileAll(sources, options);
        assertTrue(classes.containsKey("dev.netgrad.runtime.spark.NetgradEstimator"));
        assertTrue(classes.containsKey(CompiledTrainer.PACKAGE + ".Iris"));
    }

    @Test
    void generateWritesTheAdapterBesideTheRuntimeOnlyWhenAsked(@TempDir Path out) {
        assertEquals(0, generate(out.resolve("plain"), false));
        assertTrue(Files.isRegularFile(out.resolve("plain/dev/netgrad/runtime/Trainer.java")));
        assertTrue(Files.notExists(out.resolve("plain/dev/netgrad/runtime/spark")));

        assertEquals(0, generate(out.resolve("spark"), true));
        for (String file : SparkSources.files().keySet()) {
            assertTrue(Files.isRegularFile(out.resolve("spark").resolve(file)), file);
        }
    }

    private static int generate(Path out, boolean spark) {
        List<String> args = new ArrayList<>(List.of("generate", "samples/iris.nn", "-o", out.toString()));
        if (spark) {
            args.add("--spark");
        }
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return Main.run(args.toArray(String[]::new), print, print);
    }

    private static String className(String file) {
        return file.substring(0, file.length() - ".java".length()).replace('/', '.');
    }
}
