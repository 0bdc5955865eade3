package dev.netgrad.codegen;

import dev.netgrad.diff.LoweredDropout;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        LoweredDropout.of(a).ifPresent(d -> out.putIfAbsent(d.owner(), new Dropout(d.owner(), d.mask().shape(), d.keep())));
        a.args().forEach(arg -> collect(arg, out));
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
        Optional<LoweredDropout> dropout = LoweredDropout.of(a);
        if (dropout.isPresent()) {
            return strip(dropout.get().kept());
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
