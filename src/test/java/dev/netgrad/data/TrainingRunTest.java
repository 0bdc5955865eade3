package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.Logistic;
import dev.netgrad.codegen.ScoringFails;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Optimizer;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A training run over a hand-written class with the generated API. */
class TrainingRunTest {
    private static final double[][] X = {{-2, -1}, {-1, -2}, {-1.5, -0.5}, {1, 2}, {2, 1}, {1.5, 0.5}, {-0.2, -0.1}, {0.3, 0.2}, {-3, -2}, {3, 2}};
    private static final double[] LABELS = {0, 0, 0, 1, 1, 1, 0, 1, 0, 1};

    @Test
    void aTrainingRunHoldsOutStandardizesAndScores() throws DataException {
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(1.0), 50, 0, 4, 0.2, true, 2);
        List<String> lines = new ArrayList<>();
        TrainingRun.Result r = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan,
                java.util.Optional.empty(), (epoch, cost) -> lines.add(epoch + ""));
        assertEquals(50, lines.size());
        assertEquals(8, r.train().total());
        assertEquals(2, r.heldOut().orElseThrow().total());
        assertEquals(1.0, ((Score.Accuracy) r.train()).accuracy());
        assertTrue(r.params().standardization().isPresent());
        assertTrue(r.costs()[49] < r.costs()[0]);
        assertEquals(List.of("W", "b"), List.copyOf(r.params().params().keySet()));
    }

    /**
     * The costs of a run's epochs take room as the epochs end: 10,000,000 epochs asked for 80 MB of costs and
     * 80 MB of held-out costs on the calling thread before the first (an OutOfMemoryError under -Xmx64m).
     * The epochs themselves run on a thread of their own, whose allocations this does not count.
     */
    @Test
    void aRunOfManyEpochsStoppedEarlyTakesRoomForTheEpochsItRan() throws DataException {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(1.0), 10_000_000, 0, 4, 0.2, true, 2);
        TrainingRun.Listener stopAfterThree = (epoch, cost) -> {
            if (epoch == 3) {
                throw new TrainingRun.Stop();
            }
        };
        long before = threads.getThreadAllocatedBytes(thread);
        TrainingRun.Result r = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan,
                Optional.empty(), true, stopAfterThree);
        long allocated = threads.getThreadAllocatedBytes(thread) - before;
        assertEquals(3, r.costs().length);
        assertEquals(3, r.heldOutCosts().length);
        assertTrue(allocated < 10_000_000, "the calling thread allocated " + allocated + " bytes");
    }

    /** Past the room taken at first (4,096 epochs), every epoch's cost and held-out cost is still kept, in order. */
    @Test
    void aRunLongerThanTheFirstRoomKeepsEveryEpochsCosts() throws DataException {
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(0.1), 9_000, 0, 4, 0.2, true, 2);
        List<Double> heard = new ArrayList<>();
        TrainingRun.Result r = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan,
                Optional.empty(), true, (epoch, cost) -> heard.add(cost));
        assertEquals(9_000, r.costs().length);
        assertEquals(9_000, r.heldOutCosts().length);
        assertArrayEquals(heard.stream().mapToDouble(Double::doubleValue).toArray(), r.costs());
        assertEquals(r.heldOut().orElseThrow().cost(), r.heldOutCosts()[8_999], "the last is the held-out score's cost");
    }

    // Statistics that overflow a double (the readers keep features within 1e100, so only a Dataset
    // made in code gets here): train says so once, "netgrad train: error: ", never "netgrad train: error: netgrad: error: ".
    @Test
    void featuresWhoseStatisticsOverflowAreRefusedWithOnePrefix() {
        double[][] x = {{1, 1e160}, {2, -1e160}, {3, 1e160}, {4, -1e160}};
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(1.0), 5, 0, 4, 0, true, 1);
        DataException e = org.junit.jupiter.api.Assertions.assertThrows(DataException.class, () -> TrainingRun.run(Logistic.class,
                "Logistic", new Dataset(x, new double[] {0, 1, 0, 1}, Prediction.PROBABILITY), plan, Optional.empty(), (epoch, cost) -> { }));
        assertEquals("netgrad train: error: cannot standardize feature 2: its mean or variance overflows a double (mean 0.0, standard deviation"
                + " Infinity); train with smaller features or --raw", e.messageFor("train"));
    }

    @Test
    void theHeldOutCostIsTracedAfterEveryEpochWithoutChangingTheRun() throws DataException {
        TrainingPlan plan = new TrainingPlan(Optimizer.gd(1.0), 50, 0, 4, 0.2, true, 0);
        TrainingRun.Result traced = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan,
                Optional.empty(), true, (epoch, cost) -> { });
        TrainingRun.Result plain = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan,
                Optional.empty(), (epoch, cost) -> { });
        assertEquals(50, traced.heldOutCosts().length);
        assertEquals(traced.heldOut().orElseThrow().cost(), traced.heldOutCosts()[49], "the last is the held-out score's cost");
        assertTrue(traced.heldOutCosts()[49] < traced.heldOutCosts()[0]);
        assertEquals(0, plain.heldOutCosts().length);
        assertArrayEquals(plain.costs(), traced.costs());
        TrainingRun.Result none = TrainingRun.run(Logistic.class, "Logistic", new Dataset(X, LABELS, Prediction.PROBABILITY), plan.withHoldout(0),
                Optional.empty(), true, (epoch, cost) -> { });
        assertEquals(0, none.heldOutCosts().length, "nothing held out, nothing traced");
    }

    /** Dropout draws its masks from the trainer's random numbers: tracing must not draw from them. */
    @Test
    void tracingLeavesTheDropoutDrawsOfTrainingAlone() throws Exception {
        Path spec = Path.of("samples/dropout.nn");
        Network network = SpecReader.read(spec.toString(), Files.readString(spec));
        Class<?> type = TrainerClasses.compile(network);
        Dataset data = CsvReader.readDataset(Path.of("samples/data/planar.csv"), DataLayout.of(network));
        TrainingPlan plan = TrainingPlan.defaults(network).withEpochs(20).withBatch(64);
        TrainingRun.Result traced = TrainingRun.run(type, network.name(), data, plan, Optional.empty(), true, (e, c) -> { });
        TrainingRun.Result plain = TrainingRun.run(type, network.name(), data, plan, Optional.empty(), false, (e, c) -> { });
        assertEquals(20, traced.heldOutCosts().length);
        assertArrayEquals(plain.costs(), traced.costs());
        for (String name : plain.params().params().keySet()) {
            assertArrayEquals(plain.params().params().get(name), traced.params().params().get(name), name);
        }
    }

    /**
     * The held-out trace of --plot is the held-out score's cost, the model's as it predicts, after the
     * last epoch: with dropout it was a cost under random masks (another draw than the score's), and a
     * batchnorm network's observer, given the params alone, normalized with running averages it never had.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            samples/dropout.nn   | samples/data/planar.csv
            samples/batchnorm.nn | samples/data/iris.csv
            """)
    void theHeldOutTraceIsTheCostOfTheModelAsItPredicts(String specFile, String csv) throws Exception {
        Path spec = Path.of(specFile);
        Network network = SpecReader.read(spec.toString(), Files.readString(spec));
        Class<?> type = TrainerClasses.compile(network);
        Dataset data = CsvReader.readDataset(Path.of(csv), DataLayout.of(network));
        TrainingPlan plan = TrainingPlan.defaults(network).withEpochs(4).withBatch(32);
        TrainingRun.Result traced = TrainingRun.run(type, network.name(), data, plan, Optional.empty(), true, (e, c) -> { });
        double scored = traced.heldOut().orElseThrow().cost();
        assertEquals(scored, traced.heldOutCosts()[3], 1e-13 * scored, "the last traced against the held-out score's cost");
    }

    /**
     * Params trained on features standardized one way mean nothing on features standardized
     * another: a run from them (on other data, here a part of it) keeps their standardization and
     * their batchnorms' running statistics, so that 0 epochs save what was loaded.
     */
    @Test
    void aRunFromSavedParamsKeepsTheirStandardizationAndRunningStatistics() throws Exception {
        Path spec = Path.of("samples/batchnorm.nn");
        Network network = SpecReader.read(spec.toString(), Files.readString(spec));
        Class<?> type = TrainerClasses.compile(network);
        Dataset data = CsvReader.readDataset(Path.of("samples/data/iris.csv"), DataLayout.of(network));
        TrainingPlan plan = TrainingPlan.defaults(network).withEpochs(5);
        SavedParams first = TrainingRun.run(type, network.name(), data, plan, Optional.empty(), (e, c) -> { }).params();
        Dataset part = new Dataset(java.util.Arrays.copyOf(data.features(), 100), java.util.Arrays.copyOf(data.labels(), 100),
                data.kind());
        SavedParams again = TrainingRun.run(type, network.name(), part, plan.withEpochs(0), Optional.of(first), (e, c) -> { }).params();
        assertEquals(first.standardization(), again.standardization());
        assertArrayEquals(first.batchnorm().get("Zn1").mean(), again.batchnorm().get("Zn1").mean());
        assertArrayEquals(first.batchnorm().get("Zn1").variance(), again.batchnorm().get("Zn1").variance());
    }

    private static final TrainingPlan PLAN = new TrainingPlan(Optimizer.gd(1.0), 50, 0, 4, 0.2, true, 2);

    private static Dataset examples() {
        double[][] x = new double[X.length][];
        java.util.Arrays.setAll(x, i -> X[i].clone());
        return new Dataset(x, LABELS.clone(), Prediction.PROBABILITY);
    }

    private static TrainingRun.Result run(Class<?> trainer, TrainingRun.Features features, TrainingRun.Listener listener)
            throws DataException {
        return TrainingRun.run(trainer, "Logistic", examples(), features, PLAN, Optional.empty(), true, listener);
    }

    /**
     * Scoring comes after training: when it throws (the heap ran out, a value went non-finite), the
     * run still returns the trained params, the same as a run that scored, with the cause.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(classes = {ScoringFails.OutOfMemory.class, ScoringFails.NotFinite.class})
    void aScoringThatFailsKeepsTheTrainedParams(Class<?> failing) throws DataException {
        TrainingRun.Result scored = run(Logistic.class, TrainingRun.Features.SHARED, (epoch, cost) -> { });
        TrainingRun.Result failed = run(failing, TrainingRun.Features.SHARED, (epoch, cost) -> { });
        TrainingRun.ScoringFailed why = org.junit.jupiter.api.Assertions.assertInstanceOf(TrainingRun.ScoringFailed.class, failed.scoring());
        assertEquals(failing == ScoringFails.OutOfMemory.class ? OutOfMemoryError.class : IllegalStateException.class,
                why.cause().getClass());
        assertEquals(ParamsFile.json(scored.params()), ParamsFile.json(failed.params()));
        assertArrayEquals(scored.costs(), failed.costs());
        assertArrayEquals(scored.heldOutCosts(), failed.heldOutCosts());
    }

    /**
     * The held-out cost that --plot traces after every epoch is measured on a second instance; when
     * measuring it throws (the heap ran out on a batchnorm network's one pass, say), tracing stops and
     * training goes on: the run ends as an untraced one would, with the held-out costs traced before.
     */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # trainer         | epochs traced | the trace's cause     | scored
            TraceOutOfMemory  | 2             | OutOfMemoryError      | true
            TraceNotFinite    | 2             | IllegalStateException | true
            CostOutOfMemory   | 0             | OutOfMemoryError      | false
            """)
    void aHeldOutTraceThatFailsStopsTracingAndKeepsTheTrainedParams(String trainer, int traced, String cause, boolean scored)
            throws Exception {
        Class<?> failing = Class.forName("dev.netgrad.codegen.ScoringFails$" + trainer);
        TrainingRun.Result good = run(Logistic.class, TrainingRun.Features.SHARED, (epoch, cost) -> { });
        List<Integer> heard = new ArrayList<>();
        TrainingRun.Result failed = run(failing, TrainingRun.Features.SHARED, (epoch, cost) -> heard.add(epoch));

        TrainingRun.TraceFailed why = failed.traceFailed().orElseThrow();
        assertEquals(traced, why.traced());
        assertEquals(cause, why.cause().getClass().getSimpleName());
        assertEquals(50, heard.size(), "training went on to the last epoch");
        assertArrayEquals(java.util.Arrays.copyOf(good.heldOutCosts(), traced), failed.heldOutCosts());
        assertArrayEquals(good.costs(), failed.costs());
        assertEquals(ParamsFile.json(good.params()), ParamsFile.json(failed.params()));
        assertEquals(scored ? good.scoring() : "ScoringFailed", scored ? failed.scoring()
                : failed.scoring().getClass().getSimpleName());
        assertEquals(Optional.empty(), good.traceFailed());
    }

    /** A listener that stops scoring (the user interrupted the run) gets the trained params without scores. */
    @Test
    void aStoppedScoringKeepsTheTrainedParams() throws DataException {
        TrainingRun.Result scored = run(Logistic.class, TrainingRun.Features.SHARED, (epoch, cost) -> { });
        TrainingRun.Result stopped = run(Logistic.class, TrainingRun.Features.SHARED, new TrainingRun.Listener() {
            @Override
            public void onEpoch(int epoch, double cost) {
            }

            @Override
            public boolean stopScoring() {
                return true;
            }
        });
        assertEquals(new TrainingRun.ScoringStopped(), stopped.scoring());
        assertEquals(ParamsFile.json(scored.params()), ParamsFile.json(stopped.params()));
        assertEquals(50, stopped.costs().length);
    }

    /**
     * Features handed over are standardized in place, the one copy the trainer reads: the run is
     * bit for bit the one on copies, and the handed-over rows hold the standardized features,
     * while shared ones are left as they were.
     */
    @Test
    void handedOverFeaturesAreStandardizedInPlaceWithTheSameRun() throws DataException {
        Dataset shared = examples();
        Dataset handedOver = examples();
        TrainingRun.Result copied = TrainingRun.run(Logistic.class, "Logistic", shared, TrainingRun.Features.SHARED, PLAN,
                Optional.empty(), true, (epoch, cost) -> { });
        TrainingRun.Result inPlace = TrainingRun.run(Logistic.class, "Logistic", handedOver, TrainingRun.Features.HANDED_OVER, PLAN,
                Optional.empty(), true, (epoch, cost) -> { });
        assertEquals(ParamsFile.json(copied.params()), ParamsFile.json(inPlace.params()));
        assertArrayEquals(copied.costs(), inPlace.costs());
        assertArrayEquals(copied.heldOutCosts(), inPlace.heldOutCosts());
        assertEquals(copied.train(), inPlace.train());
        assertEquals(copied.heldOut(), inPlace.heldOut());
        assertArrayEquals(X, shared.features(), "shared features are left alone");
        Standardization s = copied.params().standardization().orElseThrow();
        assertArrayEquals(s.apply(X), handedOver.features(), "handed-over features are standardized in place");
    }
}
