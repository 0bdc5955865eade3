package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.TrainerClasses;
import dev.netgrad.data.TrainingPlan;
import dev.netgrad.data.TrainingRun;
import dev.netgrad.spec.Network;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A long {@code netgrad train --save} ended by the user (Ctrl-C; a plain kill runs the same
 * shutdown hooks): it stops after the current epoch and saves the params of that epoch.
 */
class InterruptedTrainingTest {
    @TempDir
    Path dir;

    /**
     * Whether this process ignores SIGINT (Linux's /proc/self/status, bit 2 of SigIgn), as a command
     * started with {@code &} by a shell without job control does: the child JVM inherits that, never
     * hears the Ctrl-C below and trains on. A CI run started so failed here after 120 s.
     */
    private static boolean interruptIgnored() throws Exception {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return false;
        }
        return Files.readAllLines(status).stream().filter(l -> l.startsWith("SigIgn:"))
                .anyMatch(l -> (Long.parseLong(l.substring("SigIgn:".length()).trim(), 16) & 2) != 0);
    }

    @Test
    void anInterruptedRunSavesTheParamsSoFar() throws Exception {
        assumeFalse(interruptIgnored(), "this process ignores SIGINT (started in the background without job control), "
                + "and so would the train it starts: Ctrl-C cannot be tested here");
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
        // Should the process never end, killing it closes its stderr, so the loop below ends and the test fails, not hangs.
        CompletableFuture<Void> watchdog = CompletableFuture.runAsync(process::destroyForcibly,
                CompletableFuture.delayedExecutor(120, TimeUnit.SECONDS));
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
            watchdog.cancel(false);
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

    /** The mini-batch after which a run is cut: iris's 120 training examples make 120 mini-batches of one an epoch. */
    private static final int CUT_AFTER = 37;

    /**
     * An epoch still running {@link Interruption#OVERDUE_SECONDS} after Ctrl-C is cut at its next
     * mini-batch, end to end through train, without the wait: the Interruption's clock reads 0
     * until the trainer has asked after {@link #CUT_AFTER} mini-batches, then the overdue time.
     * The params saved are those of a run stopped at that mini-batch by TrainingRun itself.
     */
    @Test
    void anEpochOutlastingHalfTheGraceIsCutAtAMiniBatchAndThoseParamsAreSaved() throws Exception {
        AtomicInteger clockReads = new AtomicInteger();
        long overdue = TimeUnit.SECONDS.toNanos(Interruption.OVERDUE_SECONDS) + 1;
        // Read once by request(), then once by every mini-batch's stopWithinEpoch.
        Interruption interruption = new Interruption(() -> clockReads.getAndIncrement() >= CUT_AFTER ? overdue : 0);
        interruption.request();
        Path params = dir.resolve("p.json");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine train = new CommandLine(new TrainCommand(() -> interruption));
        train.setOut(new PrintWriter(out, true));
        train.setErr(new PrintWriter(err, true));
        int code = train.execute("samples/iris.nn", "--data", "samples/data/iris.csv", "--epochs", "3", "--batch", "1",
                "--threads", "1", "--save", params.toString());

        assertEquals(0, code, err.toString());
        assertTrue(err.toString().contains("netgrad train: interrupted; epoch 1 of 3 did not end within "
                + Interruption.OVERDUE_SECONDS + " s, so it stopped within it; saving the params as they are\n"), err.toString());
        assertTrue(out.toString().contains("saved params to " + params + "\n"), out.toString());
        assertEquals(ParamsFile.json(stoppedAfter(CUT_AFTER)), Files.readString(params), "the params of the cut point");
        assertNotEquals(ParamsFile.json(stoppedAfter(CUT_AFTER + 1)), Files.readString(params), "one mini-batch later differs");
    }

    /** The params of the same run (iris, 3 epochs, mini-batches of one, one thread) stopped after {@code batches} mini-batches. */
    private static SavedParams stoppedAfter(int batches) throws Exception {
        Network network = SpecFiles.readLabelled(Path.of("samples/iris.nn"));
        TrainingPlan plan = TrainingPlan.defaults(network).withEpochs(3).withBatch(1).withThreads(1);
        int[] asked = {0};
        TrainingRun.Result result = TrainingRun.run(TrainerClasses.compile(network), network.name(),
                CsvReader.readDataset(Path.of("samples/data/iris.csv"), DataLayout.of(network)), plan, Optional.empty(),
                new CompiledTrainer.EpochListener() {
                    @Override
                    public void onEpoch(int epoch, double cost) {
                        throw new AssertionError("the first epoch has more than " + batches + " mini-batches");
                    }

                    @Override
                    public boolean stopWithinEpoch() {
                        return ++asked[0] == batches;
                    }
                });
        assertTrue(result.partialEpoch());
        // train --save keeps the names of the file's feature columns and the network's forward pass with the params.
        return result.params().withColumns(List.of("sepal_length_cm", "sepal_width_cm", "petal_length_cm", "petal_width_cm"))
                .withForward(List.of("Z1 = W1 @ X + b1", "A1 = tanh(Z1)", "Z2 = W2 @ A1 + b2", "A2 = softmax(Z2)"));
    }
}
