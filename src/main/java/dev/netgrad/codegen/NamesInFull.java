package dev.netgrad.codegen;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The classes generated code names in full ({@code dev.netgrad.runtime.NetworkTrainer} in a trainer's
 * imports, {@code org.junit.jupiter.api.Test} in the Maven plugin's gradient test), read off that code,
 * and the one rule by which a network's class compiled beside it breaks one: javac reads a qualified
 * name's prefix as a class before a package, so a class {@code org.junit} makes
 * {@code org.junit.jupiter.api.Test} a member of itself ("cannot find symbol: class jupiter"), and a class
 * {@code dev.netgrad.runtime} clashes with the runtime's package ("package dev.netgrad.runtime clashes with
 * class of same name"); a class of one of those names would replace it. (A class whose simple name is such
 * a name's first segment, {@code dev} or {@code org}, would hide it too: those names are reserved and get a
 * {@code _} suffix, {@link RuntimeSources#reservedNames}.)
 */
public final class NamesInFull {
    /** Lower-case packages, each followed by a dot, then a class: {@code java.util.Random}, not {@code Math.max}. */
    private static final Pattern QUALIFIED = Pattern.compile("(?<![\\w.$])(?:[a-z][a-z0-9_]*\\.)+[A-Z]\\w*");

    private NamesInFull() {
    }

    /** Every class that fixed code (a template, whose only dotted names are such classes and members) names in full, sorted. */
    public static Set<String> in(String code) {
        Matcher m = QUALIFIED.matcher(code);
        Set<String> names = new TreeSet<>();
        while (m.find()) {
            names.add(m.group());
        }
        return Collections.unmodifiableSet(names);
    }

    /** Every class a compilation unit imports (a static import's class), sorted. */
    static Set<String> imported(CompilationUnit cu) {
        Set<String> names = new TreeSet<>();
        for (ImportDeclaration i : cu.getImports()) {
            String name = i.getNameAsString();
            names.add(i.isStatic() && !i.isAsterisk() ? name.substring(0, name.lastIndexOf('.')) : name);
        }
        return Collections.unmodifiableSet(names);
    }

    /**
     * Why the class {@code qualifiedClass} cannot be compiled beside {@code code} ("its trainer", "its gradient
     * test"), which names {@code names} in full, or empty: it would replace one of them, or hide the package of
     * its own name in one.
     */
    public static Optional<String> clash(String qualifiedClass, Set<String> names, String code) {
        for (String name : names) {
            if (name.equals(qualifiedClass)) {
                return Optional.of("the class " + qualifiedClass + " would replace the class of that name that " + code
                        + " uses; rename the network or choose another package");
            }
            if (name.startsWith(qualifiedClass + ".")) {
                return Optional.of("the class " + qualifiedClass + " would hide the package of that name in " + code
                        + ", which names " + name + " in full (javac would look for "
                        + name.substring(qualifiedClass.length() + 1) + " inside the class); rename the network or choose"
                        + " another package");
            }
        }
        return Optional.empty();
    }
}
