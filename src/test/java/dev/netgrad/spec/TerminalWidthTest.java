package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalWidthTest {
    // Each case: the code point, what it is, and the cells a terminal gives it (wcwidth's answer).
    @ParameterizedTest(name = "U+{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            0041  | Latin A                                  | 1
            00E9  | e acute, one code point                  | 1
            0301  | combining acute accent                   | 0
            00AD  | soft hyphen, shown as a hyphen           | 1
            200D  | zero-width joiner                        | 0
            FE0F  | emoji variation selector                 | 0
            10FF  | the code point before Hangul jamo        | 1
            1100  | first of the wide Hangul jamo            | 2
            115F  | last of the wide Hangul jamo             | 2
            1160  | Hangul medial vowel, joins the jamo      | 0
            2E7F  | just before the CJK radicals             | 1
            2E80  | first CJK radical                        | 2
            4E2D  | CJK 中                                   | 2
            AC00  | Hangul syllable                          | 2
            FF21  | fullwidth A                              | 2
            FF71  | halfwidth katakana                       | 1
            1F600 | grinning face emoji, two chars in Java   | 2
            1F680 | rocket emoji                             | 2
            1F321 | thermometer, text presentation           | 1
            20000 | CJK extension B                          | 2
            3FFFD | last of plane 3                          | 2
            E0001 | language tag, a format character         | 0
            """)
    void cellsAreWhatATerminalShows(String hex, String what, int cells) {
        assertEquals(cells, TerminalWidth.of(Integer.parseInt(hex, 16)), what);
    }
}
