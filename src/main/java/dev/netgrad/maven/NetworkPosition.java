package dev.netgrad.maven;

import dev.netgrad.spec.SourcePos;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a spec declares its network's name, for messages about the class it generates. The
 * checked model does not keep that position, so it is found again in the text.
 */
final class NetworkPosition {
    private static final SourcePos START = new SourcePos(1, 1);

    private NetworkPosition() {
    }

    static SourcePos find(String text, String networkName) {
        Matcher m = Pattern.compile("\\bnetwork\\s+(" + Pattern.quote(networkName) + ")\\b").matcher(text);
        if (!m.find()) {
            return START;
        }
        int offset = m.start(1);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return new SourcePos(line, offset - lineStart + 1);
    }
}
