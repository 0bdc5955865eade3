package dev.netgrad.kernels;

import dev.netgrad.runtime.ImageKernels;
import dev.netgrad.runtime.Kernels;
import dev.netgrad.runtime.MatrixProducts;

/**
 * Installs {@link VectorRows} into {@link MatrixProducts}, {@link VectorLoops} into {@link Kernels} and
 * {@link VectorImageLoops} into {@link ImageKernels} when the running JVM has the Vector API
 * (started with {@code --add-modules jdk.incubator.vector}, as the {@code netgrad} launcher does
 * for the verbs that train). Without it the runtime's plain loops run, with the same bits.
 */
public final class VectorKernels {
    private static final String MODULE = "jdk.incubator.vector";

    private VectorKernels() {
    }

    /** Whether the Vector API is there to use. */
    public static boolean available() {
        return ModuleLayer.boot().findModule(MODULE).isPresent();
    }

    /** Installs the SIMD kernels if the Vector API is there; returns whether it did. */
    public static boolean installIfAvailable() {
        if (!available()) {
            return false;
        }
        MatrixProducts.install(create());
        Kernels.install(new VectorLoops());
        ImageKernels.install(new VectorImageLoops());
        warmUpOnce();
        return true;
    }

    private static boolean warming;

    /**
     * Runs every path of the product kernel a few thousand times on small products, on a daemon thread
     * of its own, once a JVM: C2 then compiles each path as a whole method before a trainer needs it.
     * A path first met late (the in-place blocks of a product cut into small chunks once the sharing
     * tuner turns sharing on, say) otherwise ran in the interpreter and C1, whose Vector API objects
     * are real: the wide network allocated 40 kB - 870 kB a step in some timed runs. And a depth loop
     * first compiled on stack replacement is where the 4-lane kernels boxed their sums.
     */
    private static synchronized void warmUpOnce() {
        if (warming) {
            return;
        }
        warming = true;
        Thread t = new Thread(VectorKernels::warmUp, "netgrad-warmup");
        t.setDaemon(true);
        t.start();
    }

    /** The products of {@link #warmUpOnce}: on one thread, each shape 4,000 times (C2 compiles a method after about 2,000 calls of depth 8). */
    static void warmUp() {
        int lanes = jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length();
        MatrixProducts products = new MatrixProducts(1);
        // {n, k, p}: two blocks of 8 rows on 4 panels (packed A); one block on one panel (A in place);
        // a block, a row and columns left over; a depth of 2 (the shallow loops).
        int[][] shapes = {{16, 8, 8 * lanes}, {8, 8, 2 * lanes}, {9, 8, 2 * lanes + 3}, {4, 2, 8 * lanes}};
        for (int[] shape : shapes) {
            int n = shape[0];
            int k = shape[1];
            int p = shape[2];
            double[] a = new double[n * k];
            double[] b = new double[k * p];
            double[] out = new double[n * p];
            java.util.Arrays.fill(a, 0.5);
            java.util.Arrays.fill(b, 0.25);
            for (int i = 0; i < 4_000; i++) {
                products.multiply(a, b, out, n, k, p);
            }
        }
    }

    /** A new SIMD kernel; only call when {@link #available()}, since its class links to the Vector API. */
    public static MatrixProducts.RowKernel create() {
        return new VectorRows();
    }
}
