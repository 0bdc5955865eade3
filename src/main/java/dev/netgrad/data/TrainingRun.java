package dev.netgrad.data;

import dev.netgrad.codegen.CompiledTrainer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

/**
 * One training run on a CSV data set: split off the held-out examples, standardize with the
 * training part's statistics (or those the initial params were trained with), train with
 * {@code fit}, then score both parts.
 */
public final class TrainingRun {
    /**
     * What a run gives: the trained params with their standardization, the training cost of every
     * epoch run, the held-out cost after every epoch (empty unless traced and something was held
     * out; cut short when the trace failed), what scoring the trained params gave, whether the run
     * ended within the epoch after the last cost (see EpochListener.stopWithinEpoch), and why the
     * held-out trace stopped early, if it did.
     */
    public record Result(SavedParams params, double[] costs, double[] heldOutCosts, Scoring scoring, boolean partialEpoch,
                         Optional<TraceFailed> traceFailed) {
        /** The training part's score, of a scored run. */
        public Score train() {
            return scores().train();
        }

        /** The held-out part's score (empty when nothing was held out), of a scored run. */
        public Optional<Score> heldOut() {
            return scores().heldOut();
        }

        private Scores scores() {
            if (scoring instanceof Scores s) {
                return s;
            }
            throw new IllegalStateException("the run has no scores: " + scoring);
        }
    }

    /**
     * What scoring the trained params gave. It comes after training and never loses it: a run
     * whose scoring fails or is stopped still returns its params.
     */
    public sealed interface Scoring permits Scores, ScoringFailed, ScoringStopped, StepLeft {
    }

    /** The scores of the training part and of the held-out part (empty when nothing was held out). */
    public record Scores(Score train, Optional<Score> heldOut) implements Scoring {
    }

    /** Scoring threw (the heap ran out, say): {@code cause} says why. */
    public record ScoringFailed(Throwable cause) implements Scoring {
    }

    /** The listener stopped scoring ({@link Listener#stopScoring}): the user interrupted the run. */
    public record ScoringStopped() implements Scoring {
    }

    /**
     * The listener left a step of epoch {@code epoch} running ({@link Listener#leaveStep}): one step over a
     * large batch, with no point inside to stop at, outlasted the user's interruption. The trainer is still
     * busy with it, so nothing is scored, and the run's params are those the epoch before it ended with.
     */
    public record StepLeft(int epoch) implements Scoring {
    }

    /**
     * Measuring the held-out cost after epoch {@code traced} + 1 threw {@code cause} (the heap ran out
     * on a large part, say). Tracing stopped there, training did
     * not: the run's held-out costs are those of the first {@code traced} epochs.
     */
    public record TraceFailed(int traced, Throwable cause) {
    }

    /** Hears a run: every epoch, as the trainer's listener does, and whether to stop scoring. */
    public interface Listener extends CompiledTrainer.EpochListener {
        /** Asked before each chunk of examples scored: true leaves the scores out, the params kept. */
        default boolean stopScoring() {
            return false;
        }

        /**
         * Asked while a long held-out pass for the trace runs (see {@link LeavableCall}): true leaves
         * it, that epoch's held-out cost out and tracing stopped; the epoch itself is done and heard.
         */
        default boolean stopTracing() {
            return false;
        }

        /** Hears the held-out trace fail, when it does (the run's result says it again: see {@link Result}). */
        default void onTraceFailed(TraceFailed failed) {
        }

        /**
         * Asked every {@link LeavableCall#POLL_MILLIS} ms while the run trains: true leaves the step under
         * way running, unheard, and ends the run with the params of the last epoch that ended (see
         * {@link StepLeft}). A step over a large batch can outlast the user's interruption with no point
         * inside to stop at, and a process that ended with it lost every epoch done before.
         */
        default boolean leaveStep() {
            return false;
        }
    }

    /** Whether the caller uses the data set's features again once the run has them. */
    public enum Features {
        /** The caller reads them again: the run standardizes copies. */
        SHARED,
        /**
         * The caller is done with them: the run standardizes the rows in place, one copy of the
         * features fewer (a large CSV's features are the largest thing train holds).
         */
        HANDED_OVER
    }

    /**
     * Thrown by a listener to end the run after the epoch it hears (the user interrupted it): the
     * run returns the params, costs and scores of the epochs done.
     */
    public static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Stop() {
            super("training stopped", null, false, false);
        }
    }

    /**
     * The trainer stopped on a non-finite cost, gradient or param (its message says which, at which
     * step). {@code params}, with the run's standardization, are the last finite ones: those before
     * the failing step, which the trainer leaves as they were when the cost or a gradient is what
     * went non-finite; when the step's update itself overflowed a param, those the last whole epoch
     * ended with (or the run began with). {@code whence} says which, in words. {@code costs} and
     * {@code heldOutCosts} are those of the epochs that ended before it, as a {@link Result}'s are: the
     * plot of a run that diverged shows how it got there.
     */
    public static final class Diverged extends IllegalStateException {
        private static final long serialVersionUID = 1L;
        private final transient SavedParams params;
        private final String whence;
        private final double[] costs;
        private final double[] heldOutCosts;

        Diverged(IllegalStateException cause, SavedParams params, String whence, double[] costs, double[] heldOutCosts) {
            super(cause.getMessage(), cause);
            this.params = params;
            this.whence = whence;
            this.costs = costs.clone();
            this.heldOutCosts = heldOutCosts.clone();
        }

        public SavedParams params() {
            return params;
        }

        /** The training cost of every epoch that ended before the failing step. */
        public double[] costs() {
            return costs.clone();
        }

        /** The held-out cost after each of those epochs (empty unless traced), as {@link Result#heldOutCosts} has it. */
        public double[] heldOutCosts() {
            return heldOutCosts.clone();
        }

        /** "from before the failing step", "from the end of epoch 3", "the run began with". */
        public String whence() {
            return whence;
        }
    }

    /** Params and running statistics at the end of an epoch (0: before the first), kept for a run that diverges. */
    private record EpochEnd(int epoch, Map<String, double[][]> params, Map<String, RunningStatistics> batchnorm) {
        static EpochEnd of(int epoch, CompiledTrainer trainer) {
            return new EpochEnd(epoch, TrainingRun.params(trainer), runningStatistics(trainer));
        }
    }

    private TrainingRun() {
    }

    /** A run that does not trace the held-out cost. */
    public static Result run(Class<?> trainerClass, String networkName, Dataset data, TrainingPlan plan,
                             Optional<SavedParams> initial, CompiledTrainer.EpochListener listener) throws DataException {
        return run(trainerClass, networkName, data, plan, initial, false, listener);
    }

    /** A run on features the caller keeps ({@link Features#SHARED}) that scores to the end. */
    public static Result run(Class<?> trainerClass, String networkName, Dataset data, TrainingPlan plan,
                             Optional<SavedParams> initial, boolean traceHeldOut,
                             CompiledTrainer.EpochListener listener) throws DataException {
        return run(trainerClass, networkName, data, Features.SHARED, plan, initial, traceHeldOut, new Listener() {
            @Override
            public void onEpoch(int epoch, double cost) {
                listener.onEpoch(epoch, cost);
            }

            @Override
            public boolean stopWithinEpoch() {
                return listener.stopWithinEpoch();
            }
        });
    }

    /**
     * Why a network with batchnorms cannot train with {@code batch} (as {@link TrainingPlan#batchOn} gives
     * it: 0 for full batch) on {@code trainSize} examples, if it cannot: a batch of one example has variance
     * 0. {@code netgrad train} asks before it compiles the trainer, from the spec's batchnorms, so that the
     * refusal does not wait for javac.
     */
    public static Optional<String> batchOfOneRefusal(String networkName, List<String> batchnorms, int batch, int trainSize) {
        if (batchnorms.isEmpty() || (batch != 1 && trainSize != 1)) {
            return Optional.empty();
        }
        return Optional.of(networkName + " normalizes over each batch (batchnorm " + batchnorms.get(0)
                + "), which a batch of one example cannot do (its variance is 0, and nothing before the batchnorm would train): "
                + (batch == 1 ? "use a batch of 2 or more (--batch)" : "train on 2 examples or more"));
    }

    /**
     * Trains a new instance of {@code trainerClass}. {@code initial} params, when given, replace
     * the seeded initialization, and their standardization and batchnorms' running statistics,
     * when they have them, are the run's: params trained on features standardized one way mean
     * nothing on features standardized another. {@code listener} hears every epoch's cost. With
     * {@code traceHeldOut}, the held-out cost is measured after every epoch, on a second instance
     * given a copy of the params, so the training instance's random draws (dropout masks) and
     * state stay exactly those of an untraced run. {@code features} says whether {@code data}'s
     * rows may be standardized in place. The params are taken before scoring, so that a scoring
     * that fails (or that the listener stops) loses none of the training: see {@link Scoring}; a
     * trace that fails stops tracing, not training: see {@link TraceFailed}. The epochs run on a
     * thread of their own, which {@code listener} hears them from and may leave within a step: see
     * {@link StepLeft}.
     */
    public static Result run(Class<?> trainerClass, String networkName, Dataset data, Features features, TrainingPlan plan,
                             Optional<SavedParams> initial, boolean traceHeldOut, Listener listener) throws DataException {
        Split split = Split.of(data, plan.holdout(), plan.seed());
        Optional<Standardization> stats = standardization(plan, split, initial);
        double[][] xTrain = prepare(stats, split.train(), features);
        CompiledTrainer trainer = CompiledTrainer.create(trainerClass, plan.seed());
        initial.ifPresent(saved -> {
            saved.params().forEach(trainer::setParam);
            saved.batchnorm().forEach((name, s) -> trainer.trainer().setRunningStatistics(name, s.mean(), s.variance()));
        });
        if (plan.threads() > 0) {
            trainer.setThreads(plan.threads());
        }
        trainer.useOptimizer(plan.optimizer());
        boolean traced = traceHeldOut && split.heldOut().size() > 0;
        double[][] xHeld = prepare(stats, split.heldOut(), features);
        int batch = plan.batchOn(split.train().size());
        // Said here, as a problem of the run's settings, rather than by fit's IllegalArgumentException.
        Optional<String> batchOfOne = batchOfOneRefusal(networkName, trainer.trainer().batchnormNames(), batch, split.train().size());
        if (batchOfOne.isPresent()) {
            throw DataException.unplaced(batchOfOne.get());
        }
        try (LeavableCall longPasses = new LeavableCall()) {
            // The recorder alone holds the observer, so that a trace that fails can let its buffers go.
            EpochRecorder recorder = new EpochRecorder(trainer, plan.epochs(),
                    traced ? Optional.of(CompiledTrainer.create(trainerClass, plan.seed())) : Optional.empty(), xHeld,
                    split.heldOut(), listener, longPasses);
            try {
                if (!fit(trainer, xTrain, split.train().targets(trainer.targetSize()), plan.epochs(), batch, recorder,
                        listener::leaveStep)) {
                    return recorder.leave(networkName, stats);
                }
            } catch (IllegalStateException e) {
                throw diverged(e, trainer, recorder, networkName, stats);
            }
            SavedParams params = new SavedParams(networkName, params(trainer), runningStatistics(trainer), stats);
            return new Result(params, recorder.costsDone(), recorder.heldOutCostsDone(),
                    scoring(trainer, xTrain, split.train(), xHeld, split.heldOut(), listener::stopScoring, longPasses),
                    recorder.stoppedWithin, recorder.traceFailed);
        }
    }

    /**
     * The scores of both parts, or why there are none. An OutOfMemoryError is caught too: the
     * buffers scoring grew are garbage once it is thrown, and the params, taken before, are small.
     * Scoring asks {@code stop} between chunks, and a part of more than one chunk is a {@link #pass} the
     * run can leave. The params were taken before, so a pass left running changes nothing saved.
     */
    private static Scoring scoring(CompiledTrainer trainer, double[][] xTrain, Dataset train, double[][] xHeld,
                                   Dataset heldOut, BooleanSupplier stop, LeavableCall longPasses) {
        Callable<Scores> scores = () -> {
            Score trainScore = Score.of(trainer, xTrain, train, Score.CHUNK, stop);
            Optional<Score> heldOutScore = heldOut.size() == 0 ? Optional.empty()
                    : Optional.of(Score.of(trainer, xHeld, heldOut, Score.CHUNK, stop));
            return new Scores(trainScore, heldOutScore);
        };
        try {
            Optional<Scores> done = pass(Math.max(xTrain.length, xHeld.length), scores, stop, longPasses);
            return done.isPresent() ? done.get() : new ScoringStopped();
        } catch (Score.Stopped stopped) {
            return new ScoringStopped();
        } catch (Exception | OutOfMemoryError e) {
            return new ScoringFailed(e);
        }
    }

    /**
     * A pass of scoring or of the held-out trace over {@code rows} rows: on this thread when it is one
     * chunk or less, which ends soon; else where the run can leave it ({@link LeavableCall}), empty when
     * {@code stop} said so first, since its cost is taken inside the trainer (in one pass for a network whose
     * values mix the examples even as it predicts), with no point inside to ask.
     */
    private static <T> Optional<T> pass(int rows, Callable<T> call, BooleanSupplier stop,
                                        LeavableCall longPasses) throws Exception {
        return rows > Score.CHUNK ? longPasses.run(call, stop) : Optional.of(call.call());
    }

    /**
     * Hears every epoch for the run: records its cost (and the held-out cost, on the observer given a
     * copy of the params, until measuring it first throws), keeps one copy of the params an epoch (at
     * most a step's worth of work on them: a step whose update overflows a param leaves nothing finite
     * of its own to save), and passes the epoch on to the caller's listener.
     */
    private static final class EpochRecorder implements CompiledTrainer.EpochListener {
        /**
         * Room for the costs of this many epochs at first: the rest as they come, so that --epochs 10000000
         * asks for no 80 - 160 MB before its first epoch (a run stopped early never needs it).
         */
        private static final int FIRST_EPOCHS = 4096;
        private final CompiledTrainer trainer;
        private final int epochs;
        private double[] costs;
        private double[] heldOutCosts;
        /** Empty once a trace failed: its buffers are garbage then, which an OutOfMemoryError needs. */
        private Optional<CompiledTrainer> observer;
        private final double[][] xHeld;
        private final Dataset heldOut;
        private final Listener listener;
        /** Where a pass over more than {@link Score#CHUNK} held-out rows runs, so that Ctrl-C need not wait for it. */
        private final LeavableCall longPasses;
        /** The params at the end of the last epoch heard; its epoch counts the epochs done. */
        private volatile EpochEnd lastEpoch;
        /** Set once the run left a step running ({@link #leave}): what the training thread does after is unheard. */
        private boolean left;
        private boolean stoppedWithin;
        /** The epochs whose held-out cost was measured. */
        private int traced;
        private Optional<TraceFailed> traceFailed = Optional.empty();

        EpochRecorder(CompiledTrainer trainer, int epochs, Optional<CompiledTrainer> observer, double[][] xHeld,
                      Dataset heldOut, Listener listener, LeavableCall longPasses) {
            this.trainer = trainer;
            this.epochs = epochs;
            this.costs = new double[Math.min(epochs, FIRST_EPOCHS)];
            this.heldOutCosts = new double[observer.isPresent() ? Math.min(epochs, FIRST_EPOCHS) : 0];
            this.observer = observer;
            this.xHeld = xHeld;
            this.heldOut = heldOut;
            this.listener = listener;
            this.longPasses = longPasses;
            this.lastEpoch = EpochEnd.of(0, trainer);
        }

        @Override
        public void onEpoch(int epoch, double cost) {
            boolean tracing;
            Optional<CompiledTrainer> held;
            // Locked against leave(), which the run's own thread may call while this one still trains.
            synchronized (this) {
                if (left) {
                    throw new Stop();
                }
                tracing = observer.isPresent();
                held = observer;
                if (epoch >= 1 && epoch <= epochs) {
                    costs = room(costs, epoch);
                    costs[epoch - 1] = cost;
                    lastEpoch = EpochEnd.of(epoch, trainer);
                }
            }
            if (epoch >= 1 && epoch <= epochs) {
                held.ifPresent(h -> trace(h, epoch));
            }
            try {
                listener.onEpoch(epoch, cost);
            } finally {
                // Heard after the epoch it follows, even when the listener stops the run there.
                if (tracing && traceFailed.isPresent()) {
                    listener.onTraceFailed(traceFailed.get());
                }
            }
        }

        /**
         * The held-out cost after {@code epoch}. What it throws (the heap running out, above all) stops
         * the trace, not the run, as scoring's failures do: the params are the run's result, the plot
         * a view of it. An OutOfMemoryError is caught too: the buffers it grew go with the observer.
         * A long pass runs where the run can leave it (the listener's stopTracing): the observer, still
         * busy there, is dropped, and the epoch goes on to the listener, which stops the run.
         */
        private void trace(CompiledTrainer held, int epoch) {
            Map<String, double[][]> params = lastEpoch.params();
            Map<String, RunningStatistics> batchnorm = lastEpoch.batchnorm();
            Callable<Double> heldOutCost = () -> {
                params.forEach(held::setParam);
                // The cost is the model's as it predicts: batchnorm normalizes with the running averages.
                batchnorm.forEach((name, s) -> held.trainer().setRunningStatistics(name, s.mean(), s.variance()));
                return Score.cost(held, xHeld, heldOut, Score.CHUNK);
            };
            try {
                Optional<Double> cost = pass(xHeld.length, heldOutCost, listener::stopTracing, longPasses);
                synchronized (this) {
                    if (cost.isEmpty()) {
                        observer = Optional.empty();
                        return;
                    }
                    heldOutCosts = room(heldOutCosts, epoch);
                    heldOutCosts[epoch - 1] = cost.get();
                    traced = epoch;
                }
            } catch (Exception | OutOfMemoryError e) {
                synchronized (this) {
                    observer = Optional.empty();
                    traceFailed = Optional.of(new TraceFailed(traced, e));
                }
            }
        }

        /**
         * The run's result once it left a step running: the params, costs and held-out costs of the epochs
         * that ended, no scores ({@link StepLeft}); from then on the training thread's epochs are unheard.
         */
        synchronized Result leave(String networkName, Optional<Standardization> stats) {
            left = true;
            EpochEnd last = lastEpoch;
            return new Result(new SavedParams(networkName, last.params(), last.batchnorm(), stats), costsDone(),
                    heldOutCostsDone(), new StepLeft(last.epoch() + 1), false, traceFailed);
        }

        @Override
        public boolean stopWithinEpoch() {
            stoppedWithin = listener.stopWithinEpoch();
            return stoppedWithin;
        }

        /** {@code costs}, or a copy of twice its length (at most the run's epochs) when epoch {@code epoch} does not fit. */
        private double[] room(double[] costs, int epoch) {
            return epoch <= costs.length ? costs : Arrays.copyOf(costs, (int) Math.min(epochs, Math.max(epoch, 2L * costs.length)));
        }

        double[] costsDone() {
            return Arrays.copyOf(costs, Math.min(lastEpoch.epoch(), costs.length));
        }

        double[] heldOutCostsDone() {
            return Arrays.copyOf(heldOutCosts, traced);
        }
    }

    /**
     * The run's divergence, with the last finite params: the trainer's own when every one is finite
     * (a failing step changes nothing, the optimizer's update that would overflow included, so they
     * are those from before it), else those the last whole epoch ended with. No failure of the
     * trainer's leaves a param non-finite now; the fallback stays for a trainer that would (one whose
     * params were non-finite before the step, which setParam and load refuse).
     */
    private static Diverged diverged(IllegalStateException e, CompiledTrainer trainer, EpochRecorder recorder,
                                     String networkName, Optional<Standardization> stats) {
        EpochEnd lastEpoch = recorder.lastEpoch;
        Map<String, double[][]> last = params(trainer);
        boolean finite = last.values().stream().flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).allMatch(Double::isFinite);
        if (finite) {
            return new Diverged(e, new SavedParams(networkName, last, runningStatistics(trainer), stats),
                    "from before the failing step", recorder.costsDone(), recorder.heldOutCostsDone());
        }
        return new Diverged(e, new SavedParams(networkName, lastEpoch.params(), lastEpoch.batchnorm(), stats),
                lastEpoch.epoch() == 0 ? "the run began with (the failing step had made some non-finite)"
                        : "from the end of epoch " + lastEpoch.epoch() + " (the failing step had made some non-finite)",
                recorder.costsDone(), recorder.heldOutCostsDone());
    }

    /** None for raw features; else the initial params' own, or the training part's statistics when they have none. */
    private static Optional<Standardization> standardization(TrainingPlan plan, Split split, Optional<SavedParams> initial)
            throws DataException {
        if (!plan.standardize()) {
            return Optional.empty();
        }
        Optional<Standardization> given = initial.flatMap(SavedParams::standardization);
        return given.isPresent() ? given : Optional.of(Standardization.fit(split.train().features()));
    }

    /**
     * Trains all the epochs, unless the listener stops the run (a Stop, or stopWithinEpoch), on a thread
     * of its own that {@code leave} can leave within a step: false when it did. What fit throws is thrown.
     */
    private static boolean fit(CompiledTrainer trainer, double[][] x, double[][] y, int epochs, int batch,
                               CompiledTrainer.EpochListener listener, BooleanSupplier leave) {
        try (LeavableCall training = new LeavableCall("netgrad-training")) {
            return training.run(() -> {
                try {
                    trainer.fit(x, y, epochs, batch, listener);
                } catch (Stop stop) {
                    // Thrown between epochs: the params are those of the last epoch heard.
                }
                return true;
            }, leave).isPresent();
        }
    }

    private static Map<String, RunningStatistics> runningStatistics(CompiledTrainer trainer) {
        Map<String, RunningStatistics> out = new java.util.LinkedHashMap<>();
        trainer.trainer().batchnormNames().forEach(name -> out.put(name,
                new RunningStatistics(trainer.trainer().runningMean(name), trainer.trainer().runningVariance(name))));
        return out;
    }

    /**
     * The part's features as the trainer takes them: the rows themselves when raw; else standardized,
     * in place when the caller handed them over. A standardization of the initial params' may
     * overflow on these features (a tiny std); the trainer refuses what is not finite, so it is
     * refused here, in the command line's terms (rows standardized in place are then left part done).
     */
    private static double[][] prepare(Optional<Standardization> stats, Dataset part, Features features) throws DataException {
        double[][] raw = part.features();
        if (stats.isEmpty()) {
            return raw;
        }
        Standardization s = stats.get();
        double[][] x = features == Features.HANDED_OVER ? raw : new double[raw.length][];
        for (int i = 0; i < raw.length; i++) {
            double[] row = raw[i];
            double[] out = x == raw ? row : new double[row.length];
            for (int j = 0; j < row.length; j++) {
                double z = s.apply(row[j], j);
                if (!Double.isFinite(z)) {
                    throw DataException.unplaced("cannot standardize feature " + (j + 1) + ": " + row[j]
                            + " becomes " + z + " with the initial params' standardization (mean " + s.mean()[j]
                            + ", standard deviation " + s.std()[j] + "), which does not fit these features");
                }
                out[j] = z;
            }
            x[i] = out;
        }
        return x;
    }

    private static Map<String, double[][]> params(CompiledTrainer trainer) {
        Map<String, double[][]> params = new java.util.LinkedHashMap<>();
        Arrays.stream(trainer.paramNames()).forEach(name -> params.put(name, trainer.getParam(name)));
        return params;
    }
}
