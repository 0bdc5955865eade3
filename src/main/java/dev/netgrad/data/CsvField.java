package dev.netgrad.data;

import dev.netgrad.spec.SourcePos;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One comma-separated field of {@code line}: its text (without the quotes of a quoted field,
 * {@code ""} read as {@code "}) and the index in the line where that text starts; {@code problem}
 * says why a quoted field is malformed (null when it is not), at index {@code problemAt}. Indices
 * are Java's (chars); a place's column counts code points, and is counted only for an error.
 */
record CsvField(String line, String text, int start, String problem, int problemAt) {
    CsvField(String line, String text, int start) {
        this(line, text, start, null, 0);
    }

    /** Where the field's text starts, after its leading blanks. */
    SourcePos pos(int lineNumber) {
        int leading = text.length() - text.stripLeading().length();
        return new SourcePos(lineNumber, SourcePos.column(line, 0, start + leading));
    }

    SourcePos problemPos(int lineNumber) {
        return new SourcePos(lineNumber, SourcePos.column(line, 0, problemAt));
    }

    /** The fields of a line as RFC 4180 has them: plain, or in double quotes (a quote inside written twice). */
    static List<CsvField> split(String line) {
        List<CsvField> fields = new ArrayList<>();
        int start = 0;
        while (true) {
            int open = start;
            while (open < line.length() && (line.charAt(open) == ' ' || line.charAt(open) == '\t')) {
                open++;
            }
            int end;
            if (open < line.length() && line.charAt(open) == '"') {
                int[] after = new int[1];
                fields.add(quoted(line, open, after));
                end = after[0];
            } else {
                end = line.indexOf(',', start) < 0 ? line.length() : line.indexOf(',', start);
                fields.add(new CsvField(line, line.substring(start, end), start));
            }
            if (end >= line.length()) {
                return fields;
            }
            start = end + 1;
        }
    }

    /** The field whose opening quote is at {@code open}; {@code end[0]} becomes the index of the comma after it (or the line's length). */
    private static CsvField quoted(String line, int open, int[] end) {
        StringBuilder text = new StringBuilder();
        int i = open + 1;
        while (i < line.length() && !(line.charAt(i) == '"' && !line.startsWith("\"\"", i))) {
            text.append(line.charAt(i));
            i += line.startsWith("\"\"", i) ? 2 : 1;
        }
        if (i >= line.length()) {
            end[0] = line.length();
            return new CsvField(line, text.toString(), open + 1, "this quoted field is not closed: expected '\"' before the end of "
                    + "the line (a field may not span lines)", open);
        }
        int after = i + 1;
        while (after < line.length() && (line.charAt(after) == ' ' || line.charAt(after) == '\t')) {
            after++;
        }
        int comma = line.indexOf(',', after);
        end[0] = comma < 0 ? line.length() : comma;
        if (after < line.length() && line.charAt(after) != ',') {
            return new CsvField(line, text.toString(), open + 1, "expected ',' after the closing quote of a field, found '"
                    + Character.toString(line.codePointAt(after)) + "' (a quote inside a quoted field is written twice: \"\")", after);
        }
        return new CsvField(line, text.toString(), open + 1);
    }

    /** The first malformed quoted field of a line, if any. */
    static Optional<CsvField> firstBadQuote(List<CsvField> fields) {
        return fields.stream().filter(f -> f.problem() != null).findFirst();
    }

    /** The fields' texts without their surrounding blanks: a header's column names. */
    static List<String> names(List<CsvField> fields) {
        return fields.stream().map(f -> f.text().strip()).toList();
    }
}
