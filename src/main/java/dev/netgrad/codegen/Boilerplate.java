package dev.netgrad.codegen;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ClassOrInterfaceDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.Name;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.SimpleName;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The fixed Java source shared by every generated class, parsed with JavaParser so it joins the
 * typed class before printing. It lives in resources next to this class, each file one holder class
 * whose members are copied:
 * <ul>
 * <li>{@code Runtime.java.txt}: the public API around the generated passes. It reaches the network's
 * buffers only through the generated lookups ({@code paramBuffer(int)} ...) and tables
 * ({@code PARAM_NAMES}, {@code VALUE_ROWS} ...), so it never names a spec value.</li>
 * <li>{@code Params.java.txt}: saving and loading params as JSON written by hand (the class depends
 * on java.base alone): {@code {"network": "Planar", "params": {"W1": [[...], ...], ...}}}, numbers
 * as {@code Double.toString} prints them; other top-level keys are ignored when loading.</li>
 * <li>{@code Products.java.txt}: matrix products ({@code products.multiply(...)}), cache-blocked, in a
 * form the JIT vectorizes, shared among helper threads when big; they still add the terms of every
 * entry one by one in increasing k, starting from 0: the rounding of the straightforward loop (and of
 * the reference evaluator), with no fused multiply-add, whatever the number of threads.</li>
 * <li>{@code Kernels.java.txt}: the other numeric kernels (softmax, fast tanh, sigmoid, softplus ...),
 * included when called.</li>
 * </ul>
 * Resources rather than text blocks: the plugin descriptor's source scanner (QDox) cannot read text
 * blocks full of quotes and escapes.
 */
final class Boilerplate {
    private static final String RUNTIME = read("Runtime.java.txt");
    private static final String PARAMS = read("Params.java.txt");
    private static final String PRODUCTS = read("Products.java.txt");
    private static final String KERNELS = read("Kernels.java.txt");
    /** The members of each holder class, parsed once; only ever copied. */
    private static final Map<String, List<BodyDeclaration<?>>> PARSED = new ConcurrentHashMap<>();
    private static final Set<String> RESERVED = Set.copyOf(findReservedNames());

    private Boilerplate() {
    }

    private static String read(String resource) {
        try (InputStream in = Boilerplate.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("netgrad is missing its resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParserConfiguration configuration() {
        return new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_17);
    }

    /** The members of the runtime API, of params files and of matrix products, in source order. */
    static List<BodyDeclaration<?>> runtime() {
        List<BodyDeclaration<?>> out = new ArrayList<>(members(RUNTIME));
        out.addAll(members(PARAMS));
        out.addAll(members(PRODUCTS));
        return out;
    }

    /**
     * The kernels that {@code used} calls, directly or through other kernels, in source order: a
     * network without softmax carries no softmax.
     */
    static List<BodyDeclaration<?>> kernels(Set<String> used) {
        List<BodyDeclaration<?>> all = members(KERNELS);
        Set<String> tables = new LinkedHashSet<>();
        for (BodyDeclaration<?> m : all) {
            if (m instanceof FieldDeclaration field) {
                field.getVariables().forEach(v -> tables.add(v.getNameAsString()));
            }
        }
        Set<String> needed = new LinkedHashSet<>(used);
        boolean grew = true;
        while (grew) {
            grew = false;
            for (BodyDeclaration<?> m : all) {
                if (m instanceof MethodDeclaration method && needed.contains(method.getNameAsString())) {
                    for (MethodCallExpr call : method.findAll(MethodCallExpr.class)) {
                        if (call.getScope().isEmpty()) {
                            grew |= needed.add(call.getNameAsString());
                        }
                    }
                    // The tables a kernel reads (exp's) come with it.
                    method.findAll(NameExpr.class).stream().map(NameExpr::getNameAsString).filter(tables::contains).forEach(needed::add);
                }
            }
        }
        List<BodyDeclaration<?>> out = new ArrayList<>();
        for (BodyDeclaration<?> m : all) {
            String name = m instanceof FieldDeclaration field
                    ? field.getVariable(0).getNameAsString() : ((MethodDeclaration) m).getNameAsString();
            if (needed.contains(name)) {
                out.add(m);
            }
        }
        return out;
    }

    /**
     * The names a spec value must not take as a field: every member the fixed source declares
     * (a field {@code fit} beside the method would confuse readers; a field {@code m} would break
     * the code) and every capitalized name it uses ({@code Math}, {@code Arrays}: a field of that
     * name would hide the class).
     */
    static Set<String> reservedNames() {
        return RESERVED;
    }

    private static Set<String> findReservedNames() {
        Set<String> out = new LinkedHashSet<>();
        for (String source : List.of(RUNTIME, PARAMS, PRODUCTS, KERNELS)) {
            CompilationUnit cu = parse(source);
            ClassOrInterfaceDeclaration holder = cu.getType(0).asClassOrInterfaceDeclaration();
            for (BodyDeclaration<?> m : holder.getMembers()) {
                if (m instanceof MethodDeclaration method) {
                    out.add(method.getNameAsString());
                } else if (m instanceof FieldDeclaration field) {
                    field.getVariables().forEach(v -> out.add(v.getNameAsString()));
                } else if (m instanceof TypeDeclaration<?> type) {
                    out.add(type.getNameAsString());
                }
            }
            cu.findAll(SimpleName.class).forEach(n -> addCapitalized(n.getIdentifier(), out));
            cu.findAll(Name.class).forEach(n -> addCapitalized(n.getIdentifier(), out));
            out.remove(holder.getNameAsString());
        }
        out.add("java");
        return out;
    }

    private static void addCapitalized(String identifier, Set<String> out) {
        if (Character.isUpperCase(identifier.charAt(0))) {
            out.add(identifier);
        }
    }

    /**
     * Fresh copies of the members of a holder class (each generated class gets its own, since
     * adding a node to a class reparents it). The source is parsed once per run: parsing is most of
     * the cost, copying is cheap.
     */
    private static List<BodyDeclaration<?>> members(String source) {
        List<BodyDeclaration<?>> parsed = PARSED.computeIfAbsent(source, Boilerplate::parseMembers);
        List<BodyDeclaration<?>> out = new ArrayList<>();
        synchronized (parsed) {
            for (BodyDeclaration<?> m : parsed) {
                out.add(m.clone());
            }
        }
        return out;
    }

    private static List<BodyDeclaration<?>> parseMembers(String source) {
        ClassOrInterfaceDeclaration holder = parse(source).getType(0).asClassOrInterfaceDeclaration();
        return List.copyOf(holder.getMembers());
    }

    private static CompilationUnit parse(String source) {
        ParseResult<CompilationUnit> result = new JavaParser(configuration()).parse(source);
        if (!result.isSuccessful() || result.getResult().isEmpty()) {
            throw new IllegalStateException("netgrad's own trainer source does not parse: " + result.getProblems());
        }
        return result.getResult().get();
    }
}
