package dev.netgrad.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Replaces a file's bytes atomically: they go to a temporary file in the same folder, renamed over
 * the target, so a reader never sees half a file and a failed write leaves the old one intact.
 * The temporary file is created as any new file is (mode 0666 minus the umask, unlike
 * {@link Files#createTempFile}'s 0600); a file that is replaced keeps its permissions.
 */
public final class OutputFile {
    private OutputFile() {
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path target = file.toAbsolutePath();
        Path temp = createTemp(target);
        try {
            try (OutputStream out = Files.newOutputStream(temp, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
            keepPermissions(target, temp);
            move(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A new, empty, hidden file next to the target, created with the default permissions. */
    private static Path createTemp(Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path temp = target.resolveSibling("." + target.getFileName() + "."
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

    private static void keepPermissions(Path target, Path temp) throws IOException {
        PosixFileAttributeView old = Files.getFileAttributeView(target, PosixFileAttributeView.class);
        PosixFileAttributeView fresh = Files.getFileAttributeView(temp, PosixFileAttributeView.class);
        if (old != null && fresh != null && Files.isRegularFile(target)) {
            fresh.setPermissions(old.readAttributes().permissions());
        }
    }

    private static void move(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
