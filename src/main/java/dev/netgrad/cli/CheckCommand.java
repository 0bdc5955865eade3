package dev.netgrad.cli;

import dev.netgrad.English;
import dev.netgrad.data.DataException;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.EquationChecker;
import dev.netgrad.diff.EquationChecker.Missing;
import dev.netgrad.diff.EquationChecker.Report;
import dev.netgrad.diff.EquationChecker.Status;
import dev.netgrad.diff.EquationChecker.Verdict;
import dev.netgrad.ir.Matrix;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code netgrad check SPEC EQUATIONS}: judges a hand-written backward pass line by line.
 * Correct lines say which numerator they match; wrong ones are reported like compiler errors.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        description = {"Judges your hand-written backward pass, line by line.",
            "The .eq file holds one `dNAME = expr` a line. Each line is judged as written, with your earlier lines",
            "substituted: which numerator it equals (dL, d(sum L) or dJ), or how it differs (1/m missing or applied",
            "twice, a transpose, an activation's derivative, a shape, a value that is not finite). A line that is",
            "right given right earlier lines says which wrong line it inherits from. Exit 0 when every param",
            "gradient equals dJ/dP, 1 when a line is wrong (its own or inherited) or missing, or is judged only on",
            "one side of a comparison that no instance crosses."})
public final class CheckCommand implements Callable<Integer> {
    public static final int WRONG = 1;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path specFile;

    @Parameters(index = "1", paramLabel = "EQUATIONS", description = "your equations (.eq); - reads them from standard input")
    Path equationFile;

    @Override
    public Integer call() {
        requireInOrder();
        String specText = SpecFiles.readText(specFile);
        Network network = SpecFiles.readSpec(specFile, specText);
        requireEvaluable(network, specText);
        // "-": standard input (netgrad derive spec.nn | netgrad check spec.nn -), named <stdin> in messages.
        boolean fromStdin = equationFile.toString().equals(DataException.STANDARD_INPUT);
        if (fromStdin && ClosedStandardInput.closed()) {
            throw new UserError(Main.USAGE, DataException.inFile(SpecFiles.STDIN_NAME, DataException.cannotReadMessage(
                    "standard input is closed; pipe the equations in (netgrad derive x.nn | netgrad check x.nn -) or give their file instead of -"))
                    .getMessage());
        }
        String source = fromStdin ? SpecFiles.readStandardInput(System.in) : SpecFiles.readText(equationFile);
        Path shown = fromStdin ? Path.of(SpecFiles.STDIN_NAME) : equationFile;
        List<EquationLine> lines = SpecFiles.readEquations(shown, source, network);
        Report report = EquationChecker.check(network, lines);
        PrintWriter out = spec.commandLine().getOut();
        for (Verdict v : report.verdicts()) {
            out.print(describe(v, shown, source));
        }
        if (lines.isEmpty() && !report.missingParams().isEmpty()) {
            // One error, not one per param each at 1:1 under the same (empty or comment) line.
            String wanted = report.missingParams().stream().map(m -> m.name() + " (" + m.shape() + ")")
                    .collect(java.util.stream.Collectors.joining(", "));
            out.print(DiagnosticFormatter.format(List.of(new Diagnostic(shown.toString(), 1, 1,
                    "the file has no equations: every param needs its dJ/dP, here " + wanted)), source));
        } else {
            SourcePos end = lines.isEmpty() ? new SourcePos(1, 1) : lines.get(lines.size() - 1).end();
            for (Missing missing : report.missingParams()) {
                out.print(DiagnosticFormatter.format(List.of(new Diagnostic(shown.toString(), end.line(), end.column(),
                        "no line for " + missing.name() + ", dJ/d" + missing.param() + " (" + missing.shape()
                        + "): every param needs its dJ/dP")), source));
            }
        }
        // A network whose cost is C, or with another value named J, reads the messages' dJ/dW1 wrongly otherwise.
        out.println(summary(report, lines.size()) + TextPrinter.symbolsClause(network, Convention.LOSS));
        return report.passed() ? Main.OK : WRONG;
    }

    /**
     * check evaluates the network on random values, so each param must fit in a Java array: a filter bank
     * of 4 x 4 x 16384 x 16384 (2^32 entries) was an internal error, its size wrapped around an int.
     */
    private void requireEvaluable(Network network, String specText) {
        for (Param p : network.params()) {
            long entries = (long) p.shape().rows() * p.shape().cols();
            if (entries > Matrix.MAX_ENTRIES) {
                throw SpecFiles.errorAt(specFile, specText, p.pos(), "param " + p.name() + " (" + p.shape() + ") has "
                        + entries + " entries, more than a Java array can hold: check evaluates the network on random"
                        + " values, so it cannot judge equations of a network this large (derive prints its backward pass)");
            }
        }
    }

    /** The network comes first: an equation file named first and a spec second were given the other way round. */
    private void requireInOrder() {
        String first = specFile.getFileName() == null ? "" : specFile.getFileName().toString();
        String second = equationFile.getFileName() == null ? "" : equationFile.getFileName().toString();
        if (first.endsWith(".eq") && second.endsWith(".nn")) {
            throw UserError.usage("netgrad check", "the network comes first, then your equations: "
                    + "netgrad check " + equationFile + " " + specFile);
        }
    }

    /** Mistakes of their own and lines wrong only through them are counted apart. */
    private static String summary(Report report, int lines) {
        if (report.passed()) {
            return "check: " + lines + " lines, every param gradient equals dJ/dP";
        }
        long wrong = report.count(Status.WRONG);
        long inherited = report.count(Status.INHERITED);
        int missing = report.missingParams().size();
        long notJudged = report.count(Status.NOT_JUDGED);
        long oneSided = report.count(Status.ONE_SIDED);
        String unjudged = (notJudged == 0 ? "" : ", " + notJudged + " not judged (values not finite)")
                + (oneSided == 0 ? "" : ", " + oneSided + " judged only on one side of a comparison");
        if (wrong == 0 && inherited == 0 && missing == 0 && oneSided > 0) {
            return "check: " + lines + (lines == 1 ? " line" : " lines") + ", none wrong, but " + oneSided + " judged only on one side"
                    + " of a comparison, which no instance crosses" + (notJudged == 0 ? "" : ", " + notJudged + " not judged (values not finite)");
        }
        if (wrong == 0 && inherited == 0 && missing == 0 && notJudged > 0) {
            return "check: " + lines + (lines == 1 ? " line" : " lines") + ", none wrong, but " + notJudged + " could not be judged"
                    + " at these values (not finite)";
        }
        if (wrong == 0 && inherited == 0) {
            // Only gradients missing: "0 of 5 lines wrong" read as a count of what failed.
            return "check: " + (lines == 0 ? "no equations, " : English.count(lines, "line") + ", none wrong, but ")
                    + English.count(missing, "param gradient") + " missing" + unjudged;
        }
        return "check: " + wrong + " of " + lines + " lines wrong"
                + (inherited == 0 ? "" : ", " + inherited + " more wrong only through " + (wrong == 1 ? "it" : "them"))
                + (missing == 0 ? "" : ", " + English.count(missing, "param gradient") + " missing") + unjudged;
    }

    /** A verdict's lines, the equations' file named {@code shown} (<stdin> for "-"). */
    private static String describe(Verdict v, Path shown, String source) {
        EquationLine line = v.line();
        // Standard output is not escaped as standard error is: the file's name could drive the terminal.
        String where = DiagnosticFormatter.escapeName(shown.toString()) + ":" + line.pos().line() + ": ";
        return switch (v.status()) {
            case CORRECT -> where + line.name() + " ok: " + v.message() + "\n";
            case INHERITED, ONE_SIDED, GIVEN_ONE_SIDED, NOT_JUDGED -> where + line.name() + " " + v.message() + "\n";
            case HELPER -> where + line.name() + ": " + v.message() + "\n";
            // The caret points at the right-hand side, what is wrong, not at the name before it.
            case WRONG -> DiagnosticFormatter.format(List.of(new Diagnostic(shown.toString(),
                    line.valueStart().line(), line.valueStart().column(), line.name() + " " + v.message())), source);
        };
    }
}
