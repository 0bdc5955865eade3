package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A data problem is said once: an unplaced one after its verb, a file's as it is. */
class DataExceptionTest {
    // Each case: how the exception is made (unplaced: a problem with no place; inFile: a file's; ready:
    // a message with its place), its text, the verb that meets it, and what the verb prints.
    @ParameterizedTest(name = "{0} {1} in {2}")
    @CsvSource(delimiter = '|', textBlock = """
            unplaced | cannot standardize feature 2: it overflows | train     | netgrad train: error: cannot standardize feature 2: it overflows
            unplaced | cannot standardize feature 2: it overflows | gradcheck | netgrad gradcheck: error: cannot standardize feature 2: it overflows
            inFile   | no such file                               | train     | a.csv: error: no such file
            ready    | a.csv:2:1: error: feature 1e160 is too large | train   | a.csv:2:1: error: feature 1e160 is too large
            """)
    void aProblemIsSaidOnceWithItsVerbOrItsPlace(String kind, String text, String verb, String expected) {
        DataException e = switch (kind) {
            case "unplaced" -> DataException.unplaced(text);
            case "inFile" -> DataException.inFile("a.csv", text);
            default -> new DataException(text);
        };
        assertEquals(expected, e.messageFor(verb));
    }

    // A problem that already has a prefix would be said with two.
    @ParameterizedTest
    @ValueSource(strings = {"netgrad: error: cannot standardize feature 2", "netgrad train: error: cannot standardize", "error: x"})
    void anUnplacedProblemWithAPrefixIsRefused(String problem) {
        assertThrows(IllegalArgumentException.class, () -> DataException.unplaced(problem));
    }
}
