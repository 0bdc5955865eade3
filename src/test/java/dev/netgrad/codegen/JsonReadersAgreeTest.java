package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.DataException;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.spec.Network;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two readers of params files, the command line's (ParamsFile over JsonText) and the runtime's
 * that generated trainers carry (NetworkTrainer.load over JsonCursor), fed the same texts: both
 * take what RFC 8259 takes, and both refuse the rest at the same line and column, saying the same
 * thing found there.
 */
class JsonReadersAgreeTest {
    private static final Network PLANAR = Specs.read(Path.of("samples/planar.nn"));
    private static final String BASE = "{\"network\": \"Planar\", \"params\": {\"W1\": [[1, 2], [3, 4], [5, 6], [7, 8]], "
            + "\"b1\": [[0], [0], [0], [0]], \"W2\": [[1, 2, 3, 4]], \"b2\": [[0.5]]}, \"standardization\": null}";

    @TempDir
    Path dir;

    // Each case: what of BASE is replaced (<ALL>: the whole text) and by what (<TAB>, <FF>, <EMSP>, <NL>,
    // <CRLF>, <BOM> stand for those characters, <DEEP> for 600 nested arrays), then where both readers
    // stop and what both say they found there, or "loads".
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a plain number                   | 0.5                     | -0.5e-3                   | loads
            minus zero                       | 0.5                     | -0                        | loads
            an exponent with a sign          | 0.5                     | 1E+2                      | loads
            the largest doubles              | 0.5                     | 1.7976931348623157e308    | loads
            a plus sign                      | 0.5                     | +1                        | 1:132 found '+'
            no digit before the point        | 0.5                     | .5                        | 1:132 found '.'
            no digit after the point         | 0.5                     | 1.                        | 1:134 expected digits after the decimal point, found ']'
            a leading zero                   | 0.5                     | 01                        | 1:133 a number may not start with 0 and another digit (JSON has no leading zeros), found '1'
            a negative leading zero          | 0.5                     | -01                       | 1:134 a number may not start with 0 and another digit
            a minus alone                    | 0.5                     | -                         | 1:132 expected digits in the number, found ']'
            minus Infinity                   | 0.5                     | -Infinity                 | 1:132 expected digits in the number, found 'Infinity'
            an exponent without digits       | 0.5                     | 1e                        | 1:134 expected digits in the exponent, found ']'
            an exponent sign without digits  | 0.5                     | 1e+                       | 1:135 expected digits in the exponent, found ']'
            NaN                              | 0.5                     | NaN                       | 1:132 found 'NaN' (JSON has no NaN or Infinity)
            Infinity                         | 0.5                     | Infinity                  | 1:132 found 'Infinity' (JSON has no NaN or Infinity)
            a number beyond doubles          | 0.5                     | 1e999                     | 1:132 number 1e999 is too large for a double
            hexadecimal                      | 0.5                     | 0x10                      | 1:133 found 'x10'
            a trailing comma in an array     | [[0.5]]                 | [[0.5],]                  | 1:137 found ']'
            a trailing comma in an object    | [[0.5]]}                | [[0.5]],}                 | 1:138 expected a key in double quotes, found '}'
            a block comment                  | {"network"              | {/* c */ "network"        | 1:2 expected a key in double quotes, found '/'
            a line comment                   | {"network"              | // c<NL>{"network"        | 1:1 found '/'
            a key twice                      | {"network": "Planar",   | {"network": "Planar", "network": "Planar", | 1:23 key "network" appears twice in this object
            a param twice                    | "b2": [[0.5]]           | "b2": [[0.5]], "b2": [[0.5]] | 1:139 key "b2" appears twice in this object
            the standardization twice        | "standardization": null | "standardization": null, "standardization": null | 1:165 key "standardization" appears twice in this object
            a raw tab in a string            | Planar                  | Pla<TAB>nar               | 1:17 a string may not hold a raw control character (write \\n, \\t or \\u00XX), found '\\u0009'
            a string's quote lost at a line break | "Planar",          | "Planar,<NL>              | 1:21 a string may not hold a raw control character (write \\n, \\t or \\u00XX), found '\\u000a'
            a signed unicode escape          | Planar                  | Pl\\u+061nar              | 1:16 expected four hex digits after \\u
            an unknown escape                | Planar                  | Pl\\qanar                 | 1:16 unknown escape \\q in a string
            a string not closed              | <ALL>                   | {"network": "Pla          | 1:13 this string is not closed
            single quotes                    | "Planar"                | 'Planar'                  | 1:13 found '''
            a key not quoted                 | "network"               | network                   | 1:2 expected a key in double quotes, found 'network'
            a form feed as space             | {"network"              | {<FF>"network"            | 1:2 expected a key in double quotes
            an em space as space             | , "params"              | ,<EMSP>"params"           | 1:22 expected a key in double quotes
            null with a space in it          | null}                   | n ull}                    | 1:159 found 'n'
            a word cut short                 | null}                   | nul}                      | 1:159 found 'nul'
            nesting deeper than 512          | "standardization": null | "inputs": <DEEP>          | 1:662 nested more than 512 levels deep
            text after the object            | null}                   | null} x                   | 1:165 unexpected 'x' after the JSON value
            an empty file                    | <ALL>                   | ``                        | 1:1 found the end of the file
            a byte order mark                | {"network"              | <BOM>{"network"           | loads
            Windows line ends                | , "params"              | ,<CRLF>"params"           | loads
            no batchnorm statistics          | "standardization": null | "batchnorm": null         | loads
            an error after 😀中 (one column each) | "standardization": null | "inputs": {"😀中": [1, 2,]} | 1:163 found ']'
            an error on line 2 after 中😀        | "standardization": null | "inputs":<NL>{"中😀": 0, x} | 2:11 expected a key in double quotes, found 'x'
            an emoji where a number should be    | 0.5                     | 😀                        | 1:132 found '😀'
            an emoji escaped                     | Planar                  | Pl\\😀anar               | 1:16 unknown escape \\😀 in a string
            a string where a number should be    | 0.5                     | "0.5"                     | 1:132 number, found
            true where a number should be        | 0.5                     | true                      | 1:132 number, found
            null where a number should be        | 0.5                     | null                      | 1:132 number, found
            a string where a row should be       | [3, 4]                  | "3, 4"                    | 1:49 found
            a number where a row should be       | [3, 4]                  | 34                        | 1:49 found
            """)
    void bothReadersTakeAndRefuseTheSameTexts(String name, String find, String replace, String expected) throws IOException, DataException {
        String text = find.equals("<ALL>") ? replace : BASE.replace(find, replace);
        text = text.replace("<TAB>", "\t").replace("<FF>", "\f").replace("<EMSP>", "\u2003").replace("<NL>", "\n")
                .replace("<CRLF>", "\r\n").replace("<BOM>", "\uFEFF").replace("<DEEP>", "[".repeat(600) + "]".repeat(600));
        Path file = dir.resolve("p.json");
        Files.writeString(file, text);
        CompiledTrainer runtime = CompiledTrainer.of(Specs.derive(PLANAR), 1);
        if (expected.equals("loads")) {
            ParamsFile.parse(file.toString(), text, PLANAR);
            SaveLoadTest.load(runtime, file);
            return;
        }
        String where = file + ":" + expected.substring(0, expected.indexOf(' '));
        String said = expected.substring(expected.indexOf(' ') + 1);
        String cli = assertThrows(DataException.class, () -> ParamsFile.parse(file.toString(), Files.readString(file), PLANAR))
                .getMessage().lines().findFirst().orElseThrow();
        assertTrue(cli.startsWith(where + ": error: ") && cli.contains(said), "the command line's reader: " + cli);
        String run = assertThrows(IOException.class, () -> SaveLoadTest.load(runtime, file)).getMessage();
        assertTrue(run.startsWith(where + ": not a valid params file: ") && run.contains(said), "the runtime's reader: " + run);
    }

    // Each case: the byte order, whether the file starts with its byte-order mark, then where both readers
    // stop and at which byte offset. Windows PowerShell's > writes UTF-16LE with its mark.
    @ParameterizedTest(name = "{0} mark {1}")
    @CsvSource(delimiter = '|', textBlock = """
            UTF-16LE | true  | 1:1 | 0
            UTF-16BE | true  | 1:1 | 0
            UTF-16LE | false | 1:2 | 1
            UTF-16BE | false | 1:1 | 0
            """)
    void bothReadersNameAUtf16File(String charset, boolean mark, String where, int offset) throws IOException {
        byte[] text = BASE.getBytes(java.nio.charset.Charset.forName(charset));
        byte[] bom = !mark ? new byte[0] : charset.endsWith("LE") ? new byte[] {(byte) 0xFF, (byte) 0xFE} : new byte[] {(byte) 0xFE, (byte) 0xFF};
        Path file = dir.resolve("p.json");
        Files.write(file, java.nio.ByteBuffer.allocate(bom.length + text.length).put(bom).put(text).array());
        String said = "not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset "
                + offset + "; save it as UTF-8";
        String cli = assertThrows(DataException.class, () -> ParamsFile.read(file, PLANAR)).getMessage().lines().findFirst().orElseThrow();
        assertTrue(cli.startsWith(file + ":" + where + ": error: " + said), "the command line's reader: " + cli);
        String run = assertThrows(IOException.class, () -> SaveLoadTest.load(CompiledTrainer.of(Specs.derive(PLANAR), 1), file)).getMessage();
        assertEquals(file + ":" + where + ": not a valid params file: " + said, run, "the runtime's reader");
    }
}
