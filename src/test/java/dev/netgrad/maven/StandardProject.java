package dev.netgrad.maven;

import java.nio.file.Path;
import org.apache.maven.project.MavenProject;

/** A Maven project of the standard layout in a folder, as Maven gives it to a goal: src/main/java and src/test/java its roots. */
final class StandardProject {
    private StandardProject() {
    }

    static MavenProject in(Path dir) {
        MavenProject project = new MavenProject();
        project.setFile(dir.resolve("pom.xml").toFile());
        project.getBuild().setDirectory(dir.resolve("target").toString());
        project.getBuild().setOutputDirectory(dir.resolve("target/classes").toString());
        project.getBuild().setTestOutputDirectory(dir.resolve("target/test-classes").toString());
        project.getBuild().setSourceDirectory(dir.resolve("src/main/java").toString());
        project.getBuild().setTestSourceDirectory(dir.resolve("src/test/java").toString());
        project.addCompileSourceRoot(dir.resolve("src/main/java").toString());
        project.addTestCompileSourceRoot(dir.resolve("src/test/java").toString());
        return project;
    }
}
