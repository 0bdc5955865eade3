package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An accuracy counts a prediction right only when there is one and it equals the label. */
class ScoreTest {
    private static final double NAN = Double.NaN;

    @Test
    void aNaNOutputIsNeverACorrectPrediction() {
        double[][] outputs = {{NAN, 0.1, 0.2}, {0.7, NAN, 0.1}, {0.8, 0.1, 0.1}, {0.1, 0.1, 0.8}};
        double[] labels = {0, 0, 0, 1};
        int[] classes = Score.classes(outputs, Prediction.CLASSES);
        assertEquals(Prediction.NO_CLASS, classes[0]); // numpy's argmax: 0, the first NaN, and so right
        assertEquals(Prediction.NO_CLASS, classes[1]); // class 0 before the fix: right
        assertEquals(1, Score.correct(classes, labels)); // only row 2
        assertEquals(2, Score.unclassified(classes));
    }

    @Test
    void aNaNProbabilityIsNeitherClass() {
        int[] classes = Score.classes(new double[][] {{NAN}, {NAN}, {0.9}}, Prediction.PROBABILITY);
        assertEquals(1, Score.correct(classes, new double[] {0, 1, 1}));
        assertEquals(2, Score.unclassified(classes));
    }

    private static CompiledTrainer trainer(Network network) throws Exception {
        return CompiledTrainer.create(TrainerClasses.compile(network), 3);
    }

    private static Network network(String spec) throws Exception {
        return SpecReader.read(spec, Files.readString(Path.of(spec)));
    }

    /**
     * A score taken a chunk at a time is the whole set's: the same counts, and the cost to rounding
     * (a regularizer's term once, with the whole set's m). A network whose examples are coupled
     * (batchnorm) is scored in one pass, and its cost is then exactly the whole batch's.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # spec                 | its cost, if another               | data                       | cost's relative tolerance
            samples/regularized.nn | -                                  | samples/data/planar.csv    | 1e-13
            samples/iris.nn        | -                                  | samples/data/iris.csv      | 1e-13
            samples/diabetes.nn    | -                                  | samples/data/diabetes.csv  | 1e-13
            samples/batchnorm.nn   | -                                  | samples/data/iris.csv      | 0
            # Such costs were scored in one pass; in chunks, a sum's chunks must not be taken as a mean, nor a penalty without m added per chunk.
            samples/planar.nn      | sum(L)                             | samples/data/planar.csv    | 1e-13
            samples/planar.nn      | sum(L) + 0.7 / (2 * m) * sum(W1^2) | samples/data/planar.csv    | 1e-13
            samples/planar.nn      | mean(L) + 0.1 * sum(W1^2)          | samples/data/planar.csv    | 1e-13
            samples/planar.nn      | sum(L) + 0.5 * sum(W2^2)           | samples/data/planar.csv    | 1e-13
            """)
    void aScoreInChunksIsTheWholeSetsScore(String spec, String cost, String csv, double tolerance) throws Exception {
        Network network = cost.equals("-") ? network(spec)
                : SpecReader.read(spec, Files.readString(Path.of(spec)).replaceFirst("cost J = [^\n]*", "cost J = " + cost));
        Dataset data = CsvReader.readDataset(Path.of(csv), DataLayout.of(network));
        double[][] x = Standardization.fit(data.features()).apply(data.features());
        Score whole = Score.of(trainer(network), x, data, Integer.MAX_VALUE);
        Score chunked = Score.of(trainer(network), x, data, 7);
        assertEquals(whole.cost(), chunked.cost(), tolerance * Math.abs(whole.cost()), "cost");
        assertEquals(whole.total(), chunked.total());
        if (whole instanceof Score.Accuracy a) {
            Score.Accuracy b = (Score.Accuracy) chunked;
            assertEquals(a.correct(), b.correct(), "correct");
            assertEquals(a.unclassified(), b.unclassified(), "unclassified");
        } else {
            double rmse = ((Score.Rmse) whole).rmse();
            assertEquals(rmse, ((Score.Rmse) chunked).rmse(), 1e-13 * rmse, "rmse");
        }
    }

    /**
     * Scoring a big set after training never gives the trainer more than a chunk of examples at once:
     * its buffers hold every value for every example of a pass, so the whole training set in one pass
     * ran out of memory after the epochs (a 50 MB CSV on a 400 MB heap), before the params were saved.
     * A sum of the losses and a penalty without m were scored in one pass, however big the set.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the cost, if not planar's
            -
            sum(L)
            mean(L) + 0.1 * sum(W1^2)
            sum(L) + 0.01 * sum(W2^2)
            """)
    void scoringPassesAtMostAChunkThroughTheTrainer(String cost) throws Exception {
        Network network = cost.equals("-") ? network("samples/planar.nn") : SpecReader.read("samples/planar.nn",
                Files.readString(Path.of("samples/planar.nn")).replaceFirst("cost J = [^\n]*", "cost J = " + cost));
        Dataset data = CsvReader.readDataset(Path.of("samples/data/planar.csv"), DataLayout.of(network));
        CompiledTrainer trainer = trainer(network);
        Score.of(trainer, data.features(), data, 64);
        int examplesInLastPass = trainer.value("X")[0].length;
        assertTrue(examplesInLastPass <= 64, examplesInLastPass + " examples in one pass");
        // The cost's own passes, which the predictions' chunks that follow it would hide.
        Score.cost(trainer, data.features(), data, 64);
        int examplesInCostsLastPass = trainer.value("X")[0].length;
        assertTrue(examplesInCostsLastPass <= 64, examplesInCostsLastPass + " examples in the cost's pass");
    }
}
