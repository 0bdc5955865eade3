package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.runtime.Prediction;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CsvReaderTest {
    private static final DataLayout TWO_FEATURES_BINARY = new DataLayout("X", 2, "Y", 1, Prediction.PROBABILITY);
    private static final DataLayout THREE_CLASSES = new DataLayout("X", 2, "Y", 3, Prediction.CLASSES);
    private static final DataLayout TWO_FEATURES_REAL = new DataLayout("X", 2, "Y", 1, Prediction.NUMBER);

    private static Dataset read(String text, DataLayout layout) throws DataException {
        return CsvReader.parse("d.csv", text, layout, CsvReader.Labels.REQUIRED).dataset(layout.kind());
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
        assertArrayEquals(new double[] {0, 1}, d.labels());
    }

    @Test
    void labelsAreOneHotForSeveralTargetRowsAndZeroOneForOne() throws DataException {
        Dataset classes = read("a,b,label\n0,0,2\n0,0,0\n", THREE_CLASSES);
        assertArrayEquals(new double[][] {{0, 0, 1}, {1, 0, 0}}, classes.targets(3));
        Dataset binary = read("a,b,label\n0,0,1\n0,0,0\n", TWO_FEATURES_BINARY);
        assertArrayEquals(new double[][] {{1}, {0}}, binary.targets(1));
    }

    @Test
    void aRegressionsLabelsAreNumbersTakenAsTheyAre() throws DataException {
        Dataset d = read("a,b,y\n0,0,2.5\n0,0,-3e-1\n0,0,-0\n0,0,1e100\n", TWO_FEATURES_REAL);
        assertArrayEquals(new double[] {2.5, -0.3, -0.0, 1e100}, d.labels());
        assertArrayEquals(new double[][] {{2.5}, {-0.3}, {-0.0}, {1e100}}, d.targets(1));
    }

    /** Each label and what is said of it: a regression takes numbers, a classifier its classes only. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            NUMBER      | 1e101 | d.csv:2:5: error: label 1e101 is too large: target Y takes numbers within ±1e100
            NUMBER      | one   | d.csv:2:5: error: expected a number as label, found 'one'
            NUMBER      | NaN   | d.csv:2:5: error: expected a number as label, found 'NaN'
            PROBABILITY | 2.5   | d.csv:2:5: error: label 2.5 is not a class index: target Y needs 0 or 1 (the label is the last column, 'y')
            PROBABILITY | 2     | d.csv:2:5: error: label 2 is out of range: target Y has one row, so a label must be 0 or 1 (the label is the last column, 'y')
            CLASSES     | 0.5   | d.csv:2:5: error: label 0.5 is not a class index: target Y needs a class index from 0 to 2 (the label is the last column, 'y')
            CLASSES     | 3     | d.csv:2:5: error: label 3 is out of range: target Y has 3 rows, so a label must be a class index from 0 to 2 (the label is the last column, 'y')
            CLASSES     | setosa | d.csv:2:5: error: expected a number as label, found 'setosa' (the label is the last column, 'y'): target Y needs a class index from 0 to 2, not a class's name; number the classes first, as scikit-learn's LabelEncoder does
            PROBABILITY | yes   | d.csv:2:5: error: expected a number as label, found 'yes' (the label is the last column, 'y'): target Y needs 0 or 1, not a class's name; number the classes first, as scikit-learn's LabelEncoder does
            CLASSES     | NaN   | d.csv:2:5: error: expected a number as label, found 'NaN'
            PROBABILITY | -inf  | d.csv:2:5: error: expected a number as label, found '-inf'
            CLASSES     | 1e3x  | d.csv:2:5: error: expected a number as label, found '1e3x'
            CLASSES     | Iris-setosa | d.csv:2:5: error: expected a number as label, found 'Iris-setosa' (the label is the last column, 'y'): target Y needs a class index from 0 to 2, not a class's name; number the classes first, as scikit-learn's LabelEncoder does
            """)
    void labelsTheKindCannotTakeAreErrorsAtTheirField(Prediction kind, String label, String expected) {
        DataLayout layout = new DataLayout("X", 2, "Y", kind == Prediction.CLASSES ? 3 : 1, kind);
        String message = error("a,b,y\n0,0," + label + "\n", layout);
        assertTrue(message.startsWith(expected + "\n0,0," + label + "\n    ^"), message);
    }

    /** Each count in the words that fit it: one column, one feature, one row. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a,b,c,label | 2 | d.csv:1:1: error: the header has 4 columns (3 features and a label), but input X has 2 rows: expected 2 feature columns and a label column
            a;b;label   | 2 | d.csv:1:1: error: the header has 1 column (0 features and a label), but input X has 2 rows: expected 2 feature columns and a label column (fields are separated by commas, and this header has none but has ';': save the file with commas)
            a\tb\tlabel | 2 | d.csv:1:1: error: the header has 1 column (0 features and a label), but input X has 2 rows: expected 2 feature columns and a label column (fields are separated by commas, and this header has none but has tabs: save the file with commas)
            a;b,c,label | 1 | d.csv:1:1: error: the header has 3 columns (2 features and a label), but input X has 1 row: expected 1 feature column and a label column
            a,b,label   | 1 | d.csv:1:1: error: the header has 3 columns (2 features and a label), but input X has 1 row: expected 1 feature column and a label column
            a,label     | 2 | d.csv:1:1: error: the header has 2 columns (1 feature and a label), but input X has 2 rows: expected 2 feature columns and a label column
            a,b,label,  | 2 | d.csv:1:11: error: the header ends in a comma, which adds a column without a name: remove the comma at the end of the header and of every row (without it, the header has what is expected: 2 feature columns and a label column)
            a,b,c,label, | 2 | d.csv:1:1: error: the header has 5 columns (4 features and a label), but input X has 2 rows: expected 2 feature columns and a label column
            """)
    void featureCountMismatchNamesBothCounts(String header, int features, String expected) {
        String message = error(header.translateEscapes() + "\n", new DataLayout("X", features, "Y", 1, Prediction.PROBABILITY));
        assertTrue(message.startsWith(expected + "\n"), message);
    }

    /**
     * An image input names its height, width and channels, whose product is the count of feature columns; a file
     * of the same pixels in another number of channels (an RGB file for a grey network) is named so. Prediction
     * files may leave out the label, so their columns are also tried as features alone.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            REQUIRED | 13 | d.csv:1:1: error: the header has 13 columns (12 features and a label), but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns and a label column (12 feature columns would be 2 x 2 images of 3 channels)
            REQUIRED | 12 | d.csv:1:1: error: the header has 12 columns (11 features and a label), but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns and a label column
            REQUIRED | 4  | d.csv:1:1: error: the header has 4 columns (3 features and a label), but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns and a label column
            REQUIRED | 9  | d.csv:1:1: error: the header has 9 columns (8 features and a label), but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns and a label column (8 feature columns would be 2 x 2 images of 2 channels)
            OPTIONAL | 13 | d.csv:1:1: error: the header has 13 columns, but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns, optionally followed by a label column (12 feature columns would be 2 x 2 images of 3 channels)
            OPTIONAL | 12 | d.csv:1:1: error: the header has 12 columns, but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns, optionally followed by a label column (12 feature columns would be 2 x 2 images of 3 channels)
            OPTIONAL | 3  | d.csv:1:1: error: the header has 3 columns, but input X is an image of 2 x 2 x 1 (height x width x channels), 4 values an example: expected 4 feature columns, optionally followed by a label column
            """)
    void anImageInputsHeaderOfTheWrongWidthNamesItsPixelsAndChannels(CsvReader.Labels labels, int columns, String expected) {
        DataLayout image = new DataLayout("X", 4, "Y", 2, Prediction.CLASSES, new dev.netgrad.ir.Shape.Grid(2, 2, 1));
        String header = String.join(",", java.util.Collections.nCopies(columns, "p"));
        String message = assertThrows(DataException.class,
                () -> CsvReader.parse("d.csv", header + "\n", image, labels)).getMessage();
        assertEquals(expected + "\n" + header + "\n^", message);
    }

    /**
     * A folder of images or an image file given for an image network's data says how images reach netgrad, as a
     * newcomer with a folder of PNGs would need; a plain network's error stays as it was.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            image | folder | imgs: error: cannot read: it is a directory (netgrad reads images from a CSV file, one example a row of its 2 x 2 x 1 = 4 pixel values: docs/images.md)
            image | png    | a.png:1:1: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 0; expected a CSV file (netgrad reads images from a CSV file, one example a row of its 2 x 2 x 1 = 4 pixel values: docs/images.md)
            plain | folder | imgs: error: cannot read: it is a directory
            plain | png    | a.png:1:1: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 0; expected a CSV file
            """)
    void imagesGivenAsFilesSayThatImagesComeAsCsvRows(String network, String given, String expected) throws Exception {
        DataLayout layout = network.equals("image")
                ? new DataLayout("X", 4, "Y", 2, Prediction.CLASSES, new dev.netgrad.ir.Shape.Grid(2, 2, 1))
                : THREE_CLASSES;
        java.nio.file.Path folder = java.nio.file.Files.createDirectories(dir.resolve("imgs"));
        java.nio.file.Path png = java.nio.file.Files.write(folder.resolve("a.png"),
                new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, '\r', 'I', 'H', 'D', 'R'});
        java.nio.file.Path file = given.equals("folder") ? folder : png;
        String message = assertThrows(DataException.class, () -> CsvReader.readDataset(file, layout)).getMessage();
        String relative = expected.replaceFirst("^imgs", folder.toString()).replaceFirst("^a\\.png", png.toString());
        assertEquals(relative, message.lines().findFirst().orElseThrow());
    }

    /** Labels written one-hot (Keras' to_categorical): a column per class where one label column is expected. */
    @Test
    void aOneHotLabelIsNamed() {
        String message = error("a,b,setosa,versicolor,virginica\n1,2,1,0,0\n", THREE_CLASSES);
        assertEquals("d.csv:1:1: error: the header has 5 columns (4 features and a label), but input X has 2 rows: expected 2"
                + " feature columns and a label column (its last 3 columns look like the label one-hot encoded, a column per"
                + " class of target Y: give one label column holding the class index, 0 to 2, numpy's argmax over those"
                + " columns; netgrad one-hot encodes it itself)", message.lines().findFirst().orElseThrow());
        // Two features and a label, one column too many: no hint for a binary target's two columns that are not one-hot.
        assertEquals("d.csv:1:1: error: the header has 4 columns (3 features and a label), but input X has 2 rows: expected 2"
                + " feature columns and a label column", error("a,b,c,label\n1,2,0,1\n", TWO_FEATURES_BINARY).lines().findFirst().orElseThrow());
    }

    /** A row of too few fields is reported after its end, one of too many at the comma before the first extra field. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            1,2     | d.csv:3:4: error: this row has 2 fields, but the header has 3   | '   ^'
            1       | d.csv:3:2: error: this row has 1 field, but the header has 3    | ' ^'
            1,2,0,5 | d.csv:3:6: error: this row has 4 fields, but the header has 3   | '     ^'
            """)
    void raggedRowIsReportedWithItsLine(String row, String expected, String caret) {
        String message = error("a,b,label\n1,2,0\n" + row + "\n", TWO_FEATURES_BINARY);
        assertEquals(expected + "\n" + row + "\n" + caret, message);
    }

    /**
     * A decimal comma (0,158 for 0.158, as a German or French locale prints numbers) splits each number in
     * two fields: the row has one field too many per such number, and the message says why. Two features
     * and a label; '-' where no hint is expected.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            one number with a decimal comma   | 0,158,-1.48,0           | d.csv:3:12: error: this row has 4 fields, but the header has 3; the file seems to use a decimal comma (0,158 for 0.158): netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default
            every number                      | -0,25,3,75,1            | d.csv:3:8: error: this row has 5 fields, but the header has 3; the file seems to use a decimal comma (-0,25 for -0.25): netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default
            with an exponent                  | 1,5E-03,2,0             | d.csv:3:10: error: this row has 4 fields, but the header has 3; the file seems to use a decimal comma (1,5E-03 for 1.5E-03): netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default
            small integers, one too many      | 1,2,0,5                 | d.csv:3:6: error: this row has 4 fields, but the header has 3
            fewer pairs than fields too many  | 0,158,x,y,0             | d.csv:3:8: error: this row has 5 fields, but the header has 3
            too few fields                    | 0,158                   | d.csv:3:6: error: this row has 2 fields, but the header has 3
            a quoted decimal comma            | `"0,158",1,0`           | d.csv:3:2: error: expected a number as feature, found '0,158', with a decimal comma: netgrad reads a decimal point, as numpy.loadtxt and pandas' read_csv do by default
            """)
    void aDecimalCommaIsNamed(String what, String row, String expected) {
        String message = error("a,b,label\n1,2,0\n" + row + "\n", TWO_FEATURES_BINARY);
        assertEquals(expected, message.lines().findFirst().orElseThrow());
    }

    /** RFC 4180: a field may be quoted, a quote inside written twice; the quotes are no part of the number. */
    /**
     * Each line break ends one line, wherever the reader's 64K buffer ends: a carriage return and newline split by it
     * is one break, not a line and an empty one, so the bad row is reported on its own line.
     */
    @ParameterizedTest(name = "{0} at the buffer's end")
    @CsvSource(delimiter = '|', textBlock = """
            # break | where the buffer ends
              \\r\\n  | between the carriage return and the newline
              \\r\\n  | just after the newline
              \\r    | just after the carriage return
              \\n    | just after the newline
            """)
    void aLineBreakAtTheBuffersEndIsOneBreak(String escapedBreak, String where) {
        String eol = escapedBreak.translateEscapes();
        int bufferEnd = 1 << 16;
        // The first row's padding puts its break's first char at bufferEnd - 1, or its whole break just before bufferEnd.
        int breakStart = where.startsWith("between") || eol.length() == 1 ? bufferEnd - 1 : bufferEnd - 2;
        String header = "a,b,y" + eol;
        String row = "1,2." + "0".repeat(breakStart - header.length() - "1,2.,0".length()) + ",0";
        String text = header + row + eol + "1,2,1" + eol + "1,x,0" + eol;
        assertEquals(breakStart, text.indexOf(eol, header.length()), where);
        assertTrue(error(text, TWO_FEATURES_BINARY).startsWith("d.csv:4:3: error: expected a number as feature, found 'x'"),
                error(text, TWO_FEATURES_BINARY));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            "a","b","label"\\n"1.5","-2",1\\n   | 1.5  | -2
            a,b,label\\n "5.0" , 3 ,"0"\\n      | 5.0  | 3
            "a""x",b,label\\n1,"2e1","1"\\n     | 1    | 20
            """)
    void quotedFieldsAreRead(String text, double first, double second) throws DataException {
        Dataset d = read(text.translateEscapes(), TWO_FEATURES_BINARY);
        assertArrayEquals(new double[] {first, second}, d.features()[0]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            a,b,label\\n"1.5,2,0\\n      | d.csv:2:1: error: this quoted field is not closed: expected '"' before the end of the line (a field may not span lines)
            a,b,label\\n"1.5"x,2,0\\n    | d.csv:2:6: error: expected ',' after the closing quote of a field, found 'x'
            a,b,label\\n1,"2""5",0\\n    | d.csv:2:4: error: expected a number as feature, found '2"5'
            a,b,label\\n1,"",0\\n        | d.csv:2:4: error: expected a number as feature, found an empty field
            a,b,label\\n1,"1,5",0\\n     | d.csv:2:4: error: expected a number as feature, found '1,5'
            "a,b,label\\n1,2,0\\n        | d.csv:1:1: error: this quoted field is not closed
            """)
    void badlyQuotedFieldsAreReportedAtTheirPlace(String text, String expected) {
        String message = error(text.translateEscapes(), TWO_FEATURES_BINARY);
        assertTrue(message.startsWith(expected), message);
    }

    // Pasted from a web page, a no-break space or a zero-width space was quoted as it is: '2 ' or '4' with nothing to
    // see. {1} is the code point put after the 2 of the field "2".
    @ParameterizedTest(name = "U+{1}")
    @CsvSource(delimiter = '|', textBlock = """
            d.csv:2:3: error: expected a number as feature, found '2\u00a0' (it holds U+00A0, which shows as a space or as nothing) | 00A0
            d.csv:2:3: error: expected a number as feature, found '2\u200b' (it holds U+200B, which shows as a space or as nothing) | 200B
            d.csv:2:3: error: expected a number as feature, found '2 5'                                                             | 0020
            d.csv:2:3: error: expected a number as feature, found '2x'                                                              | 0078
            """)
    void aCharacterThatShowsAsNothingIsNamed(String expected, String codePoint) {
        String field = "2" + Character.toString(Integer.parseInt(codePoint, 16)) + (codePoint.equals("0020") ? "5" : "");
        String message = error("a,b,label\n1," + field + ",0\n", TWO_FEATURES_BINARY);
        assertTrue(message.startsWith(expected), message);
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
        assertEquals(Optional.of(1.0), labelled.labels().map(l -> l[0]));
    }

    @Test
    void missingFileIsAOneLineError() {
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.readDataset(java.nio.file.Path.of("no/such.csv"), TWO_FEATURES_BINARY));
        assertEquals("no/such.csv: error: cannot read: no such file", e.getMessage());
    }

    /**
     * A first row of numbers is no header, whatever they are; the column numbers 0,1,2,... that pandas writes for
     * columns without names are named so, with how to name them.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0,1,2    | ' (0,1,2,... is the header pandas writes for columns without names: name them before writing, df.columns = [...], or write header=False and add a header line)'
            0 , 1,2  | ' (0,1,2,... is the header pandas writes for columns without names: name them before writing, df.columns = [...], or write header=False and add a header line)'
            0,1,0    | ''
            1,2,3    | ''
            0,1.0,2  | ''
            """)
    void aHeaderOfNumbersIsRefusedAndPandasColumnNumbersAreNamed(String first, String pandas) {
        String message = error(first + "\n3,4,1\n", TWO_FEATURES_BINARY);
        assertEquals("d.csv:1:1: error: the first row holds only numbers, but it must be a header naming the columns (such as "
                + "x1,x2,label): add one, or this example would be lost" + pandas + "\n" + first + "\n^", message);
    }

    /**
     * The row numbers pandas' to_csv and R's write.csv write by default, a first column without a name, would shift
     * every column by one: a regression, or a prediction file whose label is optional, would take them without a
     * word. They are refused at the header; a column without a name elsewhere is only a name.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            REQUIRED | ,a,b\\n0,1,2\\n                   | 1:1 the first column has no name
            OPTIONAL | ,a,b\\n0,1,2\\n                   | 1:1 the first column has no name
            OPTIONAL | ,a\\n0,1\\n                       | 1:1 the first column has no name
            OPTIONAL | "",a,b\\n0,1,2\\n                 | 1:2 the first column has no name
            OPTIONAL | Unnamed: 0,a,b\\n0,1,2\\n         | 1:1 the first column is named 'Unnamed: 0', pandas' name for a column without one
            REQUIRED | a,,y\\n1,2,3\\n                   | 
            OPTIONAL | a,b,\\n1,2,3\\n                   | 
            OPTIONAL | unnamed,b,y\\n1,2,3\\n            | 
            """)
    void aFirstColumnWithoutANameIsRefusedAsRowNumbers(CsvReader.Labels labels, String text, String expected) throws DataException {
        readsOrIsRefused(TWO_FEATURES_REAL, labels, text, expected, ": it looks like the row numbers that "
                + "pandas' to_csv and R's write.csv write by default, which would be read as a feature; write the file without "
                + "them (to_csv(..., index=False), write.csv(..., row.names=FALSE)), or name the column if it is a feature\n");
    }

    /**
     * A label column first (MNIST's CSV: label,pixel0,...) would be read as a feature and the last feature as the
     * label: a corner pixel, 0 in nearly every image, is a valid class, so nothing else would tell. Refused at the
     * header, in training and prediction files; a label-like name that is also last, or not first, is no such file.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            REQUIRED | label,a,b\\n1,0,0\\n    | 1:1 the first column is named 'label', as a label column is, but the label is read from the last column ('b')
            OPTIONAL | label,a,b\\n1,0,0\\n    | 1:1 the first column is named 'label', as a label column is, but the label is read from the last column ('b')
            OPTIONAL | " Class",b\\n1,0\\n      | 1:3 the first column is named 'Class', as a label column is, but the label is read from the last column ('b')
            REQUIRED | TARGET,a,b\\n1,0,0\\n   | 1:1 the first column is named 'TARGET', as a label column is, but the label is read from the last column ('b')
            REQUIRED | label,a,label\\n1,0,0\\n | 
            REQUIRED | a,label,y\\n1,0,0\\n    | 
            REQUIRED | labelled,a,y\\n1,0,0\\n | 
            """)
    void aLabelColumnFirstIsRefused(CsvReader.Labels labels, String text, String expected) throws DataException {
        readsOrIsRefused(TWO_FEATURES_BINARY, labels, text, expected, ", and every other column is a feature: move '");
    }

    /**
     * A file to predict from with a feature column missing but its label kept (x1,label for two features) has as
     * many columns as the network has features: read as it is, the label would be the last feature and every
     * prediction wrong without a word. Refused at the label's name; a file with the label, or whose last column is
     * not named as a label is, reads.
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            OPTIONAL | x1,label\\n1,0\\n         | 1:4 the last column is named 'label', as a label column is, but the file has 2 columns, as many as the network's features
            OPTIONAL | x1, Target\\n1,0\\n       | 1:5 the last column is named 'Target', as a label column is
            OPTIONAL | x1,x2\\n1,0\\n            | 
            OPTIONAL | x1,x2,label\\n1,0,1\\n    | 
            OPTIONAL | x1,label_of_x\\n1,0\\n     | 
            """)
    void aLabelInPlaceOfAMissingFeatureIsRefused(CsvReader.Labels labels, String text, String expected) throws DataException {
        readsOrIsRefused(TWO_FEATURES_BINARY, labels, text, expected, "");
    }

    /**
     * A table row of the header tests: {@code text} (escapes translated) reads as one example when {@code expected}
     * is empty, else is refused with a message that starts with {@code d.csv:}, {@code expected}'s place (its first
     * word), {@code : error: }, its reason and {@code rest}.
     */
    private static void readsOrIsRefused(DataLayout layout, CsvReader.Labels labels, String text, String expected, String rest)
            throws DataException {
        String csv = text.translateEscapes();
        if (expected == null) {
            assertEquals(1, CsvReader.parse("d.csv", csv, layout, labels).features().length);
            return;
        }
        String message = assertThrows(DataException.class, () -> CsvReader.parse("d.csv", csv, layout, labels)).getMessage();
        String[] place = expected.split(" ", 2);
        assertTrue(message.startsWith("d.csv:" + place[0] + ": error: " + place[1] + rest), message);
    }

    /** Hostile or careless files: each is refused with the place and the reason, never read wrong or half. */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            header missing, the first example would be lost | 1,2,0\\n3,4,1\\n        | d.csv:1:1: error: the first row holds only numbers, but it must be a header
            header of numbers with spaces                   | ' 1 , 2.5 ,0\\n3,4,1\\n' | d.csv:1:1: error: the first row holds only numbers
            square overflows the variance                   | a,b,y\\n1,1e160,0\\n      | d.csv:2:3: error: feature 1e160 is too large: features must lie within ±1e100, where their squares
            negative too                                    | a,b,y\\n-1e308,1,0\\n     | d.csv:2:1: error: feature -1e308 is too large
            escape bytes are shown escaped                  | a,b,y\\n\u001b[2J,1,0\\n | d.csv:2:1: error: expected a number as feature, found '\\u001b[2J'
            """)
    void hostileFilesAreRefusedWithPlaceAndReason(String what, String text, String expected) {
        String message = error(text.translateEscapes(), TWO_FEATURES_BINARY);
        assertTrue(message.startsWith(expected), what + ":\n" + message);
        assertFalse(message.contains("\u001b"), message);
    }

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path dir;

    @Test
    void aLineLongerThanAnyRowIsAnErrorNotAnOutOfMemory() throws Exception {
        java.nio.file.Path file = dir.resolve("zeros.csv");
        java.nio.file.Files.write(file, new byte[CsvReader.maxLineLength(TWO_FEATURES_BINARY) + 100_000]);
        DataException e = assertThrows(DataException.class, () -> CsvReader.readDataset(file, TWO_FEATURES_BINARY));
        assertTrue(e.getMessage().startsWith(file + ":1:1: error: line 1 is longer than 65536 characters"), e.getMessage());
    }

    /**
     * A file that is not UTF-8 is refused at its first bad byte by line, column (code points, as
     * every error counts) and byte offset in the file (as a hex dump counts: carriage returns, a byte-order
     * mark and multi-byte characters included), in the words every reader uses. Each file is written
     * byte for byte from its string, one character a byte ({@code \u00c3\u00a9} is a UTF-8 é,
     * {@code \u00e9} alone a Latin-1 one).
     */
    static Stream<Arguments> notUtf8Files() {
        String notUtf8 = ": error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset ";
        String utf16 = ": error: not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset ";
        return Stream.of(
                // what | the file's bytes | where it is refused and why
                Arguments.of("Latin-1 starting line 3", "a,b,y\n1,2,0\n\u00e9,2,0\n", "3:1" + notUtf8 + 12),
                Arguments.of("after CRLF lines", "a,b,y\r\n1,2,0\r\n1,\u00ff,0\r\n", "3:3" + notUtf8 + 16),
                Arguments.of("after UTF-8 é", "\u00c3\u00a9,b,y\n1,2,0\n1,\u00c3\u00a9\u00e9,0\n", "3:4" + notUtf8 + 17),
                // € is 3 bytes in UTF-8 (e2 82 ac), 😀 4 (f0 9f 98 80, two chars in Java): the header is 11 bytes.
                Arguments.of("after 3- and 4-byte UTF-8", "\u00e2\u0082\u00ac,\u00f0\u009f\u0098\u0080,y\n1,\u00e9,0\n", "2:3" + notUtf8 + 13),
                Arguments.of("after 😀 and € on its line (a column each)", "a,b,y\n\u00f0\u009f\u0098\u0080\u00e2\u0082\u00ac,\u00e9,0\n",
                        "2:4" + notUtf8 + 14),
                Arguments.of("after a byte-order mark", "\u00ef\u00bb\u00bfa,b,y\n1,\u00e9,0\n", "2:3" + notUtf8 + 11),
                Arguments.of("in the header after a byte-order mark", "\u00ef\u00bb\u00bfa,\u00e9,y\n", "1:3" + notUtf8 + 5),
                Arguments.of("after blank lines", "a,b,y\n\n\r\n1,\u00e9,0\n", "4:3" + notUtf8 + 11),
                Arguments.of("after lines ended by a carriage return alone", "a,b,y\r1,2,0\r1,\u00ff,0\r", "3:3" + notUtf8 + 14),
                Arguments.of("on a last line without newline", "a,b,y\n1,2,0\n\u00e9", "3:1" + notUtf8 + 12),
                Arguments.of("a NUL byte", "a,b,y\n1,2,0\n1,\0,0\n",
                        "3:3: error: not a text file (a binary file?): a NUL byte at byte offset 14"),
                // UTF-16 (Windows PowerShell's >, an editor's "Unicode") is named, not called binary: with either
                // byte order's mark (undecodable at offset 0) or none (a NUL after the first character).
                Arguments.of("UTF-16LE with its mark", utf16("\u00ff\u00fe", "a,b,y\n1,2,0\n", true), "1:1" + utf16 + "0; save it as UTF-8"),
                Arguments.of("UTF-16BE with its mark", utf16("\u00fe\u00ff", "a,b,y\n1,2,0\n", false), "1:1" + utf16 + "0; save it as UTF-8"),
                Arguments.of("UTF-16LE without a mark", utf16("", "a,b,y\n1,2,0\n", true), "1:2" + utf16 + "1; save it as UTF-8"));
    }

    /** {@code text} in UTF-16 of that byte order after {@code mark}, one character a byte as notUtf8Files writes them. */
    private static String utf16(String mark, String text, boolean littleEndian) {
        StringBuilder bytes = new StringBuilder(mark);
        for (char c : text.toCharArray()) {
            bytes.append(littleEndian ? c : '\0').append(littleEndian ? '\0' : c);
        }
        return bytes.toString();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notUtf8Files")
    void aFileThatIsNotUtf8IsRefusedAtItsLineColumnAndByteOffset(String what, String bytes, String expected) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.write(dir.resolve("bad.csv"), bytes.getBytes(StandardCharsets.ISO_8859_1));
        DataException e = assertThrows(DataException.class, () -> CsvReader.readDataset(file, TWO_FEATURES_BINARY));
        // One line: the line's bytes would show as U+FFFD.
        assertEquals(file + ":" + expected + "; expected a CSV file", e.getMessage(), what);
    }

    @Test
    void aFileTooBigForTheHeapIsRefusedBeforeItIsReadWhole() throws Exception {
        java.nio.file.Path file = dir.resolve("big.csv");
        StringBuilder text = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 20_000; i++) {
            text.append(String.format("%05d,1.5,%d%n", i, i % 2));
        }
        java.nio.file.Files.writeString(file, text);
        long rows = 20_000 * CsvReader.rowBytes(2);
        // Training holds two copies of the rows (the rows, a full batch's in the trainer): twice their bytes fit.
        assertEquals(20_000, CsvReader.readDataset(file, TWO_FEATURES_BINARY, 2 * rows + 1000).size());
        DataException e = assertThrows(DataException.class,
                () -> CsvReader.readDataset(file, TWO_FEATURES_BINARY, 3 * rows / 2));
        assertTrue(e.getMessage().startsWith(file + ": error: too big to hold in memory: about "), e.getMessage());
        assertTrue(e.getMessage().contains("rows of 2 features need 78"), e.getMessage());
    }

    @Test
    void rowsComeInChunksWithTheirLineNumbers() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("p.csv"), "a,b\n1,2\n\n3,4\n5,6\n");
        try (CsvReader reader = CsvReader.open(file, TWO_FEATURES_BINARY, CsvReader.Labels.OPTIONAL)) {
            CsvReader.Rows first = reader.next(2).orElseThrow();
            assertArrayEquals(new double[][] {{1, 2}, {3, 4}}, first.features());
            assertArrayEquals(new int[] {2, 4}, first.lines());
            assertTrue(first.error(1, 1, "bad").getMessage().startsWith(file + ":4:3: error: bad\n3,4\n  ^"));
            assertArrayEquals(new int[] {5}, reader.next(2).orElseThrow().lines());
            assertFalse(reader.next(2).isPresent());
        }
    }

    @Test
    void aChunkedFileWithoutRowsIsRefusedLikeAWholeOne() throws Exception {
        java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve("h.csv"), "a,b\n\n");
        try (CsvReader reader = CsvReader.open(file, TWO_FEATURES_BINARY, CsvReader.Labels.OPTIONAL)) {
            DataException e = assertThrows(DataException.class, () -> reader.next(2));
            assertTrue(e.getMessage().startsWith(file + ":3:1: error: no examples"), e.getMessage());
        }
    }
}
