package dev.netgrad.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.data.LossPlot;
import dev.netgrad.data.ParamsFile;
import dev.netgrad.data.SavedParams;
import dev.netgrad.data.Standardization;
import dev.netgrad.data.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What train keeps when its outputs fail it after training: every place it can write (beside the
 * file, then the fallback folders) is made a path under a regular file, which fails as root too;
 * the drawing fails as it does in a process that is ending. Nothing is lost, or the message says so.
 */
class TrainingResultsTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final SavedParams params = new SavedParams("Iris", Map.of("W1", new double[][] {{1.5, -0.25}}),
            Optional.of(new Standardization(new double[] {0, 1}, new double[] {1, 2})));
    private final TrainingRun.Result result = new TrainingRun.Result(params, new double[] {0.7, 0.5}, new double[0],
            new TrainingRun.ScoringStopped(), false, Optional.empty());
    /** A regular file: no file can be made under it. */
    private Path plain;
    private List<Path> noFallback;

    @BeforeEach
    void files() throws IOException {
        plain = Files.writeString(dir.resolve("plain"), "a file, not a folder\n");
        noFallback = List.of(plain, plain.resolve("deeper"));
    }

    private TrainingResults results(Path save, Path plot, TrainingResults.PlotWriter drawing) {
        return new TrainingResults(new PrintWriter(out, true), new PrintWriter(err, true), save, plot, LossPlot.Scale.LINEAR,
                noFallback, drawing);
    }

    @Test
    void paramsThatNoPlaceTakesArePrintedOnStandardOutput() {
        int code = results(plain.resolve("p.json"), null, LossPlot::write).keep("Iris", result);
        assertEquals(Main.USAGE, code, err.toString());
        assertTrue(err.toString().endsWith("netgrad train: error: cannot write the trained params anywhere; here they are on stdout\n"),
                err.toString());
        assertEquals(ParamsFile.json(params), out.toString(), "the params, whole, on stdout");
        assertTrue(out.toString().contains("[1.5, -0.25]") && out.toString().contains("\"standardization\""), out.toString());
    }

    /** A run that diverged with no place for its params said "could not be saved anywhere", and they were lost. */
    @Test
    void divergedParamsThatNoPlaceTakesArePrintedOnStandardOutput() {
        String said = results(plain.resolve("p.json"), null, LossPlot::write).rescue(params, "from before the failing step");
        assertEquals(" The params from before the failing step could not be written anywhere; here they are on stdout.", said);
        assertEquals(ParamsFile.json(params), out.toString(), "the params, whole, on stdout");
        assertEquals("", err.toString());
    }

    /**
     * Params that are not finite, which TrainingRun never gives (it keeps the last finite ones), are said as the bug
     * they would be: every write refused them, and stdout took them as JSON with NaN and Infinity in it, no JSON.
     */
    @Test
    void paramsThatAreNotFiniteAreSaidAsABugNeverPrintedAsJson() {
        // expectation: the params' entry that is not finite, as the message names it
        Object[][] cases = {
            {new SavedParams("Iris", Map.of("W1", new double[][] {{1.5, Double.NaN}}), Optional.empty()), "W1[0][1] is NaN"},
            {new SavedParams("Iris", Map.of("W1", new double[][] {{1.5, 2}}), Map.of("Z1",
                    new dev.netgrad.data.RunningStatistics(new double[] {0}, new double[] {Double.POSITIVE_INFINITY})), Optional.empty()),
                "batchnorm Z1 variance[0] is Infinity"},
            {new SavedParams("Iris", Map.of("W1", new double[][] {{1.5, 2}}),
                    Optional.of(new Standardization(new double[] {0, 1}, new double[] {1, Double.NEGATIVE_INFINITY}))),
                "standardization std[1] is -Infinity"},
        };
        String bug = ", which a params file cannot hold; this is a bug in netgrad (training keeps only finite params):"
                + " please report it with the command line and the input files";
        for (Object[] c : cases) {
            SavedParams broken = (SavedParams) c[0];
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            // Diverged: whatever place could take them (here the folder of --save itself).
            String said = results(dir.resolve("p.json"), null, LossPlot::write).rescue(broken, "from before the failing step");
            assertEquals(" The params from before the failing step cannot be kept: " + c[1] + bug + ".", said);
            assertEquals("", out.toString(), "no JSON that is no JSON");
            assertFalse(Files.exists(dir.resolve("p.diverged.json")));
            // Finished: the same, exit 3.
            TrainingRun.Result finished = new TrainingRun.Result(broken, new double[] {0.7}, new double[0],
                    new TrainingRun.ScoringStopped(), false, Optional.empty());
            int code = results(plain.resolve("p.json"), null, LossPlot::write).keep("Iris", finished);
            assertEquals(Main.INTERNAL_ERROR, code, err.toString());
            assertEquals("netgrad train: error: cannot save the trained params: " + c[1] + bug + "\n", err.toString());
            assertEquals("", out.toString(), "no JSON that is no JSON");
        }
    }

    @Test
    void divergedParamsGoBesideSaveNeverToIt() throws IOException {
        Path save = dir.resolve("p.json");
        String said = results(save, null, LossPlot::write).rescue(params, "from the end of epoch 3");
        Path rescued = dir.resolve("p.diverged.json");
        assertEquals(" The params from the end of epoch 3 are saved to " + rescued + " (not to " + save + ": the run did not finish).", said);
        assertEquals(ParamsFile.json(params), Files.readString(rescued));
        assertFalse(Files.exists(save));
        assertEquals("", out.toString());
    }

    /** A run that diverged drew no plot: the costs of its epochs, which show it going wrong, were lost. */
    @Test
    void aDivergedRunPlotsTheEpochsBeforeItBesidePlot() {
        Path plot = dir.resolve("cost.png");
        Path beside = dir.resolve("cost.diverged.png");
        // plot, costs, expectation (what rescuePlot adds to the divergence's message)
        Object[][] cases = {
            {null, new double[] {0.7, 3e40}, ""},
            {plot, new double[0], " No epoch ended before the failing step, so there is no cost to plot."},
            {plot, new double[] {0.7}, " The cost of the epoch before it is plotted in " + beside + " (not in " + plot
                + ": the run did not finish)."},
            {plot, new double[] {0.7, 3e40}, " The cost of the 2 epochs before it is plotted in " + dir.resolve("cost.diverged-2.png")
                + " (not in " + plot + ": the run did not finish)."},
            {plain.resolve("cost.png"), new double[] {0.7, 3e40}, " The cost of the 2 epochs before it could not be plotted anywhere."},
        };
        for (Object[] c : cases) {
            String said = results(null, (Path) c[0], LossPlot::write).rescuePlot("Iris", (double[]) c[1], new double[0]);
            assertEquals(c[2], said);
        }
        assertTrue(Files.isRegularFile(beside) && !Files.exists(plot), "beside --plot, never --plot itself");
        assertEquals("", out.toString());
    }

    /** Ctrl-C before the first epoch ended: no chart without a curve, and a plot of an earlier run is not replaced by one. */
    @Test
    void aRunStoppedBeforeItsFirstEpochEndedDrawsNoPlot() throws IOException {
        Path save = dir.resolve("p.json");
        Path plot = Files.writeString(dir.resolve("loss.png"), "an earlier run's plot");
        TrainingRun.Result noEpoch = new TrainingRun.Result(params, new double[0], new double[0],
                new TrainingRun.ScoringStopped(), true, Optional.empty());
        int code = results(save, plot, LossPlot::write).keep("Iris", noEpoch);
        assertEquals(Main.OK, code, err.toString());
        assertEquals("netgrad train: no epoch ended, so there is no cost to plot; " + plot + " is left as it was\n", err.toString());
        assertEquals("an earlier run's plot", Files.readString(plot));
        assertEquals("saved params to " + save + "\n", out.toString());
    }

    @Test
    void aPlotThatNoPlaceTakesIsSaidAndTheParamsAreKept() {
        Path save = dir.resolve("p.json");
        int code = results(save, plain.resolve("loss.png"), LossPlot::write).keep("Iris", result);
        assertEquals(Main.USAGE, code, err.toString());
        assertTrue(err.toString().endsWith("netgrad train: error: cannot write the cost plot anywhere\n"), err.toString());
        assertTrue(Files.exists(save) && out.toString().startsWith("saved params to " + save + "\n"), out.toString());
    }

    @Test
    void aPlotThatCannotBeDrawnWhileTheProcessEndsLeavesTheParamsSaved() throws IOException {
        Path save = dir.resolve("p.json");
        Path plot = dir.resolve("loss.png");
        int code = results(save, plot, (file, costs, heldOut, title, scale) -> {
            throw new IllegalStateException("Shutdown in progress");
        }).keep("Iris", result);
        assertEquals(Main.USAGE, code, err.toString());
        assertEquals("netgrad train: error: cannot draw " + plot + " while the process ends: Shutdown in progress\n", err.toString());
        assertEquals("saved params to " + save + "\n", out.toString());
        assertEquals(ParamsFile.json(params), Files.readString(save));
        assertFalse(Files.exists(plot));
    }

    /** A log-scale plot leaves out costs of 0 or less (a regression fitted exactly): said, not an empty chart without a word. */
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # training costs | held-out costs | scale  | standard error
            0.7 0.5          | ''             | LOG    | ''
            0.7 0            | ''             | LOG    | 'netgrad train: warning: --plot-log leaves out 1 cost of 0 or less from PLOT (a log scale shows positive costs only); draw it without --plot-log to see it'
            0 0 0            | 0 0 -1         | LOG    | 'netgrad train: warning: --plot-log leaves out 6 costs of 0 or less from PLOT (a log scale shows positive costs only); draw it without --plot-log to see them'
            0.7 NaN          | 0.5 Infinity   | LOG    | ''
            0 0 0            | ''             | LINEAR | ''
            """)
    void aLogScaleSaysWhichCostsItLeavesOut(String costs, String heldOut, LossPlot.Scale scale, String said) {
        TrainingRun.Result run = new TrainingRun.Result(params, numbers(costs), numbers(heldOut), new TrainingRun.ScoringStopped(),
                false, Optional.empty());
        Path plot = dir.resolve("cost.png");
        int code = new TrainingResults(new PrintWriter(out, true), new PrintWriter(err, true), null, plot, scale, noFallback,
                (file, c, h, title, s) -> { }).keep("Lin", run);
        assertEquals(Main.OK, code, err.toString());
        assertEquals(said.isEmpty() ? "" : said.replace("PLOT", plot.toString()) + "\n", err.toString());
    }

    private static double[] numbers(String text) {
        return text.isBlank() ? new double[0] : Arrays.stream(text.trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
    }
}
