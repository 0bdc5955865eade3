package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.codehaus.plexus.configuration.PlexusConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What a POM that names the plugin gets without configuring it, read from the descriptor Maven
 * reads (target/classes/META-INF/maven/plugin.xml): the generate goal runs in generate-sources,
 * may run in a parallel build (-T), and its folders and switches have the defaults and the
 * -Dnetgrad.* properties the README documents.
 */
class PluginDescriptorTest {
    private static MojoDescriptor generate;
    private static MojoDescriptor generateTest;

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            PluginDescriptor plugin = new PluginDescriptorBuilder().build(reader);
            generate = plugin.getMojo("generate");
            generateTest = plugin.getMojo("generate-test");
        }
        assertNotNull(generate, "the descriptor has no generate goal");
        assertNotNull(generateTest, "the descriptor has no generate-test goal");
    }

    @Test
    void generateIsBoundToGenerateSourcesAndThreadSafe() {
        assertEquals("generate-sources", generate.getPhase());
        assertTrue(generate.isThreadSafe(), "a parallel build (-T) would warn that the plugin is not thread-safe");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # parameter        | default                                             | property
            sourceDirectory    | ${project.basedir}/src/main/nn                      | ${netgrad.sourceDirectory}
            outputDirectory    | ${project.build.directory}/generated-sources/netgrad | ${netgrad.outputDirectory}
            equationsDirectory | ${project.build.directory}/netgrad                  | ${netgrad.equationsDirectory}
            skip               | false                                               | ${netgrad.skip}
            convention         | loss                                                | ${netgrad.convention}
            packageName        |                                                     | ${netgrad.packageName}
            """)
    void aParameterHasItsDocumentedDefaultAndProperty(String parameter, String defaultValue, String property) throws Exception {
        PlexusConfiguration configuration = generate.getMojoConfiguration().getChild(parameter, false);
        assertNotNull(configuration, parameter + " is not a parameter of generate");
        assertEquals(defaultValue, configuration.getAttribute("default-value"), parameter);
        assertEquals(property, configuration.getValue(), parameter);
    }

    /** The goal for the tests' specs runs where the compiler's testCompile expects the tests' sources, in a parallel build too. */
    @Test
    void generateTestIsBoundToGenerateTestSourcesAndThreadSafe() {
        assertEquals("generate-test-sources", generateTest.getPhase());
        assertTrue(generateTest.isThreadSafe());
        assertTrue(generateTest.getParameterMap().containsKey("testIncludes") && generateTest.getParameterMap().containsKey("testExcludes"));
    }

    // Its parameters are its own, as testCompile's testIncludes are beside compile's includes: a plugin-wide
    // <sourceDirectory> stays generate's. packageName, convention and skip share generate's names (a plugin-wide
    // <packageName> sets both), each goal with its own property. maven.test.skip skips it, as it skips testCompile.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # parameter            | default                                                            | property
            testSourceDirectory    | ${project.basedir}/src/test/nn                                     | ${netgrad.test.sourceDirectory}
            testTrainersDirectory  | ${project.build.directory}/generated-test-sources/netgrad-trainers | ${netgrad.test.trainersDirectory}
            testEquationsDirectory | ${project.build.directory}/netgrad-test                            | ${netgrad.test.equationsDirectory}
            skip                   | false                                                              | ${netgrad.test.skip}
            convention             | loss                                                               | ${netgrad.test.convention}
            packageName            |                                                                    | ${netgrad.test.packageName}
            mavenTestSkip          |                                                                    | ${maven.test.skip}
            """)
    void aTestGoalParameterHasItsDefaultAndProperty(String parameter, String defaultValue, String property) throws Exception {
        PlexusConfiguration configuration = generateTest.getMojoConfiguration().getChild(parameter, false);
        assertNotNull(configuration, parameter + " is not a parameter of generate-test");
        assertEquals(defaultValue, configuration.getAttribute("default-value"), parameter);
        assertEquals(property, configuration.getValue(), parameter);
    }
}
