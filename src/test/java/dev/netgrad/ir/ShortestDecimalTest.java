package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numbers are written in the fewest digits that parse back to the same double, in Double.toString's layout. */
class ShortestDecimalTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            2.0E23                 | 2.0E23
            1.0E23                 | 1.0E23
            8.41E21                | 8.41E21
            -2.82879384806159E17   | -2.82879384806159E17
            6.84798354874497E18    | 6.84798354874497E18
            0.1                    | 0.1
            1.0                    | 1.0
            -0.0                   | -0.0
            0.6933042154079582     | 0.6933042154079582
            1.0E-5                 | 1.0E-5
            4.9E-324               | 4.9E-324
            1.7976931348623157E308 | 1.7976931348623157E308
            1234567.0              | 1234567.0
            5.9604644775390625E-8  | 5.960464477539063E-8
            -5.684341886080802E-14 | -5.684341886080802E-14
            6.1897001964269013744956211E26 | 6.189700196426902E26
            7.1202363472230444E-307 | 7.120236347223045E-307
            """)
    // The last four are powers of two (2^-24, -2^-44, 2^89, 2^-1017), where the doubles below are twice as
    // dense as those above: the shortest decimal there is the one on the far side.
    void writesTheFewestDigitsThatParseBack(String value, String expected) {
        assertEquals(expected, ShortestDecimal.of(Double.parseDouble(value)));
    }

    @Test
    void everyResultParsesBackAndIsNoLongerThanDoubleToString() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 200_000; i++) {
            double v = Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String s = ShortestDecimal.of(v);
            assertEquals(v, Double.parseDouble(s), s);
            assertEquals(true, s.length() <= Double.toString(v).length(), s + " against " + v);
        }
    }
}
