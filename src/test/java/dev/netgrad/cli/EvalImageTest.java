package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.Evaluation;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Matrix;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eval} on an image network: a filter bank param and its gradient are nested arrays
 * f x f x c_in x c_out (numpy's tolist()), images (h*w*c) x m matrices; what it prints is what the
 * reference evaluator computes.
 */
class EvalImageTest {
    private static final String SPEC = """
            network Tiny {
              input  X[3, 3, 2]
              target Y[2]
              param W1[2, 2, 2, 3]
              param b1[3]
              Z1 = conv2d(X, W1, stride=1, pad=0) + b1
              A1 = tanh(Z1)
              P1 = maxpool(A1, 2, stride=1)
              F1 = flatten(P1)
              param W2[2, 3]
              param b2[2]
              Z2 = W2 @ F1 + b2
              A2 = softmax(Z2)
              loss L = -sum(Y * log(A2), axis=0)
              cost J = mean(L)
            }
            """;

    @TempDir
    Path dir;

    @Test
    void filterBanksAreNestedArraysAndTheValuesAreTheEvaluators() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int m = 3;
        double[][][][] w1 = new double[2][2][2][3];
        double[][] w1Matrix = new double[8][3];
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int ci = 0; ci < 2; ci++) {
                    for (int co = 0; co < 3; co++) {
                        w1[a][b][ci][co] = random.nextDouble(-1, 1);
                        w1Matrix[(a * 2 + b) * 2 + ci][co] = w1[a][b][ci][co];
                    }
                }
            }
        }
        double[][] b1 = randomMatrix(3, 1, random);
        double[][] w2 = randomMatrix(2, 3, random);
        double[][] b2 = randomMatrix(2, 1, random);
        double[][] x = randomMatrix(18, m, random);
        double[][] y = {{1, 0, 1}, {0, 1, 0}};
        JsonObject params = new JsonObject();
        params.add("W1", JsonParser.parseString(java.util.Arrays.deepToString(w1)));
        params.add("b1", JsonParser.parseString(java.util.Arrays.deepToString(b1)));
        params.add("W2", JsonParser.parseString(java.util.Arrays.deepToString(w2)));
        params.add("b2", JsonParser.parseString(java.util.Arrays.deepToString(b2)));
        JsonObject inputs = new JsonObject();
        inputs.add("X", JsonParser.parseString(java.util.Arrays.deepToString(x)));
        inputs.add("Y", JsonParser.parseString(java.util.Arrays.deepToString(y)));
        JsonObject json = new JsonObject();
        json.add("params", params);
        json.add("inputs", inputs);
        String[] result = eval(json.toString());
        assertEquals("0", result[0], result[2]);
        JsonObject printed = JsonParser.parseString(result[1]).getAsJsonObject();

        Derivation d = Deriver.derive(SpecReader.read("tiny.nn", SPEC), Convention.LOSS);
        Environment env = new Environment(m).put("X", Matrix.of(x)).put("Y", Matrix.of(y))
                .put("W1", Matrix.of(w1Matrix)).put("b1", Matrix.of(b1)).put("W2", Matrix.of(w2)).put("b2", Matrix.of(b2));
        Evaluation.Result expected = Evaluation.run(d, env);
        assertEquals(expected.cost(), printed.get("cost").getAsDouble());
        assertEquals(expected.values().get("A2"), matrix(printed.getAsJsonObject("outputs").get("A2")));
        assertEquals(expected.derivatives().get("dW2"), matrix(printed.getAsJsonObject("grads").get("dW2")));
        assertEquals(expected.derivatives().get("dZ1"), matrix(printed.getAsJsonObject("deltas").get("dZ1")), "an image: (h*w*c) x m");
        Matrix dW1 = expected.derivatives().get("dW1");
        JsonArray nested = printed.getAsJsonObject("grads").getAsJsonArray("dW1");
        assertEquals(2, nested.size());
        for (int a = 0; a < 2; a++) {
            for (int b = 0; b < 2; b++) {
                for (int ci = 0; ci < 2; ci++) {
                    JsonArray out = nested.get(a).getAsJsonArray().get(b).getAsJsonArray().get(ci).getAsJsonArray();
                    assertEquals(3, out.size());
                    for (int co = 0; co < 3; co++) {
                        assertEquals(dW1.get((a * 2 + b) * 2 + ci, co), out.get(co).getAsDouble(), "dW1[" + a + "][" + b + "][" + ci + "][" + co + "]");
                    }
                }
            }
        }

        // The rows train --save writes, (f*f*c_in) x c_out, as a params file may give them: the same case.
        params.add("W1", JsonParser.parseString(java.util.Arrays.deepToString(w1Matrix)));
        String[] flat = eval(json.toString());
        assertEquals("0", flat[0], flat[2]);
        assertEquals(result[1], flat[1], "a filter bank as rows reads as the nested array does");
    }

    // Each W1 that is neither form of the declared 2 x 2 x 2 x 3 filter bank, and the message at its key
    // (or at the entry of the nested array that is not as declared).
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]] | case.json:1:13: error: param W1 is 7 x 3, but the network declares it 2 x 2 x 2 x 3 (a nested array f x f x c_in x c_out, as eval takes, or its 8 x 3 rows
            [[[[1, 2, 3]]]]                                                                | case.json:1:13: error: param W1 should be an array of 2 entries: the network declares the filter bank 2 x 2 x 2 x 3
            [[[[1, 2, 3], [1, 2, 3]], [[1, 2, 3], [1, 2, 3]]], [[[1, 2, 3], [1, 2, 3]], [[1, 2, 3], [1, 2]]]] | case.json:1:107: error: W1[1][1][1] should be an array of 3 numbers
            """)
    void aFilterBankOfNeitherFormIsAClearError(String w1, String expected) throws Exception {
        String json = "{\"params\": {\"W1\": " + w1 + ", \"b1\": [[0], [0], [0]], \"W2\": [[1, 2, 3], [1, 2, 3]], \"b2\": [[0], [0]]},"
                + " \"inputs\": {\"X\": [[1], [2], [3], [4], [5], [6], [7], [8], [9], [1], [2], [3], [4], [5], [6], [7], [8], [9]], \"Y\": [[1], [0]]}}";
        String[] result = eval(json);
        assertEquals("2", result[0]);
        assertTrue(result[2].startsWith(dir.resolve("case.json") + expected.substring("case.json".length())), result[2]);
    }

    // An image input X[3, 3, 2] is its 18 x m matrix; nested arrays (numpy's tolist() of the images) or a matrix of
    // other rows are refused at X's key, saying how the pixels are rows. A plain matrix of 18 rows reads.
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            [[[[1, 2], [1, 2], [1, 2]], [[1, 2], [1, 2], [1, 2]], [[1, 2], [1, 2], [1, 2]]]] | case.json:1:192: error: inputs.X is an image of 3 x 3 x 2 (height x width x channels) a column: give its 18 x m matrix (one column per example; pixel (i, j), channel k is row (i * 3 + j) * 2 + k, numpy's images.reshape(m, -1).T for images of shape (m, 3, 3, 2)), not nested arrays
            [[[1], [2]], [[1], [2]], [[1], [2]]]                                              | case.json:1:192: error: inputs.X is an image of 3 x 3 x 2 (height x width x channels) a column: give its 18 x m matrix (one column per example; pixel (i, j), channel k is row (i * 3 + j) * 2 + k, numpy's images.reshape(m, -1).T for images of shape (m, 3, 3, 2)), not nested arrays
            [[1], [2], [3], [4], [5], [6], [7], [8], [9]]                                     | case.json:1:192: error: inputs.X must have 18 rows (one column per example; pixel (i, j), channel k is row (i * 3 + j) * 2 + k, numpy's images.reshape(m, -1).T for images of shape (m, 3, 3, 2)), found 9
            [[1], [2], [3], [4], [5], [6], [7], [8], [9], [1], [2], [3], [4], [5], [6], [7], [8], [9]] | 
            """)
    void anImageInputIsItsMatrixOfPixelRows(String x, String expected) throws Exception {
        String json = "{\"params\": {\"W1\": [[1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3], [1, 2, 3]],"
                + " \"b1\": [[0], [0], [0]], \"W2\": [[1, 2, 3], [1, 2, 3]], \"b2\": [[0], [0]]}, \"inputs\": {\"X\": " + x
                + ", \"Y\": [[1], [0]]}}";
        String[] result = eval(json);
        if (expected == null) {
            assertEquals("0", result[0], result[2]);
            return;
        }
        assertEquals("2", result[0]);
        assertEquals(dir.resolve("case.json") + expected.substring("case.json".length()), result[2].lines().findFirst().orElseThrow());
    }

    /** Exit code, stdout and stderr of {@code eval tiny.nn --in case.json}. */
    private String[] eval(String caseJson) throws Exception {
        Path spec = dir.resolve("tiny.nn");
        Path input = dir.resolve("case.json");
        Files.writeString(spec, SPEC);
        Files.writeString(input, caseJson);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"eval", spec.toString(), "--in", input.toString()},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
    }

    private static double[][] randomMatrix(int rows, int cols, SplittableRandom random) {
        double[][] out = new double[rows][cols];
        for (double[] row : out) {
            for (int c = 0; c < cols; c++) {
                row[c] = random.nextDouble(-1, 1);
            }
        }
        return out;
    }

    private static Matrix matrix(JsonElement e) {
        JsonArray rows = e.getAsJsonArray();
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            JsonArray row = rows.get(r).getAsJsonArray();
            out[r] = new double[row.size()];
            for (int c = 0; c < out[r].length; c++) {
                out[r][c] = row.get(c).getAsDouble();
            }
        }
        return Matrix.of(out);
    }
}
