package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.cli.MainTest.Run;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.Standardization;
import dev.netgrad.data.TrainingProgress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code netgrad train}: mistakes in its options and output paths are found before any training,
 * never destroy an input, and never cost the trained params; progress goes to stderr.
 */
class TrainCommandTest {
    private static final String IRIS = Path.of("samples/iris.nn").toAbsolutePath().toString();
    private static final String IRIS_CSV = Path.of("samples/data/iris.csv").toAbsolutePath().toString();

    @TempDir
    Path dir;

    private static Run train(String... options) {
        List<String> args = new ArrayList<>(List.of("train", IRIS, "--data", IRIS_CSV));
        args.addAll(List.of(options));
        return MainTest.run(args.toArray(String[]::new));
    }

    /** Refused before any work: exit 2, one line naming the problem, nothing on stdout. */
    private static void assertRefused(Run r, String start) {
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith(start), "stderr should start with '" + start + "' but was:\n" + r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
        assertFalse(r.err().contains("generating and compiling"), "refused before compiling: " + r.err());
        assertEquals("", r.out(), "refused before training");
    }

    @Test
    void numericOptionsOutOfBoundsAreUsageErrors() {
        String[][] cases = {
            {"--epochs", "-1", "netgrad train: error: --epochs must be between 0 and 10,000,000, found -1"},
            {"--epochs", "10000001", "netgrad train: error: --epochs must be between 0 and 10,000,000, found 10,000,001"},
            {"--batch", "-5", "netgrad train: error: --batch must be between 0 and 2,147,483,647 (0 for full batch), found -5"},
            {"--threads", "0", "netgrad train: error: --threads must be between 1 and 1,024, found 0"},
            {"--threads", "100000", "netgrad train: error: --threads must be between 1 and 1,024, found 100,000"},
            {"--lr", "0", "netgrad train: error: --lr must be a positive number, found 0\n"},
            {"--lr", "-2", "netgrad train: error: --lr must be a positive number, found -2\n"},
            {"--lr", "1e400", "netgrad train: error: --lr must be a positive number, found 1e400\n"},
            {"--lr", "NaN", "netgrad train: error: --lr must be a positive number, found NaN"},
            {"--lr", "Infinity", "netgrad train: error: --lr must be a positive number, found Infinity"},
            {"--holdout", "-0.1", "netgrad train: error: --holdout must be at least 0 and less than 1, found -0.1"},
            {"--holdout", "1", "netgrad train: error: --holdout must be at least 0 and less than 1, found 1\n"},
            {"--holdout", "NaN", "netgrad train: error: --holdout must be a number at least 0 and less than 1, found NaN"},
            {"--epochs", "1e3", "netgrad train: error: --epochs must be a whole number between 0 and 10,000,000, found 1e3\n"},
            {"--epochs", "99999999999", "netgrad train: error: --epochs must be a whole number between 0 and 10,000,000, found 99999999999\n"},
            {"--batch", "99999999999", "netgrad train: error: --batch must be a whole number between 0 and 2,147,483,647 (0 for full batch), found 99999999999\n"},
            {"--threads", "99999999999", "netgrad train: error: --threads must be a whole number between 1 and 1,024, found 99999999999\n"},
            {"--seed", "99999999999999999999", "netgrad train: error: --seed must be a whole number between -9,223,372,036,854,775,808 and 9,223,372,036,854,775,807, found 99999999999999999999\n"},
            {"--lr", "fast", "netgrad train: error: --lr must be a positive number, found fast\n"},
            {"--holdout", "half", "netgrad train: error: --holdout must be a number at least 0 and less than 1, found half\n"},
            {"--plot-log", null, "netgrad train: error: --plot-log draws the --plot chart on a log scale; give --plot FILE.png too"},
            {"--epochs 0 --plot", dir.resolve("cost.png").toString(),
                "netgrad train: error: --plot draws the cost of every epoch, and --epochs 0 trains none; drop --plot or train at least one epoch"},
        };
        for (String[] c : cases) {
            List<String> options = new ArrayList<>(List.of(c[0].split(" ")));
            if (c[1] != null) {
                options.add(c[1]);
            }
            Run r = train(options.toArray(String[]::new));
            assertRefused(r, c[2]);
        }
    }

    /** The summary shows the learning rate as a spec writes it: 50, not BigDecimal's 5E+1. */
    @Test
    void theSummaryShowsTheLearningRateAsWritten() {
        String[][] cases = {
            {"50", "adam(lr=50)"},
            {"0.001", "adam(lr=0.001)"},
            {"1e-7", "adam(lr=1e-7)"},
            {"2.5e8", "adam(lr=250000000)"},
        };
        for (String[] c : cases) {
            Run r = train("--lr", c[0], "--epochs", "0");
            assertTrue(r.out().contains("; " + c[1] + ", batch 32"), r.out());
        }
    }

    /** The summary names every optimizer setting of the train block that is not the default: it said adam(lr=0.01) of them all. */
    @Test
    void theSummaryNamesTheOptimizersSettingsThatAreNotTheDefaults() throws IOException {
        String[][] cases = {
            // the spec's optimizer                                  | train's options | the summary
            {"adam(lr = 0.01)",                                        "",               "adam(lr=0.01)"},
            {"adam(lr = 0.01, beta1 = 0.5, eps = 1e-3)",               "",               "adam(lr=0.01, beta1=0.5, eps=0.001)"},
            {"adam(lr = 0.01, beta2 = 0.99)",                          "--lr 0.1",       "adam(lr=0.1, beta2=0.99)"},
            {"adam(lr = 0.01, beta1 = 0.9, beta2 = 0.999, eps = 1e-8)", "",              "adam(lr=0.01)"},
            {"momentum(lr = 0.01, beta = 0.5)",                        "",               "momentum(lr=0.01, beta=0.5)"},
            {"momentum(lr = 0.01)",                                    "",               "momentum(lr=0.01)"},
            {"momentum(lr = 0.01, beta = 0.5)",                        "--optimizer gd", "gd(lr=0.01)"},
            {"adam(lr = 0.01, beta1 = 0.5)",                           "--optimizer momentum", "momentum(lr=0.01)"},
            // another kind starts from its own defaults, as adam() in the spec would: gd's 1.2 ran adam at 1.2
            {"gd(lr = 1.2)",                                           "--optimizer adam", "adam(lr=0.001)"},
            {"gd(lr = 1.2)",                                           "--optimizer adam --lr 0.02", "adam(lr=0.02)"},
            {"momentum(lr = 0.5, beta = 0.8)",                         "--optimizer gd", "gd(lr=0.01)"},
            {"adam(lr = 0.01)",                                        "--optimizer momentum --lr 0.2", "momentum(lr=0.2)"},
            // the spec's own kind keeps its settings
            {"adam(lr = 0.01, beta1 = 0.5)",                           "--optimizer adam", "adam(lr=0.01, beta1=0.5)"},
            {"momentum(lr = 0.5, beta = 0.8)",                         "--optimizer momentum --lr 0.1", "momentum(lr=0.1, beta=0.8)"},
        };
        String iris = Files.readString(Path.of(IRIS));
        for (String[] c : cases) {
            Path spec = Files.writeString(dir.resolve("opt.nn"), iris.replace("optimizer adam(lr = 0.01)", "optimizer " + c[0]));
            List<String> args = new ArrayList<>(List.of("train", spec.toString(), "--data", IRIS_CSV, "--epochs", "0"));
            if (!c[1].isEmpty()) {
                args.addAll(List.of(c[1].split(" ")));
            }
            Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), c[0] + ": " + r.err());
            assertTrue(r.out().contains("; " + c[2] + ", batch 32"), c[0] + " " + c[1] + ": " + r.out());
        }
    }

    /** A batch of at least the training part trains as a full batch, in the data's order: the summary says so, as for --batch 0. */
    @Test
    void theSummarySaysFullBatchForABatchOfAtLeastTheTrainingPart() {
        String[][] cases = {
            {"0", "full batch"},
            {"119", "batch 119"},     // iris's 150 examples, 120 to train on
            {"120", "full batch"},
            {"1000", "full batch"},   // was "batch 1000"
        };
        for (String[] c : cases) {
            Run r = train("--batch", c[0], "--epochs", "0");
            assertTrue(r.out().contains("(120 to train on, 30 held out)"), r.out());
            assertTrue(r.out().contains(", " + c[1] + ", 0 epochs"), c[0] + ": " + r.out());
        }
    }

    /** --raw would apply params trained on standardized features to raw ones: nothing trains on that. */
    @Test
    void rawFeaturesAreRefusedForParamsTrainedOnStandardizedOnes() throws IOException {
        Path init = dir.resolve("p.json");
        Run first = train("--epochs", "1", "--save", init.toString());
        assertEquals(0, first.code());
        assertTrue(first.out().contains(", 1 epoch, seed "), "one epoch, not '1 epochs': " + first.out());
        assertRefused(train("--init", init.toString(), "--raw"), "netgrad train: error: --init " + init
                + " holds params trained on standardized features (it has a \"standardization\"), which --raw would train on raw ones;"
                + " drop --raw to go on with that standardization");
        Run again = train("--init", init.toString(), "--epochs", "0");
        assertTrue(again.out().contains("4 features standardized as --init's were;"), again.out());
    }

    @Test
    void tooFewExamplesToHoldOutIsFoundBeforeCompiling() throws IOException {
        Path one = Files.writeString(dir.resolve("one.csv"), "a,b,c,d,label\n1,2,3,4,0\n");
        assertRefused(MainTest.run("train", IRIS, "--data", one.toString()),
                "netgrad train: error: 1 example is too few to hold out 0.2");
    }

    @Test
    void outputPathsThatCannotBeWrittenAreRefusedBeforeTraining() throws IOException {
        Path file = Files.writeString(dir.resolve("notes.txt"), "keep me");
        Path folder = Files.createDirectory(dir.resolve("folder"));
        Path readOnly = Files.writeString(dir.resolve("old.json"), "{}");
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r--r--r--"));
        String[][] cases = {
            {"--plot", dir.resolve("none/loss.png").toString(),
                "netgrad train: error: --plot " + dir.resolve("none/loss.png") + " cannot be written: the folder " + dir.resolve("none") + " does not exist"},
            {"--save", file.resolve("p.json").toString(),
                "netgrad train: error: --save " + file.resolve("p.json") + " cannot be written: " + file + " is a file, not a folder"},
            {"--save", folder.toString(), "netgrad train: error: --save " + folder + " is a folder; give a file name"},
            // A name ending in / is a folder's, which Path drops: "new/" would be written as a file "new".
            {"--save", folder + "/", "netgrad train: error: --save " + folder + "/ is a folder; give a file name\n"},
            {"--save", dir.resolve("new") + "/",
                "netgrad train: error: --save " + dir.resolve("new") + "/ names a folder (it ends in /), but " + dir.resolve("new")
                    + " does not exist; give a file name\n"},
            {"--plot", dir.resolve("new") + "//",
                "netgrad train: error: --plot " + dir.resolve("new") + "// names a folder (it ends in /), but " + dir.resolve("new")
                    + " does not exist; give a file name\n"},
            {"--save", file + "/",
                "netgrad train: error: --save " + file + "/ names a folder (it ends in /), but " + file + " is a file, not a folder; give a file name\n"},
            {"--save", "", "netgrad train: error: --save is empty; give a file name\n"},
            // "-" is standard output to many tools: a file named "-" in the current folder would surprise.
            {"--save", "-", "netgrad train: error: --save is '-', which netgrad does not take for standard output: it writes a file; "
                + "give a file name (./- for a file named -)\n"},
            {"--plot", "-", "netgrad train: error: --plot is '-', which netgrad does not take for standard output: it writes a file; "
                + "give a file name (./- for a file named -)\n"},
            {"--plot", "/dev/null/", "netgrad train: error: --plot /dev/null/ names a folder (it ends in /), but /dev/null is not a folder; give a file name\n"},
            {"--plot", "/dev/null", "netgrad train: error: --plot /dev/null is not a regular file"},
            {"--save", readOnly.toString(), "netgrad train: error: --save " + readOnly + " is read-only; netgrad does not replace it"},
            // Not even root may make files in /sys (read-only or permission denied, whichever the machine says).
            {"--save", "/sys/p.json", "netgrad train: error: --save /sys/p.json cannot be written: the folder /sys does not take new files ("},
            // /proc answers a new file's name with "no such file": the folder is there all the same (it said it did not exist).
            {"--save", "/proc/self/p.json", Files.isDirectory(Path.of("/proc/self"))
                ? "netgrad train: error: --save /proc/self/p.json cannot be written: the folder /proc/self does not take new files"
                    + " (its file system says no such file)\n"
                : "netgrad train: error: --save /proc/self/p.json cannot be written: "},
        };
        for (String[] c : cases) {
            assertRefused(train(c[0], c[1]), c[2]);
        }
        assertEquals("keep me", Files.readString(file));
        assertEquals("{}", Files.readString(readOnly));
        assertFalse(Files.exists(dir.resolve("new")), "no file in the place of the folder asked for");
        assertFalse(Files.exists(Path.of("-")), "no file named - in the current folder");
    }

    /**
     * --plot draws a PNG, and a name with another extension would hold it under a false one (x.txt got a PNG
     * without a word): refused before any work, as matplotlib's savefig refuses a format it cannot write.
     */
    @Test
    void aPlotNamedForAnotherFormatIsRefusedBeforeTraining() {
        String[][] cases = {
            {"cost.txt", "--plot " + dir.resolve("cost.txt") + " ends in .txt, but netgrad draws PNG only; give a name ending in .png ("
                + dir.resolve("cost") + ".png)\n"},
            {"cost.svg", "--plot " + dir.resolve("cost.svg") + " ends in .svg, but netgrad draws PNG only; give a name ending in .png ("
                + dir.resolve("cost") + ".png)\n"},
            {"cost.png.jpg", "--plot " + dir.resolve("cost.png.jpg") + " ends in .jpg, but netgrad draws PNG only; give a name ending in .png ("
                + dir.resolve("cost.png") + ".png)\n"},
            {"cost.", "--plot " + dir.resolve("cost.") + " ends in ., but netgrad draws PNG only; give a name ending in .png ("
                + dir.resolve("cost") + ".png)\n"},
        };
        for (String[] c : cases) {
            Path plot = dir.resolve(c[0]);
            assertRefused(train("--plot", plot.toString()), "netgrad train: error: " + c[1]);
            assertFalse(Files.exists(plot), c[0]);
        }
    }

    /**
     * .png in any case is PNG's, and a name with no extension claims no format: taken as it is, with nothing
     * appended (netgrad writes the file it was told to; savefig's default format is PNG too).
     */
    @Test
    void aPlotNamedPngInAnyCaseOrWithNoExtensionIsDrawnThere() throws IOException {
        for (String name : new String[] {"cost.PNG", "cost", ".png"}) {
            Path plot = dir.resolve(name);
            Run r = train("--epochs", "2", "--plot", plot.toString());
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().contains("wrote cost plot to " + plot + "\n"), r.out());
            byte[] start = java.util.Arrays.copyOf(Files.readAllBytes(plot), 4);
            assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, start, name);
        }
    }

    @Test
    void anOutputThatIsAnInputIsRefusedWhateverItsSpelling() throws IOException {
        Path spec = Files.copy(Path.of(IRIS), dir.resolve("iris.nn"));
        Path data = Files.copy(Path.of(IRIS_CSV), dir.resolve("iris.csv"));
        Path init = Files.writeString(dir.resolve("init.json"), "{}");
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), data);
        Path hard = Files.createLink(dir.resolve("hard.csv"), data);
        Files.createDirectory(dir.resolve("sub"));
        String dataBytes = Files.readString(data);
        String[][] cases = {
            {"--save", data.toString(), "--data " + data},
            {"--plot", data.toString(), "--data " + data},
            {"--save", spec.toString(), "the spec " + spec},
            {"--plot", init.toString(), "--init " + init},
            {"--save", link.toString(), "--data " + data},
            {"--plot", dir.resolve("sub/../iris.csv").toString(), "--data " + data},
            {"--save", hard.toString(), "--data " + data},
        };
        for (String[] c : cases) {
            Run r = MainTest.run("train", spec.toString(), "--data", data.toString(), "--init", init.toString(), c[0], c[1]);
            assertRefused(r, "netgrad train: error: " + c[0] + " " + c[1] + " is the same file as " + c[2]
                    + "; writing it would destroy that input");
        }
        assertEquals(dataBytes, Files.readString(data));
        assertEquals(Files.readString(Path.of(IRIS)), Files.readString(spec));
        assertEquals("{}", Files.readString(init));
    }

    @Test
    void saveAndPlotCannotShareAFile() {
        Path both = dir.resolve("out");
        assertRefused(train("--save", both.toString(), "--plot", both.toString()),
                "netgrad train: error: --plot " + both + " is the same file as --save " + both + "; give each output its own file");
    }

    @Test
    void progressGoesToStderrAndResultsToStdout() throws IOException {
        Path params = dir.resolve("iris.json");
        Path plot = dir.resolve("loss.png");
        System.setProperty(TrainingProgress.STYLE_PROPERTY, "lines");
        Run r;
        try {
            r = train("--epochs", "30", "--save", params.toString(), "--plot", plot.toString(), "--plot-log");
        } finally {
            System.clearProperty(TrainingProgress.STYLE_PROPERTY);
        }
        assertEquals(0, r.code(), r.err());
        List<String> out = r.out().lines().toList();
        assertEquals(5, out.size(), r.out());
        assertTrue(out.get(0).startsWith("Iris: 150 examples (120 to train on, 30 held out)"), r.out());
        assertTrue(out.get(1).startsWith("training: "), r.out());
        assertTrue(out.get(2).startsWith("held out: "), r.out());
        assertEquals(List.of("saved params to " + params, "wrote cost plot to " + plot), out.subList(3, 5));
        assertTrue(r.err().matches("(?s)generating and compiling Iris's trainer\\.\\.\\. [0-9.:]+( s)?\n.*"), r.err());
        assertTrue(r.err().matches("(?s).*\nepoch 10/30  cost [-0-9.e+]+  [0-9.]+ s, [0-9.]+ (epochs/s|s/epoch), [0-9.:]+( s)? left\n.*"),
                r.err());
        assertTrue(r.err().contains("\nepoch 30/30  cost "), r.err());
        assertFalse(r.err().contains("\r"), "no bar in lines style");
        assertTrue(Files.size(plot) > 0);
    }

    @Test
    void theBarCanBeAskedForWithoutATerminal() {
        System.setProperty(TrainingProgress.STYLE_PROPERTY, "bar");
        try {
            Run r = train("--epochs", "5");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.err().contains("\r[##############################] 100%  epoch 5/5  cost "), r.err());
        } finally {
            System.clearProperty(TrainingProgress.STYLE_PROPERTY);
        }
    }

    @Test
    void paramsThatCannotBeSavedWhereAskedAreSavedBesideIt() throws Exception {
        SavedParams params = new SavedParams("Iris", Map.of("W1", new double[][] {{1.5}}),
                Optional.of(new Standardization(new double[] {0}, new double[] {1})));
        Path target = dir.resolve("bc.json");
        Path first = TrainingResults.saveElsewhere(target, params).orElseThrow();
        assertEquals(dir.resolve("bc.recovered.json"), first);
        Path second = TrainingResults.saveElsewhere(target, params).orElseThrow();
        assertEquals(dir.resolve("bc.recovered-2.json"), second, "an earlier rescue is kept");
        assertTrue(Files.readString(second).contains("\"W1\": [\n      [1.5]\n    ]"), Files.readString(second));
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    /**
     * The outputs pass the checks, then a folder takes each one's place while training runs:
     * the params and the plot are written beside the asked-for files and the errors say where;
     * nothing is lost and nothing prints a stack trace.
     */
    @Test
    void paramsThatFailToSaveAfterTrainingAreRescued() throws IOException {
        Path params = dir.resolve("p.json");
        Path plot = dir.resolve("loss.png");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (toString(StandardCharsets.UTF_8).contains("epoch 1/2") && !Files.exists(params)) {
                    try {
                        Files.createDirectories(params.resolve("in the way"));
                        Files.createDirectories(plot.resolve("in the way"));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        int code = Main.run(new String[] {"train", IRIS, "--data", IRIS_CSV, "--epochs", "2", "--save", params.toString(),
            "--plot", plot.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, stderr);
        Path rescued = dir.resolve("p.recovered.json");
        assertTrue(stderr.contains("\n" + params + ": error: cannot write: it is a directory\n")
                && stderr.contains("\nnetgrad train: saved the trained params to " + rescued + " instead\n"), stderr);
        Path drawn = dir.resolve("loss.recovered.png");
        assertTrue(stderr.contains("\n" + plot + ": error: cannot write: it is a directory\n")
                && stderr.contains("\nnetgrad train: drew the cost plot into " + drawn + " instead\n"), stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("\tat "), stderr);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("saved params to " + rescued + "\n"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("wrote cost plot to " + drawn + "\n"));
        assertTrue(Files.readString(rescued).contains("\"standardization\""));
        byte[] png = Files.readAllBytes(drawn);
        assertEquals("\u0089PNG", new String(png, 0, 4, StandardCharsets.ISO_8859_1));
    }

    /** A label column holds a class index; an image target would silently become one lit pixel of one-hot rows. */
    @Test
    void anImageTargetIsRefusedWhereALabelColumnWouldFillIt() throws IOException {
        Path spec = Files.writeString(dir.resolve("ae.nn"), String.join("\n",
                "network Ae {",
                "  input X[2, 2, 1]",
                "  target Y[2, 2, 1]",
                "  param K[1, 1, 1, 1]",
                "  A = sigmoid(conv2d(X, K))",
                "  loss L = sum((A - Y)^2, axis=0)",
                "  cost J = mean(L)",
                "}", ""));
        Path csv = Files.writeString(dir.resolve("ae.csv"), "a,b,c,d,label\n1,2,3,4,1\n4,3,2,1,0\n2,2,2,2,3\n");
        String error = spec + ":3:10: error: a CSV file holds one label a row, a class index one-hot over the rows of "
                + "the target, but Y is an image (2 x 2 x 1 x m), which a label column cannot hold";
        String[][] cases = {
            {"train", spec.toString(), "--data", csv.toString(), "--epochs", "1"},
            {"gradcheck", spec.toString(), "--data", csv.toString()},
            // Its "class" would be the brightest pixel, its label column a class index over pixels.
            {"predict", spec.toString(), "--params", csv.toString(), "--data", csv.toString()},
        };
        for (String[] args : cases) {
            assertRefused(MainTest.run(args), error);
        }
        assertEquals(0, MainTest.run("gradcheck", spec.toString()).code(), "random examples fill an image target");
    }

    /**
     * An --init standardization with a tiny std makes a feature overflow: the trainer refuses a
     * feature that is not finite, so the run is refused before training, naming the feature.
     */
    @Test
    void anInitStandardizationThatOverflowsAFeatureIsRefused() throws IOException {
        Path init = dir.resolve("p.json");
        assertEquals(0, train("--epochs", "0", "--save", init.toString()).code());
        String text = Files.readString(init);
        String std = text.substring(text.indexOf("\"std\": [") + "\"std\": [".length());
        Files.writeString(init, text.replace("\"std\": [" + std.substring(0, std.indexOf(',')), "\"std\": [1.0E-320"));
        Run r = train("--init", init.toString(), "--epochs", "1", "--save", dir.resolve("q.json").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().matches("(?s).*\nnetgrad train: error: cannot standardize feature 1: [0-9.]+ becomes -?Infinity with the initial"
                + " params' standardization \\(mean [0-9.E-]+, standard deviation 1\\.0E-320\\), which does not fit these features\n"), r.err());
        assertFalse(Files.exists(dir.resolve("q.diverged.json")) || Files.exists(dir.resolve("q.json")));
    }

    /**
     * A batchnorm cannot normalize a batch of one example (its variance is 0, and nothing before it
     * would train): a batch size of 1, or one example to train on, is refused, nothing saved; before the
     * trainer is compiled (the spec says whether the network has a batchnorm), so nothing is printed on
     * stdout, where the run's summary said "batch 1" above an error that came seconds later.
     */
    @Test
    void aBatchnormNetworkIsNotTrainedOnBatchesOfOneExample() throws IOException {
        String batchnorm = Path.of("samples/batchnorm.nn").toAbsolutePath().toString();
        Path two = Files.writeString(dir.resolve("two.csv"), "a,b,c,d,label\n1,2,3,4,0\n2,3,4,5,1\n");
        String refused = "netgrad train: error: BatchNorm normalizes over each batch (batchnorm Zn1), which a batch of one example"
                + " cannot do (its variance is 0, and nothing before the batchnorm would train): ";
        Object[][] cases = {
            // {the options, the end of the message}
            {List.of("--data", IRIS_CSV, "--batch", "1"), "use a batch of 2 or more (--batch)\n"},
            {List.of("--data", two.toString(), "--holdout", "0.5"), "train on 2 examples or more\n"},
        };
        for (Object[] c : cases) {
            List<String> args = new ArrayList<>(List.of("train", batchnorm, "--epochs", "2", "--save", dir.resolve("p.json").toString()));
            @SuppressWarnings("unchecked")
            List<String> options = (List<String>) c[0];
            args.addAll(options);
            Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.out() + r.err());
            assertTrue(r.err().endsWith(refused + c[1]), r.err());
            assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
            assertFalse(r.err().contains("generating and compiling"), r.err());
            assertEquals("", r.out());
            assertFalse(Files.exists(dir.resolve("p.json")));
        }
    }
}
