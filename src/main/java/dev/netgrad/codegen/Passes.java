package dev.netgrad.codegen;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.VoidType;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.diff.Algebra;
import dev.netgrad.diff.Batchnorm;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Equation;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement.Role;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The forward pass (stable forms), the backward pass (one method per derived equation, each
 * carrying the equation and its numerator as a comment) and the prediction's forward pass
 * (only what the output needs, dropout off).
 */
final class Passes {
    private final Derivation d;
    private final Buffers buffers;
    private final List<MethodDeclaration> computeMethods = new ArrayList<>();
    private final List<BodyDeclaration<?>> loopFields = new ArrayList<>();
    private final Map<String, String> forwardMethods = new HashMap<>();
    /** The methods computing a value with its dropout off, by value: prediction and evaluation share them. */
    private final Map<String, String> withoutDropoutMethods = new HashMap<>();
    private Map<String, SharedExps> shared = Map.of();

    Passes(Derivation d, Buffers buffers) {
        this.d = d;
        this.buffers = buffers;
    }

    List<MethodDeclaration> computeMethods() {
        return computeMethods;
    }

    /** The fields holding the range methods of shareable loops ({@code loopOfA1 = this::entriesOfA1}). */
    List<BodyDeclaration<?>> loopFields() {
        return loopFields;
    }

    MethodDeclaration forward() {
        List<Statement> calls = new ArrayList<>();
        shared = SharedExps.plan(d.stableForward(), buffers);
        for (dev.netgrad.spec.Statement s : d.stableForward()) {
            String comment = s.name() + " = " + ExprPrinter.print(s.value()) + "   (" + s.shape() + ")";
            String method = compute(s.name(), s.value(), "", comment, shared.get(s.name()));
            forwardMethods.put(s.name(), method);
            calls.add(call(method, comment));
        }
        return method("forward", calls, " Forward pass: every value of the network, the loss and the cost in numerically stable forms.");
    }

    /** Call after {@link #forward}: the cost's statement alone. */
    MethodDeclaration forwardCost() {
        String cost = d.network().cost();
        List<Statement> calls = List.of(call(forwardMethods.get(cost), cost + " from the losses in the buffers"));
        return method("forwardCost", calls, " The cost alone (for the gradients of a batch summed in parts).");
    }

    MethodDeclaration backward() {
        List<Statement> calls = new ArrayList<>();
        for (Equation e : d.equations()) {
            String method = compute(e.name(), e.value(), "", equation(e), SharedExps.NONE);
            calls.add(call(method, equation(e)));
        }
        String convention = d.convention().keyword();
        return method("backward", calls, " Backward pass (" + convention + " convention): the derived equations, in order.");
    }

    /**
     * Call after {@link #forward}: reuses its methods where dropout does not matter; a batchnorm's
     * mean and standard deviation are its running averages, not the batch's.
     */
    MethodDeclaration predictForward() {
        List<Statement> calls = asPredicted(closure(d.network().output()), Set.of(Role.VALUE));
        return method("predictForward", calls, " Prediction: the values the output " + d.network().output() + " needs, dropout off.");
    }

    /**
     * Call after {@link #predictForward}: the losses of the model as it predicts (dropout off,
     * batchnorm's running averages), and every value the cost reads, but not the cost. A statement
     * storing exp(-|x|) for the loss ({@link SharedExps}) runs too, though the cost does not read its value.
     */
    MethodDeclaration evaluationForward() {
        String cost = d.network().cost();
        Set<String> needed = closure(cost);
        shared.forEach((name, exps) -> {
            if (!exps.produce().isEmpty()) {
                needed.addAll(closure(name));
            }
        });
        needed.remove(cost);
        List<Statement> calls = asPredicted(needed, Set.of(Role.VALUE, Role.LOSS));
        return method("evaluationForward", calls,
                " Evaluation: the losses as the model predicts (dropout off, batchnorm's running averages) and what the cost reads.");
    }

    /** The calls computing the {@code needed} statements of these roles in the forward pass's order, as prediction does. */
    private List<Statement> asPredicted(Set<String> needed, Set<Role> roles) {
        List<Statement> calls = new ArrayList<>();
        List<Batchnorm> batchnorms = d.batchnorms();
        for (dev.netgrad.spec.Statement s : d.stableForward()) {
            if (!needed.contains(s.name()) || !roles.contains(s.role())) {
                continue;
            }
            int mean = indexOf(batchnorms, Batchnorm::mean, s.name());
            int std = indexOf(batchnorms, Batchnorm::std, s.name());
            if (mean >= 0) {
                calls.add(running("useRunningMean", mean, s.name(), s.name() + " = the running average of " + ExprPrinter.print(s.value())));
            } else if (std >= 0) {
                calls.add(running("useRunningStd", std, s.name(), s.name() + " = sqrt(the running average of the variance + "
                        + ExprPrinter.print(Algebra.num(batchnorms.get(std).eps())) + ")"));
            } else if (Dropouts.readsMask(s.value())) {
                Node plain = Dropouts.strip(s.value());
                String comment = s.name() + " = " + ExprPrinter.print(plain) + "   (dropout off)";
                String method = withoutDropoutMethods.computeIfAbsent(s.name(),
                        name -> compute(name, plain, "WithoutDropout", comment, SharedExps.NONE));
                calls.add(call(method, comment));
            } else {
                calls.add(call(forwardMethods.get(s.name()), s.name() + " = " + ExprPrinter.print(s.value())));
            }
        }
        return calls;
    }

    static String equation(Equation e) {
        return e.name() + " = " + ExprPrinter.print(e.value()) + "   (" + e.label() + ")";
    }

    private String compute(String name, Node value, String suffix, String comment, SharedExps shared) {
        Buffer dest = buffers.named(name);
        String java = dest.java();
        String method = buffers.names().allocate("compute" + java.substring(0, 1).toUpperCase(Locale.ROOT) + java.substring(1) + suffix);
        KernelCompiler.Compiled compiled = KernelCompiler.compile(buffers, dest, value, shared);
        MethodDeclaration m = new MethodDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE), new VoidType(), method);
        m.setBody(Ast.block(compiled.body()));
        buffers.sharedWith(dest).filter(source -> compiled.body().isEmpty()).ifPresent(source -> m.getBody().orElseThrow()
                .addOrphanComment(new LineComment(" " + java + " is " + source.java() + "'s array (allocate): nothing moves")));
        m.setComment(new LineComment(" " + comment));
        computeMethods.add(m);
        for (BodyDeclaration<?> member : compiled.members()) {
            if (member instanceof MethodDeclaration range) {
                computeMethods.add(range);
            } else {
                loopFields.add(member);
            }
        }
        return method;
    }

    /** {@code useRunningMean(b, Zn1_mean);}: the runtime fills a batchnorm's statistic from its running average. */
    private Statement running(String method, int batchnorm, String value, String comment) {
        ExpressionStmt s = Ast.run(Ast.call(method, Ast.lit(batchnorm), Ast.name(buffers.named(value).java())));
        s.setComment(new LineComment(" " + comment));
        return s;
    }

    private static int indexOf(List<Batchnorm> batchnorms, Function<Batchnorm, String> helper, String name) {
        for (int b = 0; b < batchnorms.size(); b++) {
            if (helper.apply(batchnorms.get(b)).equals(name)) {
                return b;
            }
        }
        return -1;
    }

    private static Statement call(String method, String comment) {
        ExpressionStmt s = Ast.run(Ast.call(method));
        s.setComment(new LineComment(" " + comment));
        return s;
    }

    private static MethodDeclaration method(String name, List<Statement> body, String comment) {
        MethodDeclaration m = Members.override(new VoidType(), name, body);
        m.setComment(new LineComment(comment));
        return m;
    }

    /** The statements the value {@code name} depends on, itself included. */
    private Set<String> closure(String name) {
        Map<String, Node> definitions = new HashMap<>();
        d.stableForward().forEach(s -> definitions.put(s.name(), s.value()));
        Set<String> out = new HashSet<>();
        List<String> work = new ArrayList<>(List.of(name));
        while (!work.isEmpty()) {
            String next = work.remove(work.size() - 1);
            Node value = definitions.get(next);
            if (value != null && out.add(next)) {
                collectValues(value, work);
            }
        }
        return out;
    }

    private static void collectValues(Node node, List<String> out) {
        if (node instanceof Ref r && r.kind() == RefKind.VALUE) {
            out.add(r.name());
        } else if (node instanceof dev.netgrad.ir.Apply a) {
            a.args().forEach(arg -> collectValues(arg, out));
        }
    }
}
