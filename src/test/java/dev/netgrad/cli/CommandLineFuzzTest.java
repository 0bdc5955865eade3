package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.netgrad.TokenMutations;
import dev.netgrad.cli.MainTest.Run;
import dev.netgrad.data.DataException;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Seeded random mutations of the samples' specs, equation file, CSVs and params run through the
 * verbs in-process. Whatever the input, each run ends with exit 0, 1 or 2, no stack trace, every
 * error line that names a file in the README's {@code FILE:LINE:COL: error:} or {@code FILE: error:}
 * form, each placed one followed by its source line and a caret (but for two that have no line to show:
 * see {@link #assertCaretsUnderPlaces}), and no output file left half-written.
 */
class CommandLineFuzzTest {
    /** Fixed, so a failure repeats; {@code -Dnetgrad.fuzzSeed=N} explores other mutants by hand. */
    private static final long SEED = Long.getLong("netgrad.fuzzSeed", 20261204L);
    private static final Path IRIS = Path.of("samples/iris.nn");
    private static final Path IRIS_CSV = Path.of("samples/data/iris.csv");
    private static final String[] ODD_CELLS = {"", "NaN", "Infinity", "-Infinity", "1e308", "-1e308", "1e400", "4.9e-324",
        "-0", " 1.5 ", "\"2\"", "0x1p3", "1,5", "abc", "\u0000", "\u00e9", "1e99", "99999999999999999999999"};
    private static final String[] ODD_NUMBERS = {"NaN", "Infinity", "-Infinity", "1e308", "1e400", "-1e400", "null", "true",
        "\"1\"", "[]", "{}", "1e-400", "0", "-0", "[1]", "[[1]]", "99999999999999999999999999", "1.", ".5", "+1", "01"};

    /** Right sides of derived lines changed as a learner's may be: transposed, scaled, out of range, of another shape. */
    private static final String[] CHANGED_RIGHT_SIDES = {".T", " * 1e308", " * 1e309", " + 1e-320", " * 0", " * m", " / m",
        " @ X", " + Y", " * 2", " - ", "^2", " * (1/m)"};
    /** Names a derived line may be given instead of its own: unknown ones, a param, an input, m, the cost, non-ASCII ones. */
    private static final String[] OTHER_NAMES = {"dFoo", "dW", "dX", "dY", "dm", "W1", "X", "m", "J", "dJ", "dL", "d\u0394W", "dW\u2081"};

    /**
     * A guard against a hang, not a measure of speed: each test's work is bounded by its count of mutants and
     * takes well under a minute on a quiet machine. Guards of 60 to 120 s failed on a CI machine at load
     * average 30, so this one is far above that: only a run that never finishes should reach it.
     */
    private static final Duration HANG_GUARD = Duration.ofMinutes(10);

    @TempDir
    static Path dir;

    private static Network iris;
    private static String irisParams;

    @BeforeAll
    static void trainOnce() throws IOException, SpecException {
        iris = SpecReader.read(IRIS.toString(), Files.readString(IRIS));
        Path save = dir.resolve("iris.json");
        Run r = MainTest.run("train", IRIS.toString(), "--data", IRIS_CSV.toString(), "--epochs", "2", "--save", save.toString());
        assertEquals(0, r.code(), r.err());
        irisParams = Files.readString(save);
    }

    @Test
    void mutatedSpecsShowDeriveAndGenerateOrFailCleanly() {
        List<Path> specs = specs();
        Random random = new Random(SEED);
        int[] codes = new int[3];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 100; i++) {
                Path sample = specs.get(random.nextInt(specs.size()));
                Path spec = write("spec-" + i + "/" + sample.getFileName(), TokenMutations.mutate(Files.readString(sample), random));
                String what = "mutant " + i + " of " + sample;
                codes[checked(what, spec, MainTest.run("show", spec.toString())).code()]++;
                String format = List.of("text", "latex", "markdown", "json").get(random.nextInt(4));
                checked(what, spec, MainTest.run("derive", spec.toString(), "--format", format));
                Path out = dir.resolve("generated");
                checked(what, spec, MainTest.run("generate", spec.toString(), "-o", out.toString()));
                assertOnlyJavaSources(what, out);
            }
        });
        assertTrue(codes[0] > 0 && codes[2] > 0, "both outcomes occur: " + Arrays.toString(codes));
    }

    @Test
    void mutatedSmallSpecsGradcheckOrFailCleanly() {
        List<Path> specs = List.of(Path.of("samples/gradcheck.nn"), Path.of("samples/planar.nn"));
        Random random = new Random(SEED + 1);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 12; i++) {
                Path sample = specs.get(random.nextInt(specs.size()));
                Path spec = write("gradcheck-" + i + "/" + sample.getFileName(), TokenMutations.mutate(Files.readString(sample), random));
                checked("mutant " + i + " of " + sample, spec,
                        MainTest.run("gradcheck", spec.toString(), "--examples", "3", "--entries", "4"));
            }
        });
    }

    @Test
    void mutatedEquationFilesCheckOrFailCleanly() {
        Random random = new Random(SEED + 2);
        Path planar = Path.of("samples/planar.nn");
        int[] codes = new int[3];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            String equations = Files.readString(Path.of("samples/mixed.eq"));
            for (int i = 0; i < 150; i++) {
                Path eq = write("eq-" + i + ".eq", TokenMutations.mutate(equations, random));
                codes[checked("mutant " + i + " of samples/mixed.eq", eq, MainTest.run("check", planar.toString(), eq.toString())).code()]++;
            }
        });
        assertTrue(codes[1] > 0 && codes[2] > 0, "both a failed check and a refused file occur: " + Arrays.toString(codes));
    }

    /**
     * derive's own lines of every sample but deep.nn, in either convention, made wrong as a hand-written
     * file is: lines shuffled, swapped, doubled or dropped, a derivative renamed, a right side changed,
     * all on one line, other line ends. Each checks (a report on stdout) or is refused at its lines,
     * each error followed by its source line and a caret. {@code -Dnetgrad.fuzzCases=K} runs K of them.
     */
    @Test
    void derivedEquationFilesMadeWrongCheckOrFailCleanly() {
        Random random = new Random(SEED + 5);
        List<Path> specs = specs().stream().filter(p -> !p.endsWith("deep.nn")).toList();
        int[] codes = new int[3];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < Integer.getInteger("netgrad.fuzzCases", 40); i++) {
                Path spec = specs.get(random.nextInt(specs.size()));
                Run derived = MainTest.run("derive", spec.toString(), "--convention", random.nextBoolean() ? "loss" : "cost");
                assertEquals(0, derived.code(), derived.err());
                Path eq = write("derived-" + i + ".eq", mutateEquations(derived.out(), random));
                String what = "changed derivation " + i + " of " + spec;
                Run r = checked(what, eq, MainTest.run("check", spec.toString(), eq.toString()));
                codes[r.code()]++;
                assertTrue(r.code() == 2 || !r.out().isBlank(), what + ": a verdict without a report");
            }
        });
        assertTrue(codes[1] > 0 && codes[2] > 0, "both a failed check and a refused file occur: " + Arrays.toString(codes));
    }

    /** One change of a derivation's lines (see {@link #derivedEquationFilesMadeWrongCheckOrFailCleanly}). */
    private static String mutateEquations(String text, Random random) {
        List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
        List<Integer> equations = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).matches("d\\S* = .*")) {
                equations.add(i);
            }
        }
        int a = equations.get(random.nextInt(equations.size()));
        int b = equations.get(random.nextInt(equations.size()));
        String right = lines.get(a).replaceFirst(" *//.*", "");
        switch (random.nextInt(9)) {
            case 0 -> Collections.shuffle(lines, random);
            case 1 -> Collections.swap(lines, a, b);
            case 2 -> lines.add(random.nextInt(lines.size() + 1), lines.get(a));
            case 3 -> lines.remove(a);
            case 4 -> lines.set(a, lines.get(a).replaceFirst("^d\\S*", Matcher.quoteReplacement(random.nextBoolean()
                    ? OTHER_NAMES[random.nextInt(OTHER_NAMES.length)] : lines.get(b).split(" ")[0])));
            case 5 -> lines.set(a, right.replaceFirst(" = (.*)", random.nextBoolean() ? " = ($1)" : " = $1")
                    + CHANGED_RIGHT_SIDES[random.nextInt(CHANGED_RIGHT_SIDES.length)]);
            case 6 -> lines.set(a, right.replaceFirst(" = .*", " = " + Matcher.quoteReplacement(lines.get(b).replaceFirst("^[^=]*= ", ""))));
            case 7 -> {
                return String.join("; ", lines.stream().map(l -> l.replaceFirst(" *//.*", "")).filter(l -> !l.isBlank()).toList());
            }
            default -> {
                return String.join(List.of("\r\n", "\r", "\n\n", " \t\n").get(random.nextInt(4)), lines);
            }
        }
        return String.join("\n", lines);
    }

    /**
     * Every error at a line and column of {@code input} is followed by a source line and a caret line, but for
     * two, each known by its own words alone: a CSV line too long to hold ({@code FILE:N:1: error: line N is
     * longer than 65536 characters: ...}), which the reader never keeps more of than its limit, so there is no
     * line to show; and a file that is no text ({@code not UTF-8 text ...}, {@code not a text file ...}, at a
     * byte offset), whose line would print as garbage (DiagnosticFormatter leaves it out; the offset says where).
     */
    private static void assertCaretsUnderPlaces(String what, Path input, Run r) {
        String[] lines = r.err().split("\n", -1);
        String name = Pattern.quote(input.toString());
        Pattern place = Pattern.compile(name + ":\\d+:\\d+: error: .*");
        Pattern lineNeverHeld = Pattern.compile(name + ":(\\d+):1: error: line \\1 is longer than 65536 characters: .*");
        Pattern notText = Pattern.compile(name + ":\\d+:\\d+: error: (not UTF-8 text \\(a binary file\\?\\): bytes that are not UTF-8"
                + "|not a text file \\(a binary file\\?\\): a NUL byte|not UTF-8 text: UTF-16 \\(.*\\),) at byte offset \\d+; .*");
        for (int i = 0; i < lines.length; i++) {
            if (place.matcher(lines[i]).matches() && !lineNeverHeld.matcher(lines[i]).matches() && !notText.matcher(lines[i]).matches()) {
                assertTrue(i + 2 < lines.length && lines[i + 2].matches("(\\.\\.\\.)?[ \\t]*\\^"),
                        what + ": no source line and caret under '" + lines[i] + "':\n" + r.err());
            }
        }
    }

    @Test
    void mutatedCsvsTrainPredictAndGradcheckOrFailCleanly() {
        Random random = new Random(SEED + 3);
        Path params = dir.resolve("iris.json");
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            List<String> rows = Files.readAllLines(IRIS_CSV);
            for (int i = 0; i < 40; i++) {
                Path csv = dir.resolve("csv-" + i + ".csv");
                Files.write(csv, mutateCsv(rows, random));
                String what = "CSV mutant " + i;
                Path save = dir.resolve("csv-" + i + "-out/params.json");
                Files.createDirectories(save.getParent());
                Run trained = checked(what, csv, MainTest.run("train", IRIS.toString(), "--data", csv.toString(), "--epochs", "2",
                        "--holdout", "0.1", "--save", save.toString()));
                assertSavedOrAbsent(what, trained, save);
                checked(what, csv, MainTest.run("predict", IRIS.toString(), "--params", params.toString(), "--data", csv.toString()));
                if (i % 6 == 0) {
                    checked(what, csv, MainTest.run("gradcheck", IRIS.toString(), "--data", csv.toString(), "--entries", "3"));
                }
            }
        });
    }

    @Test
    void mutatedParamsPredictOrFailCleanly() {
        Random random = new Random(SEED + 4);
        List<String> rows = List.of("a,b,c,d,label", "5.1,3.5,1.4,0.2,0", "6.7,3.0,5.2,2.3,2");
        int[] codes = new int[3];
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            Path csv = write("few.csv", String.join("\n", rows) + "\n");
            for (int i = 0; i < 60; i++) {
                Path params = dir.resolve("params-" + i + ".json");
                Files.write(params, mutateParams(irisParams, random));
                Run r = MainTest.run("predict", IRIS.toString(), "--params", params.toString(), "--data", csv.toString());
                codes[checked("params mutant " + i, params, r).code()]++;
            }
        });
        assertTrue(codes[0] > 0 && codes[2] > 0, "both outcomes occur: " + Arrays.toString(codes));
    }

    @Test
    void theRulesCatchAStackTraceABadExitCodeAndAnErrorInAnotherForm() throws IOException {
        Path input = write("rules.csv", "a,b\n");
        Object[][] cases = {
            {2, input + ":3:7: error: this row has 4 fields, but the header has 5\n1,2,3,4\n      ^", true},
            {2, input + ":3:7: error: this row has 4 fields, but the header has 5", false},
            {2, input + ":3:7: error: this row has 4 fields, but the header has 5\n1,2,3,4", false},
            // A line too long to hold is the one placed error without its line, and only with its own words.
            {2, input + ":4:1: error: line 4 is longer than 65536 characters: no CSV row of 4 features is that long", true},
            {2, input + ":4:1: error: line 5 is longer than 65536 characters: no CSV row of 4 features is that long", false},
            {2, input + ":4:2: error: line 4 is longer than 65536 characters: no CSV row of 4 features is that long", false},
            {2, input + ":4:1: error: line 4 is longer than 100 characters: no CSV row of 4 features is that long", false},
            {2, input + ":4:1: error: not UTF-8 text: byte 0xFF at offset 9", false},
            // A file that is no text, whose line would print as garbage, is the other, in NotText's words.
            {2, input + ":4:9: error: not UTF-8 text (a binary file?): bytes that are not UTF-8 at byte offset 30; expected a CSV file", true},
            {2, input + ":4:9: error: not a text file (a binary file?): a NUL byte at byte offset 30; expected a CSV file", true},
            {2, input + ":1:1: error: not UTF-8 text: UTF-16 (a NUL byte every other byte; Windows PowerShell's > writes it), at byte offset 0;"
                + " save it as UTF-8; expected a CSV file", true},
            {2, input + ":4:9: error: not a number: 'x\u0000'", false},
            {2, input + ": error: cannot read: no such file", true},
            {1, "netgrad check: 2 of 7 lines are wrong", true},
            {0, "generating and compiling Iris's trainer... 0.4 s", true},
            {3, "netgrad: error: internal error: java.lang.NullPointerException", false},
            {2, input + ":3:7: error: bad\n\tat dev.netgrad.data.CsvReader.parse(CsvReader.java:10)", false},
            {2, "java.lang.IllegalStateException: boom", false},
            {2, input + ":3: error: a line without its column", false},
            {2, input + ":3:7: a message without error:", false},
            {2, "line 3: error: which file?", false},
            {2, "netgrad train: --epochs must be between 0 and 10,000,000, found -1", false},
            {2, "netgrad train: error: --epochs must be between 0 and 10,000,000, found -1", true},
            {2, "", false},
        };
        for (Object[] c : cases) {
            Run r = new Run((Integer) c[0], "", (String) c[1]);
            boolean passed;
            try {
                checked("case", input, r);
                passed = true;
            } catch (AssertionError e) {
                passed = false;
            }
            assertEquals(c[2], passed, "exit " + c[0] + ", stderr: " + c[1]);
        }
    }

    /** The rules every run keeps, whatever its input; returns the run. */
    private static Run checked(String what, Path input, Run r) throws IOException {
        String context = what + " exited " + r.code() + "; stderr:\n" + r.err() + "\ninput:\n" + shown(input);
        assertTrue(r.code() >= 0 && r.code() <= 2, context);
        for (String forbidden : List.of("Exception", "\tat ", "java.lang.", "internal error", "Error:")) {
            assertTrue(!r.err().contains(forbidden) && !r.out().contains(forbidden), "'" + forbidden + "' in " + context + "\nstdout:\n" + r.out());
        }
        String name = Pattern.quote(input.toString());
        Pattern located = Pattern.compile(name + "(:\\d+:\\d+)?: error: \\S.*", Pattern.DOTALL);
        for (String line : r.err().split("\n", -1)) {
            if (line.startsWith(input.toString())) {
                assertTrue(located.matcher(line).matches(), "a line naming the file is no diagnostic: '" + line + "' in " + context);
            } else if (line.contains(": error:")) {
                assertTrue(line.startsWith("netgrad") || line.startsWith(dir.toString()) || line.startsWith("samples/"),
                        "an error line names no file: '" + line + "' in " + context);
            }
        }
        if (r.code() == 2) {
            assertTrue(r.err().lines().anyMatch(line -> line.matches("(\\S.*?: )?error: .*")),
                    "exit 2 says why, 'error:' right after its place: " + context);
        }
        assertCaretsUnderPlaces(what + " (input:\n" + shown(input) + ")", input, r);
        return r;
    }

    /** train --save leaves either nothing or params that read back, and no stray temporary beside them. */
    private static void assertSavedOrAbsent(String what, Run r, Path save) throws IOException {
        if (r.code() == 0) {
            assertTrue(Files.exists(save), what + ": trained but saved nothing: " + r.err());
        }
        if (Files.exists(save)) {
            try {
                ParamsFile.read(save, iris);
            } catch (DataException e) {
                fail(what + ": a params file that does not read back was left: " + e.getMessage() + "\n" + Files.readString(save));
            }
        }
        try (Stream<Path> files = Files.list(save.getParent())) {
            List<Path> left = files.filter(f -> !f.equals(save)).toList();
            assertEquals(List.of(), left, what + ": files left beside the params");
        }
    }

    private static void assertOnlyJavaSources(String what, Path out) throws IOException {
        if (!Files.exists(out)) {
            return;
        }
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> stray = files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".java")).toList();
            assertEquals(List.of(), stray, what + ": generate left files that are no Java source");
        }
    }

    private static String shown(Path input) throws IOException {
        String text = new String(Files.readAllBytes(input), StandardCharsets.UTF_8);
        return text.length() > 3000 ? text.substring(0, 3000) + "..." : text;
    }

    private static Path write(String relative, String text) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }

    private static List<Path> specs() {
        try (Stream<Path> top = Files.list(Path.of("samples")); Stream<Path> images = Files.list(Path.of("samples/images"))) {
            return Stream.concat(top, images).filter(p -> p.toString().endsWith(".nn")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One to three of: a cell emptied, changed to an odd value, dropped or doubled; a row dropped, doubled or cut; a BOM, CRLF, blank lines or raw bytes. */
    private static byte[] mutateCsv(List<String> original, Random random) {
        List<String> rows = new ArrayList<>(original);
        boolean bom = false;
        boolean crlf = false;
        int edits = 1 + random.nextInt(3);
        for (int k = 0; k < edits; k++) {
            int row = random.nextInt(rows.size());
            List<String> cells = new ArrayList<>(List.of(rows.get(row).split(",", -1)));
            int cell = random.nextInt(cells.size());
            switch (random.nextInt(11)) {
                case 0 -> cells.set(cell, ODD_CELLS[random.nextInt(ODD_CELLS.length)]);
                case 1 -> cells.remove(cell);
                case 2 -> cells.add(cell, cells.get(cell));
                case 3 -> rows.remove(row);
                case 4 -> rows.add(row, "");
                case 5 -> bom = true;
                case 6 -> crlf = true;
                case 7 -> cells.set(cell, cells.get(cell) + TokenMutations.randomChars(random));
                case 8 -> cells.set(cell, List.of("0", "1", "2", "3", "-1", "1.5", "2.0", "7", "NaN").get(random.nextInt(9)));
                case 9 -> rows.subList(1 + random.nextInt(rows.size() - 1 > 0 ? rows.size() - 1 : 1), rows.size()).clear();
                default -> rows.set(row, rows.get(row).substring(0, random.nextInt(rows.get(row).length() + 1)));
            }
            if (row < rows.size() && !cells.isEmpty() && rows.get(row).contains(",")) {
                rows.set(row, String.join(",", cells));
            }
        }
        String text = (bom ? "\ufeff" : "") + String.join(crlf ? "\r\n" : "\n", rows) + (random.nextBoolean() ? "\n" : "");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return random.nextInt(6) == 0 ? withRawBytes(bytes, random) : bytes;
    }

    /** Token mutations as for specs, or a number replaced by an odd value, or the file cut short, or raw bytes. */
    private static byte[] mutateParams(String json, Random random) {
        String text = switch (random.nextInt(4)) {
            case 0 -> TokenMutations.mutate(json, random);
            case 1 -> json.substring(0, random.nextInt(json.length()));
            default -> {
                Matcher number = Pattern.compile("-?[0-9][0-9.eE+-]*").matcher(json);
                List<int[]> spans = new ArrayList<>();
                while (number.find()) {
                    spans.add(new int[] {number.start(), number.end()});
                }
                int[] span = spans.get(random.nextInt(spans.size()));
                yield json.substring(0, span[0]) + ODD_NUMBERS[random.nextInt(ODD_NUMBERS.length)] + json.substring(span[1]);
            }
        };
        byte[] bytes = (random.nextInt(8) == 0 ? "\ufeff" : "").concat(text).getBytes(StandardCharsets.UTF_8);
        return random.nextInt(8) == 0 ? withRawBytes(bytes, random) : bytes;
    }

    private static byte[] withRawBytes(byte[] bytes, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int at = random.nextInt(bytes.length + 1);
        out.write(bytes, 0, at);
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            out.write(random.nextInt(256));
        }
        out.write(bytes, at, bytes.length - at);
        return out.toByteArray();
    }
}
