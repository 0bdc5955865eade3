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

    @Test
    void anUnknownInputIsRefusedAtItsKey() throws IOException {
        Path in = Files.writeString(dir.resolve("case.json"), "{" + PLANAR_PARAMS + ",\n \"inputs\": {\"X\": [[1], [0]], \"YY\": [[1]]}}");
        MainTest.Run r = MainTest.run("eval", "samples/planar.nn", "--in", in.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(in + ":2:30: error: unknown key \"YY\"; did you mean 'Y'?"), r.err());
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
}
