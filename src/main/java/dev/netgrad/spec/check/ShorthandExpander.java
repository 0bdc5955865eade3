package dev.netgrad.spec.check;

import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.SpecAst;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Expands the layer shorthand (docs/language.md section 6) into explicit params and statements:
 * {@code dense N act} into W{l}, b{l}, Z{l}, A{l} with A0 = the input, and {@code loss
 * cross_entropy|mse} into the loss L (and the cost J = mean(L) unless one is written).
 */
final class ShorthandExpander {
    static final Set<String> ACTIVATIONS = Set.of("relu", "leaky_relu", "tanh", "sigmoid", "softmax", "softplus",
            "linear");

    /** What the shorthand adds; statements in the order they must be checked. */
    record Expansion(List<Param> params, List<Member.Assignment> layers, Optional<Member.Assignment> loss,
                     Optional<Member.Assignment> cost, Optional<String> output) {
    }

    /** A layer as expanded; units and activation are known only when the layer is sound. */
    private record Layer(int units, String activation, String output) {
    }

    private final Declarations declarations;
    private final ConstantFolder folder;
    private final Diagnostics diagnostics;
    private final List<Param> params = new ArrayList<>();
    private final List<Member.Assignment> statements = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private int denseLines;
    private boolean broken;

    ShorthandExpander(Declarations declarations, ConstantFolder folder, Diagnostics diagnostics) {
        this.declarations = declarations;
        this.folder = folder;
        this.diagnostics = diagnostics;
    }

    /** {@code expandLoss}: the loss shorthand is the network's only loss. */
    Expansion expand(SpecAst ast, boolean expandLoss) {
        for (Member m : ast.members()) {
            if (m instanceof Member.Dense d) {
                dense(ast, d);
            }
        }
        Optional<Member.Assignment> loss = Optional.empty();
        Optional<Member.Assignment> cost = Optional.empty();
        Optional<Member.LossShorthand> shorthand = ast.members().stream()
                .filter(Member.LossShorthand.class::isInstance).map(Member.LossShorthand.class::cast).findFirst();
        if (shorthand.isPresent() && expandLoss) {
            loss = loss(ast, shorthand.get());
            boolean explicitCost = ast.members().stream()
                    .anyMatch(m -> m instanceof Member.Assignment a && a.role() == Statement.Role.COST);
            if (loss.isPresent() && !explicitCost) {
                cost = defaultCost(shorthand.get().pos());
            }
        }
        Optional<String> output = loss.isPresent() ? Optional.of(layers.get(layers.size() - 1).output())
                : Optional.empty();
        return new Expansion(params, statements, loss, cost, output);
    }

    private void dense(SpecAst ast, Member.Dense d) {
        int l = ++denseLines;
        String w = "W" + l;
        String b = "b" + l;
        String z = "Z" + l;
        String a = "A" + l;
        String origin = "dense layer " + l + " defines '%s', but ";
        boolean named = claim(w, Symbols.Kind.PARAM, d.pos(), origin) & claim(b, Symbols.Kind.PARAM, d.pos(), origin)
                & claim(z, Symbols.Kind.VALUE, d.pos(), origin) & claim(a, Symbols.Kind.VALUE, d.pos(), origin);
        OptionalInt units = folder.size(d.units(), "the size of dense layer " + l);
        boolean activationOk = ACTIVATIONS.contains(d.activation());
        if (!activationOk) {
            diagnostics.error(d.activationPos(), "unknown activation '" + d.activation() + "' for dense: expected "
                    + "relu, leaky_relu, tanh, sigmoid, softmax, softplus or linear");
        }
        // A layer's W is a weight even when it has one column (a one-row input): never zeros by default.
        Optional<Init> init = d.init().isPresent() ? Inits.fold(d.init().get(), folder, diagnostics)
                : Optional.of(Init.of(Init.Kind.XAVIER));
        OptionalDouble keep = d.keep().isPresent()
                ? folder.inRange(d.keep().get(), "the keep probability of dropout", 0, true, 1, false)
                : OptionalDouble.of(1);
        Optional<Previous> previous = previous(ast, d);
        if (broken || !named || units.isEmpty() || !activationOk || init.isEmpty() || keep.isEmpty()
                || previous.isEmpty()) {
            broken = true;
            return;
        }
        int n = units.getAsInt();
        addParam(new Param(w, new Shape(n, previous.get().rows()), init.get(), true, d.pos()));
        addParam(new Param(b, Shape.column(n), Init.of(Init.Kind.ZEROS), false, d.pos()));
        AstFactory f = new AstFactory(d.pos());
        Expr zValue = f.binary(Op.ADD, f.binary(Op.MATMUL, f.name(w), f.name(previous.get().name())), f.name(b));
        statements.add(new Member.Assignment(z, Statement.Role.VALUE, zValue, d.pos()));
        Expr activated = d.activation().equals("linear") ? f.name(z) : f.call(d.activation(), f.name(z));
        Expr aValue = d.keep().isPresent() ? f.call("dropout", activated, f.number(keep.getAsDouble())) : activated;
        statements.add(new Member.Assignment(a, Statement.Role.VALUE, aValue, d.pos()));
        layers.add(new Layer(n, d.activation(), a));
    }

    private record Previous(String name, int rows) {
    }

    /** The value the layer reads: the previous layer's A, or the network's input for the first. */
    private Optional<Previous> previous(SpecAst ast, Member.Dense d) {
        if (!layers.isEmpty()) {
            Layer last = layers.get(layers.size() - 1);
            return Optional.of(new Previous(last.output(), last.units()));
        }
        if (broken) {
            return Optional.empty();
        }
        List<Member.Data> inputs = ast.members().stream().filter(m -> m instanceof Member.Data x && !x.target())
                .map(Member.Data.class::cast).toList();
        if (inputs.size() != 1) {
            diagnostics.error(d.pos(), "the first dense layer reads the network's input (A0), but there "
                    + (inputs.isEmpty() ? "is none: declare one, e.g. 'input X[2]'" : "are " + inputs.size()));
            return Optional.empty();
        }
        Optional<DataValue> input = declarations.inputs.stream().findFirst();
        return input.map(x -> new Previous(x.name(), x.rows()));
    }

    private Optional<Member.Assignment> loss(SpecAst ast, Member.LossShorthand s) {
        String kind = s.kind();
        if (!kind.equals("cross_entropy") && !kind.equals("mse")) {
            diagnostics.error(s.pos(), "unknown loss '" + kind + "': expected cross_entropy or mse, or write "
                    + "'loss L = expr'");
            return Optional.empty();
        }
        boolean anyDense = ast.members().stream().anyMatch(Member.Dense.class::isInstance);
        if (!anyDense) {
            diagnostics.error(s.pos(), "loss " + kind + " reads the output of the last dense layer, but there are "
                    + "no dense layers: add some, or write 'loss L = expr'");
            return Optional.empty();
        }
        long targets = ast.members().stream().filter(m -> m instanceof Member.Data x && x.target()).count();
        if (targets != 1) {
            diagnostics.error(s.pos(), "loss " + kind + " compares the output with the target, but there "
                    + (targets == 0 ? "is none: declare one, e.g. 'target Y[1]'" : "are " + targets));
            return Optional.empty();
        }
        if (broken || declarations.targets.isEmpty()) {
            return Optional.empty();
        }
        return lossFor(kind, layers.get(layers.size() - 1), declarations.targets.get(0), s.pos());
    }

    private Optional<Member.Assignment> lossFor(String kind, Layer last, DataValue target, SourcePos pos) {
        if (last.units() != target.rows()) {
            diagnostics.error(pos, "the last dense layer has " + last.units() + " units but target " + target.name()
                    + " has " + target.rows() + (target.rows() == 1 ? " row" : " rows") + ": they must match");
            return Optional.empty();
        }
        AstFactory f = new AstFactory(pos);
        Expr a = f.name(last.output());
        Expr y = f.name(target.name());
        Expr value;
        if (kind.equals("mse")) {
            value = f.binary(Op.DIV, f.reduce("sum", f.power(f.binary(Op.SUB, a, y), 2), 0), f.number(2));
        } else if (last.activation().equals("softmax")) {
            value = f.negate(f.reduce("sum", f.binary(Op.MUL, y, f.call("log", a)), 0));
        } else if (last.activation().equals("sigmoid")) {
            Expr one = f.number(1);
            Expr perRow = f.binary(Op.ADD, f.binary(Op.MUL, y, f.call("log", a)),
                    f.binary(Op.MUL, f.binary(Op.SUB, one, y), f.call("log", f.binary(Op.SUB, one, a))));
            value = f.negate(last.units() > 1 ? f.reduce("sum", perRow, 0) : perRow);
        } else {
            diagnostics.error(pos, "cross_entropy needs a sigmoid or softmax output, but the last dense layer is "
                    + last.activation() + ": end with 'dense N sigmoid' or 'dense N softmax', or use mse");
            return Optional.empty();
        }
        if (!claim("L", Symbols.Kind.VALUE, pos, "loss " + kind + " names its loss '%s', but ")) {
            return Optional.empty();
        }
        return Optional.of(new Member.Assignment("L", Statement.Role.LOSS, value, pos));
    }

    private Optional<Member.Assignment> defaultCost(SourcePos pos) {
        if (!claim("J", Symbols.Kind.VALUE, pos, "the default cost is named '%s', but ")) {
            return Optional.empty();
        }
        AstFactory f = new AstFactory(pos);
        return Optional.of(new Member.Assignment("J", Statement.Role.COST, f.call("mean", f.name("L")), pos));
    }

    private boolean claim(String name, Symbols.Kind kind, SourcePos pos, String origin) {
        return declarations.claim(name, kind, pos, String.format(origin, name));
    }

    private void addParam(Param p) {
        params.add(p);
        declarations.define(p);
    }
}
