package dev.netgrad.codegen;

import java.nio.file.Path;
import java.util.Random;

/**
 * A hand-written stand-in for a generated trainer with the same public API: logistic regression
 * on two features, plain gradient descent. Lets the adapter and a training run be tested without
 * the code generator.
 */
public final class Logistic {
    public static final String[] PARAM_NAMES = {"W", "b"};
    public static final String INPUT_NAME = "X";
    public static final String TARGET_NAME = "Y";
    public static final String OUTPUT_NAME = "A";
    public static final int INPUT_SIZE = 2;
    public static final int TARGET_SIZE = 1;

    /** Called after every epoch. */
    public interface Progress {
        void onEpoch(int epoch, double cost);
    }

    private final Random random;
    private double[][] w = new double[1][2];
    private double[][] b = new double[1][1];
    private double[][] dw = new double[1][2];
    private double[][] db = new double[1][1];
    private double[] losses = new double[0];
    private double lr = 0.1;
    int threads;

    public Logistic(long seed) {
        random = new Random(seed);
        w[0][0] = random.nextGaussian() * 0.01;
        w[0][1] = random.nextGaussian() * 0.01;
    }

    public double[][] getParam(String name) {
        return copy(name.equals("W") ? w : b);
    }

    public void setParam(String name, double[][] value) {
        if (name.equals("W")) {
            w = copy(value);
        } else {
            b = copy(value);
        }
    }

    public double costAndGradients(double[][] x, double[][] y) {
        int m = x.length;
        losses = new double[m];
        dw = new double[1][2];
        db = new double[1][1];
        double cost = 0;
        for (int i = 0; i < m; i++) {
            double a = 1 / (1 + Math.exp(-(w[0][0] * x[i][0] + w[0][1] * x[i][1] + b[0][0])));
            losses[i] = -(y[i][0] * Math.log(a) + (1 - y[i][0]) * Math.log(1 - a));
            cost += losses[i] / m;
            double dz = a - y[i][0];
            dw[0][0] += dz * x[i][0] / m;
            dw[0][1] += dz * x[i][1] / m;
            db[0][0] += dz / m;
        }
        return cost;
    }

    public double cost(double[][] x, double[][] y) {
        double[][] keep = dw;
        double[][] keepB = db;
        double cost = costAndGradients(x, y);
        dw = keep;
        db = keepB;
        return cost;
    }

    public double[][] gradient(String param) {
        return copy(param.equals("W") ? dw : db);
    }

    public double[] losses() {
        return losses.clone();
    }

    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        if (!kind.equals("gd")) {
            throw new IllegalArgumentException("only gd");
        }
        this.lr = lr;
    }

    public void step() {
        w[0][0] -= lr * dw[0][0];
        w[0][1] -= lr * dw[0][1];
        b[0][0] -= lr * db[0][0];
    }

    public double trainStep(double[][] x, double[][] y) {
        double cost = costAndGradients(x, y);
        if (!Double.isFinite(cost)) {
            throw new IllegalStateException("cost is " + cost + " at step");
        }
        step();
        return cost;
    }

    public void fit(double[][] x, double[][] y, int epochs, int batchSize, Progress progress) {
        for (int epoch = 1; epoch <= epochs; epoch++) {
            progress.onEpoch(epoch, trainStep(x, y));
        }
    }

    public double[][] predict(double[][] x) {
        double[][] out = new double[x.length][1];
        for (int i = 0; i < x.length; i++) {
            out[i][0] = 1 / (1 + Math.exp(-(w[0][0] * x[i][0] + w[0][1] * x[i][1] + b[0][0])));
        }
        return out;
    }

    public void save(Path file) throws java.io.IOException {
        throw new java.io.IOException("cannot save to " + file);
    }

    public void load(Path file) {
    }

    public void setThreads(int threads) {
        this.threads = threads;
    }

    private static double[][] copy(double[][] m) {
        double[][] c = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
