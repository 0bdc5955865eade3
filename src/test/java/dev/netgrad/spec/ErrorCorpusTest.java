package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.diff.Deriver;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Broken specs and equation files in {@code src/test/resources/errors}, each carrying the errors it
 * must produce as {@code // expect: LINE:COL fragment} comments. Exactly those errors, no more: a
 * cascade is a failure too. Equation files are read against {@code specs/dropout.nn}, or against
 * the spec in {@code specs} that a {@code // against: FILE} comment names.
 */
class ErrorCorpusTest {
    private static final Pattern EXPECT = Pattern.compile("//\\s*expect:\\s*(\\d+):(\\d+)\\s+(.*\\S)");
    private static final Pattern AGAINST = Pattern.compile("//\\s*against:\\s*(\\S+)");
    private static final Path DIR = TestFiles.resource("errors");

    private record Expected(int line, int column, String fragment) {
        boolean matches(Diagnostic d) {
            return d.line() == line && d.column() == column && d.message().contains(fragment);
        }

        @Override
        public String toString() {
            return line + ":" + column + " " + fragment;
        }
    }

    static Stream<String> cases() {
        return TestFiles.list(DIR, ".nn", ".eq").stream().map(p -> p.getFileName().toString());
    }

    @Test
    void corpusCoversEnoughCases() {
        assertTrue(cases().count() >= 40, "at least 40 broken files, found " + cases().count());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reportsExactlyTheExpectedErrors(String name) {
        String text = TestFiles.read(DIR.resolve(name));
        List<Expected> expected = expectations(text);
        assertFalse(expected.isEmpty(), name + " has no '// expect: LINE:COL message' comment");
        SpecException e = assertThrows(SpecException.class, () -> read(name, text), name + " was accepted");
        List<Diagnostic> unmatched = new ArrayList<>(e.diagnostics());
        for (Expected x : expected) {
            Diagnostic hit = unmatched.stream().filter(x::matches).findFirst().orElse(null);
            if (hit == null) {
                fail("expected " + x + " in " + name + ", got:\n" + e.formatted());
            }
            unmatched.remove(hit);
        }
        assertTrue(unmatched.isEmpty(), "unexpected errors in " + name + ":\n"
                + DiagnosticFormatter.format(unmatched, text));
        e.diagnostics().forEach(d -> assertEquals(name, d.path()));
    }

    private static void read(String name, String text) throws SpecException {
        if (name.endsWith(".eq")) {
            Matcher against = AGAINST.matcher(text);
            String spec = against.find() ? against.group(1) : "dropout.nn";
            Network base = SpecReader.read(spec, TestFiles.read(TestFiles.resource("specs/" + spec)));
            SpecReader.readEquations(name, text, base, Deriver.derivativeNames(base));
        } else {
            SpecReader.read(name, text);
        }
    }

    private static List<Expected> expectations(String text) {
        List<Expected> expected = new ArrayList<>();
        Matcher m = EXPECT.matcher(text);
        while (m.find()) {
            expected.add(new Expected(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), m.group(3)));
        }
        return expected;
    }
}
