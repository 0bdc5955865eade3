package dev.netgrad;

import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.diff.Convention;
import dev.netgrad.diff.Derivation;
import dev.netgrad.diff.DerivativeTooLargeException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.print.JsonPrinter;
import dev.netgrad.print.LatexPrinter;
import dev.netgrad.print.MarkdownPrinter;
import dev.netgrad.print.TextPrinter;
import dev.netgrad.spec.LineBreaks;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * netgrad in one place: a spec's text through every stage, each reading only the result of the
 * one before.
 *
 * <pre>
 *   text  -- parse (spec.syntax) -- check (spec.check) -------------------&gt; Network
 *         -- lower, differentiate, verify the 1/m, simplify, stabilize (diff) -&gt; Derivation
 *         -- print (print) or generate (codegen) ---------------------------&gt; equations, Java
 * </pre>
 *
 * The front end collects every error of a stage, then stops before the next with a
 * {@link SpecException}, as does a backward pass too large to write out; the 1/m check stops with a {@code DerivationException}, which is a bug in
 * netgrad rather than in the spec. The command line and the Maven plugin both go through here, so
 * they agree to the byte.
 */
public record Compilation(Network network, Derivation derivation) {
    /** The formats of the printed equations, by the name users type. */
    public enum Format {
        TEXT(TextPrinter::print),
        LATEX(LatexPrinter::print),
        MARKDOWN(MarkdownPrinter::print),
        JSON(JsonPrinter::print);

        private final Function<Derivation, String> printer;

        Format(Function<Derivation, String> printer) {
            this.printer = printer;
        }
    }

    public Compilation {
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(derivation, "derivation");
    }

    /**
     * The whole front and middle of the pipeline: text to derivation. A backward pass too large to
     * write out is an error in the spec, at its statement, as the front end's are.
     */
    public static Compilation of(String path, String text, Convention convention) throws SpecException {
        return of(SpecReader.read(path, text), text, convention); // parse, then check
    }

    /**
     * The derivation of a network already read from {@code text}, for a caller that asks something of
     * the network first (the plugin: whether its class can exist at all, before the derivation's cost).
     */
    public static Compilation of(Network network, String text, Convention convention) throws SpecException {
        try {
            return of(network, convention);
        } catch (DerivativeTooLargeException e) {
            throw new SpecException(List.of(e.diagnostic()), LineBreaks.normalized(text));
        }
    }

    /** A checked network's derivation (see {@link Deriver#derive} for its stages). */
    public static Compilation of(Network network, Convention convention) {
        return new Compilation(network, Deriver.derive(network, convention));
    }

    /** The derived backward pass, printed. */
    public String equations(Format format) {
        return format.printer.apply(derivation);
    }

    /** The Java trainer class in {@code packageName} ("" for none). */
    public String trainer(String packageName) {
        return TrainerGenerator.generate(derivation, packageName);
    }

    /** The simple name of the trainer class. */
    public String trainerClassName() {
        return TrainerGenerator.className(network);
    }
}
