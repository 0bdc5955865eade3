package com.acme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.acme.nets.Iris;
import com.acme.nets.binary.Setosa;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The project's own tests train the classes netgrad generated from its two specs. */
class TrainedNetworksTest {
    private static final IrisData DATA = IrisData.read(TrainedNetworksTest.class.getResourceAsStream("/iris.csv"));

    @Test
    void irisClassifierLearnsTheThreeSpecies() {
        int[] train = everyExampleBut(5);
        int[] heldOut = everyFifth();
        Iris net = new Iris(1L);
        List<Double> costs = new ArrayList<>();
        net.fit(rows(DATA.features, train), rows(DATA.oneHot(), train), 100, 16, (epoch, cost) -> costs.add(cost));

        assertEquals(100, costs.size());
        assertTrue(costs.get(99) < costs.get(0) / 4, "the cost fell from " + costs.get(0) + " to " + costs.get(99));
        double accuracy = accuracy(net.predict(rows(DATA.features, heldOut)), heldOut);
        assertTrue(accuracy >= 0.9, "held-out accuracy " + accuracy);
    }

    @Test
    void setosaDetectorFromTheSubPackageSeparatesSetosas() {
        Setosa net = new Setosa(1L);
        net.fit(DATA.features, DATA.isSetosa(), 100, 0, null);
        double[][] p = net.predict(DATA.features);
        int right = 0;
        for (int i = 0; i < p.length; i++) {
            right += (p[i][0] > 0.5) == (DATA.labels[i] == 0) ? 1 : 0;
        }
        assertEquals(p.length, right, "setosas are linearly separable from the rest");
    }

    @Test
    void generatedClassesNameTheirParams() {
        assertEquals(List.of("W1", "b1", "W2", "b2"), List.of(Iris.PARAM_NAMES));
        assertEquals(List.of("W", "b"), List.of(Setosa.PARAM_NAMES));
    }

    private static double accuracy(double[][] probabilities, int[] examples) {
        int right = 0;
        for (int i = 0; i < examples.length; i++) {
            right += IrisData.argmax(probabilities[i]) == DATA.labels[examples[i]] ? 1 : 0;
        }
        return (double) right / examples.length;
    }

    private static int[] everyFifth() {
        return java.util.stream.IntStream.range(0, DATA.labels.length).filter(i -> i % 5 == 0).toArray();
    }

    private static int[] everyExampleBut(int fifth) {
        return java.util.stream.IntStream.range(0, DATA.labels.length).filter(i -> i % fifth != 0).toArray();
    }

    private static double[][] rows(double[][] matrix, int[] indices) {
        double[][] out = new double[indices.length][];
        for (int i = 0; i < indices.length; i++) {
            out[i] = matrix[indices[i]];
        }
        return out;
    }
}
