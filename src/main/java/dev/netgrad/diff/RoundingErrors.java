package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.RowBlocks;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A first-order bound on the rounding error of each equation of a backward pass, entry by entry, in
 * units of the unit roundoff u: every operation rounds its result once, a sum or a product of
 * matrices relative to the size of its terms (|fl(x1 + ... + xn) - (x1 + ... + xn)| is about u (|x1| +
 * ... + |xn|)), and the errors of its operands carry through it as through a derivative (the error of
 * x * y is |y| err(x) + |x| err(y) plus its own rounding). Forward values, which the user's lines
 * read as netgrad's do, count one rounding of their own size; what the backward pass computes from
 * them alone ({@code sigmoid(A) - Y}) rounds as any other operation.
 *
 * <p>Unlike the distance to a nudged twin, this is never 0 where the terms are not: a gradient zero
 * in exact arithmetic (a bias's before a batchnorm, a sum over the batch of values that sum to 0)
 * comes out as rounding of about the size of its terms, and the twin can round to the very same
 * bits, measuring no noise at all.
 *
 * <p>Where a result is subnormal, a rounding moves it by up to half the smallest double whatever its
 * size, which no multiple of u bounds (a derivative of 1e-321 holds about 11 bits). {@link
 * Rounding#UNDERFLOW} bounds that part alone, in units of half the smallest double: each product,
 * quotient or function value counts one, a sum none (a subnormal sum is exact).
 */
final class RoundingErrors {
    /** What one rounding adds to the bound. */
    enum Rounding {
        /** u times the size of the result: the bound is in units of u. */
        RELATIVE,
        /** Half the smallest double, per product, quotient or function value: the bound is in units of that. */
        UNDERFLOW
    }

    private final Rounding rounding;
    /** The equations computed so far, whose errors the env holds under {@link #errorName}. */
    private final Set<String> derivatives = new HashSet<>();
    /** Each node's error expression, built once however many equations read the node. */
    private final Map<Node, Node> errors = new IdentityHashMap<>();

    private RoundingErrors(Rounding rounding) {
        this.rounding = rounding;
    }

    /**
     * The size ({@link Numerics#norm}) of the error bound (over u) of each of {@code equations}, by
     * name, on an environment holding the forward values. The equations' values and their errors are
     * computed into it, in order, each kept only while a later equation reads it: on a wide network a
     * param's gradient and its bound are 4096 x 4096 each, and no equation reads them.
     */
    static Map<String, Double> norms(List<Equation> equations, Environment env) {
        return norms(equations, env, Rounding.RELATIVE);
    }

    /** {@link #norms(List, Environment)}, each rounding counted as {@code rounding} says. */
    static Map<String, Double> norms(List<Equation> equations, Environment env, Rounding rounding) {
        return norms(equations, env, rounding, term -> {
        });
    }

    /**
     * How a term of a bound no later equation reads is about to be evaluated: a block of rows at a time ({@link
     * RowBlocks}) or whole, and how many values what evaluates it holds then.
     */
    record Term(boolean inRowBlocks, int valuesHeld) {
    }

    /**
     * {@link #norms(List, Environment, Rounding)}, telling {@code beforeEachTerm} how each term of a bound no later
     * equation reads is about to be evaluated: for tests of what is held beside the bound's running sum.
     */
    static Map<String, Double> norms(List<Equation> equations, Environment env, Rounding rounding, Consumer<Term> beforeEachTerm) {
        // The error expressions first (they depend on which equations come before, not on values), so
        // that what each equation reads is known before any is evaluated.
        RoundingErrors errors = new RoundingErrors(rounding);
        List<Node> errorOf = new ArrayList<>();
        for (Equation e : equations) {
            errorOf.add(errors.error(e.value()));
            errors.derivatives.add(e.name());
        }
        List<Set<String>> reads = new ArrayList<>();
        for (int j = 0; j < equations.size(); j++) {
            Set<String> read = new LinkedHashSet<>();
            for (Node n : List.of(equations.get(j).value(), errorOf.get(j))) {
                Nodes.refs(n, Nodes.Masks.ENTER).forEach(r -> read.add(r.name()));
            }
            reads.add(read);
        }
        LastReads lastReads = LastReads.of(reads);
        Evaluator values = Evaluator.of(env, equations.stream().filter(e -> lastReads.isRead(e.name())).map(Equation::value).toList());
        // The bounds a later equation reads; the others are evaluated term by term, apart (unreadNorm).
        List<Node> readBounds = new ArrayList<>();
        for (int i = 0; i < equations.size(); i++) {
            if (lastReads.isRead(errorName(equations.get(i).name()))) {
                readBounds.add(errorOf.get(i));
            }
        }
        Evaluator bounds = Evaluator.of(env, readBounds);
        Map<String, Double> out = new LinkedHashMap<>();
        List<String> computed = new ArrayList<>();
        for (int i = 0; i < equations.size(); i++) {
            Equation e = equations.get(i);
            if (lastReads.isRead(e.name())) {
                env.put(e.name(), values.eval(e.value()));
                computed.add(e.name());
            }
            if (lastReads.isRead(errorName(e.name()))) {
                Matrix bound = bounds.eval(errorOf.get(i));
                env.put(errorName(e.name()), bound);
                computed.add(errorName(e.name()));
                out.put(e.name(), Numerics.norm(bound));
            } else {
                out.put(e.name(), unreadNorm(env, errorOf.get(i), beforeEachTerm));
            }
            int done = i;
            computed.removeIf(name -> {
                boolean unread = !lastReads.readAfter(name, done);
                if (unread) {
                    env.remove(name);
                }
                return unread;
            });
        }
        return out;
    }

    /**
     * The size of a bound no later equation reads, a sum's terms added into one matrix as each is
     * evaluated, in the sum's order (the bits the sum's own evaluation gives): a param's bound on a
     * wide network is three 4096 x 4096 products, of which the sum held two and their partial sum.
     * A term is added a block of rows at a time where its operations allow ({@link RowBlocks}), its
     * whole value never made; else it is evaluated by an evaluator of its own. Either way a value two
     * terms share is made again for the later one, not held through the terms between: dW2 = 1/m *
     * dZ2 @ A1.T's own rounding, |1/m| * |dZ2 @ A1.T|, is its first term and its last, and was held
     * beside the second term's two products and the running sum.
     */
    private static double unreadNorm(Environment env, Node bound, Consumer<Term> beforeEachTerm) {
        List<Node> terms = new ArrayList<>();
        Node n = bound;
        while (n instanceof Apply a && a.op() == Op.ADD && a.arg(0).shape().equals(a.shape()) && a.arg(1).shape().equals(a.shape())) {
            terms.add(0, a.arg(1));
            n = a.arg(0);
        }
        terms.add(0, n);
        Matrix sum = null;
        for (Node term : terms) {
            RowBlocks blocks = RowBlocks.of(term, env);
            if (blocks != null) {
                beforeEachTerm.accept(new Term(true, blocks.valuesHeld()));
                sum = blocks.addInto(sum);
                continue;
            }
            Evaluator alone = Evaluator.of(env, List.of(term));
            beforeEachTerm.accept(new Term(false, alone.valuesHeld()));
            if (terms.size() == 1) {
                return Numerics.norm(alone.eval(term)); // read, not written over: no copy of a name's value
            }
            if (sum == null) {
                sum = alone.evalToWriteOver(term); // the first term's own matrix when nothing reads it again
                continue;
            }
            double[] t = alone.eval(term).data();
            double[] out = sum.data();
            for (int k = 0; k < out.length; k++) {
                out[k] += t[k];
            }
        }
        return Numerics.norm(sum);
    }

    /** Where a derivative's error is kept beside its value: a name no spec can spell. */
    private static String errorName(String derivative) {
        return "err(" + derivative + ")";
    }

    private Node error(Node n) {
        Node known = errors.get(n);
        if (known == null) {
            known = errorOf(n);
            errors.put(n, known);
        }
        return known;
    }

    private Node errorOf(Node n) {
        if (n instanceof Ref r && derivatives.contains(r.name())) {
            return Ref.of(errorName(r.name()), RefKind.DERIVATIVE, r.shape());
        }
        // An operation on forward values alone rounds as any other: sigmoid(A) - Y with sigmoid(A) near its target 1
        // cancels to a small difference whose error is u |sigmoid(A)|, not u |sigmoid(A) - Y|, and the cost
        // convention's 1/m * sigmoid(A) - 1/m * Y cancels to other bits than the loss convention's 1/m after the sum.
        // Underflow is not cancellation: there such a part keeps one unit of its own, as 1e-322 * (A - Y) has (its
        // constant counted as a rounding too would let dW = dZ @ X.T, without its 1/m, pass at 1e-322).
        if (!(n instanceof Apply a) || rounding == Rounding.UNDERFLOW
                && Nodes.refs(n, Nodes.Masks.SKIP).stream().noneMatch(r -> derivatives.contains(r.name()))) {
            return own(n); // a forward value, read as it is: one rounding of its own
        }
        Node own = own(a);
        boolean relative = rounding == Rounding.RELATIVE;
        return switch (a.op()) {
            case ADD, SUB -> relative ? add(add(error(a.arg(0)), error(a.arg(1))), own) : add(error(a.arg(0)), error(a.arg(1)));
            case MUL, MATMUL, CONV2D, CONV2D_INPUT, CONV2D_WEIGHT -> add(add(same(a, error(a.arg(0)), abs(a.arg(1))),
                    same(a, abs(a.arg(0)), error(a.arg(1)))), relative ? same(a, abs(a.arg(0)), abs(a.arg(1)))
                    : same(a, ones(a.arg(0)), ones(a.arg(1)))); // underflow: one rounding per product summed
            case DIV -> add(add(div(error(a.arg(0)), abs(a.arg(1))),
                    div(mul(abs(a.arg(0)), error(a.arg(1))), mul(abs(a.arg(1)), abs(a.arg(1))))), own);
            case NEG, TRANSPOSE, FLATTEN, UNFLATTEN -> same(a, error(a.x()));
            case SUM, SUM0, SUM1, CHANNEL_SUM, MAXPOOL_INPUT -> relative ? add(same(a, error(a.x())), same(a, abs(a.x())))
                    : same(a, error(a.x()));
            case MEAN, MEAN0, MEAN1, AVGPOOL, AVGPOOL_INPUT -> add(same(a, error(a.x())), relative ? same(a, abs(a.x())) : own);
            case POW -> a.arg(1) instanceof Num p
                    ? add(mul(mul(Num.of(Math.abs(p.value())), pow(abs(a.x()), p.value() - 1)), error(a.x())), own)
                    : own;
            default -> own; // a function of a derivative: no propagation known, its own rounding
        };
    }

    /** One rounding of {@code n}'s result: its size, or one unit of underflow per entry. */
    private Node own(Node n) {
        return rounding == Rounding.RELATIVE ? abs(n) : ones(n);
    }

    /** 1 in every entry of {@code n}'s shape (a 1 x 1 filter bank keeps its grid, as {@link #abs} keeps it). */
    private static Node ones(Node n) {
        return n instanceof Num ? Num.of(1) : Apply.of(Op.ONES_LIKE, n);
    }

    /** {@code a}'s operation on the given leading arguments and its own others (strides, shapes, a pool's routing). */
    private static Node same(Apply a, Node... leading) {
        List<Node> args = new ArrayList<>(a.args());
        for (int i = 0; i < leading.length; i++) {
            args.set(i, leading[i]);
        }
        return new Apply(a.op(), args, a.shape());
    }

    private static Node add(Node x, Node y) {
        return Apply.of(Op.ADD, x, y);
    }

    private static Node mul(Node x, Node y) {
        return Apply.of(Op.MUL, x, y);
    }

    private static Node div(Node x, Node y) {
        return Apply.of(Op.DIV, x, y);
    }

    private static Node pow(Node x, double p) {
        return p == 1 ? x : Apply.of(Op.POW, x, Num.of(p));
    }

    private static Node abs(Node n) {
        return n instanceof Num x ? Num.of(Math.abs(x.value())) : Apply.of(Op.ABS, n);
    }
}
