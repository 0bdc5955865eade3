package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long {@code netgrad train --save} ended by the user (Ctrl-C; a plain kill runs the same
 * shutdown hooks): it stops after the current epoch and saves the params of that epoch.
 */
class InterruptedTrainingTest {
    @TempDir
    Path dir;

    @Test
    void anInterruptedRunSavesTheParamsSoFar() throws Exception {
        Path params = dir.resolve("p.json");
        ProcessBuilder builder = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // Only its first epoch matters: the client compiler alone reaches it with less CPU.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "train", "samples/iris.nn", "--data", "samples/data/iris.csv", "--epochs", "10000000",
                "--save", params.toString()))
                .redirectOutput(dir.resolve("out.txt").toFile());
        builder.environment().put("NETGRAD_PROGRESS", "lines");
        Process process = builder.start();
        StringBuilder err = new StringBuilder();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                err.append(line).append('\n');
                if (line.startsWith("epoch ")) {
                    // What Ctrl-C sends; Process.destroy would also close the streams read here.
                    new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();
                }
            }
        } finally {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        String stderr = err.toString();
        assertTrue(stderr.matches("(?s).*\nnetgrad train: interrupted; stopped after epoch [0-9]+ of 10000000; "
                + "saving the params of that epoch\n.*"), stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
        String out = Files.readString(dir.resolve("out.txt"));
        assertTrue(out.contains("\ntraining: ") && out.contains("saved params to " + params + "\n"), out);
        assertTrue(Files.readString(params).contains("\"standardization\""));
        assertEquals(130, process.exitValue(), "ended by the signal, as Ctrl-C ends a process");
    }
}
