package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LossPlotTest {
    @TempDir
    Path dir;

    @Test
    void writesAPngOfTheCostCurve() throws DataException, IOException {
        double[] costs = new double[200];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = 0.7 * Math.exp(-i / 40.0) + 0.1;
        }
        Path file = dir.resolve("loss.png");
        LossPlot.write(file, costs, new double[0], "Planar: cost per epoch", LossPlot.Scale.LINEAR);
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(LossPlot.HEIGHT, image.getHeight());
        assertTrue(countNonWhite(image) > 1000, "the chart draws axes and a curve");
        assertTrue(count(image, LossPlot.TRAINING) > 200);
        assertEquals(0, count(image, LossPlot.HELD_OUT), "nothing held out, no second curve");
    }

    @Test
    void theHeldOutCostIsASecondCurve() throws DataException, IOException {
        double[] costs = new double[100];
        double[] heldOut = new double[100];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = 0.7 * Math.exp(-i / 20.0) + 0.1;
            heldOut[i] = costs[i] + 0.05 + i * 0.001;
        }
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                LossPlot.png(costs, heldOut, "two curves", LossPlot.Scale.LINEAR)));
        assertTrue(count(image, LossPlot.HELD_OUT) > 200, "the held-out curve and its legend");
        assertTrue(count(image, LossPlot.TRAINING) > 200);
    }

    @Test
    void onALogScaleAnExponentialDecayIsAStraightLine() throws DataException, IOException {
        double[] costs = new double[201];
        for (int i = 0; i < costs.length; i++) {
            costs[i] = Math.pow(10, -3.0 * i / 200);
        }
        BufferedImage log = ImageIO.read(new ByteArrayInputStream(LossPlot.png(costs, new double[0], "", LossPlot.Scale.LOG)));
        BufferedImage linear = ImageIO.read(new ByteArrayInputStream(LossPlot.png(costs, new double[0], "", LossPlot.Scale.LINEAR)));
        // Epoch 101 (10^-1.5) lies halfway between epochs 2 and 200 on the log axis only.
        double first = rowOf(log, column(2));
        double middle = rowOf(log, column(101));
        double last = rowOf(log, column(200));
        assertEquals((first + last) / 2, middle, 2.0);
        assertTrue(Math.abs((rowOf(linear, column(2)) + rowOf(linear, column(200))) / 2 - rowOf(linear, column(101))) > 50);
    }

    @Test
    void aWriteIntoAMissingFolderIsAnErrorNotAStackTrace() {
        Path file = dir.resolve("none/loss.png");
        DataException e = assertThrows(DataException.class,
                () -> LossPlot.write(file, new double[] {1, 0.5}, new double[0], "t", LossPlot.Scale.LINEAR));
        assertEquals(file + ": error: cannot write: the folder " + dir.resolve("none") + " does not exist", e.getMessage());
    }

    /**
     * ImageIO caches an image it writes to a stream in a file of the temporary folder: a full /tmp
     * (here, a cache folder gone) failed every {@code train --plot} before training, "I/O error writing
     * PNG file!", however much room the plot's own folder had.
     */
    @Test
    void aPlotDrawsWithoutTheTemporaryFolder() throws DataException, IOException {
        Path cache = Files.createDirectory(dir.resolve("cache"));
        boolean useCache = ImageIO.getUseCache();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(cache.toFile());
        Files.delete(cache);
        try {
            Path file = dir.resolve("loss.png");
            LossPlot.write(file, new double[] {1, 0.5, 0.25}, new double[0], "t", LossPlot.Scale.LINEAR);
            assertEquals(LossPlot.WIDTH, ImageIO.read(file.toFile()).getWidth());
            LossPlot.prepare();
        } finally {
            ImageIO.setCacheDirectory(null);
            ImageIO.setUseCache(useCache);
        }
    }

    /** The x pixel of an epoch of a 201-epoch chart: its axis runs from 0 to 250 over pixels 90 to 770. */
    private static int column(int epoch) {
        return (int) Math.round(90 + epoch / 250.0 * (800 - 90 - 30));
    }

    /** The mean row of the training curve's pixels in a column. */
    private static double rowOf(BufferedImage image, int x) {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            if ((image.getRGB(x, y) & 0xFFFFFF) == (LossPlot.TRAINING.getRGB() & 0xFFFFFF)) {
                sum += y;
                n++;
            }
        }
        assertTrue(n > 0, "the curve crosses column " + x);
        return sum / n;
    }

    private static int count(BufferedImage image, java.awt.Color color) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) == (color.getRGB() & 0xFFFFFF) ? 1 : 0;
            }
        }
        return count;
    }

    @Test
    void aFlatOrSinglePointCurveStillDraws() throws DataException, IOException {
        Path file = dir.resolve("flat.png");
        LossPlot.write(file, new double[] {0.5}, new double[] {0.6}, "one epoch", LossPlot.Scale.LOG);
        assertNotEquals(0, countNonWhite(ImageIO.read(file.toFile())));
    }

    private static int countNonWhite(BufferedImage image) {
        int count = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                count += (image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF ? 1 : 0;
            }
        }
        return count;
    }
}
