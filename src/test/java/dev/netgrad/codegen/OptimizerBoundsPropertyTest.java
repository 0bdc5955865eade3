package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.diff.Derivation;
import dev.netgrad.runtime.GradientSums;
import dev.netgrad.runtime.NetworkTrainer;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The optimizer's step, driven by seeded random sequences of calls on a real trainer, either applies
 * in full with every param, velocity and second moment finite, or throws having changed nothing
 * (params, moments, Adam's step count, the steps counted). The calls: optimizers with learning rates
 * up to near the largest double, betas of 0, near 0 and near 1, eps from the smallest double to
 * 1e300; steps (trainStep, costAndGradients then step, step again on the same gradients, gradients
 * summed over parts as Spark's driver sums them then step, a short fit) on batches of features and targets scaled to push the params toward 1e300 and past; setParam
 * and setParamEntry with entries up to the largest double; save and load of a params file; 1 or 2
 * threads, and batches of 4 to 12 examples, so that the 256 x 256 params are cut in stripes on some
 * steps (8 examples or more on 2 threads) and not on others; a network of one layer, and one of two
 * params cut in stripes, one of them used twice, a batchnorm and a penalty. After every call an independent scan of
 * every buffer checks the finiteness, and that the bounds the unchecked update trusts (OptimizerStep's
 * paramBound, velocityBound and squareBound, read by reflection) still bound every entry: a bound
 * that a write slipped past is the bug before it is a NaN.
 */
class OptimizerBoundsPropertyTest {
    private static final Derivation WIDE = Specs.derive("wide.nn",
            "network Wide {\n input X[256]\n target Y[256]\n dense 256 linear\n loss mse\n}\n");
    /** Two params cut in stripes, W1 used twice, a batchnorm's gamma and beta, and a penalty's share of W2's gradient. */
    private static final Derivation TIED = Specs.derive("tied.nn", """
            network Tied {
              input X[256]
              target Y[256]
              param W1[256, 256]
              param gamma1[256] init ones
              param beta1[256] init zeros
              param W2[256, 256]
              param c[256]
              Z1 = W1 @ X
              Zn1 = batchnorm(Z1, gamma1, beta1)
              A = W2 @ Zn1 + W1 @ X + c
              loss L = sum((A - Y)^2, axis=0) / 2
              cost J = mean(L) + 0.001 * sum(W2^2)
            }
            """);
    private static final int CALLS = 240;
    private static final double[] FRACTIONS = {0, 1e-300, 1e-9, 0.5, 0.9, 0.999, 1 - 1e-9, Math.nextDown(1.0)};
    private static final double[] EPS = {Double.MIN_VALUE, 1e-300, 1e-8, 1e-8, 1, 1e300};
    private static final Map<String, Class<?>> NETWORKS = new HashMap<>();
    private static Path folder;

    /**
     * What a seed's calls did, and the least each must have done or the seed proves little (the
     * seeds' fewest, less a margin): steps applied and refused, applied through the careful pass
     * (bounds then equal to the entries' largest) and, below, through the unchecked update. Over the
     * table about 30 applied steps leave a param above 1e300.
     */
    private static final String[] TALLIED = {"steps applied", "steps refused", "applied with max |w| > 1e300",
            "applied with a bound above 2^1000", "loads", "fits that stopped", "applied through the careful pass"};
    private static final int[] AT_LEAST = {8, 50, 0, 0, 0, 0, 5};

    @BeforeAll
    static void compile() throws IOException {
        NETWORKS.put("Wide", CompiledTrainer.of(WIDE, 1).type());
        NETWORKS.put("Tied", CompiledTrainer.of(TIED, 1).type());
        folder = Files.createTempDirectory("netgrad-bounds");
    }

    @AfterAll
    static void removeFiles() throws IOException {
        try (var files = Files.list(folder)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.delete(folder);
    }

    @ParameterizedTest(name = "{0}, seed {1}")
    @CsvSource({"Wide, 1", "Wide, 2", "Wide, 3", "Wide, 4", "Wide, 5", "Tied, 6", "Tied, 7", "Tied, 8"})
    void aStepAppliesWithEveryEntryFiniteOrChangesNothing(String network, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        CompiledTrainer t = CompiledTrainer.create(NETWORKS.get(network), seed);
        String[] names = t.paramNames();
        int[] tally = new int[TALLIED.length];
        t.setThreads(1 + random.nextInt(2));
        List<Path> saved = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        for (int call = 0; call < CALLS; call++) {
            State before = State.of(t);
            String what;
            boolean oneStep = false;
            RuntimeException refused = null;
            try {
                switch (random.nextInt(15)) {
                    case 0 -> {
                        what = optimizer(t, random);
                    }
                    case 1 -> {
                        int threads = 1 + random.nextInt(2);
                        t.setThreads(threads);
                        what = "setThreads(" + threads + ")";
                    }
                    case 2 -> {
                        String p = names[random.nextInt(names.length)];
                        double[][] w = t.getParam(p);
                        for (int k = random.nextInt(4); k >= 0; k--) {
                            w[random.nextInt(w.length)][random.nextInt(w[0].length)] = huge(random);
                        }
                        t.setParam(p, w);
                        what = "setParam(" + p + ")";
                    }
                    case 3 -> {
                        // Every entry of 0.01 or less, as an init: the steps that follow have finite costs again.
                        for (String p : names) {
                            double[][] w = t.getParam(p);
                            for (double[] row : w) {
                                for (int c = 0; c < row.length; c++) {
                                    row[c] = (random.nextDouble() * 2 - 1) * 0.01;
                                }
                            }
                            t.setParam(p, w);
                        }
                        what = "setParam(small)";
                    }
                    case 4 -> {
                        String p = names[random.nextInt(names.length)];
                        double v = huge(random);
                        t.setParamEntry(p, random.nextInt(256), random.nextInt(t.getParam(p)[0].length), v);
                        what = "setParamEntry(" + p + ", " + v + ")";
                    }
                    case 5 -> {
                        if (saved.isEmpty() || random.nextBoolean()) {
                            Path file = folder.resolve("seed" + seed + "-" + call + ".json");
                            t.save(file);
                            saved.add(file);
                            what = "save";
                        } else {
                            t.load(saved.get(random.nextInt(saved.size())));
                            tally[4]++;
                            what = "load";
                        }
                    }
                    case 6 -> {
                        double[][][] batch = batch(random);
                        oneStep = true;
                        what = "costAndGradients and step";
                        try {
                            t.costAndGradients(batch[0], batch[1]);
                        } catch (IllegalStateException e) {
                            oneStep = false;
                            throw e;
                        }
                        before = State.of(t);
                        t.step();
                    }
                    case 7 -> {
                        oneStep = true;
                        what = "step on the last gradients";
                        t.step();
                    }
                    case 8 -> {
                        // Spark's path: gradients summed over parts of a batch, then the step.
                        GradientSums sums = t.trainer().newSums();
                        int parts = 1 + random.nextInt(2);
                        for (int part = 0; part < parts; part++) {
                            double[][][] batch = batch(random);
                            t.trainer().accumulateSums(batch[0], batch[1], sums);
                        }
                        t.trainer().gradientsFromSums(sums);
                        oneStep = true;
                        what = "gradientsFromSums(" + parts + " parts) and step";
                        before = State.of(t);
                        t.step();
                    }
                    case 9 -> {
                        double[][][] batch = batch(random);
                        double[][] x = new double[2 * batch[0].length][];
                        double[][] y = new double[x.length][];
                        for (int e = 0; e < x.length; e++) {
                            x[e] = batch[0][e % batch[0].length];
                            y[e] = batch[1][e % batch[1].length];
                        }
                        int epochs = 1 + random.nextInt(2);
                        int size = random.nextBoolean() ? 0 : 4 + random.nextInt(5);
                        what = "fit(" + x.length + " examples, " + epochs + " epochs, batch " + size + ")";
                        trace.add(what);
                        try {
                            t.fit(x, y, epochs, size, null);
                        } catch (IllegalStateException e) {
                            // Steps before the one refused were applied: only the invariant holds, not "nothing changed".
                            tally[5]++;
                            State.of(t).requireFiniteAndBounded("after a fit that stopped (" + e.getMessage() + ")");
                            continue;
                        }
                    }
                    default -> {
                        double[][][] batch = batch(random);
                        oneStep = true;
                        what = "trainStep(" + batch[0].length + " examples)";
                        t.trainStep(batch[0], batch[1]);
                    }
                }
            } catch (IllegalStateException e) {
                refused = e;
                what = "refused: " + e.getMessage();
            }
            State after = State.of(t);
            trace.add(what);
            String where = "seed " + seed + ", call " + call + " after " + String.join("; ", trace.subList(Math.max(0, trace.size() - 6), trace.size()));
            if (refused != null) {
                tally[1] += oneStep ? 1 : 0;
                before.requireSame(after, where + refused.getMessage());
            } else {
                if (oneStep) {
                    tally[0]++;
                    tally[2] += after.largestParam() > 1e300 ? 1 : 0;
                    tally[3] += after.largestBound() > 0x1p1000 ? 1 : 0;
                    tally[6] += after.measured() ? 1 : 0;
                }
            }
            after.requireFiniteAndBounded(where + (refused != null ? ": refused step" : ": after"));
        }
        StringBuilder counts = new StringBuilder();
        for (int i = 0; i < tally.length; i++) {
            counts.append(TALLIED[i]).append(' ').append(tally[i]).append("; ");
        }
        for (int i = 0; i < tally.length; i++) {
            assertTrue(tally[i] >= AT_LEAST[i], "too few " + TALLIED[i] + ": " + counts);
        }
        // The unchecked update, too: applied steps whose bounds are above the entries' largest.
        assertTrue(tally[0] - tally[6] >= 2, "too few steps through the unchecked update: " + counts);
    }

    /** A new optimizer of random settings, some at the ends of what is allowed. */
    private static String optimizer(CompiledTrainer t, SplittableRandom random) {
        String kind = new String[] {"gd", "momentum", "adam"}[random.nextInt(3)];
        double lr = switch (random.nextInt(8)) {
            case 0 -> Double.MAX_VALUE;
            case 1, 2, 3 -> Math.pow(10, -12 + random.nextInt(321));
            default -> Math.pow(10, -6 + random.nextInt(9));
        };
        double beta = FRACTIONS[random.nextInt(FRACTIONS.length)];
        double beta1 = FRACTIONS[random.nextInt(FRACTIONS.length)];
        double beta2 = FRACTIONS[random.nextInt(FRACTIONS.length)];
        double eps = EPS[random.nextInt(EPS.length)];
        t.useOptimizer(kind, lr, beta, beta1, beta2, eps);
        return "useOptimizer(" + kind + ", " + lr + ", " + beta + ", " + beta1 + ", " + beta2 + ", " + eps + ")";
    }

    /** A param entry of 1e-3 to the largest double, either sign: a third of them 1e290 or more. */
    private static double huge(SplittableRandom random) {
        double v = switch (random.nextInt(6)) {
            case 0, 1 -> Math.pow(10, -3 + random.nextInt(7));
            case 2, 3 -> Math.pow(10, random.nextInt(309));
            case 4 -> Math.pow(10, 290 + random.nextInt(19));
            default -> Double.MAX_VALUE;
        };
        return random.nextBoolean() ? v : -v;
    }

    /**
     * 4 to 12 examples of sparse features and targets of one random scale each: tiny features
     * with targets far from the outputs make small gradients of W1 and huge ones of b1, features
     * of 1e150 huge gradients of W1; the cost overflows for some, and that step is refused.
     */
    private static double[][][] batch(SplittableRandom random) {
        int m = 4 + random.nextInt(9);
        double featureScale = Math.pow(10, new int[] {-300, -200, -160, -100, -20, 0, 20, 80, 150}[random.nextInt(9)]);
        double targetScale = random.nextInt(4) == 0 ? 0 : Math.pow(10, new int[] {-100, 0, 50, 100, 150, 152}[random.nextInt(6)]);
        double[][] x = new double[m][256];
        double[][] y = new double[m][256];
        for (int e = 0; e < m; e++) {
            for (int k = 0; k < 8; k++) {
                x[e][random.nextInt(256)] = (random.nextDouble() * 2 - 1) * featureScale;
                y[e][random.nextInt(256)] = (random.nextDouble() * 2 - 1) * targetScale;
            }
        }
        return new double[][][] {x, y};
    }

    /** Every param and moment of a trainer, its optimizer's step counts and bounds, copied. */
    private record State(String[] names, double[][] params, double[][] velocity, double[][] squares, int adamStep, long stepCount,
            double paramBound, double velocityBound, double squareBound) {

        static State of(CompiledTrainer t) {
            String[] names = t.paramNames();
            double[][] params = new double[names.length][];
            for (int p = 0; p < names.length; p++) {
                double[][] rows = t.getParam(names[p]);
                params[p] = new double[rows.length * rows[0].length];
                for (int r = 0; r < rows.length; r++) {
                    System.arraycopy(rows[r], 0, params[p], r * rows[0].length, rows[0].length);
                }
            }
            Object step = read(t.trainer(), NetworkTrainer.class, "optimizerStep");
            return new State(names, params, moments(read(step, step.getClass(), "velocity"), params),
                    moments(read(step, step.getClass(), "squares"), params), (int) read(step, step.getClass(), "adamStep"),
                    (long) read(step, step.getClass(), "stepCount"), (double) read(step, step.getClass(), "paramBound"),
                    (double) read(step, step.getClass(), "velocityBound"), (double) read(step, step.getClass(), "squareBound"));
        }

        /** A copy of the moments, zeros before the optimizer allocated them (what it starts from). */
        private static double[][] moments(Object read, double[][] params) {
            double[][] out = new double[params.length][];
            for (int p = 0; p < params.length; p++) {
                out[p] = read == null ? new double[params[p].length] : ((double[][]) read)[p].clone();
            }
            return out;
        }

        private static Object read(Object owner, Class<?> type, String field) {
            try {
                Field f = type.getDeclaredField(field);
                f.setAccessible(true);
                return f.get(owner);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        double largestParam() {
            return largest(params);
        }

        double largestBound() {
            double finiteParamBound = Double.isInfinite(paramBound) ? 0 : paramBound;
            return Math.max(finiteParamBound, Math.max(velocityBound, squareBound));
        }

        /** Whether the bounds are the entries' largest, as a careful pass measures them (the unchecked update's are above, nearly always). */
        boolean measured() {
            return paramBound == largest(params) && velocityBound == largest(velocity) && squareBound == largest(squares);
        }

        void requireFiniteAndBounded(String where) {
            requireFinite(params, "param", where);
            requireFinite(velocity, "velocity", where);
            requireFinite(squares, "second moment", where);
            // Infinite (unknown) until a careful pass measures the params: any entry is within it.
            assertTrue(largest(params) <= paramBound, where + ": a param of " + largest(params) + " above the bound " + paramBound);
            assertTrue(largest(velocity) <= velocityBound, where + ": a velocity of " + largest(velocity) + " above the bound " + velocityBound);
            assertTrue(largest(squares) <= squareBound, where + ": a second moment of " + largest(squares) + " above the bound " + squareBound);
        }

        /** Bit for bit what a refused call must leave (the bounds may only have been measured, never narrowed below an entry). */
        void requireSame(State after, String where) {
            for (int p = 0; p < params.length; p++) {
                assertArrayEquals(params[p], after.params[p], where + ": param " + names[p]);
                assertArrayEquals(velocity[p], after.velocity[p], where + ": velocity of " + names[p]);
                assertArrayEquals(squares[p], after.squares[p], where + ": second moment of " + names[p]);
            }
            assertEquals(adamStep, after.adamStep, where + ": Adam's step count");
            assertEquals(stepCount, after.stepCount, where + ": the steps taken");
        }

        private void requireFinite(double[][] buffers, String what, String where) {
            for (int p = 0; p < buffers.length; p++) {
                for (int i = 0; i < buffers[p].length; i++) {
                    if (!Double.isFinite(buffers[p][i])) {
                        fail(where + ": " + what + " " + names[p] + " entry " + i + " is " + buffers[p][i]);
                    }
                }
            }
        }

        private static double largest(double[][] buffers) {
            double largest = 0;
            for (double[] b : buffers) {
                for (double v : b) {
                    largest = Math.max(largest, Math.abs(v));
                }
            }
            return largest;
        }
    }
}
