package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonTextTest {
    @Test
    void readsStrictJsonIntoGsonsTree() throws DataException {
        JsonElement e = JsonText.parse("c.json", "\uFEFF{\"a\": [[1, -2.5e-3], []], \"s\": \"x\\n\\u00e9\", \"t\": true, \"n\": null}\n");
        assertEquals("{\"a\":[[1,-0.0025],[]],\"s\":\"x\\né\",\"t\":true,\"n\":null}", e.toString());
    }

    /** A number echoed in a message reads as the file wrote it: a whole 3 is 3, not Double.toString's 3.0. */
    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource(delimiter = '|', textBlock = """
            3                  | 3
            -7                 | -7
            1e5                | 100000
            2.5                | 2.5
            1e-7               | 1.0E-7
            1e300              | 1.0E300
            -0                 | -0.0
            9007199254740991   | 9007199254740991
            9007199254740993   | 9.007199254740992E15
            """)
    void numbersAreShownWithoutATrailingPointZero(String text, String shown) throws DataException {
        JsonElement e = JsonText.parse("c.json", text);
        assertEquals(shown, e.toString());
        assertEquals(Double.parseDouble(text), e.getAsDouble());
    }

    /** Each broken text, the place of its error and the message, in netgrad's words (no Gson exception names). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"x": 1e999}               | c.json:1:7: error: number 1e999 is too large for a double (at most about 1.8e308)
            {"x": -1e400}              | c.json:1:7: error: number -1e400 is too large for a double
            {"x": NaN}                 | c.json:1:7: error: not valid JSON: expected a value (a number, string, array, object, true, false or null), found 'NaN' (JSON has no NaN or Infinity)
            {"x": Infinity}            | c.json:1:7: error: not valid JSON: expected a value (a number, string, array, object, true, false or null), found 'Infinity' (JSON has no NaN or Infinity)
            {"params":\\n  {"W1": [[1, 2]]  | c.json:2:18: error: not valid JSON: expected ',' or '}' after a value of the object, found the end of the file
            {"params":\\r\\n  {"W1": [[1, 2]]  | c.json:2:18: error: not valid JSON: expected ',' or '}' after a value of the object, found the end of the file
            {"params":\\r  {"W1": [[1, 2]]  | c.json:2:18: error: not valid JSON: expected ',' or '}' after a value of the object, found the end of the file
            {"x": [1 2]}               | c.json:1:10: error: not valid JSON: expected ',' or ']' after an element of the array, found '2'
            {x: 1}                     | c.json:1:2: error: not valid JSON: expected a key in double quotes, found 'x'
            {"x": 1,}                  | c.json:1:9: error: not valid JSON: expected a key in double quotes, found '}'
            {"x": 01}                  | c.json:1:8: error: not valid JSON: a number may not start with 0 and another digit (JSON has no leading zeros), found '1'
            {"x": 1} {}                | c.json:1:10: error: not valid JSON: unexpected '{' after the JSON value
            {"x": 1, "x": 2}           | c.json:1:10: error: key "x" appears twice in this object
            {"x": "a\\\\qb"}            | c.json:1:9: error: not valid JSON: unknown escape \\q in a string
            {"x": 1.}                  | c.json:1:9: error: not valid JSON: expected digits after the decimal point, found '}'
            ''                         | c.json:1:1: error: not valid JSON: expected a value, found the end of the file
            """)
    void brokenJsonIsLocatedAndExplained(String text, String expected) {
        DataException e = assertThrows(DataException.class, () -> JsonText.parse("c.json", text.translateEscapes()));
        String first = e.getMessage().lines().findFirst().orElseThrow();
        assertTrue(first.startsWith(expected), first);
        assertTrue(e.getMessage().endsWith("^"), "with the source line and a caret: " + e.getMessage());
    }

    @Test
    void deepNestingIsAnErrorNotAStackOverflow() {
        DataException e = assertThrows(DataException.class, () -> JsonText.parse("c.json", "[".repeat(100_000)));
        assertTrue(e.getMessage().contains("nested more than 512 levels deep"), e.getMessage());
    }
}
