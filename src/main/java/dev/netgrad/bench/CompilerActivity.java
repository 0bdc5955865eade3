package dev.netgrad.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The JIT compiler's accumulated working time, as the JVM reports it ({@link CompilationMXBean}): a
 * benchmark reads it to say how much compiling fell in its timed run. On 2 cores the compiler
 * shares them with the training threads, and after 3 s of warm-up it was seen compiling the step's
 * methods (the step itself among them, 200 - 400 ms each) up to 1.7 s into the timed run: a run
 * whose figure is low with hundreds of milliseconds here measured partly slower code.
 */
final class CompilerActivity {
    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();
    private final boolean measured = compiler != null && compiler.isCompilationTimeMonitoringSupported();

    /** Milliseconds the JIT has spent compiling since the JVM started (summed over its threads), or -1 if the JVM does not say. */
    long millis() {
        return measured ? compiler.getTotalCompilationTime() : -1;
    }
}
