package dev.netgrad.spec.check;

import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.ir.Shapes;
import dev.netgrad.ir.WholeNumbers;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.InitSpec;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.SpecAst;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

    /** Activations a conv layer may have: softmax needs a plain value. */
    static final Set<String> CONV_ACTIVATIONS = Set.of("relu", "leaky_relu", "tanh", "sigmoid", "softplus", "linear");

    /** The padding of {@code pad same} until the filter size is known. */
    private static final int PAD_SAME = -1;

    /** A layer as expanded; known only when the layer is sound. {@code shape} is its result's. */
    private record Layer(Shape shape, String activation, String output) {
        int units() {
            return shape.rows();
        }
    }

    private final Declarations declarations;
    private final ConstantFolder folder;
    private final Diagnostics diagnostics;
    private final List<Param> params = new ArrayList<>();
    private final List<Member.Assignment> statements = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private int layerLines;
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
            } else if (m instanceof Member.Conv c) {
                conv(ast, c);
            } else if (m instanceof Member.Pool p) {
                pool(ast, p);
            } else if (m instanceof Member.Flatten f) {
                flatten(ast, f);
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
        int l = ++layerLines;
        LayerNames names = LayerNames.of(l);
        boolean named = claim(names, d.pos(), "dense layer " + l + " defines '%s', but ");
        OptionalInt units = folder.size(d.units(), "the size of dense layer " + l);
        boolean activationOk = ACTIVATIONS.contains(d.activation());
        if (!activationOk) {
            diagnostics.error(d.activationPos(), "unknown activation '" + d.activation() + "' for dense: expected "
                    + "relu, leaky_relu, tanh, sigmoid, softmax, softplus or linear");
        }
        if (activationOk && d.activation().equals("softmax") && units.isPresent() && units.getAsInt() == 1) {
            diagnostics.error(d.units().start(), CallBuilder.oneRowSoftmax("softmax") + ": use 'dense 1 sigmoid' for "
                    + "a yes/no output, or 'dense 2 softmax' for two classes");
            activationOk = false;
        }
        Optional<Init> init = weightInit(d.init());
        OptionalDouble keep = d.keep().isPresent()
                ? folder.inRange(d.keep().get(), "the keep probability of dropout", NumberRange.KEEP)
                : OptionalDouble.of(1);
        if (keep.isPresent() && CallBuilder.reciprocalOverflows(keep.getAsDouble())) {
            diagnostics.error(d.keep().get().start(), CallBuilder.reciprocalOverflow(folder.found(d.keep().get(), keep.getAsDouble())));
            keep = OptionalDouble.empty();
        }
        Optional<Previous> previous = previous(ast, d.pos(), "dense");
        if (previous.isPresent() && previous.get().shape().grid() != null) {
            diagnostics.error(d.pos(), "dense layer " + l + " reads " + previous.get().name() + ", an image ("
                    + previous.get().shape() + "): add a 'flatten' line before it");
            previous = Optional.empty();
        }
        if (broken || !named || units.isEmpty() || !activationOk || init.isEmpty() || keep.isEmpty()
                || previous.isEmpty()) {
            broken = true;
            return;
        }
        int n = units.getAsInt();
        addParam(new Param(names.w(), new Shape(n, previous.get().shape().rows()), init.get(), true, d.pos()));
        addParam(new Param(names.b(), Shape.column(n), Init.of(Init.Kind.ZEROS), false, d.pos()));
        AstFactory f = new AstFactory(d.pos());
        Expr zValue = f.binary(Op.ADD, f.binary(Op.MATMUL, f.name(names.w()), f.name(previous.get().name())),
                f.name(names.b()));
        statements.add(new Member.Assignment(names.z(), Statement.Role.VALUE, zValue, d.pos()));
        Expr activated = activate(f, d.activation(), names.z());
        Expr aValue = d.keep().isPresent() ? f.call("dropout", activated, f.number(keep.getAsDouble())) : activated;
        statements.add(new Member.Assignment(names.a(), Statement.Role.VALUE, aValue, d.pos()));
        layers.add(new Layer(Shape.batch(n), d.activation(), names.a()));
    }

    /** {@code conv N f act [stride s] [pad p|same] [init I]}: W{l}, b{l}, Z{l} = conv2d(...) + b{l}, A{l}. */
    private void conv(SpecAst ast, Member.Conv c) {
        int l = ++layerLines;
        LayerNames names = LayerNames.of(l);
        Optional<ConvParts> parts = convParts(ast, c, l, names);
        Optional<ConvGeometry> geometry = parts.flatMap(p -> convGeometry(c, l, names.w(), p));
        if (geometry.isEmpty()) {
            broken = true;
            return;
        }
        addConv(c, names, parts.get(), geometry.get());
    }

    /** A conv line's parts, each checked on its own; {@code pad} is {@link #PAD_SAME} for {@code pad same}. */
    private record ConvParts(int units, int size, Init init, int stride, int pad, Previous previous) {
        boolean same() {
            return pad == PAD_SAME;
        }
    }

    /** What a conv layer's parts make together: its filter bank, its padding as a number, its result. */
    private record ConvGeometry(Shape filters, int pad, Shape out) {
    }

    /** Reports every unsound part of the conv line; empty if any (or an earlier layer) is unsound. */
    private Optional<ConvParts> convParts(SpecAst ast, Member.Conv c, int l, LayerNames names) {
        boolean named = claim(names, c.pos(), "conv layer " + l + " defines '%s', but ");
        OptionalInt units = folder.size(c.units(), "the number of filters of conv layer " + l);
        OptionalInt size = folder.size(c.size(), "the filter size of conv layer " + l);
        boolean activationOk = CONV_ACTIVATIONS.contains(c.activation());
        if (!activationOk) {
            diagnostics.error(c.activationPos(), "unknown activation '" + c.activation() + "' for conv: expected "
                    + "relu, leaky_relu, tanh, sigmoid, softplus or linear"
                    + (c.activation().equals("softmax") ? " (softmax needs a plain value: flatten, then dense)" : ""));
        }
        Optional<Init> init = weightInit(c.init());
        OptionalInt stride = c.stride().isPresent() ? folder.size(c.stride().get(), "the stride of conv layer " + l)
                : OptionalInt.of(1);
        boolean same = c.pad().isPresent() && c.pad().get() instanceof Expr.Name n && n.name().equals(Names.SAME);
        OptionalInt pad = c.pad().isEmpty() ? OptionalInt.of(0) : same ? OptionalInt.of(PAD_SAME)
                : padding(c.pad().get(), "the padding of conv layer " + l);
        Optional<Previous> previous = previous(ast, c.pos(), "conv")
                .filter(p -> requireImage(p, "conv layer " + l, c.pos()));
        if (broken || !named || units.isEmpty() || size.isEmpty() || !activationOk || init.isEmpty()
                || stride.isEmpty() || pad.isEmpty() || previous.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ConvParts(units.getAsInt(), size.getAsInt(), init.get(), stride.getAsInt(),
                pad.getAsInt(), previous.get()));
    }

    /** The filter bank, the padding and the result of sound parts; empty (and reported) if they do not fit. */
    private Optional<ConvGeometry> convGeometry(Member.Conv c, int l, String w, ConvParts parts) {
        int f = parts.size();
        int cIn = parts.previous().shape().grid().c();
        long entries = Shape.Grid.entries(f, f, cIn);
        if (entries > Shape.MAX_SIZE) {
            diagnostics.error(c.pos(), "conv layer " + l + ": " + Declarations.filterTooLarge(w, f, cIn, entries));
            return Optional.empty();
        }
        Shape filters = Shape.filters(f, cIn, parts.units());
        OptionalInt pad = parts.same() ? samePadding(c, l, f, parts.stride()) : OptionalInt.of(parts.pad());
        if (pad.isEmpty()) {
            return Optional.empty();
        }
        try {
            Shape out = Shapes.conv2d(parts.previous().shape(), filters, parts.stride(), pad.getAsInt());
            return Optional.of(new ConvGeometry(filters, pad.getAsInt(), out));
        } catch (ShapeException e) {
            diagnostics.error(c.pos(), "conv layer " + l + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    /** {@code pad same}: the padding that keeps height and width, which exists for odd filters at stride 1. */
    private OptionalInt samePadding(Member.Conv c, int l, int f, int stride) {
        if (f % 2 == 0 || stride != 1) {
            diagnostics.error(c.pad().get().start(), f % 2 == 0
                    ? "pad same needs an odd filter size, but conv layer " + l + " has " + f + " x " + f
                            + " filters: give the padding as a number"
                    : "pad same keeps the height and width only with stride 1, found stride " + stride
                            + ": give the padding as a number");
            return OptionalInt.empty();
        }
        return OptionalInt.of((f - 1) / 2);
    }

    /** W{l} and b{l}, then Z{l} = conv2d(prev, W{l}, stride=s, pad=p) + b{l} and A{l} = act(Z{l}). */
    private void addConv(Member.Conv c, LayerNames names, ConvParts parts, ConvGeometry geometry) {
        addParam(new Param(names.w(), geometry.filters(), parts.init(), true, c.pos()));
        addParam(new Param(names.b(), Shape.column(parts.units()), Init.of(Init.Kind.ZEROS), false, c.pos()));
        AstFactory af = new AstFactory(c.pos());
        Expr conv = af.call("conv2d", List.of(af.name(parts.previous().name()), af.name(names.w())),
                List.of(af.named("stride", af.number(parts.stride())), af.named("pad", af.number(geometry.pad()))));
        statements.add(new Member.Assignment(names.z(), Statement.Role.VALUE, af.binary(Op.ADD, conv,
                af.name(names.b())), c.pos()));
        statements.add(new Member.Assignment(names.a(), Statement.Role.VALUE, activate(af, c.activation(), names.z()),
                c.pos()));
        layers.add(new Layer(geometry.out(), c.activation(), names.a()));
    }

    /** {@code maxpool f [stride s]} or {@code avgpool f [stride s]}: P{l} = maxpool(prev, f, stride=s). */
    private void pool(SpecAst ast, Member.Pool m) {
        int l = ++layerLines;
        String kind = m.max() ? "maxpool" : "avgpool";
        String name = "P" + l;
        boolean named = claim(name, Symbols.Kind.VALUE, m.pos(), kind + " layer " + l + " defines '%s', but ");
        OptionalInt size = folder.size(m.size(), "the window of " + kind + " layer " + l);
        OptionalInt stride = m.stride().isPresent() ? folder.size(m.stride().get(), "the stride of " + kind + " layer " + l)
                : size;
        Optional<Previous> previous = previous(ast, m.pos(), kind)
                .filter(p -> requireImage(p, kind + " layer " + l, m.pos()));
        if (broken || !named || size.isEmpty() || stride.isEmpty() || previous.isEmpty()) {
            broken = true;
            return;
        }
        Shape out;
        try {
            out = Shapes.pool(m.max() ? Op.MAXPOOL : Op.AVGPOOL, previous.get().shape(), size.getAsInt(),
                    stride.getAsInt());
        } catch (ShapeException e) {
            diagnostics.error(m.pos(), kind + " layer " + l + ": " + e.getMessage());
            broken = true;
            return;
        }
        AstFactory af = new AstFactory(m.pos());
        Expr value = af.call(kind, List.of(af.name(previous.get().name()), af.number(size.getAsInt())),
                List.of(af.named("stride", af.number(stride.getAsInt()))));
        statements.add(new Member.Assignment(name, Statement.Role.VALUE, value, m.pos()));
        layers.add(new Layer(out, kind, name));
    }

    /** {@code flatten}: F{l} = flatten(prev). */
    private void flatten(SpecAst ast, Member.Flatten m) {
        int l = ++layerLines;
        String name = "F" + l;
        boolean named = claim(name, Symbols.Kind.VALUE, m.pos(), "flatten layer " + l + " defines '%s', but ");
        Optional<Previous> previous = previous(ast, m.pos(), "flatten")
                .filter(p -> requireImage(p, "flatten layer " + l, m.pos()));
        if (broken || !named || previous.isEmpty()) {
            broken = true;
            return;
        }
        AstFactory af = new AstFactory(m.pos());
        statements.add(new Member.Assignment(name, Statement.Role.VALUE, af.call("flatten", af.name(previous.get().name())),
                m.pos()));
        layers.add(new Layer(previous.get().shape().plain(), "flatten", name));
    }

    private boolean requireImage(Previous p, String layer, SourcePos pos) {
        if (p.shape().isImage()) {
            return true;
        }
        String fix = layers.isEmpty() ? "declare the input with three sizes, e.g. 'input X[28, 28, 1]'"
                : "image layers (conv, maxpool, avgpool, flatten) come before the first flatten or dense line";
        diagnostics.error(pos, layer + " reads " + p.name() + ", which is " + p.shape() + ", not an image: " + fix);
        return false;
    }

    /** A padding: a whole number from 0 to {@link Shape#MAX_SIZE}. */
    private OptionalInt padding(Expr e, String what) {
        if (folder.isUndeclared(e, Names.VALID)) {
            diagnostics.error(e.start(), Names.validPadding("pad 0"));
            return OptionalInt.empty();
        }
        OptionalDouble v = folder.number(e, what);
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        double p = v.getAsDouble();
        if (!WholeNumbers.isBetween(p, 0, Shape.MAX_SIZE)) {
            diagnostics.error(e.start(), WholeNumbers.mustBeBetween(what, 0, Shape.MAX_SIZE) + ", or 'same', found "
                    + dev.netgrad.ir.ExprPrinter.number(p));
            return OptionalInt.empty();
        }
        return OptionalInt.of((int) p);
    }

    private record Previous(String name, Shape shape) {
    }

    /** The value the layer reads: the previous layer's result, or the network's input for the first. */
    private Optional<Previous> previous(SpecAst ast, SourcePos pos, String kind) {
        if (broken) {
            // An earlier line failed: what this one reads is unknown, and an older layer's result is not it.
            return Optional.empty();
        }
        if (!layers.isEmpty()) {
            Layer last = layers.get(layers.size() - 1);
            return Optional.of(new Previous(last.output(), last.shape()));
        }
        List<Member.Data> inputs = ast.members().stream().filter(m -> m instanceof Member.Data x && !x.target())
                .map(Member.Data.class::cast).toList();
        if (inputs.size() != 1) {
            diagnostics.error(pos, "the first " + kind + " layer reads the network's input (A0), but there "
                    + (inputs.isEmpty() ? "is none: declare one, e.g. 'input X[2]'" : "are " + inputs.size()));
            return Optional.empty();
        }
        Optional<DataValue> input = declarations.inputs.stream().findFirst();
        return input.map(x -> new Previous(x.name(), x.shape()));
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

    /** The names a weighted layer defines: its weight, its bias, its pre-activation and its activation. */
    private record LayerNames(String w, String b, String z, String a) {
        static LayerNames of(int l) {
            return new LayerNames("W" + l, "b" + l, "Z" + l, "A" + l);
        }
    }

    /** Claims all four names, reporting each that is taken, in the order W, b, Z, A. */
    private boolean claim(LayerNames names, SourcePos pos, String origin) {
        return claim(names.w(), Symbols.Kind.PARAM, pos, origin) & claim(names.b(), Symbols.Kind.PARAM, pos, origin)
                & claim(names.z(), Symbols.Kind.VALUE, pos, origin) & claim(names.a(), Symbols.Kind.VALUE, pos, origin);
    }

    /** A layer's W is a weight even when it has one column (a one-row input): never zeros by default. */
    private Optional<Init> weightInit(Optional<InitSpec> spec) {
        return spec.isPresent() ? Inits.fold(spec.get(), folder, diagnostics) : Optional.of(Init.of(Init.Kind.XAVIER));
    }

    /** {@code act(z)}, or z itself for {@code linear}. */
    private static Expr activate(AstFactory f, String activation, String z) {
        return activation.equals("linear") ? f.name(z) : f.call(activation, f.name(z));
    }

    private boolean claim(String name, Symbols.Kind kind, SourcePos pos, String origin) {
        return declarations.claim(name, kind, pos, String.format(Locale.ROOT, origin, name));
    }

    private void addParam(Param p) {
        params.add(p);
        declarations.define(p);
    }
}
