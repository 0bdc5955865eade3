package dev.netgrad.cli;

import dev.netgrad.English;
import dev.netgrad.codegen.CompiledTrainer;
import dev.netgrad.codegen.GradientCheck;
import dev.netgrad.codegen.RandomExamples;
import dev.netgrad.data.CsvReader;
import dev.netgrad.data.DataException;
import dev.netgrad.data.DataLayout;
import dev.netgrad.data.Dataset;
import dev.netgrad.data.Standardization;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.runtime.FiniteDifferences;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Statement;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad gradcheck SPEC [--data CSV] [--seed N]}: the course's gradient check, run on the
 * generated class compiled in memory. Exit 1 when a param's relative difference is not below 1e-7
 * ({@link FiniteDifferences#agrees}) and not within the differences' own error.
 */
@Command(name = "gradcheck",
        mixinStandardHelpOptions = true,
        description = {
            "Checks the generated trainer's gradients against finite differences.",
            "Compiles the network's generated trainer in memory and compares each param's gradient with centred "
                + "differences of its cost, (J(p + h) - J(p - h)) / 2h with h = 1e-6 max(1, |p|) for each entry p, as the "
                + "course's gradient check: ||g - g_fd|| / (||g|| + ||g_fd||), right below 1e-7 (exit 1 from it), and exit 1 when a param "
                + "could not be checked.",
            "Where a difference cannot tell, the entry is left out and its param's line says which and why: a step that "
                + "crosses a kink (a relu's, a max pool's) or a pole (1 / Z, log, sqrt), the cost not finite a step away, "
                + "an entry too large to move. A param whose difference from the gradient is within the differences' own "
                + "rounding and truncation error passes, said not to be compared.",
            "Params start from the spec's seeded init, moved off every kink; dropout masks are drawn once (seeded); a "
                + "param with more than --entries entries is checked on a seeded sample of them. The whole rule: "
                + "docs/command-line.md, \"How gradcheck decides\"."})
public final class GradcheckCommand implements Callable<Integer>, NumericOptions {
    /** The most examples a check uses: finite differences need many costs, and a few dozen examples show any error. */
    static final int MAX_EXAMPLES = 200;

    /** Every example is in each of the thousands of costs the differences take: more only slows the check. */
    static final OptionRange EXAMPLES = new OptionRange("--examples", 1, 10_000, "a few dozen show any error");
    static final OptionRange ENTRIES = new OptionRange("--entries", 1, 100_000, "each entry costs two passes");

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Option(names = "--data", paramLabel = "CSV",
            description = {"examples to check on (features standardized, last column the label);",
                "a file of more rows than --examples (given) or " + MAX_EXAMPLES + " gives a seeded sample of that many;",
                "default: seeded random inputs with targets the loss expects (one-hot, 0/1 or reals)"})
    Path data;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "" + FiniteDifferences.SEED,
            description = "seeds params, examples, masks and samples (default " + FiniteDifferences.SEED + ")")
    long seed;

    @Option(names = "--examples", paramLabel = "M", defaultValue = "" + FiniteDifferences.EXAMPLES,
            description = {"how many seeded random examples (default " + FiniteDifferences.EXAMPLES + ");",
                "with --data, the most rows of the file checked on (default " + MAX_EXAMPLES + ")"})
    int examples;

    @Option(names = "--entries", paramLabel = "K", defaultValue = "" + FiniteDifferences.ENTRIES,
            description = "the most entries checked per param (default " + FiniteDifferences.ENTRIES + ")")
    int entries;

    @Override
    public Map<String, String> allowedValues() {
        return Map.of("--examples", EXAMPLES.allowed(), "--entries", ENTRIES.allowed(), "--seed", OptionRange.seed().allowed());
    }

    @Override
    public Integer call() {
        EXAMPLES.check("gradcheck", examples);
        ENTRIES.check("gradcheck", entries);
        Network network = data == null ? SpecFiles.readTrainable(file) : SpecFiles.readLabelled(file);
        Derivation d;
        try {
            d = Deriver.derive(network, Convention.LOSS);
        } catch (DerivationException e) {
            return DeriveCommand.internalError(e, spec.commandLine().getErr());
        }
        CompiledTrainer trainer;
        try {
            trainer = CompiledTrainer.of(d, seed);
        } catch (IllegalArgumentException e) {
            throw UserError.usage("netgrad gradcheck", "cannot generate a trainer for " + file + ": " + e.getMessage());
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[][][] batch = data == null ? randomBatch(network, trainer, random) : csvBatch(network, random);
        trainer.setMasks(RandomExamples.masks(d, batch[0].length, random));
        GradientCheck.prepare(trainer, d, batch[0], batch[1], seed);
        double cost = trainer.cost(batch[0], batch[1]);
        if (!Double.isFinite(cost)) {
            return notFinite(network, trainer, batch[0].length, cost);
        }
        List<GradientCheck.ParamResult> results = GradientCheck.run(trainer, d, batch[0], batch[1], entries, seed);
        return report(network, batch[0].length, results, zerosCause(network, batch[0]));
    }

    /**
     * A cost that is not finite at the checked point: differences of it are NaN, and calling every
     * gradient "WRONG" would blame the derivatives for the forward pass. Names the first value of
     * the forward pass, in the spec's order, with an entry that is not finite.
     */
    private int notFinite(Network network, CompiledTrainer trainer, int m, double cost) {
        PrintWriter out = spec.commandLine().getOut();
        String where = "";
        for (Statement s : network.statements()) {
            double[][] value;
            try {
                value = trainer.value(s.name());
            } catch (IllegalArgumentException e) {
                continue; // a value the trainer keeps no buffer of
            }
            String found = firstNotFinite(value);
            if (found != null) {
                where = String.format(Locale.ROOT, "; %s (line %d) is the first value that is not finite: %s", s.name(), s.pos().line(), found);
                break;
            }
        }
        out.printf(Locale.ROOT, "gradcheck %s: the cost is %s on %s, so no gradient can be compared%s%n", network.name(), cost,
                examplesChecked(m), where);
        return 1;
    }

    /** What the check runs on: "16 seeded random examples", "1 seeded random example" or "400 examples of data.csv". */
    private String examplesChecked(int m) {
        String examples = m == 1 ? " example" : " examples";
        return data == null ? m + " seeded random" + examples : m + examples + " of " + data;
    }

    /** "NaN at row r, column c" (or Infinity) for the first entry of {@code value} that is not finite, or null. */
    private static String firstNotFinite(double[][] value) {
        for (int r = 0; r < value.length; r++) {
            for (int c = 0; c < value[r].length; c++) {
                if (!Double.isFinite(value[r][c])) {
                    return value[r][c] + " at row " + (r + 1) + ", column " + (c + 1) + " (example " + (c + 1) + ")";
                }
            }
        }
        return null;
    }

    private double[][][] randomBatch(Network network, CompiledTrainer trainer, SplittableRandom random) {
        double[][] x = RandomExamples.inputs(examples, trainer.inputSize(), random);
        double[][] y = RandomExamples.targets(examples, trainer.targetSize(), RandomExamples.targetKind(network), random);
        return new double[][][] {x, y};
    }

    private double[][][] csvBatch(Network network, SplittableRandom random) {
        try {
            Dataset all = CsvReader.readDataset(data, DataLayout.of(network));
            // At most that many distinct rows, in file order, drawn as the check draws a param's entries.
            int most = rowsOfData();
            Dataset used = all.size() <= most ? all : all.rows(FiniteDifferences.sample(all.size(), most, random));
            double[][] x = Standardization.fit(used.features()).apply(used.features());
            return new double[][][] {x, used.targets(network.targets().get(0).rows())};
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.messageFor("gradcheck"));
        }
    }

    /**
     * The most rows of --data checked on: --examples where the user gave it, else MAX_EXAMPLES. Someone who
     * writes both means a sample of that size (a quicker check, or a wider one); ignoring it said nothing.
     */
    private int rowsOfData() {
        return spec.commandLine().getParseResult().hasMatchedOption("--examples") ? examples : MAX_EXAMPLES;
    }

    /**
     * A gradient checked on a sample of its entries agrees there only: a slip confined to a few entries of a large
     * param (one row of a 64 x 64 dW) is missed about as often as the sample passes over them. Said in the verdict.
     */
    private static String sampled(List<GradientCheck.ParamResult> results) {
        long count = results.stream().filter(GradientCheck.ParamResult::sampled).count();
        if (count == 0) {
            return "";
        }
        int largest = results.stream().mapToInt(GradientCheck.ParamResult::entries).max().orElse(0);
        return "; " + count + " of " + results.size() + " params checked on a seeded sample of their entries ("
                + (largest <= ENTRIES.max() ? "--entries " + largest + " checks every one" : "--entries " + ENTRIES.max() + " checks more")
                + ")";
    }

    private static String checkedText(GradientCheck.ParamResult r) {
        if (r.sampled()) {
            return r.checked() + " of " + r.entries() + " entries (seeded sample)";
        }
        return r.entries() == 1 ? "its 1 entry" : "all " + r.entries() + " entries";
    }

    /** The i-th text, padded to the longest of the column. */
    private static String pad(List<String> column, int i) {
        int width = column.stream().mapToInt(String::length).max().orElse(0);
        return column.get(i) + " ".repeat(width - column.get(i).length());
    }

    /**
     * "relative difference 1.23e-09  ok" and the like, followed by how many entries had no difference,
     * and why, when there are any; or, when none had one, that the param was not checked and why.
     */
    static String verdict(GradientCheck.ParamResult r) {
        if (r.notChecked()) {
            return "not checked: " + r.leftOutWhy();
        }
        String compared = String.format(Locale.ROOT, "relative difference %.2e  %s", r.difference(), comparison(r));
        if (r.leftOut() == 0) {
            return compared;
        }
        return String.format(Locale.ROOT, "%s; %d of %d entries not compared: %s", compared, r.leftOut(), r.checked(),
                r.leftOutWhy());
    }

    /** "ok", "WRONG", or why a param above the threshold passed, with the numbers. */
    private static String comparison(GradientCheck.ParamResult r) {
        if (r.onlyZeros()) {
            return "ok, but only zeros compared (the gradient and the differences are 0 in every entry)";
        }
        if (r.withinRounding()) {
            return String.format(Locale.ROOT, "ok (|g - g_fd| = %.1e <= %.1e, the differences' rounding: too small to compare)",
                    r.absolute(), r.floor());
        }
        if (r.withinTruncation()) {
            return String.format(Locale.ROOT, "ok (|g - g_fd| = %.1e <= %.1e, the differences' truncation error (measured "
                    + "with 2h): not compared at %.0e)", r.absolute(), r.floor(),
                    GradientCheck.THRESHOLD);
        }
        return r.passed() ? "ok" : "WRONG";
    }

    /** "; 3 of 4 params within rounding, not compared", naming truncation too when it excused any; "" when none. */
    private static String notCompared(int withinRounding, int withinTruncation, int params) {
        if (withinRounding + withinTruncation == 0) {
            return "";
        }
        String first = withinRounding > 0 ? withinRounding + " of " + params + " params within rounding"
                : withinTruncation + " of " + params + " params within the differences' truncation error";
        String second = withinRounding > 0 && withinTruncation > 0
                ? " and " + withinTruncation + " within the differences' truncation error" : "";
        return "; " + first + second + ", not compared";
    }

    /** Why no param could be compared, with what may help. */
    private String uncomparedCause(int withinRounding, int withinTruncation) {
        if (withinTruncation == 0) {
            String elsewhere = data == null ? "another --seed draws other examples" : "without --data, gradcheck compares on random examples";
            return "rounding (is the cost, or a term of it, very large? " + elsewhere + ")";
        }
        if (withinRounding == 0) {
            return "their truncation error (does the cost bend sharply within steps of 1e-6 max(1, |p|), or are the params "
                    + "that small?)";
        }
        return "rounding or their truncation error";
    }

    /**
     * A param whose gradient and differences were 0 in every compared entry agrees, as 0 agrees with 0, and that
     * proves nothing of its derivatives: a wrong factor times 0 is 0 too. Said as a warning, not a failure: the
     * gradient is right at this point, and the course's check (0 / 0) and PyTorch's gradcheck pass it silently.
     */
    private void warnOfZeros(List<String> zeros, int m, String cause) {
        if (zeros.isEmpty()) {
            return;
        }
        boolean one = zeros.size() == 1;
        String names = one ? zeros.get(0) : String.join(", ", zeros.subList(0, zeros.size() - 1)) + " and " + zeros.get(zeros.size() - 1);
        String said = one
                ? names + "'s gradient and its finite differences are 0 in every entry checked, so its check compared only zeros and"
                        + " proves nothing of its derivatives: on " + examplesChecked(m) + " nothing " + names + " does"
                : "the gradients of " + names + " and their finite differences are 0 in every entry checked, so their checks compared"
                        + " only zeros and prove nothing of their derivatives: on " + examplesChecked(m) + " nothing they do";
        spec.commandLine().getErr().println("netgrad gradcheck: warning: " + said
                + " reaches the cost (" + cause + ")");
    }

    /**
     * Why nothing a param does may reach the cost on the examples checked, where the check itself makes it so: features of
     * --data that standardize to 0 on every row checked (one row, or rows alike), or a batchnorm over one example (each
     * value its own mean, so its output is beta's whatever comes before it); else what the network may do.
     */
    private String zerosCause(Network network, double[][] x) {
        String input = network.inputs().get(0).name();
        if (data != null && Arrays.stream(x).allMatch(row -> Arrays.stream(row).allMatch(v -> v == 0))) {
            return "each feature of " + data + " holds one value on the " + English.count(x.length, "row")
                    + " checked, which standardizing makes 0, so " + input + " is 0 in every entry: give rows whose features differ";
        }
        if (x.length == 1 && !network.batchnorms().isEmpty()) {
            return "a batchnorm over 1 example, as " + network.batchnorms().get(0) + "'s, makes each value its own mean, so "
                    + "nothing before it reaches the cost: check on 2 examples or more (--examples)";
        }
        return "a filter whose windows see only padding, say, or units dead on every example";
    }

    private int report(Network network, int m, List<GradientCheck.ParamResult> results, String zerosCause) {
        PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "gradcheck %s: %s, centred differences with steps h = %.0e max(1, |p|), seed %d%n",
                network.name(), examplesChecked(m), GradientCheck.EPSILON, seed);
        List<String> names = results.stream().map(GradientCheck.ParamResult::name).toList();
        // The param's declared shape: a filter bank reads f x f x c_in x c_out, not its stored rows x columns.
        List<String> shapes = results.stream().map(r -> network.param(r.name()).map(p -> p.shape().toString())
                .orElse(r.rows() + " x " + r.cols())).toList();
        List<String> checked = results.stream().map(GradcheckCommand::checkedText).toList();
        double worst = 0;
        int failed = 0;
        int withinRounding = 0;
        int withinTruncation = 0;
        int notChecked = 0;
        for (int i = 0; i < results.size(); i++) {
            GradientCheck.ParamResult r = results.get(i);
            out.printf(Locale.ROOT, "  %s  %s  %s  %s%n", pad(names, i), pad(shapes, i), pad(checked, i), verdict(r));
            worst = r.withinError() ? worst : Math.max(worst, r.difference());
            failed += r.passed() || r.notChecked() ? 0 : 1;
            withinRounding += r.withinRounding() ? 1 : 0;
            withinTruncation += r.withinTruncation() ? 1 : 0;
            notChecked += r.notChecked() ? 1 : 0;
        }
        List<String> zeros = results.stream().filter(GradientCheck.ParamResult::onlyZeros).map(GradientCheck.ParamResult::name).toList();
        warnOfZeros(zeros, m, zerosCause);
        if (failed == 0 && notChecked > 0) {
            // A gradient that could not be checked is not known to agree: the check did not happen.
            out.printf(Locale.ROOT, "%d of %d params not checked: none of their entries had a difference and a gradient "
                    + "that can be compared (the reason is on the param's line)%n", notChecked, results.size());
            return 1;
        }
        if (failed == 0 && withinRounding + withinTruncation == results.size()) {
            // Nothing was compared (labels near 1e100 make a cost whose rounding hides every gradient):
            // "agrees" would claim a check that did not happen.
            out.printf(Locale.ROOT, "no gradient could be compared: finite differences of this cost cannot tell any param's "
                    + "gradient from %s%n", uncomparedCause(withinRounding, withinTruncation));
            return 1;
        }
        if (failed == 0 && withinRounding + withinTruncation + zeros.size() == results.size()) {
            // 0 agrees with 0 whatever the derivative's formula: with every other param within the differences'
            // error, nothing of the derivatives was checked, and "agrees" would claim a check that did not happen.
            out.printf(Locale.ROOT, "no gradient could be compared but as zeros: %d of %d params compared only zeros (see the "
                    + "warning)%s%n", zeros.size(), results.size(), notCompared(withinRounding, withinTruncation, results.size()));
            return 1;
        }
        if (failed == 0) {
            // A param within the differences' own error was not compared, and one that compared only zeros proved
            // nothing: "every gradient agrees" would claim them too (a doubled gradient near a pole passes within
            // truncation; a doubled gradient of 0 is 0).
            String which = withinRounding + withinTruncation + zeros.size() == 0 ? "every gradient" : "every compared gradient";
            out.printf(Locale.ROOT, "%s agrees with finite differences (largest relative difference %.2e < %.0e%s%s%s)%n",
                    which, worst, GradientCheck.THRESHOLD, notCompared(withinRounding, withinTruncation, results.size()),
                    zeros.isEmpty() ? "" : "; " + zeros.size() + " of " + results.size() + " compared only zeros", sampled(results));
            return Main.OK;
        }
        out.printf(Locale.ROOT, "%d of %d params have gradients that differ from finite differences by more than %.0e%n",
                failed, results.size(), GradientCheck.THRESHOLD);
        return 1;
    }
}
