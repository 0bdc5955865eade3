package dev.netgrad.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The index of each name's last read, made from what each line reads. */
class LastReadsTest {

    /** "A B; B; " as three lines: the first reads A and B, the second B, the third nothing. */
    private static List<Set<String>> lines(String reads) {
        List<Set<String>> out = new ArrayList<>();
        for (String line : reads.split(";", -1)) {
            out.add(new LinkedHashSet<>(Arrays.asList(line.trim().isEmpty() ? new String[0] : line.trim().split("\\s+"))));
        }
        return out;
    }

    /** "A=2 B=0" as a map. */
    private static Map<String, Integer> expected(String text) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String pair : text.trim().split("\\s+")) {
            String[] p = pair.split("=");
            out.put(p[0], Integer.parseInt(p[1]));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // each line's reads, ';' between lines  | each name's last read (line index; -1: never)
        "A                                       | A=0 B=-1",
        "A B; B                                  | A=0 B=1",
        "A; ; A                                  | A=2",
        "dZ2 A1; dZ2; W2 dZ2; dA1 Z1; dZ1 X      | dZ2=2 A1=0 W2=2 dA1=3 Z1=3 dZ1=4 X=4",
        "H dZ2; ; ; H                            | H=3 dZ2=0",
        "; ;                                     | A=-1",
    })
    void eachNamesLastReadIsTheLastLineThatReadsIt(String reads, String lastRead) {
        LastReads index = LastReads.of(lines(reads));
        expected(lastRead).forEach((name, line) -> assertEquals(line, index.lastRead(name), name));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // each line's reads              | per line, the names it is the last to read ('/' between lines)
        "A B; B                           | A / B",
        "dZ2 A1; dZ2; W2 dZ2; dA1 Z1      | A1 / / dZ2 W2 / dA1 Z1",
        "A; ; A                           | / / A",
        "B A; A B                         | / A B",
    })
    void eachLineListsTheNamesNoLaterLineReads(String reads, String lastReadBy) {
        LastReads index = LastReads.of(lines(reads));
        String[] expected = lastReadBy.split("/", -1);
        assertEquals(lines(reads).size(), expected.length);
        for (int k = 0; k < expected.length; k++) {
            Set<String> names = new LinkedHashSet<>(Arrays.asList(expected[k].trim().isEmpty() ? new String[0] : expected[k].trim().split("\\s+")));
            assertEquals(names, index.lastReadBy(k), "line " + k);
        }
    }

    @ParameterizedTest(name = "{0} after line {1}")
    @CsvSource(delimiter = '|', value = {
        // name | line | read after it | read at all   (lines: "A B; B; C")
        "A      | 0    | false         | true",
        "B      | 0    | true          | true",
        "B      | 1    | false         | true",
        "C      | -1   | true          | true",
        "C      | 2    | false         | true",
        "D      | -1   | false         | false",
    })
    void aNameIsReadAfterALineOnlyWhenALaterLineReadsIt(String name, int line, boolean after, boolean read) {
        LastReads index = LastReads.of(lines("A B; B; C"));
        assertEquals(after, index.readAfter(name, line));
        assertEquals(read, index.isRead(name));
    }
}
