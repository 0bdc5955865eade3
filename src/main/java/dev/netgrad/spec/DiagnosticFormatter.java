package dev.netgrad.spec;

import java.util.Arrays;
import java.util.List;

/**
 * Prints diagnostics as compilers do: {@code path:line:col: error: message}, then the source line
 * and a caret under the column. Tabs before the column are copied into the caret line so the caret
 * lines up in any tab width.
 */
public final class DiagnosticFormatter {
    /** Longer source lines are shown as a window around the column. */
    static final int MAX_SHOWN = 160;
    private static final int CONTEXT = 60;
    private static final String ELLIPSIS = "...";

    private DiagnosticFormatter() {
    }

    public static String format(List<Diagnostic> diagnostics, String sourceText) {
        int lastLine = diagnostics.stream().mapToInt(Diagnostic::line).max().orElse(0);
        int[] lineStarts = lineStarts(sourceText, lastLine);
        StringBuilder out = new StringBuilder();
        for (Diagnostic d : diagnostics) {
            out.append(d).append('\n');
            if (d.line() >= 1 && d.line() <= lineStarts.length) {
                appendExcerpt(out, line(sourceText, lineStarts, d.line()), Math.max(1, d.column()));
            }
        }
        return out.toString();
    }

    /** Where each line starts, up to {@code lastLine} (a 10 MB file need not be indexed whole). */
    private static int[] lineStarts(String text, int lastLine) {
        int[] starts = new int[16];
        int count = 1;
        for (int i = text.indexOf('\n'); i >= 0 && count <= lastLine; i = text.indexOf('\n', i + 1)) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
            }
            starts[count++] = i + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    private static String line(String text, int[] starts, int line) {
        int start = starts[line - 1];
        int end = line < starts.length ? starts[line] - 1 : text.length();
        if (end > start && text.charAt(end - 1) == '\r') {
            end--;
        }
        return text.substring(start, Math.max(start, end));
    }

    private static void appendExcerpt(StringBuilder out, String line, int column) {
        int index = Math.min(column - 1, line.length());
        String prefix = "";
        if (line.length() > MAX_SHOWN) {
            int from = Math.max(0, index - CONTEXT);
            int to = Math.min(line.length(), from + 2 * CONTEXT);
            prefix = from > 0 ? ELLIPSIS : "";
            String suffix = to < line.length() ? ELLIPSIS : "";
            line = line.substring(from, to);
            index -= from;
            line = prefix + line + suffix;
        }
        StringBuilder shown = new StringBuilder(line.length());
        StringBuilder caret = new StringBuilder(prefix);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean printable = c == '\t' || !Character.isISOControl(c);
            shown.append(printable ? c : '?');
            if (i >= prefix.length() && i < prefix.length() + index) {
                caret.append(c == '\t' ? '\t' : ' ');
            }
        }
        while (caret.length() < prefix.length() + index) {
            caret.append(' ');
        }
        out.append(shown).append('\n').append(caret).append("^\n");
    }
}
