package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.codegen.InMemoryCompiler;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Deriver;
import dev.netgrad.diff.EquationChecker;
import dev.netgrad.print.DotPrinter;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of every sample spec and of samples/mixed.eq, token edits and hostile ones
 * ({@link TokenMutations#hostile}: huge numbers, 10,000 parentheses, names of 100,000 characters,
 * NUL bytes, odd Unicode, lone carriage returns), each run through the whole pipeline the command
 * line runs in process: read and check, print back, derive in both conventions, print every format
 * and the graph, check the equation file, generate the trainer (and compile it, when asked). Whatever
 * the input, nothing but the project's diagnostics ({@link SpecException}) escapes, every
 * diagnostic's line and column lie inside the file, and no case hangs (the 30 s bound of each is a
 * guard against a hang, not a measure of speed). A network too big for one Java class is refused by
 * the generator with a message, as {@code generate} reports it. {@code -Dnetgrad.fuzzSeed=N -Dnetgrad.fuzzCases=K}
 * explores other mutants by hand.
 */
class PipelineFuzzTest {
    private static final long SEED = Long.getLong("netgrad.fuzzSeed", 20261205L);
    private static final int CASES = Integer.getInteger("netgrad.fuzzCases", 60);
    /**
     * Compiling a trainer takes seconds (javac, cold): off by default (CompilationTest and the agreement
     * tests compile generated classes); {@code -Dnetgrad.fuzzCompileEvery=N} compiles every N-th one.
     */
    private static final int COMPILE_EVERY = Integer.getInteger("netgrad.fuzzCompileEvery", 0);
    /** A guard against a hang, not a measure of speed: each case takes well under a second. */
    private static final Duration HANG = Duration.ofSeconds(30);
    /** The stack of the command line's main thread (8 MB on Linux), which derive and print recurse on. */
    private static final long STACK_BYTES = 16L * 1024 * 1024;

    private int generated;

    @Test
    void mutatedSpecsGoThroughThePipelineOrFailWithLocatedErrors() {
        List<Path> specs = Stream.concat(SampleFiles.specs().stream(), SampleFiles.imageSpecs().stream()).toList();
        Random random = new Random(SEED);
        int[] outcomes = new int[2];
        for (int i = 0; i < CASES; i++) {
            Path sample = specs.get(random.nextInt(specs.size()));
            String text = SampleFiles.read(sample);
            String mutant = random.nextBoolean() ? TokenMutations.hostile(text, random) : TokenMutations.mutate(text, random);
            String what = "mutant " + i + " of " + sample + " (seed " + SEED + ")";
            outcomes[guarded(() -> spec(sample.toString(), mutant, what), what)]++;
        }
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes occur: " + outcomes[0] + " derived, " + outcomes[1] + " rejected");
    }

    @Test
    void mutatedEquationFilesCheckOrFailWithLocatedErrors() throws SpecException {
        Path planar = SampleFiles.spec("planar.nn");
        Network network = SpecReader.read(planar.toString(), SampleFiles.read(planar));
        String equations = SampleFiles.read(SampleFiles.DIR.resolve("mixed.eq"));
        Random random = new Random(SEED + 1);
        int[] outcomes = new int[2];
        for (int i = 0; i < CASES / 2; i++) {
            String mutant = random.nextBoolean() ? TokenMutations.hostile(equations, random) : TokenMutations.mutate(equations, random);
            String what = "mutant " + i + " of samples/mixed.eq (seed " + (SEED + 1) + ")";
            outcomes[guarded(() -> equations(network, mutant, what), what)]++;
        }
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0, "both outcomes occur: " + outcomes[0] + " checked, " + outcomes[1] + " rejected");
    }

    /** 0 when the mutant went through every stage, 1 when it was rejected with located errors. */
    private int spec(String name, String mutant, String what) {
        Network network;
        try {
            network = SpecReader.read(name, mutant);
        } catch (SpecException e) {
            assertLocatedInside(e, mutant, what);
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " threw " + e + " reading:\n" + shown(mutant), e);
        }
        try {
            NetworkPrinter.print(network);
            for (Convention convention : Convention.values()) {
                Compilation c = Compilation.of(network, convention);
                for (Compilation.Format format : Compilation.Format.values()) {
                    assertFalse(c.equations(format).isEmpty(), what + ": " + format);
                }
                DotPrinter.print(c.derivation());
                if (convention == Convention.LOSS && TrainerGenerator.unsupported(network).isEmpty()) {
                    generate(c, what);
                }
            }
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " read, then threw " + e + ":\n" + shown(mutant), e);
        }
        return 0;
    }

    /** The trainer's source, compiled now and then; a network too big for one class is refused as generate refuses it. */
    private void generate(Compilation c, String what) {
        String source;
        try {
            source = c.trainer("fuzz");
        } catch (IllegalArgumentException e) {
            // generate reports it at the network's name (SpecFiles.errorAt): a message, not a crash.
            assertTrue(e.getMessage().contains(c.network().name()), what + ": " + e.getMessage());
            return;
        }
        if (COMPILE_EVERY > 0 && generated++ % COMPILE_EVERY == 0) {
            InMemoryCompiler.compile("fuzz." + c.trainerClassName(), source, InMemoryCompiler.STRICT);
        }
    }

    /**
     * The case's outcome, run on a thread with the command line's stack; a case that has not ended
     * after {@link #HANG} fails as a hang.
     */
    private static int guarded(Callable<Integer> task, String what) {
        int[] outcome = new int[1];
        Throwable[] failure = new Throwable[1];
        Thread worker = new Thread(null, () -> {
            try {
                outcome[0] = task.call();
            } catch (Throwable t) {
                failure[0] = t;
            }
        }, "pipeline-fuzz", STACK_BYTES);
        worker.setDaemon(true);
        worker.start();
        try {
            worker.join(HANG.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(what + ": interrupted", e);
        }
        if (worker.isAlive()) {
            worker.interrupt();
            throw new AssertionError(what + " hangs: not done after " + HANG.toSeconds() + " s");
        }
        if (failure[0] instanceof AssertionError e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new AssertionError(what + ": " + failure[0], failure[0]);
        }
        return outcome[0];
    }

    private static int equations(Network network, String mutant, String what) {
        try {
            EquationChecker.check(network, SpecReader.readEquations("m.eq", mutant, network, Deriver.derivativeNames(network)));
            return 0;
        } catch (SpecException e) {
            assertLocatedInside(e, mutant, what);
            return 1;
        } catch (RuntimeException | Error e) {
            throw new AssertionError(what + " threw " + e + ":\n" + shown(mutant), e);
        }
    }

    /** Every diagnostic names a line of the text and a column of that line (one past its end at most), and says something. */
    private static void assertLocatedInside(SpecException e, String text, String what) {
        assertFalse(e.diagnostics().isEmpty(), what);
        List<String> lines = lines(text);
        for (Diagnostic d : e.diagnostics()) {
            String context = what + ": " + d + "\n" + shown(text);
            assertTrue(d.line() >= 1 && d.line() <= Math.max(1, lines.size()), "line outside the file: " + context);
            String line = lines.isEmpty() ? "" : lines.get(d.line() - 1);
            assertTrue(d.column() >= 1 && d.column() <= line.codePointCount(0, line.length()) + 1, "column outside its line: " + context);
            assertFalse(d.message().isBlank(), context);
        }
        assertFalse(e.formatted().isEmpty(), what);
    }

    /** The lines as the lexer counts them: ended by a newline, a carriage return and newline, or a carriage return alone. */
    private static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\r\n|\r|\n", -1)));
        return out;
    }

    private static String shown(String text) {
        return text.length() > 3000 ? text.substring(0, 3000) + "... (" + text.length() + " chars)" : text;
    }
}
