package dev.netgrad.codegen;

import java.util.Locale;

/**
 * Java source in ASCII alone: every other character written as its Unicode escape (a backslash, {@code u}
 * and four hex digits: {@code 00fc} for {@code ü}), which javac reads as the character itself, in names and
 * comments alike. A generated
 * file then compiles whatever encoding javac assumes: a project without
 * {@code project.build.sourceEncoding}, built in the C or POSIX locale (a container's), reads sources
 * as US-ASCII, and javac refused a UTF-8 {@code ü} of a package folder or of a spec's file name as an
 * "unmappable character".
 */
public final class AsciiSource {
    private AsciiSource() {
    }

    /**
     * {@code text}, a spec's path, made safe to stand inside a comment of generated Java, before {@link #of}
     * escapes the rest: a backslash is written as a slash (a folder separator on Windows; followed by
     * {@code u}, javac would read an escape, and {@code \u005cu000a} in a file's name ends a line comment), a
     * line break or another control character as {@code _} (raw, it ends a line comment), and {@code *}{@code /},
     * which ends a block comment, as {@code *&#47;}. Everything else stays as it is.
     */
    public static String inComment(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.chars().forEach(c -> out.append(c == '\\' ? '/' : Character.isISOControl(c) ? '_' : (char) c));
        return out.toString().replace("*/", "*&#47;");
    }

    /** {@code source} with every character beyond ASCII written as its Unicode escape (UTF-16 units, as Java escapes them). */
    public static String of(String source) {
        StringBuilder out = null;
        for (int i = 0; i < source.length(); i++) {
            char c = source.charAt(i);
            if (c < 0x80) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(source.length() + 16).append(source, 0, i);
            }
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
        }
        return out == null ? source : out.toString();
    }
}
