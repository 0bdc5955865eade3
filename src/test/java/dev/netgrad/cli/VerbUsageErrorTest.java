package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A newcomer's command line that a verb cannot parse gets one line {@code netgrad VERB: error: what is wrong},
 * the verb's synopsis and where its help is, exit 2: not picocli's sentence above the whole help
 * (gradcheck's is 25 lines), nor "Unknown options: '--fromat', 'json'", which calls the value an option.
 */
class VerbUsageErrorTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            show                                           | netgrad show: error: missing SPEC
            check samples/planar.nn                        | netgrad check: error: missing EQUATIONS
            check                                          | netgrad check: error: missing SPEC and EQUATIONS
            train samples/iris.nn                          | netgrad train: error: missing --data=CSV
            predict samples/iris.nn --data x.csv           | netgrad predict: error: missing --params=P.json
            eval samples/planar.nn                         | netgrad eval: error: missing --in=CASE.json
            eval samples/planar.nn --in                    | netgrad eval: error: missing --in=CASE.json
            train samples/iris.nn --data x.csv --epochs    | netgrad train: error: missing --epochs=N
            generate samples/planar.nn -o                  | netgrad generate: error: missing --output=DIR
            gradcheck samples/planar.nn --seed             | netgrad gradcheck: error: missing --seed=N
            derive samples/planar.nn --fromat json         | netgrad derive: error: unknown option '--fromat'; did you mean --format?
            derive samples/planar.nn --fromat=json         | netgrad derive: error: unknown option '--fromat'; did you mean --format?
            train samples/iris.nn --data x.csv --epoch 3   | netgrad train: error: unknown option '--epoch'; did you mean --epochs?
            generate samples/planar.nn --out gen           | netgrad generate: error: unknown option '--out'; did you mean --output?
            gradcheck samples/planar.nn --verbose          | netgrad gradcheck: error: unknown option '--verbose'
            derive samples/planar.nn samples/iris.nn       | netgrad derive: error: unexpected argument 'samples/iris.nn'
            derive samples/planar.nn --format jsno         | netgrad derive: error: invalid value for option '--format': expected text, latex, markdown or json, found 'jsno'
            derive samples/planar.nn --convention=los      | netgrad derive: error: invalid value for option '--convention': expected loss or cost, found 'los'
            gradcheck samples/planar.nn --seed 1 --seed 2  | netgrad gradcheck: error: option '--seed' (N) should be specified only once
            train samples/iris.nn -data x.csv              | netgrad train: error: unknown option '-data'; did you mean --data?
            train samples/iris.nn --dta x.csv              | netgrad train: error: unknown option '--dta'; did you mean --data?
            train samples/iris.nn --Data=x.csv             | netgrad train: error: unknown option '--Data'; did you mean --data?
            predict samples/iris.nn --param p.json --data x.csv | netgrad predict: error: unknown option '--param'; did you mean --params?
            eval samples/planar.nn -in c.json              | netgrad eval: error: unknown option '-in'; did you mean --in?
            train samples/iris.nn -epochs=3                | netgrad train: error: missing --data=CSV
            train samples/iris.nn -- -data x.csv           | netgrad train: error: missing --data=CSV
            derive --colour                                | netgrad derive: error: unknown option '--colour' (SPEC is missing; for a file of that name, give ./--colour)
            derive --formt                                 | netgrad derive: error: unknown option '--formt'; did you mean --format? (SPEC is missing; for a file of that name, give ./--formt)
            check samples/planar.nn -eq.txt                | netgrad check: error: unknown option '-eq.txt' (EQUATIONS is missing; for a file of that name, give ./-eq.txt)
            check -x                                       | netgrad check: error: unknown option '-x' (SPEC and EQUATIONS are missing; for a file of that name, give ./-x)
            check -- -eq.txt                               | netgrad check: error: missing EQUATIONS
            """)
    void aCommandLineTheVerbCannotParseIsOneLineThenTheSynopsis(String commandLine, String expected) {
        String[] args = commandLine.split(" ");
        String verb = args[0];
        MainTest.Run r = MainTest.run(args);
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(expected, lines.get(0), r.err());
        assertTrue(lines.get(1).startsWith("Usage: netgrad " + verb + " [-hV] "), r.err());
        assertEquals("netgrad " + verb + " --help says more", lines.get(lines.size() - 1), r.err());
        assertFalse(r.err().contains("Show this help message"), "the synopsis, not the whole help: " + r.err());
    }

    /**
     * The help verb takes a verb and -h alone, as every verb takes its own words: {@code netgrad help derive x}
     * printed derive's help and {@code netgrad help --fromat} netgrad's, each ignoring a word.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            help derive x          | netgrad help: error: unexpected argument 'x'
            help --fromat          | netgrad help: error: unknown option '--fromat'
            help -x derive         | netgrad help: error: unknown option '-x'
            """)
    void theHelpVerbRefusesWhatItDoesNotTake(String commandLine, String expected) {
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of(expected, "Usage: netgrad help [-h] [COMMAND]", "netgrad help --help says more"), r.err().lines().toList());
    }

    /** Suggestions are for options within a couple of edits; the one named comes from the verb's own options. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            --fromat  | '--fromat'; did you mean --format?
            -format   | '-format'; did you mean --format?
            --formats | '--formats'; did you mean --format?
            --xyz     | '--xyz'
            --con     | '--con'; did you mean --convention?
            --c       | '--c'
            """)
    void anUnknownOptionIsNamedWithTheNearestOptionOfTheVerb(String option, String expected) {
        MainTest.Run r = MainTest.run("derive", "samples/planar.nn", option, "json");
        assertEquals("netgrad derive: error: unknown option " + expected, r.err().lines().findFirst().orElse(""), r.err());
    }

    /**
     * "Did you mean" only for a real near miss, the names compared without their dashes: an unknown letter is no
     * slip of -h (every two-character option was one edit from every other, and -x, -p or -O each got
     * "did you mean -h?"), but a letter in the wrong case, a dash too many or too few, or a longer name's slip is.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -x                                              | netgrad: error: unknown option '-x'
            -v                                              | netgrad: error: unknown option '-v'; did you mean -V?
            --hlep                                          | netgrad: error: unknown option '--hlep'; did you mean --help?
            derive samples/planar.nn -x                     | netgrad derive: error: unknown option '-x'
            derive samples/planar.nn -H                     | netgrad derive: error: unknown option '-H'; did you mean -h?
            generate samples/planar.nn -p gen               | netgrad generate: error: unknown option '-p'
            generate samples/planar.nn -O gen               | netgrad generate: error: unknown option '-O'; did you mean -o?
            generate samples/planar.nn --o gen              | netgrad generate: error: unknown option '--o'; did you mean -o?
            generate samples/planar.nn --ouptut gen         | netgrad generate: error: unknown option '--ouptut'; did you mean --output?
            generate samples/planar.nn --Output gen         | netgrad generate: error: unknown option '--Output'; did you mean --output?
            train samples/iris.nn --data x.csv --epoch 3    | netgrad train: error: unknown option '--epoch'; did you mean --epochs?
            train samples/iris.nn --data x.csv -epochs 3    | netgrad train: error: unknown option '-epochs'; did you mean --epochs?
            train samples/iris.nn --data x.csv -e 3         | netgrad train: error: unknown option '-e'
            """)
    void onlyARealNearMissIsSuggested(String commandLine, String expected) {
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals(expected, r.err().lines().findFirst().orElse(""), r.err());
    }

    /**
     * A long option typed with one dash, as javac and gcc take theirs, is refused where picocli read it as a short
     * option with the rest attached ({@code -output gen} wrote into a folder {@code utput}, and took gen for a SPEC).
     * The short options are -h and -V of every verb, which take no value, and generate's -o, which takes one: any
     * other attached value is -o's ({@code -ogen}, below), and {@code -o utput} gives it whatever it spells.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            generate samples/planar.nn -output gen     | netgrad generate: error: unknown option '-output'; did you mean --output? (-o utput, with a space, gives -o the value utput)
            generate samples/planar.nn -output         | netgrad generate: error: unknown option '-output'; did you mean --output? (-o utput, with a space, gives -o the value utput)
            generate -output gen samples/planar.nn     | netgrad generate: error: unknown option '-output'; did you mean --output? (-o utput, with a space, gives -o the value utput)
            generate -output                           | netgrad generate: error: unknown option '-output'; did you mean --output? (-o utput, with a space, gives -o the value utput)
            generate samples/planar.nn -outptu gen     | netgrad generate: error: unknown option '-outptu'; did you mean --output? (-o utptu, with a space, gives -o the value utptu)
            generate samples/planar.nn -out gen        | netgrad generate: error: unknown option '-out'; did you mean --output? (-o ut, with a space, gives -o the value ut)
            generate samples/planar.nn -outdir gen     | netgrad generate: error: unknown option '-outdir'; did you mean --output? (-o utdir, with a space, gives -o the value utdir)
            generate samples/planar.nn -outputDir      | netgrad generate: error: unknown option '-outputDir'; did you mean --output? (-o utputDir, with a space, gives -o the value utputDir)
            generate samples/planar.nn -out_dir        | netgrad generate: error: unknown option '-out_dir'; did you mean --output? (-o ut_dir, with a space, gives -o the value ut_dir)
            generate samples/planar.nn -opackage x     | netgrad generate: error: unknown option '-opackage'; did you mean --package? (-o package, with a space, gives -o the value package)
            generate samples/planar.nn -oconvention    | netgrad generate: error: unknown option '-oconvention'; did you mean --convention? (-o convention, with a space, gives -o the value convention)
            generate samples/planar.nn -ospark         | netgrad generate: error: unknown option '-ospark'; did you mean --spark? (-o spark, with a space, gives -o the value spark)
            generate samples/planar.nn -Output gen     | netgrad generate: error: unknown option '-Output'; did you mean --output?
            generate samples/planar.nn -version        | netgrad generate: error: unknown option '-version'; did you mean --version?
            show samples/planar.nn -version            | netgrad show: error: unknown option '-version'; did you mean --version?
            train samples/iris.nn --data x.csv -version | netgrad train: error: unknown option '-version'; did you mean --version?
            predict samples/iris.nn --params p.json --data x.csv -version | netgrad predict: error: unknown option '-version'; did you mean --version?
            derive samples/planar.nn -version          | netgrad derive: error: unknown option '-version'; did you mean --version?
            graph samples/planar.nn -version           | netgrad graph: error: unknown option '-version'; did you mean --version?
            check samples/planar.nn x.eq -version      | netgrad check: error: unknown option '-version'; did you mean --version?
            eval samples/planar.nn --in c.json -version | netgrad eval: error: unknown option '-version'; did you mean --version?
            gradcheck samples/planar.nn -version       | netgrad gradcheck: error: unknown option '-version'; did you mean --version?
            bench samples/planar.nn -version           | netgrad bench: error: unknown option '-version'; did you mean --version?
            """)
    void aLongOptionWithOneDashIsNoShortOptionsValue(String commandLine, String expected) {
        assertRefusedWithUsage(commandLine, expected);
    }

    /**
     * Every option a verb has, or will have, with a one-letter name and a value: one dash before any of its long
     * names is refused, not taken as the letter and a value.
     */
    @Test
    void everyShortOptionWithAValueRefusesItsLongNameAfterOneDash() {
        int checked = 0;
        for (var verb : Main.commandLine().getSubcommands().entrySet()) {
            for (OptionSpec option : verb.getValue().getCommandSpec().options()) {
                boolean shortName = Arrays.stream(option.names()).anyMatch(n -> n.length() == 2);
                if (!shortName || option.arity().max() == 0) {
                    continue;
                }
                for (String name : option.names()) {
                    if (name.startsWith("--")) {
                        String oneDash = name.substring(1);
                        MainTest.Run r = MainTest.run(verb.getKey(), oneDash);
                        assertEquals(Main.USAGE, r.code(), verb.getKey() + " " + oneDash + ": " + r.err());
                        assertTrue(r.err().startsWith("netgrad " + verb.getKey() + ": error: unknown option '" + oneDash
                                + "'; did you mean " + name + "?"), r.err());
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked > 0, "generate's -o, --output at least");
        // --help answers whatever else the command line says, a one-dash long option too.
        MainTest.Run help = MainTest.run("generate", "samples/planar.nn", "-output", "gen", "--help");
        assertEquals(Main.OK, help.code(), help.err());
        assertTrue(help.out().startsWith("Usage: netgrad generate "), help.out());
    }

    /**
     * --help answers whatever else the command line says, an option whose value is missing or cannot be read too:
     * picocli refused those before it looked at the help ("missing --format=...", "invalid value for option").
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            derive samples/planar.nn --help --format          | derive
            derive samples/planar.nn --format --help          | derive
            generate samples/planar.nn -h -o                  | generate
            generate samples/planar.nn -o -h                  | generate
            eval samples/planar.nn --in -h                    | eval
            derive samples/planar.nn --format jsno --help     | derive
            train samples/iris.nn --epochs x --help           | train
            train samples/iris.nn --data x.csv -h --lr        | train
            generate samples/planar.nn -ho                    | generate
            generate samples/planar.nn -hogen                 | generate
            generate samples/planar.nn -Vho                   | generate
            generate samples/planar.nn -Vh                    | generate
            generate samples/planar.nn -o -ho                 | generate
            derive samples/planar.nn -hx                      | derive
            derive samples/planar.nn --format -hx             | derive
            """)
    void helpAnswersBesideAnOptionsMissingOrUnreadableValue(String commandLine, String verb) {
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(Main.OK, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: netgrad " + verb + " "), r.out());
        assertEquals("", r.err());
    }

    /** Without --help, or with it after --, where it is an argument, the value is still missing. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            derive samples/planar.nn --format                 ; netgrad derive: error: missing --format=text|latex|markdown|json
            derive samples/planar.nn --format -- --help       ; netgrad derive: error: missing --format=text|latex|markdown|json ('--' ends the options)
            derive samples/planar.nn --help=no                ; netgrad derive: error: --help prints the help and takes no value, found '--help=no'
            """)
    void withoutHelpTheValueIsStillMissing(String commandLine, String expected) {
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals(expected, r.err().lines().findFirst().orElse(""), r.err());
    }

    /**
     * A value that reads as an option (one of the verb's, {@code -output}, which is -o utput, or {@code --}) is never an
     * option's, whether it follows the option or is attached to it: picocli said "missing --output=DIR" of each, the
     * value just typed in {@code --output=-o} too. A {@code --} after the option ends the options and leaves the value
     * missing; any other is the value that cannot be. A file or folder so named is given with {@code ./} before it.
     * -o -h, -o --help are the help (above), as -h alone after an option may be a request for it; attached, -h is
     * plainly the value typed, and it is refused as such ({@code --in=-h gives --in the value '-h'}), where it was
     * "--in takes a value, found '-h'", as if none had been given. picocli refuses the value either way (git and javac
     * would take it); netgrad keeps picocli's rule, whose every case ./ before the name answers.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            generate samples/planar.nn -o --                  ; "netgrad generate: error: missing --output=DIR ('--' ends the options; for a folder of that name, give -o ./--)"
            generate samples/planar.nn --output --            ; "netgrad generate: error: missing --output=DIR ('--' ends the options; for a folder of that name, give --output ./--)"
            generate -o -- samples/planar.nn                  ; "netgrad generate: error: missing --output=DIR ('--' ends the options; for a folder of that name, give -o ./--)"
            generate samples/planar.nn -o=--                  ; "netgrad generate: error: -o=-- gives -o the value '--', which reads as the end of the options: no option's value may, attached to it or not; for a folder of that name, give -o ./--"
            generate samples/planar.nn --output=--            ; "netgrad generate: error: --output=-- gives --output the value '--', which reads as the end of the options: no option's value may, attached to it or not; for a folder of that name, give --output ./--"
            generate samples/planar.nn -o -output             ; "netgrad generate: error: -o takes a value, found '-output', which reads as an option; for a folder of that name, give -o ./-output"
            generate samples/planar.nn --output -output       ; "netgrad generate: error: --output takes a value, found '-output', which reads as an option; for a folder of that name, give --output ./-output"
            generate samples/planar.nn --output=-o            ; "netgrad generate: error: --output=-o gives --output the value '-o', which reads as an option: no option's value may, attached to it or not; for a folder of that name, give --output ./-o"
            generate samples/planar.nn -o=-o                  ; "netgrad generate: error: -o=-o gives -o the value '-o', which reads as an option: no option's value may, attached to it or not; for a folder of that name, give -o ./-o"
            generate samples/planar.nn -o-o                   ; "netgrad generate: error: -o-o gives -o the value '-o', which reads as an option: no option's value may, attached to it or not; for a folder of that name, give -o ./-o"
            generate samples/planar.nn -o -V                  ; "netgrad generate: error: -o takes a value, found '-V', which reads as an option; for a folder of that name, give -o ./-V"
            generate samples/planar.nn -o gen -o --spark      ; "netgrad generate: error: -o takes a value, found '--spark', which reads as an option; for a folder of that name, give -o ./--spark"
            generate samples/planar.nn --package --spark      ; "netgrad generate: error: --package takes a value, found '--spark', which reads as an option"
            train samples/iris.nn --data --epochs 3           ; "netgrad train: error: --data takes a value, found '--epochs', which reads as an option; for a file of that name, give --data ./--epochs"
            train samples/iris.nn --data=-V                   ; "netgrad train: error: --data=-V gives --data the value '-V', which reads as an option: no option's value may, attached to it or not; for a file of that name, give --data ./-V"
            derive samples/planar.nn --format --              ; "netgrad derive: error: missing --format=text|latex|markdown|json ('--' ends the options)"
            derive samples/planar.nn --format=--              ; "netgrad derive: error: --format=-- gives --format the value '--', which reads as the end of the options: no option's value may, attached to it or not"
            eval samples/planar.nn --in=-h                    ; "netgrad eval: error: --in=-h gives --in the value '-h', which reads as an option: no option's value may, attached to it or not; for a file of that name, give --in ./-h"
            eval samples/planar.nn --in=--help                ; "netgrad eval: error: --in=--help gives --in the value '--help', which reads as an option: no option's value may, attached to it or not; for a file of that name, give --in ./--help"
            """)
    void aValueThatReadsAsAnOptionIsSaidSo(String commandLine, String expected) {
        assertRefusedWithUsage(commandLine, expected);
    }

    /**
     * The picocli text those errors are read from ({@link VerbUsageError#FOUND}): "Expected parameter for option
     * '--output' but found '-o'", as picocli 4.7.7 words it. Pinned here, picocli called directly, so that an
     * upgrade that words it otherwise fails this test, where netgrad would fall back without a word to picocli's own
     * sentence ("expected parameter ...") and lose the value found and the ./ that gives it.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', quoteCharacter = '"', textBlock = """
            samples/planar.nn -o --spark      ; "Expected parameter for option '--output' but found '--spark'"  ; --spark
            samples/planar.nn --output=-o     ; "Expected parameter for option '--output' but found '-o'"       ; -o
            samples/planar.nn -o-o            ; "Expected parameter for option '--output' but found '-o'"       ; -o
            samples/planar.nn -o=--           ; "Expected parameter for option '--output' but found '--'"       ; --
            samples/planar.nn --package -V    ; "Expected parameter for option '--package' but found '-V'"     ; -V
            """)
    void picocliStillSaysWhatItFoundWhereAValueGoes(String commandLine, String picocliSays, String found) {
        CommandLine generate = Main.commandLine().getSubcommands().get("generate");
        CommandLine.MissingParameterException e = assertThrows(CommandLine.MissingParameterException.class,
                () -> generate.parseArgs(commandLine.split(" ")));
        assertEquals(picocliSays, e.getMessage());
        Matcher matcher = VerbUsageError.FOUND.matcher(e.getMessage());
        assertTrue(matcher.find(), e.getMessage());
        assertEquals(found, matcher.group(1));
        assertTrue(VerbUsageError.problem(e).contains("the value '" + found + "'") || VerbUsageError.problem(e).contains(
                "found '" + found + "'"), VerbUsageError.problem(e));
    }

    /** What those errors say to give instead is taken, and writes where it says (a path after /, as after ./). */
    @Test
    void aFolderThatReadsAsAnOptionIsGivenWithItsPath(@TempDir Path dir) {
        for (String name : List.of("--", "-o", "-output")) {
            Path folder = dir.resolve(name);
            MainTest.Run r = MainTest.run("generate", "samples/planar.nn", "-o", dir + "/./" + name);
            assertEquals(Main.OK, r.code(), r.err());
            assertTrue(Files.isRegularFile(folder.resolve("netgrad/generated/Planar.java")), name + ": " + r.err());
        }
    }

    /**
     * An empty path ({@code -o "$OUT"} with OUT unset) is the current folder to Java: {@code generate -o ""} wrote
     * there, and an empty file to read was ": error: cannot read: it is a directory", naming nothing. {@code ''}
     * stands for the empty argument.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            generate samples/planar.nn -o ''                       | netgrad generate: error: -o is empty; give a folder name (. for this one)
            generate samples/planar.nn --output=''                 | netgrad generate: error: -o is empty; give a folder name (. for this one)
            generate samples/planar.nn '' -o target/empty-spec     | netgrad generate: error: an argument is empty; give a file name
            generate ''                                            | netgrad generate: error: SPEC is empty; give a file name
            derive ''                                              | netgrad derive: error: SPEC is empty; give a file name
            check samples/planar.nn ''                             | netgrad check: error: EQUATIONS is empty; give a file name
            eval samples/planar.nn --in ''                         | netgrad eval: error: --in is empty; give a file name
            predict samples/iris.nn --params '' --data x.csv       | netgrad predict: error: --params is empty; give a file name
            gradcheck samples/planar.nn --data ''                  | netgrad gradcheck: error: --data is empty; give a file name
            train samples/iris.nn --data samples/data/iris.csv --plot '' | netgrad train: error: --plot is empty; give a file name
            """)
    void anEmptyPathIsRefusedByName(String commandLine, String expected) {
        String[] args = commandLine.replace("''", "\u0000").split(" ");
        for (int i = 0; i < args.length; i++) {
            args[i] = args[i].replace("\u0000", "");
        }
        MainTest.Run r = MainTest.run(args);
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(expected + "\n", r.err());
    }

    /** The command line is a usage error whose first line is {@code expected}, followed by the verb's usage; nothing on stdout. */
    private static void assertRefusedWithUsage(String commandLine, String expected) {
        String verb = commandLine.split(" ")[0];
        MainTest.Run r = MainTest.run(commandLine.split(" "));
        assertEquals(Main.USAGE, r.code(), r.err());
        assertEquals("", r.out());
        List<String> lines = r.err().lines().toList();
        assertEquals(expected, lines.get(0), r.err());
        assertTrue(lines.get(1).startsWith("Usage: netgrad " + verb + " [-hV] "), r.err());
    }
}
