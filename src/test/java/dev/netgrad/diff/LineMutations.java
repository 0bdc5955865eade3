package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A learner's mistakes, and rewrites that keep the value, made from one line of a backward pass:
 * the 1/m dropped or doubled, a factor or a term dropped, a transpose dropped or added, the operands
 * of a product swapped, a sum over the other axis or not at all, an activation's derivative replaced
 * by another's, a value of the wrong layer, a sign. Which mutants are still right is not decided
 * here: {@link CheckMutationsTest} evaluates them.
 */
final class LineMutations {
    /** A changed line: what was done, the new expression, and whether it is a rewrite meant to keep the value. */
    record Mutant(String kind, Node value, boolean rewrite) {
    }

    /** How many values of the wrong layer each name may be replaced by. */
    private static final int SWAPS_PER_REF = 3;

    private final Network network;
    /** The names a line may read, with a node of each: forward values, data, params, earlier lines. */
    private final List<Ref> readable;
    private final Map<String, Mutant> out = new LinkedHashMap<>();

    private LineMutations(Network network, List<Ref> readable) {
        this.network = network;
        this.readable = readable;
    }

    /** The mutants of {@code line}; {@code readable} are the refs it may read (no later line's). */
    static List<Mutant> of(Node line, Network network, List<Ref> readable) {
        LineMutations m = new LineMutations(network, readable);
        m.whole(line);
        m.walk(line, null, -1, r -> r);
        m.out.remove(ExprKey.of(line));
        return List.copyOf(m.out.values());
    }

    /** Mistakes and rewrites of the whole line. */
    private void whole(Node line) {
        Node oneOverM = Apply.of(Op.DIV, Num.ONE, Ref.batchSize());
        add("add 1/m", false, () -> Apply.of(Op.MUL, oneOverM, line));
        add("times 2", false, () -> Apply.of(Op.MUL, Num.of(2), line));
        add("negated", false, () -> Apply.of(Op.NEG, line));
        add("transposed result", false, () -> Apply.of(Op.TRANSPOSE, line));
        add("times m", false, () -> Apply.of(Op.MUL, Ref.batchSize(), line));
    }

    private void walk(Node n, Apply parent, int index, Function<Node, Node> rebuild) {
        alternatives(n, parent, index, rebuild);
        if (n instanceof Apply a && a.op() != Op.MASK) {
            for (int i = 0; i < a.args().size(); i++) {
                int k = i;
                walk(a.arg(i), a, i, r -> rebuild.apply(with(a, k, r)));
            }
        }
    }

    private static Node with(Apply a, int i, Node replacement) {
        List<Node> args = new ArrayList<>(a.args());
        args.set(i, replacement);
        return Apply.of(a.op(), args);
    }

    private interface Build {
        Node get();
    }

    private void add(String kind, boolean rewrite, Build build) {
        try {
            Node value = build.get();
            out.putIfAbsent(ExprKey.of(value), new Mutant(kind, value, rewrite));
        } catch (ShapeException e) {
            // A mutant no shape fits is refused when read: no verdict to test.
        }
    }

    private void at(Function<Node, Node> rebuild, String kind, boolean rewrite, Build replacement) {
        add(kind, rewrite, () -> rebuild.apply(replacement.get()));
    }

    private void alternatives(Node n, Apply parent, int index, Function<Node, Node> rebuild) {
        boolean keyword = parent != null && index >= parent.args().size() - parent.op().keywords().size();
        if (keyword) {
            if (n instanceof Num k && parent.op().isImageDerivative()) {
                at(rebuild, "keyword " + k.value() + " + 1", false, () -> Num.of(k.value() + 1));
            }
            return;
        }
        if (n instanceof Ref r) {
            refAlternatives(r, parent, rebuild);
        } else if (n instanceof Num k && k.value() != 0 && k.value() != 1) {
            at(rebuild, "number doubled", false, () -> Num.of(2 * k.value()));
            at(rebuild, "number inverted", false, () -> Num.of(1 / k.value()));
        } else if (n instanceof Apply a) {
            applyAlternatives(a, rebuild);
            activationDerivatives(a, parent, rebuild);
        }
        if (parent != null && (parent.op() == Op.ADD || parent.op() == Op.SUB)) {
            at(rebuild, "term times 2", false, () -> Apply.of(Op.MUL, Num.of(2), n));
            at(rebuild, "term / m", false, () -> Apply.of(Op.DIV, n, Ref.batchSize()));
        }
    }

    private void refAlternatives(Ref r, Apply parent, Function<Node, Node> rebuild) {
        if (r.kind() == RefKind.BATCH_SIZE && parent != null && parent.op() == Op.DIV) {
            at(rebuild, "m squared", false, () -> Apply.of(Op.POW, r, Num.of(2)));
        }
        if (r.kind().isScalarConstant()) {
            return;
        }
        if (parent == null || parent.op() != Op.TRANSPOSE) {
            at(rebuild, "transpose added", false, () -> Apply.of(Op.TRANSPOSE, r));
        }
        int swaps = 0;
        for (Ref other : readable) {
            if (swaps < SWAPS_PER_REF && !other.name().equals(r.name()) && other.shape().equals(r.shape())
                    && (stem(other.name()).equals(stem(r.name())) || suffix(other.name()).equals(suffix(r.name())))) {
                swaps++;
                at(rebuild, r.name() + " read as " + other.name(), false, () -> other);
            }
        }
    }

    private static String stem(String name) {
        int i = 0;
        while (i < name.length() && Character.isLetter(name.charAt(i))) {
            i++;
        }
        return name.substring(0, i);
    }

    private static String suffix(String name) {
        return name.substring(stem(name).length());
    }

    private void applyAlternatives(Apply a, Function<Node, Node> rebuild) {
        Node x = a.x();
        Node oneOverM = Apply.of(Op.DIV, Num.ONE, Ref.batchSize());
        switch (a.op()) {
            case MUL -> {
                Node y = a.arg(1);
                at(rebuild, "left factor dropped", false, () -> y);
                at(rebuild, "right factor dropped", false, () -> x);
                at(rebuild, "factors commuted", true, () -> Apply.of(Op.MUL, y, x));
                if (isOneOverM(x)) {
                    at(rebuild, "1/m * X as X / m", true, () -> Apply.of(Op.DIV, y, Ref.batchSize()));
                    at(rebuild, "1/m twice", false, () -> Apply.of(Op.MUL, oneOverM, a));
                }
                if (x.shape().isScalar() && y instanceof Apply p && p.op() == Op.MATMUL) {
                    at(rebuild, "scalar into the left operand", true,
                            () -> Apply.of(Op.MATMUL, Apply.of(Op.MUL, x, p.arg(0)), p.arg(1)));
                    at(rebuild, "scalar into the right operand", true,
                            () -> Apply.of(Op.MATMUL, p.arg(0), Apply.of(Op.MUL, p.arg(1), x)));
                }
                if (x instanceof Apply inner && inner.op() == Op.MUL) {
                    at(rebuild, "product regrouped", true, () -> Apply.of(Op.MUL, inner.arg(0), Apply.of(Op.MUL, inner.arg(1), y)));
                }
            }
            case DIV -> {
                Node y = a.arg(1);
                at(rebuild, "divisor dropped", false, () -> x);
                at(rebuild, "multiplied instead of divided", false, () -> Apply.of(Op.MUL, x, y));
                if (y instanceof Ref r && r.kind() == RefKind.BATCH_SIZE && !x.isNumber(1)) {
                    at(rebuild, "X / m as 1/m * X", true, () -> Apply.of(Op.MUL, oneOverM, x));
                    at(rebuild, "X / m as X * (1/m)", true, () -> Apply.of(Op.MUL, x, oneOverM));
                }
            }
            case MATMUL -> {
                Node y = a.arg(1);
                at(rebuild, "operands swapped", false, () -> Apply.of(Op.MATMUL, y, x));
                at(rebuild, "left transpose toggled", false, () -> Apply.of(Op.MATMUL, toggled(x), y));
                at(rebuild, "right transpose toggled", false, () -> Apply.of(Op.MATMUL, x, toggled(y)));
                at(rebuild, "swapped and transposed", false, () -> Apply.of(Op.MATMUL, toggled(y), toggled(x)));
                at(rebuild, "(A @ B) as (B.T @ A.T).T", true,
                        () -> Apply.of(Op.TRANSPOSE, Apply.of(Op.MATMUL, toggled(y), toggled(x))));
                at(rebuild, "elementwise for @", false, () -> Apply.of(Op.MUL, x, y));
                if (x instanceof Apply p && p.op() == Op.MUL && p.arg(0).shape().isScalar()) {
                    at(rebuild, "scalar out of the product", true,
                            () -> Apply.of(Op.MUL, p.arg(0), Apply.of(Op.MATMUL, p.arg(1), y)));
                }
            }
            case ADD -> {
                Node y = a.arg(1);
                at(rebuild, "left term dropped", false, () -> y);
                at(rebuild, "right term dropped", false, () -> x);
                at(rebuild, "sign of a term", false, () -> Apply.of(Op.SUB, x, y));
                at(rebuild, "terms commuted", true, () -> Apply.of(Op.ADD, y, x));
                if (x instanceof Apply inner && inner.op() == Op.ADD) {
                    at(rebuild, "sum regrouped", true, () -> Apply.of(Op.ADD, inner.arg(0), Apply.of(Op.ADD, inner.arg(1), y)));
                }
            }
            case SUB -> {
                Node y = a.arg(1);
                at(rebuild, "left term dropped", false, () -> Apply.of(Op.NEG, y));
                at(rebuild, "right term dropped", false, () -> x);
                at(rebuild, "operands of - swapped", false, () -> Apply.of(Op.SUB, y, x));
                at(rebuild, "- as +", false, () -> Apply.of(Op.ADD, x, y));
                at(rebuild, "x - y as -y + x", true, () -> Apply.of(Op.ADD, Apply.of(Op.NEG, y), x));
            }
            case NEG -> at(rebuild, "minus dropped", false, () -> x);
            case TRANSPOSE -> {
                at(rebuild, "transpose dropped", false, () -> x);
                at(rebuild, "transposed twice", true, () -> Apply.of(Op.TRANSPOSE, Apply.of(Op.TRANSPOSE, a)));
            }
            case POW -> {
                at(rebuild, "power dropped", false, () -> x);
                if (a.arg(1).isNumber(2)) {
                    at(rebuild, "x^2 as x * x", true, () -> Apply.of(Op.MUL, x, x));
                }
            }
            case GT, GE, LT, LE -> comparison(a, rebuild);
            case SUM1, SUM0, SUM, MEAN1, MEAN0, MEAN -> reduction(a, rebuild);
            case TANH -> at(rebuild, "sigmoid for tanh", false, () -> Apply.of(Op.SIGMOID, x));
            case SIGMOID -> at(rebuild, "tanh for sigmoid", false, () -> Apply.of(Op.TANH, x));
            case MAXPOOL_INPUT -> at(rebuild, "average pooling's derivative", false,
                    () -> Apply.of(Op.AVGPOOL_INPUT, x, a.arg(2), a.arg(1), a.arg(3)));
            case AVGPOOL_INPUT -> at(rebuild, "max pooling's derivative", false,
                    () -> Apply.of(Op.MAXPOOL_INPUT, x, a.arg(2), a.arg(1), a.arg(3)));
            case CONV2D_WEIGHT -> at(rebuild, "image and gradient swapped", false,
                    () -> Apply.of(Op.CONV2D_WEIGHT, a.arg(1), x, a.arg(2), a.arg(3), a.arg(4)));
            default -> {
            }
        }
    }

    private void comparison(Apply a, Function<Node, Node> rebuild) {
        Node x = a.x();
        Node y = a.arg(1);
        at(rebuild, "> as >=", false, () -> Apply.of(a.op() == Op.GT ? Op.GE : a.op() == Op.GE ? Op.GT : a.op(), x, y));
        at(rebuild, "comparison reversed", false, () -> Apply.of(a.op() == Op.GT || a.op() == Op.GE ? Op.LT : Op.GT, x, y));
        at(rebuild, "comparison dropped", false, () -> x);
    }

    private void reduction(Apply a, Function<Node, Node> rebuild) {
        Node x = a.x();
        boolean mean = a.op() == Op.MEAN || a.op() == Op.MEAN0 || a.op() == Op.MEAN1;
        int axis = a.op().axis();
        at(rebuild, "reduction dropped", false, () -> x);
        at(rebuild, mean ? "sum for mean" : "mean for sum", false, () -> Apply.of(Op.reduction(!mean, axis), x));
        for (int other = -1; other <= 1; other++) {
            if (other != axis) {
                int o = other;
                at(rebuild, "over axis " + other, false, () -> Apply.of(Op.reduction(mean, o), x));
            }
        }
        if (a.op() == Op.SUM1) {
            at(rebuild, "the sum of X / m", false, () -> Apply.of(Op.SUM1, Apply.of(Op.DIV, x, Ref.batchSize())));
        }
        if (a.op() == Op.MEAN1) {
            at(rebuild, "mean as 1/m * sum", true, () -> Apply.of(Op.MUL, Apply.of(Op.DIV, Num.ONE, Ref.batchSize()), Apply.of(Op.SUM1, x)));
        }
    }

    /**
     * A factor made of forward values alone that reads the input or result of an activation: each
     * activation's derivative put in its place, as a learner who took the wrong one would.
     */
    private void activationDerivatives(Apply a, Apply parent, Function<Node, Node> rebuild) {
        if (parent == null || parent.op() != Op.MUL || !forwardOnly(a)) {
            return;
        }
        for (Statement s : network.statements()) {
            if (!(s.value() instanceof Apply act) || !act.op().isElementwiseFunction() || !(act.x() instanceof Ref z)) {
                continue;
            }
            Ref result = readable.stream().filter(r -> r.name().equals(s.name())).findFirst().orElse(null);
            Set<String> names = refNames(a);
            if (!names.contains(z.name()) && !(result != null && names.contains(result.name()))) {
                continue;
            }
            Node sig = Apply.of(Op.SIGMOID, z);
            Node th = Apply.of(Op.TANH, z);
            at(rebuild, "relu's derivative", false, () -> Apply.of(Op.GT, z, Num.ZERO));
            at(rebuild, "tanh's derivative", false, () -> Apply.of(Op.SUB, Num.ONE, Apply.of(Op.POW, th, Num.of(2))));
            at(rebuild, "sigmoid's derivative", false, () -> Apply.of(Op.MUL, sig, Apply.of(Op.SUB, Num.ONE, sig)));
            at(rebuild, "softplus's derivative", false, () -> sig);
            if (result != null && act.op() != Op.RELU) {
                at(rebuild, "1 - A", false, () -> Apply.of(Op.SUB, Num.ONE, result));
                at(rebuild, "(1 - A)^2", false, () -> Apply.of(Op.POW, Apply.of(Op.SUB, Num.ONE, result), Num.of(2)));
                at(rebuild, "1 - A^2", false, () -> Apply.of(Op.SUB, Num.ONE, Apply.of(Op.POW, result, Num.of(2))));
                at(rebuild, "A * (1 - A)", false, () -> Apply.of(Op.MUL, result, Apply.of(Op.SUB, Num.ONE, result)));
            }
            if (result != null) {
                at(rebuild, "A > 0", false, () -> Apply.of(Op.GT, result, Num.ZERO));
            }
        }
    }

    private static boolean forwardOnly(Node n) {
        if (n instanceof Ref r) {
            return r.kind() != RefKind.DERIVATIVE;
        }
        return !(n instanceof Apply a) || a.op() != Op.MASK && a.args().stream().allMatch(LineMutations::forwardOnly);
    }

    private static Set<String> refNames(Node n) {
        Set<String> out = new java.util.HashSet<>();
        dev.netgrad.ir.Nodes.refs(n, dev.netgrad.ir.Nodes.Masks.SKIP).forEach(r -> out.add(r.name()));
        return out;
    }

    private static boolean isOneOverM(Node n) {
        return n instanceof Apply d && d.op() == Op.DIV && d.x().isNumber(1) && d.arg(1) instanceof Ref r
                && r.kind() == RefKind.BATCH_SIZE;
    }

    private static Node toggled(Node n) {
        return n instanceof Apply t && t.op() == Op.TRANSPOSE ? t.x() : Apply.of(Op.TRANSPOSE, n);
    }

    /** Mutants are told apart by how they print: two that print alike read back alike. */
    private static final class ExprKey {
        static String of(Node n) {
            return dev.netgrad.ir.ExprPrinter.print(n);
        }
    }
}
