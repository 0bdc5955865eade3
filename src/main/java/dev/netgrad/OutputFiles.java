package dev.netgrad;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How netgrad writes the files it makes (trainer classes, equations, saved params, plots): whole or
 * not at all, through a temporary file in the same folder renamed over the target, so a crash or a
 * full disk never leaves half a file and a failed write leaves the old one intact. The temporary
 * file is created as any new file is (mode 0666 minus the umask, unlike
 * {@link Files#createTempFile}'s 0600); a file that is replaced keeps its permissions. Generated
 * sources are written only when their bytes change: rewriting an unchanged file would give it a
 * new timestamp and make the compiler rebuild everything that depends on it.
 *
 * <p>The temporary file's content is forced to the disk before the rename ({@link FileChannel#force}),
 * and the folder after it where the platform lets a folder be forced: without that, a power cut
 * soon after a write can leave, on XFS or on ext4 without auto_da_alloc, the new name on an empty
 * file, and the previous content lost. A temporary file that cannot be forced fails the write (the
 * target is left as it was); a folder that cannot be forced does not, since some systems do not
 * open a folder as a file at all, and the rename has been done.
 *
 * <p>The runtime's {@code AtomicWrite} (a trainer's save) writes the same way with its own copy of
 * this code, on purpose: the runtime is java.base alone and is written out beside the trainers,
 * so it cannot call this class, and sharing its copy instead would add a public class to every
 * user's runtime and to the names a network may not take. The two name their temporary files
 * alike and delete each other's dead leftovers: OutputFilesTest and SaveLoadTest make the same
 * names. A change to one is a change to both.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /**
     * Replaces {@code file} with {@code content} in one rename; its folder must exist. A link is
     * written through: the file it links to is replaced, and the link stays. Failures name no
     * temporary file: the caller names the target, the exception gives the reason ("Is a
     * directory", a NoSuchFileException, ...).
     */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        writeAtomically(file, content, Durability.FORCED);
    }

    /** As {@link #writeAtomically(Path, byte[])}, the temporary file made durable by {@code durability}. */
    static void writeAtomically(Path file, byte[] content, Durability durability) throws IOException {
        try {
            replace(replaced(file), content, durability);
        } catch (AccessDeniedException | NoSuchFileException known) {
            throw known;
        } catch (FileSystemException e) {
            throw new IOException(e.getReason() != null ? e.getReason() : e.getMessage(), e);
        }
    }

    /**
     * The file a write of {@code file} renames its content over: {@code file}, or the file it links
     * to. Anything but a regular file there is refused: the rename would put a file in the place
     * of a folder, a pipe or a device (run as root, of /dev/null itself).
     */
    static Path replaced(Path file) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target) && Files.exists(target)) {
            target = target.toRealPath();
        }
        if (Files.isDirectory(target)) {
            throw new FileSystemException(file.toString(), null, "Is a directory");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new FileSystemException(file.toString(), null, "not a regular file (a device, a pipe or a socket), which netgrad does not replace");
        }
        return target;
    }

    /** Whether {@code file} is a regular file holding exactly {@code content}. */
    public static boolean holds(Path file, byte[] content) throws IOException {
        return Files.isRegularFile(file)
                && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content);
    }

    private static void replace(Path target, byte[] bytes, Durability durability) throws IOException {
        Path temp = stage(target, bytes, durability);
        try {
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(target.getParent());
    }

    /**
     * How a temporary file's content reaches the disk before its rename. Always {@link #FORCED} but in
     * tests, which cannot make a real disk fail its flush and stand a failing one in for it.
     */
    @FunctionalInterface
    interface Durability {
        /** Content and metadata (its size above all), as fsync: the data alone could leave a file cut short. */
        Durability FORCED = file -> file.force(true);

        void force(FileChannel file) throws IOException;
    }

    /**
     * A new temporary file beside {@code target} ({@link #createTemp}) holding {@code bytes} whole and
     * forced to the disk, with the target's permissions if it exists, ready to be renamed over it ({@link #move}); on a
     * failure it is deleted. One file's write and {@link StagedFiles}' several both stage this way.
     */
    static Path stage(Path target, byte[] bytes) throws IOException {
        return stage(target, bytes, Durability.FORCED);
    }

    static Path stage(Path target, byte[] bytes, Durability durability) throws IOException {
        Path temp = createTemp(target);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(bytes);
                while (content.hasRemaining()) {
                    out.write(content);
                }
                // Before the force, which then makes the permissions durable too; the file is open for
                // writing already, so a read-only target's mode does not lock this write out.
                keepPermissions(target, temp);
                durability.force(out);
            }
            return temp;
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * A new, empty, hidden file next to the target, created with the default permissions, named
     * {@code .netgrad-PID-TAG-RANDOM.tmp}: the writing process's id, and a tag of the target's name
     * (its {@link String#hashCode}, in hex), not the name itself: a target whose name is near the
     * file system's limit (255 bytes) would otherwise get a temporary file that cannot exist. The
     * leftovers of writers of this target that died mid-write (killed) are deleted first.
     */
    static Path createTemp(Path target) throws IOException {
        removeDeadLeftovers(target);
        String prefix = ".netgrad-" + ProcessHandle.current().pid() + "-" + tag(target) + "-";
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling(prefix
                    + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) {
                    throw taken;
                }
            }
        }
    }

    /** How long a dead writer's temporary file must have been left untouched before it is deleted. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private static boolean untouchedSince(Path file, Duration age) throws IOException {
        Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.isBefore(Instant.now().minus(age));
    }

    private static final Pattern TEMP_NAME = Pattern.compile("\\.netgrad-([0-9]{1,18})-([0-9a-f]{1,8})-[0-9a-f]{1,16}\\.tmp");

    /**
     * An older netgrad's temporary file, {@code .netgrad-RANDOM.tmp}: a random number in hex (the
     * tool's) or decimal (a trainer's save, through {@link Files#createTempFile}), no process id, no tag.
     */
    private static final Pattern OLDER_TEMP_NAME = Pattern.compile("\\.netgrad-[0-9a-f]{1,20}\\.tmp");

    /**
     * Deletes the temporary files beside {@code target} that a write of it left when its process was
     * killed: regular files named as {@link #createTemp} names them for this target, whose process is
     * no longer running and which nothing has written for {@link #LEFTOVER_AGE}. A live writer's
     * (this one's included) and any other file are left alone; so is a leftover whose process id a
     * new process has taken, until that one ends. The age is for writers this process cannot see:
     * one in another container or on another host sharing the folder has a process id that looks
     * dead here, and its file is being written now. Best effort: a leftover that cannot be listed or
     * deleted stays, and the write goes on.
     *
     * <p>An older netgrad's leftover ({@link #OLDER_TEMP_NAME}) names neither its process nor its
     * target: one beside the target is deleted by the age alone. No current writer makes that name; an
     * older one renamed its file a moment after its last write, so one untouched for ten minutes was
     * killed, or stopped mid-write that long, and then its rename fails and its target stays as it was.
     */
    static void removeDeadLeftovers(Path target) {
        Path folder = target.toAbsolutePath().getParent();
        String tag = tag(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, ".netgrad-*.tmp")) {
            for (Path file : files) {
                if (isLeftover(file, tag) && untouchedSince(file, LEFTOVER_AGE)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Leftovers are only clutter; failing to remove them must not fail the write.
        }
    }

    /** A regular file named as a dead writer of the target of {@code tag} names it, or as an older netgrad named any. */
    private static boolean isLeftover(Path file, String tag) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        Matcher name = TEMP_NAME.matcher(file.getFileName().toString());
        if (name.matches()) {
            long pid = Long.parseLong(name.group(1));
            return name.group(2).equals(tag) && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty();
        }
        return OLDER_TEMP_NAME.matcher(file.getFileName().toString()).matches();
    }

    /** The tag of a target's name in its temporary files' names. */
    static String tag(Path target) {
        return Integer.toHexString(target.getFileName().toString().hashCode());
    }

    static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView fresh = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (old != null && fresh != null && Files.isRegularFile(target)) {
            fresh.setPermissions(old.readAttributes().permissions());
        }
    }

    /**
     * Forces {@code folder}'s entries (a rename into it, a file or folder made in it) to the disk, where the
     * platform opens a folder as a file (Linux does; Windows refuses, and there a rename is made durable by
     * the file system itself). Best effort, on purpose: the rename is done, the content forced before it;
     * a folder that cannot be forced must not turn a good write into a failure.
     */
    static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel entries = FileChannel.open(folder, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not a failure of the write: see above.
        }
    }

    static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
