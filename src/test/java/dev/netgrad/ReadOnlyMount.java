package dev.netgrad;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted read-only on a test's folder, holding files made writable (0644) before the
 * remount: a file whose own mode allows writing on a file system that does not. Mounting needs root (or
 * the capability) and the mount command: where either is missing, {@link #on} gives nothing and the test
 * is skipped. {@link #close} unmounts.
 */
public final class ReadOnlyMount implements AutoCloseable {
    private final Path folder;

    private ReadOnlyMount(Path folder) {
        this.folder = folder;
    }

    /** {@code folder} (empty, made here) mounted read-only with {@code files} (name to content) in it, or empty. */
    public static Optional<ReadOnlyMount> on(Path folder, Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        if (!command("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.toString())) {
            return Optional.empty();
        }
        ReadOnlyMount mount = new ReadOnlyMount(folder);
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Files.write(folder.resolve(file.getKey()), file.getValue().getBytes(StandardCharsets.UTF_8));
                Files.setPosixFilePermissions(folder.resolve(file.getKey()), java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            if (!command("mount", "-o", "remount,ro", folder.toString())) {
                mount.close();
                return Optional.empty();
            }
        } catch (IOException | RuntimeException e) {
            mount.close();
            throw e;
        }
        return Optional.of(mount);
    }

    @Override
    public void close() {
        command("umount", folder.toString());
    }

    private static boolean command(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
