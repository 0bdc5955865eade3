package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutputFilesTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void holdsOnlyExactlyTheSameBytes() throws IOException {
        Path file = dir.resolve("Foo.java");
        assertFalse(OutputFiles.holds(file, bytes("class Foo {}")), "no file");
        Files.write(file, bytes("class Foo {}"));
        assertTrue(OutputFiles.holds(file, bytes("class Foo {}")));
        assertFalse(OutputFiles.holds(file, bytes("class Bar {}")), "same length, other bytes");
        assertFalse(OutputFiles.holds(file, bytes("class Foo {}\n")), "a prefix");
        assertFalse(OutputFiles.holds(dir, bytes("")), "a folder");
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("Foo.java");
        OutputFiles.writeAtomically(file, bytes("class Foo {}"));
        OutputFiles.writeAtomically(file, bytes("class Bar {}"));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList());
        }
    }

    @Test
    void aFolderInTheWayFailsAndLeavesItAlone() throws IOException {
        Path file = dir.resolve("Foo.java");
        Files.createDirectories(file.resolve("inside"));
        assertThrows(IOException.class, () -> OutputFiles.writeAtomically(file, bytes("class Foo {}")));
        assertTrue(Files.isDirectory(file.resolve("inside")));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void shorterContentReplacesTheWholeFile() throws IOException {
        Path file = dir.resolve("Foo.java");
        Files.write(file, bytes("class Foo { int x; }"));
        OutputFiles.writeAtomically(file, bytes("class Foo {}"));
        assertEquals("class Foo {}", Files.readString(file));
    }

    // The temporary file's name must fit wherever the target's does: a file name is at most 255 bytes.
    @ParameterizedTest(name = "{0} x ''{1}'' + .java: {2} bytes")
    @CsvSource({
        "1,   N, 6",
        "230, N, 235",
        "250, N, 255",
        "125, é, 255",
    })
    void aTargetNameUpToTheFileSystemsLimitIsWritten(int repeat, String unit, int bytes) throws IOException {
        Path file = dir.resolve(unit.repeat(repeat) + ".java");
        assertEquals(bytes, file.getFileName().toString().getBytes(StandardCharsets.UTF_8).length);
        OutputFiles.writeAtomically(file, bytes("class N {}"));
        OutputFiles.writeAtomically(file, bytes("class M {}"));
        assertEquals("class M {}", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file left");
        }
    }
}
