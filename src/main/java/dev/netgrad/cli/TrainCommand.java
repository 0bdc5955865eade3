package dev.netgrad.cli;

import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataException;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.Dataset;
import dev.netgrad.data.LossPlot;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.Score;
import dev.netgrad.data.Split;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingProgress;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Optimizer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad train SPEC --data CSV}: generates the network's trainer, compiles it in memory,
 * trains it on a CSV file (standardized, part held out) and reports cost and accuracy.
 */
@Command(name = "train",
        mixinStandardHelpOptions = true,
        description = {"Generates and compiles the network's trainer, trains it on a CSV",
            "file and reports the cost and accuracy on the training examples",
            "and on a held-out part. Defaults come from the spec's train block."})
public final class TrainCommand implements Callable<Integer> {
    /** Training that produced a non-finite cost. */
    static final int DIVERGED = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path specFile;

    @Option(names = "--data", required = true, paramLabel = "CSV",
            description = "examples: a header row, the features, then the label (a class index)")
    Path data;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training examples")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "mini-batch size; 0 for full batch")
    Integer batch;

    @Option(names = "--lr", paramLabel = "X", description = "learning rate")
    Double lr;

    @Option(names = "--optimizer", paramLabel = "KIND", description = "gd, momentum or adam")
    String optimizer;

    @Option(names = "--seed", paramLabel = "S", description = "seed of the initial params, the split and the shuffles")
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

    @Option(names = "--plot", paramLabel = "PNG", description = "draw the cost per epoch into this PNG file")
    Path plot;

    @Option(names = "--threads", paramLabel = "T", description = "threads the trainer may use")
    Integer threads;

    @Override
    public Integer call() {
        Network network = SpecFiles.readSpec(specFile);
        TrainingPlan plan = plan(network);
        Dataset examples = loaded(() -> CsvReader.readDataset(data, DataLayout.of(network)));
        Optional<Map<String, double[][]>> initial = init == null ? Optional.empty()
                : Optional.of(loaded(() -> ParamsFile.read(init, network)).params());
        Class<?> trainer = loaded(() -> TrainerClasses.compile(network));
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(network, examples, plan));
        TrainingRun.Result result = train(trainer, network, examples, plan, initial);
        report(result);
        if (save != null) {
            loaded(() -> {
                ParamsFile.write(save, result.params());
                return null;
            });
            out.println("saved params to " + save);
        }
        if (plot != null) {
            loaded(() -> {
                LossPlot.write(plot, result.costs(), network.name() + ": cost per epoch");
                return null;
            });
            out.println("wrote cost plot to " + plot);
        }
        return Main.OK;
    }

    private TrainingRun.Result train(Class<?> trainer, Network network, Dataset examples, TrainingPlan plan,
                                     Optional<Map<String, double[][]>> initial) {
        TrainingProgress progress = new TrainingProgress(spec.commandLine().getOut(), spec.commandLine().getErr(),
                plan.epochs(), TrainingProgress.stderrIsTerminal());
        try {
            return TrainingRun.run(trainer, network.name(), examples, plan, initial, progress);
        } catch (DataException e) {
            throw new UserError(Main.USAGE, "netgrad train: " + e.getMessage());
        } catch (IllegalStateException e) {
            // The trainer's own non-finite cost: its message names the step, the cost and the likely
            // causes. The adapter's NotATrainer is no IllegalStateException, and a missing javac
            // (NoCompilerException) surfaces while compiling, before this, so neither lands here.
            throw new UserError(DIVERGED, "netgrad train: " + e.getMessage());
        } finally {
            progress.finish();
        }
    }

    private TrainingPlan plan(Network network) {
        TrainingPlan plan = TrainingPlan.defaults(network).withStandardize(!raw);
        if (!(holdout >= 0 && holdout < 1)) {
            throw usage("--holdout must be at least 0 and less than 1, got " + holdout);
        }
        plan = plan.withHoldout(holdout);
        if (epochs != null) {
            plan = plan.withEpochs(atLeast("--epochs", epochs, 0));
        }
        if (batch != null) {
            plan = plan.withBatch(atLeast("--batch", batch, 0));
        }
        if (seed != null) {
            plan = plan.withSeed(seed);
        }
        if (threads != null) {
            plan = plan.withThreads(atLeast("--threads", threads, 1));
        }
        return plan.withOptimizer(optimizer(plan.optimizer()));
    }

    private Optimizer optimizer(Optimizer base) {
        Optimizer.Kind kind = base.kind();
        if (optimizer != null) {
            try {
                kind = Optimizer.Kind.valueOf(optimizer.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw usage("--optimizer must be gd, momentum or adam, got '" + optimizer + "'");
            }
        }
        double rate = base.lr();
        if (lr != null) {
            if (!(lr > 0) || Double.isInfinite(lr)) {
                throw usage("--lr must be a positive number, got " + lr);
            }
            rate = lr;
        }
        return new Optimizer(kind, rate, base.beta(), base.beta1(), base.beta2(), base.eps());
    }

    private static int atLeast(String option, int value, int min) {
        if (value < min) {
            throw usage(option + " must be at least " + min + ", got " + value);
        }
        return value;
    }

    private static UserError usage(String message) {
        return new UserError(Main.USAGE, "netgrad train: " + message);
    }

    private String summary(Network network, Dataset examples, TrainingPlan plan) {
        int held = Split.heldOutCount(examples.size(), plan.holdout());
        Optimizer o = plan.optimizer();
        return String.format(Locale.ROOT, "%s: %d examples (%d to train on, %d held out), %d features %s; "
                        + "%s(lr=%s), %s, %d epochs, seed %d",
                network.name(), examples.size(), examples.size() - held, held, examples.featureCount(),
                plan.standardize() ? "standardized" : "raw", o.kind().name().toLowerCase(Locale.ROOT), number(o.lr()),
                plan.batch() == 0 ? "full batch" : "batch " + plan.batch(), plan.epochs(), plan.seed());
    }

    /** A hyper-parameter as a user writes it: 1.2, 0.0001, 1E+10. */
    private static String number(double value) {
        return new java.math.BigDecimal(Double.toString(value)).stripTrailingZeros().toString();
    }

    private void report(TrainingRun.Result result) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(scoreLine("training:", result.train()));
        result.heldOut().ifPresent(s -> out.println(scoreLine("held out:", s)));
    }

    static String scoreLine(String label, Score score) {
        return String.format(Locale.ROOT, "%-9s cost %s  accuracy %.2f%% (%d/%d)", label,
                TrainingProgress.format(score.cost()), 100 * score.accuracy(), score.correct(), score.total());
    }

    /** Something that reads or writes a user's file. */
    interface FileStep<T> {
        T run() throws DataException;
    }

    /** Runs a file step; its DataException becomes a user error (exit 2) with the file's message. */
    static <T> T loaded(FileStep<T> step) {
        try {
            return step.run();
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.getMessage());
        }
    }
}
