package dev.netgrad.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * What every generated trainer shares, written once: the public API around the generated passes
 * (params, costs and gradients, optimizers, fit, predict, dropout masks, params files), the loading
 * of batches and the passes that sum gradients over parts of a batch. Its parts each have a class of
 * their own: {@link ArgumentChecks} (what the trainer is given), {@link OptimizerStep}, {@link
 * BatchnormAverages}, {@link DropoutMasks}, {@link RandomDraws}, {@link GradientsInParts} (the sums'
 * checks and arithmetic), {@link EpochLoop} (fit's epochs), {@link ChunkedEvaluation}, {@link
 * NamedBuffers} (buffers found by name and copied out), {@link InputStandardization} and {@link
 * ParamsJson} (params files as JSON written and read by hand, java.base alone). A generated subclass
 * holds only its network: its buffers, the initialization of its params, its forward and backward
 * passes, and the lookups from an index in its {@link Layout} to a buffer. This class never names a
 * spec value. A trainer serves one thread at a time ({@link OneThreadAtATime}): a public call from
 * another thread while one is under way is refused with an IllegalStateException, before it touches
 * anything.
 */
public abstract class NetworkTrainer implements Trainer {
    /** Called by {@link #fit} after every epoch. */
    public interface Progress {
        /** {@code epoch} counts from 1; {@code cost} is the epoch's mean cost over its mini-batches (weighted by their sizes). */
        void onEpoch(int epoch, double cost);

        /**
         * Asked after every mini-batch but an epoch's last: true ends {@link #fit} there, the epoch
         * left partial and not reported, the params those of the step just done. For a program that
         * must stop before a long epoch ends (its process asked to end, say).
         */
        default boolean stopWithinEpoch() {
            return false;
        }
    }

    /**
     * The most threads {@link #setThreads} takes: a step's shared work is cut into 4 chunks a
     * thread, whose indices {@code Helpers} keeps in 16 bits, and beyond the cores threads only
     * wait on each other.
     */
    public static final int MAX_THREADS = 1024;
    /** The default weight of the old running average of a batchnorm's statistics (see {@link #setBatchnormMomentum}). */
    public static final double BATCHNORM_MOMENTUM = 0.9;
    /**
     * The most examples {@link #evaluationCost(double[][], double[][])} passes at once: the buffers
     * grow to the largest batch they are given and hold every value of the network for each example,
     * so a whole training set in one pass could need many times the memory training did.
     */
    public static final int EVALUATION_CHUNK = 4096;
    /**
     * How far from 1 a softmax cross-entropy's target row may sum: probabilities written in decimal
     * add up to 1 only to rounding (see {@link #sumUnlessOne}).
     */
    private static final double UNIT_SUM_SLACK = 1e-12;

    private final Layout layout;
    /** Where the cost J is in the layout's values: looked up once, not by name every step. */
    private final int costValue;
    private final ArgumentChecks checks;
    private final ParamsJson paramsJson;
    /** The optimizer in use, its state, and its step over the params. */
    private final OptimizerStep optimizerStep;
    private final BatchnormAverages batchnorms;
    /** Draws the params' initial values, dropout masks and the shuffles of mini-batches. */
    private final RandomDraws draws;
    private final DropoutMasks masks;
    private final GradientsInParts inParts;
    private final NamedBuffers named;
    private final ChunkedEvaluation evaluation;
    private final EpochLoop epochLoop;
    /** Refuses a call while another thread's is in the trainer, whose buffers both would use. */
    private final OneThreadAtATime inUse;
    /** The batch size m of the values in the buffers (0 before the first batch). */
    protected int m;
    /** How many examples the per-batch buffers can hold; they grow, never shrink. */
    private int capacity;
    /** How many batches have been put in the buffers: fit's full batch is loaded again when another came since. */
    private long batchesLoaded;
    /**
     * The cost's 1/m, which the derivation proves to appear exactly once on every path from the
     * cost to a param: 1 while {@link #accumulateSums} sums the examples' gradients, 0 while the
     * penalty's gradient is computed alone (a sum(L) has no such 1/m).
     */
    protected double oneOverM;
    /**
     * m as the equations read it outside the cost's 1/m (the regularizer's lambda / m, batchnorm's
     * means): +infinity while {@link #accumulateSums} runs, which turns every lambda / m into 0, and
     * the whole batch's m while {@link #gradientsFromSums} computes the penalty.
     */
    protected double batchSize;
    private boolean hasGradients;
    /** Whether the losses and the derivatives in the buffers belong to the batch they hold now. */
    private boolean lossesCurrent;
    private boolean deltasCurrent;
    /** What standardize applies, per input feature (none until a params file or setStandardization gives it). */
    private final InputStandardization standardization;
    /** Matrix products, on every core by default (for products big enough to gain). */
    protected final MatrixProducts products = new MatrixProducts(Math.min(Runtime.getRuntime().availableProcessors(), MAX_THREADS));
    /** Whether to share each step's work, measured while training; null once setThreads fixed the count. */
    private SharingTuner sharingTuner = new SharingTuner();
    /**
     * The batch's inputs and targets as the rows they were given: the targets are copied into their
     * columns at once; the inputs too, unless only products read them ({@link #inputOnlyInProducts}),
     * which then read the rows themselves.
     */
    private final BatchRows inputRows = new BatchRows();
    private final BatchRows targetRows = new BatchRows();
    /** Convolutions and pools, sharing their work with the threads of {@link #products}. */
    protected final ImageKernels images = new ImageKernels(products);

    /**
     * A trainer of the network that {@code layout} describes, its random generator seeded with
     * {@code seed}; the subclass then initializes its params with {@link #fillGaussian} and the like.
     */
    protected NetworkTrainer(Layout layout, long seed) {
        this(layout, Batchnorms.NONE, seed);
    }

    /**
     * A trainer of a network with batchnorms, whose running statistics it keeps while training.
     * The optimizer's step is handed this trainer before the subclass's fields exist; it only keeps
     * the reference, and reads the buffers no sooner than the first step (javac 21 and later warn of
     * the escape, which -Werror would make an error).
     */
    @SuppressWarnings("this-escape")
    protected NetworkTrainer(Layout layout, Batchnorms batchnorms, long seed) {
        this.layout = layout;
        this.costValue = NamedBuffers.indexOf(layout.valueNames, layout.costName);
        this.checks = new ArgumentChecks(layout);
        this.batchnorms = new BatchnormAverages(layout, batchnorms);
        this.standardization = new InputStandardization(layout, checks);
        this.paramsJson = new ParamsJson(layout, this.batchnorms, checks, standardization);
        this.optimizerStep = new OptimizerStep(this, layout, products);
        this.draws = new RandomDraws(seed);
        this.masks = new DropoutMasks(layout);
        this.inParts = new GradientsInParts(layout);
        this.named = new NamedBuffers(layout);
        this.evaluation = new ChunkedEvaluation(layout, checks, inParts);
        this.epochLoop = new EpochLoop(checks, this.batchnorms, draws);
        this.inUse = new OneThreadAtATime(layout.network);
        products.readRowsOf(inputRows);
    }

    /**
     * A network's batchnorms: the value each assigns (its name in params files), the values that
     * hold its batch's mean and {@code sqrt(variance + eps)} (rows x 1, the variance dividing by
     * m), and its eps. Training keeps exponentially weighted averages of each batch's mean and
     * variance; prediction normalizes with them.
     */
    public record Batchnorms(String[] names, String[] meanNames, String[] stdNames, double[] eps) {
        /** No batchnorm. */
        public static final Batchnorms NONE = new Batchnorms(new String[0], new String[0], new String[0], new double[0]);
    }

    /**
     * The names and shapes of a network's values, in the equations' layout, as the generated
     * subclass declares them; a side of -1 stands for the batch size m. {@code prediction} says what
     * the output is. {@code batchCoupling} is
     * null when every value is per example and the cost can be made from a batch's parts;
     * {@code regularized} says whether the cost adds a penalty to the losses' mean or sum, {@code
     * lossesSummed} whether it is their sum (no 1/m), {@code batchPenalty} whether the penalty has a
     * term without m (the batch's, added once however many its parts); {@code epochs} and {@code
     * batch} (0 for full batches) are the spec's train settings; {@code forward} is the forward pass, a
     * line a value as {@code netgrad show} prints it, which saves record so that params are not loaded
     * into another network of the same params' names and shapes (relu where tanh trained them).
     */
    public record Layout(String network, String inputName, int inputSize, String targetName, int targetSize,
            String outputName, Prediction prediction, String lossName, String costName, String batchCoupling, boolean regularized,
            boolean lossesSummed, boolean batchPenalty, boolean unitSumTarget,
            String[] paramNames, String[] gradientNames, int[] paramRows, int[] paramCols,
            String[] valueNames, int[] valueRows, int[] valueCols,
            String[] deltaNames, int[] deltaRows, int[] deltaCols,
            String[] maskNames, int[] maskRows, int[] maskCols, double[] maskKeep, int epochs, int batch, String[] forward) {

        /**
         * Keeps copies of the tables: a generated class's public {@code PARAM_NAMES} and {@code
         * MASK_NAMES} are arrays its users can write to, which must not rename its trainers' params.
         */
        public Layout {
            paramNames = paramNames.clone();
            gradientNames = gradientNames.clone();
            paramRows = paramRows.clone();
            paramCols = paramCols.clone();
            valueNames = valueNames.clone();
            valueRows = valueRows.clone();
            valueCols = valueCols.clone();
            deltaNames = deltaNames.clone();
            deltaRows = deltaRows.clone();
            deltaCols = deltaCols.clone();
            maskNames = maskNames.clone();
            maskRows = maskRows.clone();
            maskCols = maskCols.clone();
            maskKeep = maskKeep.clone();
            forward = forward.clone();
        }

        /** The names in {@code spaced}, one space apart (a long table of a big network, written as one string). */
        public static String[] names(String spaced) {
            return spaced.split(" ");
        }

        /**
         * The lines in {@code chunks}, each chunk lines joined by a newline (a long forward pass, written as
         * a few strings: one string constant holds at most 65535 bytes).
         */
        public static String[] lines(String... chunks) {
            return Arrays.stream(chunks).flatMap(chunk -> Arrays.stream(chunk.split("\n", -1))).toArray(String[]::new);
        }

        /** The sizes in {@code spaced}, one space apart (-1 for m). */
        public static int[] sizes(String spaced) {
            String[] parts = spaced.split(" ");
            int[] out = new int[parts.length];
            for (int i = 0; i < parts.length; i++) {
                out[i] = Integer.parseInt(parts[i]);
            }
            return out;
        }
    }

    // What the generated subclass implements: its passes, its buffers and the lookups from an index in the layout's tables to a buffer.

    /** The forward pass: every value of the network, the loss and the cost. */
    protected abstract void forward();

    /** The backward pass: the derived equations, in order. */
    protected abstract void backward();

    /** The values the output needs, dropout off. */
    protected abstract void predictForward();

    /** The cost alone, from the losses in the buffers (the last step of {@link #forward}). */
    protected abstract void forwardCost();

    /**
     * The losses of the batch in the buffers as the model predicts (dropout off, batchnorm's running
     * averages), and every value the cost reads, but not the cost: {@link #forwardCost} makes it.
     */
    protected abstract void evaluationForward();

    /**
     * Whether the network's values mix the examples even as it predicts (a sum along the examples
     * that is not a batchnorm's, whose running averages do not): a row's prediction then depends on
     * the other rows of its {@link #predict} call, so a set predicted in chunks is not the set
     * predicted in one call. {@link #evaluationCost} then takes the whole set in one pass, as
     * netgrad's predict and train's scoring do. The generator overrides it for such a network.
     */
    public boolean predictionCouplesExamples() {
        return false;
    }

    /** Allocates every per-batch buffer for batches of up to {@code size} examples. */
    protected abstract void allocate(int size);

    /** The buffer of the param at {@code index} in the layout's params, row-major. */
    protected abstract double[] paramBuffer(int index);

    /** The buffer of dJ/dP for the param at {@code index} in the layout's params, row-major. */
    protected abstract double[] gradientBuffer(int index);

    /** The buffer of the value at {@code index} in the layout's values, row-major, one column per example. */
    protected abstract double[] valueBuffer(int index);

    /** The buffer of the derivative at {@code index} in the layout's deltas, row-major. */
    protected abstract double[] deltaBuffer(int index);

    /** The buffer of the dropout keep-mask at {@code index} in the layout's masks, row-major, one column per example. */
    protected abstract double[] maskBuffer(int index);

    /** The input's buffer, {@code inputSize} x m, one column per example. */
    protected abstract double[] inputBuffer();

    /**
     * Whether the passes read the input buffer only as the right operand of {@code products}' calls
     * (B of {@code multiply}, B.T of {@code multiplyTransB}): then no step copies the batch into it,
     * the products read the batch's rows themselves ({@link BatchRows}), and {@link #value} fills it
     * when asked. The generator says so for each network; false copies every batch.
     */
    protected boolean inputOnlyInProducts() {
        return false;
    }

    /**
     * The side f of each param's square filters, in the layout's order of params, for a filter bank
     * ({@code f x f x c_in x c_out}, held as its {@code (f*f*c_in) x c_out} rows), 0 for any other
     * param: {@link #load} takes a filter bank as those rows or as the nested array {@code f x f x
     * c_in x c_out} (numpy's {@code tolist()}), as the command line's params files do. The generator
     * overrides it for a network with a filter bank; none has one otherwise.
     */
    protected int[] filterSides() {
        return new int[layout.paramNames.length];
    }

    /** The target's buffer, or null for a network without a target. */
    protected abstract double[] targetBuffer();

    @Override
    public String networkName() {
        return layout.network;
    }

    @Override
    public int inputSize() {
        return layout.inputSize;
    }

    @Override
    public int targetSize() {
        return layout.targetSize;
    }

    @Override
    public Optional<Prediction> prediction() {
        return Optional.of(layout.prediction);
    }

    @Override
    public List<String> paramNames() {
        return List.of(layout.paramNames);
    }

    @Override
    public List<String> forwardPass() {
        return List.of(layout.forward);
    }

    @Override
    public int paramRows(String param) {
        return layout.paramRows[named.paramIndex(param)];
    }

    @Override
    public int paramCols(String param) {
        return layout.paramCols[named.paramIndex(param)];
    }

    /** The names of the dropout masks (the values each dropout assigns), in the spec's order. */
    public List<String> maskNames() {
        return List.of(layout.maskNames);
    }

    /** The input's name in the spec. */
    public String inputName() {
        return layout.inputName;
    }

    /** The target's name in the spec, or null for a network without a target. */
    public String targetName() {
        return layout.targetName;
    }

    /** The output's name in the spec (what {@link #predict} returns). */
    public String outputName() {
        return layout.outputName;
    }

    @Override
    public Optional<String> batchCoupling() {
        return Optional.ofNullable(layout.batchCoupling);
    }

    @Override
    public void reseedMasks(long seed) {
        boolean entered = inUse.enter("reseedMasks");
        try {
            draws.reseed(seed);
        } finally {
            inUse.leave(entered);
        }
    }

    @Override
    public void accumulateSums(double[][] x, double[][] y, GradientSums sums) {
        boolean entered = inUse.enter("accumulateSums");
        try {
            inParts.checkPart(sums);
            loadBatch(x, y, true);
            masks.prepare(this, draws);
            if (layout.batchPenalty) {
                // The penalty's terms without m, which the pass below adds, kept to be taken out of its gradients.
                penaltyPass(Double.POSITIVE_INFINITY, false);
                inParts.keepPenalty(this);
            }
            // The examples' gradients summed, not averaged, and without the terms of the penalty divided by m (gradientsFromSums adds it once).
            oneOverM = 1.0;
            batchSize = Double.POSITIVE_INFINITY;
            try {
                forward();
                backward();
            } finally {
                restoreBatchScale();
            }
            hasGradients = false;
            lossesCurrent = true;
            deltasCurrent = false;
            inParts.addPart(this, sums);
        } finally {
            inUse.leave(entered);
        }
    }

    @Override
    public double gradientsFromSums(GradientSums sums) {
        boolean entered = inUse.enter("gradientsFromSums");
        try {
            inParts.checkWhole(sums);
            double count = sums.count();
            double scale = layout.lossesSummed ? 1.0 : 1.0 / count;
            double cost = scale * sums.lossSum();
            double penalty = penaltyPass(count, layout.regularized);
            if (layout.regularized) {
                cost += penalty;
            }
            inParts.addScaled(this, sums, scale);
            hasGradients = true;
            lossesCurrent = false;
            deltasCurrent = false;
            batchnorms.forgetBatch();
            return cost;
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * The penalty's gradient alone, into the gradient buffers, and its cost if {@code withCost}
     * (NaN otherwise), with the penalty's m {@code penaltyM} (+infinity: its terms divided by m are
     * 0). The gradient is the passes over a batch of no example, whose sums over the examples are 0,
     * with the cost's 1/m 0: the forward pass first, which computes the values of params alone that
     * a penalty may read (on a trainer that never had a batch, Spark's driver, nothing else had). The
     * cost is then the one of the batch in the buffers (one example of zeros on such a trainer) less
     * its losses. The examples in the buffers are left as they were.
     */
    private double penaltyPass(double penaltyM, boolean withCost) {
        int examples = m;
        try {
            m = 0;
            oneOverM = 0.0;
            batchSize = penaltyM;
            forward();
            backward();
            m = examples;
            if (!withCost) {
                return Double.NaN;
            }
            if (m == 0) {
                ensureBatch(1);
            }
            return penaltyCost(penaltyM);
        } finally {
            // Back to the batch in the buffers, also when a pass over no example threw.
            if (m == 0) {
                m = examples;
            }
            restoreBatchScale();
        }
    }

    @Override
    public GradientSums newSums() {
        return inParts.newSums();
    }

    /** The cost's 1/m and the equations' m of the batch in the buffers, after a pass over sums changed them. */
    private void restoreBatchScale() {
        oneOverM = m == 0 ? 0.0 : 1.0 / m;
        batchSize = m;
    }

    @Override
    public double[][] getParam(String name) {
        boolean entered = inUse.enter("getParam");
        try {
            return named.param(this, named.paramIndex(name));
        } finally {
            inUse.leave(entered);
        }
    }

    @Override
    public void setParam(String name, double[][] value) {
        boolean entered = inUse.enter("setParam");
        try {
            int p = named.paramIndex(name);
            double[] flat = ArgumentChecks.flatten("param " + name, value, layout.paramRows[p], layout.paramCols[p]);
            System.arraycopy(flat, 0, paramBuffer(p), 0, flat.length);
            optimizerStep.paramSet(Kernels.maxAbs(flat, 0, flat.length));
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Sets the entry of a param at {@code row} and {@code col} (from 0) to {@code value}, which must be finite,
     * leaving the others as they are: a step of finite differences costs no copy of the whole param, as
     * {@link #setParam} would make.
     */
    public void setParamEntry(String name, int row, int col, double value) {
        boolean entered = inUse.enter("setParamEntry");
        try {
            int p = named.paramIndex(name);
            ArgumentChecks.entry("param " + name, row, col, value, layout.paramRows[p], layout.paramCols[p]);
            paramBuffer(p)[row * layout.paramCols[p] + col] = value;
            optimizerStep.paramSet(Math.abs(value));
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Runs the forward and backward passes on a batch (one example per row) and returns the cost J.
     * A NaN or infinite feature or target is refused, as by every call that takes a batch.
     */
    @Override
    public double costAndGradients(double[][] x, double[][] y) {
        boolean entered = inUse.enter("costAndGradients");
        try {
            loadBatch(x, y, true);
            return passesOnLoadedBatch();
        } finally {
            inUse.leave(entered);
        }
    }

    /** The loaded batch's masks drawn, its forward and backward passes (its batchnorms' statistics kept for the step); returns J. */
    private double passesOnLoadedBatch() {
        masks.prepare(this, draws);
        forward();
        batchnorms.captureBatch(this, layout.valueNames);
        backward();
        hasGradients = true;
        lossesCurrent = true;
        deltasCurrent = true;
        return currentCost();
    }

    /** Runs the forward pass alone on a batch and returns the cost J; the gradients are left as they were. A NaN or infinite feature or target is refused. */
    public double cost(double[][] x, double[][] y) {
        boolean entered = inUse.enter("cost");
        try {
            loadBatch(x, y, false);
            masks.prepare(this, draws);
            forward();
            lossesCurrent = true;
            return currentCost();
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * The cost J of the model as it predicts, as a validation set is scored: dropout off and
     * batchnorm's running averages, as in {@link #predict}, the penalty as J adds it, with the set's
     * m. Unlike {@link #cost}, the training objective (under random masks, with the batch's own
     * statistics), it does not depend on mask draws, and a set of one example has a cost. The set
     * passes {@value #EVALUATION_CHUNK} examples at a time (see {@link #evaluationCost(double[][],
     * double[][], int)}). A NaN or infinite feature or target is refused; the gradients, the
     * running averages and the random draws are left as they were.
     */
    public double evaluationCost(double[][] x, double[][] y) {
        return evaluationCost(x, y, EVALUATION_CHUNK);
    }

    /**
     * As {@link #evaluationCost(double[][], double[][])}, passing at most {@code chunk} examples at once
     * (1 or more): the buffers hold every value of the network for each example passed. The losses are
     * summed over the chunks, the 1/m and the penalty applied once; equal to one pass up to the order of
     * the additions. A network whose values mix the examples even as it predicts
     * ({@link #predictionCouplesExamples}) takes the set in one pass whatever the chunk. Allocates nothing
     * once the buffers hold a chunk.
     */
    public double evaluationCost(double[][] x, double[][] y, int chunk) {
        boolean entered = inUse.enter("evaluationCost");
        try {
            return evaluation.cost(this, x, y, chunk);
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * The penalty of the batch in the buffers with the penalty's m {@code penaltyM}: its cost less
     * its losses' part (the generated cost divides their sum by m itself for a mean, not for a sum).
     * {@link #penaltyPass} takes it with the whole batch's m, {@link #evaluationCost} with the set's
     * from its last chunk. The batch's scale is put back after.
     */
    double penaltyCost(double penaltyM) {
        try {
            batchSize = penaltyM;
            forwardCost();
            double losses = inParts.lossSum(this);
            return currentCost() - (layout.lossesSummed ? losses : losses / m);
        } finally {
            restoreBatchScale();
        }
    }

    @Override
    public double[][] gradient(String param) {
        boolean entered = inUse.enter("gradient");
        try {
            int p = named.paramIndex(param);
            requireGradients();
            return named.gradient(this, p);
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * A value of the last forward pass (an input, a target or a statement's result), in the equations'
     * layout. After {@link #predict}, only the values the output needs are of that batch. The input is
     * read from the rows the batch was given, as they hold now.
     */
    public double[][] value(String name) {
        boolean entered = inUse.enter("value");
        try {
            int v = named.valueIndex(name);
            requireBatch();
            if (name.equals(layout.inputName)) {
                inputRows.fill(products);
            }
            return named.value(this, v);
        } finally {
            inUse.leave(entered);
        }
    }

    /** A derived value of the last {@link #costAndGradients} (such as dZ2 or dW1), in the equations' layout. */
    public double[][] delta(String name) {
        boolean entered = inUse.enter("delta");
        try {
            int d = named.deltaIndex(name);
            if (!deltasCurrent) {
                throw new IllegalStateException("no derivatives of the current batch: call costAndGradients or trainStep first");
            }
            return named.delta(this, d);
        } finally {
            inUse.leave(entered);
        }
    }

    /** The per-example losses (1 x m) of the last {@link #costAndGradients}, {@link #cost} or {@link #trainStep}. */
    public double[] losses() {
        boolean entered = inUse.enter("losses");
        try {
            if (!lossesCurrent) {
                throw new IllegalStateException("no losses of the current batch: call costAndGradients, cost or trainStep first");
            }
            return named.losses(this);
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Fixes the dropout keep-masks (0/1, in the equations' layout, keyed by the value each dropout
     * assigns) for the following calls, until {@link #clearMasks}; one is needed for every dropout.
     */
    public void setMasks(Map<String, double[][]> masks) {
        boolean entered = inUse.enter("setMasks");
        try {
            this.masks.fix(Objects.requireNonNull(masks, "masks is null"));
        } finally {
            inUse.leave(entered);
        }
    }

    /** Returns to drawing a fresh dropout mask for every batch. */
    public void clearMasks() {
        boolean entered = inUse.enter("clearMasks");
        try {
            masks.clear();
        } finally {
            inUse.leave(entered);
        }
    }

    @Override
    public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
        int k = Arrays.asList(OptimizerStep.NAMES).indexOf(kind);
        if (k < 0) {
            throw new IllegalArgumentException("unknown optimizer " + kind + "; use gd, momentum or adam");
        }
        // The settings the kind does not use are not read, as the interface says: gd with eps 0 is gd.
        useOptimizer(switch (Optimizer.Kind.values()[k]) {
            case GD -> Optimizer.gd(lr);
            case MOMENTUM -> Optimizer.momentum(lr, beta);
            case ADAM -> Optimizer.adam(lr, beta1, beta2, eps);
        });
    }

    /** Chooses the optimizer ({@code Optimizer.adam(0.001)} and the like); resets its state. */
    public void useOptimizer(Optimizer optimizer) {
        boolean entered = inUse.enter("useOptimizer");
        try {
            optimizerStep.use(Objects.requireNonNull(optimizer, "optimizer is null"));
        } finally {
            inUse.leave(entered);
        }
    }

    /** The optimizer in use: the spec's train block's until {@link #useOptimizer} chooses another. */
    public Optimizer optimizer() {
        return optimizerStep.optimizer();
    }

    /**
     * Trains as the spec's train block says (its epochs, and its batch size or full batches; 1000
     * epochs of full batches without a train block), with the optimizer in use.
     */
    public void fit(double[][] x, double[][] y, Progress progress) {
        fit(x, y, layout.epochs, layout.batch, progress);
    }

    /**
     * Applies one optimizer step with the gradients of the last {@link #costAndGradients}. Those of
     * one example are refused by a network with a batchnorm (an IllegalStateException, as for no
     * gradients: the batch was costAndGradients's argument, which takes one example to check its
     * gradients; the step would train on a variance of 0 and average it in).
     */
    @Override
    public void step() {
        boolean entered = inUse.enter("step");
        try {
            requireGradients();
            if (batchnorms.capturedOneExample()) {
                throw new IllegalStateException(oneExampleBatch("step after costAndGradients on at least 2 examples"));
            }
            String overflow = batchnorms.nonFiniteBatch();
            if (overflow != null) {
                // The running averages would take it in for good, and prediction would normalize by it.
                throw optimizerStep.nonFinite(overflow);
            }
            optimizerStep.apply();
            batchnorms.afterStep();
            optimizerStep.stepTaken();
            if (sharingTuner != null && products.threads() > 1) {
                products.setSharing(sharingTuner.afterStep(System.nanoTime()));
            }
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * {@link #costAndGradients} then {@link #step}; stops with an exception on a non-finite cost or
     * gradient. A network with a batchnorm refuses a batch of one example, as {@link #fit} does.
     */
    public double trainStep(double[][] x, double[][] y) {
        boolean entered = inUse.enter("trainStep");
        try {
            // Not scanned for non-finite features or targets first when only products read the input: the scan
            // of a batch of 128 x 784 took 30 - 60 us, 5 - 8 % of a step, and a non-finite feature then makes a
            // param's gradient (dW1 = dZ1 @ X.T) non-finite, as a non-finite target makes the cost, which the step
            // refuses before it changes anything; it is named then. Any other read may drop it: relu(NaN) is 0
            // and a max pool passes over -Infinity, so the step trained on the batch without a word.
            int count = inputOnlyInProducts() ? checks.shapes(x, y, true) : checks.data(x, y, true);
            if (count == 1 && batchnorms.names().length > 0) {
                throw new IllegalArgumentException(oneExampleBatch("train it on batches of at least 2 examples"));
            }
            ensureBatch(count);
            loadColumns(x, y, null, 0, count);
            try {
                return trainLoadedBatch();
            } catch (IllegalStateException e) {
                checks.data(x, y, true);
                throw e;
            }
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Trains for {@code epochs} epochs (0 or more). {@code batchSize} 0 (or at least the number of
     * examples) means full batch, in the data's order; otherwise each epoch visits mini-batches of a
     * fresh seeded shuffle, and {@code progress} may end it within an epoch ({@link Progress#stopWithinEpoch}).
     * A negative {@code batchSize} is refused. {@code progress} may be null. A network with a
     * batchnorm is never fit on a batch of one example: a batch size of 1, or a single example, is
     * refused, and a last mini-batch that would hold one example joins the one before it.
     */
    public void fit(double[][] x, double[][] y, int epochs, int batchSize, Progress progress) {
        boolean entered = inUse.enter("fit");
        try {
            epochLoop.fit(this, x, y, epochs, batchSize, progress);
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * The output for each example, one row per example, with dropout off. A NaN or infinite
     * feature is refused, as netgrad predict and the Spark model refuse it: a class picked from
     * NaN outputs would look like any other. The outputs themselves are not checked: finite features
     * or params big enough to overflow a value (1e307, say) give NaN or infinite outputs, or, through
     * a sigmoid, ordinary-looking ones; netgrad predict checks every value the output is computed from.
     */
    @Override
    public double[][] predict(double[][] x) {
        boolean entered = inUse.enter("predict");
        try {
            int count = checks.finiteInputs(x);
            ensureBatch(count);
            loadColumns(x, null, null, 0, count);
            predictForward();
            return named.outputRows(this);
        } finally {
            inUse.leave(entered);
        }
    }

    /** The names of the batchnorms (the values they assign), whose running statistics params files hold. */
    public List<String> batchnormNames() {
        return List.of(batchnorms.names());
    }

    /** The running average of a batchnorm's mean, one entry per row, that prediction normalizes with. */
    public double[] runningMean(String batchnorm) {
        boolean entered = inUse.enter("runningMean");
        try {
            return batchnorms.runningMean(batchnorms.index(batchnorm)).clone();
        } finally {
            inUse.leave(entered);
        }
    }

    /** The running average of a batchnorm's variance (dividing by m, as the forward pass does), one entry per row. */
    public double[] runningVariance(String batchnorm) {
        boolean entered = inUse.enter("runningVariance");
        try {
            return batchnorms.runningVariance(batchnorms.index(batchnorm)).clone();
        } finally {
            inUse.leave(entered);
        }
    }

    /** Replaces a batchnorm's running mean and variance (finite; the variances not negative) by copies. */
    public void setRunningStatistics(String batchnorm, double[] mean, double[] variance) {
        boolean entered = inUse.enter("setRunningStatistics");
        try {
            int b = batchnorms.index(batchnorm);
            batchnorms.check("the running statistics of " + batchnorm, b, mean, variance);
            batchnorms.setRunning(b, mean, variance);
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Sets how much the running averages keep of themselves at each training step: running =
     * momentum * running + (1 - momentum) * batch's (the exponentially weighted average; default
     * {@value #BATCHNORM_MOMENTUM}, about the last ten batches). It is Keras's convention; PyTorch's
     * momentum is 1 minus this one.
     */
    public void setBatchnormMomentum(double momentum) {
        boolean entered = inUse.enter("setBatchnormMomentum");
        try {
            batchnorms.setMomentum(momentum);
        } finally {
            inUse.leave(entered);
        }
    }

    /** The weight of the old running average at each training step (see {@link #setBatchnormMomentum}). */
    public double batchnormMomentum() {
        return batchnorms.momentum();
    }

    /** Prediction's batchnorm mean: the running average, in place of the batch's. */
    protected final void useRunningMean(int batchnorm, double[] mean) {
        batchnorms.useRunningMean(batchnorm, mean);
    }

    /** Prediction's batchnorm {@code sqrt(variance + eps)}: from the running variance, in place of the batch's. */
    protected final void useRunningStd(int batchnorm, double[] std) {
        batchnorms.useRunningStd(batchnorm, std);
    }

    /**
     * Shares the rows of big matrix products among {@code threads} threads, the caller's included,
     * on every step. By default the trainer may use one per core, and measures as it trains whether
     * sharing pays on this machine (on some virtual machines one thread is faster), keeping the
     * faster; calling this fixes the count. Results do not depend on it: every entry is summed in
     * the same order. At most {@value #MAX_THREADS}.
     */
    public void setThreads(int threads) {
        boolean entered = inUse.enter("setThreads");
        try {
            // Refused by the products, outside 1 to MAX_THREADS, before anything changes.
            products.setThreads(threads);
            products.setSharing(true);
            sharingTuner = null;
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * The threads the last step's work was shared among: the count set, or with the default one
     * per core, what the trainer's measurements chose (1 when sharing did not pay).
     */
    public int threadsInUse() {
        return products.threadsInUse();
    }

    /** A training step on the batch in the buffers: its passes, then the optimizer's step; returns J. */
    double trainLoadedBatch() {
        // A refused step gives back its dropout masks' draws too, so that the step after it draws what a
        // trainer that never met the refused batch draws: nothing of a refused step is left.
        draws.mark();
        try {
            double cost = passesOnLoadedBatch();
            if (!Double.isFinite(cost)) {
                // The refused batch's gradients (and its batchnorms' statistics) are not for a later step():
                // that would apply the batch this call refused. The earlier gradients, if any, are overwritten.
                hasGradients = false;
                throw optimizerStep.nonFinite("the cost is " + cost);
            }
            step();
            return cost;
        } catch (RuntimeException refused) {
            draws.rewind();
            throw refused;
        }
    }

    /** Why a network with a batchnorm does not train on a batch of one example, then what to do instead. */
    String oneExampleBatch(String instead) {
        return layout.network + " normalizes over each batch (batchnorm " + batchnorms.names()[0] + "), which a batch of one"
                + " example cannot do (its variance is 0, and nothing before the batchnorm would train): " + instead;
    }

    double currentCost() {
        return valueBuffer(costValue)[0];
    }

    private void requireBatch() {
        if (m == 0) {
            throw new IllegalStateException("no batch yet: call costAndGradients, cost, trainStep or predict first");
        }
    }

    private void requireGradients() {
        if (!hasGradients) {
            throw new IllegalStateException("no gradients yet: call costAndGradients or trainStep first");
        }
    }

    /** Makes the per-batch buffers hold {@code size} examples; they are reallocated only to grow. */
    private void ensureBatch(int size) {
        if (size > capacity) {
            allocate(size);
            capacity = size;
        }
        m = size;
        oneOverM = 1.0 / size;
        batchSize = size;
        lossesCurrent = false;
        deltasCurrent = false;
        batchesLoaded++;
    }

    /** How many batches have been put in the buffers (fit loads its full batch again when another came since). */
    long batchesLoaded() {
        return batchesLoaded;
    }

    /** rows * size entries, refused when no Java array can hold them. */
    protected static int cells(int rows, int size) {
        long n = (long) rows * size;
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a batch of " + size + " examples needs " + n + " entries per value, more than a Java array can hold; use smaller batches");
        }
        return (int) n;
    }

    /** x and y become the batch; {@code forGradients}: the gradients will be computed (see {@link ArgumentChecks#data}). */
    private void loadBatch(double[][] x, double[][] y, boolean forGradients) {
        int count = checks.data(x, y, forGradients);
        ensureBatch(count);
        loadColumns(x, y, null, 0, count);
    }

    /** Rows {@code from .. from + count} of x and y (picked through order, when given) become the batch. */
    void loadRows(double[][] x, double[][] y, int[] order, int from, int count) {
        ensureBatch(count);
        loadColumns(x, y, order, from, count);
    }

    /**
     * Rows {@code from .. from + count} of x and y (picked through order, when given; y may be null)
     * become the batch: the targets' columns at once, the inputs' when something else than a product
     * reads them.
     */
    private void loadColumns(double[][] x, double[][] y, int[] order, int from, int count) {
        inputRows.set(x, order, from, count, layout.inputSize, inputBuffer());
        if (!inputOnlyInProducts()) {
            inputRows.fill(products);
        }
        if (y != null && layout.targetSize > 0) {
            targetRows.set(y, order, from, count, layout.targetSize, targetBuffer());
            targetRows.fill(products);
        }
    }

    /**
     * The sum of one example's target for a softmax's cross-entropy, unless it is 1 to within
     * {@link #UNIT_SUM_SLACK} (a sum that is not finite is returned too): the trainer's test, which
     * netgrad eval applies to its cases' targets as well.
     */
    public static OptionalDouble sumUnlessOne(double[] target) {
        Objects.requireNonNull(target, "target is null");
        double sum = 0;
        for (double v : target) {
            sum += v;
        }
        return Math.abs(sum - 1) <= UNIT_SUM_SLACK ? OptionalDouble.empty() : OptionalDouble.of(sum);
    }

    /** Fills {@code w} with standard normal draws of the seeded generator times {@code scale} (a spec's {@code randn}, {@code xavier}, {@code he}). */
    protected final void fillGaussian(double[] w, double scale) {
        draws.fillGaussian(w, scale);
    }

    /** Fills {@code w} with uniform draws of the seeded generator in [{@code low}, {@code high}) (a spec's {@code uniform}). */
    protected final void fillUniform(double[] w, double low, double high) {
        draws.fillUniform(w, low, high);
    }

    /**
     * Writes the params as JSON ({"network": ..., "params": {"W1": [[...], ...], ...}}, with
     * "batchnorm": {"Zn1": {"mean": [...], "variance": [...]}, ...} when the network has
     * batchnorms (their running statistics) and "standardization": {"mean": [...], "std": [...]}
     * when the trainer has one, then "forward": [...], the forward pass, a line a value, which
     * {@link #load} checks and the command line warns of when params are used through another), atomically: to a temporary file in the same folder, forced to the
     * disk, then moved over {@code file} (or over the file it links to), so that a power cut leaves
     * the old params or the new ones, never an empty file. A param or running statistic that is not
     * finite is refused with an IllegalStateException naming it (JSON has no NaN, and load would
     * refuse it). A file that is not a regular file (a folder, a pipe, a device), is on a file system
     * mounted read-only, is read-only, is another user's that this one may not write, or is kept by
     * something its mode does not show (an immutable flag) is refused, not replaced, and the message
     * says which; every failure is an IOException whose message starts with {@code file}: "p.json:
     * cannot write: REASON". A folder, or a link to one, is refused as {@code --save} refuses it,
     * never written into; a Path drops a trailing slash ({@code Path.of("out/")} is {@code out}), so
     * a folder that does not exist yet cannot be told from a file name and is written as a file.
     *
     * @throws IOException if {@code file} cannot be written, or may not be replaced; the old file is then as it was
     * @throws IllegalStateException if a param or running statistic is not finite (nothing is written)
     */
    @Override
    public void save(Path file) throws IOException {
        boolean entered = inUse.enter("save");
        try {
            Objects.requireNonNull(file, "file is null");
            AtomicWrite.writeAtomically(file, paramsJson.text(this));
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Reads params written by {@link #save}, or by the command line's {@code train --save}; a filter
     * bank may also be the nested array {@code f x f x c_in x c_out} (numpy's {@code tolist()}), as
     * the command line's {@code --params} and an {@code eval} case take it (see {@link #filterSides}).
     * A file that is not such JSON, has a key that a params
     * file does not have, or is far larger than this network's params could be written in, is
     * refused with an IOException, as is one without "params"; a file that does not name its network
     * (an eval case) is taken by its params' names and shapes. One for another network, or with a missing, extra or
     * misshapen param, is refused with an IllegalArgumentException, as is one without the running statistics of every
     * batchnorm the network has, and one whose "forward" (written by {@link #save}) says the params were
     * trained through another forward pass than this class's ({@code relu} where it has {@code tanh}: the same
     * names and shapes), naming the first line that differs; a file without it, or whose forward pass only
     * renames the values ({@code H1} for {@code A1}), loads. Nothing changes unless every param is read. Resets
     * the optimizer.
     *
     * @throws IOException if {@code file} cannot be read, is not a params file's JSON, or is far too large
     * @throws IllegalArgumentException if the params are another network's, or one is missing, extra or misshapen,
     *     or they were trained through another forward pass
     */
    @Override
    public void load(Path file) throws IOException {
        boolean entered = inUse.enter("load");
        try {
            Objects.requireNonNull(file, "file is null");
            paramsJson.load(file, this);
            optimizerStep.reset();
        } finally {
            inUse.leave(entered);
        }
    }

    /**
     * Standardizes inputs as the training run did: (x - mean) / std per feature, with the mean and
     * standard deviation that {@code netgrad train --save} stores in the params file (read by
     * {@link #load}) or that {@link #setStandardization} gave. Returns a new array; x is unchanged.
     * For raw data: {@code predict(standardize(raw))}. A NaN or infinite feature is refused, as is
     * one whose standardized value overflows (predict would then name a value the caller never had).
     */
    public double[][] standardize(double[][] x) {
        boolean entered = inUse.enter("standardize");
        try {
            return standardization.apply(x);
        } finally {
            inUse.leave(entered);
        }
    }

    /** Whether {@link #standardize} has a mean and standard deviation to apply. */
    public boolean hasStandardization() {
        return standardization.present();
    }

    /** Sets the per-feature mean and standard deviation that {@link #standardize} applies and {@link #save} writes. */
    public void setStandardization(double[] mean, double[] std) {
        boolean entered = inUse.enter("setStandardization");
        try {
            standardization.set(mean, std);
        } finally {
            inUse.leave(entered);
        }
    }
}
