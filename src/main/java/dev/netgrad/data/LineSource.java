package dev.netgrad.data;

import dev.netgrad.spec.NotText;
import dev.netgrad.spec.SourcePos;
import java.io.IOException;
import java.io.Reader;
import java.util.Optional;

/**
 * Lines of a reader, through a buffer of its own: without the byte-order mark, ended by a newline,
 * a carriage return and newline, or a carriage return alone (classic Mac OS), and never longer than {@code maxLength} (null then, with
 * {@link #tooLong()} set), so that a file without newlines cannot fill the heap. One pass over
 * each line it returns counts the line's UTF-8 bytes and finds its first NUL or undecodable byte
 * ({@link #notText()}), placed in the file by line, column and byte offset.
 */
final class LineSource {
    private final Reader in;
    private final int maxLength;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private int lineNumber;
    private long charsRead;
    private long bytesReturned;
    /** The first NUL or undecodable byte of the last line returned, or null. */
    private NotText notText;
    private boolean tooLong;
    /** The last line ended at a carriage return that ended the buffer too: a newline next is that line's. */
    private boolean afterCarriageReturn;

    LineSource(Reader in, int maxLength) {
        this.in = in;
        this.maxLength = maxLength;
    }

    String readLine() throws IOException {
        line.setLength(0);
        notText = null;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    return finish(line.length() > 0 ? line : null, 0);
                }
                charsRead += limit;
            }
            if (afterCarriageReturn) {
                // The newline of a carriage return and newline that the buffer's end split: the last line's.
                afterCarriageReturn = false;
                if (buffer[position] == '\n') {
                    position++;
                    bytesReturned++;
                    continue;
                }
            }
            int start = position;
            while (position < limit && buffer[position] != '\n' && buffer[position] != '\r') {
                position++;
            }
            line.append(buffer, start, position - start);
            if (line.length() > maxLength) {
                lineNumber++;
                tooLong = true;
                return null;
            }
            if (position < limit) {
                return finish(line, lineBreak());
            }
        }
    }

    /**
     * Steps over the line break at {@code position}: a newline, a carriage return and newline, or a carriage
     * return alone (classic Mac OS); its length in chars, a newline the buffer's end hides counted by the next read.
     */
    private int lineBreak() {
        boolean carriageReturn = buffer[position++] == '\r';
        if (carriageReturn && position < limit && buffer[position] == '\n') {
            position++;
            return 2;
        }
        afterCarriageReturn = carriageReturn && position == limit;
        return 1;
    }

    /** The line ended by a break of {@code breakChars} chars (0 at the end of the file). */
    private String finish(StringBuilder text, int breakChars) {
        if (text == null) {
            return null;
        }
        lineNumber++;
        int start = lineNumber == 1 && text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            // Everything before the first bad byte decoded, so the bytes counted so far are its offset in the file.
            if (notText == null && NotText.isNotText(c)) {
                notText = new NotText(new SourcePos(lineNumber, SourcePos.column(text, start, i)), bytesReturned, c == 0,
                        lineNumber == 1 && NotText.looksLikeUtf16(text));
            }
            bytesReturned += NotText.utf8Bytes(c);
        }
        bytesReturned += breakChars;
        return text.substring(start);
    }

    int lineNumber() {
        return lineNumber;
    }

    /**
     * The first NUL or undecodable byte of the last line returned, at its line and column (after the
     * byte-order mark) and its byte offset in the file, when the line has one.
     */
    Optional<NotText> notText() {
        return Optional.ofNullable(notText);
    }

    /** Characters up to the end of the last line returned (about the bytes of a mostly ASCII file). */
    long charsConsumed() {
        return charsRead - (limit - position);
    }

    /** UTF-8 bytes up to the end of the last line returned: how far into the file the reading is. */
    long bytesConsumed() {
        return bytesReturned;
    }

    boolean tooLong() {
        return tooLong;
    }

    int maxLength() {
        return maxLength;
    }

    void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Reading is over; a failure to release the file changes nothing the user can act on.
        }
    }
}
