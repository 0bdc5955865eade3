package dev.netgrad.codegen;

import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.runtime.Prediction;

/**
 * A hand-written trainer in the form the generator writes: logistic regression on two features,
 * extending the runtime. Lets the runtime, the adapter and a training run be tested without the
 * code generator.
 */
public class Logistic extends NetworkTrainer {
    private static final Layout LAYOUT = new Layout("Logistic", "X", 2, "Y", 1, "A", Prediction.PROBABILITY, "L", "J", null, false, false, false, false,
            new String[] {"W", "b"}, new String[] {"dW", "db"}, new int[] {1, 1}, new int[] {2, 1},
            new String[] {"X", "Y", "Z", "A", "L", "J"}, new int[] {2, 1, 1, 1, 1, 1}, new int[] {-1, -1, -1, -1, -1, 1},
            new String[] {"dZ", "dW", "db"}, new int[] {1, 1, 1}, new int[] {-1, 2, 1},
            new String[0], new int[0], new int[0], new double[0], 3, 0, new String[] {"Z = W @ X + b", "A = sigmoid(Z)"});

    private final double[] W = new double[2];
    private final double[] b = new double[1];
    private final double[] J = new double[1];
    private final double[] dW = new double[2];
    private final double[] db = new double[1];
    private double[] X = new double[0];
    private double[] Y = new double[0];
    private double[] Z = new double[0];
    private double[] A = new double[0];
    private double[] L = new double[0];
    private double[] dZ = new double[0];

    public Logistic(long seed) {
        super(LAYOUT, seed);
        fillGaussian(W, 0.01);
        useOptimizer("gd", 0.1, 0.9, 0.9, 0.999, 1e-8);
    }

    @Override
    protected void forward() {
        evaluationForward();
        forwardCost();
    }

    @Override
    protected void evaluationForward() {
        predictForward();
        for (int i = 0; i < m; i++) {
            L[i] = -(Y[i] * Math.log(A[i]) + (1 - Y[i]) * Math.log(1 - A[i]));
        }
    }

    @Override
    protected void forwardCost() {
        double s = 0.0;
        for (int i = 0; i < m; i++) {
            s += L[i];
        }
        J[0] = s / m;
    }

    @Override
    protected void backward() {
        double s0 = 0.0;
        double s1 = 0.0;
        double s = 0.0;
        for (int i = 0; i < m; i++) {
            dZ[i] = A[i] - Y[i];
            s0 += dZ[i] * X[i];
            s1 += dZ[i] * X[m + i];
            s += dZ[i];
        }
        dW[0] = oneOverM * s0;
        dW[1] = oneOverM * s1;
        db[0] = oneOverM * s;
    }

    @Override
    protected void predictForward() {
        for (int i = 0; i < m; i++) {
            Z[i] = W[0] * X[i] + W[1] * X[m + i] + b[0];
            A[i] = 1 / (1 + Math.exp(-Z[i]));
        }
    }

    @Override
    protected void allocate(int size) {
        X = new double[cells(2, size)];
        Y = new double[cells(1, size)];
        Z = new double[cells(1, size)];
        A = new double[cells(1, size)];
        L = new double[cells(1, size)];
        dZ = new double[cells(1, size)];
    }

    @Override
    protected double[] paramBuffer(int index) {
        return index == 0 ? W : b;
    }

    @Override
    protected double[] gradientBuffer(int index) {
        return index == 0 ? dW : db;
    }

    @Override
    protected double[] valueBuffer(int index) {
        return switch (index) {
            case 0 -> X;
            case 1 -> Y;
            case 2 -> Z;
            case 3 -> A;
            case 4 -> L;
            case 5 -> J;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    @Override
    protected double[] deltaBuffer(int index) {
        return switch (index) {
            case 0 -> dZ;
            case 1 -> dW;
            case 2 -> db;
            default -> throw new IndexOutOfBoundsException(index);
        };
    }

    @Override
    protected double[] maskBuffer(int index) {
        throw new IndexOutOfBoundsException(index);
    }

    @Override
    protected double[] inputBuffer() {
        return X;
    }

    @Override
    protected double[] targetBuffer() {
        return Y;
    }
}
