package dev.netgrad.codegen;

/**
 * {@link Logistic} trainers that train as it does but whose predictions throw: a run whose scoring
 * fails after its training went well (the heap running out on a large data set, say).
 */
public final class ScoringFails {
    private ScoringFails() {
    }

    /** Predictions run out of heap. */
    public static final class OutOfMemory extends Logistic {
        public OutOfMemory(long seed) {
            super(seed);
        }

        @Override
        public double[][] predict(double[][] x) {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** Predictions throw what the trainer throws on a value that is not finite. */
    public static final class NotFinite extends Logistic {
        public NotFinite(long seed) {
            super(seed);
        }

        @Override
        public double[][] predict(double[][] x) {
            throw new IllegalStateException("the output A is NaN");
        }
    }
}
