package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.runtime.FiniteDifferences;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random examples for a network, one per row: standard normal inputs and targets of the
 * kind its loss expects: one-hot for a softmax, 0/1 for a sigmoid, reals otherwise. Drawn by the runtime
 * ({@link FiniteDifferences}), as the Maven plugin's gradient tests draw theirs.
 */
public final class RandomExamples {
    /** What the targets of a network look like. */
    public enum TargetKind { ONE_HOT, BINARY, REAL }

    private RandomExamples() {
    }

    /** {@code count} inputs, rows of {@code inputSize} standard normal numbers ({@link FiniteDifferences#inputs}). */
    public static double[][] inputs(int count, int inputSize, SplittableRandom random) {
        return FiniteDifferences.inputs(count, inputSize, random);
    }

    /** {@code count} targets of {@code targetSize} entries each ({@link FiniteDifferences#targets}). */
    public static double[][] targets(int count, int targetSize, TargetKind kind, SplittableRandom random) {
        return FiniteDifferences.targets(count, targetSize, FiniteDifferences.Targets.valueOf(kind.name()), random);
    }

    /**
     * 0/1 masks of every dropout of {@code d} for a batch of {@code count} examples, each of the shape of
     * what its dropout keeps (the statement's own or a part of it, k x m or, for a transposed value,
     * m x k), keeping about 4 entries in 5.
     */
    public static Map<String, double[][]> masks(Derivation d, int count, SplittableRandom random) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        maskShapes(d).forEach((owner, shape) -> out.put(owner, FiniteDifferences.mask(shape.rows(count), shape.cols(count), random)));
        return out;
    }

    /**
     * The shape of every dropout's mask of {@code d}, keyed by the value its dropout assigns, in the order
     * {@link #masks} draws them (program order): what the dropout keeps, which is not its statement's shape when it
     * drops part of the statement ({@code V = W2 @ dropout(A, 0.5)}: A's). The Maven plugin's gradient tests draw
     * their masks from these.
     */
    public static Map<String, Shape> maskShapes(Derivation d) {
        Map<String, Shape> out = new LinkedHashMap<>();
        Dropouts.find(d.forward()).values().forEach(dropout -> out.put(dropout.owner(), dropout.shape()));
        return out;
    }

    /**
     * The kind of targets a network's loss reads: one-hot for a softmax the loss is built on, 0/1
     * when the output is read as a class (a sigmoid's value, or a logit: {@link OutputKind}), reals otherwise.
     */
    public static TargetKind targetKind(Network network) {
        Map<String, Node> definitions = new HashMap<>();
        network.statements().forEach(s -> definitions.put(s.name(), s.value()));
        Statement loss = network.statement(network.loss()).orElseThrow();
        if (uses(loss.value(), Op.LOG_SOFTMAX, definitions) || uses(loss.value(), Op.SOFTMAX, definitions)) {
            return TargetKind.ONE_HOT;
        }
        return OutputKind.readsBinary(network) ? TargetKind.BINARY : TargetKind.REAL;
    }

    /** Whether {@code op} is applied in {@code node} or directly in a value it reads (one step back). */
    private static boolean uses(Node node, Op op, Map<String, Node> definitions) {
        if (node instanceof Ref r && r.kind() == RefKind.VALUE) {
            Node def = definitions.get(r.name());
            return def instanceof Apply a && a.op() == op;
        }
        return node instanceof Apply a && (a.op() == op || a.args().stream().anyMatch(arg -> uses(arg, op, definitions)));
    }
}
