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

    /**
     * The content is forced to the disk whole before the rename: without it a power cut could leave the
     * new name on an empty file, on XFS or ext4 without auto_da_alloc, and the old content gone. The power
     * cut itself cannot be tested here; that the force comes, whole and before the rename, can.
     */
    @Test
    void theContentIsForcedWholeBeforeTheRename() throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        java.util.List<String> forced = new java.util.ArrayList<>();
        OutputFiles.writeAtomically(file, bytes("new content"), channel -> {
            forced.add(channel.size() + " bytes forced while the target held '" + Files.readString(file) + "'");
            OutputFiles.Durability.FORCED.force(channel);
        });
        assertEquals(java.util.List.of("11 bytes forced while the target held 'old'"), forced);
        assertEquals("new content", Files.readString(file));
    }

    /** A disk that fails the force (EIO) fails the write, with the system's reason, and the old file stays. */
    @Test
    void aForceThatFailsFailsTheWriteAndKeepsTheOldFile() throws IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        IOException e = assertThrows(IOException.class, () -> OutputFiles.writeAtomically(file, bytes("new"), channel -> {
            throw new IOException("Input/output error");
        }));
        assertEquals("input/output error", IoReason.ofWrite(e));
        assertEquals("old", Files.readString(file));
        try (var files = Files.list(dir)) {
            assertEquals(java.util.List.of(file), files.toList(), "no temporary file left");
        }
    }

    /** Forcing a folder is best effort: one that cannot be opened (here: gone, or a file) never fails a write. */
    @Test
    void aFolderThatCannotBeForcedIsNoFailure() throws IOException {
        OutputFiles.forceFolder(dir.resolve("missing"));
        OutputFiles.forceFolder(Files.writeString(dir.resolve("a file"), "x"));
        OutputFiles.forceFolder(null);
        OutputFiles.forceFolder(dir);
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

    // What stands at the target, and the reason the write is refused with ('' when it writes). A
    // refused target is left as it was: a rename would put a file in the place of a socket, a pipe
    // or a device (as root, of /dev/null).
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a socket                              | not a regular file (a device, a pipe or a socket), which netgrad does not replace
            a link to a socket                    | not a regular file (a device, a pipe or a socket), which netgrad does not replace
            a link to a folder                    | Is a directory
            a link to a file, written through it  | ''
            """)
    void onlyARegularFileIsReplacedAndALinkIsWrittenThrough(String what, String reason) throws IOException {
        Path file = dir.resolve("Foo.java");
        Path other = dir.resolve(what.contains("folder") ? "folder" : what.contains("socket") ? "socket" : "other.java");
        Path standing = what.startsWith("a link") ? Files.createSymbolicLink(file, other) : file;
        if (what.contains("folder")) {
            Files.createDirectory(other);
        } else if (!what.contains("socket")) {
            Files.write(other, bytes("old"));
        }
        try (java.nio.channels.ServerSocketChannel socket = what.contains("socket") ? bound(what.startsWith("a link") ? other : file) : null) {
            if (reason.isEmpty()) {
                OutputFiles.writeAtomically(file, bytes("class Foo {}"));
                assertTrue(Files.isSymbolicLink(file), "the link stays");
                assertEquals("class Foo {}", Files.readString(other));
            } else {
                IOException e = assertThrows(IOException.class, () -> OutputFiles.writeAtomically(file, bytes("class Foo {}")));
                assertEquals(reason, e.getMessage());
                assertFalse(Files.isRegularFile(file), "left as it was");
            }
        }
        assertTrue(Files.exists(standing, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".netgrad-")), "no temporary file left");
        }
    }

    /** A Unix socket bound at {@code path}: a file that is neither regular nor a folder, made without root. */
    private static java.nio.channels.ServerSocketChannel bound(Path path) throws IOException {
        java.nio.channels.ServerSocketChannel socket = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
        socket.bind(java.net.UnixDomainSocketAddress.of(path));
        return socket;
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

    /** The id of a process that has ended: a child started and waited for. */
    static long deadPid() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        long pid = child.pid();
        assertTrue(ProcessHandle.of(pid).isEmpty(), "the child has ended");
        return pid;
    }

    // A writer killed mid-write leaves its temporary file; the next write of the same target deletes
    // it if its process is gone and nothing has written it for ten minutes (an older netgrad's,
    // naming no process, when nothing has written it for ten minutes). Each case: a file made by
    // hand beside Foo.java (DEAD: a process that has ended, SELF: this JVM, a live one; TAG: Foo.java's
    // tag), how many minutes ago it was last written, and whether the write deletes it.
    @ParameterizedTest(name = "{0}, {1} min old -> deleted: {2}")
    @CsvSource({
        ".netgrad-DEAD-TAG-1a2b.tmp,     11, true",  // a dead writer's leftover of this target
        ".netgrad-DEAD-TAG-1a2b.tmp,      0, false", // a writer in another container or host looks dead here: it may be writing now
        ".netgrad-DEAD-TAG-1a2b.tmp,      9, false", // not yet ten minutes
        ".netgrad-SELF-TAG-1a2b.tmp,     11, false", // a live writer's (this JVM's), perhaps mid-write
        ".netgrad-DEAD-0-1a2b.tmp,       11, false", // another target's
        ".netgrad-DEAD-TAG-1a2b.tmp.bak, 11, false", // not a name netgrad makes
        ".netgrad-1a2b3c.tmp,            11, true",  // an older netgrad's (no process id, no tag): by its age alone
        ".netgrad-1a2b3c.tmp,             9, false", // an older netgrad's, perhaps being written
        ".netgrad-8125369512381092364.tmp, 11, true", // an older trainer's save (createTempFile's decimal)
        ".netgrad-1a2b3c.tmp.bak,        11, false", // not a name netgrad makes
        ".netgrad-1a2b3x.tmp,            11, false", // nor this
        "Foo.DEAD-TAG.tmp,               11, false", // the user's
    })
    void aDeadWritersLeftoverOfTheTargetIsDeletedAndNothingElse(String name, int minutesOld, boolean deleted) throws Exception {
        Path file = dir.resolve("Foo.java");
        Path leftover = dir.resolve(name.replace("DEAD", Long.toString(deadPid()))
                .replace("SELF", Long.toString(ProcessHandle.current().pid()))
                .replace("TAG", OutputFiles.tag(file)));
        Files.write(leftover, bytes("class F"));
        age(leftover, minutesOld);
        OutputFiles.writeAtomically(file, bytes("class Foo {}"));
        assertEquals(!deleted, Files.exists(leftover), leftover.toString());
        assertEquals("class Foo {}", Files.readString(file));
    }

    /** Dates the file's last write minutes ago. */
    static void age(Path file, int minutes) throws IOException {
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(minutes))));
    }

    // The leftovers made by hand above are named as a real write names its temporary file.
    @Test
    void aTemporaryFileIsNamedAfterItsProcessAndItsTarget() throws IOException {
        Path file = dir.resolve("Foo.java");
        Path temp = OutputFiles.createTemp(file);
        String name = temp.getFileName().toString();
        assertTrue(name.matches("\\.netgrad-" + ProcessHandle.current().pid() + "-" + OutputFiles.tag(file) + "-[0-9a-f]+\\.tmp"), name);
        assertEquals(dir, temp.getParent());
    }

    @Test
    void aDeadWritersLeftoverThatIsAFolderOrALinkIsLeftAlone() throws Exception {
        Path file = dir.resolve("Foo.java");
        String prefix = ".netgrad-" + deadPid() + "-" + OutputFiles.tag(file) + "-";
        Path folder = Files.createDirectory(dir.resolve(prefix + "1.tmp"));
        age(folder, 11);
        Path kept = Files.writeString(dir.resolve("kept.java"), "kept");
        Path link = Files.createSymbolicLink(dir.resolve(prefix + "2.tmp"), kept);
        OutputFiles.writeAtomically(file, bytes("class Foo {}"));
        assertTrue(Files.isDirectory(folder));
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("kept", Files.readString(kept));
    }

    @Test
    void aStagedWriteAlsoDeletesADeadWritersLeftover() throws Exception {
        Path file = dir.resolve("Foo.java");
        Path leftover = dir.resolve(".netgrad-" + deadPid() + "-" + OutputFiles.tag(file) + "-1.tmp");
        Files.write(leftover, bytes("class F"));
        age(leftover, 11);
        StagedFiles.writeAll(java.util.Map.of(file, bytes("class Foo {}")));
        assertFalse(Files.exists(leftover));
    }
}
