package dev.netgrad.bench;

import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the compiler's work grows with a network's depth: reading, deriving and generating a chain of
 * {@code depth} dense layers, timed (best of a few runs after a warm-up) with the size of the Java
 * it writes. Both should about double when the depth doubles. Run as
 * {@code java -cp netgrad-cli.jar dev.netgrad.bench.GeneratorScaling [DEPTH...]}.
 */
public final class GeneratorScaling {
    /** Units per hidden layer: small, so that the measure is the compiler's, not the sizes'. */
    static final int WIDTH = 16;
    /** Runs per depth, after one warm-up run of every depth; the fastest counts. */
    private static final int RUNS = 5;

    private GeneratorScaling() {
    }

    /** One depth's measure. */
    public record Measure(int depth, double readSeconds, double deriveSeconds, double generateSeconds, int sourceChars) {
        public double totalSeconds() {
            return readSeconds + deriveSeconds + generateSeconds;
        }
    }

    public static void main(String[] args) throws SpecException {
        int[] depths = args.length == 0 ? new int[] {25, 50, 100, 200} : parse(args);
        print(measureAll(depths), System.out);
    }

    /** A spec of {@code depth} relu layers of {@link #WIDTH} units and a sigmoid output, as the layer shorthand writes it. */
    public static String deepSpec(int depth) {
        StringBuilder spec = new StringBuilder("network Deep" + depth + " {\n  input X[" + WIDTH + "]\n  target Y[1]\n");
        for (int layer = 0; layer < depth; layer++) {
            spec.append("  dense ").append(WIDTH).append(" relu init he\n");
        }
        return spec.append("  dense 1 sigmoid\n  loss cross_entropy\n}\n").toString();
    }

    /** The Java source of the trainer of {@link #deepSpec}. */
    public static String generate(int depth) throws SpecException {
        Network network = SpecReader.read("deep" + depth + ".nn", deepSpec(depth));
        return TrainerGenerator.generate(Deriver.derive(network, Convention.LOSS), CompiledTrainer.PACKAGE);
    }

    public static List<Measure> measureAll(int[] depths) throws SpecException {
        for (int depth : depths) {
            measure(depth);
        }
        List<Measure> out = new ArrayList<>();
        for (int depth : depths) {
            Measure best = null;
            for (int run = 0; run < RUNS; run++) {
                Measure m = measure(depth);
                best = best == null || m.totalSeconds() < best.totalSeconds() ? m : best;
            }
            out.add(best);
        }
        return out;
    }

    private static Measure measure(int depth) throws SpecException {
        String text = deepSpec(depth);
        // Collect the previous run's garbage now rather than in the middle of this one.
        System.gc();
        long t0 = System.nanoTime();
        Network network = SpecReader.read("deep" + depth + ".nn", text);
        long t1 = System.nanoTime();
        Derivation d = Deriver.derive(network, Convention.LOSS);
        long t2 = System.nanoTime();
        String source = TrainerGenerator.generate(d, CompiledTrainer.PACKAGE);
        long t3 = System.nanoTime();
        return new Measure(depth, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, source.length());
    }

    static void print(List<Measure> measures, PrintStream out) {
        out.println("depth  read s  derive s  generate s  total s  x per step  Java chars  x per step");
        Measure previous = null;
        for (Measure m : measures) {
            out.printf(Locale.ROOT, "%5d  %6.3f  %8.3f  %10.3f  %7.3f  %10s  %10d  %10s%n", m.depth(), m.readSeconds(),
                    m.deriveSeconds(), m.generateSeconds(), m.totalSeconds(),
                    previous == null ? "" : String.format(Locale.ROOT, "%.2f", m.totalSeconds() / previous.totalSeconds()),
                    m.sourceChars(),
                    previous == null ? "" : String.format(Locale.ROOT, "%.2f", (double) m.sourceChars() / previous.sourceChars()));
            previous = m;
        }
    }

    private static int[] parse(String[] args) {
        int[] depths = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            depths[i] = Integer.parseInt(args[i]);
        }
        return depths;
    }
}
