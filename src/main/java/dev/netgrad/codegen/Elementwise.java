package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.at;
import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.choose;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.name;

import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.stmt.Statement;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compiles an elementwise expression tree into the Java expression for one entry of a loop over
 * {@code domain}: broadcasting is resolved here, at generation time, into the index each operand
 * is read at ({@code i} for a full operand, {@code r} for a column vector, {@code c} for a row
 * vector, 0 for a scalar). Reads and scalar subexpressions that do not change along the inner loop
 * are hoisted into locals; a subexpression used twice is computed once per entry.
 */
final class Elementwise {
    /** Where an operand of a given shape is read inside a loop over the domain. */
    enum Index { FLAT, ROW, CHANNEL, COLUMN, SCALAR }

    private final Buffers buffers;
    private final Map<Node, Buffer> materialized;
    private final Shape domain;
    private final Locals locals;
    private final SharedExps sharedExps;
    /** Statements of a loop over the same entries run before the body: exp(-|x|) stored for later statements. */
    private final List<Statement> stores = new ArrayList<>();
    private final Map<Node, Integer> uses = new IdentityHashMap<>();
    private final Map<Node, Expression> softplusTails = new IdentityHashMap<>();
    private final Map<Node, Expression> shared = new IdentityHashMap<>();
    private final Map<String, NameExpr> hoisted = new HashMap<>();
    private final List<Statement> scalarHoists = new ArrayList<>();
    private final List<Statement> rowHoists = new ArrayList<>();
    private final List<Statement> entryLocals = new ArrayList<>();
    /** The names of the locals in {@link #entryLocals}: what a loop run before the body cannot read. */
    private final Set<String> entryLocalNames = new HashSet<>();
    /** Each shared softplus tail's log1p call and the exp(-|x|) it is applied to. */
    private final List<Tail> tails = new ArrayList<>();
    private boolean readsFlat;
    private boolean readsRowOrColumn;
    /** Whether the expression being built is part of a scalar subexpression that will be hoisted whole. */
    private boolean inScalar;

    Elementwise(Buffers buffers, Map<Node, Buffer> materialized, Shape domain, Locals locals, SharedExps sharedExps) {
        this.buffers = buffers;
        this.materialized = materialized;
        this.domain = domain;
        this.locals = locals;
        this.sharedExps = sharedExps;
    }

    /** The per-entry expression of {@code node}; call once per kernel, then read the hoists. */
    Expression entry(Node node) {
        countUses(node);
        return value(node);
    }

    /** Locals read once before the loops (scalars). */
    List<Statement> scalarHoists() {
        return scalarHoists;
    }

    /** Locals read once per row (column vectors), inside the outer loop. */
    List<Statement> rowHoists() {
        return rowHoists;
    }

    /** The stores of exp(-|x|) for later statements ({@link SharedExps}): statements of the first pass. */
    List<Statement> stores() {
        return stores;
    }

    /** Shared subexpressions, computed first in the loop body. */
    List<Statement> entryLocals() {
        return entryLocals;
    }

    boolean readsFlat() {
        return readsFlat;
    }

    /** Whether some operand is broadcast along one side, so the loop needs rows and columns. */
    boolean needsRowsAndColumns() {
        return readsRowOrColumn;
    }

    static Index index(Shape operand, Shape domain) {
        // An image and its flattened value hold the same entries in the same places.
        if (operand.rows() == domain.rows() && operand.cols() == domain.cols()) {
            return Index.FLAT;
        }
        if (operand.isScalar()) {
            return Index.SCALAR;
        }
        if (operand.rows() == domain.rows() && operand.cols() == 1) {
            return Index.ROW;
        }
        if (operand.rows() == 1 && operand.cols() == domain.cols()) {
            return Index.COLUMN;
        }
        if (operand.isPerChannelOf(domain)) {
            return Index.CHANNEL;
        }
        throw new IllegalStateException("cannot broadcast " + operand + " over " + domain);
    }

    private record Tail(MethodCallExpr log1p, Expression exp) {
    }

    /**
     * Moves the exp of each shared softplus tail into a loop of its own, to be run over the same
     * entries before the body: {@code scratch[i] = exp(-|x|)}, the tail then computing
     * {@code log1p(scratch[i])}. Chained within one entry, exp and log1p are more work than the
     * processor can overlap from one entry to the next; apart, each loop overlaps its entries (the
     * binary cross-entropy of 400 examples: 25 % faster). The bits are the same. Only tails whose
     * argument reads nothing computed in the body move; call once, after {@link #entry}, and only
     * for a flat loop. Returns the first loop's body: those exps, and the exp(-|x|) this statement
     * stores for later ones ({@link SharedExps}); empty if there is none.
     */
    List<Statement> firstPass(Supplier<Buffer> scratch) {
        List<Statement> first = new ArrayList<>(stores);
        for (Tail tail : tails) {
            boolean readsBody = tail.exp().findAll(NameExpr.class).stream()
                    .anyMatch(n -> entryLocalNames.contains(n.getNameAsString()));
            if (!readsBody) {
                Buffer b = scratch.get();
                tail.log1p().setArgument(0, at(b.java(), name("i")));
                first.add(Ast.assign(at(b.java(), name("i")), tail.exp()));
            }
        }
        return first;
    }

    /** Whether a node is computed inside the fused loop (as opposed to a buffer or a materialized result). */
    static boolean isElementwise(Node node) {
        if (!(node instanceof Apply a)) {
            return false;
        }
        return switch (a.op()) {
            case ADD, SUB, MUL, DIV, GT, LT, GE, LE, NEG, POW, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS,
                    LEAKY_RELU, ONES_LIKE, FLATTEN, UNFLATTEN -> true;
            case MATMUL, TRANSPOSE, SOFTMAX, LOG_SOFTMAX, SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1, DROPOUT, BATCHNORM, MASK -> false;
            // Computed by ImageKernels (ImageCalls).
            case CONV2D, MAXPOOL, AVGPOOL, CONV2D_INPUT, CONV2D_WEIGHT, CHANNEL_SUM, MAXPOOL_INPUT, AVGPOOL_INPUT -> false;
        };
    }

    private void countUses(Node node) {
        if (!isElementwise(node) || materialized.containsKey(node)) {
            return;
        }
        int n = uses.merge(node, 1, Integer::sum);
        if (n == 1) {
            ((Apply) node).args().forEach(this::countUses);
        }
    }

    private Expression value(Node node) {
        Buffer done = materialized.get(node);
        if (done != null) {
            return read(done, node.shape());
        }
        if (node instanceof Num n) {
            return lit(n.value());
        }
        if (node instanceof Ref r) {
            return ref(r);
        }
        Apply a = (Apply) node;
        if (a.op() == Op.MASK) {
            Ref owner = (Ref) a.x();
            return read(buffers.mask(owner.name()), a.shape());
        }
        Expression known = shared.get(node);
        if (known != null) {
            return known.clone();
        }
        boolean hoist = a.shape().isScalar() && !domain.isScalar() && !inScalar;
        inScalar |= hoist;
        Expression e = apply(a);
        if (hoist) {
            // The same number for every entry: computed once, before the loops.
            inScalar = false;
            String local = locals.hoist();
            scalarHoists.add(Ast.localDouble(local, e));
            shared.put(node, name(local));
            return name(local);
        }
        if (uses.getOrDefault(node, 0) > 1) {
            // Inside a hoisted scalar, a shared part is hoisted too (every node under a scalar is scalar).
            String local = inScalar ? locals.hoist() : locals.entry();
            (inScalar ? scalarHoists : entryLocals).add(Ast.localDouble(local, e));
            if (!inScalar) {
                entryLocalNames.add(local);
            }
            shared.put(node, name(local));
            return name(local);
        }
        return e;
    }

    /**
     * softplus(x) = max(x, 0) + log1p(exp(-|x|)), written out so that the tail log1p(exp(-|x|)) is a
     * local of the entry (the same bits as the softplus kernel): when softplus(x) and softplus(-x)
     * are both in the expression (the stable form of binary cross-entropy) it is the same number for
     * both and computed once, and its exp can move to a loop of its own ({@link #firstPass}).
     */
    private Expression softplus(Node x) {
        Node u = unsigned(x);
        if (inScalar) {
            return call("softplus", value(x));
        }
        Expression tail = softplusTails.get(u);
        Buffer stored = u instanceof Ref r ? sharedExps.consume().get(r.name()) : null;
        if (tail == null && stored != null) {
            // exp(-|u|) was stored by the statement computing sigmoid(u).
            String local = locals.entry();
            entryLocals.add(Ast.localDouble(local, call("log1p", read(stored, u.shape()))));
            entryLocalNames.add(local);
            tail = name(local);
            softplusTails.put(u, tail);
        } else if (tail == null) {
            String local = locals.entry();
            Expression exp = expOfMinusAbs(u);
            MethodCallExpr log1p = call("log1p", exp);
            entryLocals.add(Ast.localDouble(local, log1p));
            entryLocalNames.add(local);
            tails.add(new Tail(log1p, exp));
            tail = name(local);
            softplusTails.put(u, tail);
        }
        return Ast.plus(call("Math", "max", value(x), lit(0.0)), tail.clone());
    }

    /**
     * sigmoid(x); when this statement stores exp(-|x|) for a later one ({@link SharedExps}), the
     * sigmoid kernel on the stored value, {@code sigmoidOfExp(x, e)}: the same bits.
     */
    private Expression sigmoid(Node x) {
        Buffer stored = x instanceof Ref r && !inScalar ? sharedExps.produce().get(r.name()) : null;
        if (stored == null) {
            return call("sigmoid", value(x));
        }
        stores.add(Ast.assign(at(stored.java(), name("i")), expOfMinusAbs(x)));
        return call("sigmoidOfExp", value(x), read(stored, x.shape()));
    }

    /** exp(-|x|) at this entry: what sigmoid(x) and softplus(x) both compute. */
    private Expression expOfMinusAbs(Node x) {
        return call("exp", Ast.neg(call("Math", "abs", value(x))));
    }

    private static boolean isNegation(Node x) {
        return x instanceof Apply a && a.op() == Op.NEG;
    }

    private static Node unsigned(Node x) {
        return isNegation(x) ? ((Apply) x).x() : x;
    }

    private Expression ref(Ref r) {
        return switch (r.kind()) {
            case CONST -> name(buffers.constant(r.name()));
            case BATCH_SIZE -> name("batchSize");
            case COST_SCALE -> name("oneOverM");
            case SEED -> throw new IllegalStateException("the derivation's seed was not replaced by 1");
            case INPUT, TARGET, PARAM, VALUE, DERIVATIVE -> read(buffers.named(r.name()), r.shape());
        };
    }

    private Expression read(Buffer b, Shape shape) {
        Index index = index(shape, domain);
        return switch (index) {
            case FLAT -> {
                if (domain.isScalar()) {
                    yield at(b.java(), lit(0));
                }
                readsFlat = true;
                yield at(b.java(), name("i"));
            }
            case COLUMN -> {
                readsRowOrColumn = true;
                yield at(b.java(), name("c"));
            }
            case ROW -> {
                readsRowOrColumn = true;
                yield hoist(b, index, name("r"), rowHoists);
            }
            case CHANNEL -> {
                // One entry per channel of an image whose rows are (pixel, channel), channels last.
                readsRowOrColumn = true;
                yield hoist(b, index, new BinaryExpr(name("r"), lit(shape.rows()), BinaryExpr.Operator.REMAINDER), rowHoists);
            }
            case SCALAR -> hoist(b, index, lit(0), scalarHoists);
        };
    }

    private NameExpr hoist(Buffer b, Index index, Expression at, List<Statement> into) {
        return hoisted.computeIfAbsent(b.java() + "@" + index, k -> {
            String local = locals.hoist();
            into.add(Ast.localDouble(local, new ArrayAccessExpr(name(b.java()), at)));
            return name(local);
        }).clone();
    }

    private Expression apply(Apply a) {
        return switch (a.op()) {
            case ADD -> Ast.plus(value(a.arg(0)), value(a.arg(1)));
            case SUB -> Ast.minus(value(a.arg(0)), value(a.arg(1)));
            case MUL -> Ast.times(value(a.arg(0)), value(a.arg(1)));
            case DIV -> Ast.divide(value(a.arg(0)), value(a.arg(1)));
            case GT -> compare(a, BinaryExpr.Operator.GREATER);
            case LT -> compare(a, BinaryExpr.Operator.LESS);
            case GE -> compare(a, BinaryExpr.Operator.GREATER_EQUALS);
            case LE -> compare(a, BinaryExpr.Operator.LESS_EQUALS);
            case NEG -> Ast.neg(value(a.x()));
            case POW -> power(a);
            case TANH -> call("tanh", value(a.x()));
            case EXP -> call("exp", value(a.x()));
            case LOG -> call("Math", "log", value(a.x()));
            case SQRT -> call("Math", "sqrt", value(a.x()));
            case ABS -> call("Math", "abs", value(a.x()));
            case SIGMOID -> sigmoid(a.x());
            case SOFTPLUS -> softplus(a.x());
            case RELU -> call("relu", value(a.x()));
            case LEAKY_RELU -> call("leakyRelu", value(a.x()), value(a.arg(1)));
            case ONES_LIKE -> lit(1.0);
            // The same entries in the same places: nothing moves.
            case FLATTEN, UNFLATTEN -> value(a.arg(0));
            case MATMUL, TRANSPOSE, SOFTMAX, LOG_SOFTMAX, SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1, DROPOUT, BATCHNORM, MASK,
                    CONV2D, MAXPOOL, AVGPOOL, CONV2D_INPUT, CONV2D_WEIGHT, CHANNEL_SUM,
                    MAXPOOL_INPUT, AVGPOOL_INPUT -> throw new IllegalStateException(a.op() + " is not elementwise");
        };
    }

    private Expression compare(Apply a, BinaryExpr.Operator op) {
        // x > 0 and x < 0 (the derivatives of relu and abs) call the runtime's branch-free step:
        // the same values, without a branch that mispredicts on half the entries.
        if (a.arg(1) instanceof Num zero && zero.value() == 0) {
            if (op == BinaryExpr.Operator.GREATER) {
                return call("positive", value(a.arg(0)));
            }
            if (op == BinaryExpr.Operator.LESS) {
                return call("positive", Ast.neg(value(a.arg(0))));
            }
        }
        return choose(Ast.bin(value(a.arg(0)), op, value(a.arg(1))), lit(1.0), lit(0.0));
    }

    /** {@code x^2} as {@code x * x} (as the reference evaluator and numpy's square compute it). */
    private Expression power(Apply a) {
        Expression x = value(a.x());
        if (a.arg(1) instanceof Num p) {
            if (p.value() == 2) {
                boolean simple = x instanceof NameExpr || x instanceof ArrayAccessExpr;
                return simple ? Ast.times(x, x.clone()) : call("square", x);
            }
            return call("Math", "pow", x, lit(p.value()));
        }
        return call("power", x, value(a.arg(1)));
    }
}
