package dev.netgrad.bench;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Op;
import dev.netgrad.spec.Statement;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Floating-point operations of one training step, counted as the reference benchmarks count them
 * (mlp_ref.py): every matrix product {@code n x k @ k x p} of the forward pass costs 2nkp, and the
 * backward pass repeats it twice (the param's gradient and the delta flowing back), so 6nkp per
 * product and step. Elementwise work is not counted; for a dense layer this is
 * {@code 6 * n_in * n_out * batch}. A convolution is the product of its filters and the image's
 * windows, counted the same way (as cnn_ref.py counts it): {@code out_h * out_w * c_out} outputs an
 * example, each {@code f * f * c_in} multiply-adds, so {@code 6 * out_h * out_w * c_out * f * f * c_in * batch}.
 */
public final class MatmulFlops {
    private MatmulFlops() {
    }

    /** The flops of one step on a batch of {@code batch} examples. */
    public static double perStep(List<Statement> forward, int batch) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        double flops = 0;
        for (Statement s : forward) {
            flops += products(s.value(), batch, seen);
        }
        return flops;
    }

    private static double products(Node node, int batch, Set<Node> seen) {
        if (!(node instanceof Apply a) || !seen.add(node)) {
            return 0;
        }
        double flops = 0;
        for (Node arg : a.args()) {
            flops += products(arg, batch, seen);
        }
        if (a.op() == Op.MATMUL) {
            double n = a.arg(0).shape().rows(batch);
            double k = a.arg(0).shape().cols(batch);
            double p = a.arg(1).shape().cols(batch);
            flops += 6 * n * k * p;
        } else if (a.op() == Op.CONV2D) {
            // The output's rows are out_h x out_w x c_out, the filter bank's f x f x c_in.
            double outputs = a.shape().rows(batch);
            double window = a.arg(1).shape().rows(batch);
            flops += 6 * outputs * window * a.shape().cols(batch);
        }
        return flops;
    }
}
