package dev.netgrad.codegen;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.runtime.Kernels;
import dev.netgrad.spec.CostForm;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Whether a cost's gradient can be made from sums over parts of a batch as the runtime makes it
 * ({@code accumulateSums}, then {@code gradientsFromSums}): the parts' gradient sums, times 1/m of
 * the whole batch for {@code mean(L)} and as they are for {@code sum(L)}, plus the penalty's
 * gradient once. A part's pass takes m as +Infinity, so each penalty expression is classified by
 * what it becomes there ({@link AtInfiniteM}): a penalty that vanishes is left out by the pass
 * itself; one that stays finite ({@code 0.1 * sum(W^2)}, or {@code sum(W^2) / (1 + 1/m)}, whose
 * divisor is 1 there) is the batch's, which a part's pass leaves out by subtracting the penalty's own
 * gradient taken with the same infinite m (the runtime knows to from {@link #batchPenalty}). A term
 * that is infinite or NaN there ({@code m * sum(W^2)}, {@code m / m}) would make that pass
 * infinite or NaN, so such a cost is named as what keeps a batch whole.
 */
final class CostInParts {
    /** The classes found so far, per node (nodes are shared: each is classified once). */
    private final Map<Node, AtInfiniteM> classes = new IdentityHashMap<>();
    /** Per node, whether it reads nothing but m, numbers and consts of known value. */
    private final Map<Node, Boolean> mAlone = new IdentityHashMap<>();

    private CostInParts() {
    }

    /**
     * What an expression of a penalty is in a part's pass, where m is +Infinity, as its IEEE
     * arithmetic computes it; the gradient of an expression of the first three classes is finite
     * there too (and 0 for one that vanishes), as the derivative of each operation the
     * classification takes reads only its operands' values and gradients.
     */
    enum AtInfiniteM {
        /** Does not read m: the same in every pass ({@code 0.1 * sum(W1^2)}). */
        NO_M,
        /** Exactly 0, its gradient too: {@code lambda / (2 * m)}, {@code 1 / (m + 1)}, {@code m^-1}, {@code sum(W1^2) / m^2}. */
        VANISHES,
        /**
         * A finite number, not proved 0, with a finite gradient; for an expression of m and numbers alone, a
         * number that is not 0: {@code 1 + 1/m}, {@code (0.1 + 1/m) * sum(W1^2)}.
         */
        FINITE,
        /** Infinite, for an expression of m and numbers alone: {@code m}, {@code 2 * m + 1}, {@code 1 / (1/m)}. */
        GROWS,
        /**
         * NaN or not proved finite: {@code m / m} and {@code m - m} (NaN), m times anything that may be 0
         * ({@code m * sum(W1^2)}, NaN at zero params), a function of m and params ({@code sqrt(sum(W1^2) + 1/m)},
         * infinite slope at zero params), a quotient by an expression of m and params.
         */
        UNKNOWN;

        boolean finite() {
            return this == NO_M || this == VANISHES || this == FINITE;
        }
    }

    /** Empty when the cost {@code costName = cost} (of form {@code form}) can be summed over parts; otherwise why not. */
    static Optional<String> problem(String costName, Node cost, CostForm form) {
        if (form.regularizer().isEmpty()) {
            return Optional.empty();
        }
        CostInParts classifier = new CostInParts();
        for (Node term : terms(form.regularizer().get())) {
            if (!classifier.classify(term).finite()) {
                return Optional.of("the cost " + costName + " = " + ExprPrinter.print(cost) + " adds " + ExprPrinter.print(term)
                        + ", which reads m in a way not proved to stay finite as m grows, so the parts of a batch cannot add up its gradient");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether the penalty is not 0 when m is infinite (such as {@code 0.1 * sum(W1^2)}, or {@code
     * (0.1 + 1/m) * sum(W1^2)}, which is 0.1 * sum(W1^2) there): the batch's, added once whatever its
     * size, which every part's pass would add again unless left out.
     */
    static boolean batchPenalty(CostForm form) {
        return form.regularizer().map(r -> of(r) != AtInfiniteM.VANISHES).orElse(false);
    }

    /** What {@code node} is when m is infinite. */
    static AtInfiniteM of(Node node) {
        return new CostInParts().classify(node);
    }

    /** The terms of a sum, signs dropped (a term's sign does not change whether it is finite), to name the one refused. */
    private static List<Node> terms(Node sum) {
        List<Node> terms = new ArrayList<>();
        collect(sum, terms);
        return terms;
    }

    private static void collect(Node node, List<Node> terms) {
        if (node instanceof Apply a && (a.op() == Op.ADD || a.op() == Op.SUB)) {
            collect(a.arg(0), terms);
            collect(a.arg(1), terms);
        } else if (node instanceof Apply a && a.op() == Op.NEG) {
            collect(a.arg(0), terms);
        } else {
            terms.add(node);
        }
    }

    private AtInfiniteM classify(Node node) {
        AtInfiniteM known = classes.get(node);
        if (known == null) {
            known = classifyOnce(node);
            classes.put(node, known);
        }
        return known;
    }

    /**
     * An expression of m and numbers alone by its value with m = +Infinity; one that also reads
     * params by its operation, from its operands' classes.
     */
    private AtInfiniteM classifyOnce(Node node) {
        if (!(node instanceof Apply a)) {
            return node instanceof Ref r && r.kind() == RefKind.BATCH_SIZE ? AtInfiniteM.GROWS : AtInfiniteM.NO_M;
        }
        if (a.args().stream().allMatch(arg -> classify(arg) == AtInfiniteM.NO_M)) {
            return AtInfiniteM.NO_M;
        }
        if (isMAlone(a)) {
            return byValue(atInfiniteM(a));
        }
        return switch (a.op()) {
            // Linear in their operand: 0 stays 0, finite stays finite, and so do their gradients.
            case NEG, TRANSPOSE, SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> classify(a.arg(0));
            case ADD, SUB -> sum(classify(a.arg(0)), classify(a.arg(1)));
            case MUL, MATMUL -> product(classify(a.arg(0)), classify(a.arg(1)));
            case DIV -> quotient(classify(a.arg(0)), a.arg(1));
            case POW -> power(classify(a.arg(0)), a.arg(1));
            // A function of m and params: its slope where m's part is gone may be infinite (sqrt at 0).
            default -> AtInfiniteM.UNKNOWN;
        };
    }

    private static AtInfiniteM byValue(double value) {
        if (Double.isNaN(value)) {
            return AtInfiniteM.UNKNOWN;
        }
        return value == 0 ? AtInfiniteM.VANISHES : Double.isInfinite(value) ? AtInfiniteM.GROWS : AtInfiniteM.FINITE;
    }

    /** a + b or a - b, one of them reading m. */
    private static AtInfiniteM sum(AtInfiniteM a, AtInfiniteM b) {
        if (a == AtInfiniteM.UNKNOWN || b == AtInfiniteM.UNKNOWN || a == AtInfiniteM.GROWS && b == AtInfiniteM.GROWS) {
            // Infinity less infinity is NaN.
            return AtInfiniteM.UNKNOWN;
        }
        if (a == AtInfiniteM.GROWS || b == AtInfiniteM.GROWS) {
            return AtInfiniteM.GROWS;
        }
        return a == AtInfiniteM.VANISHES && b == AtInfiniteM.VANISHES ? AtInfiniteM.VANISHES : AtInfiniteM.FINITE;
    }

    /** a * b (or a matrix product), one of them reading m. */
    private static AtInfiniteM product(AtInfiniteM a, AtInfiniteM b) {
        if (a == AtInfiniteM.GROWS && b == AtInfiniteM.GROWS) {
            return AtInfiniteM.GROWS;
        }
        if (!a.finite() || !b.finite()) {
            // Infinity times what may be 0 (a param's sum, 1/m) is NaN.
            return AtInfiniteM.UNKNOWN;
        }
        return a == AtInfiniteM.VANISHES || b == AtInfiniteM.VANISHES ? AtInfiniteM.VANISHES : AtInfiniteM.FINITE;
    }

    /**
     * a / divisor, one of them reading m. A divisor without m is as it is for any m; one of m alone
     * must be infinite (the quotient vanishes) or a number not 0; one of m and params may be 0 where
     * m's part is gone ({@code 1 / (1/m + sum(W1^2))} at zero params), and is not taken.
     */
    private AtInfiniteM quotient(AtInfiniteM a, Node divisor) {
        AtInfiniteM d = classify(divisor);
        if (d == AtInfiniteM.NO_M) {
            return a;
        }
        if (!isMAlone(divisor) || !a.finite()) {
            return AtInfiniteM.UNKNOWN;
        }
        return switch (d) {
            case GROWS -> AtInfiniteM.VANISHES;
            case FINITE -> a == AtInfiniteM.NO_M ? AtInfiniteM.FINITE : a;
            default -> AtInfiniteM.UNKNOWN;
        };
    }

    /**
     * base^exponent with base reading m and params: taken for a whole exponent from 1 up, whose
     * derivative exponent * base^(exponent - 1) stays finite where base is 0 ({@code (sum(W1^2) / m)^2}).
     */
    private static AtInfiniteM power(AtInfiniteM base, Node exponent) {
        double p = exponent instanceof Num n ? n.value() : exponent instanceof Ref r && r.kind() == RefKind.CONST ? r.value() : Double.NaN;
        return p >= 1 && p == Math.rint(p) && !Double.isInfinite(p) ? base : AtInfiniteM.UNKNOWN;
    }

    /** Whether {@code node} reads nothing but m, numbers and consts of known value. */
    private boolean isMAlone(Node node) {
        Boolean known = mAlone.get(node);
        if (known == null) {
            known = node instanceof Num
                    || node instanceof Ref r && (r.kind() == RefKind.BATCH_SIZE || r.kind() == RefKind.CONST && r.hasValue())
                    || node instanceof Apply a && a.args().stream().allMatch(this::isMAlone);
            mAlone.put(node, known);
        }
        return known;
    }

    /**
     * The value of an expression of m and numbers alone with m = +Infinity, computed as a trainer
     * computes it (x^2 as x * x, the runtime's exp and tanh); NaN for an operation it does not take.
     */
    private static double atInfiniteM(Node node) {
        if (node instanceof Num n) {
            return n.value();
        }
        if (node instanceof Ref r) {
            return r.kind() == RefKind.BATCH_SIZE ? Double.POSITIVE_INFINITY : r.value();
        }
        Apply a = (Apply) node;
        double x = atInfiniteM(a.arg(0));
        return switch (a.op()) {
            case NEG -> -x;
            case ADD -> x + atInfiniteM(a.arg(1));
            case SUB -> x - atInfiniteM(a.arg(1));
            case MUL -> x * atInfiniteM(a.arg(1));
            case DIV -> x / atInfiniteM(a.arg(1));
            case POW -> Kernels.power(x, atInfiniteM(a.arg(1)));
            case SQRT -> Math.sqrt(x);
            case ABS -> Math.abs(x);
            case LOG -> Math.log(x);
            case EXP -> Kernels.exp(x);
            case TANH -> Kernels.tanh(x);
            default -> Double.NaN;
        };
    }
}
