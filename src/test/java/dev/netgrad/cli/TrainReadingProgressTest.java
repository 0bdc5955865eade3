package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.TrainerClasses;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code netgrad train} says on stderr how far a long read of --data has come, and stdout stays
 * what it is. The read's clock moves 3 s each time it is read, so the read "takes" 12 s.
 */
class TrainReadingProgressTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run train(Path data, LongSupplier clock) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine train = new CommandLine(new TrainCommand(() -> new Interruption(() -> 0), TrainerClasses::compile, clock));
        train.setOut(new PrintWriter(out, true));
        train.setErr(new PrintWriter(err, true));
        int code = train.execute("samples/iris.nn", "--data", data.toString(), "--epochs", "2");
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aLongReadIsReportedOnStderrOnly() throws Exception {
        String iris = Files.readString(Path.of("samples/data/iris.csv"));
        String header = iris.substring(0, iris.indexOf('\n') + 1);
        Path data = Files.writeString(dir.resolve("many.csv"), header + iris.substring(header.length()).repeat(20));
        AtomicLong now = new AtomicLong();
        Run slow = train(data, () -> now.getAndAdd(3_000_000_000L));
        Run quick = train(data, () -> 0);

        assertEquals(0, slow.code(), slow.err());
        assertTrue(slow.err().startsWith("reading " + data + ": "), slow.err());
        assertTrue(slow.err().contains(" rows, 6.0 s\nread 3,000 rows of " + data + " in 9.0 s\n"), slow.err());
        assertFalse(quick.err().contains("reading "), "a quick read says nothing: " + quick.err());
        assertEquals(quick.out(), slow.out(), "stdout is the same");
    }
}
