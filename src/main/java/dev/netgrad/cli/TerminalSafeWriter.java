package dev.netgrad.cli;

import dev.netgrad.spec.DiagnosticFormatter;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Standard error as netgrad writes it: control characters that reach it from a user's files (an
 * escape byte in a CSV cell, a params file's strings) are printed as {@code \u001b}, so that they
 * cannot move the cursor, recolour or retitle the terminal. Newlines, tabs and carriage returns
 * pass (the training progress bar redraws itself with a carriage return); messages built from
 * user text are escaped whole by {@link DiagnosticFormatter#escape} before they get here.
 */
final class TerminalSafeWriter extends FilterWriter {
    TerminalSafeWriter(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        if (c == '\r' || c == '\n' || !DiagnosticFormatter.needsEscape((char) c)) {
            out.write(c);
        } else {
            out.write(DiagnosticFormatter.escape((char) c));
        }
    }

    @Override
    public void write(char[] buffer, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(buffer[i]);
        }
    }

    @Override
    public void write(String text, int offset, int length) throws IOException {
        for (int i = offset; i < offset + length; i++) {
            write(text.charAt(i));
        }
    }
}
