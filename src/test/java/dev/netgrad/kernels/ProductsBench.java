package dev.netgrad.kernels;

import dev.netgrad.runtime.MatrixProducts;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A/B of the products' blocked path: the runtime's plain loops against {@link VectorRows}, in one
 * JVM, alternating, on the shapes of the benchmarked networks. Not a unit test (nothing here is
 * timed by the build); run by hand on a built tree:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes dev.netgrad.kernels.ProductsBench [threads] [rounds]
 * </pre>
 * Prints each shape's median GFLOP/s for both and their ratio; on a loaded machine only the ratio
 * means much.
 */
public final class ProductsBench {
    /** {n, k, p, kind}: kind 0 A @ B, 1 A.T @ B, 2 A @ B.T, as the trainers call them. */
    private static final int[][] SHAPES = {
        {128, 784, 128, 0}, {128, 128, 784, 2}, {784, 128, 128, 1}, {128, 128, 64, 0}, {64, 128, 128, 2},
        {32, 784, 128, 0}, {128, 32, 784, 2}, {784, 128, 32, 1},
        {256, 784, 512, 0}, {512, 256, 784, 2}, {784, 512, 256, 1}, {256, 512, 256, 0},
        // mlp at batch 32: the first layer (A in place: panels would serve too few columns), then Z2, dW2, dA1
        {128, 784, 32, 0}, {64, 128, 32, 0}, {64, 32, 128, 2}, {128, 64, 32, 1},
    };
    private static final String[] KINDS = {"A @ B", "A.T @ B", "A @ B.T"};

    private ProductsBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 21;
        MatrixProducts.RowKernel vector = VectorKernels.create();
        MatrixProducts products = new MatrixProducts(threads);
        SplittableRandom random = new SplittableRandom(1);
        System.out.printf("threads %d, rounds %d, median GFLOP/s%n", threads, rounds);
        for (int[] shape : SHAPES) {
            int n = shape[0];
            int k = shape[1];
            int p = shape[2];
            double[] a = random.doubles((long) n * k, -1, 1).toArray();
            double[] b = random.doubles((long) k * p, -1, 1).toArray();
            double[][] outs = {new double[n * p], new double[n * p]};
            double flops = 2.0 * n * k * p;
            int reps = Math.max(1, (int) (1e8 / flops));
            double[][] nanos = new double[2][rounds];
            for (int round = -3; round < rounds; round++) {
                for (int which = 0; which < 2; which++) {
                    MatrixProducts.install(which == 0 ? null : vector);
                    long start = System.nanoTime();
                    for (int r = 0; r < reps; r++) {
                        switch (shape[3]) {
                            case 0 -> products.multiply(a, b, outs[which], n, k, p);
                            case 1 -> products.multiplyTransA(a, b, outs[which], n, k, p);
                            default -> products.multiplyTransB(a, b, outs[which], n, k, p);
                        }
                    }
                    if (round >= 0) {
                        nanos[which][round] = (System.nanoTime() - start) / (double) reps;
                    }
                }
            }
            MatrixProducts.install(null);
            if (!Arrays.equals(outs[0], outs[1])) {
                throw new AssertionError("the kernels disagree on " + n + " x " + k + " x " + p);
            }
            double loops = flops / median(nanos[0]);
            double simd = flops / median(nanos[1]);
            System.out.printf("%4d x %4d x %4d %-8s loops %6.2f  vector %6.2f  ratio %.2f%n", n, k, p, KINDS[shape[3]], loops, simd, simd / loops);
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
