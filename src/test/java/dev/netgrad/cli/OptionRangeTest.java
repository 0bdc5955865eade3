package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Numeric options out of their range, or out of their type's, are one-line usage errors that name the range, before any work. */
class OptionRangeTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gradcheck samples/planar.nn --examples 100000000 | netgrad gradcheck: error: --examples must be between 1 and 10,000 (a few dozen show any error), found 100,000,000
            gradcheck samples/planar.nn --examples 0         | netgrad gradcheck: error: --examples must be between 1 and 10,000
            gradcheck samples/planar.nn --entries -3         | netgrad gradcheck: error: --entries must be between 1 and 100,000 (each entry costs two passes), found -3
            bench samples/planar.nn --threads 16000          | netgrad bench: error: --threads must be between 1 and
            bench samples/planar.nn --threads 0              | netgrad bench: error: --threads must be between 1 and
            bench samples/planar.nn --batch 0                | netgrad bench: error: --batch must be between 1 and 1,000,000, found 0
            bench samples/planar.nn --batch 2000000000       | netgrad bench: error: --batch must be between 1 and 1,000,000, found 2,000,000,000
            bench samples/planar.nn --steps -1               | netgrad bench: error: --steps must be between 0 and 1,000,000,000 (0 chooses), found -1
            bench samples/planar.nn --warmup 1e9             | netgrad bench: error: --warmup must be between 0 and 3,600 (seconds), found 1e9
            bench samples/planar.nn --warmup NaN             | netgrad bench: error: --warmup must be a number between 0 and 3,600 (seconds), found NaN
            gradcheck samples/planar.nn --examples 99999999999 | netgrad gradcheck: error: --examples must be a whole number between 1 and 10,000 (a few dozen show any error), found 99999999999
            gradcheck samples/planar.nn --entries 4.5          | netgrad gradcheck: error: --entries must be a whole number between 1 and 100,000 (each entry costs two passes), found 4.5
            gradcheck samples/planar.nn --seed 99999999999999999999 | netgrad gradcheck: error: --seed must be a whole number between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807, found 99999999999999999999
            bench samples/planar.nn --batch 99999999999         | netgrad bench: error: --batch must be a whole number between 1 and 1,000,000, found 99999999999
            bench samples/planar.nn --steps 99999999999         | netgrad bench: error: --steps must be a whole number between 0 and 1,000,000,000 (0 chooses), found 99999999999
            bench samples/planar.nn --threads 99999999999       | netgrad bench: error: --threads must be a whole number between 1 and
            bench samples/planar.nn --warmup soon               | netgrad bench: error: --warmup must be a number between 0 and 3,600 (seconds), found soon
            train samples/iris.nn --data samples/data/iris.csv --lr 0.01d      | netgrad train: error: --lr must be a positive number, found 0.01d
            train samples/iris.nn --data samples/data/iris.csv --lr 0x1p-3     | netgrad train: error: --lr must be a positive number, found 0x1p-3
            train samples/iris.nn --data samples/data/iris.csv --lr NaN        | netgrad train: error: --lr must be a positive number, found NaN
            train samples/iris.nn --data samples/data/iris.csv --lr 1e999      | netgrad train: error: --lr must be a positive number, found 1e999
            train samples/iris.nn --data samples/data/iris.csv --holdout 0.2f  | netgrad train: error: --holdout must be a number at least 0 and less than 1, found 0.2f
            train samples/iris.nn --data samples/data/iris.csv --holdout 1.0   | netgrad train: error: --holdout must be at least 0 and less than 1, found 1.0
            bench samples/planar.nn --warmup 1d                 | netgrad bench: error: --warmup must be a number between 0 and 3,600 (seconds), found 1d
            bench samples/planar.nn --warmup 0x1p4              | netgrad bench: error: --warmup must be a number between 0 and 3,600 (seconds), found 0x1p4
            bench samples/planar.nn --seed 1e3                  | netgrad bench: error: --seed must be a whole number between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807, found 1e3
            """)
    void outOfRangeOptionsNameTheirRange(String commandLine, String expected) {
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(expected), r.err());
        assertEquals(1, r.err().lines().count(), "one line, without the usage text: " + r.err());
        assertEquals("", r.out());
    }
}
