package dev.netgrad.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded generator of random valid networks as {@code .nn} text: depth, widths, activations,
 * losses (binary, multi-label and categorical cross-entropy, written by hand or by shorthand, and
 * MSE), L2, mean or sum costs, shared weights, skip connections, tied weights through {@code .T},
 * batchnorm and dropout. {@link #generateImage} makes small convolutional networks: convolutions
 * (strides, paddings, {@code pad=same}, shared filter banks, per-channel scales, skip connections,
 * dropout on images), max and average pooling, flatten, written out or in the layer shorthand.
 */
public final class RandomSpecs {
    private static final String[] ACTIVATIONS = {"tanh", "sigmoid", "relu", "leaky_relu", "softplus", "linear"};

    private final SplittableRandom rnd;
    private final StringBuilder out = new StringBuilder();
    private final List<String> weights = new ArrayList<>();
    private int params;

    private RandomSpecs(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    public static String generate(long seed) {
        return new RandomSpecs(seed).network(seed);
    }

    public static String generateImage(long seed) {
        return new RandomSpecs(seed).imageNetwork(seed);
    }

    /** An image value as it flows through the generated network. */
    private record Image(String name, int h, int w, int c) {
    }

    private String imageNetwork(long seed) {
        Image x = new Image("X", 3 + rnd.nextInt(4), 3 + rnd.nextInt(4), 1 + rnd.nextInt(2));
        String kind = pick("binary", "softmax", "mse");
        int targets = kind.equals("binary") ? 1 : 2 + rnd.nextInt(2);
        line("network RandomImage" + seed + " {");
        line("  input X[" + x.h() + ", " + x.w() + ", " + x.c() + "]");
        line("  target Y[" + targets + "]");
        if (rnd.nextInt(4) == 0) {
            return imageShorthand(x, kind, targets);
        }
        Image prev = x;
        String sharedBank = null;
        int sharedF = 0;
        int sharedIn = 0;
        int sharedOut = 0;
        int stages = 1 + rnd.nextInt(2);
        for (int l = 1; l <= stages; l++) {
            int f = 1 + rnd.nextInt(Math.min(3, Math.min(prev.h(), prev.w())));
            if (sharedBank != null && sharedIn == prev.c() && sharedF <= Math.min(prev.h(), prev.w())) {
                f = sharedF; // make sharing the filter bank possible
            }
            int stride = 1 + rnd.nextInt(f > 1 && rnd.nextInt(4) == 0 ? 3 : 2);
            boolean same = f % 2 == 1 && stride == 1 && rnd.nextInt(2) == 0;
            int pad = same ? (f - 1) / 2 : rnd.nextInt(2);
            String bank;
            int cOut;
            if (sharedBank != null && sharedF == f && sharedIn == prev.c() && rnd.nextInt(4) != 0) {
                bank = sharedBank; // one filter bank, two convolutions
                cOut = sharedOut;
            } else {
                cOut = rnd.nextInt(2) == 0 ? prev.c() : 1 + rnd.nextInt(3);
                bank = filterBank(f, prev.c(), cOut);
                if (prev.c() == cOut) {
                    sharedBank = bank;
                    sharedF = f;
                    sharedIn = prev.c();
                    sharedOut = cOut;
                }
            }
            int h = (prev.h() + 2 * pad - f) / stride + 1;
            int w = (prev.w() + 2 * pad - f) / stride + 1;
            String z = "conv2d(" + prev.name() + ", " + bank + ", stride=" + stride + ", pad=" + (same ? "same" : pad) + ")";
            if (rnd.nextInt(3) == 0) {
                z = param("g" + l, cOut, 1, "ones") + " * " + z; // one scale per channel
            }
            if (h == prev.h() && w == prev.w() && cOut == prev.c() && rnd.nextInt(2) == 0) {
                z += " + " + prev.name(); // a skip connection over the convolution
            }
            line("  Z" + l + " = " + z + " + " + bias(cOut));
            String a = imageElementwise(activation("Z" + l), "Z" + l, prev.name());
            if (rnd.nextInt(4) == 0) {
                a = "dropout(" + a + ", " + pick("0.5", "0.8") + ")";
            }
            line("  A" + l + " = " + a);
            prev = new Image("A" + l, h, w, cOut);
            int window = 1 + rnd.nextInt(Math.min(3, Math.min(h, w)));
            if (window > 1 || rnd.nextInt(3) == 0) {
                // Strides up to one past the window: overlapping windows, adjacent ones, and rows and columns skipped.
                int poolStride = 1 + rnd.nextInt(window + 1);
                String pool = pick("maxpool", "avgpool");
                line("  P" + l + " = " + pool + "(" + prev.name() + ", " + window
                        + (poolStride == window && rnd.nextInt(2) == 0 ? "" : ", stride=" + poolStride) + ")");
                prev = new Image("P" + l, (h - window) / poolStride + 1, (w - window) / poolStride + 1, cOut);
            }
        }
        int rows = prev.h() * prev.w() * prev.c();
        line("  F = flatten(" + prev.name() + ")");
        String extra = switch (rnd.nextInt(8)) {
            case 0, 1 -> " + sum(" + prev.name() + ", axis=0)";
            case 2 -> " + mean(" + prev.name() + ", axis=0)";
            case 3 -> " + mean(" + prev.name() + ")"; // over every entry and example: it couples the examples
            default -> "";
        };
        line("  ZO = " + weight(targets, rows) + " @ F + " + bias(targets) + extra);
        imageLoss(kind, targets);
        line("}");
        return out.toString();
    }

    /**
     * An activation a of the image z (read from the image in) as it is, or combined with elementwise operations
     * that keep the image's shape: an image times an image, a comparison, a division, powers, log, sqrt, exp,
     * and a 1 x m value (one number per example) broadcast into the image.
     */
    private String imageElementwise(String a, String z, String in) {
        return switch (rnd.nextInt(10)) {
            case 0 -> a + " * sigmoid(" + z + ")";
            case 1 -> "(" + z + " > 0) * " + a;
            case 2 -> a + " / (1 + " + z + "^2)";
            case 3 -> "sqrt(1 + " + a + "^2) - log(1 + abs(" + z + "))";
            case 4 -> a + " + mean(" + in + ", axis=0) * exp(-(" + z + ")^2)";
            default -> a;
        };
    }

    private String imageShorthand(Image x, String kind, int targets) {
        int h = x.h();
        int w = x.w();
        int f = 1 + rnd.nextInt(Math.min(3, Math.min(h, w)));
        boolean same = f % 2 == 1 && rnd.nextInt(2) == 0;
        int pad = same ? (f - 1) / 2 : rnd.nextInt(2);
        line("  conv " + (1 + rnd.nextInt(3)) + " " + f + " " + pick("relu", "tanh", "sigmoid", "linear")
                + (same ? " pad same" : " pad " + pad) + " init " + pick("he", "xavier"));
        h = h + 2 * pad - f + 1;
        w = w + 2 * pad - f + 1;
        if (Math.min(h, w) >= 2) {
            line("  " + pick("maxpool", "avgpool") + " 2 stride " + (1 + rnd.nextInt(2)));
        }
        line("  flatten");
        line("  dense " + targets + " " + (kind.equals("binary") ? "sigmoid" : kind.equals("softmax") ? "softmax" : "linear"));
        line("  loss " + (kind.equals("mse") ? "mse" : "cross_entropy"));
        if (rnd.nextInt(2) == 0) {
            line("  regularize l2(0.2)");
        }
        line("}");
        return out.toString();
    }

    private void imageLoss(String kind, int targets) {
        switch (kind) {
            case "binary" -> {
                line("  AO = sigmoid(ZO)");
                line("  loss L = -(Y * log(AO) + (1 - Y) * log(1 - AO))");
            }
            case "softmax" -> {
                line("  AO = softmax(ZO)");
                line("  loss L = -sum(Y * log(AO), axis=0)");
            }
            default -> line("  loss L = sum((ZO - Y)^2, axis=0) / 2");
        }
        String reduce = rnd.nextInt(4) == 0 ? "sum" : "mean";
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

    private String filterBank(int f, int cIn, int cOut) {
        params++;
        String name = "K" + params;
        line("  param " + name + "[" + f + ", " + f + ", " + cIn + ", " + cOut + "] init " + pick("he", "randn(0.5)"));
        weights.add(name);
        return name;
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
