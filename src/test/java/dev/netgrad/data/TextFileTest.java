package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading stops at the cap, whatever the file's size, so that an endless file is refused rather than read. */
class TextFileTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} chars, cap {1}")
    @CsvSource(textBlock = """
            # file's characters, cap, characters read
                  10,     11,  10
                  11,     11,  11
                  12,     11,  11
              200000, 100001, 100001
            """)
    void readsAtMostTheCap(int size, int cap, int expected) throws IOException {
        Path file = Files.writeString(dir.resolve("t.txt"), "x".repeat(size));
        assertEquals(expected, TextFile.read(file, cap, false).length());
    }

    /**
     * A missing file a couple of edits from a file of its folder names that file (a typo); a folder of
     * files with no near name, a missing folder, and a relative name in the current folder (the
     * repository's, where tests run) as written.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            DIR/planr.nn         | DIR/planr.nn: error: cannot read: no such file; did you mean DIR/planar.nn?
            DIR/Planar.nn        | DIR/Planar.nn: error: cannot read: no such file; did you mean DIR/planar.nn?
            DIR/iris.cvs         | DIR/iris.cvs: error: cannot read: no such file; did you mean DIR/iris.csv?
            DIR/digits.nn        | DIR/digits.nn: error: cannot read: no such file
            DIR/nets/planar.nn   | DIR/nets/planar.nn: error: cannot read: no such file
            pom.xm               | pom.xm: error: cannot read: no such file; did you mean pom.xml?
            samples/planr.nn     | samples/planr.nn: error: cannot read: no such file; did you mean samples/planar.nn?
            """)
    void aMissingFileNamesTheFileOfItsFolderItWasProbablyMeantToBe(String path, String expected) throws IOException {
        Files.writeString(dir.resolve("planar.nn"), "");
        Files.writeString(dir.resolve("iris.csv"), "");
        String file = path.replace("DIR", dir.toString());
        DataException refused = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                () -> TextFile.readOrRefuse(Path.of(file), 100, false));
        assertEquals(expected.replace("DIR", dir.toString()), refused.getMessage());
    }

    @Test
    void anEndlessDeviceIsReadOnlyUpToTheCap() throws IOException {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")), "no /dev/zero here");
        assertEquals(1001, TextFile.read(Path.of("/dev/zero"), 1001, false).length());
        assertTrue(TextFile.read(Path.of("/dev/zero"), Integer.MAX_VALUE - 16, true).length() <= 1 << 16, "stops at the first NUL's chunk");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {\\n  "a": \\0}      | p.json:2:8: error: not a text file (a binary file?): a NUL byte at byte offset 9; expected a JSON file
            [1,\uFFFD]        | p.json:1:4: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 3; expected a JSON file
            ["é",\uFFFD]      | p.json:1:6: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 6; expected a JSON file
            \uFFFD\uFFFD{\\0}\\0   | p.json:1:1: error: not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset 0; save it as UTF-8; expected a JSON file
            \uFFFD\uFFFD\\0{\\0}   | p.json:1:1: error: not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset 0; save it as UTF-8; expected a JSON file
            {\\0}\\0\\n\\0         | p.json:1:2: error: not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset 1; save it as UTF-8; expected a JSON file
            {\\0}\\0\\0\\0         | p.json:1:2: error: not a text file (a binary file?): a NUL byte at byte offset 1; expected a JSON file
            """)
    void binaryBytesAreReportedAtTheirPlaceWithoutEchoingThem(String text, String expected) {
        String message = TextFile.binary("p.json", text.translateEscapes(), "a JSON file").orElseThrow().getMessage();
        assertEquals(expected, message, "one line: the bytes would show as garbage");
    }
}
