package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import java.util.ArrayList;
import java.util.List;

/**
 * Orders the scalar factors of a {@link Product} by the consts' values so that no intermediate product leaves
 * the normal doubles: {@code const kbig = 1e300} and {@code const ksmall = 1e-300} make
 * {@code kbig^2 * ksmall^2} Infinity * 0, where {@code kbig * ksmall * kbig * ksmall} is 1. Reordering rather
 * than folding keeps the names the user wrote; the normal range, not just the finite one, since a product in
 * the subnormals keeps a few bits and the next factor would carry that error back up. Only a product whose own
 * order leaves the range is reordered: every other derivative prints as before.
 */
final class ScalarOrder {
    /** One factor: a number or a const, above the line or below it. */
    private record Unit(Node node, double value, boolean divides) {
        double logMagnitude() {
            double l = Math.log(Math.abs(value));
            return divides ? -l : l;
        }
    }

    private ScalarOrder() {
    }

    /** Whether every product, quotient and power in {@code scalar}, evaluated as the tree nests them, is normal. */
    static boolean staysNormal(Node scalar) {
        return !Double.isNaN(normalValue(scalar));
    }

    /** The value of a scalar node whose every step stays normal (unknown names count 1), else NaN. */
    private static double normalValue(Node n) {
        double v = ExprPrinter.knownValue(n);
        if (n instanceof Apply a) {
            for (Node arg : a.args()) {
                if (Double.isNaN(normalValue(arg))) {
                    return Double.NaN;
                }
            }
        }
        return ExprPrinter.isNormal(v) ? v : Double.NaN;
    }

    /**
     * The factors {@code up} over {@code down} as products that each stay normal, greedily keeping the running
     * product nearest 1; the first is the scalar part, the others (when the whole is past the doubles, a
     * derivative whose matrix is very small or large) multiply the matrix one after the other.
     */
    static List<Node> groups(List<Node> up, List<Node> down) {
        List<Unit> units = new ArrayList<>();
        expand(up, false, units);
        expand(down, true, units);
        List<Node> groups = new ArrayList<>();
        List<Unit> group = new ArrayList<>();
        double running = 1;
        double log = 0;
        while (!units.isEmpty()) {
            Unit next = nearestToOne(units, log);
            units.remove(next);
            double product = next.divides() ? running / next.value() : running * next.value();
            if (!group.isEmpty() && !ExprPrinter.isNormal(product)) {
                groups.add(node(group));
                group.clear();
                running = 1;
                log = 0;
                product = next.divides() ? 1 / next.value() : next.value();
            }
            group.add(next);
            running = product;
            log += next.logMagnitude();
        }
        groups.add(node(group));
        return groups;
    }

    /**
     * Whether the product of {@code up} over {@code down} is a normal double, taken in logarithms so that no
     * step of it can leave the doubles: the test of whether some order of them stays normal throughout.
     */
    static boolean wholeIsNormal(List<Node> up, List<Node> down) {
        List<Unit> units = new ArrayList<>();
        expand(up, false, units);
        expand(down, true, units);
        double log = 0;
        for (Unit u : units) {
            if (u.value() == 0 || !Double.isFinite(u.value())) {
                return false;
            }
            log += u.logMagnitude();
        }
        return log > Math.log(Double.MIN_NORMAL) + 1 && log < Math.log(Double.MAX_VALUE) - 1;
    }

    private static void expand(List<Node> factors, boolean divides, List<Unit> out) {
        for (Node f : factors) {
            if (f instanceof Apply a && a.op() == Op.POW && a.x() instanceof Ref r && r.hasValue()) {
                int times = (int) ((Num) a.arg(1)).value();
                for (int i = 0; i < times; i++) {
                    out.add(new Unit(r, r.value(), divides));
                }
            } else {
                double v = ExprPrinter.knownValue(f);
                out.add(new Unit(f, Double.isNaN(v) ? 1 : v, divides));
            }
        }
    }

    private static Unit nearestToOne(List<Unit> units, double log) {
        Unit best = units.get(0);
        for (Unit u : units) {
            if (Math.abs(log + u.logMagnitude()) < Math.abs(log + best.logMagnitude())) {
                best = u;
            }
        }
        return best;
    }

    /** {@code ((u1 * u2) / u3) * u4}: left to right, as the equation reads back; repeated names as powers where they hold. */
    private static Node node(List<Unit> group) {
        Node out = null;
        for (int i = 0; i < group.size(); ) {
            Unit u = group.get(i);
            int same = 1;
            while (i + same < group.size() && group.get(i + same).equals(u) && u.node() instanceof Ref
                    && ExprPrinter.isNormal(Math.pow(u.value(), same + 1))) {
                same++;
            }
            Node factor = same == 1 ? u.node() : Apply.of(Op.POW, u.node(), Num.of(same));
            if (out == null) {
                out = u.divides() ? Apply.of(Op.DIV, Num.of(1), factor) : factor;
            } else {
                out = Apply.of(u.divides() ? Op.DIV : Op.MUL, out, factor);
            }
            i += same;
        }
        return out;
    }
}
