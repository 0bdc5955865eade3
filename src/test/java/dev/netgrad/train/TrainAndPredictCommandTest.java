package dev.netgrad.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.cli.Main;
import dev.netgrad.cli.PredictCommand;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.SavedParams;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code netgrad train} and {@code netgrad predict} through {@link Main#run}, as a user runs them. */
class TrainAndPredictCommandTest {
    private static final String IRIS = "samples/iris.nn";
    private static final String IRIS_CSV = "samples/data/iris.csv";

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run netgrad(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertCleanError(Run run, String start) {
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith(start), "stderr should start with '" + start + "' but was:\n" + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    @Test
    void trainSavesParamsThatPredictReads() throws IOException {
        Path params = dir.resolve("iris.json");
        Path plot = dir.resolve("loss.png");
        Run train = netgrad("train", IRIS, "--data", IRIS_CSV, "--epochs", "60", "--save", params.toString(),
                "--plot", plot.toString());
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().startsWith("Iris: 150 examples (120 to train on, 30 held out), 4 features standardized"), train.out());
        assertTrue(train.err().contains("epoch 60/60  cost "), train.err());
        assertTrue(train.out().contains("held out:"), train.out());
        assertTrue(Files.readString(params).contains("\"standardization\""));
        assertTrue(Files.readString(params).contains(
                "\"columns\": [\"sepal_length_cm\", \"sepal_width_cm\", \"petal_length_cm\", \"petal_width_cm\"]"));
        assertTrue(Files.size(plot) > 0);

        Run predict = netgrad("predict", IRIS, "--params", params.toString(), "--data", IRIS_CSV);
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals("class,A2_0,A2_1,A2_2", lines.get(0));
        assertEquals(151, lines.size());
        assertTrue(lines.get(1).matches("[0-2](,[-+0-9.eE]+){3}"), lines.get(1));
        assertTrue(percent(predict.err()) >= 90, "standardized as in training: " + predict.err());
    }

    /**
     * A network whose predictions mix the examples (its hidden layer centred by the mean over the examples) predicts
     * a file in one pass: in chunks of PredictCommand.CHUNK rows each chunk was centred by its own mean. The file
     * holds its rows twice, the second copy across the first chunk's end, so one pass gives both copies the same
     * predictions and chunks did not.
     */
    @Test
    void aNetworkWhosePredictionsMixTheExamplesPredictsAFileInOnePass() throws IOException {
        Path spec = file("centered.nn", Files.readString(Path.of("samples/planar.nn")).replace("A1 = tanh(Z1)", "A1 = tanh(Z1 - mean(Z1, axis=1))"));
        List<String> rows = Files.readAllLines(Path.of("samples/data/planar.csv"));
        StringBuilder once = new StringBuilder();
        int copies = PredictCommand.CHUNK / (rows.size() - 1);
        for (int c = 0; c < copies; c++) {
            rows.subList(1, rows.size()).forEach(row -> once.append(row).append('\n'));
        }
        Path data = file("twice.csv", rows.get(0) + "\n" + once + once);
        int n = copies * (rows.size() - 1);
        Path params = dir.resolve("centered.json");
        assertEquals(0, netgrad("train", spec.toString(), "--data", data.toString(), "--epochs", "2", "--save", params.toString()).code());
        Run predict = netgrad("predict", spec.toString(), "--params", params.toString(), "--data", data.toString());
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = predict.out().lines().toList();
        assertEquals(1 + 2 * n, lines.size());
        assertTrue(n < PredictCommand.CHUNK && 2 * n > PredictCommand.CHUNK, "the second copy starts in the first chunk and ends after it");
        long differing = java.util.stream.IntStream.range(1, 1 + n).filter(i -> !lines.get(i).equals(lines.get(i + n))).count();
        assertEquals(0, differing, "rows whose two copies were predicted differently");
    }

    @Test
    void savedParamsLoadIntoTheGeneratedClassItself() throws Exception {
        Path params = dir.resolve("iris.json");
        assertEquals(0, netgrad("train", IRIS, "--data", IRIS_CSV, "--epochs", "3", "--save", params.toString()).code());
        Network network = Samples.network("iris.nn");
        CompiledTrainer generated = CompiledTrainer.create(Samples.trainerClass(network), 99);
        generated.load(params);
        SavedParams saved = ParamsFile.read(params, network);
        for (String name : generated.paramNames()) {
            assertArrayEquals(saved.params().get(name), generated.getParam(name), name);
        }
    }

    @Test
    void batchnormPredictsOneRowAsInsideTheWholeFileAndNeedsItsRunningStatistics() throws Exception {
        String spec = "samples/batchnorm.nn";
        Path params = dir.resolve("bn.json");
        Run train = netgrad("train", spec, "--data", IRIS_CSV, "--epochs", "10", "--save", params.toString());
        assertEquals(0, train.code(), train.err());
        String saved = Files.readString(params);
        assertTrue(saved.contains("\"batchnorm\": {\n    \"Zn1\": {\n      \"mean\": ["), saved);
        Run all = netgrad("predict", spec, "--params", params.toString(), "--data", IRIS_CSV);
        assertEquals(0, all.code(), all.err());
        List<String> csv = Files.readAllLines(Path.of(IRIS_CSV));
        List<String> predicted = all.out().lines().toList();
        for (int row : new int[] {1, 75, 150}) {
            Path one = file("one.csv", csv.get(0) + "\n" + csv.get(row) + "\n");
            Run alone = netgrad("predict", spec, "--params", params.toString(), "--data", one.toString());
            assertEquals(0, alone.code(), alone.err());
            assertEquals(predicted.get(row), alone.out().lines().toList().get(1), "row " + row);
        }
        // The generated class reads the file the CLI wrote, running statistics included, and predicts the same.
        Network network = Samples.network("batchnorm.nn");
        CompiledTrainer generated = CompiledTrainer.create(Samples.trainerClass(network), 7);
        generated.load(params);
        SavedParams read = ParamsFile.read(params, network);
        assertArrayEquals(read.batchnorm().get("Zn1").mean(), generated.trainer().runningMean("Zn1"));
        assertArrayEquals(read.batchnorm().get("Zn1").variance(), generated.trainer().runningVariance("Zn1"));

        Path paramsAlone = file("alone.json", saved.replaceFirst("(?s),\n  \"batchnorm\": \\{.*?\n  \\}", ""));
        assertCleanError(netgrad("predict", spec, "--params", paramsAlone.toString(), "--data", IRIS_CSV),
                paramsAlone + ": error: no running statistics of the batchnorms of network BatchNorm (Zn1)");
        assertEquals(0, netgrad("train", spec, "--data", IRIS_CSV, "--epochs", "1", "--init", paramsAlone.toString()).code());
    }

    @Test
    void predictTakesFilesWithoutALabelColumn() throws IOException {
        Path params = dir.resolve("iris.json");
        assertEquals(0, netgrad("train", IRIS, "--data", IRIS_CSV, "--epochs", "5", "--save", params.toString()).code());
        Path unlabelled = file("flowers.csv", "sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        Run predict = netgrad("predict", IRIS, "--params", params.toString(), "--data", unlabelled.toString());
        assertEquals(0, predict.code(), predict.err());
        assertEquals(3, predict.out().lines().count());
        assertEquals("", predict.err());
    }

    /**
     * Features are read by position: a file whose columns stand in other places than in the training data's header
     * (saved with the params) was predicted from swapped features, exit 0. Other names in the same places are
     * warned of, last. FILE is the file predicted from, PARAMS the params file.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # header                                                             | exit | stderr starts with
            sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm        | 0    |
            sepal_length_cm,sepal_width_cm,petal_length_cm,petal_width_cm,label  | 0    | accuracy
            " sepal_length_cm","sepal_width_cm",petal_length_cm ,petal_width_cm  | 0    |
            petal_length_cm,sepal_width_cm,sepal_length_cm,petal_width_cm        | 2    | FILE:1:1: error: column 'petal_length_cm' is feature 1 here, but feature 3 in the data PARAMS was trained on: netgrad reads features by position, not by name, as numpy does, so the network would take it for another feature; give the columns in the training order: sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm
            sepal_length_cm,petal_length_cm,sepal_width_cm,petal_width_cm,label  | 2    | FILE:1:17: error: column 'petal_length_cm' is feature 2 here, but feature 3
            # a column left out, another added at the end: every column after the first is shifted by one
            sepal_width_cm,petal_length_cm,petal_width_cm,colour                 | 2    | FILE:1:1: error: column 'sepal_width_cm' is feature 1 here, but feature 2
            a,b,c,d                                                              | 0    | netgrad predict: warning: feature column 1 of FILE is 'a', but 'sepal_length_cm' in the data PARAMS was trained on (3 more have other names too): netgrad reads features by position, not by name, as numpy does, so each column is taken for the training data's column in its place (sepal_length_cm, sepal_width_cm, petal_length_cm, petal_width_cm)
            sepal_length_cm,sepal_width_cm,petal_length,petal_width_cm,label     | 0    | accuracy 
            """)
    void predictRefusesColumnsInOtherPlacesThanInTraining(String header, int exit, String err) throws IOException {
        Path params = trainedIris();
        int columns = header.split(",").length;
        Path data = file("flowers.csv", header + "\n" + (columns == 5 ? "5.1,3.5,1.4,0.2,0" : "5.1,3.5,1.4,0.2") + "\n");
        Run predict = netgrad("predict", IRIS, "--params", params.toString(), "--data", data.toString());
        String expected = err == null ? "" : err.replace("FILE", data.toString()).replace("PARAMS", params.toString());
        assertEquals(exit, predict.code(), predict.err());
        assertTrue(predict.err().startsWith(expected), "stderr should start with '" + expected + "' but was:\n" + predict.err());
        if (err == null) {
            assertEquals("", predict.err());
        }
        assertEquals(exit == 0 ? 2 : 0, predict.out().lines().count(), predict.out());
    }

    @Test
    void aRenamedColumnIsWarnedOfAfterTheAccuracy() throws IOException {
        Path params = trainedIris();
        Path data = file("flowers.csv", "sepal_length_cm,sepal_width_cm,petal_length,petal_width_cm,label\n5.1,3.5,1.4,0.2,0\n");
        Run predict = netgrad("predict", IRIS, "--params", params.toString(), "--data", data.toString());
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.err().endsWith("\nnetgrad predict: warning: feature column 3 of " + data + " is 'petal_length', but"
                + " 'petal_length_cm' in the data " + params + " was trained on: netgrad reads features by position, not by name,"
                + " as numpy does, so each column is taken for the training data's column in its place (sepal_length_cm,"
                + " sepal_width_cm, petal_length_cm, petal_width_cm)\n"), predict.err());
    }

    /**
     * Params used with a spec whose forward pass changed since they were trained (relu for tanh: the same names and
     * shapes, so they load) make another network than the one trained: predict said nothing of it. Now a warning names
     * the first line that differs; the spec they were trained by gives none.
     */
    @Test
    void paramsUsedThroughAnotherForwardPassAreWarnedOf() throws IOException {
        Path params = trainedIris();
        Path relu = predictsWithAWarningOnlyThroughRelu(params);
        Run init = netgrad("train", relu.toString(), "--data", IRIS_CSV, "--epochs", "1", "--init", params.toString());
        assertEquals(0, init.code(), init.err());
        assertTrue(init.err().contains("netgrad train: warning: --init " + params + " was trained through another forward pass"),
                init.err());
    }

    /**
     * A generated trainer's save records its forward pass as train --save does (it wrote none, so predict could not
     * tell): the command line reads the file, and warns when the spec's forward pass is another; its own spec gives none.
     */
    @Test
    void paramsSavedByTheGeneratedClassAreWarnedOfThroughAnotherForwardPass() throws Exception {
        Network network = Samples.network("iris.nn");
        CompiledTrainer generated = CompiledTrainer.create(Samples.trainerClass(network), 5);
        Path params = dir.resolve("saved-by-the-class.json");
        generated.save(params);
        assertEquals(NetworkPrinter.forward(network), ParamsFile.read(params, network).forward());
        predictsWithAWarningOnlyThroughRelu(params);
    }

    /**
     * Predicting with {@code params} (trained by iris.nn) through iris.nn gives no warning, through iris.nn with relu for
     * tanh the forward-pass warning; returns that relu spec.
     */
    private Path predictsWithAWarningOnlyThroughRelu(Path params) throws IOException {
        Path data = file("flowers.csv", Files.readAllLines(Path.of(IRIS_CSV)).get(0) + "\n5.1,3.5,1.4,0.2,0\n");
        Run same = netgrad("predict", IRIS, "--params", params.toString(), "--data", data.toString());
        assertEquals(0, same.code(), same.err());
        assertFalse(same.err().contains("warning"), same.err());
        Path relu = file("iris.nn", Files.readString(Path.of(IRIS)).replace("dense 10 tanh", "dense 10 relu"));
        Run other = netgrad("predict", relu.toString(), "--params", params.toString(), "--data", data.toString());
        assertEquals(0, other.code(), other.err());
        assertTrue(other.err().endsWith("netgrad predict: warning: " + params + " was trained through another forward pass than"
                + " Iris's here: line 2 of it was 'A1 = tanh(Z1)', where this spec has 'A1 = relu(Z1)'; the params fit by names"
                + " and shapes, but the network they make is not the one trained\n"), other.err());
        return relu;
    }

    /** Going on from --init on a file of other columns would train each weight on another feature: refused before training. */
    @Test
    void trainingFromInitRefusesColumnsInOtherPlaces() throws IOException {
        Path params = trainedIris();
        List<String> rows = Files.readAllLines(Path.of(IRIS_CSV));
        StringBuilder swapped = new StringBuilder();
        for (String row : rows) {
            String[] f = row.split(",");
            swapped.append(String.join(",", f[1], f[0], f[2], f[3], f[4])).append('\n');
        }
        Path data = file("swapped.csv", swapped.toString());
        Path save = dir.resolve("again.json");
        Run train = netgrad("train", IRIS, "--data", data.toString(), "--init", params.toString(), "--save", save.toString());
        assertCleanError(train, data + ":1:1: error: column 'sepal_width_cm' is feature 1 here, but feature 2 in the data --init "
                + params + " was trained on");
        assertFalse(Files.exists(save));
    }

    /**
     * Standard output redirected into --data itself: with >> the predictions were appended to the data and read back
     * as rows (a hundred errors, the file left longer); with > the shell had emptied it, said as an empty file. Refused
     * before anything is written, where the system tells (Linux's /proc).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            # redirection | standard error
            >>            | netgrad predict: error: standard output is --data DATA itself: the predictions would be written into the file they are read from; redirect them into another file (> predictions.csv)
            >             | netgrad predict: error: standard output is --data DATA itself: the predictions would be written into the file they are read from (it is empty now: a shell's > empties its file before the command starts, so its rows are lost unless a copy is kept); redirect them into another file (> predictions.csv)
            """)
    void predictionsRedirectedIntoTheirOwnDataAreRefused(String redirection, String expected) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "the system tells descriptors' files in /proc");
        Path params = trainedIris();
        Path data = Files.copy(Path.of(IRIS_CSV), dir.resolve("flowers.csv"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String command = "exec \"$0\" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"$1\" " + Main.class.getName()
                + " predict " + IRIS + " --params \"$2\" --data \"$3\" " + redirection + " \"$3\"";
        Path errors = dir.resolve("err.txt");
        Process process = new ProcessBuilder("sh", "-c", command, java, System.getProperty("java.class.path"), params.toString(),
                data.toString()).redirectError(errors.toFile()).start();
        assertEquals(2, process.waitFor());
        assertEquals(expected.replace("DATA", data.toString()) + "\n", Files.readString(errors, StandardCharsets.UTF_8));
        assertEquals(redirection.equals(">>") ? Files.readString(Path.of(IRIS_CSV)) : "", Files.readString(data), "left as it was");
    }

    private Path trainedIris() {
        Path params = dir.resolve("iris.json");
        assertEquals(0, netgrad("train", IRIS, "--data", IRIS_CSV, "--epochs", "1", "--save", params.toString()).code());
        return params;
    }

    @Test
    void planarFromTheCourseInitReachesTheCourseAccuracy() {
        Run train = netgrad("train", "samples/planar.nn", "--data", "samples/data/planar.csv", "--raw", "--holdout", "0",
                "--init", "samples/data/planar_init.json");
        assertEquals(0, train.code(), train.err());
        assertTrue(train.out().contains("400 to train on, 0 held out"), train.out());
        assertTrue(train.err().contains("epoch  1000/10000  cost "), train.err());
        // The course's 363/400, give or take the one boundary point that rounding moves (PlanarReferenceTest).
        assertTrue(train.out().contains("accuracy 90.75% (363/400)") || train.out().contains("accuracy 90.50% (362/400)"), train.out());
        assertFalse(train.out().contains("held out:"), train.out());
    }

    @Test
    void corruptParamsAreRefused() throws IOException {
        Path broken = file("broken.json", "{\"params\": {\"W1\": [[1, 2]");
        assertCleanError(netgrad("predict", IRIS, "--params", broken.toString(), "--data", IRIS_CSV), broken + ":");
        Path wrongShape = file("shape.json", "{\"params\": {\"W1\": [[1]], \"b1\": [[0]], \"W2\": [[0]], \"b2\": [[0]]}}");
        Run shape = netgrad("predict", IRIS, "--params", wrongShape.toString(), "--data", IRIS_CSV);
        assertCleanError(shape, wrongShape + ":1:13: error: param W1 is 1 x 1, but the network declares it 10 x 4");
    }

    @Test
    void paramsOfAnotherNetworkAreRefused() {
        Path params = dir.resolve("iris.json");
        assertEquals(0, netgrad("train", IRIS, "--data", IRIS_CSV, "--epochs", "1", "--save", params.toString()).code());
        Run predict = netgrad("predict", "samples/breast_cancer.nn", "--params", params.toString(),
                "--data", "samples/data/breast_cancer.csv");
        assertCleanError(predict, params + ":2:3: error: these params belong to network Iris, not to BreastCancer");
    }

    @Test
    void badCsvFilesGiveLocatedErrors() throws IOException {
        Path ragged = file("ragged.csv", "a,b,c,d,label\n1,2,3,4,0\n1,2,3\n");
        Run raggedRun = netgrad("train", IRIS, "--data", ragged.toString());
        assertCleanError(raggedRun, ragged + ":3:6: error: this row has 3 fields, but the header has 5");
        assertTrue(raggedRun.err().contains("\n1,2,3\n     ^"), raggedRun.err());

        Path word = file("word.csv", "a,b,c,d,label\n1,2,x,4,0\n");
        assertCleanError(netgrad("train", IRIS, "--data", word.toString()), word + ":2:5: error: expected a number as feature, found 'x'");

        Path wide = file("wide.csv", "a,b,c,label\n1,2,3,0\n");
        assertCleanError(netgrad("train", IRIS, "--data", wide.toString()),
                wide + ":1:1: error: the header has 4 columns (3 features and a label), but input X has 4 rows");

        Path label = file("label.csv", "a,b,c,d,label\n1,2,3,4,0\n1,2,3,4,3\n");
        assertCleanError(netgrad("train", IRIS, "--data", label.toString()), label + ":3:9: error: label 3 is out of range");

        Path empty = file("empty.csv", "");
        assertCleanError(netgrad("train", IRIS, "--data", empty.toString()), empty + ":1:1: error: empty file");

        assertCleanError(netgrad("train", IRIS, "--data", dir.resolve("none.csv").toString()), dir.resolve("none.csv") + ": error: cannot read: no such file");

        Path noTarget = file("auto.nn", """
                network Auto {
                  input X[2]
                  param W[2, 2]
                  R = W @ X
                  loss L = sum((R - X)^2, axis=0)
                  cost J = mean(L)
                }
                """);
        assertCleanError(netgrad("train", noTarget.toString(), "--data", wide.toString()),
                noTarget + ": error: network Auto has 1 input and 0 targets; training on a CSV file needs exactly one of each");
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertCleanError(netgrad("train", IRIS, "--data", IRIS_CSV, "--holdout", "1.5"), "netgrad train: error: --holdout must be");
        assertCleanError(netgrad("train", IRIS, "--data", IRIS_CSV, "--optimizer", "sgd"), "netgrad train: error: --optimizer must be gd, momentum or adam");
        assertCleanError(netgrad("train", IRIS, "--data", IRIS_CSV, "--lr", "-1"), "netgrad train: error: --lr must be a positive number");
        assertEquals(2, netgrad("train", IRIS).code());
    }

    @Test
    void tooFewExamplesToHoldOutIsAUsageError() throws IOException {
        Path one = file("one.csv", "a,b,c,d,label\n1,2,3,4,0\n");
        assertCleanError(netgrad("train", IRIS, "--data", one.toString()), "netgrad train: error: 1 example is too few to hold out 0.2");
        assertEquals(0, netgrad("train", IRIS, "--data", one.toString(), "--holdout", "0", "--epochs", "1").code());
    }

    @Test
    void divergingTrainingStopsWithAMessage() throws IOException {
        Path spec = file("blowup.nn", """
                network Blowup {
                  input X[2]
                  target Y[1]
                  dense 1 linear
                  loss mse
                  train {
                    optimizer gd(lr = 1e10)
                    epochs 200
                  }
                }
                """);
        Path data = file("blowup.csv", "a,b,label\n1,2,0\n2,1,1\n3,5,1\n-1,0,0\n");
        Run run = netgrad("train", spec.toString(), "--data", data.toString(), "--holdout", "0");
        assertEquals(1, run.code(), run.out() + run.err());
        // Progress comes first on stderr; the error is its last line.
        List<String> err = run.err().lines().toList();
        assertTrue(err.get(err.size() - 1).startsWith("netgrad train: error: Blowup: training stopped at step"), run.err());
        assertFalse(run.err().contains("\tat "), run.err());

        // With --save, the params from before the failing step are kept beside it, and --save is left alone;
        // with --plot, the costs of the epochs before it are drawn beside it too (they were lost).
        Path save = dir.resolve("blowup.json");
        Path plot = dir.resolve("cost.png");
        Run saved = netgrad("train", spec.toString(), "--data", data.toString(), "--holdout", "0", "--save", save.toString(),
                "--plot", plot.toString());
        assertEquals(1, saved.code(), saved.out() + saved.err());
        Path rescued = dir.resolve("blowup.diverged.json");
        assertTrue(saved.err().contains("The params from before the failing step are saved to " + rescued), saved.err());
        assertFalse(Files.exists(save), "--save promises a finished run");
        Matcher step = Pattern.compile("training stopped at step ([0-9]+):").matcher(saved.err());
        assertTrue(step.find(), saved.err());
        int epochs = Integer.parseInt(step.group(1)) - 1;  // full batch: a step an epoch
        Path drawn = dir.resolve("cost.diverged.png");
        assertTrue(saved.err().contains("The cost of the " + epochs + " epochs before it is plotted in " + drawn
                + " (not in " + plot + ": the run did not finish)."), saved.err());
        assertFalse(Files.exists(plot), "--plot is left alone, as --save is");
        byte[] png = Files.readAllBytes(drawn);
        assertEquals("PNG", new String(png, 1, 3, StandardCharsets.US_ASCII));
        Run predict = netgrad("predict", spec.toString(), "--params", rescued.toString(), "--data", data.toString());
        assertEquals(0, predict.code(), predict.err());
    }

    @Test
    void anUpdateThatOverflowsAParamSavesTheLastFiniteParams() throws IOException {
        Path spec = file("overflow.nn", """
                network Overflow {
                  input X[2]
                  target Y[1]
                  dense 1 linear
                  loss mse
                  train {
                    optimizer gd(lr = 1e200)
                    epochs 5
                  }
                }
                """);
        // Raw features of 1e100: the first gradient, about 1e198, is finite; 1e200 times it is not.
        Path data = file("overflow.csv", "a,b,label\n1e100,2,0\n2,1,1\n3,5e99,1\n-1,0,0\n");
        Path save = dir.resolve("overflow.json");
        Run run = netgrad("train", spec.toString(), "--data", data.toString(), "--holdout", "0", "--raw", "--save", save.toString());
        assertEquals(1, run.code(), run.out() + run.err());
        Path rescued = dir.resolve("overflow.diverged.json");
        // Expected: the failing step (the first) leaves the params as they were, and those are saved.
        assertTrue(run.err().contains("the update would make W1[0][0] non-finite"), run.err());
        assertTrue(run.err().contains("Nothing of this step was applied"), run.err());
        assertTrue(run.err().contains("The params from before the failing step are saved to " + rescued), run.err());
        Path initial = dir.resolve("initial.json");
        assertEquals(0, netgrad("train", spec.toString(), "--data", data.toString(), "--holdout", "0", "--raw", "--epochs", "0",
                "--save", initial.toString()).code());
        assertEquals(Files.readString(initial), Files.readString(rescued));
    }

    private static double percent(String text) {
        Matcher m = Pattern.compile("accuracy ([0-9.]+)%").matcher(text);
        assertTrue(m.find(), text);
        return Double.parseDouble(m.group(1));
    }
}
