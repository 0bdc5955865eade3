package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Counts, on every path from J through the derived equations to each derivative, how many times
 * the seed (dL/dL) and the cost's 1/m multiply it. Reverse mode is linear in its seed, so every
 * additive term carries the seed at most once; a term without it comes from the regularizer.
 * Works on the final expressions, not on the derivation's bookkeeping, so a bug anywhere in the
 * rules or the simplifier that drops or doubles a 1/m is caught here.
 */
final class ScaleAnalysis {
    /** A path's multiplicity: powers of the seed and of the cost's 1/m. */
    record Path(int seed, int scale) implements Comparable<Path> {
        Path plus(Path o) {
            return new Path(seed + o.seed, scale + o.scale);
        }

        @Override
        public int compareTo(Path o) {
            return seed != o.seed ? Integer.compare(seed, o.seed) : Integer.compare(scale, o.scale);
        }
    }

    private static final Path NONE = new Path(0, 0);

    private final Map<String, Set<Path>> byDerivative = new HashMap<>();
    private final Map<Node, Set<Path>> memo = new IdentityHashMap<>();

    /** The paths of one equation; earlier equations must have been added first. */
    Set<Path> add(String derivativeName, Node value) {
        Set<Path> paths = paths(value);
        byDerivative.put(derivativeName, paths);
        return paths;
    }

    /** Describes what is wrong with an equation whose paths should all carry the 1/m {@code expected} times. */
    static List<String> violations(String name, Set<Path> paths, int expected) {
        List<String> problems = new ArrayList<>();
        for (Path p : paths) {
            if (p.seed() == 1 && p.scale() != expected) {
                problems.add(name + ": a path from J carries 1/m " + p.scale() + " times, expected " + expected);
            } else if (p.seed() == 0 && p.scale() != 0) {
                problems.add(name + ": a term that does not come from the loss carries the cost's 1/m");
            } else if (p.seed() > 1 || p.seed() < 0) {
                problems.add(name + ": a term is not linear in the loss's seed (power " + p.seed() + ")");
            }
        }
        return problems;
    }

    private Set<Path> paths(Node node) {
        Set<Path> known = memo.get(node);
        if (known != null) {
            return known;
        }
        Set<Path> result = compute(node);
        memo.put(node, result);
        return result;
    }

    private Set<Path> compute(Node node) {
        if (node.isNumber(0)) {
            // Zero is no term at all: 0 * seed * ones_like(Q) (a loss term scaled by 0) carries
            // neither the seed nor the 1/m, and neither do the products it enters.
            return Set.of();
        }
        if (node instanceof Ref r) {
            return switch (r.kind()) {
                case SEED -> Set.of(new Path(1, 0));
                case COST_SCALE -> Set.of(new Path(0, 1));
                case DERIVATIVE -> byDerivative.getOrDefault(r.name(), Set.of(NONE));
                default -> Set.of(NONE);
            };
        }
        if (!(node instanceof Apply a)) {
            return Set.of(NONE);
        }
        return switch (a.op()) {
            case ADD, SUB -> union(paths(a.arg(0)), paths(a.arg(1)));
            case MUL, MATMUL -> product(paths(a.arg(0)), paths(a.arg(1)), 1);
            case DIV -> product(paths(a.arg(0)), paths(a.arg(1)), -1);
            // Linear in the gradient, which meets forward values (filters, the pooled image, like=).
            case CONV2D, CONV2D_INPUT, CONV2D_WEIGHT, MAXPOOL_INPUT, AVGPOOL_INPUT, UNFLATTEN -> {
                Set<Path> all = Set.of(NONE);
                for (Node arg : a.args()) {
                    all = product(all, paths(arg), 1);
                }
                yield all;
            }
            default -> {
                // Linear maps (transpose, reductions, negation) and forward functions: a function
                // of derivatives would break linearity, which the seed power then shows.
                Set<Path> all = new TreeSet<>();
                for (Node arg : a.args()) {
                    all.addAll(paths(arg));
                }
                yield linear(a) ? all : nonlinear(all);
            }
        };
    }

    private static boolean linear(Apply a) {
        return switch (a.op()) {
            case NEG, TRANSPOSE, SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1, FLATTEN, CHANNEL_SUM, AVGPOOL -> true;
            default -> false;
        };
    }

    private static Set<Path> nonlinear(Set<Path> paths) {
        Set<Path> out = new TreeSet<>();
        for (Path p : paths) {
            out.add(p.equals(NONE) ? p : new Path(p.seed() * 2, p.scale() * 2));
        }
        return out;
    }

    private static Set<Path> union(Set<Path> a, Set<Path> b) {
        Set<Path> out = new TreeSet<>(a);
        out.addAll(b);
        return out;
    }

    private static Set<Path> product(Set<Path> a, Set<Path> b, int sign) {
        Set<Path> out = new TreeSet<>();
        for (Path x : a) {
            for (Path y : b) {
                out.add(x.plus(new Path(sign * y.seed(), sign * y.scale())));
            }
        }
        return out;
    }
}
