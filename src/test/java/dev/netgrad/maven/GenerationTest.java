package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.RuntimeSources;
import dev.netgrad.codegen.SparkSources;
import dev.netgrad.diff.Convention;
import dev.netgrad.spec.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerationTest {
    /** The runtime's files, written once per build beside the trainers. */
    private static final int RUNTIME_FILES = RuntimeSources.files().size();

    /** A spec of the smallest kind, named by {@code formatted(name)}; GenerateTestMojoTest writes it too. */
    static final String TINY = """
            network %s {
              input  X[3]
              target Y[1]
              dense 2 tanh
              dense 1 sigmoid
              loss cross_entropy
            }
            """;

    @TempDir
    Path project;

    private Path specs() {
        return project.resolve("src/main/nn");
    }

    private Path out() {
        return project.resolve("target/generated-sources/netgrad");
    }

    private Path equations() {
        return project.resolve("target/netgrad");
    }

    private Path tests() {
        return project.resolve("target/generated-test-sources/netgrad");
    }

    private Settings settings(Optional<String> packageName, boolean generateTests) {
        return new Settings(specs(), List.of(), List.of(), out(), tests(), equations(), packageName,
                Convention.LOSS, generateTests, false, List.of(javaSources()), List.of(javaTests()));
    }

    private Path javaSources() {
        return project.resolve("src/main/java");
    }

    private Path javaTests() {
        return project.resolve("src/test/java");
    }

    private Outcome run() throws IOException {
        return new Generation(settings(Optional.empty(), false)).run();
    }

    private void spec(String relative, String text) throws IOException {
        Path file = specs().resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private String display(String relative) {
        return specs().resolve(relative).toAbsolutePath().normalize().toString();
    }

    @Test
    void classGoesToItsPackageFolderAndEquationsBesideTheSpecsFolder() throws IOException {
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny"));
        Outcome outcome = run();
        assertFalse(outcome.failed(), outcome.errorLines().toString());
        assertEquals(1, outcome.specCount());
        Path java = out().resolve("com/acme/Tiny.java");
        assertTrue(Files.readString(java).contains("package com.acme;"));
        assertTrue(Files.readString(equations().resolve("com/acme/Tiny.md")).contains("dZ2"));
        // The class, its equations, and the runtime it extends (once per build).
        assertEquals(2 + RuntimeSources.files().size(), outcome.written().size());
        assertTrue(Files.readString(out().resolve("dev/netgrad/runtime/NetworkTrainer.java")).contains("package dev.netgrad.runtime;"));
        assertFalse(Files.exists(tests()), "gradient tests only when asked for");
    }

    @Test
    void specAtTheRootGoesToTheNetgradGeneratedPackage() throws IOException {
        spec("Tiny.nn", TINY.formatted("Tiny"));
        run();
        assertTrue(Files.readString(out().resolve("netgrad/generated/Tiny.java")).contains("package netgrad.generated;"));
        assertTrue(Files.isRegularFile(equations().resolve("Tiny.md")));
    }

    @Test
    void configuredPackageHoldsEveryClass() throws IOException {
        spec("a/One.nn", TINY.formatted("One"));
        spec("b/c/Two.nn", TINY.formatted("Two"));
        new Generation(settings(Optional.of("org.nets"), false)).run();
        assertTrue(Files.isRegularFile(out().resolve("org/nets/One.java")));
        assertTrue(Files.isRegularFile(out().resolve("org/nets/Two.java")));
    }

    @Test
    void secondRunOfUnchangedSpecsWritesNothing() throws IOException {
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny"));
        run();
        Path java = out().resolve("com/acme/Tiny.java");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(java, old);
        Outcome second = run();
        assertEquals(List.of(), second.written());
        assertEquals(2 + RuntimeSources.files().size(), second.unchanged().size());
        assertEquals(old, Files.getLastModifiedTime(java));
    }

    @Test
    void anOutputThatCannotBeWrittenLeavesTheLastBuildsOutputsAsTheyWere() throws IOException {
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny"));
        run();
        Path java = out().resolve("com/acme/Tiny.java");
        String built = Files.readString(java);
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny").replace("dense 2 tanh", "dense 3 tanh"));
        spec("com/acme/Other.nn", TINY.formatted("Other"));
        // A file where the equations' folder of com/acme should be: the Markdown cannot be written.
        Path equationsFolder = equations().resolve("com/acme");
        deleteTree(equationsFolder);
        Files.writeString(equationsFolder, "in the way");

        IOException e = assertThrows(IOException.class, this::run);
        assertTrue(e.getMessage().startsWith("cannot write " + equationsFolder), e.getMessage());
        assertTrue(e.getMessage().endsWith(equationsFolder + " is a file, not a folder; "
                + "nothing was written: every file already there is kept as it was"), e.getMessage());
        // Expected: neither the changed trainer nor the new one written, no temporary file left.
        assertEquals(built, Files.readString(java));
        assertFalse(Files.exists(out().resolve("com/acme/Other.java")));
        try (var files = Files.list(out().resolve("com/acme"))) {
            assertEquals(List.of(java), files.toList());
        }
    }

    private static void deleteTree(Path folder) throws IOException {
        try (var files = Files.walk(folder)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }

    @Test
    void changedSpecRewritesOnlyItsOwnOutputs() throws IOException {
        spec("One.nn", TINY.formatted("One"));
        spec("Two.nn", TINY.formatted("Two"));
        run();
        spec("Two.nn", TINY.formatted("Two").replace("dense 2 tanh", "dense 3 tanh"));
        Outcome second = run();
        assertEquals(List.of(out().resolve("netgrad/generated/Two.java"), equations().resolve("Two.md")),
                second.written());
    }

    @Test
    void everyErrorOfEverySpecIsReportedAndNothingIsWritten() throws IOException {
        spec("Good.nn", TINY.formatted("Good"));
        spec("Bad.nn", TINY.formatted("Bad").replace("loss cross_entropy", "loss nonsense"));
        spec("deep/Worse.nn", TINY.formatted("Worse").replace("dense 1 sigmoid", "dense 1 frobnicate"));
        Outcome outcome = run();
        assertTrue(outcome.failed());
        assertEquals(2, outcome.errorCount(), outcome.errorLines().toString());
        assertEquals(2, outcome.errorLines().stream().filter(l -> l.contains(": error: ")).count());
        assertTrue(outcome.errorLines().stream().anyMatch(l -> l.startsWith(display("Bad.nn") + ":6:")),
                outcome.errorLines().toString());
        assertTrue(outcome.errorLines().stream().anyMatch(l -> l.startsWith(display("deep/Worse.nn") + ":5:")),
                outcome.errorLines().toString());
        assertFalse(Files.exists(out()));
        assertFalse(Files.exists(equations()));
    }

    @Test
    void twoSpecsOfOneClassAreAnErrorNamingBothFiles() throws IOException {
        spec("nets/A.nn", TINY.formatted("Same"));
        spec("nets/B.nn", "\n" + TINY.formatted("Same"));
        Outcome outcome = run();
        assertEquals(1, outcome.errorCount());
        String line = outcome.errorLines().get(0);
        assertTrue(line.startsWith(display("nets/B.nn") + ":2:9: error: class nets.Same is generated twice: "
                + display("nets/A.nn")), line);
    }

    /** Their gradient tests clash too, but that is the same problem: it was a second error at the same place. */
    @ParameterizedTest(name = "{0} and {1}")
    @CsvSource(delimiter = '|', value = {
        // networks      | expected error, after the second spec's path and position
        "Same   | Same   | class nets.Same is generated twice: ",
        "Planar | planar | class nets.planar differs only in case from nets.Planar, ",
    })
    void twoNetworksOfOneNameAreOneErrorThoughTheirTestsClashToo(String a, String b, String error) throws IOException {
        spec("nets/A.nn", TINY.formatted(a));
        spec("nets/B.nn", "\n" + TINY.formatted(b));
        Outcome outcome = new Generation(settings(Optional.empty(), true)).run();
        assertEquals(1, outcome.errorCount(), outcome.errorLines().toString());
        assertTrue(outcome.errorLines().get(0).startsWith(display("nets/B.nn") + ":2:9: error: " + error),
                outcome.errorLines().get(0));
    }

    /**
     * Deriving and generating recurse once per nesting level of an expression; the plugin runs on
     * Maven's thread, whose stack is whatever the JVM gave it. A sum of 1,990 terms (within the
     * language's limits) derived on a 256 kB thread overflowed its stack, a StackOverflowError out of
     * the Mojo.
     */
    @Test
    void aDeepButAllowedExpressionGeneratesOnASmallStack() throws Exception {
        spec("Deep.nn", """
                network Deep {
                  input  X[3]
                  target Y[1]
                  param W1[1, 3]
                  Z1 = W1 @ X
                  A1 = sigmoid(%s)
                  output A1
                  loss L = (A1 - Y)^2
                  cost J = mean(L)
                }
                """.formatted("Z1" + " + Z1".repeat(1989)));
        Outcome[] outcome = new Outcome[1];
        Throwable[] failure = new Throwable[1];
        Thread small = new Thread(null, () -> {
            try {
                outcome[0] = new Generation(settings(Optional.empty(), false)).run();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "small-stack", 256 * 1024);
        small.start();
        small.join();
        assertEquals(null, failure[0]);
        assertEquals(0, outcome[0].errorCount(), outcome[0].errorLines().toString());
        assertTrue(Files.exists(out().resolve("netgrad/generated/Deep.java")));
    }

    @Test
    void aClassGeneratedTwiceShowsTheNetworksLineAndACaretAsEveryOtherErrorDoes() throws IOException {
        spec("nets/A.nn", TINY.formatted("Same"));
        spec("nets/B.nn", "\n" + TINY.formatted("Same"));
        List<String> lines = run().errorLines();
        assertEquals(List.of("network Same {", "        ^"), lines.subList(1, lines.size()), lines.toString());
    }

    /**
     * A generated class that the project's own sources also define: javac would stop at the generated
     * file with "duplicate class", far from the spec; the plugin says it at the network's name.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // the project's own file        | tests | error (after the spec's path), or none
        "main:com/acme/Tiny.java          | false | :2:9: error: class com.acme.Tiny is also defined by the project's source {main}/com/acme/Tiny.java; rename the network or give it another package",
        "test:com/acme/TinyGradientTest.java | true | :2:9: error: class com.acme.TinyGradientTest is also defined by the project's test source {test}/com/acme/TinyGradientTest.java; rename the network or give it another package",
        "test:com/acme/TinyGradientTest.java | false | ",
        "main:com/acme/Other.java         | false | ",
        "test:com/acme/Tiny.java          | false | ",
        // netgrad's runtime, copied into the sources by `netgrad generate -o src/main/java`
        "main:dev/netgrad/runtime/NetworkTrainer.java | false | :2:9: error: the project's source {main}/dev/netgrad/runtime/NetworkTrainer.java is a copy of netgrad's runtime, which the plugin writes itself beside this network's trainer (javac would find every runtime class twice); delete {main}/dev/netgrad/runtime from the sources",
        "main:dev/netgrad/runtime/Unknown.java | false | ",
        "test:dev/netgrad/runtime/NetworkTrainer.java | false | ",
    })
    void aClassTheProjectsOwnSourcesDefineIsAnErrorAtTheNetwork(String own, boolean generateTests, String error)
            throws IOException {
        spec("com/acme/Tiny.nn", "\n" + TINY.formatted("Tiny"));
        Path root = own.startsWith("main:") ? javaSources() : javaTests();
        Path file = root.resolve(own.substring(5));
        Files.createDirectories(file.getParent());
        Files.writeString(file, "package com.acme;\nclass Whatever {}\n");
        Outcome outcome = new Generation(settings(Optional.empty(), generateTests)).run();
        if (error == null) {
            assertFalse(outcome.failed(), outcome.errorLines().toString());
            return;
        }
        String expected = display("com/acme/Tiny.nn") + error.replace("{main}", javaSources().toString())
                .replace("{test}", javaTests().toString());
        assertEquals(List.of(expected, "network Tiny {", "        ^"), outcome.errorLines());
        assertFalse(Files.exists(out()), "nothing is written");
    }

    @Test
    void aNetworkNamedLikeAnothersGradientTestIsAnErrorWhenTestsAreGenerated() throws IOException {
        spec("nets/A.nn", TINY.formatted("Tiny"));
        spec("nets/B.nn", TINY.formatted("TinyGradientTest"));
        assertEquals(0, new Generation(settings(Optional.empty(), false)).run().errorCount());
        Outcome outcome = new Generation(settings(Optional.empty(), true)).run();
        assertEquals(1, outcome.errorCount(), outcome.errorLines().toString());
        assertTrue(outcome.errorLines().get(0).startsWith(display("nets/B.nn") + ":1:9: error: class nets.TinyGradientTest is generated twice: "
                + display("nets/A.nn")), outcome.errorLines().get(0));
    }

    @Test
    void folderThatIsNoPackageNameIsAnErrorAtTheSpec() throws IOException {
        spec("my-nets/Tiny.nn", TINY.formatted("Tiny"));
        Outcome outcome = run();
        assertEquals(1, outcome.errorCount());
        String line = outcome.errorLines().get(0);
        assertTrue(line.startsWith(display("my-nets/Tiny.nn") + ":1:1: error: the folder my-nets"), line);
        assertTrue(line.contains("'my-nets'"), line);
    }

    /**
     * 3,000 layers: refused at the network's name from the count the class is sure to reach ("at
     * least"), not after the finished class was measured ("about"), which took most of a minute and a
     * gigabyte. Translator asks before it derives, as the command line does; the seconds that saves are
     * not asserted (no timed tests).
     */
    @Test
    void aNetworkTooBigForOneClassIsRefusedBeforeItIsDerived() throws IOException {
        spec("Deep.nn", "network Deep {\n  input X[2]\n  target Y[1]\n" + "  dense 2 tanh\n".repeat(3000)
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n");
        Outcome outcome = run();
        assertEquals(1, outcome.errorCount());
        String line = outcome.errorLines().get(0);
        assertTrue(line.startsWith(display("Deep.nn") + ":1:9: error: the network Deep is too big for one Java class: "
                + "its trainer would need at least "), line);
    }

    @Test
    void networkTheGeneratorCannotTrainIsAnErrorAtItsName() throws IOException {
        spec("Two.nn", """
                network Two {
                  input X[3]
                  input Z[2]
                  target Y[1]
                  param W[1, 3]
                  param V[1, 2]
                  A = sigmoid(W @ X + V @ Z)
                  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
                  cost J = mean(L)
                }
                """);
        Outcome outcome = run();
        assertEquals(1, outcome.errorCount());
        String line = outcome.errorLines().get(0);
        assertTrue(line.startsWith(display("Two.nn") + ":1:9: error: "), line);
        assertTrue(line.contains("exactly one input"), line);
    }

    // The gradient test names JUnit's and java.util's classes in full: a class org.junit beside it would make
    // org.junit.jupiter.api.Test a member of itself (javac: "cannot find symbol: class jupiter, location: class
    // junit"), and a class named like one of them would replace it. Without tests, nothing names them.
    @ParameterizedTest(name = "{0} network {1}, tests {2}")
    @CsvSource(delimiter = '|', value = {
        "org                  | junit      | true  | 1:9: error: the class org.junit would hide the package of that name in its "
            + "gradient test, which names org.junit.jupiter.api.Assertions in full (javac would look for jupiter.api.Assertions "
            + "inside the class); rename the network or choose another package",
        "org                  | junit      | false | ",
        "org/junit            | jupiter    | true  | 1:9: error: the class org.junit.jupiter would hide the package of that name "
            + "in its gradient test, which names org.junit.jupiter.api.Assertions in full (javac would look for api.Assertions "
            + "inside the class); rename the network or choose another package",
        "org/junit/jupiter/api | Assertions | true  | 1:9: error: the class org.junit.jupiter.api.Assertions would replace the "
            + "class of that name that its gradient test uses; rename the network or choose another package",
        "com                  | junit      | true  | ",
    })
    void aNetworkHidingAClassItsGradientTestNamesIsAnErrorWhenTestsAreGenerated(String folder, String name, boolean generateTests,
            String error) throws IOException {
        String file = folder + "/" + name + ".nn";
        spec(file, TINY.formatted(name));
        Outcome outcome = new Generation(settings(Optional.empty(), generateTests)).run();
        if (error == null) {
            assertFalse(outcome.failed(), outcome.errorLines().toString());
            assertTrue(Files.isRegularFile(out().resolve(folder + "/" + name + ".java")));
            return;
        }
        List<String> lines = outcome.errorLines();
        assertEquals(display(file) + ":" + error, lines.get(0));
        assertFalse(Files.exists(out()));
    }

    // The command line's limit on a name (ext4's 255 bytes for <Name>.class), for every file the
    // plugin writes: with gradient tests <Name>GradientTest.class, and the report surefire writes for it.
    @ParameterizedTest(name = "a name of {0} characters, tests {1}: {2}")
    @CsvSource(delimiter = '|', value = {
        "249 | false | ",
        "250 | false | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is 250 characters long, too long to generate: "
            + "its compiled class file, <name>.class, would have a 256-byte name, over the file system's 255; "
            + "shorten it to at most 249 characters",
        // With tests, surefire's TEST-netgrad.generated.<name>GradientTest.xml is the longest: 216.
        "216 | true  | ",
        "217 | true  | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is too long for its package when gradient tests are "
            + "generated: surefire's report of the test, TEST-<package>.<name>GradientTest.xml, would have a 256-byte name, "
            + "over the file system's 255 (its run would go uncounted); shorten it to at most 216 characters, or the package",
        "238 | true  | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is 238 characters long, too long to generate: "
            + "its gradient test's compiled class file, <name>GradientTest.class, would have a 256-byte name, over the "
            + "file system's 255; shorten it to at most 237 characters",
    })
    void aNetworkIsGeneratedOnlyIfEveryFileOfItCanExist(int length, boolean generateTests, String error) throws IOException {
        String name = "N".repeat(length);
        spec("Long.nn", TINY.formatted(name));
        Outcome outcome = new Generation(settings(Optional.empty(), generateTests)).run();
        if (error == null) {
            assertFalse(outcome.failed(), outcome.errorLines().toString());
            assertTrue(Files.isRegularFile(out().resolve("netgrad/generated/" + name + ".java")));
            return;
        }
        List<String> lines = outcome.errorLines();
        assertEquals(display("Long.nn") + ":" + error, lines.get(0));
        assertEquals("        ^", lines.get(lines.size() - 1), "a caret under the name");
        assertFalse(Files.exists(out()));
    }

    @Test
    void specThatIsNotUtf8IsAnError() throws IOException {
        Files.createDirectories(specs());
        Files.write(specs().resolve("Binary.nn"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Outcome outcome = run();
        assertEquals(List.of(display("Binary.nn") + ":1:1: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 0; expected a network spec (.nn)"), outcome.errorLines());
    }

    // A spec that is a link to nothing was left out without a word (its network's class deleted as stale);
    // a pipe too, which reading would wait on for as long as no one writes to it.
    @Test
    void aSpecThatIsALinkToNothingOrAPipeIsAnErrorAtItsName() throws IOException, InterruptedException {
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny"));
        Path gone = specs().resolve("com/acme/Gone.nn");
        Files.createSymbolicLink(gone, project.resolve("elsewhere/Gone.nn"));
        boolean pipe = new ProcessBuilder("mkfifo", specs().resolve("com/acme/Pipe.nn").toString()).start().waitFor() == 0;
        Outcome outcome = run();
        List<String> expected = new ArrayList<>(List.of(display("com/acme/Gone.nn") + ": error: cannot read: no such file (a link to "
                + project.resolve("elsewhere/Gone.nn") + ", which does not exist)"));
        if (pipe) {
            expected.add(display("com/acme/Pipe.nn") + ": error: cannot read: it is not a regular file (a pipe or a device), though its"
                    + " name matches the specs' <includes>; rename it, or leave it out with <excludes>");
        }
        assertEquals(expected, outcome.errorLines());
        assertFalse(Files.exists(out()), "nothing written while a spec has an error");
    }

    // A spec whose read failed ended the build at the first, in the JDK's words alone: 'netgrad: Input/output error',
    // no file named, no other spec's errors. Linux's /proc/self/mem fails the read of its first byte, even for root.
    @Test
    void aSpecThatCannotBeReadIsAnErrorAtItsNameBesideTheOthers() throws IOException {
        Path memory = Path.of("/proc/self/mem");
        Assumptions.assumeTrue(Files.isRegularFile(memory), "Linux's /proc");
        spec("com/acme/Bad.nn", TINY.formatted("Bad").replace("tanh", "tanhh"));
        Files.createSymbolicLink(specs().resolve("com/acme/Memory.nn"), memory);
        Outcome outcome = run();
        assertEquals(List.of(
                display("com/acme/Bad.nn") + ":4:11: error: unknown activation 'tanhh' for dense: expected relu, leaky_relu, tanh, sigmoid,"
                        + " softmax, softplus or linear",
                "  dense 2 tanhh",
                "          ^",
                display("com/acme/Memory.nn") + ": error: cannot read: input/output error"), outcome.errorLines());
        assertEquals(new Diagnostic(display("com/acme/Memory.nn"), 1, 1, "cannot read: input/output error"), outcome.diagnostics().get(1));
        assertFalse(Files.exists(out()), "nothing written while a spec has an error");
    }

    @Test
    void aSpecTooLargeToParseIsRefusedAsTheCommandLineRefusesIt() throws IOException {
        Files.createDirectories(specs());
        Files.writeString(specs().resolve("Huge.nn"), "// x".repeat(200_000));
        Outcome outcome = run();
        assertEquals(1, outcome.errorCount());
        // As the command line says it: no line and column, since the file was not read to its end.
        assertEquals(List.of(display("Huge.nn") + ": error: cannot read: the file is too large: more than 524,288 characters,"
                + " the most netgrad reads"), outcome.errorLines());
        // The IDE's marker says the same after the path, at the file's start.
        assertEquals(List.of(new Diagnostic(display("Huge.nn"), 1, 1, "cannot read: the file is too large: more than 524,288 characters,"
                + " the most netgrad reads")), outcome.diagnostics());
    }

    @Test
    void gradientTestsGoToTheTestFolderWhenAskedFor() throws IOException {
        spec("com/acme/Tiny.nn", TINY.formatted("Tiny"));
        new Generation(settings(Optional.empty(), true)).run();
        String test = Files.readString(tests().resolve("com/acme/TinyGradientTest.java"));
        assertTrue(test.contains("class TinyGradientTest"));
        assertTrue(test.contains("INPUT_ROWS = 3;"));
    }

    // A folder named like a spec was skipped in silence: the build went on without that network.
    @Test
    void aFolderNamedLikeASpecIsAnErrorAndNothingIsWritten() throws IOException {
        spec("com/acme/Good.nn", TINY.formatted("Good"));
        Files.createDirectories(specs().resolve("com/acme/Iris.nn"));
        Files.createDirectories(specs().resolve("com/acme/nets"));
        Outcome outcome = run();
        assertEquals(List.of(display("com/acme/Iris.nn") + ": error: this is a folder, not a spec file, though its name matches the"
                + " specs' <includes>; rename it, or leave it out with <excludes>"), outcome.errorLines());
        assertFalse(Files.exists(out()));
    }

    // Iris.nn renamed Iris.NN: its class was deleted as stale and the build said nothing of the file, which the
    // command line reads. Named now with the name to give it; the other spec is generated as before.
    @Test
    void aSpecWhoseExtensionIsInAnotherCaseIsNamedWithItsNameToBe() throws IOException {
        spec("com/acme/Good.nn", TINY.formatted("Good"));
        spec("com/acme/Iris.NN", TINY.formatted("Iris"));
        spec("Other.Nn", TINY.formatted("Other"));
        Outcome outcome = run();
        assertEquals(List.of(
                display("Other.Nn") + " is not read: the specs' <includes> (**/*.nn) match its name only in another case, and they"
                        + " tell upper from lower case, as Maven's own patterns do; rename it to Other.nn, or leave it out with <excludes>",
                display("com/acme/Iris.NN") + " is not read: the specs' <includes> (**/*.nn) match its name only in another case, and"
                        + " they tell upper from lower case, as Maven's own patterns do; rename it to Iris.nn, or leave it out with"
                        + " <excludes>"), outcome.warnings());
        assertEquals(List.of(specs().resolve("com/acme/Good.nn")), outcome.specs());
        assertFalse(outcome.failed());
        // A folder's case: no name to give the file.
        Path others = project.resolve("src/main/others");
        Files.createDirectories(others.resolve("Com"));
        Files.writeString(others.resolve("Com/Acme.nn"), TINY.formatted("Acme"));
        Settings folders = new Settings(others, List.of("com/**/*.nn"), List.of(), out(), tests(), equations(),
                Optional.empty(), Convention.LOSS, false, false, List.of(), List.of());
        assertEquals(List.of(others.resolve("Com/Acme.nn") + " is not read: the specs' <includes> (com/**/*.nn) match its name only in"
                + " another case, and they tell upper from lower case, as Maven's own patterns do; rename it, or leave it out with"
                + " <excludes>"), new Generation(folders).run().warnings());
    }

    // Includes written from the project's folder found no spec: every class was deleted as stale, with 'no specs in ...'
    // as an info line. Each case: the includes, the specs' files, then the warning ('' none).
    @ParameterizedTest(name = "{0} over {1}")
    @CsvSource(delimiter = '|', value = {
        "src/main/nn/**/*.nn | com/A.nn              | the specs' <includes> (src/main/nn/**/*.nn) match no .nn file under SPECS, which holds com/A.nn: patterns are read from <sourceDirectory>, as that path is written (**/*.nn reads them all)",
        "nets/*.nn           | com/A.nn com/B.nn     | the specs' <includes> (nets/*.nn) match none of the 2 .nn files under SPECS, such as com/A.nn: patterns are read from <sourceDirectory>, as that path is written (**/*.nn reads them all)",
        "nets/*.nn           | nets/A.nn com/B.nn    | ''",  // a spec found: the others are left out on purpose
        "nets/*.nn           | com/notes.txt         | ''",  // no .nn file to miss
        "nets/*.nn           | drafts/A.nn           | ''",  // excluded (drafts/**) as well
    })
    void includesThatFindNoneOfTheNnFilesAreAWarning(String include, String files, String expected) throws IOException {
        for (String file : files.split(" ")) {
            spec(file, TINY.formatted("N" + Math.abs(file.hashCode())));
        }
        Settings settings = new Settings(specs(), List.of(include), List.of("drafts/**"), out(), tests(), equations(),
                Optional.empty(), Convention.LOSS, false, false, List.of(), List.of());
        Outcome outcome = new Generation(settings).run();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected.replace("SPECS", specs().toString())), outcome.warnings());
    }

    @Test
    void missingSourceDirectoryIsNoSpecs() throws IOException {
        Outcome outcome = run();
        assertEquals(0, outcome.specCount());
        assertFalse(outcome.failed());
        try (Stream<Path> files = Files.list(project)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void renamedNetworkLeavesNoOldClassAndKeepsUnchangedFilesAsTheyWere() throws IOException {
        spec("com/acme/Kept.nn", TINY.formatted("Kept"));
        spec("com/acme/Old.nn", TINY.formatted("Old"));
        new Generation(settings(Optional.empty(), true)).run();
        Path kept = out().resolve("com/acme/Kept.java");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(kept, old);
        Files.delete(specs().resolve("com/acme/Old.nn"));
        spec("com/acme/New.nn", TINY.formatted("New"));

        Outcome second = new Generation(settings(Optional.empty(), true)).run();

        assertEquals(List.of(out().resolve("com/acme/Old.java"), tests().resolve("com/acme/OldGradientTest.java"),
                equations().resolve("com/acme/Old.md")), second.deleted());
        assertTrue(Files.isRegularFile(out().resolve("com/acme/New.java")));
        assertEquals(old, Files.getLastModifiedTime(kept));
        assertEquals(6 + RUNTIME_FILES, second.unchanged().size() + second.written().size());
    }

    @Test
    void deletedSpecTakesItsFoldersAlongButNeverAnOutputRoot() throws IOException {
        spec("a/b/Gone.nn", TINY.formatted("Gone"));
        spec("Stays.nn", TINY.formatted("Stays"));
        run();
        Files.delete(specs().resolve("a/b/Gone.nn"));
        Outcome second = run();
        assertEquals(List.of(out().resolve("a/b/Gone.java"), equations().resolve("a/b/Gone.md")), second.deleted());
        assertFalse(Files.exists(out().resolve("a")));
        assertFalse(Files.exists(equations().resolve("a")));
        assertTrue(Files.isDirectory(out()));
    }

    // A reactor whose module b uses module a's trainers: a's jar holds the runtime, which b wrote again (its jar then
    // held every runtime class a second time, on the class path of everything that uses both).
    @Test
    void runtimeThatADependencyHoldsIsNotWrittenAgainAndAnEarlierCopyGoes() throws IOException {
        spec("com/acme/b/Tiny.nn", TINY.formatted("Tiny"));
        run();
        assertTrue(Files.isRegularFile(out().resolve("dev/netgrad/runtime/Trainer.java")));
        Path moduleA = project.resolve("a/target/classes");
        compile(moduleA, RuntimeSources.files());
        Outcome second = new Generation(withDependencies(List.of(project.resolve("lib/other.jar"), moduleA))).run();
        assertFalse(second.failed(), second.errorLines().toString());
        assertEquals(List.of("the runtime (dev.netgrad.runtime) is the one the dependency " + moduleA + " holds: not written again"),
                second.notes());
        assertEquals(RUNTIME_FILES, second.deleted().size(), second.deleted().toString());
        assertFalse(Files.exists(out().resolve("dev")), "the runtime's folders go with it");
        assertEquals(List.of(out().resolve("com/acme/b/Tiny.java"), equations().resolve("com/acme/b/Tiny.md")), second.unchanged());
        assertEquals(List.of(), second.warnings());

        // Another version's runtime: some of the classes. Written as before, with a warning naming the dependency.
        Files.delete(RuntimeSources.target(moduleA, "dev/netgrad/runtime/Trainer.class"));
        Outcome third = new Generation(withDependencies(List.of(moduleA))).run();
        assertEquals(RUNTIME_FILES, third.written().size());
        assertEquals(List.of(), third.notes());
        assertEquals(List.of("the dependency " + moduleA + " holds " + (RUNTIME_FILES - 1) + " of the " + RUNTIME_FILES
                + " classes of netgrad's dev.netgrad.runtime, a runtime of another version of netgrad: this module writes its own,"
                + " and the class path then holds two differing copies of the package, the first of which serves both modules'"
                + " trainers; build the dependency with this version of the plugin"), third.warnings());

        // Another version's runtime under the same names: every class there, its version mark another digest. The
        // trainers compiled against classes of other content (a javac error at best, other results at worst).
        compile(moduleA, RuntimeSources.files());
        Path mark = RuntimeSources.target(moduleA, "dev/netgrad/runtime/RuntimeVersion.class");
        Files.writeString(mark, Files.readString(mark).replace(RuntimeSources.versionMarks().values().iterator().next(), "0".repeat(64)));
        Outcome fourth = new Generation(withDependencies(List.of(moduleA))).run();
        assertEquals(List.of(), fourth.notes());
        assertEquals(RUNTIME_FILES, fourth.unchanged().stream().filter(file -> file.startsWith(out().resolve("dev"))).count());
        assertEquals(List.of("the dependency " + moduleA + " holds every class of netgrad's dev.netgrad.runtime by name, but of another"
                + " version of netgrad (its RuntimeVersion differs): this module writes its own, and the class path then holds two"
                + " differing copies of the package, the first of which serves both modules' trainers; build the dependency with this"
                + " version of the plugin"), fourth.warnings());
    }

    /**
     * Stands in for javac: each source's class in {@code classes}, holding the source's text (a class file holds its
     * string constants as they are written, the runtime's version mark among them).
     */
    private static void compile(Path classes, Map<String, String> sources) throws IOException {
        for (Map.Entry<String, String> source : sources.entrySet()) {
            Path compiled = RuntimeSources.target(classes, source.getKey().replace(".java", ".class"));
            Files.createDirectories(compiled.getParent());
            Files.writeString(compiled, source.getValue());
        }
    }

    // The Spark adapter likewise, apart from the runtime: a dependency may hold the runtime alone (its module without
    // <spark>), or the adapter alone (its module with <spark>, the runtime from a module it depends on). The adapter has
    // a version mark of its own, AdapterVersion. Each case: what the dependency holds ('spark:other' another version's
    // adapter, its mark another digest), then the packages this module writes.
    @ParameterizedTest(name = "dependency holds {0}")
    @CsvSource(delimiter = '|', value = {
        "runtime spark       | ''",
        "runtime             | dev.netgrad.runtime.spark",
        "''                  | dev.netgrad.runtime dev.netgrad.runtime.spark",
        "spark               | dev.netgrad.runtime",
        // another version's adapter under the same names was taken by its names
        "runtime spark:other | dev.netgrad.runtime.spark",
    })
    void sparkAdapterThatADependencyHoldsIsNotWrittenAgain(String holds, String writes) throws IOException {
        spec("com/acme/b/Tiny.nn", TINY.formatted("Tiny"));
        Path moduleA = project.resolve("a/target/classes");
        Files.createDirectories(moduleA);
        for (String name : holds.isEmpty() ? new String[0] : holds.split(" ")) {
            compile(moduleA, name.startsWith("spark") ? SparkSources.files() : RuntimeSources.files());
            if (name.equals("spark:other")) {
                Path mark = RuntimeSources.target(moduleA, "dev/netgrad/runtime/spark/AdapterVersion.class");
                Files.writeString(mark, Files.readString(mark).replace(SparkSources.versionMarks().values().iterator().next(),
                        "0".repeat(64)));
            }
        }
        Settings settings = new Settings(specs(), List.of(), List.of(), out(), tests(), equations(), Optional.empty(), Convention.LOSS,
                false, true, List.of(), List.of(), List.of(moduleA));
        Outcome outcome = new Generation(settings).run();
        List<String> packages = outcome.written().stream().filter(file -> file.startsWith(out().resolve("dev")))
                .map(file -> out().relativize(file.getParent()).toString().replace('/', '.')).distinct().sorted().toList();
        assertEquals(writes.isEmpty() ? List.of() : List.of(writes.split(" ")), packages);
    }

    private Settings withDependencies(List<Path> classPath) {
        return new Settings(specs(), List.of(), List.of(), out(), tests(), equations(), Optional.empty(), Convention.LOSS, false, false,
                List.of(javaSources()), List.of(javaTests()), classPath);
    }

    @Test
    void withoutSpecsTheRuntimeGoesToo() throws IOException {
        spec("Gone.nn", TINY.formatted("Gone"));
        run();
        Files.delete(specs().resolve("Gone.nn"));
        Outcome second = run();
        assertEquals(2 + RUNTIME_FILES, second.deleted().size(), second.deleted().toString());
        try (Stream<Path> left = Files.list(out())) {
            assertEquals(0, left.count());
        }
    }

    @Test
    void filesAnEarlierBuildGeneratedAndThisOneDoesNotGoFromTheOutputFolders() throws IOException {
        spec("Tiny.nn", TINY.formatted("Tiny"));
        Path stray = out().resolve("old/pkg/Stray.java");
        Files.createDirectories(stray.getParent());
        Files.writeString(stray, "// Generated by netgrad from old/pkg/Stray.nn. Do not edit: change the spec and regenerate.\nclass Stray {}");
        Outcome outcome = run();
        assertEquals(List.of(stray), outcome.deleted());
        assertFalse(Files.exists(out().resolve("old")));
    }

    /** An output folder set to one of the user's (docs/ for the equations) loses none of the user's files. */
    @Test
    void aUsersFilesInAnOutputFolderAreLeftAndNamed() throws IOException {
        spec("Tiny.nn", TINY.formatted("Tiny"));
        Path guide = equations().resolve("guide.md");
        Path mine = out().resolve("com/acme/Mine.java");
        Files.createDirectories(guide.getParent());
        Files.createDirectories(mine.getParent());
        Files.writeString(guide, "# Guide\n\nHow we train.\n");
        Files.writeString(mine, "package com.acme;\n\nclass Mine {}\n");
        Outcome outcome = run();
        assertEquals(List.of(), outcome.deleted());
        assertEquals(List.of(mine, guide).stream().sorted().toList(), outcome.kept());
        assertTrue(Files.isRegularFile(guide) && Files.isRegularFile(mine));
    }

    /**
     * A file of the user's where an output goes (an output folder set to their own, which holds a
     * class or page of the network's name) is never replaced: the build fails at the network's name,
     * writing nothing. One netgrad wrote is replaced.
     */
    @Test
    void aUsersFileWhereAnOutputGoesFailsTheBuildAndIsKept() throws IOException {
        spec("Tiny.nn", TINY.formatted("Tiny"));
        Outcome first = run();
        Path trainer = first.written().stream().filter(p -> p.getFileName().toString().equals("Tiny.java")).findFirst().orElseThrow();
        Path page = first.written().stream().filter(p -> p.getFileName().toString().equals("Tiny.md")).findFirst().orElseThrow();
        for (Path users : List.of(trainer, page)) {
            assertFalse(run().failed(), "the outputs, made again");
            Files.writeString(trainer, Files.readString(trainer) + "// edited\n");
            Files.writeString(page, Files.readString(page) + "edited\n");
            assertFalse(run().failed(), "a file netgrad wrote, edited, is still netgrad's: replaced");
            String mine = "hand-written, no mark\n";
            Files.writeString(users, mine);
            Outcome outcome = run();
            assertTrue(outcome.failed(), users.toString());
            // The page's mark is "Derived by netgrad": the class's was named for it too.
            String mark = users.equals(page) ? "Derived by netgrad" : "Generated by netgrad";
            assertEquals(List.of(display("Tiny.nn") + ":1:9: error: " + users + " is there and netgrad did not write it (it has no"
                    + " \"" + mark + "\" mark at its start): netgrad will not replace it; move it, or set another output"
                    + " folder; nothing was written"), outcome.diagnostics().stream().map(Object::toString).toList());
            assertEquals(mine, Files.readString(users));
            assertEquals(List.of(), outcome.written());
            Files.delete(users);
        }
    }

    @Test
    void aBuildWithErrorsDeletesNothing() throws IOException {
        spec("One.nn", TINY.formatted("One"));
        run();
        Files.delete(specs().resolve("One.nn"));
        spec("Two.nn", TINY.formatted("Two").replace("loss cross_entropy", "loss nonsense"));
        Outcome outcome = run();
        assertTrue(outcome.failed());
        assertEquals(List.of(), outcome.deleted());
        assertTrue(Files.isRegularFile(out().resolve("netgrad/generated/One.java")));
    }
}
