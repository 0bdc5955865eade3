package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.ShapeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * A batchnorm written out by hand with another eps than the one {@code batchnorm} adds to the variance
 * ({@code sqrt(var + 1e-8)}, Adam's, or none, {@code sqrt(var)}): the derivation is right and the normalization a
 * little off, which was a bare "does not equal". The line, with the helper lines it reads written into it, is right
 * once each square root it takes is of its radicand plus the batchnorm's eps.
 */
final class BatchnormEps {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;

    BatchnormEps(JudgedLine judged, Predicate<Node> fixes) {
        this.judged = judged;
        this.fixes = fixes;
    }

    Optional<String> explain() {
        List<Batchnorm> batchnorms = judged.checker().perExample().batchnorms();
        if (batchnorms.isEmpty()) {
            return Optional.empty();
        }
        double eps = batchnorms.get(0).eps();
        List<String[]> roots = new ArrayList<>();
        collectRoots(judged.line().value(), eps, "", roots, new ArrayList<>());
        if (roots.isEmpty()) {
            return Optional.empty();
        }
        Node rewritten;
        try {
            rewritten = inlined(judged.line().value(), eps);
        } catch (ShapeException e) {
            return Optional.empty();
        }
        if (!fixes.test(rewritten)) {
            return Optional.empty();
        }
        return Optional.of("normalizes with " + roots.get(0)[0] + ", where the batchnorm adds eps " + ExprPrinter.number(eps)
                + " to the variance: with " + roots.get(0)[1] + " the line is right");
    }

    /** The line with the helper lines it reads written into it, and the variance plus eps under every square root. */
    private Node inlined(Node n, double eps) {
        if (n instanceof Ref r) {
            return helper(r.name()).map(h -> inlined(h, eps)).orElse(n);
        }
        if (!(n instanceof Apply a)) {
            return n;
        }
        List<Node> args = new ArrayList<>();
        a.args().forEach(x -> args.add(inlined(x, eps)));
        if (isRoot(a)) {
            args.set(0, withEps(args.get(0), eps));
        }
        return Apply.of(a.op(), args);
    }

    /**
     * The square roots the line takes itself or through its helper lines whose eps is not the batchnorm's: each as
     * written, with the helper line that takes it ({@code sqrt(var + 1e-8) (Zhat, line 4)}), and with that eps.
     */
    private void collectRoots(Node n, double eps, String where, List<String[]> out, List<String> seen) {
        if (n instanceof Ref r) {
            Optional<Node> h = helper(r.name());
            if (h.isPresent() && !seen.contains(r.name())) {
                seen.add(r.name());
                int line = judged.checker().verdict(r.name()).orElseThrow().line().pos().line();
                collectRoots(h.get(), eps, " (" + r.name() + ", line " + line + ")", out, seen);
            }
            return;
        }
        if (n instanceof Apply a) {
            if (isRoot(a) && !withEps(a.arg(0), eps).equals(a.arg(0))) {
                List<Node> fixed = new ArrayList<>(a.args());
                fixed.set(0, withEps(a.arg(0), eps));
                out.add(new String[] {ExprPrinter.print(a) + where, ExprPrinter.print(Apply.of(a.op(), fixed))});
            }
            a.args().forEach(x -> collectRoots(x, eps, where, out, seen));
        }
    }

    /** The value of a helper line of the file ({@code Zhat = (Z1 - mu) / sqrt(var + 1e-8)}), if {@code name} is one. */
    private Optional<Node> helper(String name) {
        return judged.checker().verdict(name).filter(v -> v.status() == EquationChecker.Status.HELPER)
                .map(v -> v.line().value());
    }

    /** {@code sqrt(x)}, or {@code x^0.5} and {@code x^-0.5}. */
    private static boolean isRoot(Apply a) {
        return a.op() == Op.SQRT || a.op() == Op.POW && a.arg(1) instanceof Num p && Math.abs(p.value()) == 0.5;
    }

    /**
     * {@code x + eps} for {@code x}, or for {@code x + c} (or {@code c + x}) with c a small number (0 or positive) other than eps,
     * written as a number or as a helper line that holds one ({@code eps = 1e-8}): c is replaced, not added to.
     */
    private Node withEps(Node radicand, double eps) {
        if (radicand instanceof Apply a && a.op() == Op.ADD) {
            for (int i = 1; i >= 0; i--) {
                OptionalDouble c = smallConstant(a.arg(i));
                if (c.isPresent()) {
                    List<Node> args = new ArrayList<>(a.args());
                    args.set(i, Num.of(eps));
                    return c.getAsDouble() == eps ? radicand : Apply.of(Op.ADD, args);
                }
            }
        }
        return Apply.of(Op.ADD, radicand, Num.of(eps));
    }

    /**
     * The value of a small number, 0 or positive, written as one or as the name of a helper line that holds one: an eps of 0
     * written out ({@code sqrt(var + 0)}) is replaced by the batchnorm's, not added to.
     */
    private OptionalDouble smallConstant(Node n) {
        if (n instanceof Ref r) {
            return helper(r.name()).map(this::smallConstant).orElse(OptionalDouble.empty());
        }
        return n instanceof Num c && c.value() >= 0 && c.value() < 1e-2 ? OptionalDouble.of(c.value()) : OptionalDouble.empty();
    }
}
