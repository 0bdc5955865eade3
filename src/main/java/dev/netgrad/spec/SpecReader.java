package dev.netgrad.spec;

import dev.netgrad.spec.ast.EquationAst;
import dev.netgrad.spec.ast.SpecAst;
import dev.netgrad.spec.check.EquationFileChecker;
import dev.netgrad.spec.check.NetworkChecker;
import dev.netgrad.spec.syntax.Parsing;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The front end's door: {@code .nn} text to a checked {@link Network}, and {@code .eq} text to
 * checked equation lines. Each stage collects every error it finds; a stage with errors stops the
 * read with a {@link SpecException} holding them all.
 */
public final class SpecReader {
    private SpecReader() {
    }

    /** Reads a network spec; {@code path} is used in diagnostics and recorded in the network. */
    public static Network read(String path, String text) throws SpecException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        return run(path, LineBreaks.normalized(text), read -> {
            Diagnostics diagnostics = new Diagnostics(path);
            try {
                Optional<SpecAst> ast = Parsing.spec(read, diagnostics);
                Optional<Network> network = ast.flatMap(a -> NetworkChecker.check(a, path, diagnostics));
                return network.orElseThrow(() -> failure(diagnostics, read));
            } catch (Diagnostics.TooManyErrors e) {
                throw failure(diagnostics, read);
            }
        });
    }

    /**
     * Reads an equation file against a network read by {@link #read}. {@code derivativeNames} maps
     * each derivative name the derivation prints to the value or param it differentiates
     * ({@code dW_2} to {@code W} when the spec has a value named {@code dW}): the derivation's own
     * naming, so that its output reads back.
     */
    public static List<EquationLine> readEquations(String path, String text, Network network,
            Map<String, String> derivativeNames) throws SpecException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(network, "network");
        Objects.requireNonNull(derivativeNames, "derivativeNames");
        return run(path, LineBreaks.normalized(text), read -> {
            Diagnostics diagnostics = new Diagnostics(path);
            try {
                Optional<List<EquationAst>> lines = Parsing.equations(read, diagnostics);
                Optional<List<EquationLine>> checked = lines.flatMap(
                        l -> EquationFileChecker.check(l, network, derivativeNames, diagnostics));
                return checked.orElseThrow(() -> failure(diagnostics, read));
            } catch (Diagnostics.TooManyErrors e) {
                throw failure(diagnostics, read);
            }
        });
    }

    /** A stage over the text, its lone carriage returns made newlines (see {@link LineBreaks#normalized}). */
    private interface Stage<T> {
        T run(String text) throws SpecException;
    }

    private static <T> T run(String path, String text, Stage<T> stage) throws SpecException {
        try {
            return DeepStack.call(() -> stage.run(text));
        } catch (SpecException | RuntimeException e) {
            throw e;
        } catch (StackOverflowError e) {
            // The limits should make this unreachable; if not, the user still gets a clean error.
            throw new SpecException(List.of(new Diagnostic(path, 1, 1,
                    "the file is nested too deeply to read")), text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static SpecException failure(Diagnostics diagnostics, String text) {
        List<Diagnostic> found = diagnostics.sorted();
        if (found.isEmpty()) {
            throw new IllegalStateException("a stage failed without reporting an error");
        }
        return new SpecException(found, text);
    }
}
