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
 * @param utf16 whether the file's first characters read as UTF-16 ({@link #looksLikeUtf16}: a NUL
 *     every other character, after an undecodable byte-order mark or none): what Windows PowerShell's {@code >} and some editors'
 *     "Unicode" write, which the message names rather than calling it binary
 */
public record NotText(SourcePos pos, long byteOffset, boolean nul, boolean utf16) {
    /** How many characters from the start {@link #looksLikeUtf16} looks at. */
    private static final int UTF16_SAMPLE = 64;

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
                return Optional.of(new NotText(new SourcePos(line, SourcePos.column(text, lineStart, i)), bytes, c == 0,
                        looksLikeUtf16(text)));
            }
            if (LineBreaks.endsLine(text, i)) {
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

    /**
     * Whether {@code start}, a file's first characters decoded as UTF-8 with replacement, is UTF-16:
     * after the byte-order mark's two undecodable bytes (if any), every other character of its first
     * {@link #UTF16_SAMPLE} is a NUL and the others are not (the text is mostly ASCII, as every format
     * netgrad reads is), in either byte order.
     */
    public static boolean looksLikeUtf16(CharSequence start) {
        int from = start.length() >= 2 && start.charAt(0) == UNDECODABLE && start.charAt(1) == UNDECODABLE ? 2 : 0;
        int to = Math.min(start.length(), from + UTF16_SAMPLE);
        if (to - from < 4) {
            return false;
        }
        for (int parity = 0; parity < 2; parity++) {
            boolean alternates = true;
            for (int i = from; i < to && alternates; i++) {
                boolean nulHere = (i - from) % 2 == parity;
                alternates = (start.charAt(i) == 0) == nulHere;
            }
            if (alternates) {
                return true;
            }
        }
        return false;
    }

    /** A NUL or U+FFFD: a source line holding one would show as garbage, so it is not echoed. */
    public static boolean isNotText(char c) {
        return c == 0 || c == UNDECODABLE;
    }

    /** The message of an error at {@link #pos}: what the file is not, where in bytes, and what it should be. */
    public String message(String expected) {
        if (utf16) {
            return "not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset "
                    + byteOffset + "; save it as UTF-8; expected " + expected;
        }
        String what = nul ? "not a text file (a binary file?): a NUL byte at byte offset "
                : "not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset ";
        return what + byteOffset + "; expected " + expected;
    }
}
