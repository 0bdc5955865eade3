package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every verb that runs generated code, on a Java runtime without javac: a clean user error (exit 2),
 * never an internal error. The runtime is this JDK with its modules limited to the Java SE ones,
 * which leaves out jdk.compiler, so the system compiler is missing as on a JRE.
 */
class NoCompilerTest {
    private static final String PLANAR = "samples/planar.nn";

    @TempDir
    Path dir;

    private record Run(int code, String err) {
    }

    private Run withoutJavac(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // A run that stops at its first check: the client compiler alone starts it in half the CPU.
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "--limit-modules", "java.se",
                "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        command.addAll(List.of(args));
        Path err = dir.resolve("err.txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile())
                .start();
        int code = p.waitFor();
        return new Run(code, Files.readString(err, StandardCharsets.UTF_8));
    }

    private static void assertNeedsAJdk(Run run) {
        assertEquals(Main.USAGE, run.code(), run.err());
        assertTrue(run.err().matches("(?s)netgrad [a-z]+: error: needs a JDK \\(javac\\).*"), run.err());
        assertFalse(run.err().contains("internal error") || run.err().contains("Exception") || run.err().contains("\tat "),
                run.err());
    }

    @Test
    void trainNeedsAJdk() throws Exception {
        assertNeedsAJdk(withoutJavac("train", PLANAR, "--data", "samples/data/planar.csv", "--epochs", "1"));
    }

    @Test
    void predictNeedsAJdk() throws Exception {
        assertNeedsAJdk(withoutJavac("predict", PLANAR, "--params", "samples/data/planar_init.json",
                "--data", "samples/data/planar.csv"));
    }

    @Test
    void benchNeedsAJdk() throws Exception {
        assertNeedsAJdk(withoutJavac("bench", PLANAR, "--steps", "1", "--warmup", "0"));
    }

    @Test
    void evalAndGradcheckNeedAJdk() throws Exception {
        Path in = Files.writeString(dir.resolve("case.json"), "{\"params\": {}, \"inputs\": {}}");
        assertNeedsAJdk(withoutJavac("eval", PLANAR, "--in", in.toString()));
        assertNeedsAJdk(withoutJavac("gradcheck", PLANAR));
    }
}
