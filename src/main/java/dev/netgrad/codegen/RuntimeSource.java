package dev.netgrad.codegen;

/**
 * The part of every generated class that does not depend on the network, as fixed Java source:
 * the public API around the generated forward and backward passes. It reaches the network's own
 * buffers only through the generated lookup methods ({@code paramBuffer(int)} and so on) and the
 * generated tables ({@code PARAM_NAMES}, {@code VALUE_ROWS}, ...), so it never names a spec value.
 */
final class RuntimeSource {
    private RuntimeSource() {
    }

    static final String SOURCE = """
            class Runtime {
                /** Called by {@link #fit} after every epoch. */
                public interface Progress {
                    /** {@code epoch} counts from 1; {@code cost} is the epoch's mean cost over its mini-batches (weighted by their sizes). */
                    void onEpoch(int epoch, double cost);
                }

                private static final int GD = 0;
                private static final int MOMENTUM = 1;
                private static final int ADAM = 2;
                private static final String[] OPTIMIZERS = {"gd", "momentum", "adam"};

                private final SplittableRandom random;
                private boolean hasSpareGaussian;
                private double spareGaussian;
                /** The batch size of the values in the buffers (0 before the first batch). */
                private int m;
                /** How many examples the per-batch buffers can hold; they grow, never shrink. */
                private int capacity;
                private double oneOverM;
                private double[] packed = new double[0];
                private boolean hasGradients;
                private double[][][] fixedMasks;
                private int optimizer;
                private double learningRate;
                private double beta;
                private double beta1;
                private double beta2;
                private double epsilon;
                private int adamStep;
                private double[][] velocity;
                private double[][] squares;
                private long stepCount;
                private int threads = 1;

                /** Returns a copy of a param, r x c. */
                public double[][] getParam(String name) {
                    int p = paramIndex(name);
                    return toRows(paramBuffer(p), PARAM_ROWS[p], PARAM_COLS[p]);
                }

                /** Replaces a param by a copy of {@code value}, which must have the param's shape and finite entries. */
                public void setParam(String name, double[][] value) {
                    int p = paramIndex(name);
                    double[] flat = flatten("param " + name, value, PARAM_ROWS[p], PARAM_COLS[p]);
                    System.arraycopy(flat, 0, paramBuffer(p), 0, flat.length);
                }

                /** Runs the forward and backward passes on a batch (one example per row) and returns the cost J. */
                public double costAndGradients(double[][] x, double[][] y) {
                    loadBatch(x, y);
                    prepareMasks();
                    forward();
                    backward();
                    hasGradients = true;
                    return currentCost();
                }

                /** Runs the forward pass alone on a batch and returns the cost J; the gradients are left as they were. */
                public double cost(double[][] x, double[][] y) {
                    loadBatch(x, y);
                    prepareMasks();
                    forward();
                    return currentCost();
                }

                /** dJ/dP of the last {@link #costAndGradients}, r x c. */
                public double[][] gradient(String param) {
                    int p = paramIndex(param);
                    requireGradients();
                    return toRows(gradientBuffer(p), PARAM_ROWS[p], PARAM_COLS[p]);
                }

                /** A value of the last forward pass (an input, a target or a statement's result), in the equations' layout. */
                public double[][] value(String name) {
                    int v = indexOf(VALUE_NAMES, name);
                    if (v < 0) {
                        throw new IllegalArgumentException(NETWORK + " has no value named " + name + "; its values are " + String.join(", ", VALUE_NAMES));
                    }
                    requireBatch();
                    return toRows(valueBuffer(v), side(VALUE_ROWS[v]), side(VALUE_COLS[v]));
                }

                /** A derived value of the last {@link #costAndGradients} (such as dZ2 or dW1), in the equations' layout. */
                public double[][] delta(String name) {
                    int d = indexOf(DELTA_NAMES, name);
                    if (d < 0) {
                        throw new IllegalArgumentException(NETWORK + " has no derivative named " + name + "; its derivatives are " + String.join(", ", DELTA_NAMES));
                    }
                    requireGradients();
                    return toRows(deltaBuffer(d), side(DELTA_ROWS[d]), side(DELTA_COLS[d]));
                }

                /** The per-example losses (1 x m) of the last forward pass. */
                public double[] losses() {
                    requireBatch();
                    return Arrays.copyOf(valueBuffer(indexOf(VALUE_NAMES, LOSS_NAME)), m);
                }

                /**
                 * Fixes the dropout keep-masks (0/1, in the equations' layout, keyed by the value each dropout
                 * assigns) for the following calls, until {@link #clearMasks}; one is needed for every dropout.
                 */
                public void setMasks(Map<String, double[][]> masks) {
                    double[][][] fixed = new double[MASK_NAMES.length][][];
                    for (Map.Entry<String, double[][]> e : masks.entrySet()) {
                        int k = indexOf(MASK_NAMES, e.getKey());
                        if (k < 0) {
                            throw new IllegalArgumentException(NETWORK + " has no dropout mask named " + e.getKey()
                                    + (MASK_NAMES.length == 0 ? "; it has no dropout" : "; its masks are " + String.join(", ", MASK_NAMES)));
                        }
                        fixed[k] = copyRows("the mask of " + e.getKey(), e.getValue());
                    }
                    for (int k = 0; k < MASK_NAMES.length; k++) {
                        if (fixed[k] == null) {
                            throw new IllegalArgumentException("setMasks needs a mask for every dropout of " + NETWORK + ": " + MASK_NAMES[k] + " is missing");
                        }
                    }
                    fixedMasks = fixed;
                }

                /** Returns to drawing a fresh dropout mask for every batch. */
                public void clearMasks() {
                    fixedMasks = null;
                }

                /**
                 * Chooses the optimizer: {@code gd}, {@code momentum} (uses {@code beta}) or {@code adam} (uses
                 * {@code beta1}, {@code beta2}, {@code eps}, with bias correction); resets its state.
                 */
                public void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps) {
                    int k = Arrays.asList(OPTIMIZERS).indexOf(kind);
                    if (k < 0) {
                        throw new IllegalArgumentException("unknown optimizer " + kind + "; use gd, momentum or adam");
                    }
                    if (!(lr > 0) || Double.isInfinite(lr)) {
                        throw new IllegalArgumentException("the learning rate must be a positive number, found " + lr);
                    }
                    requireFraction("beta", beta);
                    requireFraction("beta1", beta1);
                    requireFraction("beta2", beta2);
                    if (!(eps > 0) || Double.isInfinite(eps)) {
                        throw new IllegalArgumentException("eps must be a positive number, found " + eps);
                    }
                    this.optimizer = k;
                    this.learningRate = lr;
                    this.beta = beta;
                    this.beta1 = beta1;
                    this.beta2 = beta2;
                    this.epsilon = eps;
                    resetOptimizer();
                }

                /** Applies one optimizer step with the gradients of the last {@link #costAndGradients}. */
                public void step() {
                    requireGradients();
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        int bad = firstNonFinite(gradientBuffer(p), PARAM_ROWS[p] * PARAM_COLS[p]);
                        if (bad >= 0) {
                            throw nonFinite("the gradient " + GRADIENT_NAMES[p] + " has a non-finite entry (" + gradientBuffer(p)[bad] + ")", true);
                        }
                    }
                    if (optimizer != GD && velocity == null) {
                        velocity = new double[PARAM_NAMES.length][];
                        squares = new double[PARAM_NAMES.length][];
                        for (int p = 0; p < PARAM_NAMES.length; p++) {
                            velocity[p] = new double[PARAM_ROWS[p] * PARAM_COLS[p]];
                            squares[p] = new double[PARAM_ROWS[p] * PARAM_COLS[p]];
                        }
                    }
                    if (optimizer == ADAM) {
                        adamStep++;
                    }
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        update(p);
                    }
                    for (int p = 0; p < PARAM_NAMES.length; p++) {
                        int bad = firstNonFinite(paramBuffer(p), PARAM_ROWS[p] * PARAM_COLS[p]);
                        if (bad >= 0) {
                            throw nonFinite("the update made " + PARAM_NAMES[p] + " non-finite (" + paramBuffer(p)[bad] + ")", false);
                        }
                    }
                    stepCount++;
                }

                /** {@link #costAndGradients} then {@link #step}; stops with an exception on a non-finite cost or gradient. */
                public double trainStep(double[][] x, double[][] y) {
                    loadBatch(x, y);
                    return trainLoadedBatch();
                }

                /**
                 * Trains for {@code epochs} epochs. {@code batchSize <= 0} (or at least the number of examples)
                 * means full batch, in the data's order; otherwise each epoch visits mini-batches of a fresh
                 * seeded shuffle. {@code progress} may be null.
                 */
                public void fit(double[][] x, double[][] y, int epochs, int batchSize, Progress progress) {
                    int n = checkData(x, y);
                    if (epochs < 0) {
                        throw new IllegalArgumentException("epochs must not be negative, found " + epochs);
                    }
                    int[] order = new int[n];
                    for (int i = 0; i < n; i++) {
                        order[i] = i;
                    }
                    boolean fullBatch = batchSize <= 0 || batchSize >= n;
                    if (fullBatch) {
                        loadRows(x, y, order, 0, n);
                    }
                    for (int epoch = 1; epoch <= epochs; epoch++) {
                        double epochCost;
                        if (fullBatch) {
                            epochCost = trainLoadedBatch();
                        } else {
                            shuffle(order);
                            double total = 0.0;
                            for (int from = 0; from < n; from += batchSize) {
                                int count = Math.min(batchSize, n - from);
                                loadRows(x, y, order, from, count);
                                total += trainLoadedBatch() * count;
                            }
                            epochCost = total / n;
                        }
                        if (progress != null) {
                            progress.onEpoch(epoch, epochCost);
                        }
                    }
                }

                /** The output for each example, one row per example, with dropout off. */
                public double[][] predict(double[][] x) {
                    int count = checkInputs(x);
                    ensureBatch(count);
                    loadInputs(x, null, 0, count);
                    predictForward();
                    int o = indexOf(VALUE_NAMES, OUTPUT_NAME);
                    double[] out = valueBuffer(o);
                    int rows = side(VALUE_ROWS[o]);
                    double[][] result = new double[count][rows];
                    for (int r = 0; r < rows; r++) {
                        for (int e = 0; e < count; e++) {
                            result[e][r] = out[r * count + e];
                        }
                    }
                    return result;
                }

                /** Spreads big batches over {@code threads} cores (accepted; one core is used for now). */
                public void setThreads(int threads) {
                    if (threads < 1) {
                        throw new IllegalArgumentException("threads must be at least 1, found " + threads);
                    }
                    this.threads = threads;
                }

                private double trainLoadedBatch() {
                    prepareMasks();
                    forward();
                    backward();
                    hasGradients = true;
                    double cost = currentCost();
                    if (!Double.isFinite(cost)) {
                        throw nonFinite("the cost is " + cost, true);
                    }
                    step();
                    return cost;
                }

                private IllegalStateException nonFinite(String what, boolean paramsUnchanged) {
                    return new IllegalStateException(NETWORK + ": training stopped at step " + (stepCount + 1) + ": " + what
                            + ". The learning rate (" + learningRate + ", " + OPTIMIZERS[optimizer] + ") may be too large, or the data"
                            + " may hold huge or non-finite values." + (paramsUnchanged ? " The params are left as they were before this step." : ""));
                }

                private void update(int p) {
                    double[] w = paramBuffer(p);
                    double[] g = gradientBuffer(p);
                    int n = PARAM_ROWS[p] * PARAM_COLS[p];
                    if (optimizer == GD) {
                        for (int i = 0; i < n; i++) {
                            w[i] = w[i] - learningRate * g[i];
                        }
                    } else if (optimizer == MOMENTUM) {
                        double[] v = velocity[p];
                        for (int i = 0; i < n; i++) {
                            v[i] = beta * v[i] + (1 - beta) * g[i];
                            w[i] = w[i] - learningRate * v[i];
                        }
                    } else {
                        double[] v = velocity[p];
                        double[] s = squares[p];
                        double correction1 = 1 - Math.pow(beta1, adamStep);
                        double correction2 = 1 - Math.pow(beta2, adamStep);
                        for (int i = 0; i < n; i++) {
                            v[i] = beta1 * v[i] + (1 - beta1) * g[i];
                            s[i] = beta2 * s[i] + (1 - beta2) * (g[i] * g[i]);
                            double vCorrected = v[i] / correction1;
                            double sCorrected = s[i] / correction2;
                            w[i] = w[i] - learningRate * vCorrected / (Math.sqrt(sCorrected) + epsilon);
                        }
                    }
                }

                /** The index of the first NaN or infinite entry, or -1. */
                private static int firstNonFinite(double[] values, int n) {
                    for (int i = 0; i < n; i++) {
                        if (!Double.isFinite(values[i])) {
                            return i;
                        }
                    }
                    return -1;
                }

                private void resetOptimizer() {
                    adamStep = 0;
                    velocity = null;
                    squares = null;
                }

                private static void requireFraction(String what, double value) {
                    if (!(value >= 0 && value < 1)) {
                        throw new IllegalArgumentException(what + " must be in [0, 1), found " + value);
                    }
                }

                private double currentCost() {
                    return valueBuffer(indexOf(VALUE_NAMES, COST_NAME))[0];
                }

                private void prepareMasks() {
                    for (int k = 0; k < MASK_NAMES.length; k++) {
                        double[] mask = maskBuffer(k);
                        int rows = side(MASK_ROWS[k]);
                        int cols = side(MASK_COLS[k]);
                        if (fixedMasks != null) {
                            double[][] fixed = fixedMasks[k];
                            if (fixed.length != rows || fixed[0].length != cols) {
                                throw new IllegalArgumentException("the fixed mask of " + MASK_NAMES[k] + " is " + fixed.length + " x "
                                        + fixed[0].length + ", but this batch needs " + rows + " x " + cols);
                            }
                            for (int r = 0; r < rows; r++) {
                                System.arraycopy(fixed[r], 0, mask, r * cols, cols);
                            }
                        } else {
                            double keep = MASK_KEEP[k];
                            for (int i = 0; i < rows * cols; i++) {
                                mask[i] = random.nextDouble() < keep ? 1.0 : 0.0;
                            }
                        }
                    }
                }

                private int paramIndex(String name) {
                    int p = indexOf(PARAM_NAMES, name);
                    if (p < 0) {
                        throw new IllegalArgumentException(NETWORK + " has no param named " + name + "; its params are " + String.join(", ", PARAM_NAMES));
                    }
                    return p;
                }

                private static int indexOf(String[] names, String name) {
                    for (int i = 0; i < names.length; i++) {
                        if (names[i].equals(name)) {
                            return i;
                        }
                    }
                    return -1;
                }

                /** A side of a shape: a size, or -1 for the batch size m. */
                private int side(int size) {
                    return size < 0 ? m : size;
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
                }

                /** rows * size entries, refused when no Java array can hold them. */
                private static int cells(int rows, int size) {
                    long n = (long) rows * size;
                    if (n > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("a batch of " + size + " examples needs " + n + " entries per value, more than a Java array can hold; use smaller batches");
                    }
                    return (int) n;
                }

                private void loadBatch(double[][] x, double[][] y) {
                    int count = checkData(x, y);
                    ensureBatch(count);
                    loadInputs(x, y, 0, count);
                }

                private void loadRows(double[][] x, double[][] y, int[] order, int from, int count) {
                    ensureBatch(count);
                    double[] in = inputBuffer();
                    double[] target = targetBuffer();
                    for (int e = 0; e < count; e++) {
                        double[] row = x[order[from + e]];
                        for (int f = 0; f < INPUT_SIZE; f++) {
                            in[f * count + e] = row[f];
                        }
                        if (TARGET_SIZE > 0) {
                            double[] t = y[order[from + e]];
                            for (int f = 0; f < TARGET_SIZE; f++) {
                                target[f * count + e] = t[f];
                            }
                        }
                    }
                }

                /** Copies rows {@code from .. from + count} of x (and y, when given) into the buffers, one column per example. */
                private void loadInputs(double[][] x, double[][] y, int from, int count) {
                    double[] in = inputBuffer();
                    double[] target = targetBuffer();
                    for (int e = 0; e < count; e++) {
                        for (int f = 0; f < INPUT_SIZE; f++) {
                            in[f * count + e] = x[from + e][f];
                        }
                        if (y != null && TARGET_SIZE > 0) {
                            for (int f = 0; f < TARGET_SIZE; f++) {
                                target[f * count + e] = y[from + e][f];
                            }
                        }
                    }
                }

                private static int checkInputs(double[][] x) {
                    if (x == null || x.length == 0) {
                        throw new IllegalArgumentException("x must hold at least one example (one per row)");
                    }
                    for (int e = 0; e < x.length; e++) {
                        if (x[e] == null || x[e].length != INPUT_SIZE) {
                            throw new IllegalArgumentException("x[" + e + "] has " + (x[e] == null ? "no" : String.valueOf(x[e].length)) + " values, but "
                                    + NETWORK + "'s input " + INPUT_NAME + " has " + INPUT_SIZE + " (one per feature)");
                        }
                    }
                    return x.length;
                }

                private static int checkData(double[][] x, double[][] y) {
                    int count = checkInputs(x);
                    if (TARGET_SIZE == 0) {
                        return count;
                    }
                    if (y == null || y.length != count) {
                        throw new IllegalArgumentException("x has " + count + " examples (rows) but y has " + (y == null ? "none" : String.valueOf(y.length)));
                    }
                    for (int e = 0; e < count; e++) {
                        if (y[e] == null || y[e].length != TARGET_SIZE) {
                            throw new IllegalArgumentException("y[" + e + "] has " + (y[e] == null ? "no" : String.valueOf(y[e].length)) + " values, but "
                                    + NETWORK + "'s target " + TARGET_NAME + " has " + TARGET_SIZE);
                        }
                    }
                    return count;
                }

                private void shuffle(int[] order) {
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                }

                /** A standard normal number (Marsaglia's polar method, with StrictMath so that every platform draws the same). */
                private double gaussian() {
                    if (hasSpareGaussian) {
                        hasSpareGaussian = false;
                        return spareGaussian;
                    }
                    double u;
                    double v;
                    double s;
                    do {
                        u = 2 * random.nextDouble() - 1;
                        v = 2 * random.nextDouble() - 1;
                        s = u * u + v * v;
                    } while (s >= 1 || s == 0);
                    double factor = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
                    spareGaussian = v * factor;
                    hasSpareGaussian = true;
                    return u * factor;
                }

                private void fillGaussian(double[] w, double scale) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] = gaussian() * scale;
                    }
                }

                private void fillUniform(double[] w, double low, double high) {
                    for (int i = 0; i < w.length; i++) {
                        w[i] = low + (high - low) * random.nextDouble();
                    }
                }

                private static double[][] toRows(double[] flat, int rows, int cols) {
                    double[][] out = new double[rows][cols];
                    for (int r = 0; r < rows; r++) {
                        System.arraycopy(flat, r * cols, out[r], 0, cols);
                    }
                    return out;
                }

                /** A rectangular copy of {@code value}, refused with a message naming {@code what} when it is not. */
                private static double[][] copyRows(String what, double[][] value) {
                    if (value == null || value.length == 0 || value[0] == null || value[0].length == 0) {
                        throw new IllegalArgumentException(what + " is empty");
                    }
                    double[][] out = new double[value.length][];
                    for (int r = 0; r < value.length; r++) {
                        if (value[r] == null || value[r].length != value[0].length) {
                            throw new IllegalArgumentException(what + " is not rectangular: row " + r + " differs in length from row 0");
                        }
                        out[r] = value[r].clone();
                    }
                    return out;
                }

                private static double[] flatten(String what, double[][] value, int rows, int cols) {
                    double[][] copy = copyRows(what, value);
                    if (copy.length != rows || copy[0].length != cols) {
                        throw new IllegalArgumentException(what + " must be " + rows + " x " + cols + ", found " + copy.length + " x " + copy[0].length);
                    }
                    double[] flat = new double[rows * cols];
                    for (int r = 0; r < rows; r++) {
                        for (int c = 0; c < cols; c++) {
                            if (!Double.isFinite(copy[r][c])) {
                                throw new IllegalArgumentException(what + " has a non-finite entry at [" + r + "][" + c + "]: " + copy[r][c]);
                            }
                            flat[r * cols + c] = copy[r][c];
                        }
                    }
                    return flat;
                }
            }
            """;
}
