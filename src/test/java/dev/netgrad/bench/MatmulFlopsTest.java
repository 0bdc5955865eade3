package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Flops are counted as mlp_ref.py counts them: 6 * n_in * n_out * batch per dense layer and step; a
 * convolution as cnn_ref.py counts it.
 */
class MatmulFlopsTest {
    private static double flops(String sample, int batch) throws Exception {
        Path path = sample.startsWith("bench/") ? Path.of(sample) : Path.of("samples", sample);
        var network = SpecReader.read(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
        return MatmulFlops.perStep(Deriver.derive(network, Convention.LOSS).forward(), batch);
    }

    @Test
    void mlpCountsThreeProductsPerDenseLayer() throws Exception {
        assertEquals(6.0 * (784 * 128 + 128 * 64 + 64 * 10) * 128, flops("mlp.nn", 128));
        assertEquals(6.0 * (784 * 128 + 128 * 64 + 64 * 10) * 32, flops("mlp.nn", 32));
    }

    @Test
    void wideCountsItsThreeLayers() throws Exception {
        assertEquals(6.0 * (784 * 512 + 512 * 256 + 256 * 10) * 256, flops("bench/wide.nn", 256));
    }

    /**
     * A convolution is the product of its filters and the image's windows: out_h * out_w * c_out * f * f * c_in
     * multiply-adds an example, counted 6 times as a dense layer's (cnn_ref.py counts the same).
     */
    @Test
    void convolutionsCountAsTheProductsTheyAre() throws Exception {
        double conv1 = 8 * 8 * 8 * (3 * 3 * 1);   // 8 x 8 x 8 out, 3 x 3 x 1 windows
        double conv2 = 4 * 4 * 16 * (3 * 3 * 8);  // 4 x 4 x 16 out, 3 x 3 x 8 windows
        double dense = 64 * 10;
        assertEquals(6 * (conv1 + conv2 + dense) * 64, flops("bench/digits_cnn.nn", 64));
        assertEquals(6.0 * (8 * 8 * 8 * 9 + 4 * 4 * 16 * 72 + 64 * 10) * 64, flops("bench/digits_cnn.nn", 64), "cnn_ref.py's count");
    }

    @Test
    void planarCountsBothLayers() throws Exception {
        assertEquals(6.0 * (2 * 4 + 4 * 1) * 400, flops("planar.nn", 400));
    }

    @Test
    void elementwiseWorkIsNotCounted() throws Exception {
        String spec = "network E {\n  input X[3]\n  target Y[1]\n  param w[3] init zeros\n"
                + "  Z = sum(w * X, axis=0)\n  loss L = (Z - Y)^2\n  cost J = mean(L)\n}\n";
        var network = SpecReader.read("e.nn", spec);
        assertEquals(0.0, MatmulFlops.perStep(Deriver.derive(network, Convention.LOSS).forward(), 10));
    }
}
