package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The verbs on hostile and careless input: overflowing values, a missing header, huge files, a
 * full disk. Each gives a located error and exit 2; none prints a wrong answer or loses work.
 */
class HostileInputTest {
    private static final String IRIS = "samples/iris.nn";
    private static final String CANCER = "samples/breast_cancer.nn";

    @TempDir
    static Path shared;

    @TempDir
    Path dir;

    private static Path irisParams;
    private static Path cancerParams;

    record Run(int code, String out, String err) {
    }

    static Run netgrad(String... args) {
        return netgrad(new ByteArrayOutputStream(), args);
    }

    private static Run netgrad(OutputStream stdout, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String out = stdout instanceof ByteArrayOutputStream b ? b.toString(StandardCharsets.UTF_8) : "";
        return new Run(code, out, err.toString(StandardCharsets.UTF_8));
    }

    @BeforeAll
    static void train() {
        irisParams = shared.resolve("iris.json");
        cancerParams = shared.resolve("cancer.json");
        assertEquals(0, netgrad("train", IRIS, "--data", "samples/data/iris.csv", "--epochs", "30", "--save", irisParams.toString()).code());
        assertEquals(0, netgrad("train", CANCER, "--data", "samples/data/breast_cancer.csv", "--epochs", "5", "--save",
                cancerParams.toString()).code());
    }

    private Path file(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static void assertCleanError(Run run, String start) {
        assertEquals(2, run.code(), run.out() + run.err());
        assertTrue(run.err().startsWith(start), "stderr should start with '" + start + "' but was:\n" + run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
    }

    /** A breast-cancer row: the first data row of the sample with feature {@code column} replaced. */
    private static String cancerRow(int column, String value) throws IOException {
        String[] fields = Files.readAllLines(Path.of("samples/data/breast_cancer.csv")).get(1).split(",");
        fields[column] = value;
        return String.join(",", fields);
    }

    private static String cancerHeader() throws IOException {
        String header = Files.readAllLines(Path.of("samples/data/breast_cancer.csv")).get(0);
        return header.substring(0, header.lastIndexOf(','));
    }

    @Test
    void predictRefusesFeaturesBeyondWhatTrainingTakesInsteadOfPrintingAConstant() throws IOException {
        for (String huge : List.of("1e308", "-1e308")) {
            String row = cancerRow(3, huge);
            Path data = file("huge.csv", cancerHeader() + ",label\n" + cancerRow(3, "1001") + "\n" + row + "\n");
            Run run = netgrad("predict", CANCER, "--params", cancerParams.toString(), "--data", data.toString());
            int column = row.indexOf(huge) + 1;
            assertCleanError(run, data + ":3:" + column + ": error: feature " + huge + " is too large: features must lie within ±1e100");
            assertFalse(run.err().contains("accuracy"), "an overflowing row is never counted: " + run.err());
        }
    }

    @Test
    void predictNeverPrintsAnOverflowNorCountsItCorrect() throws IOException {
        // W1[0][0] = 1e308 times a standardized 7.9 (about 2) overflows Z1; tanh would hide it as 1.
        String params = Files.readString(irisParams).replaceFirst("(\"W1\": \\[\\s*\\[)[^,]*,", "$11e308,");
        Path overflowing = file("overflowing.json", params);
        Path data = file("iris.csv", "a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n7.9,3.0,5.2,2.3,2\n");
        Run run = netgrad("predict", IRIS, "--params", overflowing.toString(), "--data", data.toString());
        assertCleanError(run, data + ":3:1: error: the network's Z1 is Infinity on this row, so it has no prediction: "
                + "the network overflows on it with these params (its largest feature, 7.9, is 2.48 standardized: "
                + "huge params, when that is small)");
        assertFalse(run.out().contains("NaN") || run.err().contains("accuracy"), run.out() + run.err());
    }

    @Test
    void predictRefusesAFeatureThatStandardizationOverflows() throws IOException {
        String params = Files.readString(irisParams).replaceFirst("\"std\": \\[[^,]*,", "\"std\": [1e-300,");
        Path shifted = file("shifted.json", params);
        Path data = file("iris.csv", "a,b,c,d\n7e10,3.0,5.2,2.3\n");
        Run run = netgrad("predict", IRIS, "--params", shifted.toString(), "--data", data.toString());
        assertCleanError(run, data + ":2:1: error: feature 7.0E10 overflows when standardized");
    }

    @Test
    void trainRefusesFeaturesWhoseSquaresOverflowAndWritesNoParams() throws IOException {
        Path data = file("wild.csv", "a,b,c,d,label\n5.1,3.5,1.4,0.2,0\n6.7,1e160,5.2,2.3,2\n4.9,3,1.4,0.2,0\n");
        Path save = dir.resolve("wild.json");
        Run run = netgrad("train", IRIS, "--data", data.toString(), "--save", save.toString(), "--holdout", "0");
        assertCleanError(run, data + ":3:5: error: feature 1e160 is too large: features must lie within ±1e100, where their "
                + "squares, summed over the examples, cannot overflow the variance that standardization computes");
        assertFalse(Files.exists(save));
    }

    @Test
    void aParamsFileThatPredictCouldNotReadIsNeverWritten() {
        Path save = dir.resolve("inf.json");
        dev.netgrad.data.SavedParams saved = new dev.netgrad.data.SavedParams("N", java.util.Map.of("W", new double[][] {{1, 2}}),
                java.util.Optional.of(new dev.netgrad.data.Standardization(new double[] {0}, new double[] {Double.POSITIVE_INFINITY})));
        dev.netgrad.data.DataException e = org.junit.jupiter.api.Assertions.assertThrows(dev.netgrad.data.DataException.class,
                () -> dev.netgrad.data.ParamsFile.write(save, saved));
        assertEquals(save + ": error: not written: standardization std[0] is Infinity, which a params file cannot hold", e.getMessage());
        assertFalse(Files.exists(save));
    }

    @Test
    void escapeBytesInAParamsFileReachTheTerminalEscaped() throws IOException {
        Path params = file("title.json", "{\"network\": \"\\u001b]0;owned\\u0007\\u001b[2J\", \"params\": {}}");
        Run run = netgrad("predict", IRIS, "--params", params.toString(), "--data", "samples/data/iris.csv");
        assertCleanError(run, params + ":1:2: error: these params belong to network \\u001b]0;owned\\u0007\\u001b[2J, not to Iris");
        assertFalse(run.err().chars().anyMatch(c -> c == 0x1b || c == 0x07), run.err());
    }

    @Test
    void aMissingHeaderIsAnErrorNotALostExample() throws IOException {
        Path data = file("headless.csv", "5.1,3.5,1.4,0.2,0\n6.7,3.0,5.2,2.3,2\n");
        assertCleanError(netgrad("train", IRIS, "--data", data.toString()),
                data + ":1:1: error: the first row holds only numbers, but it must be a header");
        assertCleanError(netgrad("predict", IRIS, "--params", irisParams.toString(), "--data", data.toString()),
                data + ":1:1: error: the first row holds only numbers");
    }

    @Test
    void aFileTooBigForTheHeapIsRefusedBeforeTrainingButPredictStreamsIt() throws IOException {
        StringBuilder text = new StringBuilder("a,b,c,d,label\n");
        for (int i = 0; i < 3 * PredictCommand.CHUNK; i++) {
            text.append("5.1,3.5,1.4,0.2,0\n6.7,3.0,5.2,2.3,2\n");
        }
        Path data = file("big.csv", text.toString());
        String before = System.getProperty("netgrad.memoryLimit");
        System.setProperty("netgrad.memoryLimit", Long.toString(100_000));
        try {
            Run train = netgrad("train", IRIS, "--data", data.toString(), "--epochs", "1");
            assertCleanError(train, data + ": error: too big to hold in memory: about 24,5");
            assertEquals("", train.out(), "refused before any work");
            Run predict = netgrad("predict", IRIS, "--params", irisParams.toString(), "--data", data.toString());
            assertEquals(0, predict.code(), predict.err());
            assertEquals(1 + 6 * PredictCommand.CHUNK, predict.out().lines().count());
            assertTrue(predict.err().contains("(24576/24576)") || predict.err().matches("accuracy [0-9.]+% \\(\\d+/24576\\)[\\s\\S]*"),
                    predict.err());
        } finally {
            if (before == null) {
                System.clearProperty("netgrad.memoryLimit");
            } else {
                System.setProperty("netgrad.memoryLimit", before);
            }
        }
    }

    @Test
    void dataWithoutNewlinesIsAnErrorNotAnOutOfMemory() throws IOException {
        Path zeros = dir.resolve("zeros.csv");
        Files.write(zeros, new byte[1 << 20]);
        assertCleanError(netgrad("train", IRIS, "--data", zeros.toString()), zeros + ":1:1: error: line 1 is longer than 65536 characters");
        assertCleanError(netgrad("predict", IRIS, "--params", irisParams.toString(), "--data", zeros.toString()),
                zeros + ":1:1: error: line 1 is longer than");
    }

    /** Standard output on a full device. */
    private static final class FullDevice extends OutputStream {
        @Override
        public void write(int b) throws IOException {
            throw new IOException("No space left on device");
        }
    }

    @Test
    void predictIntoAFullDeviceFails() {
        Run run = netgrad(new FullDevice(), "predict", IRIS, "--params", irisParams.toString(), "--data", "samples/data/iris.csv");
        assertEquals(2, run.code(), run.err());
        assertTrue(run.err().startsWith("netgrad: error: cannot write to standard output"), run.err());
    }
}
