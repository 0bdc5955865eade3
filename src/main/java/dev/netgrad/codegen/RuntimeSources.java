package dev.netgrad.codegen;

import dev.netgrad.runtime.EntryRange;
import dev.netgrad.runtime.Kernels;
import dev.netgrad.runtime.MatrixProducts;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Trainer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The runtime every generated trainer extends: the package {@code dev.netgrad.runtime}, ordinary
 * Java compiled and tested with netgrad, whose sources are also packaged as resources so that
 * {@code generate} and the Maven plugin write them out verbatim beside the trainers, once per
 * output (java.base alone, no dependency for users). Generated trainers extend
 * {@link NetworkTrainer}, call {@link Kernels} through static imports and share loops with
 * {@link MatrixProducts}' helper threads through {@link EntryRange}.
 */
public final class RuntimeSources {
    /** The runtime's package. */
    public static final String PACKAGE = "dev.netgrad.runtime";

    /**
     * The runtime's files, in a fixed order: everything NetworkTrainer needs, and the rule the Maven plugin's
     * gradient tests share with gradcheck (FiniteDifferences); nothing that is not java.base.
     */
    static final List<String> FILES = List.of("ArgumentChecks.java", "AtomicWrite.java", "BatchRows.java", "BatchnormAverages.java",
            "ChunkedEvaluation.java", "Distances.java", "DropoutMasks.java", "EntryRange.java", "EpochLoop.java",
            "FiniteDifferences.java", "ForwardPass.java", "GradientSums.java", "GradientsInParts.java", "Helpers.java", "ImageKernels.java",
            "ImageLoops.java", "InputStandardization.java", "JsonCursor.java", "Kernels.java", "LeftOutEntries.java",
            "MatrixProducts.java", "NamedBuffers.java", "NetworkTrainer.java", "OneThreadAtATime.java", "Optimizer.java",
            "OptimizerStep.java", "Panels.java", "ParamsJson.java", "PlainImageLoops.java", "PlainRows.java", "Prediction.java",
            "RandomDraws.java", "RegisterProducts.java", "RuntimeVersion.java", "SharingTuner.java", "Trainer.java");

    /**
     * The runtime's class that tells it apart from another version's: its constant is the digest of the other sources,
     * which the Maven plugin looks for in a dependency's copy of the class.
     */
    public static final String VERSION_CLASS = "RuntimeVersion";

    /** Where the pom copies the runtime's sources among the resources. */
    private static final String RESOURCES = "/dev/netgrad/codegen/runtime/";

    private static final VersionMark MARK = new VersionMark(PACKAGE, VERSION_CLASS, FILES, RuntimeSources::read);

    /** Java classes a generated trainer names besides the runtime's (java.lang's and java.util's). */
    private static final List<String> JAVA_TYPES = List.of("Arrays", "Math", "String", "Object", "Override",
            "IndexOutOfBoundsException", "System", "Thread", "Runtime", "Double", "Integer", "Long", "java",
            // What the Maven plugin's gradient tests name besides (java.util's and JUnit's they write out in full,
            // and the runtime's Kernels and FiniteDifferences: a class dev beside the test would hide the package dev).
            "StringBuilder", "org", "dev");

    private static final Set<String> KERNELS = kernelNames();
    private static final Set<String> RESERVED = findReservedNames();

    private RuntimeSources() {
    }

    /** The runtime's sources by their path under a source root ({@code dev/netgrad/runtime/Trainer.java}), in a fixed order. */
    public static Map<String, String> files() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : FILES) {
            out.put(PACKAGE.replace('.', '/') + "/" + file, read(file));
        }
        return out;
    }

    /**
     * The text that tells this version's runtime from another's, by the source path of the class that holds it:
     * {@code dev/netgrad/runtime/RuntimeVersion.java} and its digest, as written in that source (and so in its class).
     */
    public static Map<String, String> versionMarks() {
        return MARK.mark();
    }

    /** The SHA-256 of the runtime's sources but {@link #VERSION_CLASS}'s, as {@code RuntimeVersion.SHA_256} says it is computed. */
    static String digest() {
        return MARK.digest();
    }

    /** The file a runtime source goes to under a source root. */
    public static Path target(Path root, String relativePath) {
        Path out = root;
        for (String part : relativePath.split("/")) {
            out = out.resolve(part);
        }
        return out;
    }

    private static String read(String file) {
        try (InputStream in = RuntimeSources.class.getResourceAsStream(RESOURCES + file)) {
            if (in == null) {
                throw new IllegalStateException("netgrad is missing its resource " + RESOURCES + file);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The names a network or a spec value must not take as they are: what is in scope in the
     * body of a generated class and what it names there. That is every member the class inherits
     * from NetworkTrainer and Trainer (a field {@code m} would break the code, a field {@code fit}
     * beside the method would confuse readers), the kernels it imports statically, every public runtime
     * class, and the Java classes a trainer names ({@code Math}, {@code String}: a field or class of
     * that name would hide them). Private members of the runtime and the members of the classes the
     * trainer reaches only through a field ({@code products.multiply}, an optimizer's {@code beta1})
     * are not in scope, so a batchnorm's {@code beta1} or a value {@code p} keep their names.
     */
    static Set<String> reservedNames() {
        return RESERVED;
    }

    /**
     * Whether the runtime's class of this name is public: only those can be named where a generated
     * class lives (never in the runtime's package, which TrainerGenerator refuses), so a network
     * named ParamsJson, after a package-private class, keeps its name.
     */
    private static boolean isPublic(String simpleName) {
        try {
            return Modifier.isPublic(Class.forName(PACKAGE + "." + simpleName, false, RuntimeSources.class.getClassLoader()).getModifiers());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("netgrad's runtime lists " + simpleName + ", which it does not hold", e);
        }
    }

    /** The kernels a trainer may call (through a static import of Kernels), in alphabetical order. */
    static Set<String> kernels() {
        return KERNELS;
    }

    private static Set<String> findReservedNames() {
        Set<String> out = new TreeSet<>(JAVA_TYPES);
        for (String file : FILES) {
            String className = file.substring(0, file.length() - ".java".length());
            if (isPublic(className)) {
                out.add(className);
            }
        }
        for (Class<?> type : List.of(NetworkTrainer.class, Trainer.class)) {
            for (Method m : type.getDeclaredMethods()) {
                if (inherited(m.getModifiers())) {
                    out.add(m.getName());
                }
            }
            for (Field f : type.getDeclaredFields()) {
                if (inherited(f.getModifiers())) {
                    out.add(f.getName());
                }
            }
            for (Class<?> nested : type.getDeclaredClasses()) {
                if (inherited(nested.getModifiers())) {
                    out.add(nested.getSimpleName());
                }
            }
        }
        out.addAll(KERNELS);
        return Set.copyOf(out);
    }

    /** Whether a subclass in another package sees a member with these modifiers (synthetic ones aside). */
    private static boolean inherited(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static Set<String> kernelNames() {
        Set<String> out = new TreeSet<>();
        for (Method m : Kernels.class.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                out.add(m.getName());
            }
        }
        return java.util.Collections.unmodifiableSet(out);
    }

    /** The kernels among {@code called}, in alphabetical order. */
    static List<String> kernelsIn(Set<String> called) {
        List<String> out = new ArrayList<>();
        for (String k : KERNELS) {
            if (called.contains(k)) {
                out.add(k);
            }
        }
        return out;
    }
}
