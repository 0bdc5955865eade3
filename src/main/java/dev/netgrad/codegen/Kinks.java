package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The kinks of a forward pass ({@link Kink}): relu, leaky_relu and abs, whose slope changes at 0,
 * comparisons, which jump there, sqrt, log and x^p (p not a whole number of at least 0), which have
 * no derivative at 0 (and sqrt and log no value below), divisions, whose divisor has a pole at 0, and
 * max pools, whose slope moves to another entry of a window when that entry becomes the largest.
 * Each is watched through its input, whatever expression it is
 * ({@code abs(A2 - Y)} in a loss, {@code relu(W @ X + b)} written inline, a kink nested in another
 * call), evaluated by the reference evaluator on the values of the trainer's last forward pass; a
 * kink whose input no param moves is never crossed, and is not watched.
 *
 * <p>Centred differences whose steps cross a kink measure part of one slope and part of the other,
 * and call a right gradient wrong; {@link #crossing} tells the gradient check which steps did, by the
 * state of every watched entry (its side of 0, or which entry of its window is the largest), which it
 * compares with the states at the checked point.
 */
final class Kinks {
    private final Derivation d;
    private final List<Kink> watched;

    private Kinks(Derivation d) {
        this.d = d;
        this.watched = watched(d);
    }

    /** The kinks of {@code d}'s forward pass that a param moves, watched. */
    static Kinks of(Derivation d) {
        return new Kinks(d);
    }

    /** The kinks of {@code d}'s forward pass whose inputs a param moves, in the forward pass's order, each once. */
    static List<Kink> watched(Derivation d) {
        Set<String> moved = movedValues(d);
        // An input once per kind: relu(Z) and sqrt(Z) watch Z's sign both, but only the sqrt its zeros.
        Map<List<Object>, Kink> found = new LinkedHashMap<>();
        for (Statement s : d.stableForward()) {
            collect(s.value(), moved, found, d);
        }
        return List.copyOf(found.values());
    }

    private static void collect(Node node, Set<String> moved, Map<List<Object>, Kink> found, Derivation d) {
        if (!(node instanceof Apply a) || a.op() == Op.MASK) {
            return;
        }
        Kink kink = switch (a.op()) {
            case RELU, LEAKY_RELU, ABS -> Kink.sign(a.op().symbol(), a.x());
            case GT, LT, GE, LE -> Kink.comparison(a, Apply.of(Op.SUB, a.arg(0), a.arg(1)));
            case SQRT, LOG -> Kink.edge(a.op().symbol() + "'s input " + ExprPrinter.print(a.x()), a.x());
            // A pole: across 0 the quotient jumps from one infinity to the other, and a difference is no slope.
            case DIV -> Kink.edge("the divisor " + ExprPrinter.print(a.arg(1)) + " of " + ExprPrinter.print(a), a.arg(1));
            case POW -> smoothPower(exponent(a.arg(1), d)) ? null
                    : Kink.edge("the base " + ExprPrinter.print(a.x()) + " of " + ExprPrinter.print(a), a.x());
            // A 1 x 1 window picks its one entry whatever the values: no kink (margin had no second entry to read).
            case MAXPOOL -> count(a.arg(1)) == 1 ? null : Kink.pool(a.x(), ExprPrinter.print(a),
                    new Kink.Pool(count(a.arg(1)), count(a.arg(2)), a.x().shape().grid(), a.shape().grid()));
            default -> null;
        };
        if (kink != null && reads(kink.input(), moved)) {
            found.putIfAbsent(List.of(kink.input(), kink.kind()), kink);
        }
        a.args().forEach(arg -> collect(arg, moved, found, d));
    }

    /** x^p has a derivative everywhere when p is a whole number of at least 0 (x^2, x^3); else not at 0 (x^0.5, x^-1). */
    private static boolean smoothPower(double p) {
        return p >= 0 && p == Math.rint(p);
    }

    /** A power's exponent: a number, or a const, as the language requires. */
    private static double exponent(Node n, Derivation d) {
        if (n instanceof Num num) {
            return num.value();
        }
        return d.network().constValue(((Ref) n).name());
    }

    private static int count(Node n) {
        return (int) ((Num) n).value();
    }

    /** The forward pass's values that a param moves: those that read a param, or a value a param moves. */
    private static Set<String> movedValues(Derivation d) {
        Set<String> moved = new HashSet<>();
        for (Statement s : d.stableForward()) {
            if (reads(s.value(), moved)) {
                moved.add(s.name());
            }
        }
        return moved;
    }

    private static boolean reads(Node node, Set<String> moved) {
        if (node instanceof Ref r) {
            return r.kind() == RefKind.PARAM || r.kind() == RefKind.VALUE && moved.contains(r.name());
        }
        return node instanceof Apply a && a.op() != Op.MASK && a.args().stream().anyMatch(arg -> reads(arg, moved));
    }

    /**
     * How close the trainer's last forward pass came to a kink: the smallest |v| over the entries of
     * every watched sign's input, and the smallest gap between a window's largest entry and the next
     * (infinite when there is none). A window whose largest entries tie exactly is left out: such a tie
     * comes from the network (a relu's zeros, one value read twice), no jitter undoes it, and its steps'
     * crossings are found all the same. So are edges: a batchnorm's sqrt(var + eps) is never further
     * than eps from 0, and the cost is not finite beyond one, so that no difference is taken across it.
     */
    double margin(CompiledTrainer trainer) {
        double margin = Double.POSITIVE_INFINITY;
        List<Matrix> inputs = inputs(trainer);
        for (int k = 0; k < watched.size(); k++) {
            Matrix v = inputs.get(k);
            Kink.Pool pool = watched.get(k).pool();
            if (watched.get(k).kind() == Kink.Kind.EDGE) {
                continue;
            }
            if (pool == null) {
                for (double e : v.data()) {
                    margin = Math.min(margin, Math.abs(e));
                }
                continue;
            }
            for (int e = 0; e < v.cols(); e++) {
                for (int w = 0; w < pool.out().size(); w++) {
                    double[] window = window(v, pool, w, e);
                    Arrays.sort(window);
                    double gap = window[window.length - 1] - window[window.length - 2];
                    margin = gap > 0 ? Math.min(margin, gap) : margin;
                }
            }
        }
        return margin;
    }

    /** The state of every watched entry in the trainer's last forward pass. */
    int[][] states(CompiledTrainer trainer) {
        List<Matrix> inputs = inputs(trainer);
        int[][] out = new int[watched.size()][];
        for (int k = 0; k < watched.size(); k++) {
            out[k] = states(watched.get(k), inputs.get(k));
        }
        return out;
    }

    /**
     * The first entry of {@code states} at which a watched edge's input is 0, "sqrt's input relu(Z1) is
     * 0 at row 2, column 3", or null when none is: a gradient that goes through it has no value there.
     */
    String atAnEdge(int[][] states, CompiledTrainer trainer) {
        for (int k = 0; k < watched.size(); k++) {
            for (int i = 0; i < states[k].length; i++) {
                if (watched.get(k).kind() == Kink.Kind.EDGE && states[k][i] == AT_EDGE) {
                    int cols = watched.get(k).input().shape().cols(batchSize(trainer));
                    return watched.get(k).what() + " is 0 at row " + (i / cols + 1) + ", column " + (i % cols + 1);
                }
            }
        }
        return null;
    }

    /**
     * Where the trainer's last forward pass first has a watched entry in another state than in
     * {@code base}, "takes relu's input Z1 at row 2, column 5 across 0", or null when none is.
     */
    String crossing(int[][] base, CompiledTrainer trainer) {
        int[][] now = states(trainer);
        for (int k = 0; k < watched.size(); k++) {
            for (int i = 0; i < now[k].length; i++) {
                if (now[k][i] != base[k][i]) {
                    int cols = watched.get(k).input().shape().cols(batchSize(trainer));
                    return watched.get(k).crossing(i / cols, i % cols);
                }
            }
        }
        return null;
    }

    private static int batchSize(CompiledTrainer trainer) {
        return trainer.value(trainer.inputName())[0].length;
    }

    /** Each watched kink's input in the trainer's last forward pass. */
    private List<Matrix> inputs(CompiledTrainer trainer) {
        Environment env = new Environment(batchSize(trainer));
        return watched.stream().map(k -> {
            fill(k.input(), env, trainer);
            return Evaluator.evaluate(k.input(), env);
        }).toList();
    }

    /**
     * Puts into {@code env} every value {@code node} reads: the trainer's, or for a value it keeps no
     * buffer of, its statement evaluated on the same values. A dropout mask is taken as all ones: an
     * entry it drops stays 0 at every step, so watching it as kept can only leave out more entries.
     */
    private void fill(Node node, Environment env, CompiledTrainer trainer) {
        if (node instanceof Apply a && a.op() == Op.MASK) {
            int m = env.batchSize();
            double[] ones = new double[a.shape().rows(m) * a.shape().cols(m)];
            Arrays.fill(ones, 1);
            env.putMask(((Ref) a.x()).name(), new Matrix(a.shape().rows(m), a.shape().cols(m), ones));
        } else if (node instanceof Apply a) {
            a.args().forEach(arg -> fill(arg, env, trainer));
        } else if (node instanceof Ref r && !env.has(r.name())) {
            switch (r.kind()) {
                case PARAM -> env.put(r.name(), Matrix.of(trainer.getParam(r.name())));
                case CONST -> env.put(r.name(), Matrix.scalar(d.network().constValue(r.name())));
                case INPUT, TARGET, VALUE -> env.put(r.name(), kept(r.name(), env, trainer));
                default -> {
                    // m and 1/m come from the environment's batch size
                }
            }
        }
    }

    private Matrix kept(String name, Environment env, CompiledTrainer trainer) {
        try {
            return Matrix.of(trainer.value(name));
        } catch (IllegalArgumentException notKept) {
            Node value = java.util.stream.Stream.concat(d.stableForward().stream(), d.forward().stream())
                    .filter(s -> s.name().equals(name)).findFirst().orElseThrow(() -> notKept).value();
            fill(value, env, trainer);
            return Evaluator.evaluate(value, env);
        }
    }

    /** An edge's state where its input is 0 (-0.0 too), in place of a sign's 0: the generated test's AT_EDGE. */
    static final int AT_EDGE = 3;

    /**
     * A sign kink's entries' sides: 1 above 0, -1 below, 0 at it (-0.0 too), and 2 for NaN, which
     * is on no side (a NaN that appears or goes counts as a change); an edge's the same, with
     * {@link #AT_EDGE} for 0. A pool's windows' states: the place of the largest entry, that place
     * plus f^2 when another entry ties with it, -1 when one is NaN.
     */
    private static int[] states(Kink kink, Matrix v) {
        return switch (kink.kind()) {
            case SIGN -> Arrays.stream(v.data()).mapToInt(e -> e > 0 ? 1 : e < 0 ? -1 : e == 0 ? 0 : 2).toArray();
            case EDGE -> Arrays.stream(v.data()).mapToInt(e -> e > 0 ? 1 : e < 0 ? -1 : e == 0 ? AT_EDGE : 2).toArray();
            case POOL -> maxima(kink.pool(), v);
        };
    }

    private static int[] maxima(Kink.Pool pool, Matrix v) {
        int[] out = new int[pool.out().size() * v.cols()];
        for (int w = 0; w < pool.out().size(); w++) {
            for (int e = 0; e < v.cols(); e++) {
                out[w * v.cols() + e] = largest(window(v, pool, w, e));
            }
        }
        return out;
    }

    private static int largest(double[] window) {
        int best = 0;
        for (int i = 0; i < window.length; i++) {
            if (Double.isNaN(window[i])) {
                return -1;
            }
            best = window[i] > window[best] ? i : best;
        }
        for (int i = 0; i < window.length; i++) {
            if (i != best && window[i] == window[best]) {
                return best + window.length;
            }
        }
        return best;
    }

    /** The entries of example e's window w (its row in the pooled value), row-major. */
    private static double[] window(Matrix v, Kink.Pool pool, int w, int e) {
        int k = w % pool.out().c();
        int oj = w / pool.out().c() % pool.out().w();
        int oi = w / pool.out().c() / pool.out().w();
        double[] out = new double[pool.f() * pool.f()];
        for (int a = 0; a < pool.f(); a++) {
            for (int b = 0; b < pool.f(); b++) {
                out[a * pool.f() + b] = v.get(pool.in().row(oi * pool.stride() + a, oj * pool.stride() + b, k), e);
            }
        }
        return out;
    }
}
