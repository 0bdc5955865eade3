package dev.netgrad.bench;

import com.google.gson.GsonBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a benchmark measured.
 *
 * @param network the network's name
 * @param batch examples per step
 * @param threads the cores the trainer was allowed
 * @param threadsInUse the threads the last timed step shared its work among: {@code threads}, or 1
 *     where the trainer measured that sharing did not pay (when its count was not fixed)
 * @param stepsAlone timed steps that ran on the calling thread alone, or -1 if unknown (in full-batch
 *     mode): all of them on one thread; with more, the steps the sharing tuner kept alone while it
 *     measured or after it decided so, which tells a slow run of the default mode from a slow host
 * @param warmupSteps steps run before timing
 * @param warmupSeconds how long they took
 * @param steps timed steps
 * @param seconds wall time of the timed steps
 * @param callerCpuSeconds CPU time of the thread that ran the timed steps, or -1 if unknown: with one
 *     thread, the time the steps took on a loaded machine, whatever share of a core they were given
 * @param compileMillis milliseconds the JIT compiler worked while the steps were timed (summed over its
 *     threads), or -1 if the JVM does not say: near 0 when the timed run measured compiled code alone
 * @param flopsPerStep flops of one step's matrix products and convolutions ({@link MatmulFlops})
 * @param allocatedBytes heap bytes allocated by the trainer's threads (the timing thread and the runtime's helpers) during the timed steps, or -1 if unknown
 * @param allocatingSteps timed steps in which the timing thread allocated anything, or -1 if unknown
 *     (in full-batch mode, where fit runs the steps in one call): tells a one-off allocation from one
 *     in every step
 * @param lastCost the cost of the last timed step
 */
public record BenchResult(String network, int batch, int threads, int threadsInUse, long stepsAlone, long warmupSteps, double warmupSeconds,
        long steps, double seconds, double callerCpuSeconds, long compileMillis, double flopsPerStep, long allocatedBytes, long allocatingSteps, double lastCost, boolean fullBatch) {

    public double stepsPerSecond() {
        return steps / seconds;
    }

    public double examplesPerSecond() {
        return stepsPerSecond() * batch;
    }

    public double gflops() {
        return flopsPerStep * stepsPerSecond() / 1e9;
    }

    /** Heap bytes per timed step, or -1 when the JVM could not tell. */
    public double allocatedBytesPerStep() {
        return allocatedBytes < 0 ? -1 : (double) allocatedBytes / steps;
    }

    /**
     * The line of JSON the bench verb prints last: {@link #toJson}'s object. A figure that is not
     * finite (NaN, or infinite: a step timed at 0 seconds, a cost that overflowed), which JSON cannot
     * hold, is written as {@code null}, its key kept; Gson would otherwise throw.
     */
    public String jsonLine(Map<String, Object> environment) {
        Map<String, Object> json = toJson(environment);
        json.replaceAll((key, value) -> finiteOrNull(value));
        return new GsonBuilder().disableHtmlEscaping().serializeNulls().create().toJson(json);
    }

    private static Object finiteOrNull(Object value) {
        if (value instanceof Double d && !Double.isFinite(d)) {
            return null;
        }
        if (value instanceof Float f && !Float.isFinite(f)) {
            return null;
        }
        return value;
    }

    /** The JSON object the bench verb prints last, with the keys the comparison scripts read. */
    public Map<String, Object> toJson(Map<String, Object> environment) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("impl", "netgrad");
        json.put("network", network);
        json.put("batch", batch);
        json.put("threads", threads);
        json.put("threads_in_use", threadsInUse);
        json.put("steps_alone", stepsAlone);
        json.put("full_batch", fullBatch);
        json.put("steps", steps);
        json.put("warmup_steps", warmupSteps);
        json.put("warmup_seconds", warmupSeconds);
        json.put("seconds", seconds);
        json.put("caller_cpu_seconds", callerCpuSeconds);
        json.put("jit_ms_timed", compileMillis);
        json.put("examples_per_s", examplesPerSecond());
        json.put("steps_per_s", stepsPerSecond());
        json.put("gflops", gflops());
        json.put("flops_per_step", flopsPerStep);
        json.put("allocated_bytes_per_step", allocatedBytesPerStep());
        json.put("allocating_steps", allocatingSteps);
        json.put("last_cost", lastCost);
        json.putAll(environment);
        return json;
    }
}
