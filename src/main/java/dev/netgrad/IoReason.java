package dev.netgrad;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why a file could not be read, written or deleted, in a few words that name neither the file (the message
 * around the reason already does) nor a temporary file (a FileSystemException's own message is its
 * path, which may be one): the one wording of every verb's, the plugin's and the command line's
 * checks. The runtime's {@code AtomicWrite} says the same words with its own copy of {@link #ofWrite},
 * since the runtime is java.base alone and reaches none of the tool's classes; IoReasonTest holds
 * both to one table.
 */
public final class IoReason {
    private IoReason() {
    }

    /** Why opening or reading a file failed: a missing file is "no such file". */
    public static String of(IOException e) {
        return e instanceof NoSuchFileException ? "no such file" : common(e);
    }

    /**
     * Why writing a file (or making its folder) failed: a write makes its file, so a missing one means
     * its folder is missing, named by the exception's file's parent (the temporary file's is the target's).
     */
    public static String ofWrite(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            Path parent = missing.getFile() == null ? null : Path.of(missing.getFile()).toAbsolutePath().getParent();
            return parent == null ? "no such folder" : "the folder " + parent + " does not exist";
        }
        return common(e);
    }

    /**
     * Why deleting a file or an empty folder failed: as a read's, but a folder that was found empty and filled
     * before its delete is "not empty" (the JDK's DirectoryNotEmptyException, which a write's words call a folder
     * in the way).
     */
    public static String ofDelete(IOException e) {
        return e instanceof DirectoryNotEmptyException ? "the folder is not empty" : of(e);
    }

    private static String common(IOException e) {
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
            // Its message would be its file's name alone, which may be a temporary file's.
            return "the file system refuses it";
        }
        return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : inWords(e.getMessage());
    }

    /**
     * strerror's "Not a directory" reads as the rest of the message does: "not a directory"; and its
     * "Is a directory" as netgrad's own checks of a folder say it, "it is a directory".
     */
    private static String inWords(String reason) {
        boolean capitalized = reason.length() > 1 && Character.isUpperCase(reason.charAt(0)) && Character.isLowerCase(reason.charAt(1));
        String lower = capitalized ? reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1) : reason;
        return lower.equals("is a directory") ? "it is a directory" : lower;
    }
}
