package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.cli.MainTest.Run;
import dev.netgrad.codegen.RuntimeSources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code netgrad generate}: where the classes go, and what it refuses to write over. */
class GenerateCommandTest {
    private static final Path PLANAR = Path.of("samples/planar.nn").toAbsolutePath();
    private static final Path IRIS = Path.of("samples/iris.nn").toAbsolutePath();

    @TempDir
    Path dir;

    private static void assertCleanError(Run r, String start) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(start), "stderr should start with '" + start + "' but was:\n" + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    /** A folder like the repository's root: the launcher script netgrad beside the samples. */
    private Path rootWithLauncher() throws IOException {
        Path root = Files.createDirectory(dir.resolve("root"));
        Files.writeString(root.resolve("netgrad"), "#!/usr/bin/env bash\n");
        return root;
    }

    @Test
    void theDefaultFolderDoesNotMeetTheLauncherScript() throws IOException {
        Path root = rootWithLauncher();
        Path target = root.resolve(GenerateCommand.DEFAULT_OUTPUT).resolve("netgrad/generated/Planar.java");
        // The default resolves against the current folder; the test names it as the launcher would see it.
        Run r = MainTest.run("generate", PLANAR.toString(), "-o", root.resolve(GenerateCommand.DEFAULT_OUTPUT).toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("wrote " + target + "\n" + "wrote " + root.resolve(GenerateCommand.DEFAULT_OUTPUT).resolve("dev/netgrad/runtime")
                + " (the runtime the trainers share, " + RuntimeSources.files().size() + " files)\n", r.out());
        assertTrue(Files.readString(target).contains("public final class Planar"));
        assertEquals("#!/usr/bin/env bash\n", Files.readString(root.resolve("netgrad")));
        GenerateCommand command = new GenerateCommand();
        new picocli.CommandLine(command).parseArgs("planar.nn");
        assertEquals(Path.of("generated-sources"), command.output, "the default of -o");
    }

    /**
     * -o's value attached to it is -o's, as getopt's is, when the word spells no long option of generate's: only a
     * long option typed with one dash ({@code -output}) is refused (VerbUsageErrorTest).
     */
    @Test
    void aValueAttachedToOIsTheFolderWhenItSpellsNoOption() throws IOException {
        Path attached = dir.resolve("gen");
        Run r = MainTest.run("generate", PLANAR.toString(), "-o" + attached);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(attached.resolve("netgrad/generated/Planar.java")), r.out());
        Path output = dir.resolve("output");
        r = MainTest.run("generate", PLANAR.toString(), "-o=" + output);
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(output.resolve("netgrad/generated/Planar.java")), r.out());
    }

    /** 3,000 layers: refused at the network's name from the network alone (it took 36 s and 1.2 GB), and nothing written. */
    @Test
    void aNetworkTooBigForOneClassIsRefusedAtItsName() throws IOException {
        Path spec = Files.writeString(dir.resolve("deep.nn"), "network Deep {\n  input X[2]\n  target Y[1]\n"
                + "  dense 2 tanh\n".repeat(3000) + "  dense 1 sigmoid\n  loss cross_entropy\n}\n");
        Path out = dir.resolve("out");
        Run r = MainTest.run("generate", spec.toString(), "-o", out.toString());
        assertEquals(2, r.code());
        assertEquals(spec + ":1:9: error: the network Deep is too big for one Java class: its trainer would need at least 90048"
                + " constants (30016 fields and methods), and the JVM allows 65535; use fewer layers\n"
                + "network Deep {\n        ^\n", r.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void aSecondRunLeavesTheUnchangedFileAlone() throws IOException {
        Path out = dir.resolve("src");
        assertEquals(0, MainTest.run("generate", PLANAR.toString(), "-o", out.toString()).code());
        Path target = out.resolve("netgrad/generated/Planar.java");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        Run again = MainTest.run("generate", PLANAR.toString(), "-o", out.toString());
        assertEquals(0, again.code(), again.err());
        assertEquals("unchanged " + target + "\n" + "unchanged " + out.resolve("dev/netgrad/runtime")
                + " (the runtime the trainers share, " + RuntimeSources.files().size() + " files)\n", again.out());
    }

    /**
     * A file already where an output goes, and why generate may not replace it (null: it may). A
     * content of null is a link to a file holding {@code linked}.
     */
    private record Existing(String what, String path, String content, String linked, String whyNot) {
    }

    /** The error that refuses to replace {@code file}, for {@code why}. */
    private static String notReplaced(Path file, String why) {
        return file + ": error: netgrad did not write this file (" + why + ") and will not replace it; move it, or generate"
                + " into another folder (-o); nothing was written\n";
    }

    /**
     * generate replaces only what netgrad wrote: an -o set to the user's own source root, which holds
     * a hand-written class of the network's name, used to lose it without a word. The reason given is
     * the one that holds: a link to a class netgrad generated, and a runtime file, which has no
     * "Generated by netgrad" mark, were both said to lack that mark.
     */
    @Test
    void onlyFilesNetgradWroteAreReplaced() throws IOException {
        String generated = "// Generated by netgrad from planar.nn. Do not edit: change the spec and regenerate.\nold\n";
        String noMark = "it has no \"Generated by netgrad\" mark at its start";
        String noRuntimePackage = "it does not begin with \"package dev.netgrad.runtime;\", the line that marks a runtime file"
                + " netgrad wrote";
        String link = "it is a link, and netgrad replaces no file through a link";
        List<Existing> cases = List.of(
                new Existing("a hand-written class of the network's name", "netgrad/generated/Planar.java",
                        "package netgrad.generated;\n// hours of work\npublic class Planar {}\n", null, noMark),
                new Existing("a file of the user's in the runtime's folder, another package", "dev/netgrad/runtime/Kernels.java",
                        "// my kernels\npackage mine;\nclass Kernels {}\n", null, noRuntimePackage),
                new Existing("a runtime file with a line of the user's before its package", "dev/netgrad/runtime/Kernels.java",
                        "// tuned by me\npackage dev.netgrad.runtime;\nold\n", null, noRuntimePackage),
                new Existing("a link where the class goes", "netgrad/generated/Planar.java", null, "mine\n", link),
                new Existing("a link to a class netgrad generated", "netgrad/generated/Planar.java", null, generated, link),
                new Existing("a class an earlier netgrad generated", "netgrad/generated/Planar.java", generated, null, null),
                new Existing("an earlier runtime file", "dev/netgrad/runtime/Kernels.java", "package dev.netgrad.runtime;\nold\n",
                        null, null));
        int n = 0;
        for (Existing existing : cases) {
            Path out = dir.resolve("case" + n++);
            Path file = out.resolve(existing.path());
            Files.createDirectories(file.getParent());
            if (existing.content() == null) {
                Files.writeString(dir.resolve("elsewhere" + n), existing.linked());
                Files.createSymbolicLink(file, dir.resolve("elsewhere" + n));
            } else {
                Files.writeString(file, existing.content());
            }
            Run r = MainTest.run("generate", PLANAR.toString(), "-o", out.toString());
            if (existing.whyNot() == null) {
                assertEquals(0, r.code(), existing.what() + ": " + r.err());
                assertFalse(Files.readString(file).endsWith("old\n"), existing.what());
            } else {
                assertCleanError(r, notReplaced(file, existing.whyNot()));
                assertEquals(existing.content() == null ? existing.linked() : existing.content(), Files.readString(file), existing.what());
                assertEquals("", r.out(), existing.what());
                try (var written = Files.walk(out)) {
                    assertEquals(List.of(file), written.filter(Files::isRegularFile).toList(), existing.what() + ": nothing else written");
                }
            }
        }
    }

    /** A file in the runtime's folders before generate runs, and whether generate deletes it as an older netgrad's. */
    private record BesideTheRuntime(String what, String path, String content, boolean spark, boolean deleted) {
    }

    /**
     * A runtime file an older netgrad wrote and this runtime no longer has (the Spark adapter's PartitionJob,
     * merged into PartitionSums) was left beside the new runtime, where javac compiled it with the new one and
     * failed on what it called. Only netgrad's own go, and only from the folders the run writes the runtime to.
     */
    @Test
    void anOlderNetgradsRuntimeFilesAreDeleted() throws IOException {
        List<BesideTheRuntime> cases = List.of(
                new BesideTheRuntime("an older runtime's class", "dev/netgrad/runtime/OldKernels.java",
                        "package dev.netgrad.runtime;\nfinal class OldKernels { double f() { return Gone.f(); } }\n", false, true),
                new BesideTheRuntime("an older Spark adapter's class, with --spark", "dev/netgrad/runtime/spark/PartitionJob.java",
                        "package dev.netgrad.runtime.spark;\nfinal class PartitionJob {}\n", true, true),
                new BesideTheRuntime("an older Spark adapter's class, without --spark: the adapter is not written",
                        "dev/netgrad/runtime/spark/PartitionJob.java", "package dev.netgrad.runtime.spark;\nfinal class PartitionJob {}\n",
                        false, false),
                new BesideTheRuntime("a class of the user's: a line before the package", "dev/netgrad/runtime/Mine.java",
                        "// mine\npackage dev.netgrad.runtime;\nfinal class Mine {}\n", false, false),
                new BesideTheRuntime("a file of the user's that is no class", "dev/netgrad/runtime/NOTES.txt",
                        "package dev.netgrad.runtime;\n", false, false),
                new BesideTheRuntime("a class a folder below the runtime's", "dev/netgrad/runtime/extra/Extra.java",
                        "package dev.netgrad.runtime.extra;\nfinal class Extra {}\n", false, false));
        int n = 0;
        for (BesideTheRuntime beside : cases) {
            Path out = dir.resolve("case" + n++);
            Path file = out.resolve(beside.path());
            assertEquals(0, MainTest.run("generate", PLANAR.toString(), "-o", out.toString()).code(), beside.what());
            Files.createDirectories(file.getParent());
            Files.writeString(file, beside.content());
            List<String> args = new ArrayList<>(List.of("generate", PLANAR.toString(), "-o", out.toString()));
            if (beside.spark()) {
                args.add("--spark");
            }
            Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), beside.what() + ": " + r.err());
            assertEquals("", r.err(), beside.what());
            String said = "deleted " + file + " (an older netgrad's runtime file, no part of this runtime)\n";
            assertEquals(beside.deleted(), r.out().endsWith(said), beside.what() + ": " + r.out());
            assertEquals(!beside.deleted(), Files.exists(file), beside.what());
        }
    }

    @Test
    void aFileWhereAFolderBelongsIsRefusedAndLeftAlone() throws IOException {
        Path root = rootWithLauncher();
        Run r = MainTest.run("generate", PLANAR.toString(), "-o", root.toString());
        assertCleanError(r, "netgrad generate: error: the class file " + root.resolve("netgrad/generated/Planar.java")
                + " cannot be written: " + root.resolve("netgrad") + " is a file, not a folder");
        assertEquals("#!/usr/bin/env bash\n", Files.readString(root.resolve("netgrad")));
        assertEquals("", r.out());
    }

    @Test
    void anOutputFolderThatIsAFileIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", file.toString()),
                "netgrad generate: error: the class file " + file.resolve("netgrad/generated/Planar.java") + " cannot be written: "
                        + file + " is a file, not a folder");
        assertEquals("keep me", Files.readString(file));
    }

    @Test
    void aFolderWhereTheClassBelongsIsRefused() throws IOException {
        Path target = Files.createDirectories(dir.resolve("netgrad/generated/Planar.java"));
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", dir.toString()),
                "netgrad generate: error: the class file " + target + " is a folder; give a file name");
    }

    @Test
    void aReadOnlyClassFileThatWouldChangeIsRefused() throws IOException {
        Path target = Files.createDirectories(dir.resolve("netgrad/generated")).resolve("Planar.java");
        Files.writeString(target, "// an older class");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("r--r--r--"));
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", dir.toString()),
                "netgrad generate: error: the class file " + target + " is read-only");
        assertEquals("// an older class", Files.readString(target));
    }

    @Test
    void nothingIsWrittenWhenOneOfTheClassesCannotBe() throws IOException {
        Path out = dir.resolve("src");
        Files.createDirectories(out.resolve("netgrad/generated/Iris.java"));
        Run r = MainTest.run("generate", PLANAR.toString(), Path.of("samples/iris.nn").toAbsolutePath().toString(),
                "-o", out.toString());
        assertEquals(2, r.code());
        assertFalse(Files.exists(out.resolve("netgrad/generated/Planar.java")), "all or nothing");
    }

    @Test
    void aWriteThatFailsPartWayLeavesNoFileOrFolderOfTheRunBehind() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("notes.txt"), "keep me");
        // A package folder's name over the file system's 255 bytes passes the checks made before
        // writing; the write fails at it, after the run has made out/ok.
        String tooLong = "N".repeat(256);
        Run r = MainTest.run("generate", IRIS.toString(), PLANAR.toString(), "-o", out.toString(),
                "--package", "ok." + tooLong);
        assertCleanError(r, out.resolve("ok/" + tooLong + "/Iris.java") + ": error: cannot write: ");
        assertEquals("", r.out());
        try (var left = Files.list(out)) {
            assertEquals(java.util.List.of(out.resolve("notes.txt")), left.toList(), "no class, no empty folder");
        }
    }

    /**
     * A write that fails (a full disk, here a name the file system refuses, which passes the checks made
     * before writing) says what it left: nothing written, every file there kept; as a failed --save says
     * where the params went. It said the reason alone, and the user could not tell whether a class or the
     * runtime was now half old, half new.
     */
    @Test
    void aWriteThatFailsSaysThatNothingWasWrittenAndTheFilesThereWereKept() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        assertEquals(0, MainTest.run("generate", PLANAR.toString(), "-o", out.toString(), "--package", "").code());
        String planar = Files.readString(out.resolve("Planar.java"));
        Path runtimeFile = out.resolve("dev/netgrad/runtime/AtomicWrite.java");
        String older = Files.readString(runtimeFile).replace("static void writeAtomically", "static void writeAtomicallyOld");
        Files.writeString(runtimeFile, older);
        String tooLong = "N".repeat(256);
        Run r = MainTest.run("generate", PLANAR.toString(), "-o", out.toString(), "--package", "ok." + tooLong);
        assertEquals(out.resolve("ok/" + tooLong + "/Planar.java") + ": error: cannot write: file name too long; "
                + "nothing was written: every file already there is kept as it was\n", r.err());
        assertEquals(2, r.code());
        assertEquals(planar, Files.readString(out.resolve("Planar.java")));
        assertEquals(older, Files.readString(runtimeFile), "the runtime it would have replaced is kept");
    }

    @Test
    void generatedFilesGetTheUsualPermissions() throws IOException {
        Path usual = Files.createFile(dir.resolve("usual"));
        assertEquals(0, MainTest.run("generate", PLANAR.toString(), "-o", dir.toString(), "--package", "").code());
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(dir.resolve("Planar.java")));
    }

    /** A small spec whose network has {@code name}, declared at 1:9. */
    private Path specNamed(String name) throws IOException {
        return Files.writeString(dir.resolve("named.nn"), "network " + name + " {\n  input X[2]\n  target Y[1]\n"
                + "  dense 1 sigmoid\n  loss cross_entropy\n}\n");
    }

    // The class goes to <Name>.java and javac makes <Name>.class of it: both are file names of at
    // most 255 bytes. The language allows 255 characters; generate refuses what cannot be a file,
    // at the network's name and before the first file of the run (Iris's here) is written.
    @ParameterizedTest(name = "a network name of {0} characters: {1}")
    @CsvSource(delimiter = '|', value = {
        "249 | ",
        "250 | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is 250 characters long, too long to generate: "
            + "its compiled class file, <name>.class, would have a 256-byte name, over the file system's 255; "
            + "shorten it to at most 249 characters",
        "255 | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is 255 characters long, too long to generate: "
            + "its compiled class file, <name>.class, would have a 261-byte name, over the file system's 255; "
            + "shorten it to at most 249 characters",
        "256 | 1:9: error: the network name 'NNNNNNNNNNNNNNNNNNNN...' is 256 characters long; names are at most 255 "
            + "characters",
    })
    void aNetworkNameIsGeneratedOnlyIfItsClassFilesCanExist(int length, String error) throws IOException {
        Path spec = specNamed("N".repeat(length));
        Path out = dir.resolve("out");
        Run r = MainTest.run("generate", IRIS.toString(), spec.toString(), "-o", out.toString());
        if (error == null) {
            assertEquals(0, r.code(), r.err());
            assertTrue(Files.isRegularFile(out.resolve("netgrad/generated/" + "N".repeat(length) + ".java")));
            return;
        }
        assertCleanError(r, spec + ":" + error + "\n");
        assertTrue(r.err().endsWith("\n        ^\n"), "a caret under the name:\n" + r.err());
        assertEquals("", r.out());
        assertFalse(Files.exists(out), "nothing written, not even Iris.java or a folder");
    }

    // What the generator refuses is a limit the user meets in their spec: an error at the network's
    // name (line 2 here, under a comment), with the line and a caret, as the Maven plugin reports it.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "two inputs  | input Z[2]  | 2:9: error: netgrad generates trainers for networks with exactly one input; Two has 2",
        "two targets | target T[1] | 2:9: error: netgrad generates trainers for networks with at most one target; Two has 2",
    })
    void aNetworkTheGeneratorRefusesIsAnErrorAtItsName(String what, String extra, String error) throws IOException {
        Path spec = Files.writeString(dir.resolve("two.nn"), "// " + what + "\nnetwork Two {\n  input X[3]\n  " + extra
                + "\n  target Y[1]\n  param W[1, 3]\n  A = sigmoid(W @ X)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n"
                + "  cost J = mean(L)\n}\n");
        Run r = MainTest.run("generate", spec.toString(), "-o", dir.resolve("out").toString());
        assertCleanError(r, spec + ":" + error + "\nnetwork Two {\n        ^\n");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    // The message was the shape's alone, at the network's name: which of the params it was went unsaid.
    @Test
    void aParamTooBigForAJavaArrayIsNamed() throws IOException {
        Path spec = Files.writeString(dir.resolve("big.nn"), "network Big {\n  input X[100000]\n  target Y[1]\n"
                + "  param V[100000, 100000]\n  param W[1, 100000]\n  A = sigmoid(W @ tanh(V @ X))\n"
                + "  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n");
        Run r = MainTest.run("generate", spec.toString(), "-o", dir.resolve("out").toString());
        assertCleanError(r, spec + ":1:9: error: param V: a 100000 x 100000 matrix has 10000000000 entries, more than a Java array"
                + " can hold\nnetwork Big {\n        ^\n");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    // A class named like a package that holds the runtime: javac said "package dev.netgrad.runtime clashes with class
    // of same name" on every runtime file; the one in the default package was already renamed (dev_). The names the
    // trainer imports are read off it, as the gradient test's are off its template (GenerationTest), by one rule.
    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
        "runtime | dev.netgrad | dev.netgrad.runtime | EntryRange",
        "netgrad | dev         | dev.netgrad         | runtime.EntryRange",
    })
    void aClassNamedLikeThePackageOfTheRuntimeIsRefusedAtItsName(String name, String packageName, String qualified, String inside)
            throws IOException {
        Path spec = Files.writeString(dir.resolve("clash.nn"), Files.readString(PLANAR).replace("network Planar", "network " + name));
        int line = (int) Files.readString(spec).lines().takeWhile(l -> !l.startsWith("network ")).count() + 1;
        Run r = MainTest.run("generate", spec.toString(), "-o", dir.resolve("out").toString(), "--package", packageName);
        assertCleanError(r, spec + ":" + line + ":9: error: the class " + qualified + " would hide the package of that name"
                + " in its trainer, which names dev.netgrad.runtime.EntryRange in full (javac would look for " + inside
                + " inside the class); rename the network or choose another package\n");
        assertFalse(Files.exists(dir.resolve("out")));
    }

    // Every verb that compiles a trainer says the same, at the same place: bench reported it as an
    // internal error, and eval and gradcheck without a location.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "bench     | --steps, 1",
        "gradcheck | --seed, 1",
        "eval      | --in, case.json",
        "train     | --data, samples/data/iris.csv",
        "predict   | --params, case.json, --data, samples/data/iris.csv",
    })
    void everyVerbThatCompilesATrainerRefusesSuchANetworkAtItsName(String verb, String options) throws IOException {
        Path spec = Files.writeString(dir.resolve("two.nn"), "network Two {\n  input X[3]\n  input Z[2]\n  target Y[1]\n"
                + "  param W[1, 3]\n  A = sigmoid(W @ X)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n");
        Files.writeString(dir.resolve("case.json"), "{}");
        List<String> args = new ArrayList<>(List.of(verb, spec.toString()));
        for (String option : options.split(",")) {
            String o = option.trim();
            args.add(o.equals("case.json") ? dir.resolve(o).toString() : o);
        }
        Run r = MainTest.run(args.toArray(String[]::new));
        assertCleanError(r, spec + ":1:9: error: netgrad generates trainers for networks with exactly one input; Two has 2\n"
                + "network Two {\n        ^\n");
    }

    @Test
    void everyBadSpecIsReportedNotOnlyTheFirstAndNothingIsWritten() throws IOException {
        Path first = Files.writeString(dir.resolve("first.nn"), "network First {\n  input X[2]\n  Z = W @ X\n}\n");
        Path second = Files.writeString(dir.resolve("second.nn"), "network Second {\n  input X[2]\n  target Y[1]\n  input Z[2]\n"
                + "  param W[1, 2]\n  A = sigmoid(W @ X + W @ Z)\n  loss L = -(Y * log(A) + (1 - Y) * log(1 - A))\n  cost J = mean(L)\n}\n");
        Run r = MainTest.run("generate", first.toString(), PLANAR.toString(), second.toString(), "-o", dir.resolve("out").toString());
        assertCleanError(r, first + ":1:9: error: the network has no loss");
        assertTrue(r.err().contains(first + ":3:7: error: undefined name 'W'"), r.err());
        assertTrue(r.err().contains(second + ":1:9: error: netgrad generates trainers for networks with exactly one input"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aPackageNameThatIsNoneIsRefusedBeforeAnySpecIsRead() {
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", dir.toString(), "--package", "com.class"),
                "netgrad generate: error: --package 'com.class' is not a Java package name\n");
    }

    @Test
    void aPackageInJavaIsRefusedSinceNoClassOfItCouldBeLoaded() {
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", dir.toString(), "--package", "java.nets"),
                "netgrad generate: error: --package 'java.nets' is in the package java, where the JVM loads no class but its own\n");
    }

    @Test
    void theRuntimesPackageIsRefusedSinceANetworkThereCouldReplaceARuntimeFile() {
        assertCleanError(MainTest.run("generate", PLANAR.toString(), "-o", dir.toString(), "--package", "dev.netgrad.runtime"),
                "netgrad generate: error: --package 'dev.netgrad.runtime' is netgrad's runtime package (or below it), where the runtime"
                        + " the trainers share is written: a network there could replace one of its files; choose another package\n");
    }

    // On a file system that ignores case (macOS, Windows) a package differing from the runtime's only in case is its
    // folder: refused as the runtime's own is, saying why; a package that merely starts like it is fine.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            Dev.netgrad.runtime        | differs from netgrad's runtime package (dev.netgrad.runtime) only in case
            dev.Netgrad.Runtime.nets   | differs from netgrad's runtime package (dev.netgrad.runtime) only in case
            DEV.NETGRAD.RUNTIME        | differs from netgrad's runtime package (dev.netgrad.runtime) only in case
            dev.netgrad.runtimes       | ''
            """)
    void aPackageDifferingFromTheRuntimesOnlyInCaseIsRefused(String packageName, String problem) {
        MainTest.Run r = MainTest.run("generate", PLANAR.toString(), "-o", dir.toString(), "--package", packageName);
        if (problem.isEmpty()) {
            assertEquals(0, r.code(), r.err());
        } else {
            assertCleanError(r, "netgrad generate: error: --package '" + packageName + "' " + problem + ", and a file system that"
                    + " ignores case (macOS, Windows) writes both to one folder: a network there could replace one of the"
                    + " runtime's files; choose another package\n");
        }
    }

    // "-" is standard output to many tools: generate made a folder named "-" in the current folder (as mkdir - does),
    // and wrote the classes there. Refused as train's --save - and --plot - are; a path to a folder named - is taken.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -o -         | netgrad generate: error: -o is '-', which netgrad does not take for standard output: it writes files under a folder; give a folder name (./- for a folder named -)
            --output -   | netgrad generate: error: -o is '-', which netgrad does not take for standard output: it writes files under a folder; give a folder name (./- for a folder named -)
            --output=-   | netgrad generate: error: -o is '-', which netgrad does not take for standard output: it writes files under a folder; give a folder name (./- for a folder named -)
            -o DIR/-     | ''
            """)
    void aDashForTheOutputFolderIsRefusedBeforeAnySpecIsRead(String options, String error) throws IOException {
        List<String> args = new ArrayList<>(List.of("generate", dir.resolve("missing.nn").toString()));
        args.addAll(List.of(options.replace("DIR", dir.toString()).split(" ")));
        Run r = MainTest.run(args.toArray(String[]::new));
        if (error.isEmpty()) {
            // The spec is read, and is missing: the folder passed.
            assertCleanError(r, dir.resolve("missing.nn") + ": error: ");
        } else {
            assertCleanError(r, error + "\n");
            assertEquals("", r.out());
        }
        assertFalse(Files.exists(Path.of("-")), "no folder named - in the current folder");
    }

    // A spec named twice is generated once, as javac compiles a file it is given twice once; two
    // different files that define one class stay an error (VerbsTest).
    @ParameterizedTest(name = "planar.nn and {0}")
    @CsvSource({
        "planar.nn,               the same name",
        "sub/../planar.nn,        another path",
        "link.nn,                 a symbolic link",
        "hard.nn,                 a hard link",
    })
    void aSpecGivenTwiceIsGeneratedOnce(String second, String how) throws IOException {
        Path spec = Files.copy(PLANAR, dir.resolve("planar.nn"));
        Files.createDirectory(dir.resolve("sub"));
        Files.createSymbolicLink(dir.resolve("link.nn"), spec);
        Files.createLink(dir.resolve("hard.nn"), spec);
        Path out = dir.resolve("out");
        Run r = MainTest.run("generate", spec.toString(), dir.resolve(second).toString(), "-o", out.toString());
        assertEquals(0, r.code(), how + ": " + r.err());
        assertEquals("wrote " + out.resolve("netgrad/generated/Planar.java") + "\n" + "wrote " + out.resolve("dev/netgrad/runtime")
                + " (the runtime the trainers share, " + RuntimeSources.files().size() + " files)\n", r.out());
    }
}
