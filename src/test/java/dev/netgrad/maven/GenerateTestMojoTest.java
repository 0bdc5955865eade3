package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * The goal {@code generate-test}: trainers for the tests alone, in a test source root, on the main code's runtime when
 * the module has one and with a runtime of their own otherwise; skipped, as the compiling of the tests is, by
 * {@code -Dmaven.test.skip=true}; its clean-up never reaches {@code generate}'s folders.
 */
class GenerateTestMojoTest {
    @TempDir
    Path folder;

    private MavenProject project;
    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();

    @BeforeEach
    void project() {
        project = StandardProject.in(folder);
    }

    @Test
    void aloneItWritesTheTrainersAndTheRuntimeIntoATestSourceRoot() throws Exception {
        spec("src/test/nn/com/acme/Tiny.nn", "Tiny");
        testGoal().execute();
        Path trainers = folder.resolve("target/generated-test-sources/netgrad-trainers");
        assertTrue(Files.isRegularFile(trainers.resolve("com/acme/Tiny.java")));
        assertTrue(Files.isRegularFile(trainers.resolve("dev/netgrad/runtime/Trainer.java")), "no runtime elsewhere: its own");
        assertTrue(Files.isRegularFile(folder.resolve("target/netgrad-test/com/acme/Tiny.md")));
        assertEquals(List.of(folder.resolve("src/main/java").toString()), project.getCompileSourceRoots(), "nothing for the main code");
        assertEquals(List.of(folder.resolve("src/test/java").toString(), trainers.toString()), project.getTestCompileSourceRoots());
        assertEquals(List.of(), warnings);
    }

    // The main goal wrote the runtime in this build: the tests compile against it (in the class folder by then), and a
    // second copy among the tests' sources would be compiled again into the test classes, ahead of it on the class path.
    @Test
    void afterTheMainGoalTheTestTrainersUseItsRuntime() throws Exception {
        spec("src/main/nn/com/acme/Main.nn", "Main");
        spec("src/test/nn/com/acme/Tiny.nn", "Tiny");
        mainGoal().execute();
        Path main = folder.resolve("target/generated-sources/netgrad");
        testGoal().execute();
        Path trainers = folder.resolve("target/generated-test-sources/netgrad-trainers");
        assertTrue(Files.isRegularFile(trainers.resolve("com/acme/Tiny.java")));
        assertFalse(Files.exists(trainers.resolve("dev")), "the main code's runtime serves the tests");
        assertTrue(infos.contains("netgrad: the runtime (dev.netgrad.runtime) is the one the module's main code " + main
                + " holds: not written again"), infos.toString());
        // Each goal's clean-up keeps to its own folders: the main goal's outputs are all there.
        assertTrue(Files.isRegularFile(main.resolve("com/acme/Main.java")));
        assertTrue(Files.isRegularFile(main.resolve("dev/netgrad/runtime/Trainer.java")));
        assertTrue(Files.isRegularFile(folder.resolve("target/netgrad/com/acme/Main.md")));

        // Run again, the test spec gone: its class goes, the main goal's outputs stay.
        Files.delete(folder.resolve("src/test/nn/com/acme/Tiny.nn"));
        testGoal().execute();
        assertFalse(Files.exists(trainers.resolve("com/acme/Tiny.java")));
        assertTrue(Files.isRegularFile(main.resolve("com/acme/Main.java")));
        assertTrue(Files.isRegularFile(main.resolve("dev/netgrad/runtime/Trainer.java")));
    }

    // The main code compiled before: the class folder holds this runtime, found by its version mark.
    @Test
    void theRuntimeInTheClassFolderServesTheTests() throws Exception {
        spec("src/test/nn/Tiny.nn", "Tiny");
        Path classes = folder.resolve("target/classes");
        for (var source : dev.netgrad.codegen.RuntimeSources.files().entrySet()) {
            Path compiled = dev.netgrad.codegen.RuntimeSources.target(classes, source.getKey().replace(".java", ".class"));
            Files.createDirectories(compiled.getParent());
            Files.writeString(compiled, source.getValue());
        }
        testGoal().execute();
        assertFalse(Files.exists(folder.resolve("target/generated-test-sources/netgrad-trainers/dev")));
        assertTrue(Files.isRegularFile(folder.resolve("target/generated-test-sources/netgrad-trainers/netgrad/generated/Tiny.java")));
    }

    // As the compiler's testCompile: -Dmaven.test.skip=true (true in any case) skips it, and it writes nothing.
    @ParameterizedTest(name = "maven.test.skip={0}")
    @CsvSource({
        "true,  true",
        "TRUE,  true",
        "false, false",
        "yes,   false",  // the compiler reads anything but true as false
    })
    void mavenTestSkipSkipsItAsItSkipsTheTestsCompiling(String value, boolean skipped) throws Exception {
        spec("src/test/nn/Tiny.nn", "Tiny");
        GenerateTestMojo goal = testGoal();
        set(goal, "mavenTestSkip", value);
        goal.execute();
        assertEquals(!skipped, Files.exists(folder.resolve("target")), "the build folder");
        assertEquals(skipped ? 1 : 2, project.getTestCompileSourceRoots().size());
        if (skipped) {
            assertEquals(List.of("netgrad: test trainers not generated (maven.test.skip)"), infos);
        }
    }

    // Its own switch, -Dnetgrad.test.skip: the folder stays a test root, so an earlier build's trainers compile.
    @Test
    void itsOwnSkipKeepsTheTestRootAndNamesItsProperty() throws Exception {
        spec("src/test/nn/Tiny.nn", "Tiny");
        GenerateTestMojo goal = testGoal();
        set(goal, "skip", "true");
        goal.execute();
        assertFalse(Files.exists(folder.resolve("target")));
        assertEquals(2, project.getTestCompileSourceRoots().size());
        assertEquals(List.of("netgrad: generation skipped (netgrad.test.skip), and no earlier build left trainers in "
                + folder.resolve("target/generated-test-sources/netgrad-trainers") + ": code that uses them will not compile until a"
                + " build without netgrad.test.skip generates them"), warnings);

        GenerateTestMojo misspelt = testGoal();
        set(misspelt, "skip", "ture");
        MojoFailureException e = assertThrows(MojoFailureException.class, misspelt::execute);
        assertEquals("netgrad: <skip> (-Dnetgrad.test.skip) must be true or false, not 'ture'", e.getMessage());
    }

    // Both goals in one folder would each delete the other's classes as stale.
    @Test
    void theMainGoalsOutputFolderIsRefused() throws Exception {
        spec("src/main/nn/Main.nn", "Main");
        spec("src/test/nn/Tiny.nn", "Tiny");
        mainGoal().execute();
        GenerateTestMojo goal = testGoal();
        Path main = folder.resolve("target/generated-sources/netgrad");
        set(goal, "testTrainersDirectory", main.toFile());
        MojoFailureException e = assertThrows(MojoFailureException.class, goal::execute);
        assertEquals("netgrad: <testTrainersDirectory> " + main + " is the source folder " + main + "; netgrad deletes the files it"
                + " generated there that a build no longer produces, so give it a folder of its own (by default under target/)",
                e.getMessage());
    }

    private void spec(String file, String network) throws IOException {
        Path path = folder.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, GenerationTest.TINY.formatted(network));
    }

    private GenerateTestMojo testGoal() throws ReflectiveOperationException {
        GenerateTestMojo goal = new GenerateTestMojo(new DefaultBuildContext());
        set(goal, "project", project);
        set(goal, "testSourceDirectory", folder.resolve("src/test/nn").toFile());
        set(goal, "testTrainersDirectory", folder.resolve("target/generated-test-sources/netgrad-trainers").toFile());
        set(goal, "testEquationsDirectory", folder.resolve("target/netgrad-test").toFile());
        set(goal, "convention", "loss");
        set(goal, "skip", "false");
        goal.setLog(log());
        return goal;
    }

    private GenerateMojo mainGoal() throws ReflectiveOperationException {
        GenerateMojo goal = new GenerateMojo(new DefaultBuildContext());
        set(goal, "project", project);
        set(goal, "sourceDirectory", folder.resolve("src/main/nn").toFile());
        set(goal, "outputDirectory", folder.resolve("target/generated-sources/netgrad").toFile());
        set(goal, "equationsDirectory", folder.resolve("target/netgrad").toFile());
        set(goal, "testOutputDirectory", folder.resolve("target/generated-test-sources/netgrad").toFile());
        set(goal, "convention", "loss");
        goal.setLog(log());
        return goal;
    }

    private SystemStreamLog log() {
        return new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
            }

            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        };
    }

    private static void set(Object goal, String name, Object value) throws ReflectiveOperationException {
        java.lang.reflect.Field field = goal.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(goal, value);
    }
}
