package dev.netgrad.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Standard input that was closed when the process started ({@code netgrad check x.nn - <&-}, a
 * service started without one). The JVM then opens its own files on the free descriptor 0: it is
 * the JDK's {@code lib/modules}, and {@code check -} read 128 MB of it and said the file is too large.
 */
final class ClosedStandardInput {
    private static final Path DESCRIPTOR = Path.of("/proc/self/fd/0");

    private ClosedStandardInput() {
    }

    /** True when descriptor 0 is a file of the running JDK's own; false where the system does not tell (no /proc). */
    static boolean closed() {
        try {
            Path home = Path.of(System.getProperty("java.home")).toRealPath();
            return Files.isSymbolicLink(DESCRIPTOR) && DESCRIPTOR.toRealPath().startsWith(home);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
