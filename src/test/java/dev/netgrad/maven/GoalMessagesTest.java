package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.plugin.descriptor.PluginDescriptorBuilder;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * Every message of the goals that names a parameter or a {@code -D} property names the one of the goal that runs, the
 * one its user set: under generate-test, {@code <testIncludes>} where generate says {@code <includes>},
 * {@code -Dnetgrad.test.skip} where it says {@code -Dnetgrad.skip}. Each row runs under both goals; in its expected
 * message {src}, {inc}, {exc}, {out} and {eq} stand for the goal's parameters, {inc1} and {exc1} for one pattern's
 * element, {P} for its properties' prefix, {goal} for its name, and SRC, OUT, EQ, DIR for the folders themselves.
 */
class GoalMessagesTest {
    @TempDir
    Path folder;

    /** What a row sets up in a fresh project before the goal runs. */
    interface Setup {
        void apply(Project p) throws Exception;
    }

    record Row(String name, Setup setup, String expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Row> ROWS = List.of(
            new Row("specs' folder a file", p -> p.file(p.src()),
                    "netgrad: <{src}> SRC is a file, not a folder; point it at the folder that holds the .nn specs (by default {usual})"),
            new Row("specs' folder missing", p -> { },
                    "netgrad: <{src}> SRC does not exist, so there are no specs"),
            new Row("empty include", p -> p.set(p.goal.includes(), Arrays.asList("**/*.nn", null)),
                    "netgrad: <{inc}> holds an empty <{inc1}>; write a pattern such as **/*.nn in it, or remove it"),
            new Row("empty exclude", p -> p.set(p.goal.excludes(), Arrays.asList(" ")),
                    "netgrad: <{exc}> holds an empty <{exc1}>; write a pattern such as **/*.nn in it, or remove it"),
            new Row("include with ..", p -> p.set(p.goal.includes(), List.of("../specs/*.nn")),
                    "netgrad: <{inc}> holds <{inc1}>../specs/*.nn</{inc1}>, whose '..' no spec's path has: patterns are read below"
                            + " <{src}>; to read specs from another folder, set <{src}> to it"),
            new Row("exclude with ..", p -> p.set(p.goal.excludes(), List.of("a/../b/*.nn")),
                    "netgrad: <{exc}> holds <{exc1}>a/../b/*.nn</{exc1}>, whose '..' no spec's path has: patterns are read below"
                            + " <{src}>; to read specs from another folder, set <{src}> to it"),
            new Row("a spec in another case", p -> p.spec("Tiny.NN"),
                    "netgrad: SRC/Tiny.NN is not read: the specs' <{inc}> (**/*.nn) match its name only in another case, and they"
                            + " tell upper from lower case, as Maven's own patterns do; rename it to Tiny.nn, or leave it out with <{exc}>"),
            new Row("includes that find no spec", p -> {
                p.spec("Tiny.nn");
                p.set(p.goal.includes(), List.of("src/*/nn/**/*.nn"));
            }, "netgrad: the specs' <{inc}> (src/*/nn/**/*.nn) match no .nn file under SRC, which holds Tiny.nn: patterns are read"
                    + " from <{src}>, as that path is written (**/*.nn reads them all)"),
            new Row("a folder named as a spec", p -> Files.createDirectories(p.src().resolve("Dir.nn")),
                    "SRC/Dir.nn: error: this is a folder, not a spec file, though its name matches the specs' <{inc}>; rename it,"
                            + " or leave it out with <{exc}>"),
            new Row("a pipe named as a spec", p -> {
                Files.createDirectories(p.src());
                new ProcessBuilder("mkfifo", p.src().resolve("Pipe.nn").toString()).start().waitFor();
            }, "SRC/Pipe.nn: error: cannot read: it is not a regular file (a pipe or a device), though its name matches the specs'"
                    + " <{inc}>; rename it, or leave it out with <{exc}>"),
            new Row("output folder a file", p -> p.file(p.out()),
                    "netgrad: <{out}> OUT is a file, not a folder; netgrad writes the files it generates into a folder of its own"
                            + " there (by default under target/)"),
            new Row("equations folder a file", p -> p.file(p.eq()),
                    "netgrad: <{eq}> EQ is a file, not a folder; netgrad writes the files it generates into a folder of its own"
                            + " there (by default under target/)"),
            new Row("output folder the project's", p -> p.set(p.goal.outputDirectory(), p.dir.toFile()),
                    "netgrad: <{out}> DIR is the project's folder DIR; netgrad deletes the files it generated there that a build no"
                            + " longer produces, so give it a folder of its own (by default under target/)"),
            new Row("equations folder the specs'", p -> p.set(p.goal.equationsDirectory(), p.src().toFile()),
                    "netgrad: <{eq}> SRC is the specs' folder SRC; netgrad deletes the files it generated there that a build no"
                            + " longer produces, so give it a folder of its own (by default under target/)"),
            new Row("package not a Java name", p -> p.set("packageName", "my-nets"),
                    "netgrad: <packageName> (-D{P}packageName) " + PackageNames.problem("my-nets").orElseThrow()),
            new Row("convention misspelt", p -> p.set("convention", "costs"),
                    "netgrad: <convention> (-D{P}convention) must be loss or cost, not 'costs'"),
            new Row("skip misspelt", p -> p.set("skip", "ture"),
                    "netgrad: <skip> (-D{P}skip) must be true or false, not 'ture'"),
            new Row("skipped with nothing generated before", p -> {
                p.spec("Tiny.nn");
                p.set("skip", "true");
            }, "netgrad: generation skipped ({P}skip), and no earlier build left trainers in OUT: code that uses them will not"
                    + " compile until a build without {P}skip generates them"),
            new Row("a class the sources define", p -> {
                p.spec("Tiny.nn");
                p.set("packageName", "com.acme");
                p.file(p.java().resolve("com/acme/Tiny.java"));
            }, "SRC/Tiny.nn:1:9: error: class com.acme.Tiny is also defined by the project's {sources} JAVA/com/acme/Tiny.java; rename"
                    + " the network or"
                    + " give it another package"),
            new Row("the runtime copied into the sources", p -> {
                p.spec("Tiny.nn");
                p.file(p.java().resolve("dev/netgrad/runtime/NetworkTrainer.java"));
            }, "SRC/Tiny.nn:1:9: error: the project's {sources} JAVA/dev/netgrad/runtime/NetworkTrainer.java is a copy of netgrad's"
                    + " runtime, which the plugin writes itself beside this network's trainer (javac would find every runtime class"
                    + " twice); delete JAVA/dev/netgrad/runtime from the sources"),
            new Row("two executions", p -> p.executions("a", "b"),
                    "netgrad: the executions a, b of netgrad's {goal} goal all run in demo, and each would delete the classes the"
                            + " others generated, or write the runtime again beside them; generate every spec in one execution"
                            + " (a <{src}> that holds all the specs' folders, with <{inc}> to choose among them), or put each set of"
                            + " specs in a module of its own"));

    static Stream<Arguments> rows() {
        return Stream.of(Goal.MAIN, Goal.TEST).flatMap(goal -> ROWS.stream().map(row -> Arguments.of(goal.name(), row)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("rows")
    void eachMessageNamesTheParametersOfTheGoalThatRuns(String goalName, Row row) throws Exception {
        Project p = new Project(goalName.equals("generate") ? Goal.MAIN : Goal.TEST, folder);
        row.setup().apply(p);
        List<String> said = p.run();
        String expected = row.expected().replace("{src}", p.goal.sourceDirectory()).replace("{inc}", p.goal.includes())
                .replace("{exc}", p.goal.excludes()).replace("{out}", p.goal.outputDirectory()).replace("{eq}", p.goal.equationsDirectory())
                .replace("{inc1}", Goal.element(p.goal.includes())).replace("{exc1}", Goal.element(p.goal.excludes()))
                .replace("{P}", p.goal.propertyPrefix()).replace("{goal}", p.goal.name()).replace("{usual}", p.goal.usualSourceDirectory())
                .replace("{sources}", p.goal.test() ? "test source" : "source").replace("JAVA", p.java().toString())
                .replace("SRC", p.src().toString()).replace("OUT", p.out().toString()).replace("EQ", p.eq().toString())
                .replace("DIR", folder.toString());
        assertEquals(1, said.stream().filter(expected::equals).count(), "expected " + expected + " among " + said);
    }

    /**
     * A parameter of the other goal in the running goal's own execution (generate's <includes> in generate-test's) was
     * known to the plugin, so ignored without a word; in the plugin's configuration, shared by both goals, it is fine.
     */
    @ParameterizedTest(name = "{0}: {1}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # running goal | its execution's configuration                       | warning ('' none)
            generate-test  | <includes><include>**/*.nn</include></includes>     | netgrad: <includes> is not a parameter of netgrad's generate-test goal, so it is ignored; it is another goal's; did you mean <testIncludes>?
            generate-test  | <equationsDirectory>target/eq</equationsDirectory>  | netgrad: <equationsDirectory> is not a parameter of netgrad's generate-test goal, so it is ignored; it is another goal's; did you mean <testEquationsDirectory>?
            generate       | <testSourceDirectory>src/t</testSourceDirectory>    | netgrad: <testSourceDirectory> is not a parameter of netgrad's generate goal, so it is ignored; it is another goal's; did you mean <sourceDirectory>?
            generate-test  | <packageName>com.acme</packageName>                 | ''
            """)
    void anotherGoalsParameterInTheExecutionOfThisOneIsAWarning(String goalName, String configuration, String expected) throws Exception {
        Project p = new Project(goalName.equals("generate") ? Goal.MAIN : Goal.TEST, folder);
        p.executions("a");
        p.project.getPlugin(descriptor().getPluginLookupKey()).getExecutionsAsMap().get("a").setConfiguration(
                org.codehaus.plexus.util.xml.Xpp3DomBuilder.build(new java.io.StringReader("<configuration>" + configuration
                        + "</configuration>")));
        List<String> said = p.run();
        assertEquals(expected.isEmpty() ? List.of() : List.of(expected),
                said.stream().filter(line -> line.contains("is not a parameter")).toList());
    }

    /** The property each message gives for a parameter is the one the goal's descriptor reads it from. */
    @Test
    void theGoalsNameTheirParametersAsTheirDescriptorsDo() throws Exception {
        PluginDescriptor plugin = descriptor();
        for (Goal goal : List.of(Goal.MAIN, Goal.TEST)) {
            MojoDescriptor mojo = plugin.getMojo(goal.name());
            List<String> names = mojo.getParameters().stream().filter(Parameter::isEditable).map(Parameter::getName).toList();
            for (String name : goal.test() ? List.of(goal.sourceDirectory(), goal.includes(), goal.excludes(), goal.outputDirectory(),
                    goal.equationsDirectory()) : List.of(goal.sourceDirectory(), goal.includes(), goal.excludes(),
                    goal.outputDirectory(), goal.equationsDirectory(), Goal.GRADIENT_TESTS)) {
                assertEquals(true, names.contains(name), goal.name() + " has no parameter " + name);
            }
            for (Parameter parameter : mojo.getParameters()) {
                String expression = parameter.getExpression();
                if (parameter.isEditable() && expression != null && expression.startsWith("${netgrad.")) {
                    assertEquals(expression, "${" + goal.property(parameter.getName()) + "}", goal.name() + "'s " + parameter.getName());
                }
            }
        }
    }

    /** A project of one goal, its parameters set by their names (the Mojo's fields are named as its parameters). */
    static final class Project {
        final Goal goal;
        final Path dir;
        final MavenProject project;
        final AbstractGenerateMojo mojo;
        final List<String> said = new ArrayList<>();

        Project(Goal goal, Path dir) throws ReflectiveOperationException {
            this.goal = goal;
            this.dir = dir;
            project = StandardProject.in(dir);
            project.setArtifactId("demo");
            mojo = goal.test() ? new GenerateTestMojo(new DefaultBuildContext()) : new GenerateMojo(new DefaultBuildContext());
            set("project", project);
            set(goal.sourceDirectory(), dir.resolve(goal.usualSourceDirectory()).toFile());
            set(goal.outputDirectory(), dir.resolve(goal.test() ? "target/generated-test-sources/netgrad-trainers"
                    : "target/generated-sources/netgrad").toFile());
            set(goal.equationsDirectory(), dir.resolve(goal.test() ? "target/netgrad-test" : "target/netgrad").toFile());
            if (!goal.test()) {
                set(Goal.GRADIENT_TESTS, dir.resolve("target/generated-test-sources/netgrad").toFile());
            }
            set("convention", "loss");
            set("skip", "false");
            mojo.setLog(new SystemStreamLog() {
                @Override
                public void info(CharSequence content) {
                    said.add(content.toString());
                }

                @Override
                public void warn(CharSequence content) {
                    said.add(content.toString());
                }

                @Override
                public void error(CharSequence content) {
                    said.add(content.toString());
                }
            });
        }

        Path src() {
            return field(goal.sourceDirectory());
        }

        /** The Java source root the goal's trainers compile with: the tests' for generate-test. */
        Path java() {
            return dir.resolve(goal.test() ? "src/test/java" : "src/main/java");
        }

        Path out() {
            return field(goal.outputDirectory());
        }

        Path eq() {
            return field(goal.equationsDirectory());
        }

        void set(String name, Object value) throws ReflectiveOperationException {
            java.lang.reflect.Field field = mojo.getClass().getDeclaredField(name);
            field.setAccessible(true);
            field.set(mojo, value);
        }

        private Path field(String name) {
            try {
                java.lang.reflect.Field field = mojo.getClass().getDeclaredField(name);
                field.setAccessible(true);
                return ((java.io.File) field.get(mojo)).toPath();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        void spec(String relative) throws IOException {
            Path path = src().resolve(relative);
            Files.createDirectories(path.getParent());
            Files.writeString(path, GenerationTest.TINY.formatted("Tiny"));
        }

        void file(Path path) throws IOException {
            Files.createDirectories(path.getParent());
            Files.writeString(path, "not a folder");
        }

        /** The POM binds the goal in these executions; the first runs. */
        void executions(String... ids) throws Exception {
            Files.createDirectories(src());
            PluginDescriptor descriptor = descriptor();
            Plugin plugin = new Plugin();
            plugin.setGroupId(descriptor.getGroupId());
            plugin.setArtifactId(descriptor.getArtifactId());
            for (String id : ids) {
                PluginExecution execution = new PluginExecution();
                execution.setId(id);
                execution.setGoals(List.of(goal.name()));
                plugin.addExecution(execution);
            }
            project.getBuild().addPlugin(plugin);
            set("mojoExecution", new MojoExecution(descriptor.getMojo(goal.name()), ids[0]));
        }

        /** What the goal said: its failure's message, then its warnings, errors and infos, in order. */
        List<String> run() {
            List<String> all = new ArrayList<>();
            try {
                mojo.execute();
            } catch (MojoFailureException | org.apache.maven.plugin.MojoExecutionException e) {
                all.add(e.getMessage());
            }
            all.addAll(said);
            return all;
        }
    }

    /** The plugin's descriptor as the build wrote it. */
    static PluginDescriptor descriptor() throws Exception {
        try (java.io.Reader reader = Files.newBufferedReader(Path.of("target/classes/META-INF/maven/plugin.xml"))) {
            return new PluginDescriptorBuilder().build(reader);
        }
    }
}
