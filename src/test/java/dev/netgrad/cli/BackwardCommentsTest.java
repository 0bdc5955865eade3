package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.SampleFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each line of a generated class's backward pass carries, as a comment, the equation it implements:
 * every line {@code derive} prints appears in the committed class ({@code generated/}) as
 * {@code // NAME = EXPRESSION   (NUMERATOR)}, in derive's order, so a reader can match the code to
 * the equations line by line.
 */
class BackwardCommentsTest {
    /** derive's text line: the equation, then its numerator and shape after {@code //}. */
    private static final Pattern DERIVED = Pattern.compile("^(d\\w+ = .*?)\\s+// (.+?)\\s{2,}.*$");

    static Stream<Path> specs() {
        return Stream.concat(SampleFiles.specs().stream(), SampleFiles.imageSpecs().stream());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void everyDerivedLineIsACommentOfTheGeneratedBackwardPass(Path spec) throws IOException {
        MainTest.Run derived = MainTest.run("derive", spec.toString());
        assertEquals(0, derived.code(), derived.err());
        String[] lines = derived.out().split("\n");
        String network = lines[0].substring("// ".length(), lines[0].indexOf(':'));
        String source = Files.readString(Path.of("generated", network + ".java"), StandardCharsets.UTF_8);
        int backward = source.indexOf("// Backward pass");
        assertTrue(backward >= 0, network + ".java has no backward pass");
        List<String> expected = new ArrayList<>();
        for (String line : lines) {
            Matcher m = DERIVED.matcher(line);
            if (m.matches()) {
                expected.add("// " + m.group(1) + "   (" + m.group(2) + ")");
            }
        }
        assertTrue(expected.size() >= 2, derived.out());
        int at = backward;
        for (String comment : expected) {
            int found = source.indexOf(comment, at);
            assertTrue(found >= 0, network + ".java lacks, after its previous equation, the comment " + comment);
            at = found + comment.length();
        }
    }
}
