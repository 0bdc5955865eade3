package dev.netgrad.codegen;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dropouts of a lowered program. Lowering writes {@code dropout(x, keep)} in the statement
 * that assigns A as {@code x * mask(A) / keep}; training draws the mask, prediction computes
 * {@code x} alone.
 */
final class Dropouts {
    /** The mask of the dropout that assigns {@code owner}: its shape and keep probability. */
    record Dropout(String owner, Shape shape, double keep) {
    }

    private Dropouts() {
    }

    /** Every dropout, in program order. */
    static Map<String, Dropout> find(List<Statement> lowered) {
        Map<String, Dropout> out = new LinkedHashMap<>();
        for (Statement s : lowered) {
            collect(s.value(), out);
        }
        return out;
    }

    private static void collect(Node node, Map<String, Dropout> out) {
        if (!(node instanceof Apply a)) {
            return;
        }
        Apply mask = maskOf(a);
        if (mask != null) {
            String owner = ((Ref) mask.x()).name();
            out.putIfAbsent(owner, new Dropout(owner, mask.shape(), ((Num) a.arg(1)).value()));
        }
        a.args().forEach(arg -> collect(arg, out));
    }

    /** The mask of {@code x * mask(A) / keep}, or null when {@code a} is not that form. */
    private static Apply maskOf(Apply a) {
        if (a.op() != Op.DIV || !(a.arg(1) instanceof Num) || !(a.arg(0) instanceof Apply product)
                || product.op() != Op.MUL || !(product.arg(1) instanceof Apply mask) || mask.op() != Op.MASK) {
            return null;
        }
        return mask;
    }

    /** Whether an expression reads a dropout mask. */
    static boolean readsMask(Node node) {
        return node instanceof Apply a && (a.op() == Op.MASK || a.args().stream().anyMatch(Dropouts::readsMask));
    }

    /** The expression with every dropout replaced by its input: the prediction's forward pass. */
    static Node strip(Node node) {
        if (!(node instanceof Apply a)) {
            return node;
        }
        if (maskOf(a) != null) {
            return strip(((Apply) a.arg(0)).arg(0));
        }
        List<Node> args = new ArrayList<>();
        a.args().forEach(arg -> args.add(strip(arg)));
        Node out = Apply.of(a.op(), args);
        if (a.op() == Op.MASK) {
            throw new IllegalStateException("a dropout mask is read in a form netgrad cannot switch off for prediction");
        }
        return out;
    }
}
