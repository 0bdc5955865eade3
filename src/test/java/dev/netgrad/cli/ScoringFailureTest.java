package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.Logistic;
import dev.netgrad.codegen.ScoringFails;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Scoring comes after a run's training: when it fails (the heap ran out on a large CSV) or the user
 * interrupts it, {@code netgrad train --save} still saves the trained params, as javac and Maven
 * keep the work done and report the failure, and never prints a stack trace.
 */
class ScoringFailureTest {
    /** Logistic regression, the shape of the hand-written {@link Logistic} trainer the tests run instead of a generated one. */
    private static final String SPEC = """
            network Logistic {
              input  X[2]
              target Y[1]
              param W[1, 2] init randn(0.01)
              param b[1]    init zeros
              Z = W @ X + b
              A = sigmoid(Z)
              loss L = -(Y * log(A) + (1 - Y) * log(1 - A))
              cost J = mean(L)
              output A
              train {
                optimizer gd(lr = 0.5)
                epochs 20
                seed 3
              }
            }
            """;

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run train(Class<?> trainer, Interruption interruption, Path save, String... more) throws Exception {
        return train(trainer, interruption, Path.of("samples/data/planar.csv"), save, more);
    }

    private Run train(Class<?> trainer, Interruption interruption, Path data, Path save, String... more) throws Exception {
        Path spec = Files.writeString(dir.resolve("logistic.nn"), SPEC);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine train = new CommandLine(new TrainCommand(() -> interruption, network -> trainer));
        train.setOut(new PrintWriter(out, true));
        train.setErr(new PrintWriter(err, true));
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(spec.toString(), "--data",
                data.toString(), "--save", save.toString()));
        args.addAll(java.util.List.of(more));
        int code = train.execute(args.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static Interruption never() {
        return new Interruption(() -> 0);
    }

    /** Ctrl-C whose clock reads 0 when it comes and, at every read after, the grace's first half over. */
    private static Interruption overdueOnceRequested() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        long overdue = TimeUnit.SECONDS.toNanos(Interruption.OVERDUE_SECONDS) + 1;
        return new Interruption(() -> reads.getAndIncrement() == 0 ? 0 : overdue);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # trainer    | exit | what stderr says last
            OutOfMemory  | 2    | netgrad train: error: training finished, but scoring the trained params failed: out of memory (the Java heap allows
            NotFinite    | 1    | netgrad train: error: training finished, but scoring the trained params failed: the output A is NaN; the params were saved all the same
            """)
    void aScoringThatFailsStillSavesTheTrainedParamsAndExitsNonZero(String trainer, int exit, String said) throws Exception {
        Class<?> failing = trainer.equals("OutOfMemory") ? ScoringFails.OutOfMemory.class : ScoringFails.NotFinite.class;
        Path failed = dir.resolve("failed.json");
        Path scored = dir.resolve("scored.json");
        Run bad = train(failing, never(), failed);
        Run good = train(Logistic.class, never(), scored);

        assertEquals(exit, bad.code(), bad.err());
        assertEquals(0, good.code(), good.err());
        String last = bad.err().lines().reduce((a, b) -> b).orElseThrow();
        assertTrue(last.startsWith(said), last);
        assertTrue(last.endsWith("; the params were saved all the same"), last);
        assertFalse(bad.err().contains("Exception") || bad.err().contains("\tat "), bad.err());
        assertTrue(bad.out().contains("saved params to " + failed + "\n"), bad.out());
        assertFalse(bad.out().contains("training:"), "no scores: " + bad.out());
        assertTrue(good.out().contains("training:"), good.out());
        assertEquals(Files.readString(scored), Files.readString(failed), "the params a scored run saves");
    }

    /**
     * A step that runs out of heap alone (scoring, the held-out trace) words it as every verb's
     * out-of-memory message does, with the heap's size and how to give the launcher more: the whole
     * line, the heap's size the one part that depends on the machine.
     */
    @Test
    void aScoringOutOfMemoryIsWordedAsEveryVerbsOutOfMemory() throws Exception {
        String heap = "out of memory (the Java heap allows " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)";
        Run bad = train(ScoringFails.OutOfMemory.class, never(), dir.resolve("p.json"));

        assertEquals("netgrad train: error: training finished, but scoring the trained params failed: " + heap
                + "; give Java a larger heap (JDK_JAVA_OPTIONS=-Xmx8g ./netgrad ..., for example: java reads that variable)"
                + "; the params were saved all the same", bad.err().lines().reduce((a, b) -> b).orElseThrow());
        assertTrue(OutOfMemoryAdvice.message(Main.commandLine().getSubcommands().get("train"))
                .startsWith("netgrad train: error: " + heap + ": what train needs"), "the verb's own message begins alike");
    }

    /**
     * The held-out cost that --plot traces after every epoch, when measuring it fails (out of memory
     * on a batchnorm network's one pass over a large part, say), stops tracing, not training: the
     * params are saved as a run that traced to the end saves them, stdout is that run's, the plot is
     * drawn with the epochs traced. stderr says why when it happens, once, above the epochs still to
     * come, and the run's end says what the plot shows without the reason again, last (before a
     * scoring failure); the exit code is a scoring failure's: 2 for out of memory, 1 otherwise.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # trainer        | exit | the line when it fails, after the epoch's progress line                                      | and ends                                 | the run's end says                                                                                                                      | the last line starts
            TraceOutOfMemory | 2    | netgrad train: error: the held-out cost for --plot could not be measured after epoch 3: out of memory (the Java heap allows | ; tracing stops there, training goes on | netgrad train: error: the plot shows the held-out cost of the first 2 epochs only (measuring it after epoch 3 failed, as said above); the params were saved all the same | netgrad train: error: the plot
            TraceNotFinite   | 1    | netgrad train: error: the held-out cost for --plot could not be measured after epoch 3: the loss L is NaN                    | ; tracing stops there, training goes on | netgrad train: error: the plot shows the held-out cost of the first 2 epochs only (measuring it after epoch 3 failed, as said above); the params were saved all the same | netgrad train: error: the plot
            CostOutOfMemory  | 2    | netgrad train: error: the held-out cost for --plot could not be measured after epoch 1: out of memory (the Java heap allows | ; tracing stops there, training goes on | netgrad train: error: the plot has no held-out curve (measuring it after epoch 1 failed, as said above); the params were saved all the same                              | netgrad train: error: training finished, but scoring the trained params failed: out of memory
            """)
    void aHeldOutTraceThatFailsStillSavesTheTrainedParamsAndDrawsThePlot(String trainer, int exit, String starts, String ends,
                                                                          String summary, String last) throws Exception {
        Class<?> failing = Class.forName("dev.netgrad.codegen.ScoringFails$" + trainer);
        Path failedDir = Files.createDirectory(dir.resolve("failed"));
        Path goodDir = Files.createDirectory(dir.resolve("good"));
        Run bad = train(failing, never(), failedDir.resolve("p.json"), "--plot", failedDir.resolve("cost.png").toString());
        Run good = train(Logistic.class, never(), goodDir.resolve("p.json"), "--plot", goodDir.resolve("cost.png").toString());

        assertEquals(exit, bad.code(), bad.err());
        assertEquals(0, good.code(), good.err());
        List<String> err = bad.err().lines().toList();
        List<String> told = err.stream().filter(line -> line.contains("could not be measured")).toList();
        assertEquals(1, told.size(), "said once: " + bad.err());
        assertTrue(told.get(0).startsWith(starts) && told.get(0).endsWith(ends), told.get(0));
        // The epoch's own progress line (20 epochs: every epoch has one), then the failure, then the next epoch's.
        int when = err.indexOf(told.get(0));
        String epoch = starts.replaceAll(".* after epoch ([0-9]+):.*", "$1");
        assertTrue(err.get(when - 1).startsWith(String.format("epoch %2s/20", epoch)), bad.err());
        assertTrue(err.get(when + 1).startsWith(String.format("epoch %2d/20", Integer.parseInt(epoch) + 1)), bad.err());
        assertEquals(List.of(summary), err.stream().filter(line -> line.contains("as said above")).toList(), bad.err());
        assertTrue(err.get(err.size() - 1).startsWith(last), bad.err());
        assertFalse(bad.err().contains("Exception") || bad.err().contains("\tat "), bad.err());
        assertEquals(Files.readString(goodDir.resolve("p.json")), Files.readString(failedDir.resolve("p.json")));
        assertTrue(Files.size(failedDir.resolve("cost.png")) > 0);
        // stdout is the traced run's, but for the scores a failed scoring leaves out.
        boolean scored = !trainer.equals("CostOutOfMemory");
        String expected = good.out().lines().filter(line -> scored || !line.startsWith("training:") && !line.startsWith("held out:"))
                .map(line -> line.replace(goodDir.toString(), "DIR") + "\n").collect(java.util.stream.Collectors.joining());
        assertEquals(expected, bad.out().replace(failedDir.toString(), "DIR"));
    }

    /**
     * Ctrl-C while scoring: scoring goes on for the first half of the grace (as an epoch does), then
     * the scores are left out and the trained params saved. The clock reads 0 when Ctrl-C comes, the
     * overdue time after; the one epoch is the last, so training ends as it would have, and with a
     * full batch only scoring asks the clock again.
     */
    @Test
    void scoringStillRunningHalfTheGraceAfterCtrlCIsLeftOutAndTheParamsSaved() throws Exception {
        Interruption interruption = overdueOnceRequested();
        interruption.request();
        Path stopped = dir.resolve("stopped.json");
        Path scored = dir.resolve("scored.json");
        Run run = train(Logistic.class, interruption, stopped, "--epochs", "1");
        Run good = train(Logistic.class, never(), scored, "--epochs", "1");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("netgrad train: interrupted; scoring did not end within " + Interruption.OVERDUE_SECONDS
                + " s, so the scores are left out; saving the trained params\n"), run.err());
        assertFalse(run.out().contains("training:"), run.out());
        assertTrue(run.out().contains("saved params to " + stopped + "\n"), run.out());
        assertTrue(good.out().contains("training:"), good.out());
        assertEquals(Files.readString(scored), Files.readString(stopped));
    }

    /**
     * Ctrl-C while the held-out trace runs one long pass (a batchnorm network's over a large held-out
     * part, which nothing inside can stop): the pass is left half the grace after Ctrl-C, as an epoch
     * is cut, and the run stops and saves as at any epoch's end, with the same message and exit code.
     * The pass lasts until released, so the run returning before it ended is what the test sees. The
     * clock reads 0 when Ctrl-C comes, the overdue time after; full batches ask it nothing in an epoch.
     */
    @Test
    void aLongHeldOutPassStillRunningHalfTheGraceAfterCtrlCIsLeftAndTheParamsSaved() throws Exception {
        Path data = largeCsv();
        Interruption interruption = overdueOnceRequested();
        interruption.request();
        Path stopped = dir.resolve("stopped.json");
        Path oneEpoch = dir.resolve("one-epoch.json");
        LongHeldOutPass.reset();
        Run run;
        try {
            // 5,000 of the 25,000 rows held out: one pass over more than a chunk.
            run = train(LongHeldOutPass.class, interruption, data, stopped, "--epochs", "3", "--plot",
                    dir.resolve("cost.png").toString());
            assertFalse(LongHeldOutPass.ended.get(), "the run waited for the held-out pass to end: " + run.err());
        } finally {
            LongHeldOutPass.release.countDown();
        }
        Run reference = train(Logistic.class, never(), data, oneEpoch, "--epochs", "1");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("\nnetgrad train: interrupted; stopped after epoch 1 of 3; saving the params of that epoch\n"),
                run.err());
        assertFalse(run.err().contains("Exception") || run.err().contains("\tat "), run.err());
        assertTrue(run.out().contains("saved params to " + stopped + "\n"), run.out());
        assertTrue(run.out().contains("wrote cost plot to "), run.out());
        assertEquals(Files.readString(oneEpoch), Files.readString(stopped), "the params of epoch 1");
    }

    /**
     * Ctrl-C within a training step that has no point inside to stop at (one step over a large full
     * batch) and outlasts two thirds of the grace: the step is left running and the params of the epochs
     * before it are saved, where the process ended at the grace's end with nothing saved and nothing said.
     * Ctrl-C comes from another thread once the second epoch's step has begun; the clock reads 0 then, and
     * two thirds of the grace later after. The step lasts until released, so the run returning first is what
     * is seen.
     */
    @Test
    void aStepStillRunningTwoThirdsOfTheGraceAfterCtrlCIsLeftAndTheEpochsBeforeItSaved() throws Exception {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        long leaving = TimeUnit.SECONDS.toNanos(Interruption.LEAVE_SECONDS) + 1;
        Interruption interruption = new Interruption(() -> reads.getAndIncrement() == 0 ? 0 : leaving);
        Path stopped = dir.resolve("stopped.json");
        Path oneEpoch = dir.resolve("one-epoch.json");
        LongTrainingStep.reset();
        Thread ctrlC = ctrlCOnce(LongTrainingStep.entered, interruption);
        Run run;
        try {
            // The spec's train block has no batch: full batch, one step an epoch.
            run = train(LongTrainingStep.class, interruption, stopped, "--epochs", "3", "--plot", dir.resolve("cost.png").toString());
            assertFalse(LongTrainingStep.ended.get(), "the run waited for the step to end: " + run.err());
        } finally {
            LongTrainingStep.release.countDown();
            ctrlC.join();
        }
        Run reference = train(Logistic.class, never(), oneEpoch, "--epochs", "1");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().endsWith("\nnetgrad train: interrupted; epoch 2 of 3 did not end within " + Interruption.LEAVE_SECONDS
                + " s, and a step cannot be cut, so the scores are left out; saving the params of epoch 1\n"), run.err());
        assertFalse(run.out().contains("training:"), run.out());
        assertTrue(run.out().contains("saved params to " + stopped + "\n") && run.out().contains("wrote cost plot to "), run.out());
        assertTrue(reference.out().contains("training:"), reference.out());
        assertEquals(Files.readString(oneEpoch), Files.readString(stopped), "the params of epoch 1");
    }

    /** A thread, started, that presses Ctrl-C once {@code entered} opens: once the long call under test has begun. */
    private static Thread ctrlCOnce(java.util.concurrent.CountDownLatch entered, Interruption interruption) {
        Thread ctrlC = new Thread(() -> {
            try {
                if (entered.await(2, TimeUnit.MINUTES)) {
                    interruption.request();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ctrlC.start();
        return ctrlC;
    }

    /** 25,000 rows of two features: 20,000 to train on and 5,000 held out, each more than a scoring chunk. */
    private Path largeCsv() throws IOException {
        StringBuilder csv = new StringBuilder("x1,x2,y\n");
        java.util.Random random = new java.util.Random(5);
        for (int i = 0; i < 25_000; i++) {
            double x1 = random.nextGaussian();
            double x2 = random.nextGaussian();
            csv.append(x1).append(',').append(x2).append(',').append(x1 + x2 > 0 ? 1 : 0).append('\n');
        }
        return Files.writeString(dir.resolve("large.csv"), csv);
    }

    /**
     * Ctrl-C while scoring's cost is one long pass over the training part (a batchnorm network's): the
     * pass is left once the grace's first half is over, as scoring between chunks is, and the trained
     * params are saved. Ctrl-C comes from another thread once the pass has begun; the clock reads 0 then,
     * the overdue time after. The pass lasts until released, so the run returning first is what is seen.
     */
    @Test
    void aLongScoringPassStillRunningHalfTheGraceAfterCtrlCIsLeftAndTheParamsSaved() throws Exception {
        Path data = largeCsv();
        Interruption interruption = overdueOnceRequested();
        Path stopped = dir.resolve("stopped.json");
        Path scored = dir.resolve("scored.json");
        LongHeldOutPass.reset();
        Thread ctrlC = ctrlCOnce(LongHeldOutPass.entered, interruption);
        Run run;
        try {
            run = train(LongHeldOutPass.class, interruption, data, stopped, "--epochs", "1");
            assertFalse(LongHeldOutPass.ended.get(), "the run waited for scoring's pass to end: " + run.err());
        } finally {
            LongHeldOutPass.release.countDown();
            ctrlC.join();
        }
        Run good = train(Logistic.class, never(), data, scored, "--epochs", "1");

        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("netgrad train: interrupted; scoring did not end within " + Interruption.OVERDUE_SECONDS
                + " s, so the scores are left out; saving the trained params\n"), run.err());
        assertFalse(run.out().contains("training:"), run.out());
        assertTrue(run.out().contains("saved params to " + stopped + "\n"), run.out());
        assertTrue(good.out().contains("training:"), good.out());
        assertEquals(Files.readString(scored), Files.readString(stopped), "the trained params");
    }
}
