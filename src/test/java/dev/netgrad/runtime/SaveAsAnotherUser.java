package dev.netgrad.runtime;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A save's write (AtomicWrite.writeAtomically, which a trainer's save calls) in a JVM of its own, run as
 * another user: what a file of root's says to a user who may not write it. Running as another user needs
 * root and runuser; where either is missing, {@link #save} skips the test that calls it, saying why.
 */
public final class SaveAsAnotherUser {
    /** The exit codes of a save that failed and one that crashed, told from runuser's own failures (1, 125 and above) and java's (1). */
    private static final int REFUSED = 3;
    private static final int CRASHED = 4;

    private SaveAsAnotherUser() {
    }

    /** Writes "{}" to the file args[0]; on an IOException, prints its message and exits with {@link #REFUSED}; on any other, its trace. */
    public static void main(String[] args) {
        try {
            AtomicWrite.writeAtomically(Path.of(args[0]), "{}\n");
        } catch (IOException e) {
            System.out.print(e.getMessage());
            System.exit(REFUSED);
        } catch (RuntimeException e) {
            e.printStackTrace(System.out);
            System.exit(CRASHED);
        }
    }

    /** What saving {@code file} as {@code user} says ("" when it is saved); the test is skipped where this process cannot run as another user. */
    public static String save(String user, Path file) throws IOException {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "running as " + user + " needs root");
        String java = ProcessHandle.current().info().command().orElse("java");
        String classPath = location(AtomicWrite.class) + File.pathSeparator + location(SaveAsAnotherUser.class);
        Process process;
        try {
            process = new ProcessBuilder("runuser", "-u", user, "--", java, "-Xshare:auto", "-XX:-UsePerfData", "-cp", classPath,
                    SaveAsAnotherUser.class.getName(), file.toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("running as " + user + " needs runuser: " + e.getMessage());
            throw e;
        }
        try {
            String said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("saving as " + user + " did not end in a minute");
            }
            Assumptions.assumeTrue(process.exitValue() == 0 || process.exitValue() == REFUSED || process.exitValue() == CRASHED,
                    "could not save as " + user + " (exit code " + process.exitValue() + "): " + said);
            return said;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while saving as " + user, e);
        }
    }

    private static String location(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
