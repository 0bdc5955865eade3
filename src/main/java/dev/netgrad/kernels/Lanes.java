package dev.netgrad.kernels;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.Vector;
import jdk.incubator.vector.VectorSpecies;

/** The vectors every SIMD loop here works in: the machine's preferred shape of doubles. */
final class Lanes {
    static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
    static final int LANES = SPECIES.length();
    /**
     * The species' vector class, a constant: sums are stored through {@code VECTOR.cast(s)}, so that C2
     * knows their exact class at the store even when it compiled the loop on stack replacement, whose
     * entry gives them only their declared type DoubleVector. Without the cast, on AVX2 (JDK 17) the
     * store failed to compile as an intrinsic and every block boxed its sums: 2.5 MB a step of the
     * mlp, and a third of its speed.
     */
    static final Class<? extends Vector<Double>> VECTOR = SPECIES.vectorType();

    private Lanes() {
    }
}
