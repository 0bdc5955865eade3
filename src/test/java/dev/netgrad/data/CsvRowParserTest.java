package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.Prediction;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The plain-row path reads a row of plain numbers in one pass; it must take only rows the field-by-field
 * reading takes, with the same values bit for bit (a -0, an integer of 16 digits, 1e100 and just past it), and
 * record nothing: every other row is left to that reading, which says what is wrong with it.
 */
class CsvRowParserTest {
    /** Two features and a label, for each kind of target; the rows below are read under each. */
    private static final List<DataLayout> LAYOUTS = List.of(
            new DataLayout("X", 2, "Y", 3, Prediction.CLASSES),
            new DataLayout("X", 2, "Y", 1, Prediction.PROBABILITY),
            new DataLayout("X", 2, "Y", 1, Prediction.NUMBER));

    // Each row, and whether the plain path takes it (under the classes' layout; the others decide alike but for labels).
    static Stream<Arguments> rows() {
        return Stream.of(
                Arguments.of("1,2,0", true),
                Arguments.of("-0,+0,1", true),                   // -0.0 stays a minus zero, as parseDouble gives it
                Arguments.of("0.5,.5,2", true),
                Arguments.of("5.,1e5,0", true),
                Arguments.of("1E-3,2.5e+2,1", true),
                Arguments.of("123456789012345,1,0", true),       // 15 digits: summed exactly
                Arguments.of("1234567890123456789,1,0", true),   // 19 digits: parseDouble rounds it
                Arguments.of("9007199254740993,1,0", true),      // 2^53 + 1: parseDouble's rounding, not a long's
                Arguments.of("1e100,-1e100,0", true),
                Arguments.of("1.0000000000000002,3,0", true),
                Arguments.of("1e101,1,0", false),                // too large: the full reading says so
                Arguments.of("1e400,1,0", false),                // infinite
                Arguments.of("1,2,3", false),                    // out of range for 3 classes
                Arguments.of("1,2,1.5", false),                  // not a class index
                Arguments.of("1,2,-1", false),
                Arguments.of("1,2,-0", true),                    // class 0 (+0.0)
                Arguments.of(" 1,2,0", false),                   // blanks: the full reading strips them
                Arguments.of("1 ,2,0", false),
                Arguments.of("\"1\",2,0", false),                // quoted
                Arguments.of("1,2", false),                      // too few fields
                Arguments.of("1,2,0,", false),                   // too many
                Arguments.of("1,,0", false),                     // empty
                Arguments.of("1,2,0\r", false),
                Arguments.of("1,e5,0", false),
                Arguments.of("1,1e,0", false),
                Arguments.of("1,.,0", false),
                Arguments.of("1,+-1,0", false),
                Arguments.of("1,NaN,0", false),
                Arguments.of("1,0x10,0", false),
                Arguments.of("1,1d,0", false),
                Arguments.of("1,١,0", false),                    // an Arabic-Indic digit is no \\d
                Arguments.of("1,2,setosa", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void thePlainPathTakesWhatTheFullReadingTakesAndNothingElse(String line, boolean plainUnderClasses) {
        for (DataLayout layout : LAYOUTS) {
            CsvErrors plainErrors = new CsvErrors("d.csv");
            CsvErrors fullErrors = new CsvErrors("d.csv");
            List<double[]> plain = new ArrayList<>();
            List<double[]> full = new ArrayList<>();
            boolean tookPlain = parser(layout, plainErrors).plainRow(line, (x, y) -> plain.add(withLabel(x, y)));
            boolean tookFull = parser(layout, fullErrors).fullRow(line, 2, (x, y) -> full.add(withLabel(x, y)));
            assertTrue(plainErrors.none(), "the plain path records nothing");
            if (layout.kind() == Prediction.CLASSES) {
                assertEquals(plainUnderClasses, tookPlain, "plain path under " + layout.kind());
            }
            if (tookPlain) {
                assertTrue(tookFull, "the full reading takes what the plain path takes, under " + layout.kind());
                assertBitsEqual(full.get(0), plain.get(0));
            } else {
                assertEquals(0, plain.size());
            }
        }
    }

    /** Random rows of numbers as files hold them (integers, decimals, exponents, signs): the same bits either way. */
    @org.junit.jupiter.api.Test
    void randomPlainRowsGiveTheFullReadingsBits() {
        Random random = new Random(7);
        DataLayout layout = new DataLayout("X", 6, "Y", 1, Prediction.NUMBER);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder line = new StringBuilder();
            for (int j = 0; j < 7; j++) {
                line.append(j > 0 ? "," : "").append(randomNumber(random));
            }
            List<double[]> plain = new ArrayList<>();
            List<double[]> full = new ArrayList<>();
            assertTrue(parser(layout, new CsvErrors("d.csv")).plainRow(line.toString(), (x, y) -> plain.add(withLabel(x, y))), line::toString);
            assertTrue(parser(layout, new CsvErrors("d.csv")).fullRow(line.toString(), 2, (x, y) -> full.add(withLabel(x, y))), line::toString);
            assertBitsEqual(full.get(0), plain.get(0));
        }
    }

    private static String randomNumber(Random random) {
        String sign = switch (random.nextInt(4)) {
            case 0 -> "-";
            case 1 -> "+";
            default -> "";
        };
        String digits = Long.toString(Math.abs(random.nextLong()) >>> random.nextInt(64));
        return switch (random.nextInt(4)) {
            case 0 -> sign + digits;
            case 1 -> sign + digits + "." + random.nextInt(1000);
            case 2 -> sign + "." + digits;
            default -> sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (random.nextInt(200) - 100);
        };
    }

    private static CsvRowParser parser(DataLayout layout, CsvErrors errors) {
        return new CsvRowParser(layout, new CsvHeader(true, "y"), CsvReader.MAX_TRAINING_FEATURE, errors);
    }

    private static double[] withLabel(double[] features, double label) {
        double[] all = java.util.Arrays.copyOf(features, features.length + 1);
        all[features.length] = label;
        return all;
    }

    private static void assertBitsEqual(double[] expected, double[] actual) {
        long[] e = java.util.Arrays.stream(expected).mapToLong(Double::doubleToRawLongBits).toArray();
        long[] a = java.util.Arrays.stream(actual).mapToLong(Double::doubleToRawLongBits).toArray();
        assertArrayEquals(e, a, () -> java.util.Arrays.toString(expected) + " read " + java.util.Arrays.toString(actual));
    }
}
