package dev.netgrad.maven;

import dev.netgrad.spec.Diagnostic;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
            ClassOrigin earlier = first.putIfAbsent(origin.qualifiedName(), origin);
            if (earlier != null) {
                errors.add(clash(origin, earlier));
            }
        }
        return List.copyOf(errors);
    }

    private static Diagnostic clash(ClassOrigin later, ClassOrigin earlier) {
        String message = "class " + later.qualifiedName() + " is generated twice: " + earlier.specPath()
                + " defines the same network in the same package; rename one network or set their packages apart";
        return new Diagnostic(later.specPath(), later.pos().line(), later.pos().column(), message);
    }
}
