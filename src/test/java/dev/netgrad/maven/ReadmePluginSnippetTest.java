package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The plugin's setup snippet in README.md, as a user copies it into a fresh project's pom: it builds the same
 * in any locale (without a source encoding, a C locale's build read the project's own sources as US-ASCII),
 * compiles for Java 17, and pins every plugin {@code mvn package} runs, each at the version netgrad's own
 * build uses and was checked with (Maven 3.8.7's built-in resources plugin, 2.6, copied with the platform's
 * encoding).
 */
class ReadmePluginSnippetTest {
    private static final Document SNIPPET = snippet();
    private static final Document POM = parse(read("pom.xml"));

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        // what                          | XPath in the snippet                                                             | expected
        "source encoding                 | /project/properties/project.build.sourceEncoding                                  | UTF-8",
        "Java release                    | /project/build/plugins/plugin[artifactId='maven-compiler-plugin']/configuration/release | 17",
        "netgrad's own version           | /project/build/plugins/plugin[artifactId='netgrad']/version                       | POM:/project/version",
        "the compiler netgrad builds with  | /project/build/plugins/plugin[artifactId='maven-compiler-plugin']/version       | PLUGIN:maven-compiler-plugin",
        "the test runner netgrad uses      | /project/build/plugins/plugin[artifactId='maven-surefire-plugin']/version       | PLUGIN:maven-surefire-plugin",
        "the resources plugin netgrad uses | /project/build/plugins/plugin[artifactId='maven-resources-plugin']/version      | PLUGIN:maven-resources-plugin",
        "the jar plugin netgrad uses       | /project/build/plugins/plugin[artifactId='maven-jar-plugin']/version           | PLUGIN:maven-jar-plugin",
    })
    void theSnippetSays(String what, String path, String expected) throws Exception {
        String value = expected.startsWith("POM:") ? text(POM, expected.substring(4))
                : expected.startsWith("PLUGIN:") ? text(POM, "/project/build/pluginManagement/plugins/plugin[artifactId='"
                        + expected.substring(7) + "']/version")
                : expected;
        assertEquals(value, text(SNIPPET, path), what);
    }

    /** No plugin of the snippet is left to the version the Maven that runs it picks. */
    @Test
    void everyPluginOfTheSnippetHasAVersion() throws Exception {
        NodeList plugins = (NodeList) xpath().evaluate("/project/build/plugins/plugin", SNIPPET, XPathConstants.NODESET);
        List<String> unpinned = new ArrayList<>();
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (xpath().evaluate("version", plugin).isBlank()) {
                unpinned.add(xpath().evaluate("artifactId", plugin));
            }
        }
        assertEquals(5, plugins.getLength(), "netgrad, compiler, surefire, resources, jar");
        assertEquals(List.of(), unpinned);
    }

    /**
     * The snippet of the goal for the tests' specs, as a user pastes it into the plugins of the pom above: the goal it
     * names is one the plugin has, at netgrad's own version (the IT test-sources builds such a pom).
     */
    @Test
    void theTestGoalsSnippetNamesAGoalOfThePlugin() throws Exception {
        Document plugin = parse(xmlBlockAfter("### Trainers for the tests alone"));
        assertEquals(text(POM, "/project/version"), text(plugin, "/plugin/version"));
        String goal = text(plugin, "/plugin/executions/execution/goals/goal");
        assertEquals("generate-test", goal);
        Document descriptor = parse(read("target/classes/META-INF/maven/plugin.xml"));
        assertEquals("generate-test-sources", text(descriptor, "/plugin/mojos/mojo[goal='" + goal + "']/phase"));
    }

    private static String text(Document document, String path) throws Exception {
        return xpath().evaluate(path, document).trim();
    }

    private static XPath xpath() {
        return XPathFactory.newInstance().newXPath();
    }

    /** The first XML block after "Then add to your project's `pom.xml`", inside a project element as a pom holds it. */
    private static Document snippet() {
        return parse("<project>" + xmlBlockAfter("Then add to\nyour project's `pom.xml`") + "</project>");
    }

    /** The text of the README's first XML block after {@code anchor}, which the README must hold. */
    private static String xmlBlockAfter(String anchor) {
        String readme = read("README.md");
        int at = readme.indexOf(anchor);
        assertTrue(at >= 0, "README.md no longer says " + anchor + ": say here where the snippet is");
        int start = readme.indexOf("```xml\n", at) + "```xml\n".length();
        return readme.substring(start, readme.indexOf("```", start));
    }

    private static Document parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
