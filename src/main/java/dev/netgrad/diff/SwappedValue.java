package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One value written where another belongs: a number where the target belongs (softmax's {@code dZ2 = A2 - 1}, the
 * true class's entry of Y written for every row), or a forward value for another of its shape (a batchnorm's
 * {@code dgamma1 = 1/m * sum(dZn1 * Zn1, axis=1)}, its output where its normalized value Zn1_hat belongs). The first
 * swap, in reading order, that makes the line right is named, with the smallest expression around it.
 */
final class SwappedValue {
    private final JudgedLine judged;
    private final Predicate<Node> fixes;

    SwappedValue(JudgedLine judged, Predicate<Node> fixes) {
        this.judged = judged;
        this.fixes = fixes;
    }

    Optional<String> explain() {
        Node value = judged.line().value();
        List<Ref> targets = targets();
        for (Node leaf : Nodes.of(value, Nodes.Masks.SKIP)) {
            List<Ref> candidates = leaf instanceof Num ? targets
                    : leaf instanceof Ref r && isForward(r) ? values(r, targets) : List.of();
            for (Ref candidate : candidates) {
                Node line;
                try {
                    line = Nodes.replaced(value, leaf, candidate, Nodes.Masks.SKIP);
                } catch (ShapeException e) {
                    continue;
                }
                if (fixes.test(line)) {
                    return Optional.of(message(value, leaf, candidate, line));
                }
            }
        }
        return Optional.empty();
    }

    private String message(Node value, Node leaf, Ref candidate, Node line) {
        String fix = Diagnosis.aroundPlace(value, line, pathTo(value, leaf).orElseThrow());
        if (leaf instanceof Num n) {
            String oneHot = n.value() == 1 && judged.checker().printed().unitSumTargets().contains(candidate.name())
                    ? " (a one-hot " + candidate.name() + " is 1 only in each example's true class)" : "";
            return "has " + ExprPrinter.print(n) + " where the target " + candidate.name() + " belongs: " + fix + oneHot;
        }
        return "reads " + described(((Ref) leaf).name()) + " where " + described(candidate.name()) + " belongs: " + fix;
    }

    /**
     * Whether the line reads {@code r} as the forward pass has it, a target or a value no helper line of the file
     * assigns: a helper line's own mistake (a variance that loses its digits) is not a value swapped for netgrad's.
     */
    private boolean isForward(Ref r) {
        boolean helper = judged.checker().verdict(r.name()).isPresent();
        return r.kind() == RefKind.TARGET || r.kind() == RefKind.VALUE && !helper
                && judged.checker().perExample().forward().stream().anyMatch(s -> s.name().equals(r.name()));
    }

    /** The targets the forward pass reads. */
    private List<Ref> targets() {
        List<Ref> out = new ArrayList<>();
        for (Statement s : judged.checker().perExample().forward()) {
            Nodes.refs(s.value(), Nodes.Masks.SKIP).stream().filter(r -> r.kind() == RefKind.TARGET && !out.contains(r))
                    .forEach(out::add);
        }
        return out;
    }

    /**
     * The forward values (the lowered helpers among them) and {@code targets} of {@code leaf}'s shape, other than it,
     * that the line can read.
     */
    private List<Ref> values(Ref leaf, List<Ref> targets) {
        List<Ref> out = new ArrayList<>();
        for (Statement s : judged.checker().perExample().forward()) {
            Ref r = Ref.of(s.name(), RefKind.VALUE, s.shape());
            if (s.role() == Statement.Role.VALUE && s.shape().equals(leaf.shape()) && !s.name().equals(leaf.name())
                    && judged.environment(0).has(s.name())) {
                out.add(r);
            }
        }
        targets.stream().filter(t -> t.shape().equals(leaf.shape()) && !t.equals(leaf)).forEach(out::add);
        return out;
    }

    /** A name, with what it is when it is one of a batchnorm's values: {@code Zn1, the batchnorm's output,}. */
    private String described(String name) {
        for (Batchnorm b : judged.checker().perExample().batchnorms()) {
            String role = name.equals(b.name()) ? "output"
                    : name.equals(b.mean()) ? "mean"
                    : name.equals(b.std()) ? "standard deviation"
                    : reads(name, Op.DIV, b.std()) ? "normalized value"
                    : reads(name, Op.SUB, b.mean()) ? "centred value" : null;
            if (role != null) {
                return name + ", the batchnorm's " + role + ",";
            }
        }
        return name;
    }

    /** Whether forward value {@code name} is {@code x op helper}: the batchnorm's {@code Zn1_c / Zn1_std}, say. */
    private boolean reads(String name, Op op, String helper) {
        return judged.checker().perExample().forward().stream().anyMatch(s -> s.name().equals(name)
                && s.value() instanceof Apply a && a.op() == op && a.arg(1) instanceof Ref r && r.name().equals(helper));
    }

    private static Optional<List<Integer>> pathTo(Node root, Node leaf) {
        if (root.equals(leaf)) {
            return Optional.of(new ArrayList<>());
        }
        if (root instanceof Apply a && a.op() != Op.MASK) {
            for (int i = 0; i < a.args().size(); i++) {
                Optional<List<Integer>> p = pathTo(a.arg(i), leaf);
                if (p.isPresent()) {
                    p.get().add(0, i);
                    return p;
                }
            }
        }
        return Optional.empty();
    }
}
