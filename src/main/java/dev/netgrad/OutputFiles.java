package dev.netgrad;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * How netgrad writes the files it makes (trainer classes, equations, saved params): whole or not
 * at all, through a temporary file in the same folder renamed over the target, so a crash or a
 * full disk never leaves half a file. Generated sources are written only when their bytes change:
 * rewriting an unchanged file would give it a new timestamp and make the compiler rebuild
 * everything that depends on it.
 */
public final class OutputFiles {
    private OutputFiles() {
    }

    /** Writes {@code content} unless {@code file} already holds exactly it; says whether it wrote. */
    public static boolean writeIfChanged(Path file, byte[] content) throws IOException {
        if (holds(file, content)) {
            return false;
        }
        writeAtomically(file, content);
        return true;
    }

    /** Replaces {@code file} (and makes its folders) with {@code content} in one rename. */
    public static void writeAtomically(Path file, byte[] content) throws IOException {
        Path target = file.toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            Files.write(temp, content);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    static boolean holds(Path file, byte[] content) throws IOException {
        return Files.isRegularFile(file)
                && Files.size(file) == content.length
                && Arrays.equals(Files.readAllBytes(file), content);
    }
}
