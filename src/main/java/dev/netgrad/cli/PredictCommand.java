package dev.netgrad.cli;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainingProgress;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad predict SPEC --params P.json --data CSV}: one prediction per example, as CSV on
 * stdout: the predicted class, then the network's output values; for a regression, the output.
 */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Prints one prediction per example of a CSV file, as CSV.",
            "For a classifier each line is the predicted class (the largest output, or 1 when a single output is at",
            "least 0.5, or at least 0 when it is a logit), then the outputs; for a regression (a one-row target whose",
            "output is neither a sigmoid's value nor a logit the network passes to a sigmoid or softplus), the output.",
            "Features are standardized as they were in training. A label column is optional; when present, the",
            "accuracy (or the root mean squared error) goes to stderr. Rows are read, predicted and printed a chunk",
            "at a time (the whole file at once for a network whose predictions mix the examples); a row whose",
            "values overflow the network is an error, never printed as a prediction."})
public final class PredictCommand implements Callable<Integer> {
    /** Rows read, predicted and printed together: memory stays flat however long the file. */
    public static final int CHUNK = 4096;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path specFile;

    @Option(names = "--params", required = true, paramLabel = "P.json", description = "params written by train --save")
    Path params;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "examples: a header row, then the features (and optionally the label)")
    Path data;

    /** Where Linux tells which file standard output is. */
    private static final Path STANDARD_OUTPUT = Path.of("/proc/self/fd/1");

    @Override
    public Integer call() {
        refuseOutputIntoData();
        Network network = SpecFiles.readLabelled(specFile);
        SavedParams saved = TrainCommand.loaded("predict", () -> ParamsFile.readForPrediction(params, network));
        DataLayout layout = TrainCommand.loaded("predict", () -> DataLayout.of(network));
        PrintWriter out = spec.commandLine().getOut();
        Prediction kind = layout.kind();
        // How many classes were right, or the squared errors summed, against a label column.
        int correct = 0;
        double squaredError = 0;
        int total = 0;
        // Opening reads the header: a file that is no CSV of this network fails before the compilation.
        try (CsvReader reader = TrainCommand.loaded("predict", () -> CsvReader.open(data, layout, CsvReader.Labels.OPTIONAL))) {
            TrainCommand.loaded("predict", () -> {
                reader.columns().requireTrainedOn(saved.columns(), params.toString());
                return null;
            });
            CompiledTrainer trainer = CompiledTrainer.create(TrainCommand.loaded("predict", () -> TrainerClasses.compile(network)), 0);
            saved.params().forEach(trainer::setParam);
            saved.batchnorm().forEach((name, s) -> trainer.trainer().setRunningStatistics(name, s.mean(), s.variance()));
            List<String> checked = checkedValues(network);
            // A network whose predictions mix the examples predicts the file in one pass: chunks would each give their own.
            int rowsAtOnce = trainer.predictionCouplesExamples() ? Integer.MAX_VALUE : CHUNK;
            Optional<CsvReader.Rows> chunk;
            while ((chunk = TrainCommand.loaded("predict", () -> reader.next(rowsAtOnce))).isPresent()) {
                CsvReader.Rows rows = chunk.get();
                double[][] x = prepared(saved, rows);
                double[][] outputs = trainer.predict(x);
                requireFinite(trainer, checked, rows, x);
                if (total == 0) {
                    out.println(header(kind, trainer.outputName(), outputs[0].length));
                }
                int[] classes = kind.classifies() ? Score.classes(outputs, kind) : new int[0];
                for (int i = 0; i < outputs.length; i++) {
                    out.println(kind.classifies() ? row(classes[i], outputs[i]) : number(outputs[i]));
                }
                if (out.checkError()) {
                    // Main reports it; there is no point predicting the rest of a big file into a full disk.
                    return Main.OUTPUT_FAILED;
                }
                if (rows.labels().isPresent() && kind.classifies()) {
                    correct += Score.correct(classes, rows.labels().get());
                } else if (rows.labels().isPresent()) {
                    squaredError += Score.squaredError(outputs, rows.labels().get());
                }
                total += rows.size();
            }
            if (reader.labelled()) {
                spec.commandLine().getErr().println(kind.classifies() ? accuracy(correct, total)
                        : rootMeanSquaredError(squaredError, total));
            }
            // Said last, where it is seen: the predictions were made, but perhaps from other features than trained on.
            saved.warnings(reader.columns(), network, params.toString())
                    .forEach(warning -> spec.commandLine().getErr().println("netgrad predict: warning: " + warning));
        }
        return Main.OK;
    }

    /**
     * Standard output redirected into --data itself: with {@code >> d.csv} the predictions were appended to the
     * file while it was read, read back as rows (a hundred errors) and left in the data; with {@code > d.csv} the
     * shell had emptied it before netgrad started, which was said as an empty file. Refused before anything is
     * written, as GNU cat refuses an input file that is its output; where the system does not tell (no /proc), not.
     */
    private void refuseOutputIntoData() {
        boolean same;
        long size;
        try {
            same = Files.isRegularFile(STANDARD_OUTPUT) && Files.isSameFile(STANDARD_OUTPUT, data);
            size = same ? Files.size(data) : -1;
        } catch (IOException | RuntimeException e) {
            return;
        }
        if (same) {
            throw UserError.usage("netgrad predict", "standard output is --data " + data + " itself: the predictions would"
                    + " be written into the file they are read from" + (size == 0 ? " (it is empty now: a shell's > empties"
                    + " its file before the command starts, so its rows are lost unless a copy is kept)" : "")
                    + "; redirect them into another file (> predictions.csv)");
        }
    }

    /** The rows as the network takes them; a value that standardization overflows is an error at its field. */
    private static double[][] prepared(SavedParams saved, CsvReader.Rows rows) {
        double[][] x = saved.prepare(rows.features());
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < x[i].length; j++) {
                if (!Double.isFinite(x[i][j])) {
                    throw new UserError(Main.USAGE, rows.error(i, j, "feature " + rows.features()[i][j]
                            + " overflows when standardized with the training mean and std of its column; it cannot "
                            + "be predicted on").getMessage());
                }
            }
        }
        return x;
    }

    /**
     * The values the output is computed from, in order: a prediction made through a value that is
     * not finite (an overflow, which relu or a sigmoid may hide as an ordinary-looking number) is
     * no prediction.
     */
    private static List<String> checkedValues(Network network) {
        List<String> names = new ArrayList<>();
        for (Statement s : network.statements()) {
            if (s.role() == Statement.Role.VALUE) {
                names.add(s.name());
            }
            if (s.name().equals(network.output())) {
                break;
            }
        }
        return names;
    }

    /**
     * Refuses the first row on which any checked value is not finite, pointing at its largest
     * feature; the params share the blame (a hand-edited 1e308 overflows on features of 2).
     */
    private static void requireFinite(CompiledTrainer trainer, List<String> checked, CsvReader.Rows rows, double[][] x) {
        for (String name : checked) {
            double[][] value;
            try {
                value = trainer.value(name);
            } catch (IllegalArgumentException notKept) {
                continue;
            }
            for (int e = 0; e < rows.size(); e++) {
                for (double[] valueRow : value) {
                    if (!Double.isFinite(valueRow[e])) {
                        int j = largest(x[e]);
                        throw new UserError(Main.USAGE, rows.error(e, j, "the network's " + name + " is " + valueRow[e]
                                + " on this row, so it has no prediction: the network overflows on it with these params"
                                + " (its largest feature, " + rows.features()[e][j] + ", is " + String.format(Locale.ROOT, "%.3g", x[e][j])
                                + " standardized: huge params, when that is small)").getMessage());
                    }
                }
            }
        }
    }

    private static int largest(double[] row) {
        int best = 0;
        for (int j = 1; j < row.length; j++) {
            best = Math.abs(row[j]) > Math.abs(row[best]) ? j : best;
        }
        return best;
    }

    /** A classifier's columns: its class, then its outputs; a regression's: its output alone. */
    private static String header(Prediction kind, String output, int width) {
        if (!kind.classifies()) {
            return output;
        }
        StringBuilder line = new StringBuilder("class");
        for (int j = 0; j < width; j++) {
            line.append(',').append(output).append(width == 1 ? "" : "_" + j);
        }
        return line.toString();
    }

    private static String row(int predicted, double[] output) {
        StringBuilder line = new StringBuilder(Integer.toString(predicted));
        for (double v : output) {
            line.append(',').append(v);
        }
        return line.toString();
    }

    private static String number(double[] output) {
        return Double.toString(output[0]);
    }

    private static String rootMeanSquaredError(double squaredError, int total) {
        return "RMSE " + TrainingProgress.format(Math.sqrt(squaredError / total)) + " against the label column ("
                + total + (total == 1 ? " row)" : " rows)");
    }

    private static String accuracy(int correct, int total) {
        return String.format(Locale.ROOT, "accuracy %.2f%% (%d/%d) against the label column",
                100.0 * correct / total, correct, total);
    }
}
