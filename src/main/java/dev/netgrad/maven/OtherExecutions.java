package dev.netgrad.maven;

import java.util.List;
import java.util.Optional;
import org.apache.maven.model.Plugin;
import org.apache.maven.model.PluginExecution;
import org.apache.maven.plugin.MojoExecution;
import org.apache.maven.project.MavenProject;

/**
 * Another execution of the generate goal in the same project's POM. Each execution writes the runtime
 * and deletes, as stale, every file in its output folders that it did not generate itself: two of them
 * sharing the folders deleted each other's trainers at every build, and with folders of their own each
 * wrote the runtime, which javac would find twice. One execution reads every spec instead.
 */
final class OtherExecutions {
    private OtherExecutions() {
    }

    /**
     * Why this execution cannot run beside the POM's others of the same goal, if there are any that run
     * in a phase. A goal called by name ({@code mvn netgrad:generate}, execution {@code default-cli}) is
     * not one of the POM's executions, and runs alone. The message names the parameters of {@code names}, the goal's.
     */
    static Optional<String> problem(MojoExecution execution, MavenProject project, Goal names) {
        String key = execution.getMojoDescriptor().getPluginDescriptor().getPluginLookupKey();
        Plugin plugin = project.getPlugin(key);
        if (plugin == null) {
            return Optional.empty();
        }
        String goal = execution.getMojoDescriptor().getGoal();
        List<String> ids = plugin.getExecutions().stream()
                .filter(e -> e.getGoals().contains(goal) && !"none".equals(e.getPhase()))
                .map(PluginExecution::getId).toList();
        if (ids.size() < 2 || !ids.contains(execution.getExecutionId())) {
            return Optional.empty();
        }
        return Optional.of("the executions " + String.join(", ", ids) + " of netgrad's " + goal + " goal all run in "
                + project.getArtifactId() + ", and each would delete the classes the others generated, or write the"
                + " runtime again beside them; generate every spec in one execution (a <" + names.sourceDirectory()
                + "> that holds all the specs' folders, with <" + names.includes() + "> to choose among them), or put each set of"
                + " specs in a module of its own");
    }
}
