package dev.netgrad.codegen;

/**
 * {@link Logistic} trainers that train as it does but whose predictions, or whose costs, throw: a run
 * whose scoring, or whose held-out trace for --plot, fails after or while its training goes well (the
 * heap running out on a large data set, say).
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

    /**
     * An evaluation cost (the model's as it predicts, which training never calls) that throws from an instance's
     * {@code failing}-th call on. The run's own instance calls it twice, scoring the training part
     * and then the held-out part; the observer that traces the held-out cost, once after every epoch.
     */
    abstract static class CostFails extends Logistic {
        private final int failing;
        private int calls;

        CostFails(long seed, int failing) {
            super(seed);
            this.failing = failing;
        }

        /** Throws what a failing call throws. */
        abstract void fail();

        @Override
        public double evaluationCost(double[][] x, double[][] y, int chunk) {
            if (++calls >= failing) {
                fail();
            }
            return super.evaluationCost(x, y, chunk);
        }
    }

    /** The held-out trace runs out of heap after the third epoch; scoring (two calls) does not. */
    public static final class TraceOutOfMemory extends CostFails {
        public TraceOutOfMemory(long seed) {
            super(seed, 3);
        }

        @Override
        void fail() {
            throw new OutOfMemoryError("Java heap space");
        }
    }

    /** The held-out trace throws what the trainer throws on a value that is not finite, after the third epoch. */
    public static final class TraceNotFinite extends CostFails {
        public TraceNotFinite(long seed) {
            super(seed, 3);
        }

        @Override
        void fail() {
            throw new IllegalStateException("the loss L is NaN");
        }
    }

    /** Every cost runs out of heap: the trace after the first epoch, and scoring after training. */
    public static final class CostOutOfMemory extends CostFails {
        public CostOutOfMemory(long seed) {
            super(seed, 1);
        }

        @Override
        void fail() {
            throw new OutOfMemoryError("Java heap space");
        }
    }
}
