package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * A file the plugin cannot read or write is said in words: the path and the reason, never an
 * exception's class name; bad configuration fails the build, or warns, saying what to change.
 */
class GenerateMojoTest {
    @TempDir
    Path project;

    private static final String SPEC = """
            network Tiny {
              input  X[3]
              target Y[1]
              dense 2 tanh
              dense 1 sigmoid
              loss cross_entropy
            }
            """;
    @Test
    void ioFailuresAreDescribedInWords() {
        assertEquals("src/main/netgrad/a.nn: no such file", GenerateMojo.describe(new NoSuchFileException("src/main/netgrad/a.nn")));
        assertEquals("out/A.java: permission denied", GenerateMojo.describe(new AccessDeniedException("out/A.java")));
        assertEquals("out: not a directory", GenerateMojo.describe(new FileSystemException("out", null, "Not a directory")));
        assertEquals("input/output error", GenerateMojo.describe(new IOException("Input/output error")));
    }

    // netgrad's own messages name their file and are said whole; any other IOException is the JDK's,
    // which may name none ("Input/output error" from a read): said after what the build was doing.
    @Test
    void aFailureSaysWhatTheBuildWasDoing() {
        assertEquals("netgrad: cannot write out/A.java: disk full",
                GenerateMojo.failure(new BuildFileException("cannot write out/A.java: disk full", null)));
        assertEquals("netgrad: cannot read specs or write outputs: input/output error",
                GenerateMojo.failure(new IOException("Input/output error")));
        assertEquals("netgrad: cannot read specs or write outputs: out/A.java: permission denied",
                GenerateMojo.failure(new AccessDeniedException("out/A.java")));
    }

    // The yes-or-no parameters take true or false in any case; Maven's own conversion would read any
    // other text as false. Each case: the value, then what it gives ('' a failure naming it).
    @ParameterizedTest(name = "''{0}'' -> {1}")
    @CsvSource(nullValues = "UNSET", value = {
        "true,    true",
        "TRUE,    true",
        "False,   false",
        "' true', true",  // spaces around it, as in <skip> true </skip>
        "UNSET,   false", // not configured: the default
        "ture,    ''",
        "yes,     ''",
        "1,       ''",
        "on,      ''",
        "'',      ''",    // an empty value says neither
    })
    void aSwitchTakesTrueOrFalseAndNothingElse(String value, String expected) throws MojoFailureException {
        Switch skip = new Switch("skip", "netgrad.skip");
        if (expected.isEmpty()) {
            MojoFailureException e = assertThrows(MojoFailureException.class, () -> skip.isOn(value));
            assertEquals("netgrad: <skip> (-Dnetgrad.skip) must be true or false, not '" + value + "'", e.getMessage());
        } else {
            assertEquals(Boolean.parseBoolean(expected), skip.isOn(value));
        }
    }

    // Each boolean parameter of the Mojo, misspelt, fails the build before anything is read or written.
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "skip,          netgrad.skip",
        "generateTests, netgrad.generateTests",
        "spark,         netgrad.spark",
    })
    void aMisspeltBooleanParameterFailsTheBuild(String parameter, String property) throws ReflectiveOperationException {
        GenerateMojo mojo = new GenerateMojo(new DefaultBuildContext());
        java.lang.reflect.Field field = GenerateMojo.class.getDeclaredField(parameter);
        field.setAccessible(true);
        field.set(mojo, "ture");
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("netgrad: <" + parameter + "> (-D" + property + ") must be true or false, not 'ture'", e.getMessage());
    }

    // A value the build refuses names the parameter and the -D that sets it, as the switches' messages do: the
    // -Dnetgrad.convention=costs of a command line was told of as <convention> alone. Each case: parameter, value, message.
    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "convention  | costs  | netgrad: <convention> (-Dnetgrad.convention) must be loss or cost, not 'costs'",
        "packageName | com.1x | netgrad: <packageName> (-Dnetgrad.packageName) '1x' in 'com.1x' is not a Java identifier",
    })
    void aRefusedValueNamesItsParameterAndProperty(String parameter, String value, String expected) throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        GenerateMojo mojo = mojo();
        set(mojo, parameter, value);
        assertEquals(expected, assertThrows(MojoFailureException.class, mojo::execute).getMessage());
    }

    /** The warnings the Mojo logged. */
    private final List<String> warnings = new ArrayList<>();

    /** The Mojo on a project in the temporary folder, its parameters their defaults but those given (name, value). */
    private GenerateMojo mojo(String... parameters) throws ReflectiveOperationException {
        MavenProject maven = new MavenProject();
        maven.setFile(project.resolve("pom.xml").toFile());
        maven.getBuild().setDirectory(project.resolve("target").toString());
        maven.getBuild().setOutputDirectory(project.resolve("target/classes").toString());
        maven.getBuild().setTestOutputDirectory(project.resolve("target/test-classes").toString());
        maven.getBuild().setSourceDirectory(project.resolve("src/main/java").toString());
        maven.getBuild().setTestSourceDirectory(project.resolve("src/test/java").toString());
        GenerateMojo mojo = new GenerateMojo(new DefaultBuildContext());
        set(mojo, "project", maven);
        set(mojo, "sourceDirectory", project.resolve("src/main/nn").toFile());
        set(mojo, "outputDirectory", project.resolve("target/generated-sources/netgrad").toFile());
        set(mojo, "equationsDirectory", project.resolve("target/netgrad").toFile());
        set(mojo, "testOutputDirectory", project.resolve("target/generated-test-sources/netgrad").toFile());
        set(mojo, "convention", "loss");
        for (int i = 0; i < parameters.length; i += 2) {
            set(mojo, parameters[i], new File(parameters[i + 1]).isAbsolute() ? new File(parameters[i + 1])
                    : project.resolve(parameters[i + 1]).toFile());
        }
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void warn(CharSequence content) {
                warnings.add(content.toString());
            }
        });
        return mojo;
    }

    /** The plugin's descriptor as the build wrote it. */
    private static PluginDescriptor descriptor() throws Exception {
        try (java.io.Reader reader = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            return new PluginDescriptorBuilder().build(reader);
        }
    }

    /** The plugin of {@code descriptor} as a POM names it, with no configuration or execution yet. */
    private static Plugin plugin(PluginDescriptor descriptor) {
        Plugin plugin = new Plugin();
        plugin.setGroupId(descriptor.getGroupId());
        plugin.setArtifactId(descriptor.getArtifactId());
        return plugin;
    }

    private static void set(GenerateMojo mojo, String name, Object value) throws ReflectiveOperationException {
        java.lang.reflect.Field field = GenerateMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        field.set(mojo, value);
    }

    // Was "cannot read specs or write outputs: cannot write .../target/out/...", after every spec was read.
    @Test
    void anOutputFolderThatIsAFileFailsTheBuildNamingTheParameter() throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        Files.writeString(project.resolve("src/main/nn/Tiny.nn"), SPEC);
        Files.createDirectories(project.resolve("target"));
        Path file = Files.writeString(project.resolve("target/out"), "");
        for (String parameter : List.of("outputDirectory", "equationsDirectory")) {
            MojoFailureException e = assertThrows(MojoFailureException.class, mojo(parameter, "target/out")::execute, parameter);
            assertEquals("netgrad: <" + parameter + "> " + file + " is a file, not a folder; netgrad writes the files it generates"
                    + " into a folder of its own there (by default under target/)", e.getMessage());
        }
    }

    // Was an info line: a mistyped sourceDirectory deleted every earlier output and said "no specs in ..." as if all was well.
    @Test
    void aSourceDirectoryThatDoesNotExistIsAWarning() throws Exception {
        mojo("sourceDirectory", "src/main/nets").execute();
        assertEquals(List.of("netgrad: <sourceDirectory> " + project.resolve("src/main/nets") + " does not exist, so there are no specs"),
                warnings);
        Files.createDirectories(project.resolve("src/main/nn"));
        warnings.clear();
        mojo().execute();
        assertEquals(List.of(), warnings, "an existing folder without specs");
        // A parent declaring the plugin for its modules ran it too, and warned at every build of the reactor.
        GenerateMojo parent = mojo("sourceDirectory", "src/main/nets");
        ((MavenProject) get(parent, "project")).setPackaging("pom");
        parent.execute();
        assertEquals(List.of(), warnings, "a project of packaging pom");
    }

    // Was an info line alone: after mvn clean, -Dnetgrad.skip left javac to say "package ... does not exist".
    @Test
    void skippingWithNoEarlierOutputIsAWarning() throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        GenerateMojo mojo = mojo();
        set(mojo, "skip", "true");
        mojo.execute();
        assertEquals(List.of("netgrad: generation skipped (netgrad.skip), and no earlier build left trainers in "
                + project.resolve("target/generated-sources/netgrad") + ": code that uses them will not compile until a build"
                + " without netgrad.skip generates them"), warnings);
        // An earlier build's output, or no specs' folder at all: nothing to warn of.
        Files.createDirectories(project.resolve("target/generated-sources/netgrad"));
        warnings.clear();
        mojo.execute();
        assertEquals(List.of(), warnings, "an earlier build's output");
        GenerateMojo elsewhere = mojo("sourceDirectory", "src/main/nets", "outputDirectory", "target/other");
        set(elsewhere, "skip", "true");
        elsewhere.execute();
        assertEquals(List.of(), warnings, "no specs' folder");
    }

    // <include/> reaches the Mojo as a null element: the build failed with "Execution default ... failed. NullPointerException".
    @Test
    void anEmptyIncludeOrExcludeFailsTheBuildSayingSo() throws Exception {
        List<String> empty = new ArrayList<>();
        empty.add(null);
        for (String parameter : List.of("includes", "excludes")) {
            for (List<String> patterns : List.of(empty, List.of("**/*.nn", " "))) {
                GenerateMojo mojo = mojo();
                set(mojo, parameter, patterns);
                MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute, parameter + " " + patterns);
                String element = parameter.substring(0, parameter.length() - 1);
                assertEquals("netgrad: <" + parameter + "> holds an empty <" + element + ">; write a pattern such as **/*.nn in it,"
                        + " or remove it", e.getMessage());
            }
        }
    }

    /** A pattern reaching out of sourceDirectory matched nothing, and the build went on without the specs it meant. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // parameter | pattern            | refused
        "includes    | ../specs/*.nn      | true",
        "includes    | nets/../*.nn       | true",
        "includes    | ..\\specs\\*.nn      | true",
        "excludes    | ../drafts/**       | true",
        "includes    | ..nets/*.nn        | false",
        "includes    | nets/v1..2/*.nn    | false",
    })
    void aPatternWithADotDotFolderFailsTheBuildSayingSo(String parameter, String pattern, boolean refused) throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        GenerateMojo mojo = mojo();
        set(mojo, parameter, List.of("**/*.nn", pattern));
        if (!refused) {
            mojo.execute();
            return;
        }
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        String element = parameter.substring(0, parameter.length() - 1);
        assertEquals("netgrad: <" + parameter + "> holds <" + element + ">" + pattern + "</" + element + ">, whose '..' no spec's"
                + " path has: patterns are read below <sourceDirectory>; to read specs from another folder, set <sourceDirectory>"
                + " to it", e.getMessage());
    }

    /**
     * Maven 3.8 drops a configuration element that names no parameter without a word (an {@code <optimizer>}
     * meant for training, a misspelt {@code <sourceDirectry>}): the Mojo reads the POM's configuration of the
     * plugin, and of its execution, against its own descriptor and warns about each, with the nearest name.
     */
    @Test
    void anUnknownParameterIsAWarningNamingTheNearestKnownOne() throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        PluginDescriptor descriptor = descriptor();
        Plugin plugin = plugin(descriptor);
        plugin.setConfiguration(configuration("<optimizer>adam</optimizer><sourceDirectry>src/nn</sourceDirectry>"
                + "<packageName>com.acme</packageName><detail>true</detail>"));
        PluginExecution execution = new PluginExecution();
        execution.setId("nets");
        execution.setConfiguration(configuration("<convension>cost</convension><generateTests>false</generateTests>"
                + "<optimizer>gd</optimizer>"));
        plugin.addExecution(execution);
        GenerateMojo mojo = mojo();
        MavenProject maven = (MavenProject) get(mojo, "project");
        maven.getBuild().addPlugin(plugin);
        set(mojo, "mojoExecution", new MojoExecution(descriptor.getMojo("generate"), "nets"));
        mojo.execute();
        String known = "its parameters are convention, equationsDirectory, excludes, generateTests, includes, outputDirectory, "
                + "packageName, skip, sourceDirectory, spark, testOutputDirectory";
        assertEquals(List.of(
                // Each case: the warning, the nearest name when one is near (<detail> is the help goal's: no warning).
                "netgrad: <optimizer> is not a parameter of netgrad's generate goal, so it is ignored; " + known,
                "netgrad: <sourceDirectry> is not a parameter of netgrad's generate goal, so it is ignored; did you mean <sourceDirectory>?",
                "netgrad: <convension> is not a parameter of netgrad's generate goal, so it is ignored; did you mean <convention>?"),
                warnings);
    }

    /**
     * Maven takes any -D without a word: -Dnetgrad.packagename (its case), -Dnetgrad.skp or -Dnetgrad.includes quietly
     * did nothing. Each case: the user properties, then the warnings ('' none).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # -D's                                                | warnings
            netgrad.packagename=com.acme                          | netgrad: -Dnetgrad.packagename is not a property of netgrad's generate goal, so it is ignored; did you mean -Dnetgrad.packageName?
            netgrad.skp=true                                      | netgrad: -Dnetgrad.skp is not a property of netgrad's generate goal, so it is ignored; did you mean -Dnetgrad.skip?
            netgrad.includes=**/*.nn                              | netgrad: -Dnetgrad.includes is not a property of netgrad's generate goal, so it is ignored; its properties are -Dnetgrad.convention, -Dnetgrad.equationsDirectory, -Dnetgrad.generateTests, -Dnetgrad.outputDirectory, -Dnetgrad.packageName, -Dnetgrad.skip, -Dnetgrad.sourceDirectory, -Dnetgrad.spark, -Dnetgrad.testOutputDirectory (<excludes> and <includes> are set in the plugin's <configuration> only)
            netgrad.skip=false netgrad.convention=loss            | ''
            netgrad.progress=plain netgrad.memoryLimit=1000000    | ''
            skip=true netgradskip=true detail=true                | ''
            """)
    void aNetgradPropertyNoGoalReadsIsAWarningNamingTheNearestOne(String properties, String expected) throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        java.util.Properties user = new java.util.Properties();
        for (String property : properties.split(" ")) {
            user.setProperty(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        GenerateMojo mojo = mojo();
        set(mojo, "mojoExecution", new MojoExecution(descriptor().getMojo("generate"), "default"));
        set(mojo, "session", new MavenSession(null, null, new DefaultMavenExecutionRequest().setUserProperties(user), null));
        mojo.execute();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected), warnings);
    }

    /*
     * Two executions of generate in one project deleted each other's trainers at every build (sharing the
     * output folders: each swept the other's files as stale), or failed in a copy of the runtime that was
     * the other's output (folders of their own): now the build fails first, saying to use one execution.
     * Each case: the POM's executions (id:phase, '-' for the goal's own), the one running, then whether it fails.
     */
    @ParameterizedTest(name = "{0} running {1} -> {2}")
    @CsvSource({
        "default:-,              default,     false",
        "default:-,              default-cli, false",  // mvn netgrad:generate: the POM's executions do not run
        "default:- nets:-,       default,     true",
        "default:- nets:-,       nets,        true",
        "default:- nets:compile, nets,        true",
        "default:- nets:none,    default,     false",  // bound to no phase: never runs
        "default:- nets:-,       default-cli, false",
    })
    void twoExecutionsOfTheGoalInOneProjectFailTheBuildSayingSo(String executions, String running, boolean fails) throws Exception {
        Files.createDirectories(project.resolve("src/main/nn"));
        PluginDescriptor descriptor = descriptor();
        Plugin plugin = plugin(descriptor);
        for (String idAndPhase : executions.split(" +")) {
            String[] parts = idAndPhase.split(":");
            PluginExecution execution = new PluginExecution();
            execution.setId(parts[0]);
            execution.setGoals(List.of("generate"));
            execution.setPhase(parts[1].equals("-") ? null : parts[1]);
            plugin.addExecution(execution);
        }
        GenerateMojo mojo = mojo();
        MavenProject maven = (MavenProject) get(mojo, "project");
        maven.getBuild().addPlugin(plugin);
        set(mojo, "mojoExecution", new MojoExecution(descriptor.getMojo("generate"), running));
        if (fails) {
            MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
            assertEquals("netgrad: the executions default, nets of netgrad's generate goal all run in " + maven.getArtifactId()
                    + ", and each would delete the classes the others generated, or write the runtime again beside them;"
                    + " generate every spec in one execution (a <sourceDirectory> that holds all the specs' folders, with"
                    + " <includes> to choose among them), or put each set of specs in a module of its own", e.getMessage());
        } else {
            mojo.execute();
        }
    }

    private static Xpp3Dom configuration(String elements) throws Exception {
        return Xpp3DomBuilder.build(new java.io.StringReader("<configuration>" + elements + "</configuration>"));
    }

    private static Object get(GenerateMojo mojo, String name) throws ReflectiveOperationException {
        java.lang.reflect.Field field = GenerateMojo.class.getDeclaredField(name);
        field.setAccessible(true);
        return field.get(mojo);
    }

    @Test
    void aGeneratedProjectBuildsThroughTheMojo() throws Exception {
        Files.createDirectories(project.resolve("src/main/nn/com/acme"));
        Files.writeString(project.resolve("src/main/nn/com/acme/Tiny.nn"), SPEC);
        mojo().execute();
        assertTrue(Files.isRegularFile(project.resolve("target/generated-sources/netgrad/com/acme/Tiny.java")));
        assertEquals(List.of(), warnings);
    }
}
