package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One form for every failure netgrad prints, as gcc's and rustc's: {@code error:} right after its
 * place ({@code FILE:LINE:COL: error:}, {@code FILE: error:}, {@code netgrad VERB: error:}, or
 * {@code netgrad: error:} before a verb). Usage errors, option ranges, output paths and the unplaced
 * data errors said it without "error:" ({@code netgrad train: --epochs must be ...}).
 */
class ErrorFormTest {
    /** A failure line: {@code error:} after a place, or alone. */
    private static final Pattern FAILURE = Pattern.compile("^(\\S.*?: )?error: .*");

    @TempDir
    static Path dir;

    /**
     * A one-example CSV of iris's, too few to hold any out; a tiny network, its data, and params whose
     * standardization of feature 1 (std 1e-320) overflows every feature: problems at no cell of a file.
     */
    @BeforeAll
    static void files() throws IOException {
        Files.writeString(dir.resolve("single.csv"), "a,b,c,d,label\n1,2,3,4,0\n");
        Files.writeString(dir.resolve("tiny.nn"), "network Tiny {\n input X[2]\n target Y[1]\n dense 1 sigmoid\n loss cross_entropy\n}\n");
        Files.writeString(dir.resolve("tiny.csv"), "a,b,label\n1,2,0\n3,4,1\n5,6,1\n7,8,0\n9,1,1\n");
        Files.writeString(dir.resolve("tiny-init.json"), "{\"network\": \"Tiny\", \"params\": {\"W1\": [[0.5, -0.5]], \"b1\": [[0.0]]},"
                + " \"standardization\": {\"mean\": [4.0, 5.0], \"std\": [1.0E-320, 2.0]}}\n");
    }

    /** {DIR} is the test's folder; '' an empty argument; (none) no argument at all. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            (none)                                               | netgrad: error: missing a verb
            deriv samples/planar.nn                              | netgrad: error: unknown verb 'deriv'; did you mean derive or generate? (netgrad --help lists the verbs)
            --fromat                                             | netgrad: error: unknown option '--fromat'
            --version=3                                          | netgrad: error: --version prints the version and takes no other argument, found '--version=3'
            -V=x                                                 | netgrad: error: --version prints the version and takes no other argument, found '-V=x'
            --version=true                                       | netgrad: error: --version prints the version and takes no other argument, found '--version=true'
            derive samples/planar.nn --version=false             | netgrad derive: error: --version prints the version and takes no other argument, found '--version=false'
            -V -V                                                | netgrad: error: --version prints the version and takes no other argument, found '-V'
            derive -V --version                                  | netgrad derive: error: --version prints the version and takes no other argument, found '--version'
            --help=x                                             | netgrad: error: --help prints the help and takes no value, found '--help=x'
            -h=no                                                | netgrad: error: --help prints the help and takes no value, found '-h=no'
            derive samples/planar.nn --help=false                | netgrad derive: error: --help prints the help and takes no value, found '--help=false'
            help -V                                              | netgrad help: error: --version prints the version and takes no other argument, found 'help'
            help --version                                       | netgrad help: error: --version prints the version and takes no other argument, found 'help'
            help derive -V                                       | netgrad help: error: --version prints the version and takes no other argument, found 'help'
            help derive x                                        | netgrad help: error: unexpected argument 'x'
            help --fromat derive                                 | netgrad help: error: unknown option '--fromat'
            help nosuchverb                                      | netgrad help: error: unknown verb 'nosuchverb'; did you mean derive or bench or generate? (netgrad --help lists the verbs)
            help deriv                                           | netgrad help: error: unknown verb 'deriv'; did you mean derive or generate? (netgrad --help lists the verbs)
            -- derive samples/planar.nn                          | netgrad: error: '--' goes after the verb, where it ends the verb's options: netgrad derive -- samples/planar.nn
            -- deriv samples/planar.nn                           | netgrad: error: '--' goes after the verb, where it ends the verb's options, found before 'deriv' (netgrad --help lists the verbs)
            derive samples/planar.nn -- --help                   | netgrad derive: error: unexpected argument '--help'
            --help deriv                                         | netgrad: error: unknown verb 'deriv'; did you mean derive or generate? (netgrad --help lists the verbs)
            -V x                                                 | netgrad: error: --version prints the version and takes no other argument, found 'x'
            --version derive samples/planar.nn                   | netgrad: error: --version prints the version and takes no other argument, found 'derive'
            -Vx                                                  | netgrad: error: --version prints the version and takes no other argument, found '-Vx'
            derive samples/planar.nn -V                          | netgrad derive: error: --version prints the version and takes no other argument, found 'samples/planar.nn'
            train -V --data samples/data/iris.csv samples/iris.nn | netgrad train: error: --version prints the version and takes no other argument, found '--data'
            show                                                 | netgrad show: error: missing SPEC
            show {DIR}/absent.nn                                 | {DIR}/absent.nn: error: cannot read: no such file
            show samples/planar.nn --fromat json                 | netgrad show: error: unknown option '--fromat'
            graph samples                                        | samples: error: cannot read: it is a directory
            derive samples/planar.nn --format jsno               | netgrad derive: error: invalid value for option '--format': expected text, latex, markdown or json, found 'jsno'
            derive ''                                            | netgrad derive: error: SPEC is empty; give a file name
            check samples/mixed.eq samples/planar.nn             | netgrad check: error: the network comes first, then your equations: netgrad check samples/planar.nn samples/mixed.eq
            check samples/planar.nn {DIR}/absent.eq              | {DIR}/absent.eq: error: cannot read: no such file
            generate samples/planar.nn --package 1x              | netgrad generate: error: --package '1x' is not a Java package name
            generate samples/planar.nn -o -                      | netgrad generate: error: -o is '-', which netgrad does not take for standard output: it writes files under a folder; give a folder name (./- for a folder named -)
            generate samples/planar.nn -o /dev/null/gen          | netgrad generate: error: the class file /dev/null/gen/netgrad/generated/Planar.java cannot be written: /dev/null is a file, not a folder
            train samples/iris.nn                                | netgrad train: error: missing --data=CSV
            train samples/iris.nn --data samples/data/iris.csv --epoch 3 | netgrad train: error: unknown option '--epoch'; did you mean --epochs?
            train samples/iris.nn --data samples/data/iris.csv --epochs -1 | netgrad train: error: --epochs must be between 0 and 10,000,000, found -1
            train samples/iris.nn --data samples/data/iris.csv --lr fast | netgrad train: error: --lr must be a positive number, found fast
            train samples/iris.nn --data samples/data/iris.csv --optimizer sgd | netgrad train: error: --optimizer must be gd, momentum or adam, found 'sgd'
            train samples/iris.nn --data samples/data/iris.csv --plot-log | netgrad train: error: --plot-log draws the --plot chart on a log scale; give --plot FILE.png too
            train samples/iris.nn --data samples/data/iris.csv --save {DIR}/none/p.json | netgrad train: error: --save {DIR}/none/p.json cannot be written: the folder {DIR}/none does not exist
            train samples/iris.nn --data samples/data/iris.csv --save samples/data/iris.csv | netgrad train: error: --save samples/data/iris.csv is the same file as --data samples/data/iris.csv; writing it would destroy that input; choose another file name
            train samples/iris.nn --data {DIR}/absent.csv        | {DIR}/absent.csv: error: cannot read: no such file
            train samples/iris.nn --data {DIR}/single.csv        | netgrad train: error: 1 example is too few to hold out 0.2 of them and still train on some; use a smaller --holdout
            train {DIR}/tiny.nn --data {DIR}/tiny.csv --init {DIR}/tiny-init.json --epochs 1 | netgrad train: error: cannot standardize feature 1: 5.0 becomes Infinity with the initial params' standardization (mean 4.0, standard deviation 1.0E-320), which does not fit these features
            predict samples/iris.nn --data samples/data/iris.csv | netgrad predict: error: missing --params=P.json
            predict samples/iris.nn --params {DIR}/absent.json --data samples/data/iris.csv | {DIR}/absent.json: error: cannot read: no such file
            eval samples/planar.nn --in ''                       | netgrad eval: error: --in is empty; give a file name
            eval samples/planar.nn --in {DIR}/absent.json        | {DIR}/absent.json: error: cannot read: no such file
            gradcheck samples/planar.nn --examples 0             | netgrad gradcheck: error: --examples must be between 1 and 10,000 (a few dozen show any error), found 0
            gradcheck samples/planar.nn --seed 1 --seed 2        | netgrad gradcheck: error: option '--seed' (N) should be specified only once
            bench samples/planar.nn --steps -1                   | netgrad bench: error: --steps must be between 0 and 1,000,000,000 (0 chooses), found -1
            bench samples/planar.nn --batch 0                    | netgrad bench: error: --batch must be between 1 and 1,000,000, found 0
            bench samples/planar.nn --warmup soon                | netgrad bench: error: --warmup must be a number between 0 and 3,600 (seconds), found soon
            """)
    void everyFailureSaysErrorRightAfterItsPlace(String commandLine, String expected) {
        String[] args = arguments(commandLine);
        MainTest.Run r = MainTest.run(args);
        assertNotEquals(Main.OK, r.code(), r.err());
        List<String> said = r.err().lines().filter(line -> !line.startsWith(PROGRESS)).toList();
        String first = said.isEmpty() ? "" : said.get(0);
        assertEquals(expected.replace("{DIR}", dir.toString()), first, r.err());
        assertTrue(FAILURE.matcher(first).matches(), "'error: ' after a place: " + first);
        assertTrue(places(args).stream().anyMatch(place -> first.startsWith(place)),
                "said at one of " + places(args) + ": " + first);
    }

    /** What train says before its run, no failure: the one stderr line a failure may come after. */
    private static final String PROGRESS = "generating and compiling ";

    /**
     * Where the rule lets a failure of this command line be said: the verb ({@code netgrad VERB: error: }),
     * netgrad before a verb, or a file the command line names ({@code FILE: error: }, {@code FILE:LINE:COL: error: }).
     */
    private static List<String> places(String[] args) {
        String verb = args.length == 0 || args[0].startsWith("-") ? "" : " " + args[0];
        Stream<String> files = Arrays.stream(args).skip(1).filter(a -> !a.isEmpty() && !a.startsWith("-"))
                .flatMap(file -> Stream.of(file + ": error: ", file + ":"));
        return Stream.concat(Stream.of("netgrad: error: ", "netgrad" + verb + ": error: "), files).toList();
    }

    private static String[] arguments(String commandLine) {
        if (commandLine.equals("(none)")) {
            return new String[0];
        }
        return Arrays.stream(commandLine.replace("{DIR}", dir.toString()).split(" "))
                .map(a -> a.equals("''") ? "" : a).toArray(String[]::new);
    }
}
