package dev.netgrad.maven;

import dev.netgrad.Compilation;
import dev.netgrad.codegen.AsciiSource;
import dev.netgrad.codegen.NamesInFull;
import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.codegen.RandomExamples.TargetKind;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.Network;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Writes a JUnit 5 test for a generated trainer class: it compares every param's derived gradient
 * with centred finite differences of the cost on seeded random examples, so a user's own
 * {@code mvn test} checks the maths of their own specs. The test uses only the trainer's public
 * API and JUnit, which the user's project supplies, and holds only the template's matrix functions
 * that its kinks call ({@link GradientTestTemplate}).
 */
final class GradientTestWriter {
    /**
     * What the test needs to know about the network; {@code kinkStates} are Java expressions of the
     * states of its kinks ({@link KinkCode}), which no step of the differences may change; {@code masks} the shape
     * of every dropout's mask, in the order gradcheck draws them ({@link RandomExamples#maskShapes}).
     */
    record Subject(String packageName, String className, String specPath, int inputRows, int targetRows,
            TargetKind targetKind, List<String> kinkStates, Map<String, Shape> masks) {
        Subject {
            Objects.requireNonNull(packageName, "packageName");
            Objects.requireNonNull(className, "className");
            Objects.requireNonNull(specPath, "specPath");
            Objects.requireNonNull(targetKind, "targetKind");
            kinkStates = List.copyOf(kinkStates);
            // Map.copyOf would lose the order, which is the order of the draws.
            masks = Collections.unmodifiableMap(new LinkedHashMap<>(masks));
            if (inputRows < 1 || targetRows < 0) {
                throw new IllegalArgumentException("an input needs a row, and a target cannot have fewer than none");
            }
        }

        /** A network with no dropout. */
        Subject(String packageName, String className, String specPath, int inputRows, int targetRows,
                TargetKind targetKind, List<String> kinkStates) {
            this(packageName, className, specPath, inputRows, targetRows, targetKind, kinkStates, Map.of());
        }

        /** The subject of {@code compilation}'s network, its class {@code className} in {@code packageName}. */
        static Subject of(String packageName, String className, String specPath, Compilation compilation) {
            Network network = compilation.network();
            int targetRows = network.targets().isEmpty() ? 0 : network.targets().get(0).rows();
            return new Subject(packageName, className, specPath, network.inputs().get(0).rows(), targetRows,
                    RandomExamples.targetKind(network), KinkCode.states(compilation.derivation()),
                    RandomExamples.maskShapes(compilation.derivation()));
        }
    }

    private static final GradientTestTemplate TEMPLATE = GradientTestTemplate.read();

    private GradientTestWriter() {
    }

    /** Every class the template names in full ({@code org.junit.jupiter.api.Test}, {@code java.util.Random}), sorted. */
    static final Set<String> NAMES_WRITTEN_OUT = NamesInFull.in(TEMPLATE.whole());

    /**
     * Why the class {@code qualifiedClass} cannot sit beside its gradient test, or empty: the test names JUnit's,
     * java.util's and the runtime's classes in full, and a class {@code org.junit} turns
     * {@code org.junit.jupiter.api.Test} into a member of itself (javac: "cannot find symbol: class jupiter,
     * location: class junit"); a class named like one of those would replace it ({@link NamesInFull}).
     */
    static Optional<String> nameClash(String qualifiedClass) {
        return NamesInFull.clash(qualifiedClass, NAMES_WRITTEN_OUT, "its gradient test");
    }

    static String testClassName(String className) {
        return className + "GradientTest";
    }

    /**
     * The test's source, in ASCII alone ({@link AsciiSource}): a spec's path or package may hold any
     * character, and javac may read the file as US-ASCII. The path in its doc comment is made safe there
     * ({@link AsciiSource#inComment}): a backslash, followed by {@code u}, would start an escape.
     */
    static String write(Subject subject) {
        return AsciiSource.of(TEMPLATE.withFragmentsCalledBy(String.join("\n", subject.kinkStates()))
                .replace("${package}", subject.packageName())
                .replace("${spec}", AsciiSource.inComment(subject.specPath()))
                .replace("${Test}", testClassName(subject.className()))
                .replace("${Net}", subject.className())
                .replace("${inputs}", Integer.toString(subject.inputRows()))
                .replace("${targets}", Integer.toString(subject.targetRows()))
                .replace("${targetKind}", subject.targetKind().name())
                .replace("${kinkStates}", kinkStates(subject.kinkStates()))
                .replace("${maskDraws}", maskDraws(subject.masks())));
    }

    /**
     * One draw a line, as gradcheck draws the masks ({@link RandomExamples#masks}): in its order, each of its
     * dropout's own shape, with EXAMPLES for the batch's side.
     */
    private static String maskDraws(Map<String, Shape> masks) {
        StringBuilder out = new StringBuilder();
        masks.forEach((owner, shape) -> out.append("\n        masks.put(\"").append(owner)
                .append("\", dev.netgrad.runtime.FiniteDifferences.mask(").append(side(shape.rows())).append(", ")
                .append(side(shape.cols())).append(", random));"));
        return out.toString();
    }

    private static String side(int size) {
        return size == Shape.M ? "EXAMPLES" : Integer.toString(size);
    }

    /** The entries of {@code new int[][] {...}}, one a line; none when there is no kink. */
    private static String kinkStates(List<String> states) {
        return states.isEmpty() ? "" : states.stream().map(e -> "\n            " + e).collect(Collectors.joining(",", "", "\n        "));
    }
}
