package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.ir.WholeNumbers;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of the image functions (docs/images.md): {@code conv2d}, {@code maxpool}, {@code avgpool},
 * {@code flatten}, and, in equation files, the derivative functions. Positional arguments come
 * first, then the keywords {@code like=}, {@code stride=} and {@code pad=}; windows, strides and
 * paddings are whole constants, {@code pad=same} is worked out from the filter size.
 */
final class ImageCalls {
    /** A call's shape: its positional arguments and the keywords it accepts. */
    private record Signature(Op op, List<String> positional, boolean likeRequired) {
        String text() {
            List<String> all = new ArrayList<>(positional);
            for (String k : op.keywords()) {
                all.add(k + "=" + switch (k) {
                    case "like" -> "V";
                    case "stride" -> "s";
                    default -> "p";
                });
            }
            return op.symbol() + "(" + String.join(", ", all) + ")";
        }
    }

    private static final Map<String, Signature> SIGNATURES = new LinkedHashMap<>();

    static {
        add(new Signature(Op.CONV2D, List.of("x", "W"), false));
        add(new Signature(Op.MAXPOOL, List.of("x", "f"), false));
        add(new Signature(Op.AVGPOOL, List.of("x", "f"), false));
        add(new Signature(Op.FLATTEN, List.of("x"), false));
        add(new Signature(Op.CONV2D_INPUT, List.of("G", "W"), true));
        add(new Signature(Op.CONV2D_WEIGHT, List.of("A", "G"), true));
        add(new Signature(Op.CHANNEL_SUM, List.of("G"), false));
        add(new Signature(Op.MAXPOOL_INPUT, List.of("G", "A", "f"), false));
        add(new Signature(Op.AVGPOOL_INPUT, List.of("G", "f"), true));
        add(new Signature(Op.UNFLATTEN, List.of("G"), true));
    }

    private static void add(Signature s) {
        SIGNATURES.put(s.op().symbol(), s);
    }

    private final ExprBuilder exprs;
    private final NameResolver names;
    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final boolean equationFile;
    private final ConstantFolder constants;

    ImageCalls(ExprBuilder exprs, NameResolver names, Symbols symbols, Diagnostics diagnostics, boolean equationFile,
            ConstantFolder constants) {
        this.exprs = exprs;
        this.names = names;
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        this.equationFile = equationFile;
        this.constants = constants;
    }

    Node build(Expr.Call c) {
        Signature sig = SIGNATURES.get(c.function());
        Op op = sig.op();
        if (op.isImageDerivative() && !equationFile) {
            diagnostics.error(c.pos(), c.function() + "(...) writes a derivative and belongs to equation files; "
                    + "a spec writes the forward pass (conv2d, maxpool, avgpool, flatten)");
            return null;
        }
        if (!arguments(c, sig)) {
            return null;
        }
        List<Expr.Arg> positional = c.positional();
        List<Node> args = new ArrayList<>();
        boolean failed = false;
        for (int i = 0; i < positional.size(); i++) {
            Expr e = positional.get(i).value();
            Node n = sig.positional().get(i).equals("f") ? window(c, e) : exprs.build(e);
            failed |= n == null;
            args.add(n);
        }
        Node like = null;
        if (op.keywords().contains("like")) {
            Expr.Arg arg = c.named("like").orElseThrow();
            like = exprs.build(arg.value());
            failed |= like == null;
        }
        if (failed) {
            return null;
        }
        return switch (op) {
            case CONV2D -> conv(c, op, args.get(0), args.get(1), args.get(1), null);
            case CONV2D_INPUT -> conv(c, op, args.get(0), args.get(1), args.get(1), like);
            case CONV2D_WEIGHT -> conv(c, op, args.get(0), args.get(1), like, like);
            case MAXPOOL, AVGPOOL -> {
                Node stride = stride(c, ((Num) args.get(1)).value());
                yield stride == null ? null : exprs.apply(c.pos(), op, args.get(0), args.get(1), stride);
            }
            case MAXPOOL_INPUT -> {
                Node stride = stride(c, ((Num) args.get(2)).value());
                yield stride == null ? null : exprs.apply(c.pos(), op, args.get(0), args.get(1), args.get(2), stride);
            }
            case AVGPOOL_INPUT -> {
                Node stride = stride(c, ((Num) args.get(1)).value());
                yield stride == null ? null : exprs.apply(c.pos(), op, args.get(0), args.get(1), like, stride);
            }
            case UNFLATTEN -> exprs.apply(c.pos(), op, args.get(0), like);
            default -> exprs.apply(c.pos(), op, args.get(0));
        };
    }

    /**
     * The three convolution calls: {@code filters} is the node whose shape gives the filter size
     * for {@code pad=same}; the arguments are put in the IR's order.
     */
    private Node conv(Expr.Call c, Op op, Node first, Node second, Node filters, Node like) {
        Node stride = stride(c, 1);
        if (stride == null) {
            return null;
        }
        Node pad = pad(c, filters, (int) ((Num) stride).value());
        if (pad == null) {
            return null;
        }
        return like == null ? forwardConv(c, first, second, stride, pad)
                : exprs.apply(c.pos(), op, first, second, like, stride, pad);
    }

    /**
     * {@code conv2d}, reported at the call; on a line assigning an image's derivative, where the conv2d_input the
     * arguments fit is named: {@code dP2 = conv2d(dZ3, W3, ...)}, the kernel not flipped, said only that the
     * channels disagree.
     */
    private Node forwardConv(Expr.Call c, Node x, Node w, Node stride, Node pad) {
        try {
            return Apply.of(Op.CONV2D, List.of(x, w, stride, pad));
        } catch (ShapeException e) {
            diagnostics.error(c.pos(), e.getMessage() + inputGradient(x, w, stride, pad));
            return null;
        }
    }

    private String inputGradient(Node g, Node w, Node stride, Node pad) {
        Optional<Node> input = names.differentiatedImage();
        if (input.isEmpty()) {
            return "";
        }
        try {
            Node written = Apply.of(Op.CONV2D_INPUT, List.of(g, w, input.get(), stride, pad));
            return "; for the gradient of an input write " + ExprPrinter.print(written);
        } catch (ShapeException e) {
            return ""; // the arguments fit no input gradient either
        }
    }

    /** Arity, known keywords, and a like= where one is needed; false after reporting. */
    private boolean arguments(Expr.Call c, Signature sig) {
        // A positional argument after a named one is a syntax error (ExprConverter.args).
        for (Expr.Arg a : c.args()) {
            if (a.name().isEmpty()) {
                continue;
            }
            String name = a.name().get();
            if (!sig.op().keywords().contains(name)) {
                String known = sig.op().keywords().isEmpty() ? "none"
                        : String.join(", ", sig.op().keywords().stream().map(k -> k + "=").toList());
                diagnostics.error(a.pos(), c.function() + " has no argument '" + name + "' (its named arguments: "
                        + known + "): " + sig.text());
                return false;
            }
            if (c.args().stream().filter(o -> o.name().equals(a.name())).count() > 1) {
                diagnostics.error(a.pos(), c.function() + " has '" + name + "=' more than once");
                return false;
            }
        }
        int n = c.positional().size();
        if (n != sig.positional().size()) {
            diagnostics.error(c.pos(), c.function() + " takes " + sig.positional().size() + " positional argument"
                    + (sig.positional().size() == 1 ? "" : "s") + " (" + sig.text() + "), found " + n);
            return false;
        }
        if (sig.likeRequired() && c.named("like").isEmpty()) {
            diagnostics.error(c.pos(), c.function() + " needs like=NAME, the value whose shape its result has: "
                    + sig.text());
            return false;
        }
        return true;
    }

    /** A pooling window: a whole constant of at least 1. */
    private Node window(Expr.Call c, Expr e) {
        Integer f = whole(e, "the window of " + c.function(), 1);
        return f == null ? null : Num.of(f);
    }

    private Node stride(Expr.Call c, double byDefault) {
        Optional<Expr.Arg> arg = c.named("stride");
        if (arg.isEmpty()) {
            return Num.of(byDefault);
        }
        Integer s = whole(arg.get().value(), "the stride of " + c.function(), 1);
        return s == null ? null : Num.of(s);
    }

    /** {@code pad=p} or {@code pad=same} (odd filters, stride 1): p = (f - 1) / 2. */
    private Node pad(Expr.Call c, Node filters, int stride) {
        Optional<Expr.Arg> arg = c.named("pad");
        if (arg.isEmpty()) {
            return Num.of(0);
        }
        Expr e = arg.get().value();
        if (e instanceof Expr.Name n && n.name().equals(Names.SAME)) {
            if (!filters.shape().isFilterBank()) {
                diagnostics.error(e.start(), "pad=same needs a filter bank to take its size from, found "
                        + ExprBuilder.shown(filters) + " (" + filters.shape() + ")");
                return null;
            }
            int f = filters.shape().grid().h();
            if (f % 2 == 0) {
                diagnostics.error(e.start(), "pad=same needs an odd filter size, but the filters are " + f + " x " + f
                        + ": give the padding as a number");
                return null;
            }
            if (stride != 1) {
                diagnostics.error(e.start(), "pad=same keeps the height and width only with stride 1, found stride "
                        + stride + ": give the padding as a number");
                return null;
            }
            return Num.of((f - 1) / 2);
        }
        if (e instanceof Expr.Name n && n.name().equals(Names.VALID) && symbols.lookup(Names.VALID).isEmpty()) {
            diagnostics.error(e.start(), Names.validPadding("pad=0"));
            return null;
        }
        Integer p = whole(e, "the padding of " + c.function(), 0);
        return p == null ? null : Num.of(p);
    }

    /**
     * A whole constant from {@code min} to {@link Shape#MAX_SIZE}: a number, a dim, a const or arithmetic on them.
     * {@code what} names the call it is an argument of ("the window of maxpool_input"), as the calls' other errors do.
     */
    private Integer whole(Expr e, String what, int min) {
        if (e instanceof Expr.Name n && symbols.lookup(n.name()).map(s -> s.kind() == Symbols.Kind.DIM).orElse(false)) {
            return (int) symbols.lookup(n.name()).get().number();
        }
        Node n = exprs.constant(e, what);
        if (n == null) {
            return null;
        }
        double v = exprs.constantValue(n);
        if (!WholeNumbers.isBetween(v, min, Shape.MAX_SIZE)) {
            diagnostics.error(e.start(), WholeNumbers.mustBeBetween(what, min, Shape.MAX_SIZE) + ", found "
                    + constants.found(e, v));
            return null;
        }
        return (int) v;
    }
}
