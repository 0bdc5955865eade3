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
 * change; a file system mounted read-only, or another user's file, where "make it writable" sent the
 * user to a chmod that fails; or a refusal the mode does not show. A trainer's save says the same from
 * its own copy, held to this table (dev.netgrad.runtime.AtomicWriteReasonTest).
 */
public class OutputPathsTest {
    @TempDir
    Path dir;

    public static final String KEPT = "; netgrad does not replace it (";

    /**
     * Each case: what the process is told of the file, the lock, and what --save says of it. A file of
     * root's, 0644, was "read-only (make it writable)" to another user, whom its mode does not let write
     * it and whose chmod fails; an immutable file was "read-only" though its mode said writable.
     */
    public static final String LOCKS = """
            # what                                             | read-only fs | writable | mode      | owner | user  | lock             | what --save p.json says ('' nothing)
            a writable file                                    | false        | true     | rw-r--r-- | me    | me    | NONE             | ''
            a file only root may write, for root               | false        | true     | rw------- | me    | root  | NONE             | ''
            a file of the user's group, writable               | false        | true     | rw-rw-r-- | them  | me    | NONE             | ''
            a file system without modes, writable              | false        | true     |           |       | me    | NONE             | ''
            a file without a write bit, its owner's            | false        | false    | r--r--r-- | me    | me    | READ_ONLY        | is read-only%smake it writable or choose another file)
            a file without a write bit, for root               | false        | true     | r--r--r-- | them  | root  | READ_ONLY        | is read-only%smake it writable or choose another file)
            its owner's write bit off, its group's on          | false        | false    | r--rw-r-- | me    | me    | READ_ONLY        | is read-only%smake it writable or choose another file)
            a file system without modes, the file read-only    | false        | false    |           |       | me    | READ_ONLY        | is read-only%smake it writable or choose another file)
            a file without a write bit, another user's         | false        | false    | r--r--r-- | root  | me    | READ_ONLY_OTHERS | is read-only and belongs to root%schoose another file, or ask root to make it writable)
            another user's file that only its owner may write  | false        | false    | rw-r--r-- | root  | me    | OTHERS           | is not writable by me: it belongs to root (mode rw-r--r--)%schoose another file, or ask root for write access)
            another user's file of a group the user is not in  | false        | false    | rw-rw-r-- | root  | me    | OTHERS           | is not writable by me: it belongs to root (mode rw-rw-r--)%schoose another file, or ask root for write access)
            an immutable file, its owner's                     | false        | false    | rw-r--r-- | me    | me    | REFUSED          | is not writable by me, though its mode (rw-r--r--) lets its owner write it: an immutable flag (lsattr shows an i) or an access control list keeps it%schoose another file)
            an immutable file of another user's, for root      | false        | false    | rw-r--r-- | them  | root  | REFUSED          | is not writable by root, though its mode (rw-r--r--) lets its owner write it: an immutable flag (lsattr shows an i) or an access control list keeps it%schoose another file)
            a writable file on a read-only file system         | true         | false    | rw-r--r-- | me    | me    | FILE_SYSTEM      | is on a read-only file system; netgrad cannot replace it there (choose a file on a writable one, or remount it read-write)
            a read-only file on a read-only file system        | true         | false    | r--r--r-- | root  | me    | FILE_SYSTEM      | is on a read-only file system; netgrad cannot replace it there (choose a file on a writable one, or remount it read-write)
            a file system without modes, mounted read-only     | true         | false    |           |       | me    | FILE_SYSTEM      | is on a read-only file system; netgrad cannot replace it there (choose a file on a writable one, or remount it read-write)
            """;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = LOCKS)
    void aLockSaysWhatKeepsTheFileAndWhatTheUserCanDo(String what, boolean readOnlyFileSystem, boolean writable, String mode,
            String owner, String user, OutputPaths.Lock lock, String says) {
        OutputPaths.Access access = new OutputPaths.Access(readOnlyFileSystem, writable,
                mode == null ? null : PosixFilePermissions.fromString(mode), owner, user);
        assertEquals(lock, access.lock());
        assertEquals(says.isEmpty() ? null : says.replace("%s", KEPT), access.problem());
    }

    @Test
    void aFileWithoutAWriteBitIsReadOnlyAndOneWithOneIsNot() throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"), "{}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        assertEquals(OutputPaths.Lock.READ_ONLY, OutputPaths.Access.of(file).lock());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals(OutputPaths.Lock.NONE, OutputPaths.Access.of(file).lock());
    }

    /** A 0644 file on a read-only mount; skipped where this process may not mount (it needs root). */
    @Test
    void aFileOnAReadOnlyFileSystemIsSaidToBeThere() throws IOException {
        Optional<ReadOnlyMount> mounted = ReadOnlyMount.on(dir.resolve("ro"), Map.of("p.json", "{}"));
        assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
        try (ReadOnlyMount mount = mounted.get()) {
            Path params = dir.resolve("ro/p.json");
            assertEquals(OutputPaths.Lock.FILE_SYSTEM, OutputPaths.Access.of(params).lock());
            Run r = MainTest.run("train", Path.of("samples/iris.nn").toAbsolutePath().toString(),
                    "--data", Path.of("samples/data/iris.csv").toAbsolutePath().toString(), "--save", params.toString());
            assertEquals("netgrad train: error: --save " + params + " is on a read-only file system; netgrad cannot "
                    + "replace it there (choose a file on a writable one, or remount it read-write)\n", r.err());
            assertEquals(2, r.code());
            assertEquals("{}", Files.readString(params));
        }
    }
}
