package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
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
        LossPlot.write(file, costs, "Planar: cost per epoch");
        BufferedImage image = ImageIO.read(file.toFile());
        assertEquals(LossPlot.WIDTH, image.getWidth());
        assertEquals(LossPlot.HEIGHT, image.getHeight());
        assertTrue(countNonWhite(image) > 1000, "the chart draws axes and a curve");
    }

    @Test
    void aFlatOrSinglePointCurveStillDraws() throws DataException, IOException {
        Path file = dir.resolve("flat.png");
        LossPlot.write(file, new double[] {0.5}, "one epoch");
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
