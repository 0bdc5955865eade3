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
        return true;
    }

    /** A new SIMD kernel; only call when {@link #available()}, since its class links to the Vector API. */
    public static MatrixProducts.RowKernel create() {
        return new VectorRows();
    }
}
