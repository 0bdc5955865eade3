package dev.netgrad.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.netgrad.cli.Main;
import java.io.ByteArrayOutputStream;
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
 * {@code netgrad bench} through {@link Main#run}, on tiny sizes: it proves the verb works and
 * that its last line is the JSON the comparison script reads. Nothing here is timed.
 */
class BenchCommandTest {
    private record Run(int code, String out, String err) {
        JsonObject lastLineJson() {
            String[] lines = out.strip().split("\n");
            return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void lastLineIsJsonWithTheThroughputKeys() {
        Run r = run("bench", "samples/mlp.nn", "--batch", "4", "--steps", "3", "--warmup", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject json = r.lastLineJson();
        for (String key : new String[] {"examples_per_s", "steps_per_s", "gflops", "batch", "threads", "steps_alone", "warmup_seconds",
                "jit_ms_timed"}) {
            assertTrue(json.has(key), key + " missing from " + json);
        }
        assertEquals(4, json.get("batch").getAsInt());
        assertEquals(1, json.get("threads").getAsInt());
        assertEquals(3, json.get("steps").getAsLong());
        assertEquals("Mlp", json.get("network").getAsString());
        assertEquals(6.0 * (784 * 128 + 128 * 64 + 64 * 10) * 4, json.get("flops_per_step").getAsDouble());
        assertTrue(json.get("examples_per_s").getAsDouble() > 0, json.toString());
        // HotSpot tells the JIT's working time: a count of milliseconds, not the -1 of a JVM that does not.
        assertTrue(json.get("jit_ms_timed").getAsLong() >= 0, json.toString());
        assertTrue(json.get("warmup_seconds").getAsDouble() >= 0, json.toString());
    }

    @Test
    void textReportNamesTheFiguresAndTheMachine() {
        Run r = run("bench", "samples/planar.nn", "--batch", "8", "--steps", "2", "--warmup", "0", "--threads", "2");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("bench Planar: batch 8, 2 threads, 2 timed steps"), r.out());
        for (String label : new String[] {"examples/s", "steps/s", "GFLOP/s", "allocated", "warm-up", "JVM"}) {
            assertTrue(r.out().contains("  " + label), label + " missing from\n" + r.out());
        }
        assertTrue(Double.isFinite(r.lastLineJson().get("last_cost").getAsDouble()), r.out());
    }

    /** The first line counts in English: "1 threads" and "1 timed steps" read as slips. */
    @ParameterizedTest
    @CsvSource({
            "1, 1, 'bench Planar: batch 8, 1 thread, 1 timed step after '",
            "2, 2, 'bench Planar: batch 8, 2 threads, 2 timed steps after '",
    })
    void theFirstLineCountsThreadsAndStepsInEnglish(String threads, String steps, String start) {
        Run r = run("bench", "samples/planar.nn", "--batch", "8", "--steps", steps, "--warmup", "0", "--threads", threads);
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith(start), r.out());
    }

    /**
     * steps_alone counts the timed steps that ran on the calling thread alone (a figure of the default
     * mode's to tell the sharing tuner's cost from the host's); with the threads fixed it is all or
     * none of them, and in full-batch mode, where fit runs the steps, unknown.
     */
    @ParameterizedTest
    @CsvSource({
            "1, '', 3",             // one thread: every step alone
            "2, '', 0",             // two threads fixed: the tuner is off, every step shares
            "1, --full-batch, -1",  // fit runs the steps inside one call
    })
    void stepsAloneCountsTheTimedStepsOnTheCallingThread(int threads, String fullBatch, long expected) {
        List<String> args = new ArrayList<>(List.of("bench", "samples/planar.nn", "--batch", "8", "--steps", "3",
                "--warmup", "0", "--threads", Integer.toString(threads)));
        if (!fullBatch.isEmpty()) {
            args.add(fullBatch);
        }
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), r.err());
        assertEquals(expected, r.lastLineJson().get("steps_alone").getAsLong(), r.out());
        assertFalse(r.out().contains("  alone "), "the line is for runs of several threads with steps alone:\n" + r.out());
    }

    @Test
    void aTrainingThatDivergesStopsWithTrainsExitCodeNotAsABug(@TempDir Path dir) throws Exception {
        // A learning rate this large overflows the weights in a step or two; the trainer stops there.
        Path spec = dir.resolve("diverges.nn");
        Files.writeString(spec, """
                network Diverges {
                  input X[2]
                  target Y[1]
                  dense 1 linear
                  loss mse
                  train {
                    optimizer gd(lr = 1e300)
                  }
                }
                """);
        Run r = run("bench", spec.toString(), "--batch", "4", "--steps", "3", "--warmup", "0", "--threads", "1");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("netgrad bench: error: Diverges: training stopped at step "), r.err());
        assertTrue(r.err().contains("The learning rate (1.0E300, gd) may be too large"), r.err());
        assertFalse(r.err().contains("bug in netgrad"), r.err());
    }

    @Test
    void aConvolutionalNetworkTrainsWithoutAllocatingPerStep() {
        Run r = run("bench", "bench/digits_cnn.nn", "--batch", "64", "--steps", "200", "--warmup", "1", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        JsonObject json = r.lastLineJson();
        assertEquals("DigitsCnnBench", json.get("network").getAsString());
        assertTrue(json.get("examples_per_s").getAsDouble() > 0, json.toString());
        assertTrue(Double.isFinite(json.get("last_cost").getAsDouble()), json.toString());
        // The image kernels write into the trainer's buffers: nothing is allocated in a step. Run
        // alone, bench reports 0.0; inside the test JVM a few hundred bytes in all may be counted
        // once, while a buffer of the smallest image of the batch would be 64 doubles every step.
        assertTrue(json.get("allocated_bytes_per_step").getAsDouble() < 64, json.toString());
        // The steps the calling thread allocated in are counted, so a one-off is told from every step.
        long allocating = json.get("allocating_steps").getAsLong();
        assertTrue(allocating >= 0 && allocating <= 200, json.toString());
        assertTrue(r.out().contains("; the calling thread allocated in " + allocating + " of 200)"), r.out());
    }

    /**
     * Narrow vectors, each in a JVM of its own started as the launcher starts bench
     * (Tier4MinInvocationThreshold=10), so that the kernels are compiled as a bench finds them, not
     * as earlier tests left them; with -Xbatch, so that each compilation is done before the code runs
     * on (on a loaded machine the compiler threads lagged and the timed window measured C1's code,
     * which boxes every vector: 100 kB a step). On 4 lanes (AVX2, or -XX:MaxVectorSize=32 here) C2
     * compiles the block kernels' depth loops on stack replacement, whose entry knows the sums only as
     * DoubleVector; their stores then failed to compile as intrinsics and every block boxed its sums
     * (2.5 MB a step of the mlp); VectorLoops' exp stored the same way (40 kB a step once the mlp's
     * softmax used it). On 2 lanes (-XX:MaxVectorSize=16) the elementwise and image loops' masks
     * went to the Vector API's Java fallback (12 MB a step of the mlp, 9.5 MB of the CNN): only the
     * products' kernel is installed there.
     */
    @ParameterizedTest(name = "{0} bytes a vector, {1}")
    @CsvSource({"32, samples/mlp.nn, 128", "16, samples/mlp.nn, 128", "16, bench/digits_cnn.nn, 64"})
    void narrowVectorsTrainWithoutBoxing(int vectorBytes, String spec, String batch) throws Exception {
        // On a machine loaded by other work a 2 s warm-up may end before C2 has compiled every
        // kernel (a helper's clone once saw 344 kB a step at load 9, then 0.0 on a rerun); a kernel
        // that boxes in its compiled code boxes however long the warm-up, so one longer run decides.
        String out = narrowBench(vectorBytes, spec, batch, "2");
        if (allocatedPerStep(out) >= 64) {
            out = narrowBench(vectorBytes, spec, batch, "10");
        }
        assertTrue(allocatedPerStep(out) < 64, out);
    }

    /** bench of a spec in a JVM of its own whose vectors are at most {@code vectorBytes} wide; its output. */
    private static String narrowBench(int vectorBytes, String spec, String batch, String warmupSeconds) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:MaxVectorSize=" + vectorBytes, "-Xbatch", "-XX:Tier4MinInvocationThreshold=10",
                "--add-modules", "jdk.incubator.vector", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "bench", spec, "--batch", batch, "--threads", "1", "--warmup", warmupSeconds,
                "--steps", "600");
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertEquals("Vector API (jdk.incubator.vector)", lastJson(out).get("products").getAsString(), out);
        return out;
    }

    private static double allocatedPerStep(String out) {
        return lastJson(out).get("allocated_bytes_per_step").getAsDouble();
    }

    private static JsonObject lastJson(String out) {
        String[] lines = out.strip().split("\n");
        return JsonParser.parseString(lines[lines.length - 1]).getAsJsonObject();
    }

    @Test
    void fullBatchTrainsOneBatchThroughFit() {
        Run r = run("bench", "samples/planar.nn", "--batch", "16", "--steps", "5", "--warmup", "0", "--threads", "1", "--full-batch");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("bench Planar: batch 16 (full batch, fit), 1 thread, 5 timed steps"), r.out());
        JsonObject json = r.lastLineJson();
        assertTrue(json.get("full_batch").getAsBoolean(), json.toString());
        assertEquals(5, json.get("steps").getAsLong());
        assertTrue(json.get("warmup_steps").getAsLong() >= 100, "the warm-up runs whole calls of fit: " + json);
        assertTrue(Double.isFinite(json.get("last_cost").getAsDouble()), json.toString());
        assertEquals(-1, json.get("allocating_steps").getAsLong(), "fit runs the steps in one call: " + json);
        Run cycling = run("bench", "samples/planar.nn", "--batch", "16", "--steps", "5", "--warmup", "0", "--threads", "1");
        assertFalse(cycling.lastLineJson().get("full_batch").getAsBoolean(), cycling.out());
    }

    @Test
    void aWarmUpOfNoSecondsRunsOneStepInEachOfItsTwoHalvesAsItsHelpSays() {
        String help = run("bench", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("run as two halves of at least one step each (100 with --full-batch)"), help);
        Run cycling = run("bench", "samples/planar.nn", "--batch", "8", "--steps", "1", "--warmup", "0", "--threads", "1");
        assertEquals(2, cycling.lastLineJson().get("warmup_steps").getAsLong(), cycling.out()); // one step a half
        Run fit = run("bench", "samples/planar.nn", "--batch", "8", "--steps", "1", "--warmup", "0", "--threads", "1", "--full-batch");
        assertEquals(200, fit.lastLineJson().get("warmup_steps").getAsLong(), fit.out()); // one call of fit a half
    }

    @Test
    void batchDefaultsToTheTrainBlocksBatch() {
        Run r = run("bench", "samples/mlp.nn", "--steps", "1", "--warmup", "0", "--threads", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(128, r.lastLineJson().get("batch").getAsInt());
    }

    @Test
    void badSizesAreUsageErrors() {
        Run r = run("bench", "samples/planar.nn", "--batch", "0");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("netgrad bench: error: --batch must be between 1 and 1,000,000, found 0"), r.err());
        assertEquals(Main.USAGE, run("bench", "samples/planar.nn", "--threads", "0").code());
        assertEquals(Main.USAGE, run("bench", "samples/planar.nn", "--steps", "-1").code());
    }

    /** A batchnorm cannot train on one example: said as train says it, not as netgrad's bug (exit 3, "internal error"). */
    @ParameterizedTest
    @CsvSource({
        "'',           use a batch of 2 or more (--batch)",
        "--full-batch, use a batch of 2 or more (--batch)",
    })
    void aBatchOfOneOnABatchnormIsAUsageError(String mode, String expected) {
        List<String> args = new ArrayList<>(List.of("bench", "samples/batchnorm.nn", "--batch", "1", "--steps", "1", "--warmup", "0"));
        if (!mode.isEmpty()) {
            args.add(mode);
        }
        Run r = run(args.toArray(String[]::new));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertTrue(r.err().startsWith("netgrad bench: error: BatchNorm normalizes over each batch (batchnorm Zn1)"), r.err());
        assertTrue(r.err().contains(expected), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
    }

    @Test
    void aMissingSpecIsAUsageError() {
        Run r = run("bench", "no/such/spec.nn");
        assertEquals(Main.USAGE, r.code());
        assertTrue(r.err().contains("no such file"), r.err());
    }
}
