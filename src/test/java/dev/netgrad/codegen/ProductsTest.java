package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Derivation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generated classes' matrix products give, on every path (shallow, narrow, blocked, shared
 * among threads) and for A @ B, A.T @ B and A @ B.T, the bits of the textbook loop: each entry's
 * terms added one by one in increasing k, starting from 0.
 */
class ProductsTest {
    private static final String SPEC = """
            network Tiny {
              input X[2]
              target Y[3]
              param W[3, 2] init randn(0.1)
              param b[3] init zeros
              Z = W @ X + b
              loss L = sum((Z - Y)^2, axis=0)
              cost J = mean(L)
              output Z
            }
            """;

    /** {n, k, p}: depths 1 to 5 around the shallow path, widths around the narrow one, and big enough to share. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {4, 1, 400}, {4, 2, 400}, {1, 4, 400}, {3, 3, 17}, {2, 4, 16}, {5, 5, 40}, {4, 400, 2},
        {1, 400, 4}, {7, 3, 15}, {6, 2, 9}, {33, 70, 130}, {128, 784, 64}, {3, 4, 70000}, {1000, 4, 200},
    };

    private static Class<?> generated;

    /** The class generated from SPEC, compiled once. */
    private static Class<?> generated() {
        if (generated == null) {
            Derivation d = Specs.derive("tiny.nn", SPEC);
            generated = InMemoryCompiler.load(CompiledTrainer.PACKAGE + ".Tiny", TrainerGenerator.generate(d, CompiledTrainer.PACKAGE));
        }
        return generated;
    }

    @Test
    void everyPathGivesTheTextbookLoopsBits() throws Exception {
        Class<?> type = generated();
        Class<?> productsType = Class.forName(type.getName() + "$MatrixProducts", true, type.getClassLoader());
        Constructor<?> make = productsType.getDeclaredConstructor(int.class);
        make.setAccessible(true);
        SplittableRandom random = new SplittableRandom(5);
        for (int threads : new int[] {1, 3}) {
            Object products = make.newInstance(threads);
            for (String kind : new String[] {"multiply", "multiplyTransA", "multiplyTransB"}) {
                Method multiply = productsType.getDeclaredMethod(kind, double[].class, double[].class, double[].class, int.class, int.class, int.class);
                multiply.setAccessible(true);
                for (int[] shape : SHAPES) {
                    int n = shape[0];
                    int k = shape[1];
                    int p = shape[2];
                    double[] a = gaussians(n * k, random);
                    double[] b = gaussians(k * p, random);
                    double[] out = gaussians(n * p, random);
                    multiply.invoke(products, a, b, out, n, k, p);
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < p; j++) {
                            double s = 0.0;
                            for (int q = 0; q < k; q++) {
                                double left = kind.equals("multiplyTransA") ? a[q * n + i] : a[i * k + q];
                                double right = kind.equals("multiplyTransB") ? b[j * k + q] : b[q * p + j];
                                s += left * right;
                            }
                            if (Double.doubleToRawLongBits(s) != Double.doubleToRawLongBits(out[i * p + j])) {
                                assertEquals(s, out[i * p + j], kind + " " + n + " x " + k + " x " + p + " on " + threads
                                        + " threads, entry (" + i + ", " + j + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void rowSumsGiveTheTextbookLoopsBits() throws Exception {
        Class<?> type = generated();
        Method sumRows = type.getDeclaredMethod("sumRows", double[].class, double[].class, int.class, int.class);
        sumRows.setAccessible(true);
        SplittableRandom random = new SplittableRandom(8);
        for (int[] shape : new int[][] {{1, 1}, {3, 400}, {4, 400}, {5, 7}, {9, 100}, {128, 128}}) {
            int rows = shape[0];
            int cols = shape[1];
            double[] x = gaussians(rows * cols, random);
            double[] out = new double[rows];
            sumRows.invoke(null, x, out, rows, cols);
            for (int r = 0; r < rows; r++) {
                double s = 0.0;
                for (int c = 0; c < cols; c++) {
                    s += x[r * cols + c];
                }
                assertEquals(Double.doubleToRawLongBits(s), Double.doubleToRawLongBits(out[r]), "row " + r + " of " + rows + " x " + cols);
            }
        }
    }

    private static double[] gaussians(int count, SplittableRandom random) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            // Some exact zeros and negative zeros, whose products the first term must not turn into +0 wrongly.
            out[i] = i % 17 == 0 ? -0.0 : random.nextDouble(-2, 2);
        }
        return out;
    }
}
