package dev.netgrad.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of random valid networks as {@code .nn} text: depth, widths, activations,
 * losses (binary, multi-label and categorical cross-entropy, written by hand or by shorthand, and
 * MSE), L2, mean or sum costs, shared weights, skip connections, tied weights through {@code .T},
 * batchnorm and dropout.
 */
final class RandomSpecs {
    private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "relu", "leaky_relu", "softplus", "linear"};

    private final SplittableRandom rnd;
    private final StringBuilder out = new StringBuilder();
    private final List<String> weights = new ArrayList<>();
    private int params;

    private RandomSpecs(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    static String generate(long seed) {
        return new RandomSpecs(seed).network(seed);
    }

    private String network(long seed) {
        int inputs = 1 + rnd.nextInt(4);
        String kind = pick("binary", "multilabel", "softmax", "log_softmax", "mse");
        int targets = kind.equals("binary") ? 1 : 2 + rnd.nextInt(3);
        line("network Random" + seed + " {");
        line("  input X[" + inputs + "]");
        line("  target Y[" + targets + "]");
        String prev = "X";
        int prevWidth = inputs;
        String beforePrev = null;
        int beforeWidth = -1;
        String shared = null;
        int sharedSize = -1;
        int depth = 1 + rnd.nextInt(3);
        for (int layer = 1; layer <= depth; layer++) {
            int width = layer > 1 && rnd.nextInt(3) == 0 ? prevWidth : 1 + rnd.nextInt(5);
            if (shared != null && prevWidth == width && sharedSize == width && rnd.nextInt(2) == 0) {
                line("  Z" + layer + " = " + shared + " @ " + prev + " + " + bias(width));
            } else {
                String w = weight(width, prevWidth);
                if (prevWidth == width && shared == null) {
                    shared = w;
                    sharedSize = width;
                }
                String z = w + " @ " + prev;
                if (beforePrev != null && rnd.nextInt(2) == 0) {
                    // A skip connection from two layers back, through a projection when widths differ.
                    z += beforeWidth == width ? " + " + beforePrev : " + " + weight(width, beforeWidth) + " @ " + beforePrev;
                }
                line("  Z" + layer + " = " + z + " + " + bias(width));
            }
            String a = activation("Z" + layer);
            // Batchnorm after a layer with one input makes each row an affine copy of that input,
            // so the layer's weight has a gradient that is zero up to eps: no test can resolve it.
            if (rnd.nextInt(5) == 0 && width > 1 && prevWidth > 1) {
                String g = param("g" + layer, width, 1, "ones");
                String b = param("be" + layer, width, 1, "zeros");
                line("  N" + layer + " = batchnorm(Z" + layer + ", " + g + ", " + b + ")");
                a = activation("N" + layer);
            }
            if (rnd.nextInt(4) == 0) {
                a = "dropout(" + a + ", " + pick("0.5", "0.8", "0.9") + ")";
            }
            line("  A" + layer + " = " + a);
            beforePrev = prev;
            beforeWidth = prevWidth;
            prev = "A" + layer;
            prevWidth = width;
        }
        output(kind, prev, prevWidth, targets);
        line("}");
        return out.toString();
    }

    private void output(String kind, String prev, int prevWidth, int targets) {
        String z;
        if (prevWidth == targets || rnd.nextInt(4) != 0) {
            z = weight(targets, prevWidth) + " @ " + prev;
        } else {
            // Tied weights: the output layer reads a param through its transpose.
            String v = param("V", prevWidth, targets, "xavier");
            weights.add(v);
            z = v + ".T @ " + prev;
        }
        line("  ZO = " + z + " + " + bias(targets));
        switch (kind) {
            case "binary", "multilabel" -> {
                line("  AO = sigmoid(ZO)");
                String ce = "Y * log(AO) + (1 - Y) * log(1 - AO)";
                line(targets == 1 ? "  loss L = -(" + ce + ")" : "  loss L = -sum(" + ce + ", axis=0)");
            }
            case "softmax" -> {
                line("  AO = softmax(ZO)");
                line("  loss L = -sum(Y * log(AO), axis=0)");
            }
            case "log_softmax" -> {
                line("  P = softmax(ZO)");
                line("  loss L = -sum(Y * log_softmax(ZO), axis=0)");
            }
            default -> {
                line("  AO = ZO");
                line("  loss L = sum((AO - Y)^2, axis=0) / 2");
            }
        }
        String reduce = rnd.nextInt(5) == 0 ? "sum" : "mean";
        StringBuilder cost = new StringBuilder("  cost J = " + reduce + "(L)");
        if (rnd.nextInt(3) == 0) {
            cost.append(" + 0.3 / (2 * m) * (");
            for (int i = 0; i < weights.size(); i++) {
                cost.append(i == 0 ? "" : " + ").append("sum(").append(weights.get(i)).append("^2)");
            }
            cost.append(")");
        }
        line(cost.toString());
    }

    private String activation(String z) {
        String act = pick(ACTIVATIONS);
        return act.equals("linear") ? z : act + "(" + z + ")";
    }

    private String weight(int rows, int cols) {
        String w = param("W" + (params + 1), rows, cols, pick("xavier", "he", "randn(0.5)"));
        weights.add(w);
        return w;
    }

    private String bias(int rows) {
        return param("b" + (params + 1), rows, 1, "zeros");
    }

    private String param(String name, int rows, int cols, String init) {
        params++;
        String unique = name + "_" + params;
        line("  param " + unique + "[" + rows + (cols == 1 && !init.equals("xavier") ? "" : ", " + cols) + "] init " + init);
        return unique;
    }

    private String pick(String... options) {
        return options[rnd.nextInt(options.length)];
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
