package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netgrad.ReadOnlyMount;
import dev.netgrad.cli.MainTest.Run;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What keeps an output file from being replaced, told apart: the file's own mode, which its owner can
 * change, or a file system mounted read-only, where "make it writable" sent the user to a chmod that fails.
 */
class OutputPathsTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # what                                          | read-only file system | writable | mode      | lock
            a writable file                                 | false                | true     | rw-r--r-- | NONE
            a file only root may write, for root           | false                | true     | rw------- | NONE
            a file without a write bit, for root            | false                | true     | r--r--r-- | FILE
            a file this process may not write               | false                | false    | rw-r--r-- | FILE
            a file system without modes, writable           | false                | true     |           | NONE
            a writable file on a read-only file system      | true                 | false    | rw-r--r-- | FILE_SYSTEM
            a read-only file on a read-only file system     | true                 | false    | r--r--r-- | FILE_SYSTEM
            a file system without modes, mounted read-only  | true                 | false    |           | FILE_SYSTEM
            """)
    void aLockIsTheFilesOrTheFileSystems(String what, boolean readOnlyFileSystem, boolean writable, String mode,
            OutputPaths.Lock lock) {
        assertEquals(lock, OutputPaths.lock(readOnlyFileSystem, writable, mode == null ? null : PosixFilePermissions.fromString(mode)));
    }

    @Test
    void aFileWithoutAWriteBitIsReadOnlyAndOneWithOneIsNot() throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertEquals(OutputPaths.Lock.FILE, OutputPaths.lock(file));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(OutputPaths.Lock.NONE, OutputPaths.lock(file));
    }

    /** A 0644 file on a read-only mount; skipped where this process may not mount (it needs root). */
    @Test
    void aFileOnAReadOnlyFileSystemIsSaidToBeThere() throws IOException {
        Optional<ReadOnlyMount> mounted = ReadOnlyMount.on(dir.resolve("ro"), Map.of("p.json", "{}"));
        assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
        try (ReadOnlyMount mount = mounted.get()) {
            Path params = dir.resolve("ro/p.json");
            assertEquals(OutputPaths.Lock.FILE_SYSTEM, OutputPaths.lock(params));
            Run r = MainTest.run("train", Path.of("samples/iris.nn").toAbsolutePath().toString(),
                    "--data", Path.of("samples/data/iris.csv").toAbsolutePath().toString(), "--save", params.toString());
            assertEquals("netgrad train: error: --save " + params + " is on a read-only file system; netgrad cannot "
                    + "replace it there (choose a file on a writable one, or remount it read-write)\n", r.err());
            assertEquals(2, r.code());
            assertEquals("{}", Files.readString(params));
        }
    }
}
