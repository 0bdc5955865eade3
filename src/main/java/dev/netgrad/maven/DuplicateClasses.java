package dev.netgrad.maven;

import dev.netgrad.spec.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Finds specs that would generate the same class (same package and network name). */
final class DuplicateClasses {
    private DuplicateClasses() {
    }

    /** One error per spec after the first that defines a class, naming the first spec's file. */
    static List<Diagnostic> find(List<ClassOrigin> origins) {
        Map<String, ClassOrigin> first = new LinkedHashMap<>();
        List<Diagnostic> errors = new ArrayList<>();
        for (ClassOrigin origin : origins) {
            // Keyed without case: Planar.java and planar.java are one file on macOS's and Windows's file systems.
            ClassOrigin earlier = first.putIfAbsent(origin.qualifiedName().toLowerCase(Locale.ROOT), origin);
            if (earlier != null) {
                errors.add(clash(origin, earlier));
            }
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
}
