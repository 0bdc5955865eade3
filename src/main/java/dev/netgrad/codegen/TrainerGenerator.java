package dev.netgrad.codegen;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import dev.netgrad.codegen.Dropouts.Dropout;
import dev.netgrad.diff.BatchCoupling;
import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.SourceVersion;

/**
 * Generates the Java trainer class of a derived network: one class per network, named after it,
 * holding only its network (buffers, the initialization of its params, the forward and backward
 * passes, lookups) and extending the runtime's {@code NetworkTrainer}, which {@link RuntimeSources}
 * writes out beside it. The class is built as a JavaParser AST of typed nodes and printed by one
 * configured printer, so a spec always gives the same bytes.
 */
public final class TrainerGenerator {
    private TrainerGenerator() {
    }

    /** The Java source of the trainer; {@code packageName} may be null or empty for no package. */
    public static String generate(Derivation d, String packageName) {
        Network network = d.network();
        requireSupported(network);
        ClassLimits.derived(d).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        String className = className(network);
        JavaNames names = new JavaNames(reservedNames(className));
        Map<String, Dropout> dropouts = Dropouts.find(d.forward());
        Buffers buffers = new Buffers(d, maskShapes(dropouts), names);
        Passes passes = new Passes(d, buffers);
        PassMethods passMethods = PassMethods.of(passes);
        Members members = new Members(d, buffers, new ArrayList<>(dropouts.values()), className);

        CompilationUnit cu = compilationUnit(packageName, network);
        ClassOrInterfaceDeclaration type = cu.addClass(className, Modifier.Keyword.PUBLIC, Modifier.Keyword.FINAL);
        type.addExtendedType("NetworkTrainer");
        type.setJavadocComment(ClassDoc.of(d, className));
        addMembers(type, members, passes, passMethods, names);
        InputReads.override(type, buffers.named(network.inputs().get(0).name()).java()).ifPresent(type::addMember);
        predictionCoupling(d).ifPresent(type::addMember);
        members.filterSides().ifPresent(type::addMember);
        ClassLimits.requireFits(type, network);
        addImports(cu, type);
        requireNoClash(packageName, className, cu);
        // A package folder's ü in ASCII: javac may read the file as US-ASCII (a C locale, no sourceEncoding).
        return AsciiSource.of(ClassPrinter.print(cu));
    }

    /**
     * {@code predictionCouplesExamples()} returning true, for a network whose values mix the
     * examples even as it predicts (beyond batchnorm, whose running averages do not): its evaluation
     * cost is then taken in one pass. Absent otherwise (the runtime's false).
     */
    private static Optional<MethodDeclaration> predictionCoupling(Derivation d) {
        return BatchCoupling.whenPredicting(d).map(value -> {
            MethodDeclaration m = Members.override(PrimitiveType.booleanType(), "predictionCouplesExamples",
                    List.of(new ReturnStmt(new BooleanLiteralExpr(true))));
            // Public, as the runtime's: a user predicting a set in chunks needs to know.
            m.setModifiers(Modifier.Keyword.PUBLIC);
            m.setComment(new LineComment(" " + value + " mixes the examples as the model predicts: its losses are taken in one pass."));
            return m;
        });
    }

    /** The names no generated member may take: the runtime's, the class's own members', the class's. */
    private static Set<String> reservedNames(String className) {
        Set<String> reserved = new HashSet<>(RuntimeSources.reservedNames());
        reserved.addAll(Members.names());
        reserved.add(className);
        return reserved;
    }

    /** The shape of each dropout's mask, by the value it masks, in the order of the forward pass. */
    private static Map<String, Shape> maskShapes(Map<String, Dropout> dropouts) {
        Map<String, Shape> maskShapes = new LinkedHashMap<>();
        dropouts.values().forEach(x -> maskShapes.put(x.owner(), x.shape()));
        return maskShapes;
    }

    /** The passes' methods, built in this order: each allocates names, and forwardCost calls a method forward made. */
    private record PassMethods(MethodDeclaration forward, MethodDeclaration forwardCost, MethodDeclaration backward,
                               MethodDeclaration predict, MethodDeclaration evaluation) {
        static PassMethods of(Passes passes) {
            MethodDeclaration forward = passes.forward();
            MethodDeclaration forwardCost = passes.forwardCost();
            MethodDeclaration backward = passes.backward();
            MethodDeclaration predict = passes.predictForward();
            return new PassMethods(forward, forwardCost, backward, predict, passes.evaluationForward());
        }
    }

    /** The file's package (checked) and its header comment; the class is added to it. */
    private static CompilationUnit compilationUnit(String packageName, Network network) {
        CompilationUnit cu = new CompilationUnit();
        if (packageName != null && !packageName.isEmpty()) {
            requirePackageName(packageName);
            cu.setPackageDeclaration(packageName);
        }
        cu.setComment(new LineComment(" Generated by netgrad from " + sourceName(network.path()) + ". Do not edit: change the spec and regenerate."));
        return cu;
    }

    /** Fields, the constructor, then the methods, with the long ones' parts last. */
    private static void addMembers(ClassOrInterfaceDeclaration type, Members members, Passes passes,
                                   PassMethods passMethods, JavaNames names) {
        members.publicConstants().forEach(type::addMember);
        members.tables().forEach(type::addMember);
        members.bufferFields().forEach(type::addMember);
        passes.loopFields().forEach(type::addMember);
        ConstructorDeclaration constructor = members.constructor();
        type.addMember(constructor);
        MethodDeclaration allocate = members.allocate();
        List<MethodDeclaration> parts = splitLongMethods(constructor,
                List.of(passMethods.forward(), passMethods.backward(), passMethods.predict(), passMethods.evaluation(), allocate), names);
        List<MethodDeclaration> generated = new ArrayList<>(List.of(passMethods.forward(), passMethods.backward(),
                passMethods.predict(), passMethods.evaluation(), passMethods.forwardCost()));
        generated.addAll(passes.computeMethods());
        generated.add(allocate);
        generated.addAll(members.lookups());
        generated.addAll(parts);
        generated.forEach(type::addMember);
    }

    /** Cuts the long bodies (the constructor's after its first statement) into parts ({@link Chunks}); returns the parts. */
    private static List<MethodDeclaration> splitLongMethods(ConstructorDeclaration constructor,
                                                            List<MethodDeclaration> longMethods, JavaNames names) {
        List<MethodDeclaration> parts = new ArrayList<>(Chunks.split(constructor.getBody(), 1, "initialize", names, List.of()));
        for (MethodDeclaration longMethod : longMethods) {
            parts.addAll(Chunks.split(longMethod.getBody().orElseThrow(), 0, longMethod.getNameAsString(), names, longMethod.getParameters()));
        }
        return parts;
    }

    /** Imports of the runtime's kernels, of the runtime types and of {@code java.util.Arrays}, each only if used. */
    private static void addImports(CompilationUnit cu, ClassOrInterfaceDeclaration type) {
        Set<String> typesUsed = type.findAll(ClassOrInterfaceType.class).stream().map(ClassOrInterfaceType::getNameAsString).collect(Collectors.toSet());
        type.findAll(NameExpr.class).forEach(n -> typesUsed.add(n.getNameAsString()));
        for (String kernel : RuntimeSources.kernelsIn(calledMethods(type))) {
            cu.addImport(new ImportDeclaration(RuntimeSources.PACKAGE + ".Kernels." + kernel, true, false));
        }
        for (String runtimeType : List.of("EntryRange", "ImageKernels", "NetworkTrainer", "Prediction")) {
            if (typesUsed.contains(runtimeType)) {
                cu.addImport(new ImportDeclaration(RuntimeSources.PACKAGE + "." + runtimeType, false, false));
            }
        }
        if (typesUsed.contains("Arrays")) {
            cu.addImport(new ImportDeclaration("java.util.Arrays", false, false));
        }
    }

    /**
     * The class name for a network: its name, or the name with a {@code _} suffix when that is not
     * a legal class name or would hide a class the trainer uses ({@code String}, {@code Math}).
     */
    public static String className(Network network) {
        String name = network.name();
        if (!JavaNames.isTypeName(name) || RuntimeSources.reservedNames().contains(name)) {
            return name + "_";
        }
        return name;
    }

    /** The most bytes of UTF-8 a file name may have on the usual file systems (ext4, XFS, APFS, NTFS). */
    public static final int MAX_FILE_NAME_BYTES = 255;

    /**
     * Why the network's class cannot be a file, or empty when it can: {@code <class>.java} and the
     * {@code <class>.class} javac makes of it must both be file names the file system takes. The
     * language allows names of 255 characters, which derive and the in-memory trainers take as
     * they are; only a class written to files is held to this.
     */
    public static Optional<String> classFileProblem(Network network) {
        return classFileProblem(network, "", "its compiled class file");
    }

    /**
     * The same for a class named {@code <class><suffix>} that is written beside the trainer (the
     * Maven plugin's {@code <class>GradientTest}), {@code what} naming its compiled file in the message.
     */
    public static Optional<String> classFileProblem(Network network, String suffix, String what) {
        String compiled = className(network) + suffix + ".class";
        int bytes = compiled.getBytes(StandardCharsets.UTF_8).length;
        if (bytes <= MAX_FILE_NAME_BYTES) {
            return Optional.empty();
        }
        int longest = network.name().length() - (bytes - MAX_FILE_NAME_BYTES);
        return Optional.of("the network name '" + network.name().substring(0, 20) + "...' is "
                + network.name().length() + " characters long, too long to generate: " + what + ", "
                + "<name>" + suffix + ".class, would have a " + bytes + "-byte name, over the file system's " + MAX_FILE_NAME_BYTES
                + "; shorten it to at most " + longest + " characters");
    }

    /** The file the class goes to under a source root: package folders, then {@code <class>.java}. */
    public static Path sourceFile(Path root, Network network, String packageName) {
        Path dir = root;
        if (packageName != null && !packageName.isEmpty()) {
            for (String part : packageName.split("\\.")) {
                dir = dir.resolve(part);
            }
        }
        return dir.resolve(className(network) + ".java");
    }

    private static Set<String> calledMethods(Node root) {
        return root.findAll(MethodCallExpr.class).stream()
                .filter(c -> c.getScope().isEmpty())
                .map(MethodCallExpr::getNameAsString)
                .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
    }

    private static void requireSupported(Network n) {
        unsupported(n).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /**
     * Why no trainer can be generated for {@code n} (two inputs, two targets, an output that is not
     * one column per example, a param too big for a Java array, a network sure to be too big for one
     * class), or empty when one can: the verbs that compile a trainer ask first, before deriving, so
     * that they can say it at the network's name.
     */
    public static Optional<String> unsupported(Network n) {
        if (n.inputs().size() != 1) {
            return Optional.of("netgrad generates trainers for networks with exactly one input; "
                    + n.name() + " has " + n.inputs().size());
        }
        if (n.targets().size() > 1) {
            return Optional.of("netgrad generates trainers for networks with at most one target; "
                    + n.name() + " has " + n.targets().size());
        }
        Shape output = n.statement(n.output()).map(s -> s.shape()).orElse(null);
        if (output == null || output.cols() != Shape.M || output.rows() == Shape.M) {
            return Optional.of("the output " + n.output() + " of " + n.name()
                    + " must be a statement with one column per example (k x m) for predict");
        }
        for (Param p : n.params()) {
            try {
                Sizes.fixedCells(p.shape());
            } catch (IllegalArgumentException tooBig) {
                // Named: the error stands at the network's name, which does not say which param it is.
                return Optional.of("param " + p.name() + ": " + tooBig.getMessage());
            }
        }
        return ClassLimits.early(n);
    }

    /**
     * Refuses a class that breaks a class its trainer imports ({@link NamesInFull}): named like a package that
     * holds the runtime ({@code runtime} in {@code dev.netgrad}, {@code netgrad} in {@code dev}), it does not
     * compile beside it: javac says "package dev.netgrad.runtime clashes with class of same name".
     */
    private static void requireNoClash(String packageName, String className, CompilationUnit cu) {
        String qualified = packageName == null || packageName.isEmpty() ? className : packageName + "." + className;
        NamesInFull.clash(qualified, NamesInFull.imported(cu), "its trainer").ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    private static void requirePackageName(String packageName) {
        packageNameProblem(packageName).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** Why {@code packageName} cannot hold the classes, or empty when it can ("" is the default package). */
    public static Optional<String> packageNameProblem(String packageName) {
        if (packageName == null || packageName.isEmpty()) {
            return Optional.empty();
        }
        if (!SourceVersion.isName(packageName, SourceVersion.RELEASE_17)) {
            return Optional.of("'" + packageName + "' is not a Java package name");
        }
        return prohibitedPackage(packageName);
    }

    /**
     * Why trainers cannot go to {@code packageName} although javac compiles them: the JVM refuses to
     * define a class in {@code java} or below ({@code SecurityException: Prohibited package name});
     * the runtime's own packages are written beside the trainers, and a network named like one of
     * the runtime's classes there (SharingTuner) would replace its file.
     */
    public static Optional<String> prohibitedPackage(String packageName) {
        // javac drops these from names (JLS 3.8): 'ja\u200Bva.nets' compiles into java.nets, past the checks below.
        OptionalInt ignorable = packageName.codePoints().filter(Character::isIdentifierIgnorable).findFirst();
        if (ignorable.isPresent()) {
            return Optional.of("'" + packageName + "' holds " + String.format(Locale.ROOT, "U+%04X", ignorable.getAsInt())
                    + ", an invisible character that Java leaves out of names; remove it");
        }
        if (packageName.equals("java") || packageName.startsWith("java.")) {
            return Optional.of("'" + packageName + "' is in the package java, where the JVM loads no class but its own");
        }
        if (packageName.equals(RuntimeSources.PACKAGE) || packageName.startsWith(RuntimeSources.PACKAGE + ".")) {
            return Optional.of("'" + packageName + "' is netgrad's runtime package (or below it), where the runtime the trainers"
                    + " share is written: a network there could replace one of its files; choose another package");
        }
        // macOS's and Windows's file systems ignore case: Dev/Netgrad/Runtime is the runtime's own folder there.
        String folded = packageName.toLowerCase(Locale.ROOT);
        if (folded.equals(RuntimeSources.PACKAGE) || folded.startsWith(RuntimeSources.PACKAGE + ".")) {
            return Optional.of("'" + packageName + "' differs from netgrad's runtime package (" + RuntimeSources.PACKAGE
                    + ") only in case, and a file system that ignores case (macOS, Windows) writes both to one folder:"
                    + " a network there could replace one of the runtime's files; choose another package");
        }
        return Optional.empty();
    }

    /**
     * The spec's file name alone (no folders, so the output does not depend on where it was run), for the line
     * comment at the top, as {@link AsciiSource#inComment} makes it safe there: a backslash separates folders,
     * a control character is {@code _}. Characters beyond ASCII are escaped with the rest of the class, and
     * javac reads them back as themselves: {@code réseau.nn} stays recognisable.
     */
    static String sourceName(String path) {
        String file = path == null ? "" : path.replace('\\', '/');
        file = AsciiSource.inComment(file.substring(file.lastIndexOf('/') + 1));
        return file.isEmpty() ? "a spec" : file;
    }
}
