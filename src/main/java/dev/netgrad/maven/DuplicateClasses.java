package dev.netgrad.maven;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.codegen.RuntimeSources;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Finds specs that would generate the same class (same package and network name), and generated
 * classes that the project's own sources already define (javac would report those at the
 * generated file, far from the spec that made it).
 */
final class DuplicateClasses {
    private DuplicateClasses() {
    }

    /**
     * One error per spec after the first that defines a class, naming the first spec's file; one per
     * pair of specs, since the trainers of two networks of one name clash and so do their gradient tests.
     */
    static List<Diagnostic> find(List<ClassOrigin> origins) {
        Map<String, ClassOrigin> first = new LinkedHashMap<>();
        Set<List<String>> reported = new HashSet<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (ClassOrigin origin : origins) {
            // Keyed without case: Planar.java and planar.java are one file on macOS's and Windows's file systems.
            ClassOrigin earlier = first.putIfAbsent(origin.qualifiedName().toLowerCase(Locale.ROOT), origin);
            if (earlier != null && reported.add(List.of(origin.specPath(), earlier.specPath()))) {
                errors.add(clash(origin, earlier));
            }
        }
        return List.copyOf(errors);
    }

    /**
     * One error per class of {@code origins} whose file, {@code <package folders>/<Name>.java}, lies
     * in one of {@code roots}, the project's {@code what} folders ("source", "test source").
     */
    static List<Diagnostic> definedBy(List<ClassOrigin> origins, List<Path> roots, String what) {
        List<Diagnostic> errors = new ArrayList<>();
        for (ClassOrigin origin : origins) {
            String file = origin.qualifiedName().replace('.', '/') + ".java";
            roots.stream().map(root -> root.resolve(file)).filter(Files::isRegularFile).findFirst().ifPresent(existing ->
                    errors.add(new Diagnostic(origin.specPath(), origin.pos().line(), origin.pos().column(), "class "
                            + origin.qualifiedName() + " is also defined by the project's " + what + " " + existing
                            + "; rename the network or give it another package")));
        }
        return List.copyOf(errors);
    }

    private static Diagnostic clash(ClassOrigin later, ClassOrigin earlier) {
        String message = later.qualifiedName().equals(earlier.qualifiedName())
                ? "class " + later.qualifiedName() + " is generated twice: " + earlier.specPath()
                        + " generates it too (a network of that name in the same package, or a network's gradient test);"
                        + " rename one network or set their packages apart"
                : "class " + later.qualifiedName() + " differs only in case from " + earlier.qualifiedName() + ", which "
                        + earlier.specPath() + " defines: their files would be one on a file system that ignores case"
                        + " (macOS's, Windows's); rename one network or set their packages apart";
        return new Diagnostic(later.specPath(), later.pos().line(), later.pos().column(), message);
    }

    /**
     * An error at {@code origin}'s network when one of the project's {@code what} folders {@code roots} holds a file of
     * netgrad's runtime ({@code runtimeFiles}, paths under a source root): a copy that {@code netgrad
     * generate -o src/main/java} wrote, which javac would report as a duplicate of the runtime the
     * plugin writes beside the trainers, at the generated file.
     */
    static List<Diagnostic> runtimeCopiedInto(List<Path> roots, String what, Collection<String> runtimeFiles, ClassOrigin origin) {
        for (Path root : roots) {
            for (String file : runtimeFiles) {
                Path copy = RuntimeSources.target(root, file);
                if (Files.isRegularFile(copy)) {
                    return List.of(new Diagnostic(origin.specPath(), origin.pos().line(), origin.pos().column(),
                            "the project's " + what + " " + copy + " is a copy of netgrad's runtime, which the plugin writes itself"
                                    + " beside this network's trainer (javac would find every runtime class twice); delete "
                                    + RuntimeSources.target(root, RuntimeSources.PACKAGE.replace('.', '/')) + " from the sources"));
                }
            }
        }
        return List.of();
    }
}
