package dev.netgrad.diff;

import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An independent judge of every printed line's numerator: each derived value dV is compared with centred
 * differences of what its label names, V's entries moved one at a time in the lowered forward program (the
 * statements after V recomputed, V itself held at the moved value). {@code dJ/dV} against differences of the
 * cost, {@code d(sum L)/dV} against the sum of the losses, and {@code dL/dV} against example i's loss for an
 * entry of example i (column i, or row i of a value that holds its examples in rows); a dL line must also be
 * d(sum L): moving example i's entry moves no other example's loss.
 */
final class NumeratorOracle {
    private static final double STEP = 1e-5;
    private static final int MAX_ENTRIES = 40;

    private NumeratorOracle() {
    }

    /** What the lines of {@code d} get wrong on {@code env}, one sentence each; empty when every line is true. */
    static List<String> problems(Derivation d, Environment env, double tolerance) {
        Environment base = env.copy();
        Map<String, Matrix> derivatives = Evaluation.run(d, base).derivatives();
        List<String> out = new ArrayList<>();
        for (Equation e : d.equations()) {
            Matrix analytic = derivatives.get(e.name());
            Quantity q = Quantity.of(e.numerator());
            check(d, env, e, analytic, q, tolerance).ifPresent(out::add);
            if (q == Quantity.LOSS) {
                // dL holds only where the entry of example i moves no other example's loss.
                check(d, env, e, analytic, Quantity.SUM, tolerance).ifPresent(p -> out.add(p + " (labelled dL: moving example i moves another's loss)"));
            }
        }
        return out;
    }

    private enum Quantity {
        LOSS, SUM, COST;

        static Quantity of(Numerator n) {
            return switch (n) {
                case LOSS -> LOSS;
                case BATCH_SUM -> SUM;
                case COST -> COST;
            };
        }
    }

    private static java.util.Optional<String> check(Derivation d, Environment env, Equation e, Matrix analytic, Quantity q,
            double tolerance) {
        Matrix at = e.kind() == Equation.Kind.GRADIENT ? env.value(e.of()) : valueOf(d, env, e.of());
        boolean examplesInRows = e.shape().cols() != Shape.M && e.shape().rows() == Shape.M;
        double diff = 0;
        double normA = 0;
        double normN = 0;
        double scale = 0;
        for (int i : entries(at.data().length)) {
            int r = i / at.cols();
            int c = i % at.cols();
            int example = examplesInRows ? r : c;
            double[] f = new double[5];
            double[] offsets = {-2, -1, 1, 2, 0};
            for (int k = 0; k < 5; k++) {
                Matrix moved = at.copy();
                moved.data()[i] += offsets[k] * STEP;
                Result res = forward(d, env, e, moved);
                f[k] = switch (q) {
                    case COST -> res.cost;
                    case SUM -> sum(res.loss);
                    case LOSS -> res.loss.data()[example];
                };
                scale = Math.max(scale, Math.abs(f[k]));
            }
            if (kink(f[1], f[4], f[2]) || kink(f[0], f[4], f[3])) {
                continue; // a kink (relu, a comparison, a pool's tie) between the steps: differences cannot judge it
            }
            double numeric = (f[0] - 8 * f[1] + 8 * f[2] - f[3]) / (12 * STEP);
            double a = analytic.broadcastGet(r, c);
            diff += (a - numeric) * (a - numeric);
            normA += a * a;
            normN += numeric * numeric;
        }
        double floor = 1e-9 * Math.max(scale, 1) * Math.sqrt(Math.min(at.data().length, MAX_ENTRIES));
        double relative = Math.sqrt(diff) / Math.max(Math.sqrt(normA) + Math.sqrt(normN), Double.MIN_NORMAL);
        if (Math.sqrt(diff) <= floor || relative < tolerance) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(e.name() + " = " + "... // " + e.label() + " differs from differences of "
                + q.name().toLowerCase() + " by " + relative);
    }

    /** Whether the two sides' differences from {@code at} disagree past a smooth function's curvature. */
    private static boolean kink(double before, double at, double after) {
        double second = Math.abs(before - 2 * at + after);
        return second > 1e-2 * Math.abs(after - before) && second > 1e-12 * Math.max(1, Math.abs(at));
    }

    private record Result(double cost, Matrix loss) {
    }

    /** The value of statement {@code name} in the lowered forward program on {@code env}. */
    private static Matrix valueOf(Derivation d, Environment env, String name) {
        Environment copy = env.copy();
        for (Constant c : d.network().consts()) {
            copy.put(c.name(), Matrix.scalar(c.value()));
        }
        for (Statement s : program(d, null)) {
            Matrix v = Evaluator.evaluate(s.value(), copy);
            copy.put(s.name(), v);
            if (s.name().equals(name)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no statement " + name);
    }

    /** The cost and losses with {@code e.of()} held at {@code moved} (a param, or a statement's value). */
    private static Result forward(Derivation d, Environment env, Equation e, Matrix moved) {
        Environment copy = env.copy();
        for (Constant c : d.network().consts()) {
            copy.put(c.name(), Matrix.scalar(c.value()));
        }
        if (e.kind() == Equation.Kind.GRADIENT) {
            copy.put(e.of(), moved);
        }
        Matrix loss = null;
        Matrix cost = null;
        for (Statement s : program(d, e)) {
            Matrix v = s.name().equals(e.of()) && e.kind() == Equation.Kind.DELTA ? moved : Evaluator.evaluate(s.value(), copy);
            copy.put(s.name(), v);
            if (s.role() == Statement.Role.LOSS) {
                loss = v;
            } else if (s.role() == Statement.Role.COST) {
                cost = v;
            }
        }
        return new Result(cost.data()[0], loss);
    }

    /**
     * The stable forward program (losses from logits), each statement that reads {@code e}'s value and that the
     * stable program writes otherwise taken as lowered: the stable program reads a sigmoid's or a softmax's log
     * from the logits, past the probabilities, which moving them would then not move.
     */
    private static List<Statement> program(Derivation d, Equation e) {
        if (e == null || e.kind() != Equation.Kind.DELTA) {
            return d.stableForward();
        }
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < d.stableForward().size(); i++) {
            Statement stable = d.stableForward().get(i);
            Statement lowered = d.forward().get(i);
            out.add(reads(lowered, e.of()) && !stable.value().equals(lowered.value()) ? lowered : stable);
        }
        return out;
    }

    private static boolean reads(Statement s, String name) {
        return Nodes.refs(s.value(), Nodes.Masks.SKIP).stream().anyMatch(r -> r.name().equals(name));
    }

    private static double sum(Matrix x) {
        double s = 0;
        for (double v : x.data()) {
            s += v;
        }
        return s;
    }

    private static int[] entries(int size) {
        if (size <= MAX_ENTRIES) {
            return java.util.stream.IntStream.range(0, size).toArray();
        }
        return new java.util.SplittableRandom(size).ints(0, size).distinct().limit(MAX_ENTRIES).toArray();
    }
}
