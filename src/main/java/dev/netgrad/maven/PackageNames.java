package dev.netgrad.maven;

import dev.netgrad.codegen.TrainerGenerator;
import java.util.Optional;
import java.util.Set;

/**
 * Java package names for generated classes. By default a spec's package is its folder under the
 * source directory ({@code com/acme/Foo.nn} gives {@code com.acme}); a spec at the root goes to
 * {@link #ROOT_PACKAGE}, because a class in the unnamed package cannot be imported.
 */
final class PackageNames {
    static final String ROOT_PACKAGE = "netgrad.generated";

    // Reserved words and literals (JLS 3.9, 3.10.3, 3.10.7); contextual keywords are allowed in package names.
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
            "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally", "float",
            "for", "goto", "if", "implements", "import", "instanceof", "int", "interface", "long", "native",
            "new", "package", "private", "protected", "public", "return", "short", "static", "strictfp",
            "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try", "void",
            "volatile", "while", "_", "true", "false", "null");

    private PackageNames() {
    }

    /** The default package of a spec in {@code folder} ('/'-separated, "" at the root). */
    static String fromFolder(String folder) {
        return folder.isEmpty() ? ROOT_PACKAGE : folder.replace('/', '.');
    }

    /** Why {@code name} is not a usable package name, or empty when it is one. */
    static Optional<String> problem(String name) {
        if (name.isEmpty()) {
            return Optional.of("the package name is empty");
        }
        for (String part : name.split("\\.", -1)) {
            if (part.isEmpty()) {
                return Optional.of("'" + name + "' has an empty part between dots");
            }
            if (RESERVED.contains(part)) {
                return Optional.of("'" + part + "' in '" + name + "' is a Java keyword");
            }
            if (!isIdentifier(part)) {
                return Optional.of("'" + part + "' in '" + name + "' is not a Java identifier");
            }
        }
        return TrainerGenerator.prohibitedPackage(name);
    }

    /** Folder names become package parts, so a package's folder path is its name with '/'. */
    static String folderOf(String packageName) {
        return packageName.replace('.', '/');
    }

    private static boolean isIdentifier(String part) {
        if (!Character.isJavaIdentifierStart(part.codePointAt(0))) {
            return false;
        }
        return part.codePoints().skip(1).allMatch(Character::isJavaIdentifierPart);
    }
}
