package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.EquationAst;
import dev.netgrad.spec.ast.Expr;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The lines of an equation file (docs/language.md section 9) against a checked network. A name starting
 * with {@code d} is a derivative and must name something of the spec ({@code dZ2}: Z2), by the names
 * the derivation gives ({@code dW_2} is W's when the spec has a value named {@code dW}); any other
 * new name is a helper value. Both become refs with the shape of their line's expression.
 */
public final class EquationFileChecker implements NameResolver {
    private final Network network;
    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final ExprBuilder exprs;
    private final ConstantFolder constants;
    /** The derivation's names: derivative name to what it differentiates, and back. */
    private final Map<String, String> derivativeOf;
    private final Map<String, String> derivativeNameOf = new HashMap<>();
    private final Map<String, Integer> order = new HashMap<>();
    private final Map<String, SourcePos> positions = new HashMap<>();
    private final Map<String, Node> defined = new HashMap<>();
    /** Derivative lines whose shape is not their value's, by name, until a line that reads them fails ({@link #misshapenReadBy}). */
    private final Map<String, EquationAst> misshapen = new LinkedHashMap<>();
    /** Derivative names suggested for a line whose name was refused ({@code dZ1} for {@code dZ_1}). */
    private final Set<String> misspelled = new HashSet<>();
    private int current;
    private EquationAst currentLine;

    private EquationFileChecker(Network network, Map<String, String> derivativeOf, Diagnostics diagnostics) {
        this.network = network;
        this.derivativeOf = new LinkedHashMap<>(derivativeOf); // in the derivation's order, for stable hints
        derivativeOf.forEach((name, of) -> derivativeNameOf.put(of, name));
        this.symbols = Symbols.of(network);
        this.diagnostics = diagnostics;
        this.exprs = new ExprBuilder(this, symbols, diagnostics, true);
        this.constants = new ConstantFolder(symbols, diagnostics);
    }

    /** The checked lines; empty when there were errors. */
    public static Optional<List<EquationLine>> check(List<EquationAst> lines, Network network,
            Map<String, String> derivativeNames, Diagnostics diagnostics) {
        return new EquationFileChecker(network, derivativeNames, diagnostics).run(lines);
    }

    private Optional<List<EquationLine>> run(List<EquationAst> lines) {
        for (int i = 0; i < lines.size(); i++) {
            order.putIfAbsent(lines.get(i).name(), i);
            positions.putIfAbsent(lines.get(i).name(), lines.get(i).pos());
        }
        List<EquationLine> checked = new ArrayList<>();
        for (current = 0; current < lines.size(); current++) {
            EquationAst line = lines.get(current);
            currentLine = line;
            boolean named = declarable(line);
            exprs.startStatement();
            Node value = exprs.build(line.value());
            if (value != null) {
                constants.checkFinite(line.value());
            }
            if (named && value != null) {
                RefKind kind = isDerivative(line.name()) ? RefKind.DERIVATIVE : RefKind.VALUE;
                // A reshaped derivative is reported here and read below in its value's shape: one error, at its line.
                Shape shape = kind == RefKind.DERIVATIVE ? reshaped(line, value.shape()) : value.shape();
                defined.put(line.name(), Ref.of(line.name(), kind, shape));
                checked.add(new EquationLine(line.name(), value, line.pos(), line.value().start(), line.end()));
                if (kind == RefKind.DERIVATIVE && valueShape(line.name()).filter(w -> !w.equals(shape)).isPresent()) {
                    misshapen.put(line.name(), line);
                }
            } else if (value == null) {
                misshapenReadBy(line);
            }
        }
        return diagnostics.hasErrors() ? Optional.empty() : Optional.of(checked);
    }

    /**
     * A derivative holding its value's entries in another shape ({@code dP4 = dF5} for the image P4 that
     * F5 flattens): the checker compares entries, and would call it right, or report the lines that read it.
     */
    private Shape reshaped(EquationAst line, Shape got) {
        String of = differentiatedName(line.name());
        Optional<Shape> want = valueShape(line.name());
        if (want.isEmpty() || want.get().equals(got) || !want.get().plain().equals(got.plain())) {
            return got;
        }
        Shape w = want.get();
        String fix = w.isImage() && !got.isImage() ? ": read them in " + of + "'s shape with unflatten(..., like=" + of + ")"
                : got.isImage() && !w.isImage() ? ": flatten them, flatten(...)" : "";
        diagnostics.error(line.value().start(), line.name() + " is " + describe(got) + ", but " + of + " is "
                + describe(w) + ", the same entries in another shape" + fix);
        return w;
    }

    /** The name of the value a derivative line differentiates: {@code Z2} for {@code dZ2}, or the derivation's. */
    private String differentiatedName(String derivative) {
        return derivativeOf.getOrDefault(derivative, derivative.substring(1));
    }

    /** The value a derivative line differentiates, when the spec has it. */
    private Optional<Node> differentiated(String derivative) {
        return symbols.lookup(differentiatedName(derivative)).flatMap(Symbols.Symbol::node);
    }

    /** The shape of the value a derivative line differentiates ({@code Z2} for {@code dZ2}), when the spec has it. */
    private Optional<Shape> valueShape(String derivative) {
        return differentiated(derivative).map(Node::shape);
    }

    /**
     * A line that fails and reads a derivative of the wrong shape: the mistake is that derivative's line,
     * reported there too, once ({@code dZ2 = (A2 - Y).T} was reported only as the '@' of a later
     * {@code dW2 = 1/m * dZ2 @ A1.T} that does not fit). A derivative of the wrong shape that no line
     * reads, or that every line reading it fits, is check's to judge: it names a wrong axis or a
     * transposed result, from the values.
     */
    private void misshapenReadBy(EquationAst reader) {
        for (var it = misshapen.values().iterator(); it.hasNext(); ) {
            EquationAst line = it.next();
            if (!reads(reader.value(), line.name())) {
                continue;
            }
            Shape got = defined.get(line.name()).shape();
            Shape want = valueShape(line.name()).orElseThrow();
            String of = differentiatedName(line.name());
            diagnostics.error(line.value().start(), line.name() + " has shape " + got + ", but " + of + " is " + want
                    + (got.transpose().equals(want) ? ": the result is transposed" : "") + " (line " + reader.pos().line()
                    + " reads it)");
            it.remove();
        }
    }

    private static String describe(Shape s) {
        return s.isImage() ? "an image (" + s + ")" : s.isFilterBank() ? "a filter bank (" + s + ")" : s.toString();
    }

    private boolean isDerivative(String name) {
        return derivativeOf.containsKey(name) || (name.length() > 1 && name.startsWith("d"));
    }

    private boolean declarable(EquationAst line) {
        String name = line.name();
        if (!Names.checkDeclarable(name, line.pos(), diagnostics)) {
            return false;
        }
        if (order.get(name) != current) {
            SourcePos at = positions.get(name);
            diagnostics.error(line.pos(), "'" + name + "' is already assigned at " + at.line() + ":" + at.column()
                    + ": every name is assigned once" + (reads(line.value(), name) ? "; a line cannot update " + name
                    + " in place as numpy does (the course's dA2 = dA2 * D2 / keep_prob): write what it does into the line"
                    + " that reads " + name : ""));
            return false;
        }
        Optional<Symbols.Symbol> spec = symbols.lookup(name);
        if (spec.isPresent()) {
            diagnostics.error(line.pos(), "'" + name + "' is already defined by the spec (as " + spec.get().kind().word()
                    + "): an equation file defines derivatives (dNAME) and new helper names" + renamedDerivative(name));
            return false;
        }
        if (isDerivative(name) && !derivativeOf.containsKey(name) && !differentiable(name.substring(1))
                && !isEarlierHelper(name.substring(1))) {
            if (name.equals("dA0")) {
                diagnostics.error(line.pos(), "'dA0' is a derivative, but the spec has no value or param named 'A0'"
                        + courseInput());
                return false;
            }
            diagnostics.error(line.pos(), "'" + name + "' is a derivative, but the spec has no value or param named '"
                    + name.substring(1) + "'" + nearestDerivative(name));
            // The lines below that read the name suggested say nothing more: the mistake is this line's name.
            Names.nearest(name, derivativeOf.keySet()).ifPresent(misspelled::add);
            return false;
        }
        return true;
    }

    /** Whether an expression reads a name: a second {@code dA2 = dA2 * ...} updates the first in place. */
    private static boolean reads(Expr e, String name) {
        if (e instanceof Expr.Name n) {
            return n.name().equals(name);
        }
        if (e instanceof Expr.Negate n) {
            return reads(n.operand(), name);
        }
        if (e instanceof Expr.Binary b) {
            return reads(b.left(), name) || reads(b.right(), name);
        }
        if (e instanceof Expr.Power p) {
            return reads(p.base(), name) || reads(p.exponent(), name);
        }
        if (e instanceof Expr.Transpose t) {
            return reads(t.operand(), name);
        }
        return e instanceof Expr.Call c && c.args().stream().anyMatch(a -> reads(a.value(), name));
    }

    /** When the spec's own dW took the plain name, W's derivative is dW_2: say so. */
    private String renamedDerivative(String name) {
        String of = name.substring(1);
        String renamed = name.startsWith("d") ? derivativeNameOf.get(of) : null;
        return renamed == null || renamed.equals(name) ? ""
                : "; the derivative of " + of + " is named " + renamed + ", since the spec uses " + name;
    }

    /** A derivative name of the derivation close to the one written (db_3: db_2), else a close spec name. */
    private String nearestDerivative(String name) {
        return Names.nearest(name, derivativeOf.keySet()).map(c -> "; did you mean '" + c + "'?")
                .orElseGet(() -> Names.didYouMean(name.substring(1), statementAndParamNames()));
    }

    /** The course's A0 is the input: its derivative is never needed. */
    private String courseInput() {
        String x = network.inputs().size() == 1 ? "the input " + network.inputs().get(0).name() : "an input";
        return ": the course's A0 is " + x + " here, and netgrad derives nothing for data; the backward pass ends at the"
                + " first layer's dW and db, so leave this line out";
    }

    /** A helper the file defined above (batchnorm's normalized value, say) has a derivative too. */
    private boolean isEarlierHelper(String name) {
        return defined.get(name) instanceof Ref helper && helper.kind() == RefKind.VALUE;
    }

    private boolean differentiable(String name) {
        return symbols.lookup(name).map(Symbols.Symbol::kind)
                .filter(k -> k == Symbols.Kind.VALUE || k == Symbols.Kind.PARAM || k == Symbols.Kind.INPUT
                        || k == Symbols.Kind.TARGET).isPresent();
    }

    private List<String> statementAndParamNames() {
        List<String> names = new ArrayList<>();
        network.statements().forEach(s -> names.add(s.name()));
        network.params().forEach(p -> names.add(p.name()));
        return names;
    }

    @Override
    public Node resolve(Expr.Name name) {
        String n = name.name();
        if (n.equals(Ref.BATCH_SIZE_NAME)) {
            return Ref.batchSize();
        }
        Integer index = order.get(n);
        if (index != null && index >= current && symbols.lookup(n).isEmpty()) {
            SourcePos at = positions.get(n);
            diagnostics.error(name.pos(), index == current ? "'" + n + "' is used in its own definition"
                    : "'" + n + "' is used before it is assigned (at " + at.line() + ":" + at.column() + ")");
            return null;
        }
        if (defined.containsKey(n)) {
            return defined.get(n);
        }
        Optional<Symbols.Symbol> s = symbols.lookup(n);
        if (s.isPresent()) {
            return s.get().node().orElse(null);
        }
        if (index != null) {
            return null; // that line had an error of its own
        }
        String of = derivativeOf.get(n);
        if (of != null && misspelled.contains(n)) {
            return null; // a line above meant it, and its name was refused with this one suggested
        }
        if (of != null) {
            // "undefined name 'dA1'; did you mean 'A1'?" pointed away from the line the file lacks.
            diagnostics.error(name.pos(), "'" + n + "' has no line: no line of the file assigns " + n + ", the derivative of "
                    + of + "; assign it on a line above this one, or write its expression here");
            return null;
        }
        Optional<String> course = courseDropoutName(n);
        if (course.isPresent()) {
            diagnostics.error(name.pos(), "undefined name '" + n + "'" + course.get());
            return null;
        }
        List<String> known = new ArrayList<>(defined.keySet());
        symbols.all().forEach(x -> known.add(x.name()));
        diagnostics.error(name.pos(), (Names.FUNCTIONS.contains(n) ? "'" + n + "' is a function: call it, " + n + "(...)"
                : "undefined name '" + n + "'" + Names.didYouMean(n, known)));
        return null;
    }

    /**
     * The course's names for a dropout's parts, which a spec's dropout has none of: its mask D2 (of A2), which
     * is mask(A2), and keep_prob, a number. Empty for any other name, or a network without dropout.
     */
    private Optional<String> courseDropoutName(String n) {
        Map<String, Double> keeps = new LinkedHashMap<>();
        for (Statement s : network.statements()) {
            Nodes.of(s.value(), Nodes.Masks.ENTER).stream()
                    .filter(x -> x instanceof Apply a && a.op() == Op.DROPOUT && a.arg(1) instanceof Num)
                    .findFirst().ifPresent(d -> keeps.put(s.name(), ((Num) ((Apply) d).arg(1)).value()));
        }
        if (keeps.isEmpty()) {
            return Optional.empty();
        }
        if (n.matches("D[0-9]+") && keeps.containsKey("A" + n.substring(1))) {
            String a = "A" + n.substring(1);
            return Optional.of(": the course's dropout mask " + n + " is written mask(" + a + ") here, the 0/1 mask of the"
                    + " dropout in " + a);
        }
        if (n.equals("keep_prob") || n.equals("keep")) {
            String each = keeps.entrySet().stream().map(e -> ExprPrinter.number(e.getValue()) + " for " + e.getKey())
                    .collect(java.util.stream.Collectors.joining(", "));
            return Optional.of(": write the dropout's keep probability as the spec gives it, " + each);
        }
        return Optional.empty();
    }

    @Override
    public Optional<Node> differentiatedImage() {
        String name = currentLine.name();
        return isDerivative(name) ? differentiated(name).filter(n -> n.shape().isImage()) : Optional.empty();
    }

    /**
     * No hint ("") for a product that reads a derivative line of the wrong shape: "the left operand transposed would fit"
     * sent {@code dA1 = W2.T @ dZ2} after a 4 x m {@code dZ2} to {@code W2 @ dZ2}, where dZ2's own line is the mistake.
     * A derivative line's product on the line's own level, below only elementwise operations ({@code 1/m * A1.T @ dZ2},
     * {@code W2 @ dZ2 * (1 - A1^2)}), gives the line its shape; the arrangement of its operands that does, if any.
     */
    @Override
    public Optional<String> productHint(Expr.Binary product, Node left, Node right) {
        String name = currentLine.name();
        // A derivative read in the wrong shape is the mistake, at its own line (misshapenReadBy): no operand to change here.
        if (misshapen.keySet().stream().anyMatch(d -> reads(product, d))) {
            return Optional.of("");
        }
        if (!isDerivative(name) || !elementwiseOver(currentLine.value(), product)) {
            return Optional.empty();
        }
        return valueShape(name).filter(want -> want.grid() == null)
                .flatMap(want -> ProductArrangement.fitting(left, right, want)
                        .map(fit -> "; " + fit + " would fit, giving " + want + ", the shape of " + name));
    }

    /**
     * {@code *} written for the matrix product ({@code dW2 = 1/m * dZ2 * A1.T}, numpy's np.dot read as a product): on a
     * derivative line's own level, the arrangement of its operands as {@code @} that gives the line its shape, if any.
     */
    @Override
    public Optional<String> matrixProductHint(Expr.Binary product, Node left, Node right) {
        String name = currentLine.name();
        if (!isDerivative(name) || !elementwiseOver(currentLine.value(), product)) {
            return Optional.empty();
        }
        return valueShape(name).filter(want -> want.grid() == null)
                .flatMap(want -> ProductArrangement.fitting(left, right, want)
                        .map(fit -> ": '*' multiplies entry by entry, and the matrix product (numpy's np.dot) is '@'; " + fit
                                + " would fit, giving " + want + ", the shape of " + name));
    }

    /**
     * A term in a weight (a regularizer's {@code lambda/m * W3}) added to the derivative of a value ({@code dZ3 = A3 - Y
     * + lambda/m * W3}) does not broadcast over the value's columns: it belongs to the weight's own line.
     */
    @Override
    public Optional<String> sumHint(Node left, Node right) {
        String name = currentLine.name();
        Optional<Node> of = isDerivative(name) ? differentiated(name) : Optional.empty();
        if (of.isEmpty() || (of.get() instanceof Ref r && r.kind() == RefKind.PARAM) || left.shape().grid() != null
                || right.shape().grid() != null) {
            return Optional.empty();
        }
        for (Node term : List.of(left, right)) {
            Optional<Ref> param = Nodes.paramAlone(term);
            if (param.isPresent()) {
                String dP = derivativeNameOf.getOrDefault(param.get().name(), "d" + param.get().name());
                return Optional.of(": " + ExprBuilder.shown(term) + ", a term in the param " + param.get().name()
                        + " alone (as a regularizer's is), belongs on " + dP + "'s line, not " + name + "'s");
            }
        }
        return Optional.empty();
    }

    /** Whether {@code part} is {@code e} or is reached from it through + - * / and negation alone. */
    private static boolean elementwiseOver(Expr e, Expr part) {
        if (e == part) {
            return true;
        }
        if (e instanceof Expr.Negate n) {
            return elementwiseOver(n.operand(), part);
        }
        return e instanceof Expr.Binary b && b.op() != Op.MATMUL
                && (elementwiseOver(b.left(), part) || elementwiseOver(b.right(), part));
    }

    @Override
    public Node mask(Expr.Name name) {
        Optional<Statement> statement = network.statement(name.name());
        Optional<Node> dropout = statement.flatMap(s -> Nodes.of(s.value(), Nodes.Masks.ENTER).stream()
                .filter(n -> n instanceof Apply a && a.op() == Op.DROPOUT).findFirst());
        if (dropout.isEmpty()) {
            diagnostics.error(name.pos(), "mask(" + name.name() + ") needs a statement of the spec assigned with "
                    + "dropout, e.g. A1 = dropout(relu(Z1), 0.8)" + (statement.isEmpty() ? "; there is no statement "
                    + name.name() : "; " + name.name() + " has none"));
            return null;
        }
        // The mask has the shape of what the dropout keeps, not the statement's: Z2 = W2 @ dropout(A1, 0.8) + b2 masks A1.
        return exprs.apply(name.pos(), Op.MASK, Symbols.valueRef(name.name(), dropout.get().shape()));
    }
}
