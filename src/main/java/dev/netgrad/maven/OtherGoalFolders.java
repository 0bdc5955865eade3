package dev.netgrad.maven;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.PluginParameterExpressionEvaluator;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.component.configurator.expression.ExpressionEvaluationException;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The output folders of the plugin's other goal, as the project configures it, and why this goal's folders may not be
 * among them. Each goal deletes, as stale, the files netgrad generated in its folders that it did not write in this run:
 * with {@code testEquationsDirectory} set to generate's {@code target/netgrad}, or one goal's folder inside the other's,
 * each deleted the other's outputs at every build. The goals' folders must therefore lie apart, and either goal refuses
 * to run where they do not, before it reads or deletes anything, whichever runs first.
 */
final class OtherGoalFolders {
    private OtherGoalFolders() {
    }

    /** An output folder of the other goal: its parameter, and where it is in one of the configurations that run it. */
    record Folder(String parameter, Path path) {
    }

    /**
     * Why one of {@code own} (the running goal's output folders, by parameter) lies where the other goal's output folders
     * are: equal, inside or holding one.
     */
    static Optional<String> problem(Goal goal, Map<String, Path> own, List<Folder> others) {
        for (Map.Entry<String, Path> mine : own.entrySet()) {
            Path path = normalized(mine.getValue());
            for (Folder other : others) {
                Path theirs = normalized(other.path());
                String where = path.equals(theirs) ? " is " : path.startsWith(theirs) ? " lies inside " : theirs.startsWith(path)
                        ? " holds " : null;
                if (where != null) {
                    return Optional.of("<" + mine.getKey() + "> " + mine.getValue() + where + "netgrad's " + goal.other().name()
                            + " goal's <" + other.parameter() + "> " + other.path() + ": each goal deletes the files netgrad"
                            + " generated in its folders that it did not write itself, so each would delete the other's; give"
                            + " the goals folders apart (by default " + goal.name() + "'s are under target/ too)");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The other goal's output folders in each configuration it runs with: each execution of the POM that binds it to a
     * phase (its configuration over the plugin's), or, when none does and this run is one of the command line's
     * ({@code mvn netgrad:generate-test}), the plugin's configuration alone, with which the command line runs it too.
     * A folder not set there is its {@code -D} property's, or its default, as Maven gives it to the goal.
     */
    static List<Folder> of(Goal goal, MojoExecution execution, MavenSession session, MavenProject project)
            throws ExpressionEvaluationException {
        MojoDescriptor other = execution.getMojoDescriptor().getPluginDescriptor().getMojo(goal.other().name());
        if (other == null) {
            return List.of();
        }
        Plugin plugin = project.getPlugin(execution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey());
        List<Xpp3Dom> configurations = new ArrayList<>();
        if (plugin != null) {
            for (PluginExecution e : plugin.getExecutions()) {
                if (e.getGoals().contains(goal.other().name()) && !"none".equals(e.getPhase())) {
                    configurations.add(merged((Xpp3Dom) e.getConfiguration(), (Xpp3Dom) plugin.getConfiguration()));
                }
            }
        }
        if (configurations.isEmpty() && (plugin == null || "default-cli".equals(execution.getExecutionId()))) {
            configurations.add(plugin == null ? null : (Xpp3Dom) plugin.getConfiguration());
        }
        PluginParameterExpressionEvaluator evaluator = new PluginParameterExpressionEvaluator(session, new MojoExecution(other));
        List<Folder> folders = new ArrayList<>();
        for (Xpp3Dom configuration : configurations) {
            for (String name : goal.other().outputFolders()) {
                Optional<String> value = value(configuration, other.getParameterMap().get(name), evaluator);
                if (value.isPresent()) {
                    folders.add(new Folder(name, evaluator.alignToBaseDirectory(new File(value.get())).toPath()));
                }
            }
        }
        return folders;
    }

    /** The parameter's value in {@code configuration}, else its property's, else its default, each evaluated as Maven does. */
    private static Optional<String> value(Xpp3Dom configuration, Parameter parameter, PluginParameterExpressionEvaluator evaluator)
            throws ExpressionEvaluationException {
        if (parameter == null) {
            return Optional.empty();
        }
        Xpp3Dom element = configuration == null ? null : configuration.getChild(parameter.getName());
        Object value = element != null && element.getValue() != null ? evaluator.evaluate(element.getValue().trim()) : null;
        if (value == null && parameter.getExpression() != null) {
            value = evaluator.evaluate(parameter.getExpression());
        }
        if (value == null && parameter.getDefaultValue() != null) {
            value = evaluator.evaluate(parameter.getDefaultValue());
        }
        return Optional.ofNullable(value).map(Object::toString).filter(text -> !text.isBlank());
    }

    /** An execution's configuration over the plugin's, as Maven merges them (neither is changed). */
    private static Xpp3Dom merged(Xpp3Dom execution, Xpp3Dom plugin) {
        if (execution == null) {
            return plugin;
        }
        return Xpp3Dom.mergeXpp3Dom(new Xpp3Dom(execution), plugin == null ? null : new Xpp3Dom(plugin));
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
