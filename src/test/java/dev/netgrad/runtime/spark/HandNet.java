package dev.netgrad.runtime.spark;

import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.Trainer;
import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * A hand-written trainer with the generated trainers' contract, for testing the Spark support
 * without the code generator: n inputs, one tanh layer of h units with optional inverted
 * dropout, then a sigmoid output (k = 1, binary cross-entropy) or a softmax (k > 1, categorical
 * cross-entropy), optional L2 on the weights. {@link #costAndGradients} applies the 1/m inside
 * the backward pass, as the generated classes do; {@link #accumulateSums} keeps sums, and
 * {@link #gradientsFromSums} divides once, so the two paths round differently.
 */
class HandNet implements Trainer {

    /** The network: sizes, L2's lambda (0: none), dropout's keep probability (1: none), and a coupling to report (null: none). */
    record Shape(int inputs, int hidden, int outputs, double lambda, double keep, String coupling) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    private static final List<String> NAMES = List.of("W1", "b1", "W2", "b2");

    private final Shape shape;
    private final double[][][] params;
    private final double[][][] grads;
    private Random masks;
    private String optimizer = "gd";
    private double lr = 0.01;
    private double beta;
    private double beta1;
    private double beta2;
    private double eps;
    private double[][][] velocity;
    private double[][][] squares;
    private int adamStep;

    HandNet(long seed, Shape shape) {
        this.shape = shape;
        Random init = new Random(seed);
        params = new double[4][][];
        grads = new double[4][][];
        for (int p = 0; p < 4; p++) {
            params[p] = new double[rows(p)][cols(p)];
            grads[p] = new double[rows(p)][cols(p)];
        }
        for (int p : new int[] {0, 2}) {
            for (double[] row : params[p]) {
                for (int j = 0; j < row.length; j++) {
                    row[j] = init.nextGaussian() * 0.5;
                }
            }
        }
        masks = new Random(seed ^ 0x5DEECE66DL);
    }

    private int rows(int p) {
        return p < 2 ? shape.hidden() : shape.outputs();
    }

    private int cols(int p) {
        return switch (p) {
            case 0 -> shape.inputs();
            case 2 -> shape.hidden();
            default -> 1;
        };
    }

    @Override
    public String networkName() {
        return "HandNet";
    }

    @Override
    public int inputSize() {
        return shape.inputs();
    }

    @Override
    public int targetSize() {
        return shape.outputs();
    }

    @Override
    public List<String> paramNames() {
        return NAMES;
    }

    @Override
    public int paramRows(String param) {
        return rows(NAMES.indexOf(param));
    }

    @Override
    public int paramCols(String param) {
        return cols(NAMES.indexOf(param));
    }

    @Override
    public double[][] getParam(String param) {
        return copy(params[index(param)]);
    }

    @Override
    public void setParam(String param, double[][] value) {
        int p = index(param);
        if (value.length != rows(p) || value[0].length != cols(p)) {
            throw new IllegalArgumentException(param + " must be " + rows(p) + " x " + cols(p));
        }
        params[p] = copy(value);
    }

    @Override
    public double costAndGradients(double[][] x, double[][] y) {
        int m = x.length;
        clear(grads);
        double oneOverM = 1.0 / m;
        double cost = 0;
        for (int i = 0; i < m; i++) {
            cost += oneOverM * example(x[i], y[i], grads, oneOverM);
        }
        return cost + regularize(m);
    }

    @Override
    public double[][] gradient(String param) {
        return copy(grads[index(param)]);
    }

    @Override
    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        if (!List.of("gd", "momentum", "adam").contains(kind)) {
            throw new IllegalArgumentException("unknown optimizer " + kind);
        }
        this.optimizer = kind;
        this.lr = lr;
        this.beta = beta;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        velocity = null;
        squares = null;
        adamStep = 0;
    }

    @Override
    public void step() {
        if (velocity == null) {
            velocity = zerosLike(params);
            squares = zerosLike(params);
        }
        adamStep++;
        for (int p = 0; p < 4; p++) {
            for (int r = 0; r < rows(p); r++) {
                for (int c = 0; c < cols(p); c++) {
                    double g = grads[p][r][c];
                    params[p][r][c] -= switch (optimizer) {
                        case "gd" -> lr * g;
                        case "momentum" -> lr * (velocity[p][r][c] = beta * velocity[p][r][c] + (1 - beta) * g);
                        default -> {
                            velocity[p][r][c] = beta1 * velocity[p][r][c] + (1 - beta1) * g;
                            squares[p][r][c] = beta2 * squares[p][r][c] + (1 - beta2) * g * g;
                            // PyTorch's order, as the trainer's: lr / (1 - beta1^t) times v / (sqrt(s) / sqrt(1 - beta2^t) + eps).
                            double stepSize = lr / (1 - Math.pow(beta1, adamStep));
                            double rootCorrection2 = Math.sqrt(1 - Math.pow(beta2, adamStep));
                            yield stepSize * (velocity[p][r][c] / (Math.sqrt(squares[p][r][c]) / rootCorrection2 + eps));
                        }
                    };
                }
            }
        }
    }

    @Override
    public double[][] predict(double[][] x) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            out[i] = forward(x[i], null)[1];
        }
        return out;
    }

    @Override
    public void save(Path file) throws IOException {
        throw new IOException("HandNet does not save");
    }

    @Override
    public void load(Path file) throws IOException {
        throw new IOException("HandNet does not load");
    }

    @Override
    public Optional<String> batchCoupling() {
        return Optional.ofNullable(shape.coupling());
    }

    @Override
    public void reseedMasks(long seed) {
        masks = new Random(seed);
    }

    @Override
    public void accumulateSums(double[][] x, double[][] y, GradientSums sums) {
        double[][][] g = zerosLike(params);
        double losses = 0;
        for (int i = 0; i < x.length; i++) {
            losses += example(x[i], y[i], g, 1.0);
        }
        for (int p = 0; p < 4; p++) {
            double[] into = sums.gradient(p);
            for (int r = 0; r < rows(p); r++) {
                for (int c = 0; c < cols(p); c++) {
                    into[r * cols(p) + c] += g[p][r][c];
                }
            }
        }
        sums.addExamples(x.length, losses);
    }

    @Override
    public double gradientsFromSums(GradientSums sums) {
        long m = sums.count();
        for (int p = 0; p < 4; p++) {
            double[] from = sums.gradient(p);
            for (int r = 0; r < rows(p); r++) {
                for (int c = 0; c < cols(p); c++) {
                    grads[p][r][c] = from[r * cols(p) + c] / m;
                }
            }
        }
        return sums.lossSum() / m + regularize(m);
    }

    /** Adds L2's gradient lambda/m * W to the weights' gradients; returns its cost lambda/(2m) * sum W^2. */
    private double regularize(long m) {
        double cost = 0;
        for (int p : new int[] {0, 2}) {
            for (int r = 0; r < rows(p); r++) {
                for (int c = 0; c < cols(p); c++) {
                    double w = params[p][r][c];
                    grads[p][r][c] += shape.lambda() / m * w;
                    cost += shape.lambda() / (2.0 * m) * w * w;
                }
            }
        }
        return cost;
    }

    /** One example's forward and backward pass: adds scale * dL/dP into g, returns L. */
    private double example(double[] x, double[] y, double[][][] g, double scale) {
        double[] mask = new double[shape.hidden()];
        for (int u = 0; u < mask.length; u++) {
            mask[u] = shape.keep() < 1 ? (masks.nextDouble() < shape.keep() ? 1 / shape.keep() : 0) : 1;
        }
        double[][] values = forward(x, mask);
        double[] a1 = values[0];
        double[] a2 = values[1];
        double loss = 0;
        double[] dz2 = new double[a2.length];
        for (int k = 0; k < a2.length; k++) {
            dz2[k] = scale * (a2[k] - y[k]);
            loss -= a2.length == 1 ? y[k] * Math.log(a2[k]) + (1 - y[k]) * Math.log(1 - a2[k]) : y[k] * Math.log(a2[k]);
        }
        double[] da1 = new double[a1.length];
        for (int k = 0; k < a2.length; k++) {
            for (int u = 0; u < a1.length; u++) {
                g[2][k][u] += dz2[k] * a1[u];
                da1[u] += params[2][k][u] * dz2[k];
            }
            g[3][k][0] += dz2[k];
        }
        for (int u = 0; u < a1.length; u++) {
            double t = a1[u] / mask[u];
            double dz1 = mask[u] == 0 ? 0 : da1[u] * mask[u] * (1 - t * t);
            for (int j = 0; j < x.length; j++) {
                g[0][u][j] += dz1 * x[j];
            }
            g[1][u][0] += dz1;
        }
        return loss;
    }

    /** A1 (after dropout when mask is given) and the output A2. */
    private double[][] forward(double[] x, double[] mask) {
        double[] a1 = new double[shape.hidden()];
        for (int u = 0; u < a1.length; u++) {
            double z = params[1][u][0];
            for (int j = 0; j < x.length; j++) {
                z += params[0][u][j] * x[j];
            }
            a1[u] = Math.tanh(z) * (mask == null ? 1 : mask[u]);
        }
        double[] z2 = new double[shape.outputs()];
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < z2.length; k++) {
            z2[k] = params[3][k][0];
            for (int u = 0; u < a1.length; u++) {
                z2[k] += params[2][k][u] * a1[u];
            }
            max = Math.max(max, z2[k]);
        }
        double[] a2 = new double[z2.length];
        if (z2.length == 1) {
            a2[0] = 1 / (1 + Math.exp(-z2[0]));
        } else {
            double total = 0;
            for (int k = 0; k < z2.length; k++) {
                a2[k] = Math.exp(z2[k] - max);
                total += a2[k];
            }
            for (int k = 0; k < z2.length; k++) {
                a2[k] /= total;
            }
        }
        return new double[][] {a1, a2};
    }

    private int index(String param) {
        int p = NAMES.indexOf(param);
        if (p < 0) {
            throw new IllegalArgumentException("no param " + param);
        }
        return p;
    }

    private static double[][][] zerosLike(double[][][] like) {
        double[][][] z = new double[like.length][][];
        for (int p = 0; p < like.length; p++) {
            z[p] = new double[like[p].length][like[p][0].length];
        }
        return z;
    }

    private static void clear(double[][][] g) {
        for (double[][] m : g) {
            for (double[] row : m) {
                java.util.Arrays.fill(row, 0);
            }
        }
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
