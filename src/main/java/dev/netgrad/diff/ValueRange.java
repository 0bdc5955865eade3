package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The values an expression can take on any instance, from the ranges of its operations: a sigmoid's
 * lie in [0, 1], a tanh's in [-1, 1], a relu's and an exp's are never negative, a comparison's and a
 * mask's are 0 or 1; a param, an input, a target or a derivative may be anything. A comparison whose
 * truth these ranges settle ({@code A2 < 1.5} after a sigmoid) is the same on every instance there
 * can be, so a line that holds it is not the less judged for the instances never making it false.
 */
record ValueRange(double lo, double hi) {
    static final ValueRange ANY = new ValueRange(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
    private static final ValueRange UNIT = new ValueRange(0, 1);

    ValueRange {
        if (Double.isNaN(lo) || Double.isNaN(hi)) {
            lo = Double.NEGATIVE_INFINITY;
            hi = Double.POSITIVE_INFINITY;
        }
    }

    /** The ranges of a derivation's forward values, each worked out once when first asked for. */
    static final class Of {
        private final Map<String, Node> forward = new HashMap<>();
        private final Map<String, ValueRange> known = new HashMap<>();

        Of(Derivation d) {
            for (Statement s : d.forward()) {
                forward.put(s.name(), s.value());
            }
        }

        /** The expression of a forward value, by name: empty for any other name. */
        Optional<Node> forwardValue(String name) {
            return Optional.ofNullable(forward.get(name));
        }

        ValueRange of(Node node) {
            if (node instanceof Num n) {
                return new ValueRange(n.value(), n.value());
            }
            if (node instanceof Ref r) {
                return ofRef(r);
            }
            return node instanceof Apply a ? ofApply(a) : ANY;
        }

        private ValueRange ofRef(Ref r) {
            if (r.hasValue()) {
                return new ValueRange(r.value(), r.value());
            }
            if (r.kind() == RefKind.BATCH_SIZE) {
                return new ValueRange(1, Double.POSITIVE_INFINITY);
            }
            if (r.kind() != RefKind.VALUE || !forward.containsKey(r.name())) {
                return ANY;
            }
            ValueRange cached = known.get(r.name());
            if (cached == null) {
                known.put(r.name(), ANY); // a name read while its own range is worked out may be anything
                cached = of(forward.get(r.name()));
                known.put(r.name(), cached);
            }
            return cached;
        }

        private ValueRange ofApply(Apply a) {
            ValueRange x = a.args().isEmpty() ? ANY : of(a.arg(0));
            return switch (a.op()) {
                case GT, LT, GE, LE, MASK -> UNIT;
                case ADD -> new ValueRange(x.lo + of(a.arg(1)).lo, x.hi + of(a.arg(1)).hi);
                case SUB -> new ValueRange(x.lo - of(a.arg(1)).hi, x.hi - of(a.arg(1)).lo);
                case NEG -> new ValueRange(-x.hi, -x.lo);
                case MUL -> x.times(of(a.arg(1)));
                case TANH -> new ValueRange(Math.max(-1, Math.tanh(x.lo)), Math.min(1, Math.tanh(x.hi)));
                case SIGMOID -> new ValueRange(sigmoid(x.lo), sigmoid(x.hi));
                case SOFTMAX -> UNIT;
                case RELU -> new ValueRange(Math.max(0, x.lo), Math.max(0, x.hi));
                case EXP -> new ValueRange(Math.exp(x.lo), Math.exp(x.hi));
                case LOG -> new ValueRange(x.lo <= 0 ? Double.NEGATIVE_INFINITY : Math.log(x.lo), Math.log(Math.max(0, x.hi)));
                case SQRT -> new ValueRange(Math.sqrt(Math.max(0, x.lo)), Math.sqrt(Math.max(0, x.hi)));
                case SOFTPLUS -> new ValueRange(0, Math.max(0, x.hi) + Math.log1p(Math.exp(-Math.abs(x.hi))));
                case ABS -> x.lo >= 0 ? x : x.hi <= 0 ? new ValueRange(-x.hi, -x.lo) : new ValueRange(0, Math.max(-x.lo, x.hi));
                case LOG_SOFTMAX -> new ValueRange(Double.NEGATIVE_INFINITY, 0);
                case MEAN, MEAN0, MEAN1, TRANSPOSE, MAXPOOL, AVGPOOL, FLATTEN -> x;
                case SUM, SUM0, SUM1 -> new ValueRange(x.lo >= 0 ? 0 : Double.NEGATIVE_INFINITY, x.hi <= 0 ? 0 : Double.POSITIVE_INFINITY);
                case ONES_LIKE -> new ValueRange(1, 1);
                default -> ANY;
            };
        }
    }

    /** Whether the comparison has the same truth wherever its operands lie: their ranges tell, or they are the same. */
    static boolean settles(Apply test, Of ranges) {
        return test.arg(0).equals(test.arg(1)) || settles(test.op(), ranges.of(test.arg(0)), ranges.of(test.arg(1)));
    }

    /** Whether the comparison {@code a op b} has the same truth wherever its operands lie in their ranges. */
    static boolean settles(Op op, ValueRange a, ValueRange b) {
        return switch (op) {
            case GT -> a.lo > b.hi || a.hi <= b.lo;
            case GE -> a.lo >= b.hi || a.hi < b.lo;
            case LT -> a.hi < b.lo || a.lo >= b.hi;
            case LE -> a.hi <= b.lo || a.lo > b.hi;
            default -> false;
        };
    }

    private ValueRange times(ValueRange o) {
        double[] p = {lo * o.lo, lo * o.hi, hi * o.lo, hi * o.hi};
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : p) {
            if (Double.isNaN(v)) {
                return ANY; // an infinite end times 0
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return new ValueRange(min, max);
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }
}
