package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code netgrad eval} never reads a non-finite number nor prints one bare: its output is always JSON. */
class EvalInputTest {
    private static final String PLANAR_PARAMS = "\"params\": {\"W1\": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]],"
            + " \"b1\": [[0], [0], [0], [0]], \"W2\": [[1, 2, 3, 4]], \"b2\": [[0]]}";

    @TempDir
    Path dir;

    @Test
    void aNumberTooLargeForADoubleIsALocatedError() throws IOException {
        Path in = Files.writeString(dir.resolve("case.json"), "{" + PLANAR_PARAMS + ",\n \"inputs\": {\"X\": [[1e999], [0]], \"Y\": [[1]]}}");
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(in + ":2:20: error: number 1e999 is too large for a double (at most about 1.8e308)\n"
                + " \"inputs\": {\"X\": [[1e999], [0]], \"Y\": [[1]]}}\n"
                + "                   ^\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void malformedJsonIsReportedInNetgradsWords() throws IOException {
        Path in = Files.writeString(dir.resolve("case.json"), "{" + PLANAR_PARAMS + ",\n \"inputs\": {\"X\": [[1] [0]]}}");
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(in + ":2:23: error: not valid JSON: expected ',' or ']' after an element of the array, found '['"),
                r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("gson"), r.err());
    }

    /** A misspelt key would otherwise run a case the user did not write (the default convention, no masks). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            ,\\n "convension": "cost"} | case.json:2:2: error: unknown key "convension"; did you mean 'convention'?
            ,\\n "mask": {}}           | case.json:2:2: error: unknown key "mask"; did you mean 'masks'?
            ,\\n "comment": "x"}       | case.json:2:2: error: unknown key "comment"; the keys of a case file are "params", "inputs", "masks", "convention"
            """)
    void unknownKeysAreRefusedAtTheKey(String tail, String expected) throws IOException {
        Path in = Files.writeString(dir.resolve("case.json"), "{" + PLANAR_PARAMS + ", \"inputs\": {\"X\": [[1], [0]], \"Y\": [[1]]}"
                + tail.translateEscapes());
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(dir.resolve(expected).toString()), r.err());
        assertEquals("", r.out());
    }

    /** One known key is "the only key", not "the keys ... are": a network with an input and no target. */
    @Test
    void anUnknownInputBesideTheOnlyOneSaysItsOneKey() throws IOException {
        Path spec = Files.writeString(dir.resolve("one.nn"), """
                network NoTarget {
                  input X[2]
                  param W1[1, 2] init randn(0.01)
                  A1 = tanh(W1 @ X)
                  loss L = A1^2
                  cost J = mean(L)
                  output A1
                }
                """);
        Path in = Files.writeString(dir.resolve("case.json"), "{\"params\": {\"W1\": [[0.1, 0.2]]},"
                + "\n \"inputs\": {\"features\": [[1], [0]]}}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(in + ":2:13: error: unknown key \"features\"; the only key of "), r.err());
        assertTrue(r.err().contains(" is \"X\"\n"), r.err());
    }

    @Test
    void anUnknownInputIsRefusedAtItsKey() throws IOException {
        Path in = Files.writeString(dir.resolve("case.json"), "{" + PLANAR_PARAMS + ",\n \"inputs\": {\"X\": [[1], [0]], \"YY\": [[1]]}}");
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(in + ":2:30: error: unknown key \"YY\"; did you mean 'Y'?"), r.err());
    }

    // A case that does not fit the network is an input error like any other: at the key it is about
    // (the params on line 1, the inputs on line 2), or at the key of the object that lacks one; a row
    // or a number of the wrong type (or a row of another length) at that row or number, as a params
    // file's; a case without "params" has no place to point at.
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = '|', textBlock = """
            {"b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]}                                                       | {"X": [[1], [0]], "Y": [[1]]}         | case.json:1:2: error: params.W1 is missing
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]}             | {"X": [[1], [0]], "Y": [[1]]}         | case.json:1:69: error: param b1 must be 4 x 1, found 1 x 1
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], ["x"], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1]]}    | case.json:1:87: error: params.b1[2][0] must be a number, found "x"
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], 0, [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1]]}       | case.json:1:86: error: params.b1[2] must be an array of numbers, found 0
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [null]], "Y": [[1]]}    | case.json:2:25: error: inputs.X[1][0] must be a number, found null
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1, 2], [0]], "Y": [[1, 1]]} | case.json:2:27: error: inputs.X is not rectangular: row 1 has 1 entry, row 0 has 2 entries
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]], "V": [[1]]} | {"X": [[1], [0]], "Y": [[1]]} | case.json:1:132: error: params.V: Planar has no param V
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1]], "Y": [[1]]}              | case.json:2:13: error: inputs.X must have 2 rows (one column per example), found 1
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1], [0]]}    | case.json:2:30: error: inputs.Y must have 1 row (one column per example), found 2
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1, 0]]}      | case.json:2:30: error: inputs.Y has 2 columns (examples) but inputs.X has 1
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"Y": [[1]]}                          | case.json:2:2: error: inputs.X is missing
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[], []], "Y": [[]]}            | case.json:2:13: error: inputs.X holds no example: a case needs at least one column
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[]]}          | case.json:2:30: error: inputs.Y holds no example: a case needs at least one column
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1]]}, "masks": {"A1": [[1]]} | case.json:2:53: error: masks.A1: Planar has no dropout that assigns A1
            {"W1": [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8]], "b1": [[0], [0], [0], [0]], "W2": [[1, 2, 3, 4]], "b2": [[0]]} | {"X": [[1], [0]], "Y": [[1]]}, "convention": "costs" | case.json:2:43: error: "convention" must be "loss" or "cost", found "costs"
            [[1]]                                                                                                                 | {"X": [[1], [0]], "Y": [[1]]}         | case.json:1:2: error: "params" must be an object of named matrices
                                                                                                                                  | {"X": [[1], [0]], "Y": [[1]]}         | case.json: error: missing "params"
            """)
    void aCaseThatDoesNotFitTheNetworkIsAnErrorAtItsKey(String params, String inputs, String expected) throws IOException {
        String text = (params == null ? "{" : "{\"params\": " + params + ",") + "\n \"inputs\": " + inputs + "}";
        Path in = Files.writeString(dir.resolve("case.json"), text);
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals(dir.resolve(expected).toString(), r.err().lines().findFirst().orElseThrow(), r.err());
        if (expected.contains(".json: ")) {
            assertEquals(1, r.err().lines().count(), "one line without a place:\n" + r.err());
        } else {
            assertTrue(r.err().endsWith("^\n"), "the line and a caret:\n" + r.err());
        }
        assertEquals("", r.out());
    }

    // A mask of the wrong shape is refused at its key; the trainer's own check could only name it. A keep-mask
    // holds 0 and 1 alone: any other entry would scale a unit by something dropout never does.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "[[1, 0], [0, 1]]          | ",
        "[[1.0, 0.0], [-0.0, 1]]   | ",
        "[[1, 0], [0.5, 1]]        | case.json:2:54: error: masks.A[1][0] must be 0 or 1 (a dropout keep-mask), found 0.5",
        "[[2, 0], [0, 1]]          | case.json:2:54: error: masks.A[0][0] must be 0 or 1 (a dropout keep-mask), found 2",
        "[[1, -1], [0, 1]]         | case.json:2:54: error: masks.A[0][1] must be 0 or 1 (a dropout keep-mask), found -1",
        "[[1, 0]]                  | case.json:2:54: error: mask A must be 2 x 2 (the shape of A for the case's 2 examples), found 1 x 2",
        "[[1], [0]]                | case.json:2:54: error: mask A must be 2 x 2 (the shape of A for the case's 2 examples), found 2 x 1",
    })
    void aMaskOfTheWrongShapeIsRefusedAtItsKey(String mask, String expected) throws IOException {
        Path spec = Files.writeString(dir.resolve("drop.nn"), """
                network Drop {
                  input X[1]
                  target Y[1]
                  param W[2, 1]
                  param V[1, 2]
                  A = dropout(relu(W @ X), 0.5)
                  Z = V @ A
                  loss L = (Z - Y) * (Z - Y)
                  cost J = mean(L)
                }
                """);
        Path in = Files.writeString(dir.resolve("case.json"), "{\"params\": {\"W\": [[1], [2]], \"V\": [[1, 1]]},\n"
                + " \"inputs\": {\"X\": [[1, 2]], \"Y\": [[0, 1]]}, \"masks\": {\"A\": " + mask + "}}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        if (expected == null) {
            assertEquals(0, r.code(), r.err());
        } else {
            assertEquals(2, r.code(), r.err());
            assertEquals(dir.resolve(expected).toString(), r.err().lines().findFirst().orElseThrow(), r.err());
            assertTrue(r.err().endsWith("^\n"), r.err());
        }
    }

    // A softmax's cross-entropy is derived as dZ = A - Y, its derivative only when each column of Y sums
    // to 1: any other target would print grads that are not those of the printed cost. A sigmoid's
    // A - Y holds for any Y, and so does a softmax under another loss. Sums within the trainer's rounding
    // slack (1e-12) of 1 are taken, as the trainer takes them; 1e-10 or 1e-11 off are not.
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            cross_entropy | [[1, 0], [0, 1], [0, 0]]         |
            cross_entropy | [[0.1, 0.5], [0.2, 0.5], [0.7, 0]] |
            cross_entropy | [[1, 0], [1, 1], [0, 0]]         | case.json:2:36: error: inputs.Y: column 0 sums to 2.0, not 1: Soft's loss is a cross-entropy over a softmax, derived as A - Y, which holds only when every column of Y sums to 1 (one-hot classes, or probabilities)
            cross_entropy | [[1, 0], [0, 0], [0, 0]]         | case.json:2:36: error: inputs.Y: column 1 sums to 0.0, not 1
            cross_entropy | [[0.1, 0.5], [0.2, 0.5], [0.7000000001, 0]] | case.json:2:36: error: inputs.Y: column 0 sums to 1.0000000001, not 1
            cross_entropy | [[0.1, 0.5], [0.2, 0.5], [0.69999999999, 0]]  | case.json:2:36: error: inputs.Y: column 0 sums to 0.99999999999
            cross_entropy | [[0.1, 0.5], [0.2, 0.5], [0.6999999999999, 0]] |
            mse           | [[1, 0], [1, 1], [0, 0]]         |
            """)
    void aSoftmaxCrossEntropyTakesOnlyTargetsWhoseColumnsSumToOne(String loss, String y, String expected) throws IOException {
        Path spec = Files.writeString(dir.resolve("soft.nn"), """
                network Soft {
                  input X[2]
                  target Y[3]
                  dense 3 softmax
                  loss %s
                }
                """.formatted(loss));
        Path in = Files.writeString(dir.resolve("case.json"), "{\"params\": {\"W1\": [[1, 2], [3, 4], [5, 6]], \"b1\": [[0], [0], [0]]},\n"
                + " \"inputs\": {\"X\": [[1, 2], [3, 4]], \"Y\": " + y + "}}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        if (expected == null) {
            assertEquals(0, r.code(), r.err());
        } else {
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().startsWith(dir.resolve(expected).toString()), r.err());
            assertTrue(r.err().endsWith("^\n"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void nonFiniteResultsArePrintedAsStringsAndStayJson() throws IOException {
        Path spec = Files.writeString(dir.resolve("log.nn"), """
                network Log {
                  input X[1]
                  target Y[1]
                  param W[1, 1] init zeros
                  param b[1] init zeros
                  Z = W @ X + b
                  A = log(Z)
                  loss L = (A - Y) * (A - Y)
                  cost J = mean(L)
                  output A
                }
                """);
        Path in = Files.writeString(dir.resolve("case.json"),
                "{\"params\": {\"W\": [[0]], \"b\": [[0]]}, \"inputs\": {\"X\": [[1]], \"Y\": [[1]]}}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        assertEquals(0, r.code(), r.err());
        JsonReader strict = new JsonReader(new StringReader(r.out()));
        strict.setStrictness(Strictness.STRICT);
        JsonObject out = com.google.gson.JsonParser.parseReader(strict).getAsJsonObject();
        assertEquals("Infinity", out.get("cost").getAsString());
        assertEquals("-Infinity", out.getAsJsonObject("outputs").getAsJsonArray("A").get(0).getAsJsonArray().get(0).getAsString());
        assertTrue(r.err().startsWith("netgrad eval: warning: "), r.err());
        assertTrue(r.err().contains("not finite; written as the strings \"NaN\", \"Infinity\" or \"-Infinity\""), r.err());
    }

    /** Java 17's Double.toString writes 2.0E23 as 1.9999999999999998E23; the output is the shortest form. */
    @Test
    void numbersArePrintedInTheirShortestForm() throws IOException {
        Path spec = Files.writeString(dir.resolve("lin.nn"), """
                network Lin {
                  input X[1]
                  target Y[1]
                  param W[1, 1]
                  Z = W @ X
                  loss L = Z - Y
                  cost J = mean(L)
                }
                """);
        Path in = Files.writeString(dir.resolve("case.json"), "{\"params\": {\"W\": [[2e23]]}, \"inputs\": {\"X\": [[1]], \"Y\": [[0]]}}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"Z\": [[2.0E23]]"), r.out());
        assertTrue(r.out().contains("\"cost\": 2.0E23,"), r.out());
    }
    /**
     * A dropout whose mask the case leaves out keeps every unit: its mask is all 1s, and the 1/keep
     * of inverted dropout stays, as the derived equations say (the trainer's "dropout off", which
     * predict uses, would leave the 1/keep out). With keep 0.5, A1 = relu(1) / 0.5 = 2, so A2 is
     * sigmoid(2), not sigmoid(1).
     */
    @ParameterizedTest(name = "masks {0}")
    @CsvSource(delimiter = '|', textBlock = """
            left out   | ''
            all 1s     | ', "masks": {"A1": [[1]]}'
            """)
    void aMaskLeftOutKeepsEveryUnitAndTheOneOverKeep(String how, String masks) throws IOException {
        Path spec = Files.writeString(dir.resolve("drop.nn"), """
                network Drop {
                  input X[1]
                  target Y[1]
                  param W1[1, 1]
                  param W2[1, 1]
                  Z1 = W1 @ X
                  A1 = dropout(relu(Z1), 0.5)
                  Z2 = W2 @ A1
                  A2 = sigmoid(Z2)
                  loss L = -(Y * log(A2) + (1 - Y) * log(1 - A2))
                  cost J = mean(L)
                  output A2
                }
                """);
        Path in = Files.writeString(dir.resolve("case.json"),
                "{\"params\": {\"W1\": [[1]], \"W2\": [[1]]}, \"inputs\": {\"X\": [[1]], \"Y\": [[1]]}" + masks + "}");
        MainTest.Run r = MainTest.run("eval", spec.toString(), "--in", in.toString());
        assertEquals(0, r.code(), r.err());
        JsonObject out = com.google.gson.JsonParser.parseString(r.out()).getAsJsonObject();
        double a2 = out.getAsJsonObject("outputs").getAsJsonArray("A2").get(0).getAsJsonArray().get(0).getAsDouble();
        assertEquals(1 / (1 + Math.exp(-2)), a2, 1e-15, how);
    }
}
