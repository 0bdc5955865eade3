package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A product in normal form: numbers above and below the line, named scalars with integer powers
 * (consts, m, the cost's 1/m, the seed), and matrix factors above and below the line, in the
 * order they appeared. {@link #build()} writes it back as {@code 1/m * c * s1 / s2 * F1 * F2 / G1},
 * the cost's 1/m first so that it stays visible, and a number divided by stays a division
 * ({@code / 0.86}) unless the quotient is a short decimal ({@code 0.7 / 2 * 2} is {@code 0.7}).
 * Not a plain constant folder: it folds to print the course's forms and reads back to the same
 * value, so a number that would take the coefficient past the largest double or to 0 stays a factor
 * of its own, and a divisor that no double quotient holds goes below the whole product.
 */
final class Product {
    private double coefficient = 1;
    private double divisor = 1;
    private final Map<Ref, Integer> powers = new LinkedHashMap<>();
    private final List<Node> numerators = new ArrayList<>();
    private final List<Node> denominators = new ArrayList<>();

    private Product() {
    }

    static Product of(Node node) {
        Product p = new Product();
        p.collect(node, 1);
        return p;
    }

    private void collect(Node node, int sign) {
        if (node instanceof Num n) {
            number(n, sign, false);
        } else if (node instanceof Ref r && r.kind().isScalarConstant()) {
            powers.merge(r, sign, Integer::sum);
        } else if (node instanceof Apply a && a.op() == Op.MUL) {
            collect(a.arg(0), sign);
            collect(a.arg(1), sign);
        } else if (node instanceof Apply a && a.op() == Op.DIV) {
            collect(a.arg(0), sign);
            collect(a.arg(1), -sign);
        } else if (node instanceof Apply a && a.op() == Op.NEG) {
            coefficient = -coefficient;
            collect(a.x(), sign);
        } else if (node instanceof Apply a && a.op() == Op.POW && a.x() instanceof Ref r
                && r.kind().isScalarConstant() && a.arg(1) instanceof Num e && e.value() == Math.rint(e.value())) {
            powers.merge(r, sign * (int) e.value(), Integer::sum);
        } else if (sign > 0) {
            numerators.add(node);
        } else {
            denominators.add(node);
        }
    }

    /**
     * Folds a number into the coefficient (or the divisor, below the line). One that would take it past
     * the largest double, or to 0 when neither is 0, stays a factor of its own, after the other factors
     * or before them ({@code first}): Z * 1e200 * 1e200 has the derivative 1e200 * (1e200 * dA), not 1e400.
     */
    private void number(Num n, int sign, boolean first) {
        double folded = (sign > 0 ? coefficient : divisor) * n.value();
        if (!Algebra.holds(folded, sign > 0 ? coefficient : divisor, n.value())) {
            List<Node> factors = sign > 0 ? numerators : denominators;
            factors.add(first ? 0 : factors.size(), n);
        } else if (sign > 0) {
            coefficient = folded;
        } else {
            divisor = folded;
        }
    }

    /**
     * Cancels the cost's 1/m against one factor m that the forward pass put in this product
     * ({@code 1/m * m * X} becomes {@code X}); whether there was such a pair.
     */
    boolean cancelCostScale() {
        Ref scale = null;
        Ref batch = null;
        for (Ref r : powers.keySet()) {
            if (r.kind() == RefKind.COST_SCALE) {
                scale = r;
            } else if (r.kind() == RefKind.BATCH_SIZE) {
                batch = r;
            }
        }
        if (scale == null || batch == null || powers.get(scale) != 1 || powers.get(batch) < 1) {
            return false;
        }
        powers.merge(scale, -1, Integer::sum);
        powers.merge(batch, -1, Integer::sum);
        return true;
    }

    /**
     * This product without the cost's 1/m, built, when it holds that 1/m exactly once; else null.
     * {@code 1/m * sigmoid(Z)} gives {@code sigmoid(Z)}.
     */
    Node withoutCostScale() {
        Ref scale = powers.keySet().stream().filter(r -> r.kind() == RefKind.COST_SCALE).findFirst().orElse(null);
        if (scale == null || powers.get(scale) != 1) {
            return null;
        }
        powers.remove(scale);
        return build();
    }

    Product negate() {
        coefficient = -coefficient;
        return this;
    }

    boolean hasScalarPrefix() {
        return coefficient != 1 || divisor != 1 || powers.values().stream().anyMatch(p -> p != 0);
    }

    /** The scalar part alone. */
    Product scalars() {
        Product s = new Product();
        s.coefficient = coefficient;
        s.divisor = divisor;
        s.powers.putAll(powers);
        return s;
    }

    Product withoutScalars() {
        Product s = new Product();
        s.numerators.addAll(numerators);
        s.denominators.addAll(denominators);
        return s;
    }

    /** This product times {@code other}, whose numbers fold in as any number does, or stay in front. */
    Product times(Product other) {
        number(Num.of(other.coefficient), 1, true);
        number(Num.of(other.divisor), -1, true);
        other.powers.forEach((r, p) -> powers.merge(r, p, Integer::sum));
        numerators.addAll(other.numerators);
        denominators.addAll(other.denominators);
        return this;
    }

    Node build() {
        foldDivisor();
        if (coefficient == 0) {
            return Num.of(0);
        }
        if (coefficient < 0) {
            int difference = indexOfDifference(numerators);
            if (difference >= 0) {
                // -c * (a - b) reads better as c * (b - a): the course's A - Y.
                Apply d = (Apply) numerators.get(difference);
                numerators.set(difference, Apply.of(Op.SUB, d.arg(1), d.arg(0)));
                coefficient = -coefficient;
                return build();
            }
            if (coefficient == -1) {
                coefficient = 1;
                Node positive = build();
                return positive instanceof Num n ? Num.of(-n.value()) : Apply.of(Op.NEG, positive);
            }
        }
        List<Node> below = new ArrayList<>(denominators);
        List<Node> dividedInTurn = new ArrayList<>();
        Node scalar = scalarPart(below, dividedInTurn);
        Node body;
        if (numerators.isEmpty()) {
            body = scalar == null ? Num.of(1) : scalar;
        } else if (numerators.stream().noneMatch(Product::isKnownConstant)) {
            // The course's order, nested as it reads: 1/m * c * dA * A * (1 - A) is ((1/m * c * dA) * A) * (1 - A),
            // so that the text derive prints reads back to this very tree, each step a double.
            List<Node> factors = new ArrayList<>(numerators);
            if (scalar != null) {
                factors.add(0, scalar);
            }
            body = leftChain(factors);
        } else {
            Node matrix = chain(constantsBeforeTheLastMatrix(numerators));
            body = scalar == null ? matrix : Apply.of(Op.MUL, scalar, matrix);
        }
        Node under = chain(below);
        Node quotient = under == null ? body : Apply.of(Op.DIV, body, under);
        for (Node divisor : dividedInTurn) {
            quotient = Apply.of(Op.DIV, quotient, divisor);
        }
        return quotient;
    }

    /** Folds the divisor into the coefficient when the quotient is exact and short to write. */
    private void foldDivisor() {
        if (divisor == 1) {
            return;
        }
        double quotient = coefficient / divisor;
        boolean exact = quotient * divisor == coefficient;
        if (exact && ExprPrinter.number(quotient).length() <= 6) {
            coefficient = quotient;
            divisor = 1;
        }
    }

    /** Finite and not 0: a quotient of two numbers other than 0 that a double holds. */
    private static boolean representable(double quotient) {
        return Double.isFinite(quotient) && quotient != 0;
    }

    private static int indexOfDifference(List<Node> factors) {
        for (int i = 0; i < factors.size(); i++) {
            if (factors.get(i) instanceof Apply a && a.op() == Op.SUB) {
                return i;
            }
        }
        return -1;
    }

    /**
     * {@code 1/m * c * s1 / s3}, or null when it is exactly 1. Scalars that only divide a matrix
     * product go below its line instead ({@code dZ / m}, not {@code 1/m * dZ}), so that only the
     * cost's own 1/m is ever written {@code 1/m}; what no one product below holds divides the
     * quotient after it, into {@code dividedInTurn}.
     */
    private Node scalarPart(List<Node> below, List<Node> dividedInTurn) {
        List<Ref> names = new ArrayList<>(powers.keySet());
        names.sort(Comparator.comparingInt((Ref r) -> order(r.kind())).thenComparing(Ref::name));
        List<Node> up = new ArrayList<>();
        List<Node> down = new ArrayList<>();
        Node costScale = null;
        for (Ref r : names) {
            int p = powers.get(r);
            if (p == 1 && r.kind() == RefKind.COST_SCALE) {
                costScale = r;
            } else if (p != 0) {
                (p > 0 ? up : down).add(Math.abs(p) == 1 ? r : Apply.of(Op.POW, r, Num.of(Math.abs(p))));
            }
        }
        if (divisor != 1 && !numerators.isEmpty() && !representable(coefficient / divisor)) {
            // 1e200 / 1e-200 as a constant part is past the largest double, and a constant check refuses;
            // 1e200 * dA / 1e-200 is the same value, and checks.
            below.add(0, Num.of(divisor));
        } else if (divisor != 1) {
            down.add(0, Num.of(divisor));
        }
        boolean keptApartFold = keptApartNumbersFoldToNormal(up, down, below);
        boolean onlyDivides = !keptApartFold && coefficient == 1 && up.isEmpty() && !down.isEmpty() && !numerators.isEmpty();
        if (onlyDivides) {
            onlyDivide(below, down, dividedInTurn);
            down.clear();
        }
        if (coefficient != 1 || (!keptApartFold && up.isEmpty() && !down.isEmpty())) {
            up.add(0, Num.of(coefficient));
        }
        Node top = chain(up);
        Node bottom = chain(down);
        Node scalar = bottom == null ? top : top == null ? null : Apply.of(Op.DIV, top, bottom);
        if (keptApartFold || scalar != null && !ScalarOrder.staysNormal(scalar)) {
            // kbig^2 * ksmall^2 is Infinity * 0 where kbig * ksmall * kbig * ksmall is 1: the consts' values
            // decide an order, and what no order holds is applied to the matrix a group at a time.
            // The numbers kept apart as factors of the matrix join them: 1e300 * ksmall * 1e300 * ksmall is 1.
            List<Node> groups = ScalarOrder.groups(withNumbersOf(numerators, up), withNumbersOf(below, down));
            scalar = groups.get(0);
            numerators.addAll(0, groups.subList(1, groups.size()));
        }
        if (costScale == null) {
            return scalar;
        }
        return scalar == null ? costScale : Apply.of(Op.MUL, costScale, scalar);
    }

    /**
     * Whether numbers kept apart as factors (a fold that left the doubles on the way) make, with the scalars
     * {@code up} over {@code down}, a whole that is a normal double. Kept apart, they multiply the matrix one at a
     * time, innermost first, and the scalar part after them: 1e300 * (1e300 * Z) / kbig / kbig overflows at
     * 1e600 * Z though the whole is 1 (Z * ksmall * 1e300 * 1e10 * ksmall * 1e290 inside a tanh), and
     * 1e-300 * (1e200 * (1e300 * dA)) / 1e200 likewise. Such a whole is one scalar part, each step of it normal.
     */
    private boolean keptApartNumbersFoldToNormal(List<Node> up, List<Node> down, List<Node> below) {
        List<Node> apartUp = numerators.stream().filter(Num.class::isInstance).toList();
        List<Node> apartDown = below.stream().filter(Num.class::isInstance).toList();
        if (apartUp.isEmpty() && apartDown.isEmpty()) {
            return false;
        }
        List<Node> wholeUp = new ArrayList<>(up);
        wholeUp.addAll(apartUp);
        if (coefficient != 1) {
            wholeUp.add(Num.of(coefficient));
        }
        List<Node> wholeDown = new ArrayList<>(down);
        wholeDown.addAll(apartDown);
        return ScalarOrder.wholeIsNormal(wholeUp, wholeDown);
    }

    /**
     * Puts the scalars {@code down}, which only divide, below the line, before the matrix factors there. When
     * the product they make there with the numbers kept apart below leaves the normal doubles, as
     * {@code kbig^2 * ksmall^2} does (Infinity * 0: a NaN derivative, and a constant check refuses), they are
     * ordered by value as a scalar part is ({@code dZ / (kbig * ksmall * kbig * ksmall)}), and what no one product
     * holds (kbig^2 with kbig = 1e200) divides a group at a time: {@code dZ / kbig / kbig}.
     */
    private static void onlyDivide(List<Node> below, List<Node> down, List<Node> dividedInTurn) {
        List<Node> divisors = new ArrayList<>(down);
        below.stream().filter(Num.class::isInstance).forEach(divisors::add);
        if (ScalarOrder.staysNormal(chain(divisors))) {
            below.addAll(0, down);
            return;
        }
        List<Node> groups = ScalarOrder.groups(withNumbersOf(below, down), List.of());
        below.add(0, groups.get(0));
        dividedInTurn.addAll(groups.subList(1, groups.size()));
    }

    /** {@code scalars} and the numbers among {@code factors}, which lose them. */
    private static List<Node> withNumbersOf(List<Node> factors, List<Node> scalars) {
        List<Node> out = new ArrayList<>(scalars);
        factors.removeIf(f -> f instanceof Num && out.add(f));
        return out;
    }

    /**
     * {@code factors} with a run of two or more constants that ends them (numbers kept apart, powers of consts
     * no double holds) moved before the last matrix factor: {@code dA * (1e200 * 1e200)} is a constant part check
     * refuses as infinite, {@code 1e200 * (1e200 * dA)} the same product, each step of it a double.
     */
    private static List<Node> constantsBeforeTheLastMatrix(List<Node> factors) {
        int size = factors.size();
        int run = 0;
        while (run < size && isKnownConstant(factors.get(size - 1 - run))) {
            run++;
        }
        if (run < 2 || run == size) {
            return factors;
        }
        List<Node> out = new ArrayList<>(factors.subList(0, size - run - 1));
        out.addAll(factors.subList(size - run, size));
        out.add(factors.get(size - run - 1));
        return out;
    }

    private static boolean isKnownConstant(Node n) {
        return n.shape().isScalar() && !Double.isNaN(ExprPrinter.knownValue(n));
    }

    /** Left-nested product {@code (f1 * f2) * ...}, as the text {@code f1 * f2 * ...} reads. */
    private static Node leftChain(List<Node> factors) {
        Node out = null;
        for (Node f : factors) {
            out = out == null ? f : Apply.of(Op.MUL, out, f);
        }
        return out;
    }

    /**
     * Right-nested product {@code f1 * (f2 * ...)}, which the printer writes with its parentheses: the order in
     * which constants no double holds together are applied one at a time ({@code 1e200 * (1e200 * dA)}).
     */
    private static Node chain(List<Node> factors) {
        Node out = null;
        for (int i = factors.size() - 1; i >= 0; i--) {
            out = out == null ? factors.get(i) : Apply.of(Op.MUL, factors.get(i), out);
        }
        return out;
    }

    private static int order(RefKind kind) {
        return switch (kind) {
            case SEED -> 0;
            case COST_SCALE -> 1;
            case CONST -> 2;
            default -> 3;
        };
    }
}
