package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Standard output that fails: a reader that closed the pipe ({@code | head -1}) ends the run
 * quietly with 141, as it ends GNU tools; any other failure (a full disk) is an error, exit 2,
 * naming the operating system's reason.
 */
class ClosedOutputTest {
    @TempDir
    Path dir;

    /** Standard output whose every write fails with the operating system's {@code reason}. */
    private static final class Failing extends OutputStream {
        private final String reason;

        Failing(String reason) {
            this.reason = reason;
        }

        @Override
        public void write(int b) throws IOException {
            throw new IOException(reason);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # the write's failure      | exit | standard error
            Broken pipe                | 141  | ''
            The pipe is being closed   | 141  | ''
            The pipe has been ended    | 141  | ''
            No space left on device    | 2    | 'netgrad: error: cannot write to standard output: No space left on device; the output is incomplete\n'
            Input/output error         | 2    | 'netgrad: error: cannot write to standard output: Input/output error; the output is incomplete\n'
            """)
    void aClosedPipeEndsQuietlyAndAnyOtherFailureIsAnError(String reason, int code, String err) {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"derive", "samples/planar.nn"}, StandardOutput.of(new Failing(reason)),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertEquals(err.replace("\\n", "\n"), errors.toString(StandardCharsets.UTF_8));
        assertEquals(code, exit);
    }

    @Test
    void aStreamThatKeepsNoReasonStillFails() {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"derive", "samples/planar.nn"}, new PrintStream(new Failing("Broken pipe"), true),
                new PrintStream(errors, true, StandardCharsets.UTF_8));
        assertEquals(Main.OUTPUT_FAILED, exit);
        assertEquals("netgrad: error: cannot write to standard output (disk full or pipe closed?); the output is incomplete\n",
                errors.toString(StandardCharsets.UTF_8));
    }

    /**
     * {@code netgrad predict ... | head -1} for real: a process whose standard output is a pipe that
     * the reader closes after the first line, with more output to come than the pipe holds. The
     * JVM's own message for the failed write is what tells the closed pipe from other failures.
     */
    @Test
    void predictIntoHeadEndsQuietlyWith141() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("samples/data/planar.csv"));
        StringBuilder csv = new StringBuilder(lines.get(0)).append('\n');
        // 10,000 rows, whose predictions (about 20 bytes each) are more than a pipe holds (64 kB).
        for (int copy = 0; copy < 25; copy++) {
            lines.subList(1, lines.size()).forEach(line -> csv.append(line).append('\n'));
        }
        Path data = Files.writeString(dir.resolve("planar10k.csv"), csv);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "predict", "samples/planar.nn", "--params", "samples/data/planar_init.json", "--data", data.toString()));
        Path err = dir.resolve("err.txt");
        Process process = new ProcessBuilder(command).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        try (InputStream out = process.getInputStream()) {
            StringBuilder first = new StringBuilder();
            for (int c = out.read(); c != '\n' && c != -1; c = out.read()) {
                first.append((char) c);
            }
            assertEquals("class,A2", first.toString());
        }
        int exit = process.waitFor();
        String errors = Files.readString(err, StandardCharsets.UTF_8);
        assertEquals("", errors);
        assertEquals(Main.OUTPUT_CLOSED, exit);
    }
}
