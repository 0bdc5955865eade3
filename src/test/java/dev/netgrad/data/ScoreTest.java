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
     * (a regularizer's term once, with the whole set's m). The cost is the model's as it predicts, so
     * a batchnorm network's (its running averages couple no examples) and a dropout network's (no
     * masks) are taken in chunks too; the dropout's differed from chunk to chunk with its masks.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # spec                 | its cost, if another               | data                       | cost's relative tolerance
            samples/regularized.nn | -                                  | samples/data/planar.csv    | 1e-13
            samples/iris.nn        | -                                  | samples/data/iris.csv      | 1e-13
            samples/diabetes.nn    | -                                  | samples/data/diabetes.csv  | 1e-13
            samples/batchnorm.nn   | -                                  | samples/data/iris.csv      | 1e-13
            samples/dropout.nn     | -                                  | samples/data/planar.csv    | 1e-13
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
     * A network whose predictions mix the examples (its hidden layer centred by the mean over the examples) is
     * scored in one pass, its predictions as its cost: in chunks each chunk was centred by its own mean.
     */
    @Test
    void aNetworkWhosePredictionsMixTheExamplesIsScoredInOnePass() throws Exception {
        Network network = SpecReader.read("centered.nn",
                Files.readString(Path.of("samples/planar.nn")).replace("A1 = tanh(Z1)", "A1 = tanh(Z1 - mean(Z1, axis=1))"));
        Dataset data = CsvReader.readDataset(Path.of("samples/data/planar.csv"), DataLayout.of(network));
        CompiledTrainer trainer = trainer(network);
        assertTrue(trainer.predictionCouplesExamples());
        Score.Accuracy whole = (Score.Accuracy) Score.of(trainer, data.features(), data, Integer.MAX_VALUE);
        Score.Accuracy chunked = (Score.Accuracy) Score.of(trainer, data.features(), data, 7);
        assertEquals(whole, chunked);
        assertEquals(data.features().length, trainer.value("X")[0].length, "examples in the predictions' pass");
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

    /**
     * The cost printed beside an accuracy is of the model the accuracy is of: dropout off. It was the
     * training forward pass's, under masks drawn anew for every call (a noisy held-out curve): two
     * trainers with the same params and other mask seeds gave two costs.
     */
    @Test
    void theDropoutSamplesCostDependsOnNoMaskDraw() throws Exception {
        Network network = network("samples/dropout.nn");
        Dataset data = CsvReader.readDataset(Path.of("samples/data/planar.csv"), DataLayout.of(network));
        double[][] x = Standardization.fit(data.features()).apply(data.features());
        CompiledTrainer first = trainer(network);
        CompiledTrainer second = CompiledTrainer.create(TrainerClasses.compile(network), 4);
        for (String param : first.paramNames()) {
            second.setParam(param, first.getParam(param));
        }
        double cost = Score.cost(first, x, data, Score.CHUNK);
        assertEquals(cost, Score.cost(second, x, data, Score.CHUNK), "another seed of masks");
        assertEquals(cost, Score.cost(first, x, data, Score.CHUNK), "the same trainer again, its masks drawn on");
        assertEquals(crossEntropyOfProbabilities(first.predict(x), data.labels()), cost, 1e-12 * cost, "no masks");
    }

    /**
     * A batchnorm network's cost is the model's as it predicts: normalized with the running averages,
     * not with the scored part's own statistics, which gave a part of one example (variance 0) the cost
     * of beta alone. The same with the whole set, a part of one example and chunks of 7.
     */
    @Test
    void aBatchnormCostNormalizesWithTheRunningAveragesEvenForOneExample() throws Exception {
        Network network = network("samples/batchnorm.nn");
        Dataset data = CsvReader.readDataset(Path.of("samples/data/iris.csv"), DataLayout.of(network));
        double[][] x = Standardization.fit(data.features()).apply(data.features());
        CompiledTrainer trainer = trainer(network);
        trainer.fit(x, data.targets(trainer.targetSize()), 5, 32, null);
        for (int i : new int[] {0, 77, 149}) {
            Dataset one = new Dataset(new double[][] {data.features()[i]}, new double[] {data.labels()[i]}, data.kind());
            double[][] row = {x[i]};
            double expected = crossEntropyOfClasses(trainer.predict(row), one.labels());
            assertEquals(expected, Score.cost(trainer, row, one, Score.CHUNK), 1e-12 * expected, "example " + i + " alone");
        }
        double whole = Score.cost(trainer, x, data, Integer.MAX_VALUE);
        assertEquals(crossEntropyOfClasses(trainer.predict(x), data.labels()), whole, 1e-12 * whole, "the whole set");
        assertEquals(whole, Score.cost(trainer, x, data, 7), 1e-13 * whole, "in chunks of 7");
        assertTrue(trainer.value("X")[0].length <= 7, "the cost passed more than a chunk at once");
    }

    /** mean(-(y log a + (1 - y) log(1 - a))) of one-output probabilities, computed directly. */
    private static double crossEntropyOfProbabilities(double[][] outputs, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double a = outputs[i][0];
            sum += -(labels[i] * Math.log(a) + (1 - labels[i]) * Math.log(1 - a));
        }
        return sum / labels.length;
    }

    /** mean(-log p(label)) of rows of class probabilities, computed directly. */
    private static double crossEntropyOfClasses(double[][] outputs, double[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            sum += -Math.log(outputs[i][(int) labels[i]]);
        }
        return sum / labels.length;
    }
}
