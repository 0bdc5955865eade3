package dev.netgrad.runtime;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
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
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a trainer's save writes its params file: whole or not at all, over a file only when nothing keeps
 * that file (see {@link #writeAtomically}), a failure said in the command line's words. Apart from
 * {@link ParamsJson}, which says what the file holds.
 */
final class AtomicWrite {
    private AtomicWrite() {
    }

    /**
     * Writes {@code text} to {@code file} atomically: to a temporary file in the same folder, then
     * moved over {@code file}, or over the file it links to (the link stays). Anything but a regular
     * file there is refused, never replaced: a folder, a pipe, a device (run as root, the move would
     * put a file in the place of /dev/null). A failure names {@code file}, never the temporary file.
     * The tool's {@code dev.netgrad.OutputFiles} does the same with its own copy of this code, on
     * purpose: the runtime is java.base alone, written out beside the trainers, and reaches none of
     * the tool's classes. Both name their temporary files alike and delete each other's dead leftovers.
     */
    static void writeAtomically(Path file, String text) throws IOException {
        Path target = file.toAbsolutePath();
        if (Files.isSymbolicLink(target) && Files.exists(target)) {
            target = target.toRealPath();
        }
        if (Files.isDirectory(target)) {
            // As the command line's --save: a folder is refused, never written into.
            throw new IOException(file + ": cannot write: it is a directory; give a file name (save writes one file, never into a folder)");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            throw new IOException(file + ": cannot write: it is not a regular file (a device, a pipe or a socket), which save does not replace");
        }
        String kept = Files.exists(target) ? Access.of(target).problem() : null;
        if (kept != null) {
            throw new IOException(file + ": cannot write: it " + kept);
        }
        try {
            replace(target, text);
        } catch (IOException e) {
            throw new IOException(file + ": cannot write: " + reason(e, target), e);
        }
    }

    /**
     * What keeps an existing file from being replaced, in the command line's words (its OutputPaths.Access,
     * copied as {@link #reason} is; AtomicWriteReasonTest holds the two to the same words): a file system
     * mounted read-only, where no chmod helps; a mode without a write bit, read-only to its owner's intent
     * even for root; another user's file, which only its owner can open to this user; or a refusal the mode
     * does not show (an immutable flag, an access control list). The last two were "read-only (make it
     * writable)", a chmod its user cannot or need not do. A rename needs only the folder's permission: without
     * this check a file kept read-only would be replaced (and by root, any file). {@code mode} is null where
     * the file system has none; {@code owner} and {@code user} are null where unknown.
     */
    record Access(boolean onReadOnlyFileSystem, boolean writable, Set<PosixFilePermission> mode, String owner, String user) {
        static Access of(Path file) {
            boolean readOnlyStore;
            try {
                readOnlyStore = Files.getFileStore(file).isReadOnly();
            } catch (IOException | SecurityException e) {
                readOnlyStore = false;
            }
            Set<PosixFilePermission> mode;
            String owner;
            try {
                mode = Files.getPosixFilePermissions(file);
                owner = Files.getOwner(file).getName();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                mode = null;
                owner = null;
            }
            return new Access(readOnlyStore, Files.isWritable(file), mode, owner, System.getProperty("user.name"));
        }

        /** Why save does not replace the file, after "it", and what to do; null if nothing keeps it. */
        String problem() {
            String kept = "; save does not replace it (";
            boolean anyWriteBit = mode == null || mode.contains(PosixFilePermission.OWNER_WRITE)
                    || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
            // Root may chmod any file, so no file is another's to root.
            boolean others = owner != null && user != null && !owner.equals(user) && !user.equals("root");
            if (onReadOnlyFileSystem) {
                return "is on a read-only file system; save cannot replace it there (choose a file on a writable one, or remount it read-write)";
            } else if (writable && anyWriteBit) {
                return null;
            } else if (!writable && others) {
                return anyWriteBit ? "is not writable by " + user + ": it belongs to " + owner + " (mode " + PosixFilePermissions.toString(mode)
                        + ")" + kept + "choose another file, or ask " + owner + " for write access)"
                        : "is read-only and belongs to " + owner + kept + "choose another file, or ask " + owner + " to make it writable)";
            } else if (!anyWriteBit || mode == null || !mode.contains(PosixFilePermission.OWNER_WRITE)) {
                // Its owner's own write bit off (r--rw-r--) is read-only for its owner; with it on, the mode says yes.
                return "is read-only" + kept + "make it writable or choose another file)";
            }
            return "is not writable by " + user + ", though its mode (" + PosixFilePermissions.toString(mode) + ") lets its owner write it: "
                    + "an immutable flag (lsattr shows an i) or an access control list keeps it" + kept + "choose another file)";
        }
    }

    /**
     * The new content in a temporary file, forced to the disk, then renamed over the target, and the
     * folder forced where the platform allows: without the forces, a power cut soon after a save could
     * leave (on XFS, or ext4 without auto_da_alloc) the target an empty file and the previous params
     * lost. A temporary file that cannot be forced fails the save, the target left as it was; a folder
     * that cannot be forced does not (see {@link #forceFolder}).
     */
    private static void replace(Path target, String text) throws IOException {
        Path temp = newTempBeside(target);
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer content = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (content.hasRemaining()) {
                    out.write(content);
                }
                // A file saved over keeps its permissions; a new one gets the usual ones. Set before the
                // force, which makes them durable too, on a file already open for writing.
                PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
                PosixFileAttributeView fresh = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
                if (old != null && fresh != null && Files.isRegularFile(target)) {
                    fresh.setPermissions(old.readAttributes().permissions());
                }
                out.force(true);
            }
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        forceFolder(target.getParent());
    }

    /**
     * Forces the folder's entries (the rename) to the disk where the platform opens a folder as a file
     * (Linux does, Windows does not). Best effort, never a failure: the rename is done and the content
     * forced before it.
     */
    private static void forceFolder(Path folder) {
        if (folder == null) {
            return;
        }
        try (FileChannel entries = FileChannel.open(folder, StandardOpenOption.READ)) {
            entries.force(true);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not a failure of the save: see above.
        }
    }

    /**
     * Why a write failed, in words that name no temporary file ("no space left on device", not its path):
     * the tool's {@code dev.netgrad.IoReason.ofWrite} in a copy of its own, since the runtime is java.base
     * alone and reaches none of the tool's classes. IoReasonTest holds the two to the same words.
     */
    static String reason(IOException e, Path target) {
        if (e instanceof NoSuchFileException) {
            return "the folder " + target.toAbsolutePath().getParent() + " does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return inWords(f.getReason());
        }
        if (e instanceof FileAlreadyExistsException f) {
            return f.getFile() + " is a file, not a folder";
        }
        if (e instanceof DirectoryNotEmptyException) {
            return "a folder is in the way";
        }
        if (e instanceof FileSystemException) {
            // Its message would be its file's name alone, which may be the temporary file's.
            return "the file system refuses it";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : inWords(e.getMessage());
    }

    /** strerror's "Not a directory" as the rest of the message reads, "not a directory"; "Is a directory" as "it is a directory". */
    private static String inWords(String reason) {
        boolean capitalized = reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1));
        String lower = capitalized ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
        return lower.equals("is a directory") ? "it is a directory" : lower;
    }

    /**
     * An empty file beside {@code target} for its new content, named
     * {@code .netgrad-PID-TAG-RANDOM.tmp} (as the tool names its own): the saving process's id and a
     * tag of the target's name (its hashCode, in hex), not the name itself ("." + a name near the
     * file system's 255 bytes + a suffix could not exist); made by {@link Files#createFile} rather
     * than {@link Files#createTempFile}, whose 0600 would make every saved params file readable by
     * its owner alone. The leftovers of saves of this target killed mid-write are deleted first.
     */
    private static Path newTempBeside(Path target) throws IOException {
        removeDeadLeftovers(target);
        String prefix = ".netgrad-" + ProcessHandle.current().pid() + "-" + tag(target) + "-";
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling(prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16) + ".tmp");
            try {
                return Files.createFile(temp);
            } catch (FileAlreadyExistsException taken) {
                if (attempt >= 100) {
                    throw taken;
                }
            }
        }
    }

    /**
     * Deletes the temporary files beside {@code target} that a save of it left when its process was
     * killed: regular files named as {@link #newTempBeside} names them for this target, whose process
     * is no longer running and which nothing has written for {@link #LEFTOVER_AGE} (a saver in another
     * container or on another host sharing the folder has a process id that looks dead here). A live
     * saver's (this one's included) and any other file are left alone. An older netgrad's leftover
     * ({@link #OLDER_TEMP_NAME}) names neither its process nor its target: one beside the target is
     * deleted by the age alone (an older saver renamed its file a moment after its last write; one
     * stopped longer than ten minutes mid-write fails its rename and leaves its target as it was).
     * Best effort: a leftover that cannot be listed or deleted stays, and the save goes on.
     */
    private static void removeDeadLeftovers(Path target) {
        String tag = tag(target);
        try (DirectoryStream<Path> files = Files.newDirectoryStream(target.getParent(), ".netgrad-*.tmp")) {
            for (Path file : files) {
                if (isLeftover(file, tag) && untouchedSince(file, LEFTOVER_AGE)) {
                    Files.deleteIfExists(file);
                }
            }
        } catch (IOException | DirectoryIteratorException e) {
            // Leftovers are only clutter; failing to remove them must not fail the save.
        }
    }

    /** A regular file named as a dead saver of the target of {@code tag} names it, or as an older netgrad named any. */
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

    /** How long a dead saver's temporary file must have been left untouched before it is deleted. */
    static final Duration LEFTOVER_AGE = Duration.ofMinutes(10);

    private static boolean untouchedSince(Path file, Duration age) throws IOException {
        Instant modified = Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant();
        return modified.isBefore(Instant.now().minus(age));
    }

    private static final Pattern TEMP_NAME = Pattern.compile("\\.netgrad-([0-9]{1,18})-([0-9a-f]{1,8})-[0-9a-f]{1,16}\\.tmp");

    /** An older netgrad's temporary file, {@code .netgrad-RANDOM.tmp}: a random number in hex or decimal, no process id, no tag. */
    private static final Pattern OLDER_TEMP_NAME = Pattern.compile("\\.netgrad-[0-9a-f]{1,20}\\.tmp");

    private static String tag(Path target) {
        return Integer.toHexString(target.getFileName().toString().hashCode());
    }
}
