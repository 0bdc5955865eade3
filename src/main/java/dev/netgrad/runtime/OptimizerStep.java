package dev.netgrad.runtime;

import dev.netgrad.runtime.NetworkTrainer.Layout;

/**
 * A trainer's optimizer: gradient descent, momentum or Adam, its settings and moments, and its
 * step over the params. The step runs in stripes of the params' rows on the threads of the
 * trainer's products (each stripe the rows the same thread summed in the param's products): a
 * pass over the gradients for their largest magnitude, then the update; it allocates nothing once
 * the moments exist. A step that fails changes nothing (params, moments, Adam's step count), as an
 * exception leaves a numpy or PyTorch user's state: the largest gradient and bounds of the params
 * and moments carried from step to step prove, for nearly every step, that no entry of the update
 * can overflow, so the update runs unchecked; only a step the bounds cannot clear computes every
 * entry's update first without writing it (the careful pass), then writes it.
 */
final class OptimizerStep {
    private static final int GD = 0;
    private static final int MOMENTUM = 1;
    private static final int ADAM = 2;
    /** The optimizers' names, in the order of {@link Optimizer.Kind}. */
    static final String[] NAMES = {"gd", "momentum", "adam"};
    /**
     * The largest bound of a param or moment that clears a step without the careful pass, 2^1000
     * (about 1e301, a 256th of the largest double): the bounds below hold exactly (each is the
     * update's own expression on bounds of its operands, and rounding to nearest never makes a
     * larger operand give a smaller result), so any finite bound would do; the margin is there
     * against a slip in that argument, and costs a careful pass only to params or moments that big.
     */
    private static final double CLEARED = 0x1p1000;

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
    /** Adam's of the step being taken (PyTorch's order): lr / (1 - beta1^t), and the root of 1 - beta2^t. */
    private double adamStepSize;
    private double adamRootCorrection2;
    private double[][] velocity;
    private double[][] squares;
    private long stepCount;
    // Bounds, over every entry of every param, of |w|, of |velocity| (momentum's v, Adam's first
    // moment) and of Adam's second moment, as they stand between steps. The param bound is unknown
    // (infinite) until a careful pass measures it (the first step, and the first after a load).
    private double paramBound = Double.POSITIVE_INFINITY;
    private double velocityBound;
    private double squareBound;
    // The step's passes over the stripes (see MatrixProducts.forStripes), one object each for
    // every step; per stripe, the largest |gradient|, or the careful pass's first non-finite entry
    // (param << 32 | entry, or -1) and its largest |w|, |velocity| and second moment after the step.
    private final EntryRange gradientPass = this::gradientStripes;
    private final EntryRange carefulPass = this::carefulStripes;
    private final EntryRange paramUpdate = this::updateStripes;
    private long[] firstBadInStripe = new long[0];
    private double[] largestInStripe = new double[0];
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
     * One step with the gradients in the trainer's buffers; refuses non-finite gradients, an update
     * that would make a param non-finite, and (Adam) a square of a gradient that would overflow the
     * second moment, before anything changes.
     */
    void apply() {
        int stripes = products.stripes(stripedEntries());
        if (firstBadInStripe.length < stripes) {
            firstBadInStripe = new long[stripes];
            largestInStripe = new double[3 * stripes];
        }
        stepStripes = stripes;
        // The pass that only looked for a non-finite gradient before: one NaN or infinity makes the largest so.
        products.forStripes(stripes, gradientPass);
        double largestGradient = largest(0, stripes);
        if (!Double.isFinite(largestGradient)) {
            throw nonFinite(firstNonFiniteGradient(), false);
        }
        if (optimizer != GD && velocity == null) {
            velocity = new double[layout.paramNames().length][];
            squares = new double[layout.paramNames().length][];
            for (int p = 0; p < layout.paramNames().length; p++) {
                velocity[p] = new double[layout.paramRows()[p] * layout.paramCols()[p]];
                squares[p] = new double[layout.paramRows()[p] * layout.paramCols()[p]];
            }
        }
        int step = adamStep + 1;
        if (optimizer == ADAM) {
            adamStepSize = learningRate / (1 - Math.pow(adamBeta1, step));
            adamRootCorrection2 = Math.sqrt(1 - Math.pow(adamBeta2, step));
        }
        // Bounds after the step, each the update's own expression on the bounds of what it reads:
        //   gd:       |w - lr g| <= W + lr G.
        //   momentum: |beta v + (1 - beta) g| <= beta V + (1 - beta) G = V'; |w - lr v'| <= W + lr V'.
        //   Adam:     the first moment as momentum's, V'; the second, s' = beta2 s + (1 - beta2) g g,
        //             at most beta2 S + (1 - beta2) G G = S' (finite: no square overflowed); the
        //             denominator sqrt(s') / sqrt(1 - beta2^t) + eps is at least eps, and finite
        //             (sqrt(s') <= 2^500 once S' is cleared, over at least sqrt(1 - beta2) >= 2^-27),
        //             so |step_size (m' / denominator)| <= step_size (V' / eps) and
        //             |w'| <= W + step_size (V' / eps).
        // Adam's real change is far smaller (about lr once the second moment holds the gradients'
        // squares, not lr / eps), but even lr / eps leaves a bound of 2^1000 out of reach of any sane run.
        double nextVelocity = switch (optimizer) {
            case GD -> 0;
            case MOMENTUM -> momentumVelocity(velocityBound, largestGradient);
            default -> adamFirst(velocityBound, largestGradient);
        };
        double nextSquare = optimizer == ADAM ? adamSecond(squareBound, largestGradient) : 0;
        double nextParam = paramBound + switch (optimizer) {
            case GD -> learningRate * largestGradient;
            case MOMENTUM -> learningRate * nextVelocity;
            default -> adamStepSize * (nextVelocity / adamEpsilon);
        };
        if (!(nextParam <= CLEARED && nextVelocity <= CLEARED && nextSquare <= CLEARED)) {
            // The bounds cannot clear the step: every entry's update, computed and checked unwritten;
            // what it measures replaces the bounds.
            products.forStripes(stripes, carefulPass);
            long bad = firstBad(stripes);
            if (bad >= 0) {
                throw nonFinite(whatWouldOverflow((int) (bad >>> 32), (int) bad), true);
            }
            nextParam = largest(stripes, 2 * stripes);
            nextVelocity = largest(2 * stripes, 3 * stripes);
            nextSquare = largest(0, stripes);
        }
        adamStep = optimizer == ADAM ? step : 0;
        paramBound = nextParam;
        velocityBound = nextVelocity;
        squareBound = nextSquare;
        products.forStripes(stripes, paramUpdate);
    }

    /** Counts a step taken whole (the trainer's own work after the update included). */
    void stepTaken() {
        stepCount++;
    }

    /** The exception that stops training at this step, saying what was not finite and what may be the cause. */
    IllegalStateException nonFinite(String what) {
        return nonFinite(what, false);
    }

    /**
     * The exception that stops training at this step; {@code fromTheStep} when the update itself
     * would overflow (the learning rate may be the cause even at the first step).
     */
    private IllegalStateException nonFinite(String what, boolean fromTheStep) {
        String why = stepCount == 0 && !fromTheStep
                // Nothing has been updated yet: blaming the learning rate would send the user the wrong way.
                ? ". No step has been taken yet, so the learning rate is not the cause: a value of the forward or backward"
                        + " pass is not finite at the params training started from. The data may hold huge or non-finite values,"
                        + " or the loss may take the log of 0"
                        + " (a cross-entropy read after a dropout, whose dropped outputs are 0)."
                : ". The learning rate (" + learningRate + ", " + NAMES[optimizer] + ") may be too large, or the data"
                        + " may hold huge or non-finite values.";
        // Every failure is found before the step changes anything (the optimizer's failures by the
        // careful pass, those of the cost and batchnorms before the optimizer runs).
        return new IllegalStateException(layout.network() + ": training stopped at step " + (stepCount + 1) + ": " + what + why
                + " Nothing of this step was applied: the params, the optimizer's moments and its step count are as they"
                + " were before it.");
    }

    /** The first non-finite gradient entry, in the params' order then the entries'. */
    private String firstNonFiniteGradient() {
        for (int p = 0; p < layout.paramNames().length; p++) {
            double[] g = trainer.gradientBuffer(p);
            int bad = Kernels.firstNonFinite(g, 0, g.length);
            if (bad >= 0) {
                return "the gradient " + layout.gradientNames()[p] + " has a non-finite entry (" + g[bad] + ")";
            }
        }
        throw new IllegalStateException("the largest gradient is not finite, and no gradient entry is");
    }

    /** What the careful pass found at entry i of param p: an overflowing second moment (Adam), else the param. */
    private String whatWouldOverflow(int p, int i) {
        String entry = layout.paramNames()[p] + "[" + i / layout.paramCols()[p] + "][" + i % layout.paramCols()[p] + "]";
        double g = trainer.gradientBuffer(p)[i];
        if (optimizer == ADAM && !Double.isFinite(adamSecond(squares[p][i], g))) {
            return "the square of the gradient " + layout.gradientNames()[p] + "'s entry for " + entry + " (" + g
                    + ") would overflow Adam's second moment, which would then leave " + entry + " where it is for good";
        }
        return "the update would make " + entry + " non-finite (" + updated(p, i) + ")";
    }

    /** Stripes from .. to - 1 of the gradients' pass: each stripe's largest |gradient| into largestInStripe, NaN for a NaN. */
    private void gradientStripes(int from, int to) {
        for (int s = from; s < to; s++) {
            double largest = 0;
            for (int p = 0; p < layout.paramNames().length; p++) {
                largest = Math.max(largest, Kernels.maxAbs(trainer.gradientBuffer(p), stripeStart(p, s), stripeStart(p, s + 1)));
            }
            largestInStripe[s] = largest;
        }
    }

    /**
     * Stripes from .. to - 1 of the careful pass: each entry's update computed as {@link #updateStripes}
     * computes it (the same expressions, so the same bits) and not written; the first entry whose param
     * (or Adam's second moment) would not be finite into firstBadInStripe, and the largest |w|, |velocity|
     * and second moment after the step into largestInStripe (stripe s at s + S, s + 2 S and s).
     */
    private void carefulStripes(int from, int to) {
        int stripes = stepStripes;
        for (int s = from; s < to; s++) {
            firstBadInStripe[s] = -1;
            double param = 0;
            double velocityAfter = 0;
            double square = 0;
            for (int p = 0; p < layout.paramNames().length && firstBadInStripe[s] < 0; p++) {
                double[] w = trainer.paramBuffer(p);
                double[] g = trainer.gradientBuffer(p);
                int end = stripeStart(p, s + 1);
                for (int i = stripeStart(p, s); i < end; i++) {
                    double updated;
                    if (optimizer == GD) {
                        updated = w[i] - learningRate * g[i];
                    } else if (optimizer == MOMENTUM) {
                        double v = momentumVelocity(velocity[p][i], g[i]);
                        velocityAfter = Math.max(velocityAfter, Math.abs(v));
                        updated = w[i] - learningRate * v;
                    } else {
                        double v = adamFirst(velocity[p][i], g[i]);
                        double second = adamSecond(squares[p][i], g[i]);
                        velocityAfter = Math.max(velocityAfter, Math.abs(v));
                        square = Math.max(square, second);
                        updated = w[i] - adamChange(v, second);
                    }
                    param = Math.max(param, Math.abs(updated));
                    if (!Double.isFinite(updated) || !Double.isFinite(square)) {
                        firstBadInStripe[s] = (long) p << 32 | i;
                        break;
                    }
                }
            }
            largestInStripe[s] = square;
            largestInStripe[s + stripes] = param;
            largestInStripe[s + 2 * stripes] = velocityAfter;
        }
    }

    /** Stripes from .. to - 1 of the update, which the bounds or the careful pass found finite. */
    private void updateStripes(int from, int to) {
        for (int s = from; s < to; s++) {
            for (int p = 0; p < layout.paramNames().length; p++) {
                int begin = stripeStart(p, s);
                int end = stripeStart(p, s + 1);
                if (optimizer == GD) {
                    Kernels.descend(trainer.paramBuffer(p), trainer.gradientBuffer(p), learningRate, begin, end);
                } else {
                    updateWithMoments(p, begin, end);
                }
            }
        }
    }

    /** Entry i of param p after the step, as {@link #updateStripes} computes it. */
    private double updated(int p, int i) {
        double w = trainer.paramBuffer(p)[i];
        double g = trainer.gradientBuffer(p)[i];
        return switch (optimizer) {
            case GD -> w - learningRate * g;
            case MOMENTUM -> w - learningRate * momentumVelocity(velocity[p][i], g);
            default -> w - adamChange(adamFirst(velocity[p][i], g), adamSecond(squares[p][i], g));
        };
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

    /** The largest of largestInStripe[from .. to - 1], NaN when one is: the same whichever thread count split the stripes. */
    private double largest(int from, int to) {
        double largest = 0;
        for (int s = from; s < to; s++) {
            largest = Math.max(largest, largestInStripe[s]);
        }
        return largest;
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
        double[] v = velocity[p];
        if (optimizer == MOMENTUM) {
            for (int i = begin; i < end; i++) {
                v[i] = momentumVelocity(v[i], g[i]);
                w[i] = w[i] - learningRate * v[i];
            }
        } else {
            double[] s = squares[p];
            for (int i = begin; i < end; i++) {
                v[i] = adamFirst(v[i], g[i]);
                s[i] = adamSecond(s[i], g[i]);
                w[i] = w[i] - adamChange(v[i], s[i]);
            }
        }
    }

    // The step's arithmetic per entry, which the update, the careful pass and the bounds share.
    private double momentumVelocity(double v, double g) {
        return momentumBeta * v + (1 - momentumBeta) * g;
    }

    private double adamFirst(double v, double g) {
        return adamBeta1 * v + (1 - adamBeta1) * g;
    }

    private double adamSecond(double s, double g) {
        return adamBeta2 * s + (1 - adamBeta2) * (g * g);
    }

    /**
     * Adam's change of an entry in PyTorch's order: step_size (m / (sqrt(s) / sqrt(1 - beta2^t) + eps)),
     * step_size = lr / (1 - beta1^t). The quotient is the step's direction, rarely much above 1, so the
     * product overflows only where the change itself would; lr times the corrected first moment,
     * which the order before took first, could overflow where the change would not.
     */
    private double adamChange(double v, double s) {
        return adamStepSize * (v / (Math.sqrt(s) / adamRootCorrection2 + adamEpsilon));
    }

    /**
     * A param, or an entry, was set to values of at most {@code largest} in magnitude: the bound of
     * the params takes it in (what it bounded before still bounds the others), with no pass of its own.
     */
    void paramSet(double largest) {
        paramBound = Math.max(paramBound, largest);
    }

    /** Forgets the moments (a new optimizer, or params loaded). */
    void reset() {
        adamStep = 0;
        velocity = null;
        squares = null;
        velocityBound = 0;
        squareBound = 0;
        // Params loaded, or a new optimizer: the next step measures them in a careful pass.
        paramBound = Double.POSITIVE_INFINITY;
    }
}
