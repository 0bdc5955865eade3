package dev.netgrad.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.Dataset;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.Network;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The samples train to good held-out accuracy on real data, with their own train blocks, the
 * command line's defaults (standardized features, 20% held out) and their fixed seeds.
 */
class HeldOutAccuracyTest {
    // The last column is the README's sentence of the figure, where it gives one (what `netgrad train` prints, rounded).
    @ParameterizedTest(name = "{0} reaches {2} held-out accuracy")
    @CsvSource({
        "breast_cancer.nn, breast_cancer.csv, 0.95,  97.4% on breast cancer",
        "iris.nn,          iris.csv,          0.93,  93.3% on iris",
        "digits.nn,        digits.csv,        0.95,  99.2% on digits",
        "images/digits_cnn.nn, digits.csv,    0.985, ",
    })
    void sampleLearnsItsData(String spec, String csv, double minimum, String readme) throws Exception {
        Network network = Samples.network(spec);
        Dataset data = Samples.data(network, csv);
        TrainingRun.Result result = TrainingRun.run(Samples.trainerClass(network), network.name(), data,
                TrainingPlan.defaults(network), Optional.empty(), (epoch, cost) -> { });
        Score.Accuracy heldOut = (Score.Accuracy) result.heldOut().orElseThrow();
        assertTrue(heldOut.accuracy() >= minimum, network.name() + " held-out accuracy " + heldOut.accuracy()
                + " (" + heldOut.correct() + "/" + heldOut.total() + ") is below " + minimum);
        assertTrue(Double.isFinite(result.costs()[result.costs().length - 1]));
        if (readme != null) {
            assertEquals(readme.substring(0, readme.indexOf('%')), String.format(Locale.ROOT, "%.1f", 100 * heldOut.accuracy()),
                    "the README's figure for " + network.name());
            assertTrue(readmeText().contains("held-out accuracy is ") && readmeText().contains(readme), "the README says " + readme);
        }
    }

    /** The README with every run of white space one space, as its sentences read. */
    static String readmeText() throws IOException {
        return Files.readString(Path.of("README.md"), StandardCharsets.UTF_8).replaceAll("\\s+", " ");
    }
}
