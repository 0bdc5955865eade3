package dev.netgrad.train;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.Dataset;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.Network;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The samples train to good held-out accuracy on real data, with their own train blocks, the
 * command line's defaults (standardized features, 20% held out) and their fixed seeds.
 */
class HeldOutAccuracyTest {
    @ParameterizedTest(name = "{0} reaches {2} held-out accuracy")
    @CsvSource({
        "breast_cancer.nn, breast_cancer.csv, 0.95",
        "iris.nn,          iris.csv,          0.93",
        "digits.nn,        digits.csv,        0.95",
        "images/digits_cnn.nn, digits.csv,    0.985",
    })
    void sampleLearnsItsData(String spec, String csv, double minimum) throws Exception {
        Network network = Samples.network(spec);
        Dataset data = Samples.data(network, csv);
        TrainingRun.Result result = TrainingRun.run(Samples.trainerClass(network), network.name(), data,
                TrainingPlan.defaults(network), Optional.empty(), (epoch, cost) -> { });
        Score.Accuracy heldOut = (Score.Accuracy) result.heldOut().orElseThrow();
        assertTrue(heldOut.accuracy() >= minimum, network.name() + " held-out accuracy " + heldOut.accuracy()
                + " (" + heldOut.correct() + "/" + heldOut.total() + ") is below " + minimum);
        assertTrue(Double.isFinite(result.costs()[result.costs().length - 1]));
    }
}
