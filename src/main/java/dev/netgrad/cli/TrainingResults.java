package dev.netgrad.cli;

import static dev.netgrad.English.count;

import dev.netgrad.data.DataException;
import dev.netgrad.data.Heap;
import dev.netgrad.data.LossPlot;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainingProgress;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.DiagnosticFormatter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What {@code netgrad train} leaves once its run has ended: the scores on stdout, the params in
 * {@code --save} (or, should that fail now, in a file beside it, or on stdout), the cost plot in
 * {@code --plot} (or beside it), and, last, the failures that cost no params (the held-out trace,
 * scoring), each with the exit code it makes. A run that diverged keeps its last finite params here too.
 */
final class TrainingResults {
    /**
     * How a failure of train begins that has no place in a file (the run diverged, scoring or the
     * trace failed, a result could not be written anywhere), as every failure of every verb does;
     * what became of the work (interrupted, saved elsewhere) is no failure and says {@code netgrad train:} alone.
     */
    static final String FAILED = DiagnosticFormatter.error("netgrad train", "");

    private final PrintWriter out;
    private final PrintWriter err;
    /** --save, or null. */
    private final Path save;
    /** --plot, or null. */
    private final Path plot;
    private final LossPlot.Scale scale;
    /** Where a result goes when its own folder fails it, after the folder beside it: see {@link #fallbackFolders}. */
    private final List<Path> fallbacks;
    private final PlotWriter plotWriter;
    /** The feature columns of --data, saved with the params: predict refuses a file of other columns. */
    private List<String> columns = List.of();
    /** The network's forward pass, saved with the params: predict warns of params used with another. */
    private List<String> forward = List.of();

    TrainingResults(PrintWriter out, PrintWriter err, Path save, Path plot, LossPlot.Scale scale) {
        this(out, err, save, plot, scale, fallbackFolders(), LossPlot::write);
    }

    /**
     * These results, whose params are saved with the names of the feature columns they were trained on and the
     * forward pass they were trained through.
     */
    TrainingResults trainedOn(List<String> columns, List<String> forward) {
        this.columns = List.copyOf(columns);
        this.forward = List.copyOf(forward);
        return this;
    }

    /** {@code params} with what they were trained on and through, as every file of these results holds them. */
    private SavedParams asTrained(SavedParams params) {
        return params.withColumns(columns).withForward(forward);
    }

    /** With other fallback folders and another plot writer: a test's, to fail every place or the drawing. */
    TrainingResults(PrintWriter out, PrintWriter err, Path save, Path plot, LossPlot.Scale scale, List<Path> fallbacks,
            PlotWriter plotWriter) {
        this.out = out;
        this.err = err;
        this.save = save;
        this.plot = plot;
        this.scale = scale;
        this.fallbacks = List.copyOf(fallbacks);
        this.plotWriter = plotWriter;
    }

    /** Draws the cost plot into a file, as {@link LossPlot#write} does. */
    interface PlotWriter {
        void write(Path file, double[] costs, double[] heldOutCosts, String title, LossPlot.Scale scale) throws DataException;
    }

    /**
     * Reports the run's scores, saves its params, draws its plot, then says the failures that cost
     * no params, in the order they came, as javac and Maven do: the work is kept, the failures
     * said last. Returns the exit code.
     */
    int keep(String networkName, TrainingRun.Result result) {
        report(result);
        int code = finish(networkName, result);
        if (result.traceFailed().isPresent()) {
            code = failed(code, traceFailure(result.traceFailed().get()), result.traceFailed().get().cause());
        }
        if (result.scoring() instanceof TrainingRun.ScoringFailed failed) {
            code = failed(code, scoringFailure(failed.cause()), failed.cause());
        }
        return code;
    }

    /** The scores, when the run has them (a scoring that failed or was stopped is said on stderr). */
    private void report(TrainingRun.Result result) {
        if (result.scoring() instanceof TrainingRun.Scores scores) {
            out.println(scoreLine("training:", scores.train()));
            scores.heldOut().ifPresent(s -> out.println(scoreLine("held out:", s)));
        }
    }

    static String scoreLine(String label, Score score) {
        String cost = String.format(Locale.ROOT, "%-9s cost %s  ", label, TrainingProgress.format(score.cost()));
        // Score is sealed: an accuracy or a root mean squared error (no pattern switch on Java 17).
        if (score instanceof Score.Accuracy a) {
            String none = a.unclassified() == 0 ? "" : "; " + count(a.unclassified(), "output")
                    + " with a NaN, counted wrong";
            return cost + String.format(Locale.ROOT, "accuracy %.2f%% (%d/%d%s)", 100 * a.accuracy(), a.correct(), a.total(), none);
        }
        Score.Rmse r = (Score.Rmse) score;
        return cost + String.format(Locale.ROOT, "RMSE %s (%d example%s)", TrainingProgress.format(r.rmse()), r.total(),
                r.total() == 1 ? "" : "s");
    }

    /** Saves the params and draws the plot; returns the exit code. */
    private int finish(String networkName, TrainingRun.Result result) {
        int code = Main.OK;
        if (save != null) {
            code = save(result.params());
        }
        if (plot != null && result.costs().length == 0) {
            // Interrupted before its first epoch ended (--epochs 0 is refused with --plot): a chart with no
            // curve would say nothing, and would take the place of a plot the file may hold from an earlier run.
            err.println("netgrad train: no epoch ended, so there is no cost to plot; " + shown(plot) + " is left as it was");
        } else if (plot != null) {
            FileWriter drawing = file -> plotWriter.write(file, result.costs(), result.heldOutCosts(),
                    networkName + ": cost per epoch", scale);
            try {
                drawing.write(plot);
                out.println("wrote cost plot to " + shown(plot));
                int leftOut = LossPlot.leftOut(result.costs(), result.heldOutCosts(), scale);
                if (leftOut > 0) {
                    err.println("netgrad train: warning: --plot-log leaves out " + count(leftOut, "cost")
                            + " of 0 or less from " + shown(plot) + " (a log scale shows positive costs only); draw it without --plot-log to see "
                            + (leftOut == 1 ? "it" : "them"));
                }
            } catch (DataException e) {
                err.println(e.messageFor("train"));
                code = Main.USAGE;
                plotElsewhere(drawing);
            } catch (IllegalStateException shuttingDown) {
                // An interrupted process that ends cannot start what drawing needs; the params are saved.
                err.println(FAILED + "cannot draw " + shown(plot) + " while the process ends: "
                        + shuttingDown.getMessage());
                code = Main.USAGE;
            }
        }
        return code;
    }

    /**
     * Writes the trained params to {@code --save}; should that fail now (the checks passed before
     * training), to a file next to it, in the current folder or the temporary folder, or, as a
     * last resort, onto stdout: the result of a long run is never lost. Returns the exit code.
     */
    private int save(SavedParams trained) {
        SavedParams params = asTrained(trained);
        Optional<String> unwritable = ParamsFile.nonFinite(params);
        if (unwritable.isPresent()) {
            err.println(FAILED + "cannot save the trained params: " + notFinite(unwritable.get()));
            return Main.INTERNAL_ERROR;
        }
        try {
            ParamsFile.write(save, params);
            out.println("saved params to " + shown(save));
            return Main.OK;
        } catch (DataException e) {
            err.println(e.getMessage());
        }
        Optional<Path> rescued = writeElsewhere(save, ".recovered", ".json", file -> ParamsFile.write(file, params), fallbacks);
        if (rescued.isPresent()) {
            err.println("netgrad train: saved the trained params to " + shown(rescued.get()) + " instead");
            out.println("saved params to " + shown(rescued.get()));
        } else {
            err.println(FAILED + "cannot write the trained params anywhere; here they are on stdout");
            out.print(ParamsFile.json(params));
            out.flush();
        }
        return Main.USAGE;
    }

    /**
     * Draws the plot, which --plot failed to take after training (the checks passed before it), into
     * a file next to it, in the current folder or the temporary folder, as the params are saved: the
     * costs of a long run are not lost for a folder that went away.
     */
    private void plotElsewhere(FileWriter drawing) {
        Optional<Path> rescued = writeElsewhere(plot, ".recovered", ".png", drawing, fallbacks);
        if (rescued.isPresent()) {
            err.println("netgrad train: drew the cost plot into " + shown(rescued.get()) + " instead");
            out.println("wrote cost plot to " + shown(rescued.get()));
        } else {
            err.println(FAILED + "cannot write the cost plot anywhere");
        }
    }

    /**
     * A file's name as a line names it: standard output is not escaped as standard error is, so an escape
     * byte in {@code --save} or {@code --plot} drove the terminal; a line break split the line on either.
     */
    static String shown(Path file) {
        return DiagnosticFormatter.escapeName(file.toString());
    }

    /** The params in a new file named after {@code target}: beside it, else in the current or the temporary folder. */
    static Optional<Path> saveElsewhere(Path target, SavedParams params) {
        return writeElsewhere(target, ".recovered", ".json", file -> ParamsFile.write(file, params), fallbackFolders());
    }

    /** The folders a result goes to when the one beside its file fails it: the current folder, then the temporary folder. */
    static List<Path> fallbackFolders() {
        return List.of(Path.of("").toAbsolutePath(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Writes a file of a user's: the params, the plot. */
    interface FileWriter {
        void write(Path file) throws DataException;
    }

    /**
     * A new file named after {@code target} with {@code tag} (stem + tag + extension), which
     * {@code writer} writes: beside it, else in each of {@code fallbacks} in turn.
     */
    static Optional<Path> writeElsewhere(Path target, String tag, String extension, FileWriter writer, List<Path> fallbacks) {
        String name = target.getFileName().toString();
        String stem = name.endsWith(extension) ? name.substring(0, name.length() - extension.length()) : name;
        Path beside = target.toAbsolutePath().getParent();
        List<Path> folders = new ArrayList<>(List.of(beside));
        folders.addAll(fallbacks);
        for (Path folder : folders) {
            for (int n = 1; n <= 100; n++) {
                Path candidate = folder.resolve(stem + tag + (n == 1 ? "" : "-" + n) + extension);
                if (Files.exists(candidate)) {
                    continue;
                }
                try {
                    writer.write(candidate);
                    return Optional.of(candidate);
                } catch (DataException e) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    /** Says a failure that cost no params, and returns the exit code: 2 for out of memory, as for every verb, else 1. */
    private int failed(int code, String message, Throwable cause) {
        err.println(DiagnosticFormatter.escape(message));
        return Math.max(code, cause instanceof OutOfMemoryError ? Main.USAGE : TrainCommand.DIVERGED);
    }

    /** Why the trained params have no scores, and what became of them. */
    private String scoringFailure(Throwable cause) {
        return FAILED + "training finished, but scoring the trained params failed: " + reason(cause) + kept();
    }

    /** Says, when it happens, why --plot's held-out curve stops there: a long run's user need not wait for its end. */
    void traceFailedNow(TrainingRun.TraceFailed failed) {
        err.println(DiagnosticFormatter.escape(FAILED + "the held-out cost for --plot could not be measured after epoch "
                + (failed.traced() + 1) + ": " + reason(failed.cause()) + "; tracing stops there, training goes on"));
        err.flush();
    }

    /** What the run's end says of a trace that failed, said above with its reason: the plot it drew, the params. */
    private String traceFailure(TrainingRun.TraceFailed failed) {
        int traced = failed.traced();
        return FAILED + "the plot "
                + (traced == 0 ? "has no held-out curve" : "shows the held-out cost of the first " + count(traced, "epoch") + " only")
                + " (measuring it after epoch " + (traced + 1) + " failed, as said above)" + kept();
    }

    private static String reason(Throwable cause) {
        return cause instanceof OutOfMemoryError
                ? OutOfMemoryAdvice.outOfMemory() + "; " + Heap.LARGER
                : cause.getMessage() != null ? cause.getMessage() : cause.toString();
    }

    private String kept() {
        return save != null ? "; the params were saved all the same" : "; give --save P.json to keep a run's params";
    }

    /**
     * What became of the params and the plot of a run that diverged: with --save, the params from before
     * the failing step go to a file beside it (never to --save itself, which promises a finished run),
     * so that the epochs already trained are not lost; with --plot, so does the plot of their costs.
     */
    String rescue(TrainingRun.Diverged e) {
        return rescue(e.params(), e.whence()) + rescuePlot(e.params().network(), e.costs(), e.heldOutCosts());
    }

    /**
     * The plot of a run that diverged, drawn from the costs of the epochs that ended before the failing
     * step into a file beside --plot (never into it, as the params never go to --save), else in the
     * current or the temporary folder: the curve that shows the run going wrong was lost with it.
     */
    String rescuePlot(String networkName, double[] costs, double[] heldOutCosts) {
        if (plot == null) {
            return "";
        }
        if (costs.length == 0) {
            return " No epoch ended before the failing step, so there is no cost to plot.";
        }
        String drawn = " The cost of the " + (costs.length == 1 ? "epoch" : count(costs.length, "epoch")) + " before it";
        FileWriter drawing = file -> plotWriter.write(file, costs, heldOutCosts, networkName + ": cost per epoch", scale);
        try {
            Optional<Path> rescued = writeElsewhere(plot, ".diverged", ".png", drawing, fallbacks);
            if (rescued.isPresent()) {
                return drawn + " is plotted in " + rescued.get() + " (not in " + plot + ": the run did not finish).";
            }
            return drawn + " could not be plotted anywhere.";
        } catch (IllegalStateException shuttingDown) {
            // An interrupted process that ends cannot start what drawing needs.
            return drawn + " cannot be plotted while the process ends: " + shuttingDown.getMessage() + ".";
        }
    }

    /**
     * {@link #rescue(TrainingRun.Diverged)} of {@code params}, which {@code whence} says the age of; should
     * no folder take them, they go onto stdout, as a finished run's do: a long run's epochs are never lost.
     */
    String rescue(SavedParams kept, String whence) {
        if (save == null) {
            return "";
        }
        SavedParams params = asTrained(kept);
        Optional<String> unwritable = ParamsFile.nonFinite(params);
        if (unwritable.isPresent()) {
            // Every write would refuse them, and stdout would take JSON that is no JSON ("W1": [[NaN]]).
            return " The params " + whence + " cannot be kept: " + notFinite(unwritable.get()) + ".";
        }
        Optional<Path> rescued = writeElsewhere(save, ".diverged", ".json", file -> ParamsFile.write(file, params), fallbacks);
        if (rescued.isPresent()) {
            return " The params " + whence + " are saved to " + rescued.get() + " (not to " + save + ": the run did not finish).";
        }
        out.print(ParamsFile.json(params));
        out.flush();
        return " The params " + whence + " could not be written anywhere; here they are on stdout.";
    }

    /**
     * Params that are not finite, which no params file holds: TrainingRun keeps only finite ones (a step that would
     * make one non-finite stops the run, which keeps those from before it), so this is a bug, said as one.
     */
    private static String notFinite(String entry) {
        return entry + ", which a params file cannot hold; this is a bug in netgrad (training keeps only finite params):"
                + " please report it with the command line and the input files";
    }

}
