package dev.netgrad.diff;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.ShapeException;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Explains a wrong line about an image by the mistakes people make with them: a convolution's
 * derivative with another stride or padding than the forward conv2d, and a pooling derivative
 * that routes the gradient to the wrong positions (routing through another value than the pooled
 * one, or the average pool's spreading for a max pool, or the reverse), and the forward conv2d
 * written for an input's gradient (the kernel not flipped). Each candidate fix is one function call of the line rewritten; the first that makes the line right is named.
 */
final class ImageDiagnosis {
    private final List<Statement> forward;
    private final Predicate<Node> fixes;

    ImageDiagnosis(List<Statement> forward, Predicate<Node> fixes) {
        this.forward = forward;
        this.fixes = fixes;
    }

    Optional<String> explain(Node line) {
        for (Apply call : calls(line)) {
            for (Candidate c : candidates(call)) {
                Node fixed;
                try {
                    fixed = replace(line, call, c.replacement());
                } catch (ShapeException e) {
                    continue;
                }
                if (fixes.test(fixed)) {
                    return Optional.of(c.why() + ": write " + ExprPrinter.print(c.replacement()));
                }
            }
        }
        return scaledPooling(line);
    }

    /**
     * A pooling derivative of the wrong kind with a constant in front of it or of its gradient ({@code 4 *
     * avgpool_input(dP1, 2, like=A1, stride=2)} for a max pool, the 4 undoing the average's division): named as
     * the call alone is, the factor left out of the fix.
     */
    private Optional<String> scaledPooling(Node line) {
        Scaled whole = Scaled.of(line);
        if (!(whole.core() instanceof Apply call) || (call.op() != Op.MAXPOOL_INPUT && call.op() != Op.AVGPOOL_INPUT)) {
            return Optional.empty();
        }
        Scaled gradient = Scaled.of(call.arg(0));
        double factor = whole.factor() * gradient.factor();
        if (factor == 1) {
            return Optional.empty();
        }
        List<Node> args = new ArrayList<>(call.args());
        args.set(0, gradient.core());
        for (Candidate c : candidates((Apply) Apply.of(call.op(), args))) {
            if (fixes.test(c.replacement())) {
                return Optional.of(c.why() + ": write " + ExprPrinter.print(c.replacement()) + ", without the factor "
                        + ExprPrinter.number(factor));
            }
        }
        return Optional.empty();
    }

    /** A node as a constant times its core: {@code 4 * x}, {@code x * 4}, {@code x / 4}, {@code -x}; else itself times 1. */
    private record Scaled(Node core, double factor) {
        static Scaled of(Node n) {
            if (n instanceof Apply a) {
                if (a.op() == Op.MUL && a.arg(0) instanceof Num k) {
                    return of(a.arg(1)).times(k.value());
                }
                if (a.op() == Op.MUL && a.arg(1) instanceof Num k) {
                    return of(a.arg(0)).times(k.value());
                }
                if (a.op() == Op.DIV && a.arg(1) instanceof Num k) {
                    return of(a.arg(0)).times(1 / k.value());
                }
                if (a.op() == Op.NEG) {
                    return of(a.x()).times(-1);
                }
            }
            return new Scaled(n, 1);
        }

        Scaled times(double k) {
            return new Scaled(core, factor * k);
        }
    }

    private record Candidate(Node replacement, String why) {
    }

    private List<Candidate> candidates(Apply call) {
        List<Candidate> out = new ArrayList<>();
        switch (call.op()) {
            case CONV2D_INPUT, CONV2D_WEIGHT -> {
                for (Apply conv : forwardCalls(Op.CONV2D)) {
                    Node stride = conv.arg(2);
                    Node pad = conv.arg(3);
                    if (!stride.equals(call.arg(3)) || !pad.equals(call.arg(4))) {
                        List<Node> args = new ArrayList<>(call.args());
                        args.set(3, stride);
                        args.set(4, pad);
                        tryAdd(out, call.op(), args, "uses stride=" + print(call.arg(3)) + ", pad=" + print(call.arg(4))
                                + ", but the forward " + ExprPrinter.print(conv) + " has stride=" + print(stride)
                                + ", pad=" + print(pad));
                    }
                }
            }
            case CONV2D -> {
                // The forward convolution applied to a gradient, where the filters have as many channels in as out
                // (else its shapes refuse it): the kernel not flipped, its channels not swapped.
                for (Apply conv : forwardCalls(Op.CONV2D)) {
                    if (conv.arg(1).equals(call.arg(1))) {
                        tryAdd(out, Op.CONV2D_INPUT, List.of(call.arg(0), conv.arg(1), conv.arg(0), conv.arg(2), conv.arg(3)),
                                "applies the forward convolution to the gradient, the filters neither flipped nor their"
                                        + " channels swapped; the gradient of " + ExprPrinter.print(conv) + " with respect to "
                                        + ExprPrinter.print(conv.arg(0)) + " spreads each entry back through the filters");
                    }
                }
            }
            case MAXPOOL_INPUT, AVGPOOL_INPUT -> {
                for (Apply pool : forwardCalls(Op.MAXPOOL)) {
                    tryAdd(out, Op.MAXPOOL_INPUT, List.of(call.arg(0), pool.arg(0), pool.arg(1), pool.arg(2)),
                            routing(call, pool, "sends each entry to its window's maximum in " + ExprPrinter.print(pool.arg(0))));
                }
                for (Apply pool : forwardCalls(Op.AVGPOOL)) {
                    tryAdd(out, Op.AVGPOOL_INPUT, List.of(call.arg(0), pool.arg(1), pool.arg(0), pool.arg(2)),
                            routing(call, pool, "spreads each entry evenly over its window"));
                }
            }
            default -> {
            }
        }
        return out;
    }

    private static String routing(Apply call, Apply pool, String how) {
        return "routes the gradient to the wrong positions: the forward pass computes " + ExprPrinter.print(pool)
                + ", whose derivative " + how + (call.op() == Op.AVGPOOL_INPUT && pool.op() == Op.MAXPOOL
                        ? " (avgpool_input spreads it over the whole window)" : "");
    }

    private static void tryAdd(List<Candidate> out, Op op, List<Node> args, String why) {
        try {
            out.add(new Candidate(Apply.of(op, args), why));
        } catch (ShapeException e) {
            // Another layer's pooling or convolution: the shapes say it is not this one.
        }
    }

    private List<Apply> forwardCalls(Op op) {
        List<Apply> out = new ArrayList<>();
        for (Statement s : forward) {
            collect(s.value(), op, out);
        }
        return out;
    }

    private static void collect(Node node, Op op, List<Apply> out) {
        for (Node n : Nodes.of(node, Nodes.Masks.ENTER)) {
            if (n instanceof Apply a && a.op() == op && !out.contains(a)) {
                out.add(a);
            }
        }
    }

    private static List<Apply> calls(Node line) {
        List<Apply> out = new ArrayList<>();
        for (Op op : new Op[] {Op.CONV2D_INPUT, Op.CONV2D_WEIGHT, Op.MAXPOOL_INPUT, Op.AVGPOOL_INPUT, Op.CONV2D}) {
            collect(line, op, out);
        }
        return out;
    }

    private static Node replace(Node node, Node target, Node replacement) {
        if (node == target) {
            return replacement;
        }
        if (!(node instanceof Apply a)) {
            return node;
        }
        List<Node> args = a.args().stream().map(x -> replace(x, target, replacement)).toList();
        return args.equals(a.args()) ? a : Apply.of(a.op(), args);
    }

    private static String print(Node n) {
        return n instanceof Num ? ExprPrinter.print(n) : "(" + ExprPrinter.print(n) + ")";
    }
}
