package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one wording of why a read or a write failed. Each exception names the temporary file a write
 * made, as the JDK's do; no reason may repeat it. The runtime's copy answers the same table
 * (dev.netgrad.runtime.AtomicWriteReasonTest).
 */
public class IoReasonTest {
    static final String TEMP = "/out/.netgrad-1-ab-cd.tmp";

    /** What failed, the exception, the reason of a read, the reason of a write. */
    public static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of("no such file", new NoSuchFileException(TEMP), "no such file", "the folder /out does not exist"),
                Arguments.of("no such file, unnamed", new NoSuchFileException(null), "no such file", "no such folder"),
                Arguments.of("access denied", new AccessDeniedException(TEMP), "permission denied", "permission denied"),
                Arguments.of("is a directory", new FileSystemException(TEMP, null, "Is a directory"), "it is a directory", "it is a directory"),
                Arguments.of("not a directory", new FileSystemException(TEMP, null, "Not a directory"), "not a directory", "not a directory"),
                Arguments.of("a reason in capitals", new FileSystemException(TEMP, null, "EROFS"), "EROFS", "EROFS"),
                Arguments.of("a file where a folder belongs", new FileAlreadyExistsException("/out/gen"),
                        "/out/gen is a file, not a folder", "/out/gen is a file, not a folder"),
                Arguments.of("a folder in the way", new DirectoryNotEmptyException(TEMP), "a folder is in the way", "a folder is in the way"),
                Arguments.of("a file-system error without reason", new FileSystemException(TEMP), "the file system refuses it", "the file system refuses it"),
                Arguments.of("other", new IOException("No space left on device"), "no space left on device", "no space left on device"),
                Arguments.of("other, without a message", new IOException(), "IOException", "IOException"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void eachKindOfFailureHasOneWording(String what, IOException e, String read, String write) {
        assertEquals(read, IoReason.of(e));
        assertEquals(write, IoReason.ofWrite(e));
    }

    /** A delete's words are a read's, but for a folder that is not empty, which a write's words call one in the way. */
    @Test
    void aDeleteSaysAFolderThatFilledIsNotEmpty() {
        assertEquals("the folder is not empty", IoReason.ofDelete(new DirectoryNotEmptyException(TEMP)));
        assertEquals("permission denied", IoReason.ofDelete(new AccessDeniedException(TEMP)));
        assertEquals("no such file", IoReason.ofDelete(new NoSuchFileException(TEMP)));
        assertEquals("read-only file system", IoReason.ofDelete(new FileSystemException(TEMP, null, "Read-only file system")));
    }

    /** The same words for the exceptions the file system really throws (root ignores modes: no access denied here). */
    @Test
    void theFileSystemsOwnFailuresReadTheSame(@TempDir Path dir) throws IOException {
        Path plain = Files.writeString(dir.resolve("plain"), "x");
        assertEquals("no such file", IoReason.of(assertThrows(IOException.class, () -> Files.readString(dir.resolve("missing")))));
        assertEquals("it is a directory", IoReason.of(assertThrows(IOException.class, () -> Files.readAllBytes(dir))));
        assertEquals("not a directory", IoReason.of(assertThrows(IOException.class, () -> Files.readString(plain.resolve("x")))));
        assertEquals("the folder " + dir.resolve("gone") + " does not exist",
                IoReason.ofWrite(assertThrows(IOException.class, () -> Files.createFile(dir.resolve("gone/new")))));
        assertEquals("it is a directory", IoReason.ofWrite(assertThrows(IOException.class, () -> OutputFiles.writeAtomically(dir, new byte[0]))));
    }
}
