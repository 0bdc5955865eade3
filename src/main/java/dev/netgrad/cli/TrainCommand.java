package dev.netgrad.cli;

import dev.netgrad.English;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.CsvTable;
import dev.netgrad.data.DataException;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.Dataset;
import dev.netgrad.data.LossPlot;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.ReadingProgress;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.Split;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingProgress;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.runtime.NetworkTrainer;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.Optimizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad train SPEC --data CSV}: generates the network's trainer, compiles it in memory,
 * trains it on a CSV file (standardized, part held out) and reports cost and accuracy (a
 * regression's root mean squared error). This class checks the options and runs the steps in order;
 * {@link TrainingResults} keeps what the run gives (scores, params, plot) and says its failures.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Trains the network on a CSV file and reports its cost and accuracy.",
            "Generates and compiles the network's trainer, trains it and reports the cost and accuracy (a regression's",
            "root mean squared error) on the training examples and on a held-out part. Defaults come from the spec's",
            "train block.",
            "Progress goes to stderr (a bar on a terminal; NETGRAD_PROGRESS=bar|lines chooses), results to stdout.",
            "The output files are checked before training; none may be an input."})
public final class TrainCommand implements Callable<Integer>, NumericOptions {
    /** Training that produced a non-finite cost. */
    static final int DIVERGED = 1;

    @Spec
    CommandSpec spec;

    /** Where the run hears of Ctrl-C: the process's shutdown hook, or a test's own Interruption and clock. */
    private final Supplier<Interruption> interruptions;
    /** Where the network's trainer comes from: generated and compiled, or a test's own class. */
    private final TrainerSource trainers;
    /** Nanoseconds, as System.nanoTime counts them, for the progress of reading --data (a test's own clock). */
    private final LongSupplier clock;

    /** Makes the trainer class of a network. */
    interface TrainerSource {
        Class<?> compile(Network network) throws DataException;
    }

    public TrainCommand() {
        this(Interruption::install);
    }

    TrainCommand(Supplier<Interruption> interruptions) {
        this(interruptions, TrainerClasses::compile);
    }

    TrainCommand(Supplier<Interruption> interruptions, TrainerSource trainers) {
        this(interruptions, trainers, System::nanoTime);
    }

    TrainCommand(Supplier<Interruption> interruptions, TrainerSource trainers, LongSupplier clock) {
        this.interruptions = interruptions;
        this.trainers = trainers;
        this.clock = clock;
    }

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path specFile;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "examples: a header row, the features, then the label (a class index, 0/1, or a regression's number)")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training examples (0 to " + MAX_EPOCHS + ")")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "mini-batch size; 0 (or the training part's size or more) for full batch")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate, a positive number")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "KIND", description = "gd, momentum or adam; another kind than the spec's starts from its own defaults (adam: lr 0.001, else 0.01), as adam() in the spec would")
    String optimizer;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the initial params, the split, the shuffles and dropout's masks")
    Long seed;

    @Option(names = "--holdout", paramLabel = "F", defaultValue = "0.2",
            description = "fraction of the examples held out for testing (default: ${DEFAULT-VALUE}); 0 for none")
    double holdout;

    @Option(names = "--raw", description = "train on the features as they are, not standardized")
    boolean raw;

    @Option(names = "--init", paramLabel = "P.json", description = "start from these params instead of the spec's init")
    Path init;

    @Option(names = "--save", paramLabel = "P.json", description = "write the trained params and the standardization here")
    Path save;

    @Option(names = "--plot", paramLabel = "PNG",
            description = "draw the cost per epoch, training and held out, into this PNG file")
    Path plot;

    @Option(names = "--plot-log", description = "draw the cost axis of --plot on a logarithmic scale")
    boolean plotLog;

    @Option(names = "--threads", paramLabel = "T", description = "threads every step shares its work among (1 to " + MAX_THREADS + "; default: all cores, sharing only while the trainer measures it faster than one thread)")
    Integer threads;

    /** An epoch's costs are kept for the plot: 10 million epochs take 160 MB. */
    static final int MAX_EPOCHS = 10_000_000;
    static final int MAX_THREADS = NetworkTrainer.MAX_THREADS;
    static final OptionRange EPOCHS = new OptionRange("--epochs", 0, MAX_EPOCHS, "");
    static final OptionRange BATCH = new OptionRange("--batch", 0, Integer.MAX_VALUE, "0 for full batch");
    static final OptionRange THREADS = new OptionRange("--threads", 1, MAX_THREADS, "");
    static final String POSITIVE = "a positive number";
    static final String FRACTION = "at least 0 and less than 1";

    @Override
    public Map<String, String> allowedValues() {
        return Map.of("--epochs", EPOCHS.allowed(), "--batch", BATCH.allowed(), "--threads", THREADS.allowed(),
                "--lr", POSITIVE, "--holdout", FRACTION, "--seed", OptionRange.seed().allowed());
    }

    @Override
    public Integer call() {
        checkOptions();
        // Before any work: a bad output path found after minutes of training would cost them.
        new OutputPaths("netgrad train", false).input("the spec", specFile).input("--data", data).input("--init", init)
                .output("--save", save, OutputPaths.given(spec.commandLine(), "--save"))
                .output("--plot", plot, OutputPaths.given(spec.commandLine(), "--plot")).check();
        if (plot != null) {
            String given = OutputPaths.given(spec.commandLine(), "--plot");
            PlotFormat.refusal("netgrad train", plot, given != null ? given : plot.toString()).ifPresent(refusal -> {
                throw refusal;
            });
        }
        Network network = SpecFiles.readLabelled(specFile);
        TrainingPlan plan = plan(network);
        CsvTable table = loaded(() -> read(network));
        Dataset examples = loaded(() -> table.dataset(DataLayout.of(network).kind()));
        checkHoldout(examples.size());
        // Before compiling: the spec says whether the network has batchnorms, and javac takes seconds.
        int trainSize = examples.size() - Split.heldOutCount(examples.size(), plan.holdout());
        TrainingRun.batchOfOneRefusal(network.name(), network.batchnorms(), plan.batchOn(trainSize), trainSize).ifPresent(refusal -> {
            throw usage(refusal);
        });
        Optional<SavedParams> initial = init == null ? Optional.empty() : Optional.of(loaded(() -> ParamsFile.read(init, network)));
        if (initial.isPresent()) {
            loaded(() -> {
                table.columns().requireTrainedOn(initial.get().columns(), "--init " + init);
                return null;
            });
            initial.get().warnings(table.columns(), network, "--init " + init)
                    .forEach(warning -> spec.commandLine().getErr().println("netgrad train: warning: " + warning));
        }
        if (raw && initial.flatMap(SavedParams::standardization).isPresent()) {
            throw usage("--init " + init + " holds params trained on standardized features (it has a \"standardization\"),"
                    + " which --raw would train on raw ones; drop --raw to go on with that standardization");
        }
        if (plot != null) {
            loaded(() -> {
                LossPlot.prepare();
                return null;
            });
        }
        Class<?> trainer = compile(network);
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(network, examples, plan, initial.flatMap(SavedParams::standardization).isPresent()));
        TrainingResults results = new TrainingResults(out, spec.commandLine().getErr(), save, plot,
                plotLog ? LossPlot.Scale.LOG : LossPlot.Scale.LINEAR).trainedOn(table.columns().names(),
                NetworkPrinter.forward(network));
        try (Interruption interruption = interruptions.get()) {
            return results.keep(network.name(), train(trainer, network, examples, plan, initial, interruption, results));
        }
    }

    /** The examples of --data, saying on stderr how far a long read has come (see ReadingProgress). */
    private CsvTable read(Network network) throws DataException {
        ReadingProgress progress = new ReadingProgress(spec.commandLine().getErr(), data.toString(), CsvReader.sizeOf(data),
                TrainingProgress.barWanted(), clock);
        try {
            CsvTable examples = CsvReader.readTraining(data, DataLayout.of(network), CsvReader.memoryLimit(), progress);
            progress.done(examples.features().length);
            return examples;
        } finally {
            progress.finish();
        }
    }

    /** Says what takes the first seconds of a run (without a javac, the compiler's own message says it all). */
    private Class<?> compile(Network network) {
        if (javax.tools.ToolProvider.getSystemJavaCompiler() == null) {
            return loaded(() -> trainers.compile(network));
        }
        PrintWriter err = spec.commandLine().getErr();
        err.print("generating and compiling " + network.name() + "'s trainer... ");
        err.flush();
        long start = System.nanoTime();
        boolean compiled = false;
        try {
            Class<?> trainer = loaded(() -> trainers.compile(network));
            compiled = true;
            return trainer;
        } finally {
            err.println(compiled ? TrainingProgress.duration((System.nanoTime() - start) / 1e9) : "");
        }
    }

    /** Trains; an interruption (Ctrl-C) ends the run after the current epoch, whose params are then kept. */
    private TrainingRun.Result train(Class<?> trainer, Network network, Dataset examples, TrainingPlan plan,
                                     Optional<SavedParams> initial, Interruption interruption, TrainingResults results) {
        TrainingProgress progress = new TrainingProgress(spec.commandLine().getErr(), plan.epochs(), TrainingProgress.barWanted());
        try {
            // The features are handed over: standardized in place, they are the one copy the trainer reads.
            TrainingRun.Result result = TrainingRun.run(trainer, network.name(), examples, TrainingRun.Features.HANDED_OVER,
                    plan, initial, plot != null, new RunListener(plan.epochs(), progress, interruption, results));
            sayInterrupted(result, plan.epochs(), progress);
            return result;
        } catch (DataException e) {
            // Said once: an unplaced problem after "netgrad train: error: ", a file's as it is.
            throw new UserError(Main.USAGE, e.messageFor("train"));
        } catch (TrainingRun.Diverged e) {
            // The trainer's own non-finite cost: its message names the step, the cost and the likely
            // causes. The adapter's NotATrainer is no IllegalStateException, and a missing javac
            // (NoCompilerException) surfaces while compiling, before this, so neither lands here.
            throw new UserError(DIVERGED, TrainingResults.FAILED + e.getMessage() + results.rescue(e));
        } catch (IllegalStateException e) {
            throw new UserError(DIVERGED, TrainingResults.FAILED + e.getMessage());
        } finally {
            progress.finish();
        }
    }

    /** Hears the run for train: shows its progress, stops it on Ctrl-C, says a failed trace when it fails. */
    private static final class RunListener implements TrainingRun.Listener {
        private final int epochs;
        private final TrainingProgress progress;
        private final Interruption interruption;
        private final TrainingResults results;
        private final KernelsWhenWarm kernels;

        RunListener(int epochs, TrainingProgress progress, Interruption interruption, TrainingResults results) {
            this.epochs = epochs;
            this.progress = progress;
            this.interruption = interruption;
            this.results = results;
            this.kernels = KernelsWhenWarm.startingNow(epochs);
        }

        @Override
        public void onEpoch(int epoch, double cost) {
            kernels.epochEnded(epoch);
            progress.onEpoch(epoch, cost);
            if (interruption.requested() && epoch < epochs) {
                throw new TrainingRun.Stop();
            }
        }

        // An epoch that outlasts half the grace is cut at a mini-batch: else the process
        // would end at the grace's end with nothing saved.
        @Override
        public boolean stopWithinEpoch() {
            kernels.poll();
            return interruption.overdue();
        }

        // Scores are worth the rest of the first half of the grace, not the params' save.
        @Override
        public boolean stopScoring() {
            return interruption.overdue();
        }

        // So is the held-out cost of the epoch just ended. No kernels.poll() here: a
        // product may be under way on the pass's own thread.
        @Override
        public boolean stopTracing() {
            return interruption.overdue();
        }

        // A step with no point inside to stop at (full batch on a large set) is left before the grace
        // ends, else the process would end within it with nothing saved.
        @Override
        public boolean leaveStep() {
            return interruption.leaving();
        }

        // Told when it happens, below the epoch's progress line; the summary comes at the end.
        @Override
        public void onTraceFailed(TrainingRun.TraceFailed failed) {
            progress.finish();
            results.traceFailedNow(failed);
        }
    }

    /** Says where an interrupted run stopped, and what becomes of its params. */
    private void sayInterrupted(TrainingRun.Result result, int epochs, TrainingProgress progress) {
        PrintWriter err = spec.commandLine().getErr();
        if (result.scoring() instanceof TrainingRun.StepLeft left) {
            progress.finish();
            err.println("netgrad train: interrupted; epoch " + left.epoch() + " of " + epochs + " did not end within "
                    + Interruption.LEAVE_SECONDS + " s, and a step cannot be cut, so the scores are left out"
                    + (save == null ? "" : left.epoch() == 1 ? "; saving the params the run began with"
                    : "; saving the params of epoch " + (left.epoch() - 1)));
        } else if (result.partialEpoch()) {
            progress.finish();
            err.println("netgrad train: interrupted; epoch " + (result.costs().length + 1) + " of " + epochs
                    + " did not end within " + Interruption.OVERDUE_SECONDS + " s, so it stopped within it"
                    + (save != null ? "; saving the params as they are" : ""));
        } else if (result.costs().length < epochs) {
            progress.finish();
            err.println("netgrad train: interrupted; stopped after epoch " + result.costs().length + " of "
                    + epochs + (save != null ? "; saving the params of that epoch" : ""));
        }
        if (result.scoring() instanceof TrainingRun.ScoringStopped) {
            progress.finish();
            err.println("netgrad train: interrupted; scoring did not end within " + Interruption.OVERDUE_SECONDS
                    + " s, so the scores are left out" + (save != null ? "; saving the trained params" : ""));
        }
    }

    /** The numeric options, bounded before any file is read. */
    private void checkOptions() {
        if (!(holdout >= 0 && holdout < 1)) {
            throw OptionRange.refused("train", "--holdout", FRACTION, typed("--holdout", holdout));
        }
        if (epochs != null) {
            EPOCHS.check("train", epochs);
        }
        if (batch != null) {
            BATCH.check("train", batch);
        }
        if (threads != null) {
            THREADS.check("train", threads);
        }
        if (lr != null && (!(lr > 0) || Double.isInfinite(lr))) {
            throw OptionRange.refused("train", "--lr", POSITIVE, typed("--lr", lr));
        }
        if (plotLog && plot == null) {
            throw usage("--plot-log draws the --plot chart on a log scale; give --plot FILE.png too");
        }
    }

    /** The text given for a numeric option, for a refusal to echo: "1", not the parsed 1.0. */
    private String typed(String option, double parsed) {
        String text = OutputPaths.given(spec.commandLine(), option);
        return text == null ? String.valueOf(parsed) : text;
    }

    private TrainingPlan plan(Network network) {
        TrainingPlan plan = TrainingPlan.defaults(network).withStandardize(!raw).withHoldout(holdout);
        if (epochs != null) {
            plan = plan.withEpochs(epochs);
        }
        if (plan.epochs() > MAX_EPOCHS) {
            throw usage("the spec's " + plan.epochs() + " epochs are more than " + MAX_EPOCHS + "; give fewer with --epochs");
        }
        if (plot != null && plan.epochs() == 0) {
            // A chart of no costs was drawn as an empty frame with an axis from epoch 1 to 2.
            throw usage("--plot draws the cost of every epoch, and " + (epochs != null ? "--epochs 0" : "the spec's epochs 0")
                    + " trains none; drop --plot or train at least one epoch");
        }
        if (batch != null) {
            plan = plan.withBatch(batch);
        }
        if (seed != null) {
            plan = plan.withSeed(seed);
        }
        if (threads != null) {
            plan = plan.withThreads(threads);
        }
        return plan.withOptimizer(optimizer(plan.optimizer()));
    }

    /** Holding out must leave examples to train on; found now, not after compiling. */
    private void checkHoldout(int examples) {
        if (holdout > 0 && Split.heldOutCount(examples, holdout) >= examples) {
            throw usage(examples + (examples == 1 ? " example is" : " examples are") + " too few to hold out "
                    + holdout + " of them and still train on some; use a smaller --holdout");
        }
    }

    /**
     * The spec's optimizer, or the kind --optimizer names; --lr sets its rate. Another kind than the spec's
     * starts from that kind's defaults, as {@code adam()} would be written in the spec: the spec's settings
     * are its own kind's arguments ({@code gd(lr = 1.2)}), and the planar sample's rate for gradient descent,
     * carried to adam, ran adam at 1,200 times its usual rate.
     */
    private Optimizer optimizer(Optimizer base) {
        Optimizer.Kind kind = optimizer == null ? base.kind() : kind();
        Optimizer start = kind == base.kind() ? base : Optimizer.defaults(kind);
        return lr == null ? start : start.withLr(lr);
    }

    /** The kind --optimizer names. */
    private Optimizer.Kind kind() {
        try {
            return Optimizer.Kind.valueOf(optimizer.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw usage("--optimizer must be gd, momentum or adam, found '" + optimizer + "'");
        }
    }

    private static UserError usage(String message) {
        return UserError.usage("netgrad train", message);
    }

    private String summary(Network network, Dataset examples, TrainingPlan plan, boolean initStandardization) {
        int held = Split.heldOutCount(examples.size(), plan.holdout());
        Optimizer o = plan.optimizer();
        return String.format(Locale.ROOT, "%s: %s (%d to train on, %d held out), %s %s; "
                        + "%s, %s, %s, seed %d",
                network.name(), English.count(examples.size(), "example"), examples.size() - held, held,
                English.count(examples.featureCount(), "feature"),
                plan.standardize() ? (initStandardization ? "standardized as --init's were" : "standardized") : "raw", described(o),
                // A batch of at least the training part is one full batch in the data's order, as fit trains it.
                plan.batchOn(examples.size() - held) == 0 ? "full batch" : "batch " + plan.batch(), English.count(plan.epochs(), "epoch"), plan.seed());
    }

    /**
     * The optimizer as the summary names it: its learning rate and every setting it uses that is not the
     * course's default, as the spec's train block may set it ({@code adam(lr=0.01, beta1=0.5)}); the summary
     * said {@code adam(lr=0.01)} of that too.
     */
    static String described(Optimizer o) {
        Optimizer defaults = Optimizer.gd(o.lr());
        StringBuilder text = new StringBuilder(o.kind().name().toLowerCase(Locale.ROOT)).append("(lr=")
                .append(ExprPrinter.number(o.lr()));
        if (o.kind() == Optimizer.Kind.MOMENTUM) {
            setting(text, "beta", o.beta(), defaults.beta());
        } else if (o.kind() == Optimizer.Kind.ADAM) {
            setting(text, "beta1", o.beta1(), defaults.beta1());
            setting(text, "beta2", o.beta2(), defaults.beta2());
            setting(text, "eps", o.eps(), defaults.eps());
        }
        return text.append(')').toString();
    }

    private static void setting(StringBuilder text, String name, double value, double byDefault) {
        if (Double.compare(value, byDefault) != 0) {
            text.append(", ").append(name).append('=').append(ExprPrinter.number(value));
        }
    }

    /** Something that reads or writes a user's file. */
    interface FileStep<T> {
        T run() throws DataException;
    }

    /** Runs a file step of train's; its DataException becomes a user error (exit 2) with the file's message. */
    private static <T> T loaded(FileStep<T> step) {
        return loaded("train", step);
    }

    /** Runs a file step of {@code verb}'s; its DataException becomes a user error (exit 2), said as that verb's. */
    static <T> T loaded(String verb, FileStep<T> step) {
        try {
            return step.run();
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.messageFor(verb));
        }
    }
}
