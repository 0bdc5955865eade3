package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Environment;
import dev.netgrad.ir.Evaluator;
import dev.netgrad.ir.Matrix;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.RowBlocks;
import dev.netgrad.ir.Shape;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SpecReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What check holds while it judges: on a wide network each param's gradient is 4096 x 4096 on every
 * instance, so a value nothing reads again is let go and the doubled batch makes no params of its own.
 */
class CheckMemoryTest {
    private static final Path DIR = Path.of("src/test/resources/check");

    private static Network planar() throws Exception {
        return SpecReader.read("planar.nn", Files.readString(DIR.resolve("planar.nn"), StandardCharsets.UTF_8));
    }

    private static List<EquationLine> lines(Network network, String text) throws Exception {
        return SpecReader.readEquations("test.eq", text, network, Deriver.derivativeNames(network));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // file                   | verdicts, which leave no line's value behind
        "planar_course.eq         | CORRECT",
        "planar_mixed.eq          | WRONG",
    })
    void noLinesValueStaysInTheWorkingEnvironmentsOnceNoLaterLineReadsIt(String file, String someStatus) throws Exception {
        Network network = planar();
        List<EquationLine> lines = lines(network, Files.readString(DIR.resolve(file), StandardCharsets.UTF_8));
        CheckInstances cases = new CheckInstances(network);
        EquationChecker.Report report = EquationChecker.check(network, lines, cases);
        assertTrue(report.verdicts().stream().anyMatch(v -> v.status().name().equals(someStatus)), report.toString());
        List<Environment> envs = new ArrayList<>(cases.doubled().envs());
        cases.instances().forEach(i -> envs.addAll(i.envs()));
        for (EquationLine line : lines) {
            for (Environment env : envs) {
                assertFalse(env.has(line.name()), line.name() + " is still held");
            }
        }
        // The inputs, params and forward values stay.
        assertTrue(envs.stream().allMatch(env -> env.has("W1") && env.has("A1")));
    }

    @Test
    void aValueALaterLineReadsIsKeptUntilThatLine() throws Exception {
        // dW2 reads H, H reads dZ2: judging dW2 may write H into it (Cancellation), so dW2 reads dZ2 too.
        List<EquationLine> lines = lines(planar(), """
                dZ2 = A2 - Y
                H = 1/m * dZ2
                dW2 = H @ A1.T
                db2 = 1/m * sum(dZ2, axis=1)
                """);
        List<Set<String>> reads = EquationChecker.reads(lines);
        assertEquals(Set.of("A2", "Y"), reads.get(0));
        assertTrue(reads.get(1).contains("dZ2"), reads.get(1).toString());
        assertTrue(reads.get(2).containsAll(List.of("H", "A1", "dZ2")), reads.get(2).toString());
        assertTrue(reads.get(3).contains("dZ2"), reads.get(3).toString());
    }

    @Test
    void aParamsDlReferenceIsMadeAgainWhenAskedForToTheSameBits() throws Exception {
        Network network = planar();
        CheckInstances cases = new CheckInstances(network);
        // The first instance is seed 1000 with m = 3; netgrad's printed derivation run on it from scratch.
        Environment env = RandomInstance.of(cases.perExample(), 1000, 3);
        Evaluation.Result oracle = Evaluation.run(cases.printed(), env);
        for (String param : List.of("W1", "b1", "W2", "b2")) {
            assertFalse(cases.instances().get(0).loss().containsKey(param), param + " is kept");
            String gradient = cases.printed().gradient(param).name();
            assertArrayEquals(oracle.derivatives().get(gradient).data(), cases.reference(0, param, false).data(), param);
        }
    }

    @Test
    void aParamsDjReferenceOnTheDoubledBatchIsMadeAgainWhenAskedForToTheSameBits() throws Exception {
        Network network = planar();
        CheckInstances cases = new CheckInstances(network);
        // The doubled batch is the first instance's (seed 1000, m = 3) taken twice; the cost's printed derivation run on it from scratch.
        Environment env = RandomInstance.doubled(cases.perExample(), RandomInstance.of(cases.perExample(), 1000, 3));
        Derivation printedCost = cases.printedCost();
        Evaluation.Result oracle = Evaluation.run(printedCost, env);
        for (String param : List.of("W1", "b1", "W2", "b2")) {
            String gradient = printedCost.gradient(param).name();
            assertArrayEquals(oracle.derivatives().get(gradient).data(), cases.doubledReference(param, true).data(), param);
        }
        // A per-example value's references are kept as before.
        assertSame(cases.doubled().reference("Z2", true), cases.doubledReference("Z2", true));
    }

    @Test
    void theRoundingErrorPassKeepsNoValueOrBoundOnceNoLaterEquationReadsIt() throws Exception {
        Network network = planar();
        Derivation printed = Deriver.derive(network, Convention.LOSS);
        Environment env = RandomInstance.of(printed, 1000, 3);
        Evaluation.forward(printed, env);
        java.util.Map<String, Double> norms = RoundingErrors.norms(printed.equations(), env);
        for (Equation e : printed.equations()) {
            assertTrue(norms.get(e.name()) > 0, e.name());
            assertFalse(env.has(e.name()), e.name() + " is still held");
            assertFalse(env.has("err(" + e.name() + ")"), "err(" + e.name() + ") is still held");
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec      | a wrong line no later line reads     | what its diagnosis says
        "planar.nn   | dW2 = (A2 - Y) @ A1.T                | d(sum L)/dW2",
        "planar.nn   | dW1 = 2/m * (W2.T @ (A2 - Y) * (1 - A1^2)) @ X.T | constant factor 2",
        "square.nn   | dW2 = 1/m * A1 @ ((W3.T @ (A3 - Y)) * (1 - A2^2)).T | transposed",
        "square.nn   | dZ2 = (W3.T @ (A3 - Y)) * A2           | derivative of tanh",
    })
    void aWrongLinesDiagnosisHoldsItsValueOnOneInstanceAtATime(String spec, String line, String message) throws Exception {
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        EquationLine wrong = lines(network, line + "\n").get(0);
        CheckInstances cases = new CheckInstances(network);
        LineValues values = new LineValues(wrong, cases, true);
        EquationChecker.Verdict v = new LineJudge(new EquationChecker(network, cases), cases).judge(wrong, values, List.of());
        assertEquals(EquationChecker.Status.WRONG, v.status(), v.message());
        assertTrue(v.message().contains(message), v.message());
        // Held on every instance at once, a 4096 x 4096 param line's values were the most its diagnosis kept.
        assertFalse(values.keepsAll(EquationChecker.WRITTEN), "the values on every instance are kept");
    }

    @Test
    void aWrongSquareParamLinesResultIsTransposedFromItsBlocksOfRowsNeverMadeWholeBesideIt() throws Exception {
        // square.nn with a hidden layer of 100: W2 is 100 x 100, more rows than a block. Transposed whole, a
        // 784-4096-4096-10 network's wrong dW2 was held beside its transpose and the three instances' params and
        // dJ references, the largest heap of its check.
        Network network = square100();
        EquationLine wrong = lines(network, "dW2 = 1/m * A1 @ ((W3.T @ (A3 - Y)) * (1 - A2^2)).T\n").get(0);
        CheckInstances cases = new CheckInstances(network);
        LineValues values = new LineValues(wrong, cases, true);
        EquationChecker.Verdict v = new LineJudge(new EquationChecker(network, cases), cases).judge(wrong, values, List.of());
        assertEquals(EquationChecker.Status.WRONG, v.status(), v.message());
        assertTrue(v.message().contains("has the result transposed"), v.message());
        // Each made whole alone: on the three instances to look for entries not finite, on one to fit a factor.
        assertEquals(4, values.madeWhole(), "values of the line made whole");
    }

    @Test
    void aSquareParamLinesValueHeldIsMadeAgainInItsOtherFormNeverTransposedBesideIt() throws Exception {
        Network network = square100();
        EquationLine wrong = lines(network, "dW2 = 1/m * A1 @ ((W3.T @ (A3 - Y)) * (1 - A2^2)).T\n").get(0);
        LineValues values = new LineValues(wrong, new CheckInstances(network), true);
        LineValues.OneAtATime asItIs = values.oneAtATime(EquationChecker.WRITTEN);
        double[] value = asItIs.get(0).data().clone();
        assertEquals(1, values.madeWhole());
        // Held as it is, then asked transposed (Diagnosis's transposed result), then as it is again: each time
        // the value held is let go and the other form made again (transposed from its blocks of rows, which
        // makes none whole; then whole), where transposing the one held put both 100 x 100 matrices side by side.
        Matrix transposed = asItIs.transposed().get(0);
        assertArrayEquals(new Matrix(100, 100, value).transposed().data(), transposed.data());
        assertEquals(1, values.madeWhole(), "values of the line made whole");
        assertArrayEquals(value, asItIs.get(0).data());
        assertEquals(2, values.madeWhole(), "values of the line made whole");
    }

    @Test
    void aWrongSquareParamLineNoDiagnosisNamesIsComparedWithItsEvaluationsABlockOfRowsAtATime() throws Exception {
        // A line made a block of rows at a time (RowBlocks): a product whose left operand is the forward pass's values.
        Network network = square100();
        EquationLine wrong = lines(network, "dW2 = 1/m * (A2 - Z2) @ Z1.T\n").get(0);
        CheckInstances cases = new CheckInstances(network);
        LineValues values = new LineValues(wrong, cases, true);
        EquationChecker.Verdict v = new LineJudge(new EquationChecker(network, cases), cases).judge(wrong, values, List.of());
        assertEquals(EquationChecker.Status.WRONG, v.status(), v.message());
        assertTrue(v.message().startsWith("does not equal"), v.message());
        // Whether it is off by rounding alone (Cancellation) asks its distance from its inlined expression's
        // evaluations and from the reference: made whole, a 784-4096-4096-10 network's wrong dW2 was held beside
        // each of them and the three instances' params and references, the largest heap of its check.
        // Made whole 5 times, each alone: by the diagnoses before it, none of the 12 by Cancellation (on one instance
        // in d(sum L) and in dJ, its evaluation, 4 perturbed ones and the reference).
        assertEquals(5, values.madeWhole(), "values of the line made whole");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // a wrong line          | numerator | values whose rounding bound it computes; values whose bound it does not
        "dZ2 = 2 * (A2 - Y)      | false     | Z2          | W1 W2 b1 b2 Z1 A1",
        "dZ1 = W2.T @ (A2 - Y)   | false     | Z2 A1 Z1    | W1 W2 b1 b2",
        "dW2 = (A2 - Y) @ A1.T   | true      | Z2 W2       | W1 b1 b2 Z1 A1",
    })
    void aWrongLinesRoundingBoundIsComputedForTheEquationsItNeedsAlone(String line, boolean cost, String bounded, String notBounded)
            throws Exception {
        Network network = planar();
        CheckInstances cases = new CheckInstances(network);
        EquationChecker.Report report = EquationChecker.check(network, lines(network, line + "\n"), cases);
        assertEquals(EquationChecker.Status.WRONG, report.verdicts().get(0).status(), report.toString());
        Set<String> known = cases.boundedValues(0, cost);
        for (String of : bounded.split(" ")) {
            assertTrue(known.contains(of), of + " is not bounded: " + known);
        }
        // A whole backward pass's bounds were computed for one line: a 4096 x 4096 matrix for each param's gradient.
        for (String of : notBounded.split(" ")) {
            assertFalse(known.contains(of), of + " is bounded: " + known);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec              | numerator (dJ: true) | terms made a block of rows at a time (the others whole)
        "planar.nn           | false                | 0",
        "planar.nn           | true                 | 0",
        "square.nn           | false                | 0",
        "square.nn           | true                 | 0",
        // dW1's 3 terms (500 x 300); dW2's (50 x 500) are one block of rows, made whole
        "wide_tanh_sum.nn    | false                | 3",
        "wide_tanh_sum.nn    | true                 | 3",
    })
    void aBoundNoLaterEquationReadsHoldsNoValueOfOneTermWhileItEvaluatesAnother(String spec, boolean cost, int inRowBlocks)
            throws Exception {
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        Derivation printed = Deriver.derive(network, cost ? Convention.COST : Convention.LOSS);
        Environment env = RandomInstance.of(printed, 1000, 3);
        Evaluation.forward(printed, env);
        List<RoundingErrors.Term> terms = new ArrayList<>();
        Map<String, Double> norms = RoundingErrors.norms(printed.equations(), env, RoundingErrors.Rounding.RELATIVE, terms::add);
        // dW2 = 1/m * dZ2 @ A1.T's bound is |1/m| * |dZ2 @ A1.T| + |1/m| * err(dZ2 @ A1.T) + |1/m| * |dZ2 @ A1.T|: on a
        // 784-4096-4096-10 network the product its first and last terms share was held beside the second's two.
        assertTrue(terms.size() > network.params().size(), "terms evaluated: " + terms);
        assertTrue(terms.stream().allMatch(t -> t.valuesHeld() == 0), "values held as each term was about to be evaluated: " + terms);
        // Made whole, each 4096 x 4096 term was a matrix of its own beside the sum.
        assertEquals(inRowBlocks, terms.stream().filter(RoundingErrors.Term::inRowBlocks).count(), terms.toString());
        printed.equations().forEach(e -> assertTrue(norms.get(e.name()) > 0, e.name()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec      | a wrong line whose first rounding bound its verdict asks for
        "planar.nn   | dW2 = (A2 - Y) @ A1.T",
        "planar.nn   | dZ2 = 2 * (A2 - Y)",
        "planar.nn   | dZ1 = W2.T @ (A2 - Y)",
        "square.nn   | dW2 = 1/m * A1 @ ((W3.T @ (A3 - Y)) * (1 - A2^2)).T",
    })
    void aWrongLinesValueIsLetGoBeforeItsRoundingBoundIsComputed(String spec, String line) throws Exception {
        WrongLineJudged judged = judgedWrong(spec, line);
        List<Boolean> held = judged.heldAtEachBound();
        assertFalse(held.isEmpty(), "no rounding bound was computed");
        // Held, a wrong 4096 x 4096 param line's value took the heap a check of right lines needs, beside the bound's own matrices.
        assertFalse(held.get(0), "the line's value was held as its verdict's rounding bound was computed");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec      | a wrong param line no diagnosis names (a wrong layer's value squared: Z1 alone is named as swapped
        //           | for A1), tried against each kind of mistake in turn
        "planar.nn   | dW2 = 1/m * (A2 - Y) @ (Z1 * Z1).T",
        "square.nn   | dW2 = 1/m * ((W3.T @ (A3 - Y)) * (1 - A2^2)) @ (Z1 * Z1).T",
        "square.nn   | dW1 = 1/m * ((W2.T @ ((W3.T @ (A3 - Y)) * (1 - A2^2))) * (1 - A1^2)) @ (X * X).T",
    })
    void aWrongLineNoDiagnosisNamesHoldsNoValueOfItAsAnyRoundingBoundIsComputed(String spec, String line) throws Exception {
        WrongLineJudged judged = judgedWrong(spec, line);
        List<Boolean> held = judged.heldAtEachBound();
        assertTrue(judged.message().startsWith("does not equal"), judged.message());
        // Cancellation asks for the bound in d(sum L) last: with the value held, a 4096 x 4096 param line's took
        // the heap beside the bound's own matrices (about 2 GB for a 784-4096-4096-10 network).
        assertTrue(held.size() > 1, "bounds computed: " + held.size());
        assertFalse(held.contains(true), "a value of the line was held as a rounding bound was computed: " + held);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec      | numerator (dJ: true); each reference handed on with no param and no other gradient held beside it
        "planar.nn   | true",
        "planar.nn   | false",
        "square.nn   | true",
        "square.nn   | false",
    })
    void aTwinsReferencesAreHandedOnOneAtATimeWithTheParamsLetGo(String spec, boolean cost) throws Exception {
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        ReferenceDerivations derivations = new ReferenceDerivations(network);
        Environment twin = RandomInstance.of(derivations.perExample(), 1000, 3);
        Evaluation.forward(derivations.perExample(), twin);
        Map<String, Matrix> whole = derivations.references(cost, twin);
        Derivation printed = cost ? derivations.printedCost() : derivations.printed();
        List<String> params = network.params().stream().map(Param::name).toList();
        List<String> gradients = params.stream().map(p -> printed.gradient(p).name()).toList();
        Map<String, Matrix> handed = new HashMap<>();
        derivations.eachReference(cost, twin, of -> true, (of, value) -> {
            handed.put(of, value);
            if (params.contains(of)) {
                // Held all at once, a 784-4096-4096-10 network's twin's references were twice its params beside them.
                params.forEach(p -> assertFalse(twin.has(p), p + " is held as the gradient of " + of + " is handed on"));
                gradients.forEach(g -> assertFalse(twin.has(g), g + " is held as the gradient of " + of + " is handed on"));
            }
        });
        assertEquals(whole.keySet(), handed.keySet());
        whole.forEach((of, value) -> assertArrayEquals(value.data(), handed.get(of).data(), of));
        assertTrue(twin.values().isEmpty(), "the spent twin still holds " + twin.values().keySet());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec              | right lines (;), the last judged, the others' values written in first        | made whole
        "wide_tanh_sum.nn    | dZ1 = (W2.T @ ((W3.T @ (A3 - Y)) * ((Z2 > 0) + 0.1 * (Z2 <= 0)))) * (1 - A1^2); dW1 = dZ1 @ X.T | false",
        "wide_tanh_sum.nn    | dZ2 = (W3.T @ (A3 - Y)) * ((Z2 > 0) + 0.1 * (Z2 <= 0)); dW2 = dZ2 @ A1.T  | true",
        "wide_tanh_sum.nn    | dZ1 = (W2.T @ ((W3.T @ (A3 - Y)) * ((Z2 > 0) + 0.1 * (Z2 <= 0)))) * (1 - A1^2) | true",
        "planar.nn           | dZ2 = A2 - Y; dW2 = 1/m * dZ2 @ A1.T                                       | true",
    })
    void aLineIsComparedWithItsReferencesABlockOfRowsAtATimeWhereItsRowsCanBeMadeSo(String spec, String text, boolean whole)
            throws Exception {
        // dW1 (500 x 300) is a product whose left operand has its rows, made 64 rows at a time; dW2 (50 rows) is
        // one block, and dZ1's left operand a transpose: made whole. Made whole, a 784-4096-4096-10 network's
        // wrong dW2 was held beside the d(sum L) made again to judge it.
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        List<EquationLine> lines = lines(network, text.replace("; ", "\n") + "\n");
        EquationLine judged = lines.get(lines.size() - 1);
        CheckInstances cases = new CheckInstances(network);
        for (CheckInstances.Instance instance : cases.instances()) {
            Environment env = instance.envs().get(EquationChecker.WRITTEN);
            lines.subList(0, lines.size() - 1).forEach(l -> env.put(l.name(), Evaluator.evaluate(l.value(), env)));
        }
        LineValues values = new LineValues(judged, cases, true);
        EquationChecker.Verdict v = new LineJudge(new EquationChecker(network, cases), cases).judge(judged, values, List.of());
        assertEquals(EquationChecker.Status.CORRECT, v.status(), v.message());
        assertEquals(whole, values.madeWhole() > 0, "values made whole: " + values.madeWhole());
    }

    @Test
    void aValueComparedABlockOfRowsAtATimeDiffersFromEachReferenceByTheBitsItsWholeValueDoes() {
        int n = 300;
        int m = 5;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
        Matrix d = Matrix.zeros(n, m);
        Matrix a = Matrix.zeros(n, m);
        for (int i = 0; i < n * m; i++) {
            d.data()[i] = rnd.nextDouble() - 0.5;
            a.data()[i] = rnd.nextDouble() - 0.5;
        }
        d.data()[7 * m] = Double.POSITIVE_INFINITY; // row 7 of the product infinite or NaN, as in the references
        Environment env = new Environment(m).put("D", d).put("A", a);
        Node product = Apply.of(Op.MATMUL, Ref.of("D", RefKind.DERIVATIVE, new Shape(n, Shape.M)),
                Apply.of(Op.TRANSPOSE, Ref.of("A", RefKind.VALUE, new Shape(n, Shape.M))));
        Node value = Apply.of(Op.MUL, Num.of(0.2), product);
        Matrix whole = Evaluator.evaluate(value, env);
        Matrix nudged = scaled(whole, k -> 1 + 1e-9 * Math.sin(k));
        Matrix wrongAtOne = scaled(whole, k -> 1);
        wrongAtOne.data()[11] = Double.NaN;
        List<Matrix> references = Arrays.asList(
                whole,
                nudged,
                scaled(whole, k -> 0.25),
                // Subnormal: scaled by its power of two, the value's entries overflow; its blocks are made again with the value's
                scaled(whole, k -> 0x1p-1060),
                scaled(whole, k -> 4),
                scaled(whole, k -> k % 2 == 0 ? 1 : 0.5),
                wrongAtOne, // NaN where the value is finite: not comparable
                Matrix.zeros(n, n - 1),
                null);
        List<CheckInstances.Difference> expected = CheckInstances.differences(whole, references);
        assertTrue(expected.get(5).closeness().comparable() && !expected.get(6).closeness().comparable(), expected.toString());
        assertEquals(expected, CheckInstances.differences(value, env, references));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // spec             | the values whose param-like d(sum L) references are measured against the twin's a block of rows at a time
        "wide_tanh_sum.nn   | W1",
        "planar.nn          | ''",
        "square.nn          | ''",
    })
    void aParamLikeReferencesNoiseIsMeasuredABlockOfRowsAtATimeWhereItsRowsCanBeMadeSo(String spec, String inBlocks)
            throws Exception {
        // dW1 (500 x 300) is a product whose left operand has its rows; dW2 (50 rows) is one block, db1 a sum along
        // rows: made whole, one on the instance and then one on the twin. Made whole on both, and before that all of
        // the instance's at once, a 784-4096-4096-10 network's dW2 took its check's largest heap.
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        ReferenceDerivations derivations = new ReferenceDerivations(network);
        Set<String> paramLike = derivations.paramLike();
        Environment instance = RandomInstance.of(derivations.perExample(), 1001, 3);
        Evaluation.forward(derivations.perExample(), instance);
        Environment twin = RandomInstance.nudged(derivations.perExample(), instance, 0x1p-40, 5);
        Evaluation.forward(derivations.perExample(), twin);
        Map<String, Matrix> onInstance = derivations.references(false, instance, paramLike::contains);
        Map<String, Matrix> onTwin = derivations.references(false, twin, paramLike::contains);
        Set<String> measuredInBlocks = new java.util.HashSet<>();
        Map<String, Double> distances = derivations.distances(false, instance.copy(), twin.copy(), paramLike::contains,
                measuredInBlocks);
        assertEquals(onInstance.keySet(), distances.keySet());
        onInstance.forEach((of, value) -> {
            double whole = Numerics.distance(value, onTwin.get(of));
            assertTrue(whole > 0, of);
            assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(distances.get(of)), of);
        });
        assertEquals(inBlocks.isEmpty() ? Set.of() : Set.of(inBlocks.split(" ")), measuredInBlocks);
    }

    @Test
    void twoValuesMadeABlockOfRowsAtATimeAreAsFarApartAsTheirWholeValues() {
        int n = 300;
        int m = 5;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(11);
        Matrix d = Matrix.zeros(n, m);
        Matrix a = Matrix.zeros(n, m);
        for (int i = 0; i < n * m; i++) {
            d.data()[i] = rnd.nextDouble() - 0.5;
            a.data()[i] = rnd.nextDouble() - 0.5;
        }
        Node product = Apply.of(Op.MATMUL, Ref.of("D", RefKind.DERIVATIVE, new Shape(n, Shape.M)),
                Apply.of(Op.TRANSPOSE, Ref.of("A", RefKind.VALUE, new Shape(n, Shape.M))));
        Node rows = Apply.of(Op.MATMUL, Ref.of("D", RefKind.DERIVATIVE, new Shape(n, Shape.M)),
                Apply.of(Op.TRANSPOSE, Ref.of("B", RefKind.VALUE, new Shape(n - 1, Shape.M))));
        Environment env = new Environment(m).put("D", d).put("A", a).put("B", Matrix.zeros(n - 1, m));
        // Each pair: the factor of each of the second's entries, and where its product's row 7 is infinite or NaN.
        Object[][] pairs = {
            {(IntToDoubleFunction) k -> 1, null},
            {(IntToDoubleFunction) k -> 1 + 1e-9 * Math.sin(k), null},
            {(IntToDoubleFunction) k -> 0.25, null},
            {(IntToDoubleFunction) k -> k % 2 == 0 ? 1 : 0x1p-1060, null}, // subnormal beside normal entries
            {(IntToDoubleFunction) k -> 0x1p-1060, null}, // all subnormal: the scale is the second's
            {(IntToDoubleFunction) k -> 0x1p1000, null}, // the squares overflow unscaled
            {(IntToDoubleFunction) k -> 1, Double.POSITIVE_INFINITY},
            {(IntToDoubleFunction) k -> 1, Double.NaN},
        };
        for (Object[] pair : pairs) {
            IntToDoubleFunction factor = (IntToDoubleFunction) pair[0];
            Matrix second = scaled(d, k -> k < 20 * m ? 1 : factor.applyAsDouble(k));
            if (pair[1] != null) {
                second.data()[7 * m] = (Double) pair[1];
            }
            Environment other = new Environment(m).put("D", second).put("A", a).put("B", Matrix.zeros(n - 1, m));
            double whole = Numerics.distance(Evaluator.evaluate(product, env), Evaluator.evaluate(product, other));
            double inBlocks = Numerics.distance(RowBlocks.of(product, env), RowBlocks.of(product, other));
            assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(inBlocks), java.util.Arrays.toString(pair));
            // One whole, the other in blocks (Cancellation's evaluations and reference against the line's value); either way round.
            double secondInBlocks = Numerics.distance(Evaluator.evaluate(product, env), RowBlocks.of(product, other), Double.NaN);
            assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(secondInBlocks), java.util.Arrays.toString(pair));
            double firstInBlocks = Numerics.distance(Evaluator.evaluate(product, other), RowBlocks.of(product, env), Double.NaN);
            assertEquals(Double.doubleToRawLongBits(whole), Double.doubleToRawLongBits(firstInBlocks), java.util.Arrays.toString(pair));
        }
        // Another shape: as Numerics.distance of whole values, 0; or what the caller asks for.
        assertEquals(0.0, Numerics.distance(RowBlocks.of(product, env), RowBlocks.of(rows, env)));
        assertEquals(Double.NaN, Numerics.distance(Evaluator.evaluate(rows, env), RowBlocks.of(product, env), Double.NaN));
        assertEquals(Double.NaN, Numerics.distance(null, RowBlocks.of(product, env), Double.NaN));
        assertEquals(0.0, Numerics.distance(Evaluator.evaluate(product, env), Evaluator.evaluate(rows, env)));
    }

    /** {@code x} with entry k times {@code factor(k)}. */
    private static Matrix scaled(Matrix x, java.util.function.IntToDoubleFunction factor) {
        Matrix out = Matrix.zeros(x.rows(), x.cols());
        for (int k = 0; k < out.data().length; k++) {
            out.data()[k] = x.data()[k] * factor.applyAsDouble(k);
        }
        return out;
    }

    @Test
    void theDoubledBatchSharesTheFirstInstancesParamsAndHoldsNoReferenceOfAParam() throws Exception {
        Network network = planar();
        CheckInstances cases = new CheckInstances(network);
        for (String param : List.of("W1", "b1", "W2", "b2")) {
            assertSame(cases.instances().get(0).forward().value(param), cases.doubled().forward().value(param), param);
            assertFalse(cases.doubled().loss().containsKey(param), param);
            assertFalse(cases.doubled().cost().containsKey(param), param);
        }
        assertTrue(cases.doubled().loss().containsKey("Z2"));
        assertEquals(2 * cases.instances().get(0).m(), cases.doubled().m());
        assertTrue(Arrays.stream(cases.doubled().forward().value("X").data()).allMatch(Double::isFinite));
    }

    /** Bytes this thread has allocated so far (HotSpot counts them exactly). */
    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    @Test
    void aPlannedEvaluationWritesAnElementwiseResultOverAnOperandNothingReadsAgain() {
        int n = 512;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        Matrix d = Matrix.zeros(n, n);
        Matrix a = Matrix.zeros(n, n);
        for (int i = 0; i < n * n; i++) {
            d.data()[i] = rnd.nextDouble() - 0.5;
            a.data()[i] = rnd.nextDouble() - 0.5;
        }
        Environment env = new Environment(n).put("D", d).put("A", a);
        Node dZ = Ref.of("D", RefKind.DERIVATIVE, new Shape(n, Shape.M));
        Node act = Ref.of("A", RefKind.VALUE, new Shape(n, Shape.M));
        Node product = Apply.of(Op.MATMUL, dZ, Apply.of(Op.TRANSPOSE, act));
        // dW2 = 1/m * dZ2 @ A1.T on a 784-4096-4096-10 network: the scaling took a 4096 x 4096 matrix beside the product.
        Node scaled = Apply.of(Op.MUL, Num.of(0.5), product);
        long matrix = 8L * n * n;
        Evaluator planned = Evaluator.of(env, List.of(scaled));
        long before = allocated();
        Matrix value = planned.eval(scaled);
        long made = allocated() - before;
        assertArrayEquals(new Evaluator(env).eval(scaled).data(), value.data());
        assertTrue(made < matrix * 3 / 2, "a scaled product made " + made / (double) matrix + " matrices of its size");
        // A bound's sum is added into its first term, a product nothing reads again: its own matrix, not a copy.
        Evaluator bounds = Evaluator.of(env, List.of(product));
        before = allocated();
        Matrix first = bounds.evalToWriteOver(product);
        made = allocated() - before;
        assertArrayEquals(new Evaluator(env).eval(product).data(), first.data());
        assertTrue(made < matrix * 3 / 2, "the first term to be written over made " + made / (double) matrix + " matrices of its size");
    }

    @Test
    void aPerturbedEvaluationWritesTheScalingOfAProductAndItsErrorsOverIt() {
        int n = 512;
        int m = 8;
        java.util.SplittableRandom rnd = new java.util.SplittableRandom(5);
        Matrix d = Matrix.zeros(n, m);
        Matrix a = Matrix.zeros(n, m);
        for (int i = 0; i < n * m; i++) {
            d.data()[i] = rnd.nextDouble() - 0.5;
            a.data()[i] = rnd.nextDouble() - 0.5;
        }
        Environment env = new Environment(m).put("D", d).put("A", a);
        Node product = Apply.of(Op.MATMUL, Ref.of("D", RefKind.DERIVATIVE, new Shape(n, Shape.M)),
                Apply.of(Op.TRANSPOSE, Ref.of("A", RefKind.VALUE, new Shape(n, Shape.M))));
        // Cancellation.offByRounding's evaluations of dW2 = 1/m * dZ2 @ A1.T on a 784-4096-4096-10 network: the
        // product, the sizes of its terms, its scaled copy and that copy's perturbed one were four 4096 x 4096
        // matrices, three of them held at once. The sizes are made a row at a time; the rest, written over the product.
        Node scaled = Apply.of(Op.MUL, Ref.of("1/m", RefKind.COST_SCALE, Shape.SCALAR), product);
        long matrix = 8L * n * n;
        long before = allocated();
        Matrix value = Evaluator.evaluatePerturbed(scaled, env, 3);
        long made = allocated() - before;
        assertTrue(made < matrix * 3 / 2, "a perturbed scaled product made " + made / (double) matrix + " matrices of its size");
        assertEquals(n * n, value.data().length);
    }

    /** A wrong line's verdict, and whether a value of the line was held as each rounding bound was computed. */
    private record WrongLineJudged(String message, List<Boolean> heldAtEachBound) {
    }

    /** Judges {@code line}, which must be wrong, on {@code spec} from src/test/resources, watching each rounding bound. */
    private static WrongLineJudged judgedWrong(String spec, String line) throws Exception {
        Network network = SpecReader.read(spec, Files.readString(DIR.resolve(spec), StandardCharsets.UTF_8));
        EquationLine wrong = lines(network, line + "\n").get(0);
        CheckInstances cases = new CheckInstances(network);
        LineValues values = new LineValues(wrong, cases, true);
        List<Boolean> held = new ArrayList<>();
        cases.beforeEachBound(() -> held.add(values.holdsAValue()));
        EquationChecker.Verdict v = new LineJudge(new EquationChecker(network, cases), cases).judge(wrong, values, List.of());
        assertEquals(EquationChecker.Status.WRONG, v.status(), v.message());
        return new WrongLineJudged(v.message(), held);
    }

    /** square.nn with a hidden layer of 100: W2 is 100 x 100, more rows than a block of RowBlocks. */
    private static Network square100() throws Exception {
        String spec = Files.readString(DIR.resolve("square.nn"), StandardCharsets.UTF_8)
                .replace("W1[3, 2]", "W1[100, 2]").replace("b1[3]", "b1[100]").replace("W2[3, 3]", "W2[100, 100]")
                .replace("b2[3]", "b2[100]").replace("W3[1, 3]", "W3[1, 100]");
        return SpecReader.read("square100.nn", spec);
    }
}
