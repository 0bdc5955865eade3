package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.execution.DefaultMavenExecutionRequest;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;
import org.codehaus.plexus.util.xml.Xpp3DomBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Both goals in one module: each deletes, as stale, the files netgrad generated in its output folders that it did not
 * write, so a folder of one that is, holds or lies inside a folder of the other's (testEquationsDirectory set to
 * generate's target/netgrad) had each delete the other's outputs at every build. Either goal now refuses such folders
 * before it reads or deletes anything, naming both parameters, whichever runs first, the other's folders read from the
 * POM (its executions, or the plugin's configuration for a run from the command line), its -D properties and defaults.
 */
class GoalFoldersTest {
    @TempDir
    Path folder;

    private MavenProject project;
    private PluginDescriptor descriptor;
    private final List<String> infos = new ArrayList<>();

    @BeforeEach
    void project() throws Exception {
        project = StandardProject.in(folder);
        project.setArtifactId("demo");
        descriptor = GoalMessagesTest.descriptor();
        Files.createDirectories(folder.resolve("src/main/nn"));
        Files.createDirectories(folder.resolve("src/test/nn"));
    }

    /**
     * Each case: the goal that runs (@default-cli: from the command line), the configuration of the POM's execution of
     * generate and of generate-test ('-' not bound) and of the plugin, the -D properties, then the failure ('' none), in
     * which T stands for the build folder.
     */
    @ParameterizedTest(name = "{0}: {1} / {2} / {3} / {4}")
    @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
            # running                  | generate's                                         | generate-test's                                                    | plugin's                                         | -D                                        | failure
            generate                   | ''                                                 | ''                                                                 | ''                                               | ''                                        | ''
            generate-test              | ''                                                 | ''                                                                 | ''                                               | ''                                        | ''
            generate                   | ''                                                 | <testEquationsDirectory>${project.build.directory}/netgrad</testEquationsDirectory> | ''                              | ''                                        | <equationsDirectory> T/netgrad is netgrad's generate-test goal's <testEquationsDirectory> T/netgrad
            generate-test              | ''                                                 | <testEquationsDirectory>${project.build.directory}/netgrad</testEquationsDirectory> | ''                              | ''                                        | <testEquationsDirectory> T/netgrad is netgrad's generate goal's <equationsDirectory> T/netgrad
            generate                   | <outputDirectory>target/generated-test-sources</outputDirectory> | ''                                                   | ''                                               | ''                                        | <outputDirectory> T/generated-test-sources holds netgrad's generate-test goal's <testTrainersDirectory> T/generated-test-sources/netgrad-trainers
            generate-test              | <outputDirectory>target/generated-test-sources</outputDirectory> | ''                                                   | ''                                               | ''                                        | <testTrainersDirectory> T/generated-test-sources/netgrad-trainers lies inside netgrad's generate goal's <outputDirectory> T/generated-test-sources
            generate-test              | ''                                                 | <testTrainersDirectory>target/generated-test-sources/netgrad</testTrainersDirectory> | ''                             | ''                                        | <testTrainersDirectory> T/generated-test-sources/netgrad is netgrad's generate goal's <testOutputDirectory> T/generated-test-sources/netgrad
            generate                   | ''                                                 | ''                                                                 | ''                                               | netgrad.test.equationsDirectory=target/netgrad/test | <equationsDirectory> T/netgrad holds netgrad's generate-test goal's <testEquationsDirectory> T/netgrad/test
            generate-test              | ''                                                 | ''                                                                 | ''                                               | netgrad.equationsDirectory=target/netgrad-test | <testEquationsDirectory> T/netgrad-test is netgrad's generate goal's <equationsDirectory> T/netgrad-test
            generate-test              | ''                                                 | ''                                                                 | <equationsDirectory>target/netgrad-test</equationsDirectory> | ''                    | <testEquationsDirectory> T/netgrad-test is netgrad's generate goal's <equationsDirectory> T/netgrad-test
            # the execution's own configuration wins over the plugin's, as Maven merges them
            generate-test              | <equationsDirectory>target/eq</equationsDirectory> | ''                                                                 | <equationsDirectory>target/netgrad-test</equationsDirectory> | ''                    | ''
            # generate-test bound nowhere: it never runs beside generate, which may then use its default folders
            generate                   | <equationsDirectory>target/netgrad-test</equationsDirectory> | -                                                        | ''                                               | ''                                        | ''
            # ... but run from the command line, it is refused
            generate-test@default-cli  | <equationsDirectory>target/netgrad-test</equationsDirectory> | -                                                        | ''                                               | ''                                        | <testEquationsDirectory> T/netgrad-test is netgrad's generate goal's <equationsDirectory> T/netgrad-test
            generate@default-cli       | -                                                  | -                                                                  | <testEquationsDirectory>target/netgrad</testEquationsDirectory> | ''                | <equationsDirectory> T/netgrad is netgrad's generate-test goal's <testEquationsDirectory> T/netgrad
            """)
    void aFolderOfOneGoalWhereTheOthersAreIsRefusedByBoth(String running, String main, String tests, String plugin, String properties,
            String failure) throws Exception {
        String goalName = running.replace("@default-cli", "");
        Goal goal = goalName.equals("generate") ? Goal.MAIN : Goal.TEST;
        String executionId = running.endsWith("@default-cli") ? "default-cli" : goal.test() ? "tests" : "main";
        Properties user = properties(properties);
        bind(plugin, main, tests);
        AbstractGenerateMojo mojo = mojo(goal, executionId, user);
        if (failure.isEmpty()) {
            mojo.execute();
            return;
        }
        MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
        assertEquals("netgrad: " + failure.replace("T/", folder.resolve("target") + "/") + ": each goal deletes the files netgrad"
                + " generated in its folders that it did not write itself, so each would delete the other's; give the goals folders"
                + " apart (by default " + goal.name() + "'s are under target/ too)", e.getMessage());
    }

    /**
     * An earlier build put both goals' equations in target/netgrad (generate-test run from the command line, say): the
     * main goal's clean-up deleted the test network's page as its own stale output. Now both goals refuse, and every file
     * of both goals, and the user's, is where it was.
     */
    @Test
    void noOutputOfTheOtherGoalNorOfTheUsersIsDeleted() throws Exception {
        Files.writeString(folder.resolve("src/main/nn/Main.nn"), GenerationTest.TINY.formatted("Main"));
        Files.writeString(folder.resolve("src/test/nn/Tiny.nn"), GenerationTest.TINY.formatted("Tiny"));
        bind("", "", "<testEquationsDirectory>target/netgrad</testEquationsDirectory>");
        AbstractGenerateMojo earlier = mojo(Goal.TEST, "tests", new Properties());
        setField(earlier, "session", null);  // as the plugin did before: no look at the other goal's folders
        earlier.execute();
        Path page = folder.resolve("target/netgrad/Tiny.md");
        assertTrue(Files.isRegularFile(page));
        Path users = folder.resolve("target/netgrad/notes.md");
        Files.writeString(users, "# my notes\n");

        for (Goal goal : List.of(Goal.MAIN, Goal.TEST)) {
            AbstractGenerateMojo mojo = mojo(goal, goal.test() ? "tests" : "main", new Properties());
            assertThrows(MojoFailureException.class, mojo::execute, goal.name());
        }
        assertTrue(Files.isRegularFile(page), "the test goal's page");
        assertTrue(Files.isRegularFile(folder.resolve("target/generated-test-sources/netgrad-trainers/netgrad/generated/Tiny.java")));
        assertEquals("# my notes\n", Files.readString(users));
    }

    private void bind(String plugin, String main, String tests) throws Exception {
        Plugin model = new Plugin();
        model.setGroupId(descriptor.getGroupId());
        model.setArtifactId(descriptor.getArtifactId());
        model.setConfiguration(configuration(plugin));
        if (!"-".equals(main)) {
            model.addExecution(execution("main", "generate", main));
        }
        if (!"-".equals(tests)) {
            model.addExecution(execution("tests", "generate-test", tests));
        }
        project.getBuild().addPlugin(model);
    }

    private static PluginExecution execution(String id, String goal, String configuration) throws Exception {
        PluginExecution execution = new PluginExecution();
        execution.setId(id);
        execution.setGoals(List.of(goal));
        execution.setConfiguration(configuration(configuration));
        return execution;
    }

    /**
     * The running goal, its folders as Maven gives them: the execution's configuration over the plugin's, else the -D
     * property, else the default, relative paths taken from the project's folder.
     */
    private AbstractGenerateMojo mojo(Goal goal, String executionId, Properties user) throws Exception {
        AbstractGenerateMojo mojo = goal.test() ? new GenerateTestMojo(new DefaultBuildContext()) : new GenerateMojo(new DefaultBuildContext());
        MojoExecution execution = new MojoExecution(descriptor.getMojo(goal.name()), executionId);
        MavenSession session = new MavenSession(null, null, new DefaultMavenExecutionRequest().setUserProperties(user), null);
        session.setCurrentProject(project);
        Plugin plugin = project.getPlugin(descriptor.getPluginLookupKey());
        PluginExecution own = plugin.getExecutionsAsMap().get(executionId);
        List<String> parameters = new ArrayList<>(List.of(goal.sourceDirectory(), goal.outputDirectory(), goal.equationsDirectory()));
        if (!goal.test()) {
            parameters.add(Goal.GRADIENT_TESTS);
        }
        for (String name : parameters) {
            org.apache.maven.plugin.descriptor.Parameter parameter = execution.getMojoDescriptor().getParameterMap().get(name);
            String value = child(own == null ? null : (Xpp3Dom) own.getConfiguration(), name);
            value = value != null ? value : child((Xpp3Dom) plugin.getConfiguration(), name);
            value = value != null ? value : user.getProperty(parameter.getExpression().substring(2, parameter.getExpression().length() - 1));
            value = value != null ? value : parameter.getDefaultValue();
            value = value.replace("${project.build.directory}", folder.resolve("target").toString())
                    .replace("${project.basedir}", folder.toString());
            setField(mojo, name, folder.resolve(value).toFile());
        }
        setField(mojo, "project", project);
        setField(mojo, "convention", "loss");
        setField(mojo, "skip", "false");
        setField(mojo, "mojoExecution", execution);
        setField(mojo, "session", session);
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                infos.add(content.toString());
            }
        });
        return mojo;
    }

    private static String child(Xpp3Dom configuration, String name) {
        return configuration == null || configuration.getChild(name) == null ? null : configuration.getChild(name).getValue();
    }

    private static Properties properties(String text) {
        Properties user = new Properties();
        for (String property : text.isBlank() ? new String[0] : text.split(" ")) {
            user.setProperty(property.substring(0, property.indexOf('=')), property.substring(property.indexOf('=') + 1));
        }
        return user;
    }

    private static Xpp3Dom configuration(String elements) throws Exception {
        return Xpp3DomBuilder.build(new java.io.StringReader("<configuration>" + elements + "</configuration>"));
    }

    private static void setField(Object mojo, String name, Object value) throws ReflectiveOperationException {
        java.lang.reflect.Field field = mojo.getClass().getDeclaredField(name);
        field.setAccessible(true);
        field.set(mojo, value);
    }
}
