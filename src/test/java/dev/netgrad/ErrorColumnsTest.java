package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataException;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.diff.Deriver;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every reader that reports {@code FILE:LINE:COL} counts the column in code points (an emoji, two
 * chars in Java, is one column) and puts the caret under that character as a terminal shows the
 * line (an emoji or a CJK character takes two cells there).
 */
class ErrorColumnsTest {
    /** A spec without errors; a case replaces its line 5. */
    private static final String SPEC = """
            network P {
              input X[2]
              target Y[1]
              param W[1, 2]
              Z = W @ X
              loss L = (Z - Y)^2
              cost J = mean(L)
            }
            """;
    private static final DataLayout LAYOUT = new DataLayout("X", 2, "Y", 1, Prediction.PROBABILITY);

    // Each case: which reader, the text (<NL> a line break, <NUL> a NUL; a spec case is its line 5,
    // a CSV case its row after the header a,b,y), where the error is, and the cells of terminal before
    // its caret (-: no source line is shown). 😀 and 中 are one column each and two cells each.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            spec syntax after 😀中 in a comment       | nn   | `  Z = /*😀中*/ W @ @ X`       | 5:18 expected an expression, found '@'   | 19
            spec stray character after 中😀           | nn   | `  Z = W @ X /*中😀*/ $`       | 5:20 unexpected character '$'             | 21
            spec undefined name after 😀中            | nn   | `  Z = /*😀中*/ W @ Q`         | 5:18 undefined name 'Q'                   | 19
            spec shape error at an operator after 中😀 | nn   | `  Z = /*中😀*/ X @ W`         | 5:16 inner dimensions of '@' do not match | 17
            spec NUL byte after 😀中                  | nn   | `  Z = /*😀中*/ W @ X<NUL>`    | 5:19 a NUL byte at byte offset 78         | -
            equation undefined name after 😀中        | eq   | `dZ = /*😀中*/ 2 * (Z - Q)`    | 1:22 undefined name 'Q'                   | 23
            CSV feature after a quoted 😀中           | csv  | `"😀中",x,0`                   | 2:6 expected a number as feature, found 'x' | 7
            CSV quote after 中😀                      | csv  | `1,"中😀"x,0`                  | 2:7 expected ',' after the closing quote of a field, found 'x' | 8
            CSV field too many after 😀中             | csv  | `😀中,2,0,5`                   | 2:7 this row has 4 fields                 | 8
            params JSON on line 2 after 😀中          | json | `{"network": "P",<NL>"😀中": 1,}` | 2:9 expected a key in double quotes, found '}' | 10
            params JSON after a string of 😀中        | json | `{"network": "😀中", "params": {"W": [[1, 2]]}} x` | 1:46 unexpected 'x' after the JSON value | 47
            """)
    void columnsCountCodePointsAndCaretsCountCells(String what, String reader, String text, String expected, String cells) {
        text = text.replace("<NL>", "\n").replace("<NUL>", "\0");
        String whole = switch (reader) {
            case "nn" -> specWithLine5(text);
            case "eq" -> text + "\ndW = 1/m * dZ @ X.T\n";
            case "csv" -> "a,b,y\n" + text + "\n";
            default -> text;
        };
        assertErrorAt(what, reader, whole, expected, cells);
    }

    // Each case: which reader, the whole text (<BOM> the byte-order mark, which an editor does not
    // show, <NL> a line break, <NUL> a NUL), where the error is and the cells before its caret.
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            spec syntax on line 1              | nn   | `<BOM>network 9 {<NL>}`          | 1:9 expected a name                   | 8
            spec NUL byte on line 1            | nn   | `<BOM>network<NUL>`              | 1:8 a NUL byte at byte offset 10      | -
            CSV header                         | csv  | `<BOM>a,"b"x,y<NL>1,2,0<NL>`     | 1:6 expected ','                      | 5
            JSON syntax                        | json | `<BOM>{"network" x}`             | 1:12 expected ':' after the key       | 11
            JSON NUL byte                      | json | `<BOM>{"a<NUL>"}`                | 1:4 a NUL byte at byte offset 6       | -
            """)
    void aByteOrderMarkIsNoColumn(String what, String reader, String text, String expected, String cells) {
        assertErrorAt(what, reader, text.replace("<BOM>", "\uFEFF").replace("<NL>", "\n").replace("<NUL>", "\0"),
                expected, cells);
    }

    /** The error {@code expected} ("LINE:COL fragment") is reported, with {@code cells} spaces before its caret (-: no source line). */
    private static void assertErrorAt(String what, String reader, String text, String expected, String cells) {
        String message = errors(reader, text);
        String where = expected.substring(0, expected.indexOf(' '));
        String said = expected.substring(expected.indexOf(' ') + 1);
        List<String> lines = message.lines().toList();
        int at = -1;
        for (int i = 0; i < lines.size() && at < 0; i++) {
            at = lines.get(i).startsWith(file(reader) + ":" + where + ": error: ") && lines.get(i).contains(said) ? i : -1;
        }
        assertTrue(at >= 0, what + ": no error at " + where + " saying " + said + " in:\n" + message);
        if (cells.equals("-")) {
            assertTrue(at + 1 == lines.size() || lines.get(at + 1).startsWith(file(reader) + ":"), what + ": no source line");
            return;
        }
        assertEquals(" ".repeat(Integer.parseInt(cells)) + "^", lines.get(at + 2), what + ": the caret line of\n" + message);
    }

    private static String file(String reader) {
        return "f." + reader;
    }

    private static String errors(String reader, String text) {
        String path = file(reader);
        return switch (reader) {
            case "nn" -> assertThrows(SpecException.class, () -> SpecReader.read(path, text)).formatted();
            case "eq" -> assertThrows(SpecException.class, () -> {
                Network p = SpecReader.read("p.nn", SPEC);
                SpecReader.readEquations(path, text, p, Deriver.derivativeNames(p));
            }).formatted();
            case "csv" -> assertThrows(DataException.class,
                    () -> CsvReader.parse(path, text, LAYOUT, CsvReader.Labels.REQUIRED)).getMessage();
            case "json" -> assertThrows(DataException.class,
                    () -> ParamsFile.parse(path, text, SpecReader.read("p.nn", SPEC))).getMessage();
            default -> throw new IllegalArgumentException(reader);
        };
    }

    private static String specWithLine5(String line) {
        List<String> lines = new ArrayList<>(SPEC.lines().toList());
        lines.set(4, line);
        return String.join("\n", lines) + "\n";
    }
}
