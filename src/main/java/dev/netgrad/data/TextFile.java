package dev.netgrad.data;

import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.NotText;
import dev.netgrad.spec.syntax.SyntaxLimits;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A text file read whole as UTF-8, but never more of it than a cap: reading stops one character
 * past the cap, so that {@code /dev/zero}, {@code /dev/urandom} or a huge file is refused as soon
 * as it is known to be too long instead of after it has filled the heap.
 */
public final class TextFile {
    private TextFile() {
    }

    /**
     * At most {@code maxChars} characters of the file; a text of exactly that length means the file
     * may hold more (read the cap plus one to tell). Undecodable bytes become U+FFFD, so that the
     * caller can report where they are ({@link #binary}) rather than a decoder's "Input length = 3".
     * With {@code stopAtBinary}, reading also stops after the chunk holding a NUL or an undecodable
     * byte: no text format netgrad reads has one, and a cap large enough for data is a long read.
     */
    public static String read(Path file, int maxChars, boolean stopAtBinary) throws IOException {
        try (Reader in = new InputStreamReader(Files.newInputStream(file), decoder())) {
            return read(in, maxChars, stopAtBinary);
        }
    }

    /**
     * The same, for the verbs: a file that cannot be read is refused as every verb refuses it,
     * {@code FILE: error: cannot read: REASON} ({@link DataException#cannotRead}).
     */
    public static String readOrRefuse(Path file, int maxChars, boolean stopAtBinary) throws DataException {
        try (Reader in = open(file)) {
            return read(in, maxChars, stopAtBinary);
        } catch (IOException e) {
            throw DataException.cannotRead(file.toString(), e);
        }
    }

    /**
     * The same for a stream that is not a file (standard input), named {@code name} in errors; the
     * stream is left open.
     */
    public static String readOrRefuse(InputStream stream, String name, int maxChars, boolean stopAtBinary) throws DataException {
        try {
            return read(new InputStreamReader(stream, decoder()), maxChars, stopAtBinary);
        } catch (IOException e) {
            throw DataException.cannotRead(name, e);
        }
    }

    /**
     * The file, open for reading as UTF-8 with undecodable bytes as U+FFFD (a reporting decoder would
     * throw away the text decoded before them, and with it the place). A directory is refused by name:
     * opening one succeeds on Linux and only the first read fails, with "Is a directory".
     */
    public static Reader open(Path file) throws DataException {
        if (Files.isDirectory(file)) {
            throw DataException.cannotRead(file.toString(), "it is a directory");
        }
        try {
            return new InputStreamReader(Files.newInputStream(file), decoder());
        } catch (IOException e) {
            throw DataException.cannotRead(file.toString(), e);
        }
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    }

    private static String read(Reader in, int maxChars, boolean stopAtBinary) throws IOException {
        StringBuilder text = new StringBuilder();
        char[] buffer = new char[1 << 16];
        while (text.length() < maxChars) {
            int n = in.read(buffer, 0, Math.min(buffer.length, maxChars - text.length()));
            if (n < 0) {
                break;
            }
            text.append(buffer, 0, n);
            if (stopAtBinary && binaryAt(CharBuffer.wrap(buffer, 0, n)) >= 0) {
                break;
            }
        }
        return text.toString();
    }

    private static int binaryAt(CharSequence chars) {
        for (int i = 0; i < chars.length(); i++) {
            if (NotText.isNotText(chars.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Why a spec, read to one character past what the parser accepts ({@link SyntaxLimits#MAX_CHARS}),
     * is refused, when it is longer: {@code cannot read: the file is too large: ...}, the message of a
     * file that cannot be read ({@link DataException#cannotRead}), with no place in it since it was not
     * read to its end (the parser would say 1:1, where nothing is wrong). The command line and the
     * Maven plugin both refuse it so.
     */
    public static Optional<String> tooLargeToParse(String text) {
        return text.length() > SyntaxLimits.MAX_CHARS ? Optional.of(DataException.cannotReadMessage(SyntaxLimits.tooLarge()))
                : Optional.empty();
    }

    /**
     * {@code FILE:LINE:COL: error: not UTF-8 text ...} in one line, with the byte offset, at the
     * first NUL or undecodable byte, when there is one; {@code expected} names what the file
     * should be ("a JSON file"). The source line is not shown: its bytes would print as garbage.
     */
    public static Optional<DataException> binary(String path, String text, String expected) {
        return NotText.find(text).map(bad -> new DataException(DiagnosticFormatter.format(
                List.of(Diagnostic.at(path, bad.pos(), bad.message(expected))), text).stripTrailing()));
    }
}
