package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A matrix whose entries no Java array holds is refused as the JVM refuses such an array: rows *
 * cols in an int wrapped around, to a negative size (NegativeArraySizeException) or to a short
 * array that the checks passed and the first write ran past (2^32 entries made an array of none).
 */
class MatrixSizeTest {
    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({
        "65536, 65536, 4294967296",    // 2^32: wrapped to 0 entries
        "900000, 100000, 90000000000", // wrapped to a negative size
        "46341, 46341, 2147488281",    // just past an int
    })
    void aMatrixTooLargeForAJavaArrayIsOutOfMemoryNotAWrappedSize(int rows, int cols, long entries) {
        OutOfMemoryError zeros = assertThrows(OutOfMemoryError.class, () -> Matrix.zeros(rows, cols));
        assertEquals("a " + rows + " x " + cols + " matrix has " + entries + " entries, more than a Java array can hold",
                zeros.getMessage());
    }

    @Test
    void anArrayOfTheWrappedSizeIsNotThatMatrix() {
        // 65536 * 65536 is 0 in an int: an empty array passed for a matrix of 2^32 entries.
        assertThrows(IllegalArgumentException.class, () -> new Matrix(65536, 65536, new double[0]));
    }

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1, 1", "3, 4", "1, 1000"})
    void aMatrixThatFitsHasEveryEntry(int rows, int cols) {
        assertEquals(rows * cols, Matrix.zeros(rows, cols).data().length);
    }
}
