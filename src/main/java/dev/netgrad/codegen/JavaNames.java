package dev.netgrad.codegen;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.lang.model.SourceVersion;

/**
 * The one naming authority of a generated class: every identifier the class declares for a value
 * of the spec (fields, compute methods, temporaries) is handed out here. A spec name is used as it
 * is unless it is a Java keyword or collides with a member or local the generated code uses itself
 * (such as {@code fit}, {@code m} or {@code Math}); then it gets a {@code _} suffix, and further
 * suffixes until it is free. Names are never spliced into code as text: callers build
 * {@code NameExpr}s from what this class returns.
 */
final class JavaNames {
    /** Locals that generated kernels declare next to the spec's fields: e0, h0, s0 and so on */
    private static final Pattern GENERATED_LOCAL = Pattern.compile("[ehs][0-9]+");

    private final Set<String> reserved;
    private final Set<String> taken = new HashSet<>();
    private final Map<String, String> bySpecName = new HashMap<>();

    JavaNames(Set<String> reserved) {
        this.reserved = Set.copyOf(reserved);
    }

    /** Whether {@code name} is a Java identifier at all (spec names always are; this is a guard). */
    static boolean isIdentifier(String name) {
        return SourceVersion.isIdentifier(name) && !SourceVersion.isKeyword(name, SourceVersion.RELEASE_17);
    }

    /** Whether {@code name} may name a class in Java 17 (restricted identifiers may not). */
    static boolean isTypeName(String name) {
        return isIdentifier(name) && !Set.of("var", "yield", "record", "sealed", "permits").contains(name);
    }

    /**
     * Claims the spec names that can be used unchanged, so that escaped names never take one of
     * them; call once with every name of the spec and the derivation before {@link #of}.
     */
    void claim(Iterable<String> specNames) {
        for (String name : specNames) {
            if (usable(name)) {
                taken.add(name);
                bySpecName.put(name, name);
            }
        }
    }

    /** The Java identifier of a spec or derivation name: the name itself, or an escaped form. */
    String of(String specName) {
        String known = bySpecName.get(specName);
        if (known != null) {
            return known;
        }
        requireSpecName(specName);
        String name = allocate(specName + "_");
        bySpecName.put(specName, name);
        return name;
    }

    /** A fresh identifier for something the generator introduces (a temporary, a compute method). */
    String allocate(String wanted) {
        String name = wanted;
        for (int i = 2; !usable(name) || taken.contains(name); i++) {
            name = wanted + "_" + i;
        }
        taken.add(name);
        return name;
    }

    private boolean usable(String name) {
        return isIdentifier(name) && !reserved.contains(name) && !GENERATED_LOCAL.matcher(name).matches();
    }

    private static void requireSpecName(String name) {
        if (!SourceVersion.isIdentifier(name)) {
            throw new IllegalArgumentException("'" + name + "' is not a name netgrad can turn into Java");
        }
    }
}
