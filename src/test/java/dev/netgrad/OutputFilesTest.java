package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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
    void newFileIsWrittenWithItsFolders() throws IOException {
        Path file = dir.resolve("com/acme/Foo.java");
        assertTrue(OutputFiles.writeIfChanged(file, bytes("class Foo {}")));
        assertEquals("class Foo {}", Files.readString(file));
    }

    @Test
    void unchangedContentLeavesTheFileAndItsTimestampAlone() throws IOException {
        Path file = dir.resolve("Foo.java");
        Files.write(file, bytes("class Foo {}"));
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(file, old);
        assertFalse(OutputFiles.writeIfChanged(file, bytes("class Foo {}")));
        assertEquals(old, Files.getLastModifiedTime(file));
    }

    @Test
    void changedContentOfTheSameLengthIsRewritten() throws IOException {
        Path file = dir.resolve("Foo.java");
        Files.write(file, bytes("class Foo {}"));
        assertTrue(OutputFiles.writeIfChanged(file, bytes("class Bar {}")));
        assertArrayEquals(bytes("class Bar {}"), Files.readAllBytes(file));
    }

    @Test
    void writingLeavesNoTemporaryFileBehind() throws IOException {
        Path file = dir.resolve("Foo.java");
        OutputFiles.writeIfChanged(file, bytes("class Foo {}"));
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
        assertTrue(OutputFiles.writeIfChanged(file, bytes("class Foo {}")));
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
        assertTrue(OutputFiles.writeIfChanged(file, bytes("class N {}")));
        assertTrue(OutputFiles.writeIfChanged(file, bytes("class M {}")), "and replaced");
        assertEquals("class M {}", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file left");
        }
    }
}
