package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FoldersTest {
    @TempDir
    Path project;

    private List<Folders.Kept> kept() {
        return List.of(new Folders.Kept("the project's folder", project),
                new Folders.Kept("the specs' folder", project.resolve("src/main/nn"), Folders.Guard.INPUTS),
                new Folders.Kept("the build folder", project.resolve("target"), Folders.Guard.BUILD),
                new Folders.Kept("the source folder", project.resolve("src/main/java")),
                new Folders.Kept("the source folder", project.resolve("target/generated-sources/netgrad"), Folders.Guard.ADDED_ROOT));
    }

    private List<Path> outputs() {
        return List.of(project.resolve("target/generated-sources/netgrad"));
    }

    @Test
    void sourceDirectoryThatIsAFileIsAnError() throws IOException {
        Path file = Files.writeString(project.resolve("nets.nn"), "network N {}");
        Optional<String> problem = Folders.sourceDirectoryProblem(file);
        assertTrue(problem.isPresent());
        assertTrue(problem.get().startsWith("<sourceDirectory> " + file + " is a file, not a folder"), problem.get());
    }

    @Test
    void missingOrRealSourceDirectoryIsFine() throws IOException {
        assertEquals(Optional.empty(), Folders.sourceDirectoryProblem(project.resolve("src/main/nn")));
        Files.createDirectories(project.resolve("src/main/nn"));
        assertEquals(Optional.empty(), Folders.sourceDirectoryProblem(project.resolve("src/main/nn")));
    }

    @Test
    void outputFolderOfItsOwnIsFine() {
        for (String output : List.of("target/generated-sources/netgrad", "target/netgrad", "target/x/../netgrad",
                "src/main/java/gen")) {
            assertEquals(Optional.empty(),
                    Folders.outputProblem("outputDirectory", project.resolve(output), kept(), outputs()), output);
        }
    }

    @Test
    void outputFolderThatIsOrHoldsAProjectFolderIsAnError() {
        record Case(String output, String expected) {
        }
        for (Case c : List.of(
                new Case("src/main/java", " is the source folder " + project.resolve("src/main/java")),
                new Case("src/main/./java", " is the source folder"),
                new Case("src", " holds the specs' folder " + project.resolve("src/main/nn")),
                new Case("target/generated-sources", " holds the source folder"),
                new Case(".", " is the project's folder"),
                new Case("target", " is the build folder"),
                new Case("..", " holds the project's folder"))) {
            Optional<String> problem = Folders.outputProblem("outputDirectory", project.resolve(c.output()), kept(),
                    List.of());
            assertTrue(problem.isPresent(), c.output());
            assertTrue(problem.get().startsWith("<outputDirectory> " + project.resolve(c.output())), problem.get());
            assertTrue(problem.get().contains(c.expected()), problem.get());
            assertTrue(problem.get().contains("give it a folder of its own"), problem.get());
        }
    }

    // The audit's cases: an output folder configured as the project's own source folder was exempt
    // as "netgrad's own" (it is among the outputs), and one inside the specs' folder was not checked
    // at all; the clean-up then deleted Main.java, or the specs themselves.
    @Test
    void aFolderThePomDeclaresIsRefusedEvenWhenItIsConfiguredAsAnOutput() {
        record Case(String output, String expected) {
        }
        for (Case c : List.of(
                new Case("src/main/java", " is the source folder " + project.resolve("src/main/java")),
                new Case("src/main/nn/com", " lies inside the specs' folder " + project.resolve("src/main/nn")),
                new Case("src/main/nn", " is the specs' folder"))) {
            Path output = project.resolve(c.output());
            Optional<String> problem = Folders.outputProblem("outputDirectory", output, kept(), List.of(output));
            assertTrue(problem.isPresent(), c.output());
            assertTrue(problem.get().contains(c.expected()), problem.get());
        }
    }

    // samples/spark reads ../iris.nn: its specs' folder holds the project, and so every output
    // folder it could have. One in the build folder is Maven's to clean and was refused all the same,
    // so the sample failed when run where it is.
    @Test
    void anOutputInTheBuildFolderMayLieInsideASpecsFolderAboveTheProject() {
        record Case(String specs, String output, String expected) {
        }
        for (Case c : List.of(
                new Case("..", "target/generated-sources/netgrad", null),
                new Case("..", "target/netgrad", null),
                new Case("..", "gen", " lies inside the specs' folder " + project.resolve("..")),
                new Case("..", "target", " is the build folder"),
                new Case("..", "src/main/java", " lies inside the specs' folder"),
                // The specs in the build folder, or being it: the exemption does not reach them.
                new Case("target/nn", "target/nn/gen", " lies inside the specs' folder"),
                new Case("target", "target/generated-sources/netgrad", " lies inside the specs' folder"))) {
            List<Folders.Kept> kept = List.of(new Folders.Kept("the project's folder", project),
                    new Folders.Kept("the specs' folder", project.resolve(c.specs()), Folders.Guard.INPUTS),
                    new Folders.Kept("the build folder", project.resolve("target"), Folders.Guard.BUILD),
                    new Folders.Kept("the source folder", project.resolve("src/main/java")));
            Optional<String> problem = Folders.outputProblem("outputDirectory", project.resolve(c.output()), kept, List.of());
            if (c.expected() == null) {
                assertEquals(Optional.empty(), problem, c.specs() + " / " + c.output());
            } else {
                assertTrue(problem.orElse("").contains(c.expected()), c.specs() + " / " + c.output() + ": " + problem);
            }
        }
    }

    // equationsDirectory set to target/classes (to ship the Markdown in the jar, say): the clean-up
    // deleted every compiled class and copied resource at every build, which then compiled it all again.
    @Test
    void theCompilersClassFoldersAreRefusedAsOutputsAndSoIsAFolderInsideThem() {
        record Case(String output, String expected) {
        }
        List<Folders.Kept> kept = List.of(new Folders.Kept("the project's folder", project),
                new Folders.Kept("the build folder", project.resolve("target"), Folders.Guard.BUILD),
                new Folders.Kept("the class folder", project.resolve("target/classes"), Folders.Guard.CLASSES),
                new Folders.Kept("the test class folder", project.resolve("target/test-classes"), Folders.Guard.CLASSES));
        for (Case c : List.of(
                new Case("target/classes", " is the class folder " + project.resolve("target/classes")),
                new Case("target/classes/equations", " lies inside the class folder " + project.resolve("target/classes")),
                new Case("target/test-classes", " is the test class folder " + project.resolve("target/test-classes")),
                new Case("target/netgrad", null),
                new Case("target/classes-netgrad", null))) {
            Optional<String> problem = Folders.outputProblem("equationsDirectory", project.resolve(c.output()), kept, List.of());
            if (c.expected() == null) {
                assertEquals(Optional.empty(), problem, c.output());
            } else {
                assertTrue(problem.orElse("").startsWith("<equationsDirectory> " + project.resolve(c.output()) + c.expected()),
                        c.output() + ": " + problem);
            }
        }
    }

    @Test
    void netgradsOwnSourceRootFromAnEarlierExecutionIsFine() {
        Path own = project.resolve("target/generated-sources/netgrad");
        assertEquals(Optional.empty(), Folders.outputProblem("outputDirectory", own, kept(), List.of(own)));
    }

    // An output that is a file failed only when the first output was written, as "cannot write ...", not naming the parameter.
    @Test
    void anOutputFolderThatIsAFileOrLiesInOneIsAnError() throws IOException {
        Files.createDirectories(project.resolve("target"));
        Path file = Files.writeString(project.resolve("target/out"), "");
        record Case(Path output, String expected) {
        }
        for (Case c : List.of(
                new Case(file, "<equationsDirectory> " + file + " is a file, not a folder; netgrad writes the files it generates"
                        + " into a folder of its own there (by default under target/)"),
                new Case(file.resolve("a/b"), "<equationsDirectory> " + file.resolve("a/b") + " lies in " + file
                        + ", which is a file, not a folder; netgrad writes the files it generates into a folder of its own there"
                        + " (by default under target/)"),
                new Case(project.resolve("target/netgrad"), null),
                new Case(project.resolve("target/new/netgrad"), null))) {
            assertEquals(Optional.ofNullable(c.expected()), Folders.outputFileProblem("equationsDirectory", c.output()), c.output().toString());
        }
    }

    @Test
    void theTestsNeedAFolderApartFromTheMainClasses() {
        Path main = project.resolve("target/generated-sources/netgrad");
        assertTrue(Folders.testOutputProblem(project.resolve("target/generated-sources/./netgrad"), main).orElseThrow()
                .contains("give the tests a folder of their own"));
        assertEquals(Optional.empty(), Folders.testOutputProblem(project.resolve("target/generated-test-sources/netgrad"), main));
    }
}
