package dev.netgrad.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.kernels.VectorKernels;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Products whose operand is a batch's columns before they are filled ({@link BatchRows}) give the
 * bits of the product on the filled columns, on every path: B's panels read from the rows (the
 * columns, or their transpose), and the paths that read the operand in place, which fill the columns
 * first. The columns start as NaN, so a product that read them unfilled could not pass.
 */
class BatchRowsTest {
    /**
     * {features, examples, product, rows: B's panels read the rows (true), or the columns are filled
     * first (false)}. The products: "W @ X" (multiply), "D @ X.T" (multiplyTransB), "W.T @ X"
     * (multiplyTransA with X as B), "X.T @ D" (multiplyTransA with X as A).
     */
    private static final Object[][] CASES = {
        {784, 128, "W @ X", true},     // the mlp's first layer
        {784, 128, "D @ X.T", true},   // and its gradient
        {20, 33, "W @ X", true},       // panels of 16 examples and 1 left over
        {20, 33, "D @ X.T", true},     // 20 features: a panel of 16 and one of 4
        {20, 1, "D @ X.T", true},      // one example: a depth of 1
        {1, 1, "D @ X.T", false},      // one feature: narrow (p < 16), read in place
        {20, 9, "W @ X", false},       // 9 examples: narrow
        {2, 400, "W @ X", false},      // 2 features: the shallow path reads X in place
        {20, 33, "W.T @ X", true},     // X as B of A.T @ B
        {20, 33, "X.T @ D", false},    // X as A is read in place
    };

    @AfterEach
    void uninstall() {
        MatrixProducts.install(null);
        Kernels.install(null);
        ImageKernels.install(null);
    }

    @Test
    void theLoopsReadTheRowsAsTheFilledColumns() {
        checkEveryCase();
    }

    @Test
    void theSimdKernelReadsTheRowsAsTheFilledColumns() {
        assertTrue(VectorKernels.installIfAvailable(), "the tests' JVM has no jdk.incubator.vector");
        checkEveryCase();
    }

    private static void checkEveryCase() {
        SplittableRandom random = new SplittableRandom(9);
        for (int threads : new int[] {1, 3}) {
            for (Object[] c : CASES) {
                int width = (int) c[0];
                int count = (int) c[1];
                String product = (String) c[2];
                String what = product + ", " + width + " features, " + count + " examples, " + threads + " threads";
                // The batch: rows 3 .. 3 + count - 1 of a shuffle of count + 5 rows.
                double[][] data = new double[count + 5][];
                for (int e = 0; e < data.length; e++) {
                    data[e] = gaussians(width, random);
                }
                int[] order = shuffle(data.length, random);
                double[] filled = new double[width * count];
                for (int e = 0; e < count; e++) {
                    for (int f = 0; f < width; f++) {
                        filled[f * count + e] = data[order[3 + e]][f];
                    }
                }
                int n = 64;
                double[] w = gaussians(n * Math.max(width, count), random);
                double[] expected = new double[n * Math.max(width, count) * 2];
                compute(new MatrixProducts(threads), product, w, filled, expected, n, width, count);

                double[] columns = new double[width * count];
                Arrays.fill(columns, Double.NaN);
                BatchRows batch = new BatchRows();
                batch.set(data, order, 3, count, width, columns);
                MatrixProducts products = new MatrixProducts(threads);
                products.readRowsOf(batch);
                double[] out = new double[expected.length];
                compute(products, product, w, columns, out, n, width, count);
                for (int i = 0; i < out.length; i++) {
                    if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(out[i])) {
                        assertEquals(expected[i], out[i], what + ", entry " + i);
                    }
                }
                assertEquals(c[3], batch.pending(columns), what + ": read from the rows");
                batch.fill(products);
                for (int i = 0; i < filled.length; i++) {
                    assertEquals(Double.doubleToRawLongBits(filled[i]), Double.doubleToRawLongBits(columns[i]), what + ": filled column entry " + i);
                }
            }
        }
    }

    /** The product the case names, with X = x (width x count) and the other operand from w, n rows or columns. */
    private static void compute(MatrixProducts products, String product, double[] w, double[] x, double[] out, int n, int width, int count) {
        switch (product) {
            case "W @ X" -> products.multiply(w, x, out, n, width, count);
            case "D @ X.T" -> products.multiplyTransB(w, x, out, n, count, width);
            case "W.T @ X" -> products.multiplyTransA(w, x, out, n, width, count);
            case "X.T @ D" -> products.multiplyTransA(x, w, out, count, width, n);
            default -> throw new IllegalArgumentException(product);
        }
    }

    private static int[] shuffle(int n, SplittableRandom random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static double[] gaussians(int count, SplittableRandom random) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = i % 13 == 0 ? -0.0 : random.nextDouble(-2, 2);
        }
        return out;
    }
}
