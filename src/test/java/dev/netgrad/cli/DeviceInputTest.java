package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Endless and binary input where a text file belongs: each reader stops at its cap (or at the
 * first byte no text has) and says so in a line, instead of reading until the heap is full.
 */
class DeviceInputTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            derive /dev/zero                                                        | /dev/zero: error: cannot read: the file is too large: more than 524,288 characters
            derive /dev/urandom                                                     | /dev/urandom: error: cannot read: the file is too large: more than 524,288 characters
            check samples/planar.nn /dev/zero                                       | /dev/zero: error: cannot read: the file is too large: more than 524,288 characters
            eval samples/planar.nn --in /dev/zero                                   | /dev/zero:1:1: error: not a text file (a binary file?): a NUL byte at byte offset 0; expected a JSON file
            eval samples/planar.nn --in /dev/urandom                                | /dev/urandom:
            predict samples/planar.nn --params /dev/zero --data samples/data/planar.csv | /dev/zero:1:1: error: not a text file (a binary file?): a NUL byte at byte offset 0; expected a JSON file
            train samples/planar.nn --data samples/data/planar.csv --init /dev/urandom  | /dev/urandom:
            train samples/planar.nn --data /dev/zero                                | /dev/zero:1:1: error: line 1 is longer than
            """)
    void endlessDevicesAreRefusedWithoutReadingThemWhole(String commandLine, String expected) {
        assumeTrue(Files.isReadable(Path.of("/dev/zero")) && Files.isReadable(Path.of("/dev/urandom")), "no /dev/zero here");
        MainTest.Run r = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(30),
                () -> MainTest.run(commandLine.split(" ")));
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith(expected), r.err());
        // Random bytes may hold a newline before the first that is not UTF-8: any line will do, but there must be
        // one, unless the whole file is refused.
        assertTrue(r.err().lines().findFirst().orElseThrow().matches("[^:]+(:\\d+:\\d+)?: error: .*"), r.err());
        assertFalse(r.err().contains("out of memory") || r.err().contains("Input length"), r.err());
        assertEquals("", r.out());
    }

    /** The decoder's "Input length = 3" told nothing; the error names the file, the place and what is wrong. */
    @Test
    void aBinaryParamsFileIsNotUtf8TextAtItsPlace() throws IOException {
        byte[] bytes = "{\n  \"params\": \"".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] garbage = new byte[64];
        new Random(1).nextBytes(garbage);
        garbage[0] = (byte) 0xC3;
        garbage[1] = (byte) 0x28;
        Path params = dir.resolve("garb.json");
        Files.write(params, concat(bytes, garbage));
        for (String[] args : new String[][] {
            {"predict", "samples/planar.nn", "--params", params.toString(), "--data", "samples/data/planar.csv"},
            {"train", "samples/planar.nn", "--data", "samples/data/planar.csv", "--init", params.toString(), "--epochs", "1"},
            {"eval", "samples/planar.nn", "--in", params.toString()},
        }) {
            MainTest.Run r = MainTest.run(args);
            assertEquals(2, r.code(), r.err());
            assertEquals(params + ":2:14: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 15; expected a JSON file\n", r.err());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
