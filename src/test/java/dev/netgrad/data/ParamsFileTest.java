package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamsFileTest {
    private static final String SPEC = """
            network Tiny {
              input X[2]
              target Y[1]
              dense 1 sigmoid
              loss cross_entropy
            }
            """;
    private static Network tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSpec() throws SpecException {
        tiny = SpecReader.read("tiny.nn", SPEC);
    }

    private static SavedParams parse(String json) throws DataException {
        return ParamsFile.parse("p.json", json, tiny);
    }

    private static String error(String json) {
        return assertThrows(DataException.class, () -> parse(json)).getMessage();
    }

    /**
     * Params trained through one forward pass and used with another: warned of when the computation differs, not when
     * only the names of the values it defines do (H1 for A1 computes the same network; it was warned of as "another
     * forward pass"). Each row: the trained lines (';' between them), the spec's body, and the warning's line or "none".
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            same lines                    | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | none
            intermediates renamed         | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | H = W1 @ X + b1; A = tanh(H)                  | none
            names swapped                 | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | A1 = W1 @ X + b1; Z1 = tanh(A1)               | none
            a value named T beside .T     | T = W1 @ X + b1; A1 = tanh(T.T).T             | Z1 = W1 @ X + b1; A1 = tanh(Z1.T).T           | none
            a value named as a keyword    | axis = W1 @ X + b1; A1 = sum(axis, axis=0)    | Z1 = W1 @ X + b1; A1 = sum(Z1, axis=0)        | none
            another activation            | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | Z1 = W1 @ X + b1; A1 = relu(Z1)               | line 2 of it was 'A1 = tanh(Z1)', where this spec has 'A1 = relu(Z1)'
            renamed, another activation   | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | H = W1 @ X + b1; A1 = relu(H)                 | line 1 of it was 'Z1 = W1 @ X + b1', where this spec has 'H = W1 @ X + b1'
            values read in other places   | Z1 = W1 @ X + b1; A1 = tanh(Z1); A2 = A1 - Z1 | Z1 = W1 @ X + b1; A1 = tanh(Z1); A2 = Z1 - A1 | line 3 of it was 'A2 = A1 - Z1', where this spec has 'A2 = Z1 - A1'
            a line more                   | Z1 = W1 @ X + b1                              | Z1 = W1 @ X + b1; A1 = tanh(Z1)               | line 2 of it was no more lines, where this spec has 'A1 = tanh(Z1)'
            """)
    void aForwardPassIsOtherWhenItComputesAnotherNetwork(String what, String trained, String body, String warning) throws SpecException {
        List<String> lines = List.of(body.split("; "));
        String output = lines.get(lines.size() - 1).split(" = ")[0];
        Network network = SpecReader.read("two.nn", "network Two {\n input X[2]\n target Y[1]\n param W1[1, 2]\n param b1[1]\n "
                + String.join("\n ", lines) + "\n loss L = (" + output + " - Y) ** 2\n cost J = mean(L)\n}\n");
        Optional<String> found = ParamsFile.otherForward(List.of(trained.split("; ")), network, "p.json");
        assertEquals(warning.equals("none") ? "none" : "p.json was trained through another forward pass than Two's here: " + warning
                + "; the params fit by names and shapes, but the network they make is not the one trained", found.orElse("none"), what);
    }

    private static SavedParams sample() {
        Map<String, double[][]> params = new LinkedHashMap<>();
        params.put("W1", new double[][] {{0.1, -1.0 / 3}});
        params.put("b1", new double[][] {{Math.PI}});
        return new SavedParams("Tiny", params, Optional.of(new Standardization(new double[] {1, 2}, new double[] {0.5, 3})));
    }

    /** A misspelt key would be ignored, and the run would go on without what it names (the standardization). */
    @Test
    void unknownKeysAreRefusedAtTheKeyWithTheKeyMeant() {
        String message = error("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]]},\n \"standardisation\": null}");
        assertTrue(message.startsWith("p.json:2:2: error: unknown key \"standardisation\"; did you mean 'standardization'?"), message);
        message = error("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]]}, \"notes\": \"\"}");
        assertTrue(message.startsWith("p.json:1:43: error: unknown key \"notes\"; the keys of a params file are \"network\""), message);
    }

    /** An eval case holds params in this layout, so it can start a training run: its other keys are known. */
    @Test
    void anEvalCaseReadsAsParams() throws DataException {
        SavedParams saved = parse("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]]}, \"inputs\": {\"X\": [[1], [2]]},"
                + " \"masks\": {}, \"convention\": \"cost\"}");
        assertArrayEquals(new double[][] {{1, 2}}, saved.params().get("W1"));
    }

    @Test
    void aFileLargerThanTheJsonCapIsRefusedAfterReadingJustPastIt() throws IOException {
        Path file = Files.writeString(dir.resolve("big.json"), "[" + "0, ".repeat(100) + "0]");
        String before = System.getProperty(CsvReader.MEMORY_LIMIT_PROPERTY);
        System.setProperty(CsvReader.MEMORY_LIMIT_PROPERTY, "800");
        try {
            String message = assertThrows(DataException.class, () -> ParamsFile.read(file, tiny)).getMessage();
            assertEquals(file + ": error: cannot read: the file is too large: more than 100 characters, the most netgrad reads as JSON"
                    + " with this Java heap; give Java a larger heap (JDK_JAVA_OPTIONS=-Xmx8g ./netgrad ..., for example: java reads that variable)", message);
        } finally {
            if (before == null) {
                System.clearProperty(CsvReader.MEMORY_LIMIT_PROPERTY);
            } else {
                System.setProperty(CsvReader.MEMORY_LIMIT_PROPERTY, before);
            }
        }
    }

    // Tiny's 7 numbers (W1 1 x 2, b1, the standardization's 2 means and 2 stds): 1 MB and 896
    // characters at most. Expected: refused after reading just past that, naming the network.
    @Test
    void aFileFarLargerThanTheNetworksParamsIsRefusedAfterReadingJustPastIt() throws IOException, DataException {
        assertEquals((1 << 20) + 896, ParamsFile.maxChars(tiny));
        Path file = Files.writeString(dir.resolve("huge.json"), "[" + "1,".repeat(600_000) + "1]");
        String message = assertThrows(DataException.class, () -> ParamsFile.read(file, tiny)).getMessage();
        assertEquals(file + ": error: cannot read: the file is too large to be params of network Tiny: more than 1,049,472 characters,"
                + " far more than its 7 numbers take", message);
        Path fits = Files.writeString(dir.resolve("fits.json"), "{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]]}}"
                + " ".repeat((1 << 20) + 800));
        assertArrayEquals(new double[][] {{1, 2}}, ParamsFile.read(fits, tiny).params().get("W1"));
    }

    @Test
    void writtenFileReadsBackBitForBit() throws DataException {
        Path file = dir.resolve("p.json");
        // The feature columns' names as a header may write them: a comma and quotes inside, a letter beyond ASCII.
        List<String> columns = List.of("width, \"cm\"", "höhe\\");
        List<String> forward = List.of("Z1 = W1 @ X + b1", "A1 = \"quoted\" \\ name");
        ParamsFile.write(file, sample().withColumns(columns).withForward(forward));
        SavedParams back = ParamsFile.read(file, tiny);
        assertEquals(forward, back.forward());
        assertArrayEquals(new double[][] {{0.1, -1.0 / 3}}, back.params().get("W1"));
        assertArrayEquals(new double[][] {{Math.PI}}, back.params().get("b1"));
        assertEquals(sample().standardization(), back.standardization());
        assertEquals(columns, back.columns());
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryBehind() throws DataException, IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        ParamsFile.write(file, sample());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertTrue(Files.readString(file).contains("\"standardization\""));
    }

    @Test
    void aNewFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws DataException, IOException {
        Path usual = Files.createFile(dir.resolve("usual"));
        Path file = dir.resolve("p.json");
        ParamsFile.write(file, sample());
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws DataException, IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, shared);
        ParamsFile.write(file, sample());
        assertEquals(shared, Files.getPosixFilePermissions(file));
    }

    @Test
    void readsTheEvalLayoutWithoutStandardization() throws DataException {
        SavedParams p = parse("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0.0]]}, \"inputs\": {}}");
        assertFalse(p.standardization().isPresent());
        assertArrayEquals(new double[][] {{3, 4}}, p.prepare(new double[][] {{3, 4}}));
    }

    // Each case: a file, then where its error points and the message. A refusal about a key points
    // at it; one about what an object lacks, at the object's key; one about an entry of an array (a
    // row, a number), at the entry.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"params": {"W1": [[1, 2], [3, 4]], "b1": [[0]]}}                | 1:13 | param W1 is 2 x 2, but the network declares it 1 x 2
            {"params": {"W1": [[1, 2]]}}                                     | 1:2  | param b1 of network Tiny is missing
            {"params": {"W1": [[1, 2]], "b1": [[0]], "W9": [[0]]}}           | 1:42 | unknown param W9: network Tiny has params W1, b1
            {"params": {"W1": [[1, "x"]], "b1": [[0]]}}                      | 1:24 | W1[0][1] should be a finite number, found "x"
            {"params": {"W1": 3, "b1": [[0]]}}                               | 1:13 | param W1 should be a 1 x 2 array of rows
            {"params": []}                                                   | 1:2  | "params" should be an object
            {"network": "Other", "params": {}}                               | 1:2  | these params belong to network Other, not to Tiny
            {"network": 7, "params": {}}                                     | 1:2  | these params belong to network 7, not to Tiny
            {"params": {"W1": [[1, [2]]], "b1": [[0]]}}                      | 1:24 | W1[0][1] should be a finite number, found [2]
            {"params": {"W1": [[1, null]], "b1": [[0]]}}                     | 1:24 | W1[0][1] should be a finite number, found null
            {"params": {"W1": [[1, 2]],\\n "b1": [\\n  [true]]}}                | 3:4  | b1[0][0] should be a finite number, found true
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "standardization": {"mean": [0, 0], "std": [1, 0]}} | 2:38 | standardization std[1] is 0.0; it must be positive
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "standardization": {"mean": [0, 0]}} | 2:2 | standardization std should be an array of 2 numbers; it is missing
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "standardization": {"mean": [0], "std": [1, 1]}} | 2:22 | standardization mean should be an array of 2 numbers
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "columns": ["x"]}    | 2:2  | "columns" should be an array of the 2 names of the feature columns the params were trained on, found ["x"]
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "columns": ["x", 2]} | 2:19 | columns[1] should be a column's name, a string, found 2
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "forward": "Z1"}    | 2:2  | "forward" should be an array of the lines of the forward pass the params were trained through, found "Z1"
            {"params": {"W1": [[1, 2]], "b1": [[0]]},\\n "forward": [3]}     | 2:14 | forward[0] should be a line of the forward pass, a string, found 3
            {"params": {"W1": [[1, 2]], "b1": [[0]]}, "batchnorm": {"Z1": {}}} | 1:57 | running statistics of an unknown batchnorm Z1: network Tiny has none of that name; it has no batchnorm
            """)
    void aRefusalPointsAtTheKeyItConcerns(String name, String at, String message) {
        String text = name.replace("\\n", "\n");
        String error = error(text);
        assertTrue(error.startsWith("p.json:" + at + ": error: " + message + "\n"), error);
    }

    @Test
    void corruptFilesGiveOneCleanLine() {
        assertTrue(error("{\"params\": {\"W1\": [[1, 2]").startsWith("p.json:"));
        assertTrue(error("").startsWith("p.json:1:1: error: not valid JSON"));
        assertTrue(error("[1]").startsWith("p.json: error: the file should be an object"));
    }

    @Test
    void runningStatisticsOfBatchnormsRoundTripAndPredictionNeedsThem() throws Exception {
        Path spec = Path.of("samples/batchnorm.nn");
        Network bn = SpecReader.read(spec.toString(), Files.readString(spec));
        Map<String, double[][]> params = new LinkedHashMap<>();
        params.put("W1", new double[8][4]);
        params.put("gamma1", new double[8][1]);
        params.put("beta1", new double[8][1]);
        params.put("W2", new double[3][8]);
        params.put("b2", new double[3][1]);
        double[] mean = {0.1, -0.2, 0.3, 1.0 / 3, 0, 5, -6, 7};
        double[] variance = {1, 2, 0, 0.25, 1e-9, 3, 4, Math.E};
        Path file = dir.resolve("bn.json");
        ParamsFile.write(file, new SavedParams("BatchNorm", params, Map.of("Zn1", new RunningStatistics(mean, variance)), Optional.empty()));
        String text = Files.readString(file);
        assertTrue(text.contains("  \"batchnorm\": {\n    \"Zn1\": {\n      \"mean\": [0.1, -0.2, "), text);
        SavedParams back = ParamsFile.readForPrediction(file, bn);
        assertArrayEquals(mean, back.batchnorm().get("Zn1").mean());
        assertArrayEquals(variance, back.batchnorm().get("Zn1").variance());

        // A file of params alone starts a training run, but cannot predict.
        String paramsAlone = text.replaceFirst("(?s),\n  \"batchnorm\": \\{.*?\n  \\}", "");
        Files.writeString(file, paramsAlone);
        assertTrue(ParamsFile.read(file, bn).batchnorm().isEmpty());
        String refusal = assertThrows(DataException.class, () -> ParamsFile.readForPrediction(file, bn)).getMessage();
        assertTrue(refusal.startsWith(file + ": error: no running statistics of the batchnorms of network BatchNorm (Zn1), which prediction"
                + " normalizes with; expected \"batchnorm\": {\"Zn1\": {\"mean\": [...], \"variance\": [...]}}"), refusal);

        Map<String, String> broken = Map.of(
                text.replace("\"Zn1\": {", "\"Zn9\": {"),
                "46:5: error: running statistics of an unknown batchnorm Zn9: network BatchNorm has none of that name; its batchnorms are Zn1",
                text.replace("\"batchnorm\": {", "\"batchnorm\": {\"Zn9\": {}, "),
                "45:17: error: running statistics of an unknown batchnorm Zn9",
                text.replace("\"variance\": [1.0, ", "\"variance\": [-1.0, "),
                "48:7: error: batchnorm Zn1 variance[0] is -1.0; it must not be negative",
                text.replace("\"mean\": [0.1, ", "\"mean\": ["),
                "47:7: error: batchnorm Zn1 mean should be an array of 8 numbers");
        for (Map.Entry<String, String> b : broken.entrySet()) {
            String message = assertThrows(DataException.class, () -> ParamsFile.parse("p.json", b.getKey(), bn)).getMessage();
            assertTrue(message.startsWith("p.json:" + b.getValue()), message);
        }
        // Networks without batchnorm read and write no running statistics.
        assertFalse(ParamsFile.json(sample()).contains("batchnorm"));
    }

    private static final String CONV = """
            network Conv {
              input X[2, 2, 2]
              target Y[1]
              param K[2, 2, 2, 3]
              F = flatten(conv2d(X, K, pad=1))
              param W[1, 27]
              A = sigmoid(W @ F)
              loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
              cost J = mean(L)
            }
            """;

    /**
     * A filter bank as an eval case gives it (numpy's tolist() of f x f x c_in x c_out) starts a
     * training run as the rows train --save writes would: row (a*f + b)*c_in + ci.
     */
    @Test
    void aFilterBankReadsAsTheEvalCaseNestsIt() throws Exception {
        Network conv = SpecReader.read("conv.nn", CONV);
        String w = "\"W\": [[" + "0, ".repeat(26) + "0]]";
        String nested = "[[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]], [[[12, 13, 14], [15, 16, 17]], [[18, 19, 20], [21, 22, 23]]]]";
        double[][] k = ParamsFile.parse("p.json", "{\"params\": {\"K\": " + nested + ", " + w + "}}", conv).params().get("K");
        assertEquals(8, k.length);
        for (int row = 0; row < 8; row++) {
            assertArrayEquals(new double[] {3 * row, 3 * row + 1, 3 * row + 2}, k[row], "row " + row);
        }
        String rows = "[[0, 1, 2], [3, 4, 5], [6, 7, 8], [9, 10, 11], [12, 13, 14], [15, 16, 17], [18, 19, 20], [21, 22, 23]]";
        assertArrayEquals(k, ParamsFile.parse("p.json", "{\"params\": {\"K\": " + rows + ", " + w + "}}", conv).params().get("K"));
        // Each case: K, where the error points in {"params": {"K": ... (13: the key K; else the entry
        // of the nested array that is not as declared), and the message.
        String[][] cases = {
            {"[[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, 11]]]]", "13",
                "param K should be an array of 2 entries: the network declares the filter bank 2 x 2 x 2 x 3"},
            {"[[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8]]], [[[12, 13, 14], [15, 16, 17]], [[18, 19, 20], [21, 22, 23]]]]", "44",
                "param K[0][1] should be an array of 2 entries"},
            {"[[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10]]], [[[12, 13, 14], [15, 16, 17]], [[18, 19, 20], [21, 22, 23]]]]", "56",
                "K[0][1][1] should be an array of 3 numbers"},
            {"[[[[0, 1, 2], [3, 4, 5]], [[6, 7, 8], [9, 10, \"x\"]]], [[[12, 13, 14], [15, 16, 17]], [[18, 19, 20], [21, 22, 23]]]]", "64",
                "K[0][1][1][2] should be a finite number, found \"x\""},
            {"[[0, 1, 2], [3, 4, 5]]", "13", "param K is 2 x 3, but the network declares it 2 x 2 x 2 x 3 (a nested array f x f x c_in x c_out"},
            // PyTorch's Conv2d weight, c_out x c_in x f x f: said so, with the permutation to the course's layout.
            {"[[[[0, 1], [2, 3]], [[4, 5], [6, 7]]], [[[0, 1], [2, 3]], [[4, 5], [6, 7]]], [[[0, 1], [2, 3]], [[4, 5], [6, 7]]]]", "13",
                "param K is nested 3 x 2 x 2 x 2, PyTorch's layout of a Conv2d weight (c_out x c_in x f x f), but the network declares"
                    + " the filter bank 2 x 2 x 2 x 3 (f x f x c_in x c_out): give numpy's W.transpose(2, 3, 1, 0).tolist()"
                    + " (PyTorch's W.permute(2, 3, 1, 0).tolist())"},
        };
        for (String[] c : cases) {
            String json = "{\"params\": {\"K\": " + c[0] + ", " + w + "}}";
            String message = assertThrows(DataException.class, () -> ParamsFile.parse("p.json", json, conv)).getMessage();
            assertTrue(message.startsWith("p.json:1:" + c[1] + ": error: " + c[2]), message);
        }
    }
}
