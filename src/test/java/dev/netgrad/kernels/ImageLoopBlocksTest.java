package dev.netgrad.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.CourseImageLoops;
import dev.netgrad.runtime.ImageLoops;
import dev.netgrad.runtime.PlainImageLoops;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each call of the image loops writes its block of the result, pixel rows by columns, whole and
 * nothing else: cut the result's rows and columns at random places, run every block into its own
 * buffer of garbage, and each entry inside the block has the course loops' bits while each
 * outside is untouched. Shapes with strides 1 to 3 and paddings 0 to 2, and pools whose windows
 * overlap (stride below the window: a window reaches into the next block's rows), tile, or leave
 * rows out. Both the runtime's plain loops and the Vector API's, called directly rather than
 * through ImageKernels, whose threshold for sharing would leave small shapes on one thread.
 */
class ImageLoopBlocksTest {
    private static final double GARBAGE = 1e6;

    @ParameterizedTest(name = "vector API: {0}")
    @ValueSource(booleans = {false, true})
    void everyBlockIsWrittenWholeAndAlone(boolean vector) {
        ImageLoops loops = vector ? new VectorImageLoops() : new PlainImageLoops();
        SplittableRandom random = new SplittableRandom(23);
        // h, w, cIn, f, cOut, stride, pad, m
        int[][] convolutions = {
            {8, 8, 1, 3, 8, 1, 1, 64}, {4, 4, 8, 3, 16, 1, 1, 20}, {7, 5, 3, 3, 4, 2, 2, 9}, {9, 7, 5, 3, 6, 2, 1, 37},
            {6, 6, 2, 5, 5, 1, 2, 19}, {7, 9, 4, 3, 7, 3, 1, 17}, {5, 5, 3, 1, 5, 2, 0, 3},
        };
        for (int[] s : convolutions) {
            int h = s[0], w = s[1], cIn = s[2], f = s[3], cOut = s[4], stride = s[5], pad = s[6], m = s[7];
            int outH = (h + 2 * pad - f) / stride + 1;
            int outW = (w + 2 * pad - f) / stride + 1;
            double[] x = CourseImageLoops.values(h * w * cIn * m, random);
            double[] filters = CourseImageLoops.values(f * f * cIn * cOut, random);
            double[] g = CourseImageLoops.values(outH * outW * cOut * m, random);
            String shape = "conv " + Arrays.toString(s);

            double[] expected = new double[outH * outW * cOut * m];
            CourseImageLoops.conv2d(x, filters, expected, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
            checkBlocks("conv2d " + shape, expected, outH, m, random, (b) -> loops.conv2d(x, filters, b.out, m, b.rowFrom, b.rowTo,
                    b.from, b.to, h, w, cIn, f, cOut, outH, outW, stride, pad));

            double[] expectedInput = new double[h * w * cIn * m];
            CourseImageLoops.conv2dInput(g, filters, expectedInput, m, h, w, cIn, f, cOut, outH, outW, stride, pad);
            checkBlocks("conv2d_input " + shape, expectedInput, h, m, random, (b) -> loops.conv2dInput(g, filters, b.out, m,
                    b.rowFrom, b.rowTo, b.from, b.to, h, w, cIn, f, cOut, outH, outW, stride, pad));
        }
        // h, w, c, f, stride, m
        int[][] pools = {
            {8, 8, 8, 2, 2, 64}, {5, 6, 1, 3, 1, 11}, {7, 5, 3, 3, 2, 17}, {9, 9, 5, 2, 3, 41}, {6, 6, 3, 3, 3, 8},
            {8, 4, 2, 4, 1, 13},
        };
        for (int[] p : pools) {
            int h = p[0], w = p[1], c = p[2], f = p[3], stride = p[4], m = p[5];
            int outH = (h - f) / stride + 1;
            int outW = (w - f) / stride + 1;
            double[] x = CourseImageLoops.values(h * w * c * m, random);
            // Ties: a few pixels copy their neighbour, so some windows have equal maxima.
            for (int i = m; i < x.length; i += 7) {
                x[i] = x[i - m];
            }
            double[] g = CourseImageLoops.values(outH * outW * c * m, random);
            String shape = "pool " + Arrays.toString(p);
            for (boolean max : new boolean[] {true, false}) {
                double[] expected = new double[outH * outW * c * m];
                CourseImageLoops.pool(max, x, expected, m, w, c, f, outH, outW, stride);
                checkBlocks((max ? "maxpool " : "avgpool ") + shape, expected, outH, m, random, (b) -> loops.pool(max, x, b.out, m,
                        b.rowFrom, b.rowTo, b.from, b.to, w, c, f, outH, outW, stride));
            }
            double[] expected = new double[h * w * c * m];
            CourseImageLoops.maxpoolInput(g, x, expected, m, h, w, c, f, outH, outW, stride);
            checkBlocks("maxpool_input " + shape, expected, h, m, random, (b) -> loops.maxpoolInput(g, x, b.out, m, b.rowFrom,
                    b.rowTo, b.from, b.to, h, w, c, f, outH, outW, stride));
        }
    }

    /** A block of a result: its pixel rows rowFrom .. rowTo - 1 by its columns from .. to - 1, and the buffer it goes to. */
    private record Block(double[] out, int rowFrom, int rowTo, int from, int to) {
    }

    /**
     * Cuts the result (pixelRows pixel rows, m columns) into blocks at up to three random places
     * each way, several times, and runs each block into a buffer of its own.
     */
    private static void checkBlocks(String what, double[] expected, int pixelRows, int m, SplittableRandom random,
            Consumer<Block> loop) {
        int rowLength = expected.length / pixelRows / m;
        for (int round = 0; round < 4; round++) {
            int[] rowCuts = cuts(pixelRows, random);
            int[] columnCuts = cuts(m, random);
            for (int r = 0; r + 1 < rowCuts.length; r++) {
                for (int c = 0; c + 1 < columnCuts.length; c++) {
                    Block block = new Block(new double[expected.length], rowCuts[r], rowCuts[r + 1], columnCuts[c], columnCuts[c + 1]);
                    Arrays.fill(block.out, GARBAGE);
                    loop.accept(block);
                    for (int i = 0; i < expected.length; i++) {
                        int pixelRow = i / m / rowLength;
                        int column = i % m;
                        boolean inside = pixelRow >= block.rowFrom && pixelRow < block.rowTo && column >= block.from && column < block.to;
                        // assertEquals on doubles compares bits (Double.equals): -0.0 is not 0.0 there, NaN is NaN.
                        assertEquals(inside ? expected[i] : GARBAGE, block.out[i], what + ", block rows " + block.rowFrom + " .. "
                                + block.rowTo + ", columns " + block.from + " .. " + block.to + ", entry " + i);
                    }
                }
            }
        }
    }

    /** 0, up to three distinct places in 1 .. n - 1 in order, n. */
    private static int[] cuts(int n, SplittableRandom random) {
        int[] inner = random.ints(random.nextInt(4), 1, Math.max(2, n)).filter(c -> c < n).distinct().sorted().toArray();
        int[] all = new int[inner.length + 2];
        System.arraycopy(inner, 0, all, 1, inner.length);
        all[all.length - 1] = n;
        return all;
    }
}
