package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CsvReaderTest {
    private static final DataLayout TWO_FEATURES_BINARY = new DataLayout("X", 2, "Y", 1);
    private static final DataLayout THREE_CLASSES = new DataLayout("X", 2, "Y", 3);

    private static Dataset read(String text, DataLayout layout) throws DataException {
        return CsvReader.parse("d.csv", text, layout, CsvReader.Labels.REQUIRED).dataset();
    }

    private static String error(String text, DataLayout layout) {
        return assertThrows(DataException.class, () -> read(text, layout)).getMessage();
    }

    @Test
    void readsFeaturesAndLabelsOneExamplePerRow() throws DataException {
        Dataset d = read("a,b,label\n1,2.5,0\r\n-3e-1, 4 ,1\n\n", TWO_FEATURES_BINARY);
        assertEquals(2, d.size());
        assertArrayEquals(new double[] {1, 2.5}, d.features()[0]);
        assertArrayEquals(new double[] {-0.3, 4}, d.features()[1]);
        assertArrayEquals(new int[] {0, 1}, d.labels());
    }

    @Test
    void labelsAreOneHotForSeveralTargetRowsAndZeroOneForOne() throws DataException {
        Dataset classes = read("a,b,label\n0,0,2\n0,0,0\n", THREE_CLASSES);
        assertArrayEquals(new double[][] {{0, 0, 1}, {1, 0, 0}}, classes.targets(3));
        Dataset binary = read("a,b,label\n0,0,1\n0,0,0\n", TWO_FEATURES_BINARY);
        assertArrayEquals(new double[][] {{1}, {0}}, binary.targets(1));
    }

    @Test
    void featureCountMismatchNamesBothCounts() {
        String message = error("a,b,c,label\n1,2,3,0\n", TWO_FEATURES_BINARY);
        assertTrue(message.startsWith("d.csv:1:1: error: the header has 4 columns (3 features and a label)"), message);
        assertTrue(message.contains("input X has 2 rows"), message);
    }

    @Test
    void raggedRowIsReportedWithItsLine() {
        String message = error("a,b,label\n1,2,0\n1,2\n", TWO_FEATURES_BINARY);
        assertTrue(message.startsWith("d.csv:3:4: error: this row has 2 fields, but the header has 3"), message);
        assertTrue(message.contains("\n1,2\n   ^"), message);
    }

    @Test
    void nonNumberIsReportedAtItsColumn() {
        String message = error("a,b,label\n1,two,0\n", TWO_FEATURES_BINARY);
        assertTrue(message.startsWith("d.csv:2:3: error: expected a number as feature, found 'two'"), message);
    }

    @Test
    void notANumberAndInfinityAreRefused() {
        assertTrue(error("a,b,label\nNaN,1,0\n", TWO_FEATURES_BINARY).contains("found 'NaN'"));
        assertTrue(error("a,b,label\n1e999,1,0\n", TWO_FEATURES_BINARY).contains("too large"));
    }

    @Test
    void labelOutOfRangeNamesLineAndValidRange() {
        String binary = error("a,b,label\n1,2,0\n1,2,2\n", TWO_FEATURES_BINARY);
        assertTrue(binary.startsWith("d.csv:3:5: error: label 2 is out of range: target Y has one row, so a label must be 0 or 1"), binary);
        String classes = error("a,b,label\n1,2,3\n", THREE_CLASSES);
        assertTrue(classes.contains("d.csv:2:5: error: label 3 is out of range: target Y has 3 rows, so a label must be a class index from 0 to 2"), classes);
        assertTrue(error("a,b,label\n1,2,0.5\n", THREE_CLASSES).contains("label 0.5 is not a class index"));
    }

    @Test
    void everyBadRowIsReportedAtOnce() {
        String message = error("a,b,label\nx,2,0\n1,2,9\n", TWO_FEATURES_BINARY);
        assertTrue(message.contains("d.csv:2:1:"), message);
        assertTrue(message.contains("d.csv:3:5:"), message);
    }

    @Test
    void emptyFileAndHeaderOnlyAreRefused() {
        assertTrue(error("", TWO_FEATURES_BINARY).startsWith("d.csv:1:1: error: empty file"));
        assertTrue(error("\n  \n", TWO_FEATURES_BINARY).startsWith("d.csv:1:1: error: empty file"));
        assertTrue(error("a,b,label\n", TWO_FEATURES_BINARY).startsWith("d.csv:2:1: error: no examples"));
    }

    @Test
    void predictionFilesMayLeaveOutTheLabel() throws DataException {
        CsvTable table = CsvReader.parse("p.csv", "a,b\n1,2\n", TWO_FEATURES_BINARY, CsvReader.Labels.OPTIONAL);
        assertFalse(table.labels().isPresent());
        assertArrayEquals(new double[][] {{1, 2}}, table.features());
        CsvTable labelled = CsvReader.parse("p.csv", "a,b,y\n1,2,1\n", TWO_FEATURES_BINARY, CsvReader.Labels.OPTIONAL);
        assertEquals(Optional.of(1), labelled.labels().map(l -> l[0]));
    }

    @Test
    void missingFileIsAOneLineError() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.readDataset(java.nio.file.Path.of("no/such.csv"), TWO_FEATURES_BINARY));
        assertEquals("no/such.csv: error: cannot read: no such file", e.getMessage());
    }
}
