package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
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

    @BeforeAll
    static void readDescriptor() throws Exception {
        try (Reader reader = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            generate = new PluginDescriptorBuilder().build(reader).getMojo("generate");
        }
        assertNotNull(generate, "the descriptor has no generate goal");
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
}
