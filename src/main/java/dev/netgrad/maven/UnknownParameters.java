package dev.netgrad.maven;

import dev.netgrad.data.CsvReader;
import dev.netgrad.data.TrainingProgress;
import dev.netgrad.spec.NearMiss;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The elements of the POM's configuration of this plugin, and of the running execution, that name no
 * parameter of any of its goals. Maven 3.8 drops them without a word (the execution's configuration it
 * hands the Mojo holds only known ones), so an {@code <optimizer>} or a misspelt {@code <sourceDirectry>}
 * would quietly do nothing.
 */
final class UnknownParameters {
    private UnknownParameters() {
    }

    /** A warning for each unknown element, with the nearest parameter of the running goal when one is near. */
    static List<String> warnings(MojoExecution execution, MavenProject project) {
        MojoDescriptor goal = execution.getMojoDescriptor();
        PluginDescriptor plugin = goal.getPluginDescriptor();
        Set<String> known = new LinkedHashSet<>();
        plugin.getMojos().forEach(mojo -> known.addAll(names(mojo, false)));
        Set<String> offered = new TreeSet<>(names(goal, true));
        List<String> warnings = new ArrayList<>();
        List<Xpp3Dom> configurations = configurations(execution, project, plugin.getPluginLookupKey());
        Set<String> names = new LinkedHashSet<>(unknown(configurations.subList(0, Math.min(1, configurations.size())), known));
        // The execution's own configuration is the running goal's alone (unless it binds other goals too): another
        // goal's parameter there, generate's <includes> in generate-test's execution, is ignored as well.
        Set<String> ownKnown = ownExecutionBindsOneGoal(execution, project, plugin.getPluginLookupKey()) ? names(goal, false) : known;
        names.addAll(unknown(configurations.subList(Math.min(1, configurations.size()), configurations.size()), ownKnown));
        for (String name : names) {
            String counterpart = known.contains(name) ? counterpart(name, goal.getGoal()) : null;
            String hint = counterpart != null && offered.contains(counterpart)
                    ? "it is another goal's; did you mean <" + counterpart + ">?"
                    : NearMiss.nearest(name, offered).map(n -> "did you mean <" + n + ">?")
                            .orElse("its parameters are " + String.join(", ", offered));
            warnings.add("netgrad: <" + name + "> is not a parameter of netgrad's " + goal.getGoal() + " goal, so it is ignored; "
                    + hint);
        }
        return warnings;
    }

    /** Whether the running execution is one of the POM's and binds this goal alone. */
    private static boolean ownExecutionBindsOneGoal(MojoExecution execution, MavenProject project, String key) {
        Plugin plugin = project.getPlugin(key);
        PluginExecution own = plugin == null ? null : plugin.getExecutionsAsMap().get(execution.getExecutionId());
        return own != null && own.getGoals().size() == 1;
    }

    /** The running goal's name for another goal's parameter: generate-test's testIncludes for includes, and back. */
    private static String counterpart(String name, String goal) {
        if (goal.equals(Goal.TEST.name())) {
            return "test" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        }
        return name.startsWith("test") && name.length() > 4 ? Character.toLowerCase(name.charAt(4)) + name.substring(5) : null;
    }

    /**
     * A warning for each {@code -Dnetgrad.*} of the build's user properties that no parameter of the plugin's goals
     * reads, nor the command line ({@code netgrad.progress}, {@code netgrad.memoryLimit}, which a build may pass
     * on to it): Maven takes any -D without a word, so {@code -Dnetgrad.packagename} or {@code -Dnetgrad.skp}
     * quietly did nothing. With the nearest property of the running goal when one is near.
     */
    static List<String> propertyWarnings(MojoExecution execution, Properties userProperties) {
        MojoDescriptor goal = execution.getMojoDescriptor();
        Set<String> known = new TreeSet<>(COMMAND_LINE_PROPERTIES);
        goal.getPluginDescriptor().getMojos().forEach(mojo -> known.addAll(properties(mojo).keySet()));
        Map<String, Parameter> offered = properties(goal);
        List<String> warnings = new ArrayList<>();
        for (String name : new TreeSet<>(userProperties.stringPropertyNames())) {
            if (!name.startsWith(PROPERTY_PREFIX) || known.contains(name)) {
                continue;
            }
            String hint = NearMiss.nearest(name, offered.keySet()).map(n -> "did you mean -D" + n + "?")
                    .orElse("its properties are " + String.join(", ", offered.keySet().stream().map(n -> "-D" + n).toList())
                            + withoutProperty(goal));
            warnings.add("netgrad: -D" + name + " is not a property of netgrad's " + goal.getGoal() + " goal, so it is ignored; "
                    + hint);
        }
        return warnings;
    }

    private static final String PROPERTY_PREFIX = "netgrad.";

    /** The properties the command line reads, which a build may set for a run of it (exec:java, say). */
    private static final Set<String> COMMAND_LINE_PROPERTIES = Set.of(CsvReader.MEMORY_LIMIT_PROPERTY, TrainingProgress.STYLE_PROPERTY);

    /** The goal's parameters read from a {@code -Dnetgrad.*} user property, by the property, in its order. */
    private static Map<String, Parameter> properties(MojoDescriptor goal) {
        Map<String, Parameter> properties = new TreeMap<>();
        for (Parameter p : Optional.ofNullable(goal.getParameters()).orElse(List.of())) {
            String expression = p.getExpression();
            if (p.isEditable() && expression != null && expression.startsWith("${" + PROPERTY_PREFIX) && expression.endsWith("}")) {
                properties.put(expression.substring(2, expression.length() - 1), p);
            }
        }
        return properties;
    }

    /** " (<excludes> and <includes> are set in the plugin's <configuration> only)" for the parameters that no property sets. */
    private static String withoutProperty(MojoDescriptor goal) {
        Set<String> read = new TreeSet<>();
        properties(goal).values().forEach(p -> read.add(p.getName()));
        List<String> others = new TreeSet<>(names(goal, true)).stream().filter(n -> !read.contains(n)).map(n -> "<" + n + ">").toList();
        return others.isEmpty() ? "" : " (" + String.join(" and ", others) + " are set in the plugin's <configuration> only)";
    }

    /** The goal's parameters and their aliases; only those a user may set when {@code editable}. */
    private static Set<String> names(MojoDescriptor goal, boolean editable) {
        Set<String> names = new LinkedHashSet<>();
        for (Parameter p : Optional.ofNullable(goal.getParameters()).orElse(List.of())) {
            if (!editable || p.isEditable()) {
                names.add(p.getName());
                Optional.ofNullable(p.getAlias()).ifPresent(names::add);
            }
        }
        return names;
    }

    /** The plugin's configuration in the POM (its pluginManagement's merged in) and the running execution's. */
    private static List<Xpp3Dom> configurations(MojoExecution execution, MavenProject project, String key) {
        Plugin plugin = Optional.ofNullable(project.getPlugin(key))
                .or(() -> Optional.ofNullable(project.getPluginManagement())
                        .map(m -> m.getPluginsAsMap().get(key)))
                .orElse(null);
        List<Xpp3Dom> configurations = new ArrayList<>();
        if (plugin == null) {
            return configurations;
        }
        configurations.add((Xpp3Dom) plugin.getConfiguration());
        PluginExecution own = plugin.getExecutionsAsMap().get(execution.getExecutionId());
        if (own != null) {
            configurations.add((Xpp3Dom) own.getConfiguration());
        }
        return configurations;
    }

    private static Set<String> unknown(List<Xpp3Dom> configurations, Set<String> known) {
        Set<String> unknown = new LinkedHashSet<>();
        for (Xpp3Dom configuration : configurations) {
            if (configuration == null) {
                continue;
            }
            for (Xpp3Dom element : configuration.getChildren()) {
                if (!known.contains(element.getName())) {
                    unknown.add(element.getName());
                }
            }
        }
        return unknown;
    }
}
