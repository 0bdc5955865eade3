package dev.netgrad.spec.check;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.ast.Expr;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Calls of the built-in functions (docs/language.md section 4): arity, argument kinds and the mapping
 * to {@link Op}. {@code sum(x, axis=0)} is SUM0, {@code leaky_relu(x)} gets the slope 0.01, and so on.
 */
final class CallBuilder {
    /** numpy's functions that are operators here, as a learner's backward pass in the course's code writes them. */
    private static final Map<String, String> NUMPY = Map.of(
            "dot", "'@' here: np.dot(W2.T, dZ2) is W2.T @ dZ2",
            "matmul", "'@' here: np.matmul(A, B) is A @ B",
            "multiply", "'*' here: np.multiply(A, B) is A * B",
            "divide", "'/' here: np.divide(A, B) is A / B",
            "square", "'^' here: np.square(A) is A^2",
            "power", "'^' here: np.power(A, 2) is A^2",
            "transpose", "'.T' here: np.transpose(A) is A.T");

    /**
     * What a convolutional backward pass is written with elsewhere: a flipped kernel (the full convolution with
     * rot180(W) of other courses), and the course's own helpers (conv_backward, pool_backward and theirs).
     */
    private static final String INPUT_GRADIENT = "the gradient of conv2d's image is conv2d_input(G, W, like=A, stride=s, pad=p),"
            + " which turns the filters itself";
    private static final Map<String, String> CONVOLUTION_HELPERS = Map.of(
            "rot180", INPUT_GRADIENT,
            "flip", INPUT_GRADIENT,
            "rot90", INPUT_GRADIENT,
            "zero_pad", "padding is conv2d's pad= argument, which its derivatives take too: conv2d_input(G, W, like=A,"
                    + " stride=s, pad=p)",
            "conv_backward", "the course's conv_backward is conv2d_input(dZ, W, like=A_prev, stride=s, pad=p) for dA_prev,"
                    + " conv2d_weight(A_prev, dZ, like=W, stride=s, pad=p) for dW and channel_sum(dZ) for db",
            "pool_backward", "the course's pool_backward is maxpool_input(dA, A_prev, f, stride=s) after a max pool and"
                    + " avgpool_input(dA, f, like=A_prev, stride=s) after an average pool",
            "create_mask_from_window", "the course's mask is inside maxpool_input(dA, A_prev, f, stride=s)",
            "distribute_value", "the course's distribute_value is inside avgpool_input(dA, f, like=A_prev, stride=s)");

    static final double LEAKY_RELU_SLOPE = 0.01;

    private static final Map<String, Op> ONE_ARGUMENT = Map.ofEntries(
            Map.entry("tanh", Op.TANH), Map.entry("sigmoid", Op.SIGMOID), Map.entry("relu", Op.RELU),
            Map.entry("exp", Op.EXP), Map.entry("log", Op.LOG), Map.entry("sqrt", Op.SQRT), Map.entry("abs", Op.ABS),
            Map.entry("softplus", Op.SOFTPLUS), Map.entry("softmax", Op.SOFTMAX),
            Map.entry("log_softmax", Op.LOG_SOFTMAX), Map.entry("ones_like", Op.ONES_LIKE));

    private final ExprBuilder exprs;
    private final NameResolver names;
    private final Symbols symbols;
    private final Diagnostics diagnostics;
    private final boolean equationFile;
    private final ImageCalls images;
    /** Says what underflowed when a constant argument is 0 where it must be positive. */
    private final ConstantFolder constants;
    private SourcePos dropout;

    CallBuilder(ExprBuilder exprs, NameResolver names, Symbols symbols, Diagnostics diagnostics, boolean equationFile) {
        this.exprs = exprs;
        this.names = names;
        this.symbols = symbols;
        this.diagnostics = diagnostics;
        this.equationFile = equationFile;
        this.constants = new ConstantFolder(symbols, diagnostics);
        this.images = new ImageCalls(exprs, names, symbols, diagnostics, equationFile, constants);
    }

    void startStatement() {
        dropout = null;
    }

    Node build(Expr.Call c) {
        String f = c.function();
        if (ONE_ARGUMENT.containsKey(f)) {
            return oneArgument(c, ONE_ARGUMENT.get(f));
        }
        return switch (f) {
            case "leaky_relu" -> leakyRelu(c);
            case "sum", "mean" -> reduction(c, f.equals("mean"));
            case "dropout" -> dropout(c);
            case "batchnorm" -> batchnorm(c);
            case "mask" -> mask(c);
            case "conv2d", "maxpool", "avgpool", "flatten", "conv2d_input", "conv2d_weight", "channel_sum",
                 "maxpool_input", "avgpool_input", "unflatten" -> images.build(c);
            default -> unknown(c);
        };
    }

    private Node oneArgument(Expr.Call c, Op op) {
        List<Node> args = positional(c, 1, 1, "x");
        if (args != null && (op == Op.SOFTMAX || op == Op.LOG_SOFTMAX) && args.get(0).shape().rows() == 1) {
            diagnostics.error(c.pos(), oneRowSoftmax(c.function()) + ": its argument is " + args.get(0).shape()
                    + "; for a yes/no output use sigmoid");
            return null;
        }
        return args == null ? null : exprs.apply(c.pos(), op, args.get(0));
    }

    /**
     * Why softmax over one row is refused: it is the constant 1 (log_softmax 0), whatever its argument, so no
     * gradient flows back through it and training silently changes nothing.
     */
    static String oneRowSoftmax(String function) {
        return function + " over 1 row is " + (function.equals("softmax") ? "1" : "0") + " in every column (it runs "
                + "down each column), so its gradient is 0 and training would change nothing";
    }

    private Node leakyRelu(Expr.Call c) {
        if (!onlyPositional(c) || !arity(c, 1, 2, "x, a")) {
            return null;
        }
        Node x = exprs.build(c.args().get(0).value());
        Node slope = c.args().size() == 2 ? exprs.constant(c.args().get(1).value(), "the slope of leaky_relu")
                : Num.of(LEAKY_RELU_SLOPE);
        return x == null || slope == null ? null : exprs.apply(c.pos(), Op.LEAKY_RELU, x, slope);
    }

    private Node reduction(Expr.Call c, boolean mean) {
        String f = c.function();
        List<Expr.Arg> positional = c.positional();
        for (Expr.Arg a : c.args()) {
            if (a.name().isPresent() && a.name().get().equals("keepdims")) {
                diagnostics.error(a.pos(), f + " has no argument 'keepdims': every result keeps two dimensions, as numpy's"
                        + " keepdims=True gives; leave it out");
                return null;
            }
            if (a.name().isPresent() && !a.name().get().equals("axis")) {
                diagnostics.error(a.pos(), f + " has no argument '" + a.name().get() + "': write " + f + "(x) or "
                        + f + "(x, axis=0)");
                return null;
            }
        }
        if (positional.size() != 1 || c.args().size() > 2) {
            String hint = positional.size() == 2 ? ": give the axis by name, " + axisByName(f, positional.get(1).value()) : "";
            diagnostics.error(c.pos(), f + " takes one matrix and an optional axis=0 or axis=1, found "
                    + c.args().size() + " arguments" + hint);
            return null;
        }
        int axis = -1;
        Optional<Expr.Arg> axisArg = c.named("axis");
        if (axisArg.isPresent()) {
            Expr v = axisArg.get().value();
            // A whole number as written, as numpy asks: axis=1.0 is a TypeError there.
            if (!(v instanceof Expr.Literal l) || !(l.text().equals("0") || l.text().equals("1"))) {
                String whole = v instanceof Expr.Literal n && (n.value() == 0 || n.value() == 1)
                        ? " (an axis is a whole number, as numpy takes it: write axis=" + (int) n.value() + ")" : "";
                diagnostics.error(v.start(), "axis must be 0 or 1, found " + describe(v) + whole);
                return null;
            }
            axis = (int) l.value();
        }
        Node x = exprs.build(positional.get(0).value());
        if (x != null && axis == 1 && equationFile && x.shape().isImage()) {
            // "flatten it first" led to sum(flatten(dZ1), axis=1), one sum per entry of the image, not per channel.
            String arg = ExprPrinter.print(x).length() > 40 ? "..." : ExprPrinter.print(x);
            diagnostics.error(c.pos(), "'" + f + "' along axis 1 needs a plain value, but this is an image (" + x.shape()
                    + "): the sum of each channel over positions and examples, a channel bias's gradient (the course's"
                    + " db), is channel_sum(" + arg + ")");
            return null;
        }
        return x == null ? null : exprs.apply(c.pos(), Op.reduction(mean, axis), x);
    }

    /** {@code sum(x, axis=1)} for a {@code sum(x, 1)}: the axis the user meant, when it says. */
    private static String axisByName(String f, Expr axis) {
        if (axis instanceof Expr.Literal l && (l.value() == 0 || l.value() == 1)) {
            return f + "(x, axis=" + (int) l.value() + ")";
        }
        return f + "(x, axis=0) or " + f + "(x, axis=1)";
    }

    private Node dropout(Expr.Call c) {
        List<Expr.Arg> args = c.args();
        if (!onlyPositional(c) || !arity(c, 2, 2, "x, keep")) {
            return null;
        }
        if (dropout != null) {
            diagnostics.error(c.pos(), "a statement may hold one dropout only (its mask is named after the "
                    + "statement), and there is one at " + dropout.line() + ":" + dropout.column()
                    + ": assign each dropout in its own statement");
            return null;
        }
        dropout = c.pos();
        Node x = exprs.build(args.get(0).value());
        Double keep = keep(args.get(1).value());
        return x == null || keep == null ? null : exprs.apply(c.pos(), Op.DROPOUT, x, Num.of(keep));
    }

    /** The keep probability: a number or const in (0, 1] whose reciprocal is finite. */
    private Double keep(Expr e) {
        Node n = exprs.constant(e, "the keep probability of dropout");
        if (n == null) {
            return null;
        }
        double value = exprs.constantValue(n);
        if (!NumberRange.KEEP.contains(value)) {
            diagnostics.error(e.start(), "the keep probability of dropout must be " + NumberRange.KEEP.allowed() + ", found "
                    + constants.found(e, value));
            return null;
        }
        if (reciprocalOverflows(value)) {
            diagnostics.error(e.start(), reciprocalOverflow(constants.found(e, value)));
            return null;
        }
        return value;
    }

    /**
     * Whether a keep probability in (0, 1] is so small (subnormal) that 1/keep, the scale of the units
     * dropout keeps, is infinite: every trainer, evaluation and check would compute with it.
     */
    static boolean reciprocalOverflows(double keep) {
        return Double.isInfinite(1.0 / keep);
    }

    /** The error for such a keep, {@code found} as ConstantFolder words it. */
    static String reciprocalOverflow(String found) {
        return "the keep probability of dropout must be in (0, 1] with 1/keep finite (the kept units are scaled by it), found "
                + found + ", whose 1/keep is infinite";
    }

    private Node batchnorm(Expr.Call c) {
        List<Node> args = positional(c, 3, 3, "x, gamma, beta");
        if (args == null) {
            return null;
        }
        for (int i = 1; i <= 2; i++) {
            if (!(args.get(i) instanceof Ref r && r.kind() == RefKind.PARAM)) {
                diagnostics.error(c.args().get(i).value().start(), "the " + (i == 1 ? "gamma" : "beta")
                        + " of batchnorm must be a param (r x 1), found " + ExprBuilder.shown(args.get(i)));
                return null;
            }
        }
        return exprs.apply(c.pos(), Op.BATCHNORM, args.get(0), args.get(1), args.get(2));
    }

    private Node mask(Expr.Call c) {
        if (!equationFile) {
            diagnostics.error(c.pos(), "mask(...) belongs to equation files; a spec writes dropout(x, keep)");
            return null;
        }
        if (!onlyPositional(c) || !arity(c, 1, 1, "NAME")) {
            return null;
        }
        Expr arg = c.args().get(0).value();
        if (!(arg instanceof Expr.Name n)) {
            diagnostics.error(arg.start(), "mask takes the name of a statement assigned with dropout, e.g. mask(A1)");
            return null;
        }
        return names.mask(n);
    }

    private Node unknown(Expr.Call c) {
        String f = c.function();
        if (symbols.lookup(f).isPresent()) {
            diagnostics.error(c.pos(), "'" + f + "' is a " + symbols.lookup(f).get().kind().word()
                    + ", not a function; write '*' or '@' to multiply");
        } else if (CONVOLUTION_HELPERS.containsKey(f)) {
            diagnostics.error(c.pos(), "unknown function '" + f + "': " + CONVOLUTION_HELPERS.get(f));
        } else if (NUMPY.containsKey(f)) {
            diagnostics.error(c.pos(), "unknown function '" + f + "': numpy's " + f + " is written with " + NUMPY.get(f));
        } else {
            diagnostics.error(c.pos(), "unknown function '" + f + "'" + Names.didYouMean(f, Names.FUNCTIONS));
        }
        return null;
    }


    /** Builds exactly the positional arguments; null after reporting. */
    private List<Node> positional(Expr.Call c, int min, int max, String signature) {
        if (!onlyPositional(c) || !arity(c, min, max, signature)) {
            return null;
        }
        List<Node> built = new ArrayList<>();
        boolean failed = false;
        for (Expr.Arg a : c.args()) {
            Node n = exprs.build(a.value());
            failed |= n == null;
            built.add(n);
        }
        return failed ? null : built;
    }

    private boolean onlyPositional(Expr.Call c) {
        for (Expr.Arg a : c.args()) {
            if (a.name().isPresent()) {
                diagnostics.error(a.pos(), c.function() + " has no argument named '" + a.name().get() + "'");
                return false;
            }
        }
        return true;
    }

    private boolean arity(Expr.Call c, int min, int max, String signature) {
        int n = c.args().size();
        if (n >= min && n <= max) {
            return true;
        }
        String count = min == max ? (min == 1 ? "1 argument" : min + " arguments")
                : min + " or " + max + " arguments";
        diagnostics.error(c.pos(), c.function() + " takes " + count + " (" + c.function() + "(" + signature
                + ")), found " + n);
        return false;
    }

    private static String describe(Expr e) {
        if (e instanceof Expr.Literal l) {
            return l.text();
        }
        if (e instanceof Expr.Name n) {
            return "'" + n.name() + "'";
        }
        return "an expression";
    }
}
