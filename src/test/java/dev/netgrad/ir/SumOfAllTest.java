package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.netgrad.runtime.Kernels;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The evaluator's sum of all entries, and the runtime's (Kernels.sumOfAll): four partial sums (entry i into i mod 4, the tail into the
 * first), added as (s0 + s1) + (s2 + s3), the order the generated trainers use. Each case's
 * expectation is that order written out by hand; where one chain of additions gives another
 * number, the comment says which.
 */
class SumOfAllTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new double[] {}, 0.0),
                Arguments.of(new double[] {1, 2, 3}, 6.0),
                Arguments.of(new double[] {1, 2, 3, 4}, (1.0 + 2.0) + (3.0 + 4.0)),
                // One chain: 1e16 + 1 rounds back to 1e16 four times, giving 1e16. Partial sums: s0 =
                // 1e16 + 1 (the tail) = 1e16, then 1e16 + (1 + 1) + 1 = 1e16 + 2.
                Arguments.of(new double[] {1e16, 1, 1, 1, 1}, 1.0000000000000002E16),
                // 0.1 ten times: s0 = 0.1 + 0.1 + 0.1 (i = 0, 4, 8), s1 = 0.1 + 0.1 + 0.1 (1, 5, 9).
                Arguments.of(new double[] {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1},
                        ((0.1 + 0.1 + 0.1) + (0.1 + 0.1 + 0.1)) + ((0.1 + 0.1) + (0.1 + 0.1))));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void sumsInFourPartialSums(double[] entries, double expected) {
        assertEquals(expected, ReferenceReductions.sumOfAll(entries));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void theTrainersRuntimeSumsInTheSameOrder(double[] entries, double expected) {
        double[] padded = java.util.Arrays.copyOf(entries, entries.length + 3);
        padded[entries.length] = 1e300;
        assertEquals(expected, Kernels.sumOfAll(padded, entries.length), "entries past n are not read");
    }

    @ParameterizedTest
    @MethodSource("cases")
    void aSumAlongTheOnlyRowOrDownTheOnlyColumnIsTheSumOfAll(double[] entries, double expected) {
        if (entries.length == 0) {
            return;
        }
        Matrix row = new Matrix(1, entries.length, entries);
        Matrix column = new Matrix(entries.length, 1, entries);
        Environment env = new Environment(entries.length).put("R", row).put("C", column);
        Ref r = Ref.of("R", RefKind.VALUE, new Shape(1, entries.length));
        Ref c = Ref.of("C", RefKind.VALUE, new Shape(entries.length, 1));
        assertEquals(expected, Evaluator.evaluate(new Apply(Op.SUM1, List.of(r), new Shape(1, 1)), env).get(0, 0));
        assertEquals(expected, Evaluator.evaluate(new Apply(Op.SUM0, List.of(c), new Shape(1, 1)), env).get(0, 0));
        assertEquals(expected, Evaluator.evaluate(new Apply(Op.SUM, List.of(c), new Shape(1, 1)), env).get(0, 0));
    }
}
