package dev.netgrad.cli;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.CsvTable;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.Score;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.spec.Network;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad predict SPEC --params P.json --data CSV}: one prediction per example, as CSV on
 * stdout: the predicted class, then the network's output values.
 */
@Command(name = "predict",
        mixinStandardHelpOptions = true,
        description = {"Prints one prediction per example of a CSV file, as CSV: the",
            "predicted class (the largest output, or 1 when a single output is",
            "at least 0.5), then the outputs. Features are standardized as they",
            "were in training. A label column is optional; when present, the",
            "accuracy goes to stderr."})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path specFile;

    @Option(names = "--params", required = true, paramLabel = "P.json", description = "params written by train --save")
    Path params;

    @Option(names = "--data", required = true, paramLabel = "CSV", description = "examples: a header row, then the features (and optionally the label)")
    Path data;

    @Override
    public Integer call() {
        Network network = SpecFiles.readSpec(specFile);
        SavedParams saved = TrainCommand.loaded(() -> ParamsFile.read(params, network));
        CsvTable table = TrainCommand.loaded(() -> CsvReader.read(data, DataLayout.of(network), CsvReader.Labels.OPTIONAL));
        CompiledTrainer trainer = CompiledTrainer.create(TrainCommand.loaded(() -> TrainerClasses.compile(network)), 0);
        saved.params().forEach(trainer::setParam);
        double[][] outputs = trainer.predict(saved.prepare(table.features()));
        PrintWriter out = spec.commandLine().getOut();
        out.println(header(trainer.outputName(), outputs.length == 0 ? 0 : outputs[0].length));
        int[] classes = Score.classes(outputs);
        for (int i = 0; i < outputs.length; i++) {
            out.println(row(classes[i], outputs[i]));
        }
        table.labels().ifPresent(labels -> spec.commandLine().getErr().println(accuracy(classes, labels)));
        return Main.OK;
    }

    private static String header(String output, int width) {
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

    private static String accuracy(int[] predicted, int[] labels) {
        int correct = Score.correct(predicted, labels);
        return String.format(Locale.ROOT, "accuracy %.2f%% (%d/%d) against the label column",
                100.0 * correct / labels.length, correct, labels.length);
    }
}
