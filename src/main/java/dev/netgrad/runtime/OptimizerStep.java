package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;

/**
 * A trainer's optimizer: gradient descent, momentum or Adam, its settings and moments, and its
 * step over the params. The step runs in stripes of the params' rows on the threads of the
 * trainer's products (each stripe the rows the same thread summed in the param's products): the
 * check of the gradients, then the update and the check of the params; it allocates nothing once
 * the moments exist.
 */
final class OptimizerStep {
    private static final int GD = 0;
    private static final int MOMENTUM = 1;
    private static final int ADAM = 2;
    /** The optimizers' names, in the order of {@link Optimizer.Kind}. */
    static final String[] NAMES = {"gd", "momentum", "adam"};

    private final NetworkTrainer trainer;
    private final Layout layout;
    private final MatrixProducts products;
    private int optimizer;
    private double learningRate;
    private double momentumBeta;
    private double adamBeta1;
    private double adamBeta2;
    private double adamEpsilon;
    private int adamStep;
    private double[][] velocity;
    private double[][] squares;
    private long stepCount;
    // The step's two passes over the stripes (see MatrixProducts.forStripes), one object each for
    // every step; per stripe, the first non-finite entry found (param << 32 | entry), or -1.
    private final EntryRange gradientCheck = this::checkGradientStripes;
    private final EntryRange paramUpdate = this::updateStripes;
    private long[] firstBadInStripe = new long[0];
    private int stepStripes;

    OptimizerStep(NetworkTrainer trainer, Layout layout, MatrixProducts products) {
        this.trainer = trainer;
        this.layout = layout;
        this.products = products;
    }

    /** Chooses the optimizer; resets its state. */
    void use(Optimizer o) {
        this.optimizer = switch (o.kind()) {
            case GD -> GD;
            case MOMENTUM -> MOMENTUM;
            case ADAM -> ADAM;
        };
        this.learningRate = o.lr();
        this.momentumBeta = o.beta();
        this.adamBeta1 = o.beta1();
        this.adamBeta2 = o.beta2();
        this.adamEpsilon = o.eps();
        reset();
    }

    Optimizer optimizer() {
        return new Optimizer(Optimizer.Kind.values()[optimizer], learningRate, momentumBeta, adamBeta1, adamBeta2, adamEpsilon);
    }

    /**
     * One step with the gradients in the trainer's buffers; refuses non-finite gradients before any
     * param changes, and stops on params the update made non-finite.
     */
    void apply() {
        int stripes = products.stripes(stripedEntries());
        if (firstBadInStripe.length < stripes) {
            firstBadInStripe = new long[stripes];
        }
        stepStripes = stripes;
        products.forStripes(stripes, gradientCheck);
        long bad = firstBad(stripes);
        if (bad >= 0) {
            double[] g = trainer.gradientBuffer((int) (bad >>> 32));
            throw nonFinite("the gradient " + layout.gradientNames()[(int) (bad >>> 32)] + " has a non-finite entry (" + g[(int) bad] + ")", true);
        }
        if (optimizer != GD && velocity == null) {
            velocity = new double[layout.paramNames().length][];
            squares = new double[layout.paramNames().length][];
            for (int p = 0; p < layout.paramNames().length; p++) {
                velocity[p] = new double[layout.paramRows()[p] * layout.paramCols()[p]];
                squares[p] = new double[layout.paramRows()[p] * layout.paramCols()[p]];
            }
        }
        if (optimizer == ADAM) {
            adamStep++;
        }
        products.forStripes(stripes, paramUpdate);
        bad = firstBad(stripes);
        if (bad >= 0) {
            double[] w = trainer.paramBuffer((int) (bad >>> 32));
            throw nonFinite("the update made " + layout.paramNames()[(int) (bad >>> 32)] + " non-finite (" + w[(int) bad] + ")", false);
        }
    }

    /** Counts a step taken whole (the trainer's own work after the update included). */
    void stepTaken() {
        stepCount++;
    }

    /** The exception that stops training at this step, saying what was not finite and what may be the cause. */
    IllegalStateException nonFinite(String what, boolean paramsUnchanged) {
        String why = stepCount == 0 && paramsUnchanged
                // Nothing has been updated yet: blaming the learning rate would send the user the wrong way.
                ? ". No step has been taken yet, so the learning rate is not the cause: a value of the forward or backward"
                        + " pass is not finite at the params training started from. The data may hold huge or non-finite values,"
                        + " or the loss may take the log of 0"
                        + " (a cross-entropy read after a dropout, whose dropped outputs are 0)."
                : ". The learning rate (" + learningRate + ", " + NAMES[optimizer] + ") may be too large, or the data"
                        + " may hold huge or non-finite values.";
        return new IllegalStateException(layout.network() + ": training stopped at step " + (stepCount + 1) + ": " + what + why
                + (paramsUnchanged ? " The params are left as they were before this step." : ""));
    }

    /** Stripes from .. to - 1 of the gradients' check: the first non-finite entry of each into firstBadInStripe. */
    private void checkGradientStripes(int from, int to) {
        for (int s = from; s < to; s++) {
            firstBadInStripe[s] = -1;
            for (int p = 0; p < layout.paramNames().length && firstBadInStripe[s] < 0; p++) {
                firstBadInStripe[s] = firstNonFiniteInStripe(trainer.gradientBuffer(p), p, s);
            }
        }
    }

    /** Stripes from .. to - 1 of the update, each stripe's params then checked (the first non-finite entry into firstBadInStripe). */
    private void updateStripes(int from, int to) {
        for (int s = from; s < to; s++) {
            firstBadInStripe[s] = -1;
            for (int p = 0; p < layout.paramNames().length; p++) {
                int begin = stripeStart(p, s);
                int end = stripeStart(p, s + 1);
                int bad;
                if (optimizer == GD) {
                    bad = Kernels.descend(trainer.paramBuffer(p), trainer.gradientBuffer(p), learningRate, begin, end);
                } else {
                    updateWithMoments(p, begin, end);
                    bad = Kernels.firstNonFinite(trainer.paramBuffer(p), begin, end);
                }
                if (firstBadInStripe[s] < 0 && bad >= 0) {
                    firstBadInStripe[s] = (long) p << 32 | bad;
                }
            }
        }
    }

    /**
     * The first entry of stripe s of param p: stripe s holds rows R s / S .. R (s + 1) / S - 1 of S
     * stripes, the rows the same thread summed in the param's products; a param whose products the
     * caller computed alone (see {@link #rowsShared}) is all in stripe 0, the caller's.
     */
    private int stripeStart(int p, int s) {
        int rows = layout.paramRows()[p];
        int cols = layout.paramCols()[p];
        if (!rowsShared(p)) {
            return s == 0 ? 0 : rows * cols;
        }
        return (int) ((long) rows * s / stepStripes) * cols;
    }

    /**
     * Whether the threads shared the rows of param p's products in this batch: a dense layer's
     * {@code Z = W @ A} and {@code dW = dZ @ A.T} (R x C x m multiply-adds each). When the caller
     * computed them alone, it also updates and checks the whole param, which its caches hold: split
     * in stripes, the helper's half of the rows went to the other core and back each step (the
     * middle layer of the mlp at batch 32, whose products each ran 3 us slower on 2 threads than on 1).
     */
    private boolean rowsShared(int p) {
        return products.shares(layout.paramRows()[p], layout.paramCols()[p], trainer.m);
    }

    /** The entries of the params whose rows are shared: the update's work the helpers can take. */
    private long stripedEntries() {
        long entries = 0;
        for (int p = 0; p < layout.paramNames().length; p++) {
            if (rowsShared(p)) {
                entries += (long) layout.paramRows()[p] * layout.paramCols()[p];
            }
        }
        return entries;
    }

    /** Param p's entries of stripe s: the first non-finite one, as {@code p << 32 | entry}, or -1. */
    private long firstNonFiniteInStripe(double[] values, int p, int s) {
        int bad = Kernels.firstNonFinite(values, stripeStart(p, s), stripeStart(p, s + 1));
        return bad < 0 ? -1 : (long) p << 32 | bad;
    }

    /** The first non-finite entry the stripes found, in the params' order then the entries', or -1. */
    private long firstBad(int stripes) {
        long first = -1;
        for (int s = 0; s < stripes; s++) {
            long bad = firstBadInStripe[s];
            if (bad >= 0 && (first < 0 || bad < first)) {
                first = bad;
            }
        }
        return first;
    }

    /** Entries begin .. end - 1 of param p take the step of momentum or Adam (gradient descent's is {@link Kernels#descend}). */
    private void updateWithMoments(int p, int begin, int end) {
        double[] w = trainer.paramBuffer(p);
        double[] g = trainer.gradientBuffer(p);
        if (optimizer == MOMENTUM) {
            double[] v = velocity[p];
            for (int i = begin; i < end; i++) {
                v[i] = momentumBeta * v[i] + (1 - momentumBeta) * g[i];
                w[i] = w[i] - learningRate * v[i];
            }
        } else {
            double[] v = velocity[p];
            double[] s = squares[p];
            double correction1 = 1 - Math.pow(adamBeta1, adamStep);
            double correction2 = 1 - Math.pow(adamBeta2, adamStep);
            for (int i = begin; i < end; i++) {
                v[i] = adamBeta1 * v[i] + (1 - adamBeta1) * g[i];
                s[i] = adamBeta2 * s[i] + (1 - adamBeta2) * (g[i] * g[i]);
                double vCorrected = v[i] / correction1;
                double sCorrected = s[i] / correction2;
                w[i] = w[i] - learningRate * vCorrected / (Math.sqrt(sCorrected) + adamEpsilon);
            }
        }
    }

    /** Forgets the moments (a new optimizer, or params loaded). */
    void reset() {
        adamStep = 0;
        velocity = null;
        squares = null;
    }
}
