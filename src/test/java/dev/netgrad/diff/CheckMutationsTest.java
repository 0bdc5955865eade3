package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.diff.LineMutations.Mutant;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Ref;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * netgrad's own backward pass with one line changed, by a learner's mistake or by a rewrite that
 * keeps its value ({@link LineMutations}), on every sample and on seeded random networks: the changed
 * line is judged right exactly when its value equals a derivative it may be (dL, d(sum L) or dJ of
 * its value; dJ of a param), and the whole check passes exactly when every line does. Whether it
 * does is decided apart from the checker, by evaluating the lines on instances of its own.
 */
class CheckMutationsTest {
    /** Whether every mutant of more networks is judged ({@code -Dnetgrad.mutations=all}), not a sample. */
    private static final boolean ALL = "all".equals(System.getProperty("netgrad.mutations"));
    /** Random networks and random image networks, beside the samples. */
    private static final int RANDOM = ALL ? 100 : 24;
    private static final int RANDOM_IMAGES = ALL ? 40 : 12;
    /** How many of a network's mistakes and rewrites are judged (every one with -Dnetgrad.mutations=all). */
    private static final int MISTAKES = 45;
    private static final int REWRITES = 15;
    /** A network whose params have more entries than this (deep.nn's 12288 inputs) is checked on a tenth as many. */
    private static final long WIDE = 50_000;

    static Stream<Arguments> specs() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String dir : List.of("samples", "samples/images")) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".nn")).sorted().toList()) {
                    out.add(Arguments.of(f.toString(), Files.readString(f, StandardCharsets.UTF_8)));
                }
            }
        }
        for (long seed = 1; seed <= RANDOM; seed++) {
            out.add(Arguments.of("random network " + seed, RandomSpecs.generate(seed)));
        }
        for (long seed = 1; seed <= RANDOM_IMAGES; seed++) {
            out.add(Arguments.of("random image network " + seed, RandomSpecs.generateImage(seed)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void eachChangedLineIsJudgedByItsValue(String name, String text) throws Exception {
        Network network = SpecReader.read(name, text);
        Oracle oracle = new Oracle(network);
        Function<List<EquationLine>, Report> checker = EquationChecker.checker(network);
        List<String> failures = new ArrayList<>();
        int[] counts = new int[5]; // judged, of them right and wrong; left open by rounding; refused when read
        long entries = network.params().stream().mapToLong(p -> (long) p.shape().rows(1) * p.shape().cols(1)).sum();
        int share = entries > WIDE ? 10 : 1;
        for (Case c : sample(name, cases(network), share)) {
            String failure = judge(network, oracle, checker, c.eq(), c.line(), c.mutant(), counts);
            if (failure != null) {
                failures.add(c.convention() + " " + c.mutant().kind() + ": " + c.original() + "  ->  " + failure);
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " of " + counts[0] + " mutants misjudged in " + name + ":\n"
                + String.join("\n", failures.subList(0, Math.min(40, failures.size()))) + "\n" + text);
        assertTrue(counts[1] > 0 && counts[2] > 0, () -> name + ": no right or no wrong mutant was judged");
        System.out.printf("%s: %d changed lines judged (%d right, %d wrong), %d left open by rounding, %d refused when read%n",
                name, counts[0], counts[1], counts[2], counts[3], counts[4]);
    }

    /** One changed equation file: line {@code line} of the derivation in {@code convention} changed by {@code mutant}. */
    private record Case(Convention convention, String original, List<String> eq, int line, Mutant mutant) {
    }

    private static List<Case> cases(Network network) throws SpecException {
        List<Case> out = new ArrayList<>();
        for (Convention convention : Convention.values()) {
            List<String> base = TextPrinter.print(Deriver.derive(network, convention)).lines()
                    .filter(l -> !l.startsWith("//")).map(l -> l.replaceAll("\\s*//.*$", "")).toList();
            List<EquationLine> lines = read(network, base);
            for (int i = 0; i < lines.size(); i++) {
                for (Mutant mutant : LineMutations.of(lines.get(i).value(), network, readable(lines, i))) {
                    List<String> eq = new ArrayList<>(base);
                    eq.set(i, lines.get(i).name() + " = " + ExprPrinter.print(mutant.value()));
                    out.add(new Case(convention, base.get(i), eq, i, mutant));
                }
            }
        }
        return out;
    }

    /**
     * A seeded sample of the mistakes and of the rewrites, {@link #MISTAKES} and {@link #REWRITES} of
     * them a network (divided by {@code share}), to keep the test's time in bounds; all of them with
     * {@code -Dnetgrad.mutations=all}.
     */
    private static List<Case> sample(String name, List<Case> cases, int share) {
        if (ALL) {
            return cases;
        }
        List<Case> out = new ArrayList<>();
        for (boolean rewrite : new boolean[] {false, true}) {
            List<Case> some = new ArrayList<>(cases.stream().filter(c -> c.mutant().rewrite() == rewrite).toList());
            Collections.shuffle(some, new Random(name.hashCode() + (rewrite ? 1 : 0)));
            out.addAll(some.subList(0, Math.min((rewrite ? REWRITES : MISTAKES) / share, some.size())));
        }
        return out;
    }

    /** Null when the checker judged the changed line {@code eq[i]} as its value says, else what went wrong. */
    private static String judge(Network network, Oracle oracle, Function<List<EquationLine>, Report> checker, List<String> eq,
            int i, Mutant mutant, int[] counts) {
        List<EquationLine> lines;
        try {
            lines = read(network, eq);
        } catch (SpecException e) {
            // Refused as an error: no silent verdict. A rewrite that keeps the value must read.
            counts[4]++;
            return mutant.rewrite() ? eq.get(i) + ": refused: " + e.formatted() : null;
        }
        Expected expected = oracle.expected(lines, i);
        if (expected == null) {
            counts[3]++;
            return null;
        }
        if (mutant.rewrite() && !expected.right()) {
            return eq.get(i) + ": the rewrite changes the value (a mistake of the test)";
        }
        counts[0]++;
        counts[expected.right() ? 1 : 2]++;
        Report report = checker.apply(lines);
        Verdict v = report.verdicts().get(i);
        boolean helper = v.status() == Status.HELPER;
        boolean judgedRight = v.status() == Status.CORRECT || helper;
        if (judgedRight != expected.right() || report.passed() != expected.passed()) {
            return eq.get(i) + ": expected " + (expected.right() ? "right" : "wrong") + ", check passes: "
                    + expected.passed() + "; judged " + v.status() + " (" + v.message() + "), check passes: "
                    + report.passed();
        }
        if (SIGN_SLIPS.contains(mutant.kind()) && v.status() == Status.WRONG && !SIGN_NAMED.matcher(v.message()).find()) {
            return eq.get(i) + ": a sign slipped, but the message does not say so: " + v.message();
        }
        return null;
    }

    /**
     * The mutants that change one sign; judged wrong of their own, their message names it: the line's sign, a term's, a
     * minus left out, or the activation's derivative the slip is in ({@code 1 + A1^2} for tanh's).
     */
    private static final Set<String> SIGN_SLIPS = Set.of("sign of a term", "- as +", "minus dropped");
    private static final Pattern SIGN_NAMED = Pattern.compile("wrong sign|minus missing|wrong derivative of");

    private static List<EquationLine> read(Network network, List<String> eq) throws SpecException {
        return SpecReader.readEquations("mutant.eq", String.join("\n", eq) + "\n", network, Deriver.derivativeNames(network));
    }

    /** What line {@code i} may read: every name of the lines, less the derivatives of line i and later. */
    private static List<Ref> readable(List<EquationLine> lines, int i) {
        Map<String, Ref> out = new LinkedHashMap<>();
        for (EquationLine line : lines) {
            for (Ref r : Nodes.refs(line.value(), Nodes.Masks.SKIP)) {
                out.putIfAbsent(r.name(), r);
            }
        }
        for (int k = i; k < lines.size(); k++) {
            out.remove(lines.get(k).name());
        }
        return List.copyOf(out.values());
    }

    /** Whether the changed line is right, and whether the whole check should pass. */
    private record Expected(boolean right, boolean passed) {
    }

    /**
     * The references, on instances of the test's own (other seeds and batch sizes than the
     * checker's), each also with its params negated, its masks flipped, and both, whatever the
     * network ({@link InstanceVariant} says why), so that entries a wrong line differs on only rarely
     * are there (a max pool's window wholly dropped, feeding a unit its bias alone makes active), with
     * its weights shrunk so that biases lead (as they are and negated) and with every mask 0, and
     * with its inputs or its params scaled by 4, where a comparison that is the same on the others turns
     * ({@code dA1 > 0} where dA1 is positive on every instance of order 1, {@link CrossingJudge}): each
     * derivative in both conventions, from the derivation through every value and from the printed
     * one, as the checker computes them.
     */
    private static final class Oracle {
        private static final long[] SEEDS = {71, 72, 73};
        private static final int[] BATCH_SIZES = {4, 8, 11};
        /** The factor of the inputs, then of the params, on instances of their own beside the variants. */
        private static final double SCALE = 4;

        private final Map<String, String> derivativeOf;
        private final List<Environment> forward = new ArrayList<>();
        private final List<Map<String, Matrix>> loss = new ArrayList<>();
        private final List<Map<String, Matrix>> cost = new ArrayList<>();

        Oracle(Network network) {
            derivativeOf = Deriver.derivativeNames(network);
            Derivation perExample = Deriver.deriveWithoutFusion(network, Convention.LOSS);
            Derivations d = new Derivations(perExample, Deriver.deriveWithoutFusion(network, Convention.COST),
                    Deriver.derive(network, Convention.LOSS), Deriver.derive(network, Convention.COST));
            boolean masks = !RandomInstance.maskOwners(perExample).isEmpty();
            for (int variant = 0; variant < (masks ? 4 : 2); variant++) {
                for (int k = 0; k < SEEDS.length; k++) {
                    Environment env = RandomInstance.of(perExample, SEEDS[k], BATCH_SIZES[k]);
                    env = (variant & 1) == 0 ? env : RandomInstance.negatedParams(perExample, env);
                    env = (variant & 2) == 0 ? env : RandomInstance.flippedMasks(perExample, env);
                    // A variant's negated params may be outside a log's or a root's domain: left out then.
                    take(d, env, variant == 0);
                }
            }
            // Weights and filter banks shrunk so that biases lead (as they are and negated) and every mask 0, whatever the
            // network: a max pool's window wholly inactive, or wholly dropped, which the instances above seldom hold.
            List<InstanceVariant> leading = new ArrayList<>(List.of(InstanceVariant.BIASES_LEAD, InstanceVariant.BIASES_LEAD_NEGATED));
            if (masks) {
                leading.add(InstanceVariant.DROPPED_MASKS);
            }
            for (InstanceVariant variant : leading) {
                for (int k = 0; k < SEEDS.length; k++) {
                    take(d, variant.of(perExample, RandomInstance.of(perExample, SEEDS[k], BATCH_SIZES[k])), false);
                }
            }
            // Pre-activations four times as large: where a comparison the instances above never cross turns.
            for (int k = 0; k < SEEDS.length; k++) {
                for (double[] scale : new double[][] {{SCALE, 1}, {1, SCALE}}) {
                    take(d, RandomInstance.scaled(perExample, RandomInstance.of(perExample, SEEDS[k], BATCH_SIZES[k]), scale[0], scale[1]),
                            false);
                }
            }
        }

        /** The derivations the references come from: through every value, and as printed, in each convention. */
        private record Derivations(Derivation perExample, Derivation perCost, Derivation printed, Derivation printedCost) {
        }

        /** Takes {@code env} and its references when they are finite, or whatever they are when {@code evenIfNotFinite}. */
        private void take(Derivations d, Environment env, boolean evenIfNotFinite) {
            Map<String, Matrix> lossRefs = references(d.perExample(), d.printed(), env);
            Map<String, Matrix> costRefs = references(d.perCost(), d.printedCost(), env);
            if (evenIfNotFinite || finite(lossRefs, costRefs)) {
                loss.add(lossRefs);
                cost.add(costRefs);
                Evaluation.forward(d.perExample(), env);
                forward.add(env);
            }
        }

        private static boolean finite(Map<String, Matrix> loss, Map<String, Matrix> cost) {
            return Stream.of(loss, cost).flatMap(refs -> refs.values().stream())
                    .allMatch(m -> Arrays.stream(m.data()).allMatch(Double::isFinite));
        }

        private static Map<String, Matrix> references(Derivation throughEvery, Derivation stable, Environment env) {
            Map<String, Matrix> out = new HashMap<>();
            for (Derivation d : List.of(throughEvery, stable)) {
                Evaluation.Result r = Evaluation.run(d, env.copy());
                for (Equation e : d.equations()) {
                    out.put(e.of(), r.derivatives().get(e.name()));
                }
            }
            return out;
        }

        /** Null when rounding leaves it open whether a line is right. */
        Expected expected(List<EquationLine> lines, int changed) {
            boolean[] right = new boolean[lines.size()];
            java.util.Arrays.fill(right, true);
            for (int k = 0; k < forward.size(); k++) {
                Environment env = forward.get(k).copy();
                for (int i = 0; i < lines.size(); i++) {
                    EquationLine line = lines.get(i);
                    Matrix value = Evaluator.evaluate(line.value(), env);
                    env.put(line.name(), value);
                    String of = derivativeOf.get(line.name());
                    if (of == null) {
                        continue;
                    }
                    Matrix noisy = Evaluator.evaluatePerturbed(line.value(), env, 7 + i);
                    double noise = Numerics.distance(value, noisy);
                    Same same = best(same(value, loss.get(k).get(of), noise), same(value, cost.get(k).get(of), noise));
                    if (same == Same.UNSURE) {
                        return null;
                    }
                    right[i] &= same == Same.YES;
                }
            }
            boolean passed = true;
            for (boolean r : right) {
                passed &= r;
            }
            return new Expected(right[changed], passed);
        }

        private enum Same { YES, UNSURE, NO }

        private static Same best(Same a, Same b) {
            return a.ordinal() <= b.ordinal() ? a : b;
        }

        /** Equal to rounding (relative, or within a thousand times the line's own rounding noise), clearly not, or neither. */
        private static Same same(Matrix value, Matrix reference, double noise) {
            if (reference == null || value == null || !value.sameShape(reference)) {
                return Same.NO;
            }
            for (double x : value.data()) {
                if (!Double.isFinite(x)) {
                    return Same.NO;
                }
            }
            double d = Numerics.distance(value, reference);
            double size = Numerics.norm(reference);
            if (d <= 1e-10 * size + 1e3 * noise) {
                return Same.YES;
            }
            return d >= 1e-6 * size + 1e5 * noise ? Same.NO : Same.UNSURE;
        }
    }
}
