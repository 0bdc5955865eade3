package dev.netgrad.cli;

import dev.netgrad.Compilation;
import dev.netgrad.Compilation.Format;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.DerivationException;
import dev.netgrad.spec.DiagnosticFormatter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code netgrad derive SPEC}: prints the backward pass, each equation with its numerator (dL,
 * d(sum L), dJ) and shape, then the 1/m check.
 */
@Command(name = "derive",
        mixinStandardHelpOptions = true,
        description = {"Derives the network's backward pass and prints it.",
            "Each equation comes with its numerator (dL, d(sum L) or dJ) and shape, then the check that 1/m",
            "appears exactly once on every path."})
public final class DeriveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SPEC", description = "the network spec (.nn)")
    Path file;

    @Option(names = "--convention", paramLabel = "loss|cost", defaultValue = "loss",
            converter = ConventionConverter.class,
            description = {"loss (default): per-example values get dL, params dJ, as in the course;",
                "cost: every value gets dJ, so the 1/m enters at the top"})
    Convention convention;

    @Option(names = "--format", paramLabel = "text|latex|markdown|json", defaultValue = "text",
            converter = FormatConverter.class,
            description = "text (default; parses back as an equation file), latex, markdown or json")
    Format format;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            spec.commandLine().getOut().print(Compilation.of(SpecFiles.readSpec(file), convention).equations(format));
            return Main.OK;
        } catch (DerivationException e) {
            return internalError(e, err);
        }
    }

    /** A derivation that broke its own 1/m invariant is netgrad's bug, not the user's: exit 3. */
    static int internalError(DerivationException e, PrintWriter err) {
        // Its message starts "internal error:", as rustc's "error: internal compiler error:" does.
        err.println(DiagnosticFormatter.error("netgrad", e.getMessage()));
        err.println("This is a bug in netgrad; please report it with the command line and the spec.");
        return Main.INTERNAL_ERROR;
    }

    static final class ConventionConverter implements ITypeConverter<Convention> {
        @Override
        public Convention convert(String value) {
            return Convention.of(value)
                    .orElseThrow(() -> new TypeConversionException("expected loss or cost, found '" + value + "'"));
        }
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            return lookup(Format.class, value, "text, latex, markdown or json");
        }
    }

    private static <E extends Enum<E>> E lookup(Class<E> type, String value, String expected) {
        for (E e : type.getEnumConstants()) {
            if (e.name().toLowerCase(Locale.ROOT).equals(value)) {
                return e;
            }
        }
        throw new TypeConversionException("expected " + expected + ", found '" + value + "'");
    }
}
