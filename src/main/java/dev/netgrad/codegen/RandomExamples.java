package dev.netgrad.codegen;

import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded random examples for a network, one per row: standard normal inputs and targets of the
 * kind its loss expects: one-hot for a softmax, 0/1 for a sigmoid, reals otherwise.
 */
public final class RandomExamples {
    /** What the targets of a network look like. */
    public enum TargetKind { ONE_HOT, BINARY, REAL }

    private RandomExamples() {
    }

    /** {@code count} inputs, rows of {@code inputSize} standard normal numbers. */
    public static double[][] inputs(int count, int inputSize, SplittableRandom random) {
        double[][] x = new double[count][inputSize];
        for (double[] row : x) {
            for (int f = 0; f < inputSize; f++) {
                row[f] = gaussian(random);
            }
        }
        return x;
    }

    /** {@code count} targets of {@code targetSize} entries each. */
    public static double[][] targets(int count, int targetSize, TargetKind kind, SplittableRandom random) {
        double[][] y = new double[count][targetSize];
        for (double[] row : y) {
            if (kind == TargetKind.ONE_HOT) {
                row[random.nextInt(targetSize)] = 1;
            } else {
                for (int k = 0; k < targetSize; k++) {
                    row[k] = kind == TargetKind.BINARY ? random.nextInt(2) : gaussian(random);
                }
            }
        }
        return y;
    }

    /**
     * 0/1 masks of every dropout of {@code d} for a batch of {@code count} examples, each of the shape of
     * what its dropout keeps (the statement's own or a part of it, k x m or, for a transposed value,
     * m x k), keeping about 4 entries in 5.
     */
    public static Map<String, double[][]> masks(Derivation d, int count, SplittableRandom random) {
        Map<String, double[][]> out = new LinkedHashMap<>();
        Dropouts.find(d.forward()).values().forEach(dropout -> {
            double[][] mask = new double[dropout.shape().rows(count)][dropout.shape().cols(count)];
            for (double[] row : mask) {
                for (int c = 0; c < row.length; c++) {
                    row[c] = random.nextDouble() < 0.8 ? 1 : 0;
                }
            }
            out.put(dropout.owner(), mask);
        });
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

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * StrictMath.PI * v);
    }
}
