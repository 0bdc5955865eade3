package dev.netgrad.kernels;

import dev.netgrad.runtime.ImageKernels;
import dev.netgrad.runtime.Kernels;
import dev.netgrad.runtime.MatrixProducts;

/**
 * Installs {@link VectorRows} into {@link MatrixProducts}, {@link VectorLoops} into {@link Kernels} and
 * {@link VectorImageLoops} into {@link ImageKernels} (those two on vectors of 4 lanes or more) when the running JVM has the Vector API
 * (started with {@code --add-modules jdk.incubator.vector}, as the {@code netgrad} launcher does
 * for the verbs that train). Without it the runtime's plain loops run, with the same bits.
 */
public final class VectorKernels {
    private static final String MODULE = "jdk.incubator.vector";
    /**
     * The fewest lanes of doubles a vector must have for the elementwise and image loops to be
     * installed; with fewer, only the products' kernel is. On 2 lanes (128-bit SIMD, as
     * -XX:MaxVectorSize=16 gives) JDK 17's C2 left the loops' masks and blends to the Vector API's
     * Java fallback, which allocates: the mlp at batch 128 allocated 12 MB a step and ran 25,000
     * examples/s on one thread against 35,700 with the plain loops, the digits CNN 9.5 MB a step and
     * 32,900 against 54,900. The products' kernel has no masks and allocates nothing there.
     */
    private static final int LOOPS_MIN_LANES = 4;

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
        if (jdk.incubator.vector.DoubleVector.SPECIES_PREFERRED.length() >= LOOPS_MIN_LANES) {
            Kernels.install(new VectorLoops());
            ImageKernels.install(new VectorImageLoops());
        }
        return true;
    }

    /** A new SIMD kernel; only call when {@link #available()}, since its class links to the Vector API. */
    public static MatrixProducts.RowKernel create() {
        return new VectorRows();
    }
}
