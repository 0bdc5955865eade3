package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.SampleFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line as a user meets it: help, version, show, and clean failures. */
class MainTest {
    private static final String PLANAR = """
            network Planar {
              input  X[2]
              target Y[1]
              param W1[4, 2] init randn(0.01)
              param b1[4]    init zeros
              param W2[1, 4] init randn(0.01)
              param b2[1]    init zeros
              Z1 = W1 @ X + b1
              A1 = tanh(Z1)
              Z2 = W2 @ A1 + b2
              A2 = sigmoid(Z2)
              loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
              cost J = mean(L)
              output A2
            }
            """;

    @TempDir
    Path dir;

    /** Exit code, stdout and stderr of one run. */
    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    private static void assertNoStackTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception"), r.err());
    }

    @Test
    void helpListsTheVerbs() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Usage: netgrad"), r.out());
        assertTrue(r.out().contains("show"), r.out());
        assertEquals(0, run("help", "show").code());
    }

    /** The list of verbs shows each verb's first description line: a whole sentence, not a line cut mid-way. */
    @Test
    void eachVerbIsSummarizedInOneCompleteSentence() {
        Run r = run();
        assertEquals(2, r.code());
        List<String> verbs = r.err().lines().dropWhile(l -> !l.equals("Commands:")).skip(1).toList();
        assertEquals(11, verbs.size(), "one line a verb: " + r.err());
        for (String line : verbs) {
            assertTrue(line.matches("  [a-z]+ +[A-Z].*\\.") && line.length() <= Main.HELP_WIDTH, "a whole sentence on one line: '" + line + "'");
        }
    }

    @Test
    void versionIsPrinted() {
        Run r = run("--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("netgrad "), r.out());
    }

    /**
     * --help answers whatever else the command line says, being what one adds to a command line half
     * written; before a verb it is that verb's help, as netgrad help VERB (it was netgrad's own help).
     * --version is answered alone (netgrad -V x printed the version; ErrorFormTest has the refusals).
     */
    @Test
    void helpIsTheVerbsWhereverItStandsAndVersionStandsAlone() {
        String deriveHelp = run("help", "derive").out();
        assertTrue(deriveHelp.startsWith("Usage: netgrad derive "), deriveHelp);
        for (String[] args : List.of(new String[] {"--help", "derive"}, new String[] {"-h", "derive", "x.nn"},
                new String[] {"derive", "x.nn", "--help"}, new String[] {"derive", "--fromat", "-h"},
                new String[] {"derive", "x.nn", "-h", "--help"}, new String[] {"derive", "-h", "-h"},
                new String[] {"-h", "-h", "derive"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(deriveHelp, r.out(), String.join(" ", args));
        }
        assertEquals(run("--help").out(), run("--version", "--help").out(), "help wins");
        // -h twice was picocli's "should be specified only once" above the whole usage; -hx is -h -x.
        for (String[] args : List.of(new String[] {"-h", "-h"}, new String[] {"-hx"}, new String[] {"--help", "-h"})) {
            Run r = run(args);
            assertEquals(0, r.code(), String.join(" ", args) + ": " + r.err());
            assertEquals(run("--help").out(), r.out(), String.join(" ", args));
        }
        // A word that names no verb is an unknown verb after -h twice as after one (-h -h deriv printed netgrad's help).
        for (String[] args : List.of(new String[] {"-h", "-h", "deriv"}, new String[] {"-hh", "deriv"}, new String[] {"--help", "-h", "deriv"})) {
            Run r = run(args);
            assertEquals(run("--help", "deriv").err(), r.err(), String.join(" ", args));
            assertEquals(2, r.code(), String.join(" ", args));
            assertEquals("", r.out(), String.join(" ", args));
        }
        for (String[] args : List.of(new String[] {"-V"}, new String[] {"derive", "--version"}, new String[] {"-V", "--"})) {
            Run r = run(args);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("netgrad ") && r.out().lines().count() == 1, r.out());
        }
    }

    /** Every verb's --help lists -V, --version: each prints the version, as netgrad --version does (it printed nothing). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("verbs")
    void everyVerbPrintsTheVersion(String verb) {
        String version = run("--version").out();
        assertTrue(version.startsWith("netgrad "), version);
        for (String option : List.of("--version", "-V")) {
            Run r = run(verb, option);
            assertEquals(0, r.code(), r.err());
            assertEquals(version, r.out(), verb + " " + option);
        }
    }

    /** Every verb but help, which takes no options. */
    static Stream<String> verbs() {
        return Main.commandLine().getSubcommands().keySet().stream().filter(v -> !v.equals("help"));
    }

    @Test
    void showPrintsTheExpandedNetworkWithShapes() throws IOException {
        Path spec = write("deep.nn", "network Deep {\n input X[5]\n target Y[1]\n dense 20 relu\n dense 1 sigmoid\n"
                + " loss cross_entropy\n}\n");
        Run r = run("show", spec.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("param W1[20, 5] init xavier"), r.out());
        assertTrue(r.out().contains("A1 = relu(Z1)"), r.out());
        assertTrue(r.out().matches("(?s).*Z1 = W1 @ X \\+ b1 +// 20 x m\n.*"), r.out());
        assertTrue(r.out().contains("cost J = mean(L)"), r.out());
        assertTrue(r.out().contains("output A2"), r.out());
        Path again = write("again.nn", r.out());
        Run second = run("show", again.toString());
        assertEquals(r.out(), second.out(), "show's output reads back to the same network");
    }

    @Test
    void showOfPlanarRoundTrips() throws IOException {
        Run r = run("show", write("planar.nn", PLANAR).toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))  // 1 x m"), r.out());
    }

    static Stream<Path> samples() {
        return SampleFiles.specs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void showOfEverySampleReadsBackToTheSameNetwork(Path sample) throws Exception {
        Run r = run("show", sample.toString());
        assertEquals(0, r.code(), r.err());
        Network original = SpecReader.read(sample.toString(), Files.readString(sample));
        Network shown = SpecReader.read("shown.nn", r.out());
        assertEquals(original.statements().stream().map(s -> s.name() + " = " + s.value() + " " + s.role()).toList(),
                shown.statements().stream().map(s -> s.name() + " = " + s.value() + " " + s.role()).toList());
        assertEquals(original.params().stream().map(p -> p.name() + p.shape() + p.init() + p.weight()).toList(),
                shown.params().stream().map(p -> p.name() + p.shape() + p.init() + p.weight()).toList());
        assertEquals(original.costForm(), shown.costForm());
        assertEquals(original.output(), shown.output());
        assertEquals(original.train(), shown.train());
        assertEquals(r.out(), run("show", write("again.nn", r.out()).toString()).out());
    }

    @Test
    void badSpecPrintsDiagnosticsAndExitsTwo() throws IOException {
        Path spec = write("bad.nn", PLANAR.replace("param b1[4]", "param b1[3]"));
        Run r = run("show", spec.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(spec + ":8:15: error: cannot broadcast 4 x m and 3 x 1"), r.err());
        assertTrue(r.err().contains("  Z1 = W1 @ X + b1\n              ^\n"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void missingFileExitsTwo() {
        Run r = run("show", dir.resolve("nope.nn").toString());
        assertEquals(2, r.code());
        assertEquals(dir.resolve("nope.nn") + ": error: cannot read: no such file\n", r.err());
        assertNoStackTrace(r);
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, run().code(), "no verb");
        assertEquals(2, run("frobnicate").code(), "unknown verb");
        assertEquals(2, run("show").code(), "missing SPEC");
        Run r = run("show", "--bogus", "x.nn");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--bogus"), r.err());
        assertNoStackTrace(r);
    }

    @Test
    void anUnknownVerbIsNamedWithTheVerbsCloseToIt() {
        record Case(String[] args, String expected) {
        }
        for (Case c : List.of(
                new Case(new String[] {"deriv", "samples/planar.nn"},
                        "netgrad: error: unknown verb 'deriv'; did you mean derive or generate? (netgrad --help lists the verbs)\n"),
                new Case(new String[] {"xyzzy"}, "netgrad: error: unknown verb 'xyzzy' (netgrad --help lists the verbs)\n"),
                new Case(new String[] {"trian", "--data", "x.csv"},
                        "netgrad: error: unknown verb 'trian'; did you mean train or derive? (netgrad --help lists the verbs)\n"))) {
            Run r = run(c.args());
            assertEquals(2, r.code(), c.expected());
            assertEquals(c.expected(), r.err());
            assertEquals("", r.out());
        }
    }

    /**
     * {@code --} ends a verb's options, after the verb; before it, it made the verb an argument of netgrad's, said as
     * "unknown verb 'derive'; did you mean derive or generate?". Refused, with the command line meant when a verb follows.
     */
    @Test
    void endOfOptionsBeforeTheVerbIsRefusedNamingTheCommandLineMeant() {
        record Case(String[] args, String expected) {
        }
        String problem = "netgrad: error: '--' goes after the verb, where it ends the verb's options";
        for (Case c : List.of(
                new Case(new String[] {"--", "derive", "x.nn"}, problem + ": netgrad derive -- x.nn\n"),
                new Case(new String[] {"--", "derive"}, problem + ": netgrad derive --\n"),
                new Case(new String[] {"-h", "--", "derive"}, problem + ": netgrad derive -h --\n"),
                new Case(new String[] {"--help", "--", "train", "x.nn"}, problem + ": netgrad train --help -- x.nn\n"),
                // the verb's options go before the --, with their values: after it, --format was a file's name
                new Case(new String[] {"--", "derive", "x.nn", "--format", "json"}, problem + ": netgrad derive --format json -- x.nn\n"),
                new Case(new String[] {"-h", "--", "derive", "-odd.nn", "--format=json", "--convention", "cost"},
                        problem + ": netgrad derive -h --format=json --convention cost -- -odd.nn\n"),
                // a cluster of short options, as picocli reads it: -ogen is -o gen, -hV two flags, -ho takes the next word;
                // after the --, -ogen was a file's name
                new Case(new String[] {"--", "generate", "x.nn", "-ogen"}, problem + ": netgrad generate -ogen -- x.nn\n"),
                new Case(new String[] {"--", "generate", "-o=gen", "x.nn"}, problem + ": netgrad generate -o=gen -- x.nn\n"),
                new Case(new String[] {"--", "generate", "-ho", "gen", "x.nn"}, problem + ": netgrad generate -ho gen -- x.nn\n"),
                new Case(new String[] {"--", "generate", "-hogen", "x.nn"}, problem + ": netgrad generate -hogen -- x.nn\n"),
                new Case(new String[] {"--", "derive", "x.nn", "-hV"}, problem + ": netgrad derive -hV -- x.nn\n"),
                // a letter that is no option after the first ends the cluster with picocli's unknown option, not a file
                new Case(new String[] {"--", "derive", "x.nn", "-hx"}, problem + ": netgrad derive -hx -- x.nn\n"),
                // a word that is no option of the verb's, and every word after a second --, is an argument
                new Case(new String[] {"--", "derive", "--formt", "json", "--", "--format", "x.nn"},
                        problem + ": netgrad derive -- --formt json --format x.nn\n"),
                new Case(new String[] {"--", "derive", "x.nn", "--format"}, problem + ": netgrad derive --format -- x.nn\n"),
                // words the shell would split or read are quoted, so that the line shown can be pasted
                new Case(new String[] {"--", "derive", "a b.nn"}, problem + ": netgrad derive -- 'a b.nn'\n"),
                new Case(new String[] {"--", "derive", "it's.nn", ""}, problem + ": netgrad derive -- 'it'\\''s.nn' ''\n"),
                new Case(new String[] {"--", "derive", "$HOME/x.nn"}, problem + ": netgrad derive -- '$HOME/x.nn'\n"),
                new Case(new String[] {"--", "deriv", "x.nn"}, problem + ", found before 'deriv' (netgrad --help lists the verbs)\n"),
                new Case(new String[] {"--", "--", "derive"}, problem + ", found before '--' (netgrad --help lists the verbs)\n"),
                new Case(new String[] {"--", "--help"}, problem + ", found before '--help' (netgrad --help lists the verbs)\n"),
                new Case(new String[] {"-V", "--", "-V"}, problem + ", found before '-V' (netgrad --help lists the verbs)\n"))) {
            Run r = run(c.args());
            assertEquals(2, r.code(), c.expected());
            assertEquals(c.expected(), r.err(), String.join(" ", c.args()));
            assertEquals("", r.out());
        }
        // Nothing after it: no verb, as netgrad alone; after the verb it is the verb's (derive -- x.nn reads x.nn).
        assertTrue(run("--").err().startsWith("netgrad: error: missing a verb\n"));
        assertEquals("netgrad derive: error: unexpected argument '--help'",
                run("derive", "samples/planar.nn", "--", "--help").err().lines().findFirst().orElse(""));
        assertEquals(0, run("derive", "--", "samples/planar.nn").code());
    }

    /** The command line that the refusal of {@code --} before the verb names does what was meant, when run. */
    @Test
    void theCommandLineMeantForEndOfOptionsBeforeTheVerbRuns() {
        String said = run("--", "derive", "samples/planar.nn", "--format", "json", "--convention", "cost").err();
        String meant = said.substring(said.lastIndexOf(": ") + 2).strip();
        assertEquals("netgrad derive --format json --convention cost -- samples/planar.nn", meant);
        Run r = run(meant.substring("netgrad ".length()).split(" "));
        assertEquals(0, r.code(), r.err());
        assertEquals(run("derive", "samples/planar.nn", "--format", "json", "--convention", "cost").out(), r.out());
        assertTrue(r.out().startsWith("{"), r.out());
        // A short option's value attached, as picocli reads it: the class is written to the folder -o names.
        Path folder = dir.resolve("gen");
        said = run("--", "generate", "samples/planar.nn", "-hVo" + folder).err();
        assertEquals("netgrad generate -hVo" + folder + " -- samples/planar.nn", said.substring(said.lastIndexOf(": ") + 2).strip());
        said = run("--", "generate", "samples/planar.nn", "-o" + folder).err();
        meant = said.substring(said.lastIndexOf(": ") + 2).strip();
        assertEquals("netgrad generate -o" + folder + " -- samples/planar.nn", meant);
        r = run(meant.substring("netgrad ".length()).split(" "));
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(folder.resolve("netgrad/generated/Planar.java")), r.out() + r.err());
    }

    /** A verb's own name is no near miss of itself, wherever picocli finds it unmatched. */
    @Test
    void anUnknownVerbIsNeverSaidToBeANearMissOfItself() {
        CommandLine netgrad = Main.commandLine();
        assertEquals("netgrad: error: unknown verb 'derive'; did you mean generate? (netgrad --help lists the verbs)",
                Main.unknownVerb("netgrad", new CommandLine.UnmatchedArgumentException(netgrad, List.of("derive"))).getMessage());
    }

    @Test
    void binaryFileIsACleanError() throws IOException {
        Path spec = dir.resolve("garbage.nn");
        byte[] bytes = new byte[5000];
        new java.util.Random(7).nextBytes(bytes);
        Files.write(spec, bytes);
        Run r = run("show", spec.toString());
        assertEquals(2, r.code());
        assertNoStackTrace(r);
    }

    @Test
    void directoryIsACleanError() {
        Run r = run("show", dir.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("directory"), r.err());
    }
    /** A standard output on a full device: every write fails. */
    private static final class FullDevice extends java.io.OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"show samples/planar.nn", "derive samples/planar.nn",
        "--help", "--version"})
    void aFailedWriteToStandardOutputIsAnError(String commandLine) {
        String[] args = commandLine.split(" ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(new FullDevice(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, message);
        assertTrue(message.contains("netgrad: error: cannot write to standard output"), message);
        assertNoStackTrace(new Run(code, "", message));
    }

    @Test
    void controlCharactersFromUserInputAreEscapedOnStderr() throws IOException {
        Path spec = write("esc.nn", PLANAR.replace("param b1[4]", "param b1[3] \u001b]0;owned\u0007\u001b[2J"));
        Run r = run("show", spec.toString());
        assertEquals(2, r.code());
        Run missing = run("show", dir.resolve("no\u001b[31mpe.nn").toString());
        assertEquals(2, missing.code());
        for (Run each : java.util.List.of(r, missing)) {
            assertFalse(each.err().chars().anyMatch(c -> c == 0x1b || c == 0x07), each.err());
        }
        assertTrue(missing.err().contains("no\\u001b[31mpe.nn"), missing.err());
        assertTrue(r.err().contains("\\u001b]0;owned\\u0007"), r.err());
    }

    // The last guard for a heap too small: exit 2, no trace, and advice a user of ./netgrad can act on
    // (the launcher passes no -Xmx of its own, and takes no JVM options: java reads JDK_JAVA_OPTIONS).
    @Test
    void runningOutOfMemoryTellsHowToGiveTheLauncherMoreHeap() {
        java.io.StringWriter text = new java.io.StringWriter();
        int code = Main.failed(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(text, true));
        assertEquals(2, code);
        String message = text.toString().strip();
        assertTrue(message.startsWith("netgrad: error: out of memory (the Java heap allows "), message);
        assertTrue(message.endsWith(" MB); use smaller inputs or layers, or give Java a larger heap (JDK_JAVA_OPTIONS=-Xmx8g ./netgrad ..., "
                + "for example: java reads that variable)"), message);
        assertFalse(message.contains("OutOfMemoryError"), message);
    }

    /**
     * The guard's advice fits the verb that ran out: check reads no data file and its memory grows
     * with the network's size, so "use smaller inputs" told its user nothing; predict streams its
     * data; gradcheck without --data runs on --examples random examples.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // the command line | how the message goes on after "out of memory (the Java heap allows N MB)"
        "check a.nn a.eq                    | : what check needs grows with the sizes of the network's layers (check evaluates"
            + " it on a few random batches of a few examples), not with any data file; give Java a larger heap",
        "gradcheck a.nn                     | : what gradcheck needs grows with the sizes of the network's layers and"
            + " --examples (16 unless given); use fewer --examples, or give Java a larger heap",
        "gradcheck a.nn --data d.csv        | : what gradcheck needs grows with the sizes of the network's layers and the rows"
            + " of --data; use a smaller data file, or give Java a larger heap",
        "train a.nn --data d.csv            | : what train needs grows with the sizes of the network's layers, the rows of"
            + " --data and --batch; use a smaller data file or --batch, or give Java a larger heap",
        "predict a.nn --params p.json --data d.csv | : what predict needs grows with the sizes of the network's layers"
            + " (predict reads --data 4,096 rows at a time), not with the data file's size; give Java a larger heap",
        "derive a.nn                        | : what derive needs grows with the size of the spec; give Java a larger heap",
        "generate a.nn                      | : what generate needs grows with the size of the spec; give Java a larger heap",
        "help check                         | : use smaller inputs or layers, or give Java a larger heap",
    })
    void runningOutOfMemoryGivesAdviceForTheVerb(String commandLine, String expected) {
        picocli.CommandLine cl = Main.commandLine();
        cl.parseArgs(commandLine.trim().split(" +"));
        java.io.StringWriter text = new java.io.StringWriter();
        int code = Main.failed(new OutOfMemoryError("Java heap space"), new java.io.PrintWriter(text, true), Main.verb(cl));
        assertEquals(2, code);
        String message = text.toString().strip();
        String verb = commandLine.trim().split(" ")[0];
        assertTrue(message.startsWith("netgrad " + verb + ": error: out of memory (the Java heap allows "), message);
        assertTrue(message.contains(" MB)" + expected + " (JDK_JAVA_OPTIONS=-Xmx8g ./netgrad ..., "), message);
        assertFalse(verb.equals("check") && message.contains("smaller inputs"), message);
    }

    // Params beyond the heap (two of 16 GB here) are the user's network, not a bug: the generated constructor's
    // OutOfMemoryError was wrapped as "internal error: ... NotATrainer: cannot create ...", exit 3.
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gradcheck", "eval", "train"})
    void paramsBeyondTheHeapAreOutOfMemoryNotAnInternalError(String verb) throws IOException {
        Path spec = write("huge.nn", "network Huge {\n  input X[127]\n  target Y[1]\n  dense 16777216 relu\n  dense 127 relu\n"
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n");
        String header = java.util.stream.IntStream.range(0, 127).mapToObj(i -> "x" + i).collect(java.util.stream.Collectors.joining(","));
        String row = "1,".repeat(127);
        Path csv = write("huge.csv", header + ",y\n" + row + "0\n" + row + "1\n");
        Path in = write("case.json", "{}");
        Run r = switch (verb) {
            case "eval" -> run(verb, spec.toString(), "--in", in.toString());
            case "train" -> run(verb, spec.toString(), "--data", csv.toString(), "--epochs", "1");
            default -> run(verb, spec.toString());
        };
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("netgrad " + verb + ": error: out of memory (the Java heap allows ")), r.err());
        assertFalse(r.err().contains("internal error") || r.err().contains("NotATrainer"), r.err());
    }

    // A file's name is the user's too (a glob over a downloaded folder): check printed its equations file's name
    // raw on standard output, which is not escaped as standard error is, and a line break in a name split the
    // FILE:LINE:COL line in two. {0} is the folder.
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            check | e\\u001b[31mred.eq  | out | {0}/e\\u001b[31mred.eq:1: dZ2 ok: equals dL/dZ2
            check | e\\u001b[31mred.eq  | out | {0}/e\\u001b[31mred.eq:1:13: error: no line for dW2, dJ/dW2 (1 x 4): every param needs its dJ/dP
            check | a\\nb.eq            | out | {0}/a\\u000ab.eq:1: dZ2 ok: equals dL/dZ2
            show  | bad\\nname.nn       | err | {0}/bad\\u000aname.nn:2:7: error: undefined name 'nope'
            show  | no\\nsuch.nn        | err | {0}/no\\u000asuch.nn: error: cannot read: no such file
            generate | g\\u001b[31mred  | out | wrote {0}/g\\u001b[31mred/netgrad/generated/Planar.java
            generate | a\\nb            | out | wrote {0}/a\\u000ab/netgrad/generated/Planar.java
            train | s\\u001b[31mred    | out | saved params to {0}/s\\u001b[31mred.json
            train | s\\u001b[31mred    | out | wrote cost plot to {0}/s\\u001b[31mred.png
            train | a\\nb              | out | saved params to {0}/a\\u000ab.json
            """)
    void aFileNameIsEscapedWhereverAMessageNamesIt(String verb, String name, String stream, String expected) throws IOException {
        String file = name.replace("\\u001b", "\u001b").replace("\\n", "\n");
        if (verb.equals("check") || (verb.equals("show") && !file.startsWith("no"))) {
            write(file, verb.equals("check") ? "dZ2 = A2 - Y\n" : "network N {\n  Q = nope\n}\n");
        }
        String path = dir.resolve(file).toString();
        Run r = switch (verb) {
            case "check" -> run(verb, "samples/planar.nn", path);
            // generate's folder and train's --save and --plot were printed raw on standard output
            case "generate" -> run(verb, "samples/planar.nn", "-o", path);
            case "train" -> run(verb, "samples/planar.nn", "--data", "samples/data/planar.csv", "--epochs", "1",
                    "--save", path + ".json", "--plot", path + ".png");
            default -> run(verb, path);
        };
        String text = stream.equals("out") ? r.out() : r.err();
        assertTrue(text.lines().anyMatch(l -> l.equals(expected.replace("{0}", dir.toString()))), text);
        assertFalse((r.out() + r.err()).chars().anyMatch(c -> c == 0x1b), r.out() + r.err());
    }
}
