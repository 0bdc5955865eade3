package dev.netgrad.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every generated trainer offers, so that the command line, the tests and the Spark
 * support use trainers without reflection. Data passes one example per row
 * ({@code double[m][n]}); params and gradients are r x c arrays of rows in the equations' layout.
 *
 * <p>Contract between the code generator and the Spark support: methods may be added,
 * the ones below keep their meaning.
 */
public interface Trainer {

    /** The network's name as the spec gives it. */
    String networkName();

    /** The number of input features a row carries (images flattened, channel last). */
    int inputSize();

    /** The number of target entries an example has (k for one-hot classes, 1 otherwise). */
    int targetSize();

    /**
     * What the output is, so what a prediction is: classes, a probability, a logit or a number.
     * Generated trainers know it from their spec; a trainer written by hand may not say.
     */
    default Optional<Prediction> prediction() {
        return Optional.empty();
    }

    /**
     * The forward pass the trainer computes, a line a value as {@code netgrad show} prints it ({@code Z1 = W1 @ X + b1}),
     * which a save records: params trained through one forward pass are refused by, or warned of, another with
     * the same params' names and shapes. Empty when the trainer does not say (one written by hand).
     */
    default List<String> forwardPass() {
        return List.of();
    }

    /** The params in the spec's order. */
    List<String> paramNames();

    /** Rows of a param in the equations' layout. */
    int paramRows(String param);

    /** Columns of a param in the equations' layout. */
    int paramCols(String param);

    /** A copy of a param, r x c. */
    double[][] getParam(String param);

    /** Replaces a param by a copy of {@code value}, which must have the param's shape and finite entries. */
    void setParam(String param, double[][] value);

    /** Forward and backward passes on a batch; returns the cost J and keeps dJ/dP for {@link #gradient}. */
    double costAndGradients(double[][] x, double[][] y);

    /** dJ/dP of the last {@link #costAndGradients} or {@link #gradientsFromSums}, r x c. */
    double[][] gradient(String param);

    /**
     * Chooses the optimizer: {@code gd}, {@code momentum} (uses {@code beta}) or {@code adam} (uses
     * {@code beta1}, {@code beta2}, {@code eps}, with bias correction); resets its state. The settings
     * the kind does not use are not read (nor checked): they keep {@link Optimizer}'s defaults.
     */
    void useOptimizer(String kind, double lr, double beta, double beta1, double beta2, double eps);

    /** One optimizer step with the current gradients. */
    void step();

    /** The output for each example, one row per example, dropout off. */
    double[][] predict(double[][] x);

    /**
     * Writes the params (and whatever else prediction needs) atomically to the file {@code file}; a
     * folder there is refused, never written into ({@code Path.of("out/")} is {@code out}: a Path
     * keeps no trailing slash).
     */
    void save(Path file) throws IOException;

    /** Reads what {@link #save} wrote; refuses a file of another network. */
    void load(Path file) throws IOException;

    /**
     * Empty when every value of the network is per example and its cost is mean(L) or sum(L) plus a
     * penalty whose terms each stay finite with m infinite, as a part's pass takes it (without m,
     * vanishing, as lambda / (2 * m) or 1 / (m + 1), or tending to a number, as 1 + 1/m), so that a
     * batch can be split into parts whose sums add up; otherwise says which value couples the
     * examples and why (batchnorm, a reduction along the examples), or why the cost cannot be made
     * from the parts' sums (a penalty term that reads m in a way not proved to stay finite as m
     * grows, as m * sum(W1^2) or m / m).
     */
    Optional<String> batchCoupling();

    /**
     * Reseeds the generator that draws dropout masks, so that a partition's masks depend only on
     * (seed, step, partition), not on what ran before.
     */
    void reseedMasks(long seed);

    /**
     * Adds, over the rows of x and y, the losses' sum (sum_i L(i)) and every param's d(sum L)/dP
     * (without the cost's 1/m and without the regularizer) to {@code sums}. Only for networks whose
     * {@link #batchCoupling} is empty.
     */
    void accumulateSums(double[][] x, double[][] y, GradientSums sums);

    /** Zero sums sized for this network's params (in {@link #paramNames} order), for {@link #accumulateSums}. */
    default GradientSums newSums() {
        List<String> params = paramNames();
        int[] sizes = new int[params.size()];
        for (int p = 0; p < sizes.length; p++) {
            sizes[p] = paramRows(params.get(p)) * paramCols(params.get(p));
        }
        return new GradientSums(sizes);
    }

    /**
     * Makes the gradients dJ/dP of a batch of {@code sums.count()} examples from its sums: the 1/m
     * applied once, with that m (none when the cost is sum(L)), then the regularizer's gradient added
     * once. Returns J (the mean or sum of the losses plus the regularizer's cost). {@link #gradient}
     * and {@link #step} then use them.
     */
    double gradientsFromSums(GradientSums sums);
}
