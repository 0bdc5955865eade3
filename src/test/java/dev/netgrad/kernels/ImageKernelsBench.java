package dev.netgrad.kernels;

import dev.netgrad.runtime.CourseImageLoops;
import dev.netgrad.runtime.ImageKernels;
import dev.netgrad.runtime.MatrixProducts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A/B of the image kernels: the runtime's {@code PlainImageLoops} against {@link VectorImageLoops},
 * in one JVM, on the calls of one step of {@code bench/digits_cnn.nn} at batch 64. Not a unit test
 * (nothing here is timed by the build); run by hand on a built tree:
 * <pre>
 * java --add-modules jdk.incubator.vector -cp target/classes:target/test-classes dev.netgrad.kernels.ImageKernelsBench [threads] [plain|vector|both]
 * </pre>
 * Prints the best time of each call over 7 rounds of 1000 calls, and whether both loops gave the
 * same bits.
 */
public final class ImageKernelsBench {
    private ImageKernelsBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        String which = args.length > 1 ? args[1] : "both";
        int m = 64;
        ImageKernels k = new ImageKernels(new MatrixProducts(threads));
        SplittableRandom random = new SplittableRandom(1);
        double[] x = CourseImageLoops.values(64 * m, random);
        double[] w1 = CourseImageLoops.values(72, random);
        double[] z1 = new double[512 * m];
        double[] a1 = CourseImageLoops.values(512 * m, random);
        double[] p2 = CourseImageLoops.values(128 * m, random);
        double[] w3 = CourseImageLoops.values(72 * 16, random);
        double[] z3 = new double[256 * m];
        double[] a3 = CourseImageLoops.values(256 * m, random);
        double[] p4 = new double[64 * m];
        double[] dP4 = CourseImageLoops.values(64 * m, random);
        double[] dA3 = new double[256 * m];
        double[] dZ3 = CourseImageLoops.values(256 * m, random);
        double[] dW3 = new double[1152];
        double[] dP2 = new double[128 * m];
        double[] dA1 = new double[512 * m];
        double[] dZ1 = CourseImageLoops.values(512 * m, random);
        double[] dW1 = new double[72];
        Map<String, Runnable> calls = new LinkedHashMap<>();
        Map<String, double[]> results = new LinkedHashMap<>();
        calls.put("conv2d 1", () -> k.conv2d(x, w1, z1, m, 8, 8, 1, 3, 8, 8, 8, 1, 1));
        results.put("conv2d 1", z1);
        calls.put("maxpool 1", () -> k.pool(true, a1, p2, m, 8, 8, 2, 4, 4, 2));
        results.put("maxpool 1", p2);
        calls.put("conv2d 2", () -> k.conv2d(p2, w3, z3, m, 4, 4, 8, 3, 16, 4, 4, 1, 1));
        results.put("conv2d 2", z3);
        calls.put("maxpool 2", () -> k.pool(true, a3, p4, m, 4, 16, 2, 2, 2, 2));
        results.put("maxpool 2", p4);
        calls.put("maxpool_input 2", () -> k.maxpoolInput(dP4, a3, dA3, m, 4, 4, 16, 2, 2, 2, 2));
        results.put("maxpool_input 2", dA3);
        calls.put("conv2d_weight 2", () -> k.conv2dWeight(p2, dZ3, dW3, m, 4, 4, 8, 3, 16, 4, 4, 1, 1));
        results.put("conv2d_weight 2", dW3);
        calls.put("conv2d_input 2", () -> k.conv2dInput(dZ3, w3, dP2, m, 4, 4, 8, 3, 16, 4, 4, 1, 1));
        results.put("conv2d_input 2", dP2);
        calls.put("maxpool_input 1", () -> k.maxpoolInput(dP2, a1, dA1, m, 8, 8, 8, 2, 4, 4, 2));
        results.put("maxpool_input 1", dA1);
        calls.put("conv2d_weight 1", () -> k.conv2dWeight(x, dZ1, dW1, m, 8, 8, 1, 3, 8, 8, 8, 1, 1));
        results.put("conv2d_weight 1", dW1);
        System.out.printf("threads %d, batch %d, best of 7 rounds, microseconds a call%n", threads, m);
        double plainTotal = 0;
        double vectorTotal = 0;
        for (String name : calls.keySet()) {
            Runnable call = calls.get(name);
            double plain = 0;
            double vector = 0;
            double[] plainResult = null;
            if (!which.equals("vector")) {
                ImageKernels.install(null);
                plain = time(call);
                plainResult = results.get(name).clone();
            }
            if (!which.equals("plain")) {
                ImageKernels.install(new VectorImageLoops());
                vector = time(call);
            }
            String same = plainResult == null || which.equals("plain") ? ""
                    : Arrays.equals(plainResult, results.get(name)) ? "same bits" : "DIFFERENT BITS";
            System.out.printf("%-16s plain %8.2f  vector %8.2f  %s%n", name, plain, vector, same);
            plainTotal += plain;
            vectorTotal += vector;
        }
        System.out.printf("%-16s plain %8.2f  vector %8.2f%n", "total", plainTotal, vectorTotal);
        System.exit(0);
    }

    private static double time(Runnable call) {
        for (int i = 0; i < 3000; i++) {
            call.run();
        }
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 7; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < 1000; i++) {
                call.run();
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / 1000 / 1000.0;
    }
}
