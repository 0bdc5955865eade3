package dev.netgrad.runtime.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.GradientSums;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written test trainer is right: its gradients against centred finite differences, its sums against its means. */
class HandNetTest {
    private static final List<HandNet.Shape> SHAPES = List.of(new HandNet.Shape(2, 5, 1, 0.3, 1, null), new HandNet.Shape(4, 6, 3, 0.3, 1, null));

    @Test
    void gradientsMatchFiniteDifferences() {
        for (HandNet.Shape shape : SHAPES) {
            List<Example> data = shape.outputs() == 1 ? LocalSpark.circle(40, 1) : LocalSpark.threeClasses(40, 1);
            double[][] x = LocalSpark.features(data);
            double[][] y = LocalSpark.targets(data, shape.outputs());
            HandNet net = new HandNet(4, shape);
            net.costAndGradients(x, y);
            for (String name : net.paramNames()) {
                double[][] analytic = net.gradient(name);
                double[][] p = net.getParam(name);
                double[][] numerics = new double[p.length][p[0].length];
                for (int r = 0; r < p.length; r++) {
                    for (int c = 0; c < p[r].length; c++) {
                        double keep = p[r][c];
                        p[r][c] = keep + 1e-6;
                        net.setParam(name, p);
                        double plus = net.costAndGradients(x, y);
                        p[r][c] = keep - 1e-6;
                        net.setParam(name, p);
                        double minus = net.costAndGradients(x, y);
                        p[r][c] = keep;
                        net.setParam(name, p);
                        double numeric = (plus - minus) / 2e-6;
                        numerics[r][c] = numeric;
                    }
                }
                // Relative to the param's largest entry: a saturated unit's differences carry truncation errors near 1e-8.
                double gap = DataParallelTrainingTest.maxRelativeDifference(numerics, analytic);
                assertTrue(gap < 1e-6, name + " differs from its finite differences by " + gap);
            }
        }
    }

    @Test
    void sumsOfTwoPartsGiveTheWholeBatchsGradients() {
        for (HandNet.Shape shape : SHAPES) {
            List<Example> data = shape.outputs() == 1 ? LocalSpark.circle(40, 2) : LocalSpark.threeClasses(40, 2);
            HandNet net = new HandNet(4, shape);
            double cost = net.costAndGradients(LocalSpark.features(data), LocalSpark.targets(data, shape.outputs()));
            double[][][] whole = net.paramNames().stream().map(net::gradient).toArray(double[][][]::new);
            GradientSums sums = new GradientSums(new int[] {shape.hidden() * shape.inputs(), shape.hidden(), shape.outputs() * shape.hidden(), shape.outputs()});
            for (List<Example> part : List.of(data.subList(0, 13), data.subList(13, 40))) {
                net.accumulateSums(LocalSpark.features(part), LocalSpark.targets(part, shape.outputs()), sums);
            }
            assertEquals(cost, net.gradientsFromSums(sums), 1e-12 * cost);
            for (int p = 0; p < 4; p++) {
                double gap = DataParallelTrainingTest.maxRelativeDifference(whole[p], net.gradient(net.paramNames().get(p)));
                assertTrue(gap < 1e-12, "param " + p + " differs by " + gap);
            }
        }
    }
}
