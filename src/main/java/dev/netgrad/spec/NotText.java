package dev.netgrad.spec;

import java.util.Optional;

/**
 * Where a file read as UTF-8 (undecodable bytes replaced by U+FFFD) shows that it is no text: its
 * first NUL or undecodable byte, at a line and column and at a byte offset, which a hex dump finds.
 * No format netgrad reads (specs, equations, JSON, CSV) holds either.
 *
 * @param pos where the byte stands, its column in code points as every diagnostic counts
 * @param byteOffset how many bytes of the file come before it
 * @param nul whether it is a NUL rather than an undecodable byte
 */
public record NotText(SourcePos pos, long byteOffset, boolean nul) {
    /** What undecodable bytes become when decoded with replacement. */
    private static final char UNDECODABLE = '\uFFFD';

    /** The first NUL or undecodable byte of {@code text}, when there is one. */
    public static Optional<NotText> find(CharSequence text) {
        int line = 1;
        // A byte-order mark is no column; its bytes still count.
        int lineStart = text.length() > 0 && text.charAt(0) == '\uFEFF' ? 1 : 0;
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isNotText(c)) {
                return Optional.of(new NotText(new SourcePos(line, SourcePos.column(text, lineStart, i)), bytes, c == 0));
            }
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            // Everything before the first bad byte decoded, so it has its bytes' UTF-8 lengths.
            bytes += utf8Bytes(c);
        }
        return Optional.empty();
    }

    /** The bytes of {@code c} in UTF-8, for a character that decoded (a surrogate pair: 2 + 2). */
    public static int utf8Bytes(char c) {
        return c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }

    /** A NUL or U+FFFD: a source line holding one would show as garbage, so it is not echoed. */
    public static boolean isNotText(char c) {
        return c == 0 || c == UNDECODABLE;
    }

    /** The message of an error at {@link #pos}: what the file is not, where in bytes, and what it should be. */
    public String message(String expected) {
        String what = nul ? "not a text file (a binary file?): a NUL byte at byte offset "
                : "not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset ";
        return what + byteOffset + "; expected " + expected;
    }
}
