package dev.netgrad.maven;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything one spec generates, in memory: the trainer class, its equations as Markdown and,
 * when asked for, its gradient test. Nothing is written until every spec has been read.
 */
record Translation(
        SpecFile spec,
        String packageName,
        String className,
        ClassOrigin origin,
        String javaSource,
        String markdown,
        Optional<String> testSource) {

    Translation {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(packageName, "packageName");
        Objects.requireNonNull(className, "className");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(javaSource, "javaSource");
        Objects.requireNonNull(markdown, "markdown");
        Objects.requireNonNull(testSource, "testSource");
    }
}
