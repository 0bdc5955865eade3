package dev.netgrad.codegen;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.netgrad.diff.Derivation;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The JVM's limits on one class (65535 constants, 64 kB of code a method, 65535 bytes a string
 * constant), checked twice. {@link #early} reads the checked network alone, before derivation and
 * the AST, which for a network of thousands of layers take most of a minute and a gigabyte: it
 * counts only what the class is sure to hold (a field and a compute method for every value and
 * gradient, a lookup case for every value, the names' tables), so it refuses nothing the class
 * could hold. {@link #derived} reads the derivation, before the AST: the lookup of its derivatives, known exactly
 * by then. {@link #requireFits} measures the finished class and stays the final guard.
 */
final class ClassLimits {
    /** The JVM's limits on one class: 65535 constants, 65535 bytes of code a method, 65535 bytes a string. */
    static final int JVM_LIMIT = 65535;
    /** A conservative estimate of the bytes of code a node of a method's body compiles to. */
    private static final int BYTES_PER_NODE = 4;
    /** Room in the constant pool for what the estimate does not count (the runtime's methods, types, numbers). */
    private static final int CONSTANTS_MARGIN = 1000;

    private ClassLimits() {
    }

    /**
     * Why {@code n}'s trainer is sure to be too big for one class, from the network alone (no
     * derivation), or empty: every count here is one the finished class has at least, so the late
     * check never accepts what this refuses. Linear in the network's size.
     */
    static Optional<String> early(Network n) {
        int statements = n.statements().size();
        int params = n.params().size();
        int dataValues = n.inputs().size() + n.targets().size();
        // Fields: every input, target, const, param, gradient and value; methods: a compute method per value and gradient.
        long members = dataValues + n.consts().size() + 3L * params + 2L * statements;
        Optional<String> problem = constants(n, 3 * members, members, "at least");
        for (Lookup lookup : List.of(new Lookup("paramBuffer", params), new Lookup("valueBuffer", dataValues + statements))) {
            problem = problem.or(() -> method(n, lookup.name(), BYTES_PER_NODE * Members.lookupNodes(lookup.entries()), "at least"));
        }
        List<String> values = new ArrayList<>();
        n.inputs().stream().map(DataValue::name).forEach(values::add);
        n.targets().stream().map(DataValue::name).forEach(values::add);
        n.statements().stream().map(Statement::name).forEach(values::add);
        List<String> paramNames = n.params().stream().map(Param::name).toList();
        // The adjoint of W is dW, or a longer name where that is taken.
        List<String> gradients = paramNames.stream().map(p -> "d" + p).toList();
        for (Table table : List.of(new Table("PARAM_NAMES", paramNames), new Table("GRADIENT_NAMES", gradients),
                new Table("VALUE_NAMES", values))) {
            problem = problem.or(() -> string(n, table.field(), Members.tableStringBytes(table.names()), "at least"));
        }
        return problem;
    }

    /**
     * Why {@code d}'s trainer is too big for one class, told from the derivation before the class's AST is built
     * (at 818 to 1,600 layers of a chain: derivation about 1 s, the AST 5 to 7 s), or empty. The deltaBuffer
     * lookup has one case per equation, the first method to outgrow 64 kB in a long chain, and its nodes are
     * known exactly once derived ({@link Members#lookupNodes}, the count {@link #requireFits} measures on the
     * method itself): this refuses exactly the derivations whose deltaBuffer the late check would refuse. No such
     * bound holds before derivation: how many of a network's values get a derivative of their own depends on
     * what derivation does (a fused loss's probabilities, {@code A = Z} aliases, values reached only through a
     * comparison or a mask get none), and the one count sure from the network, a gradient per param, refuses no
     * earlier than the valueBuffer lookup {@link #early} counts already.
     */
    static Optional<String> derived(Derivation d) {
        return method(d.network(), "deltaBuffer", (long) BYTES_PER_NODE * Members.lookupNodes(d.equations().size()), "about");
    }

    private record Lookup(String name, int entries) {
    }

    private record Table(String field, List<String> names) {
    }

    /**
     * Refuses, with a message, a class javac would reject: too many fields and methods for the
     * constant pool (about three constants each), a method (a lookup over thousands of values) too
     * long for 64 kB of code, or a string constant (a long table of names) over 65535 bytes. Long
     * tables and long passes were already shortened ({@link Chunks}, {@code Layout.names}); what
     * remains is a network of more than about a thousand layers, or of long names.
     */
    static void requireFits(ClassOrInterfaceDeclaration type, Network network) {
        long members = type.getFields().stream().mapToLong(f -> f.getVariables().size()).sum() + type.getMethods().size();
        List<StringLiteralExpr> literals = type.findAll(StringLiteralExpr.class);
        long strings = literals.stream().map(StringLiteralExpr::getValue).distinct().count();
        Optional<String> problem = constants(network, 3 * members + strings, members, "about");
        for (MethodDeclaration m : type.getMethods()) {
            problem = problem.or(() -> method(network, m.getNameAsString(), (long) BYTES_PER_NODE * m.findAll(Node.class).size(), "about"));
        }
        for (StringLiteralExpr literal : literals) {
            String field = literal.findAncestor(VariableDeclarator.class).map(VariableDeclarator::getNameAsString).orElse("of its strings");
            problem = problem.or(() -> string(network, field, modifiedUtf8Bytes(literal.asString()), ""));
        }
        problem.ifPresent(message -> {
            throw new IllegalArgumentException(message);
        });
    }

    private static Optional<String> constants(Network network, long constants, long members, String bound) {
        if (constants <= JVM_LIMIT - CONSTANTS_MARGIN) {
            return Optional.empty();
        }
        return Optional.of(tooBig(network) + "its trainer would need " + bound + " " + constants + " constants (" + members
                + " fields and methods), and the JVM allows " + JVM_LIMIT + "; use fewer layers");
    }

    private static Optional<String> method(Network network, String method, long bytes, String bound) {
        if (bytes <= JVM_LIMIT) {
            return Optional.empty();
        }
        return Optional.of(tooBig(network) + "its method " + method + " would need " + bound + " " + bytes
                + " bytes of code, and the JVM allows " + JVM_LIMIT + "; use fewer layers");
    }

    private static Optional<String> string(Network network, String table, long bytes, String bound) {
        if (bytes <= JVM_LIMIT) {
            return Optional.empty();
        }
        return Optional.of(tooBig(network) + "its table " + table + " would be one string of " + (bound.isEmpty() ? "" : bound + " ")
                + bytes + " bytes, and the JVM allows " + JVM_LIMIT + " a string; use fewer layers or shorter names");
    }

    private static String tooBig(Network network) {
        return "the network " + network.name() + " is too big for one Java class: ";
    }

    /** The bytes of {@code s} in the class file's modified UTF-8: NUL and U+0080 to U+07FF take two, the rest of the BMP and each surrogate three. */
    static long modifiedUtf8Bytes(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            bytes += c >= 0x01 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        return bytes;
    }
}
