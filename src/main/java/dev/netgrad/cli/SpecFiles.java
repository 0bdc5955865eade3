package dev.netgrad.cli;

import dev.netgrad.codegen.TrainerGenerator;
import dev.netgrad.data.DataException;
import dev.netgrad.data.TextFile;
import dev.netgrad.diff.DerivativeTooLargeException;
import dev.netgrad.diff.Deriver;
import dev.netgrad.spec.DataValue;
import dev.netgrad.spec.Diagnostic;
import dev.netgrad.spec.EquationLine;
import dev.netgrad.spec.LineBreaks;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import dev.netgrad.spec.syntax.SyntaxLimits;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reading spec and equation files for the verbs; problems become {@link UserError}s (exit 2). */
public final class SpecFiles {
    private SpecFiles() {
    }

    /** A checked network, or a UserError carrying every diagnostic with its source line. */
    public static Network readSpec(Path file) {
        return readSpec(file, readText(file));
    }

    /** The same, for the text already read from {@code file}. */
    public static Network readSpec(Path file, String text) {
        try {
            return SpecReader.read(file.toString(), text);
        } catch (SpecException e) {
            throw new UserError(Main.USAGE, e.formatted());
        }
    }

    /**
     * A checked network that netgrad can generate a trainer for: for the verbs that compile one
     * (bench, eval, gradcheck, train, predict), a network it cannot (two inputs, say) is an error at
     * the network's name, as generate and the Maven plugin report it.
     */
    public static Network readTrainable(Path file) {
        return readTrainable(file, readText(file));
    }

    private static Network readTrainable(Path file, String text) {
        Network network = readSpec(file, text);
        Optional<String> problem = TrainerGenerator.unsupported(network);
        if (problem.isPresent()) {
            throw errorAt(file, text, network.pos(), problem.get());
        }
        return network;
    }

    /**
     * A trainable network whose target a CSV file's label column can hold (train, predict, gradcheck
     * --data): one label a row, a class index one-hot over the target's rows, so not an image,
     * which would be read as one lit pixel.
     */
    public static Network readLabelled(Path file) {
        String text = readText(file);
        Network network = readTrainable(file, text);
        for (DataValue target : network.targets()) {
            if (target.grid() != null) {
                throw errorAt(file, text, target.pos(), "a CSV file holds one label a row, a class index one-hot over "
                        + "the rows of the target, but " + target.name() + " is an image (" + target.shape()
                        + "), which a label column cannot hold: give the network a plain target, or pass the "
                        + "images to the generated class yourself");
            }
        }
        return network;
    }

    /** A problem at {@code pos} of a spec that checked, printed as the spec's own errors are: its line and a caret. */
    public static UserError errorAt(Path file, String text, SourcePos pos, String message) {
        Diagnostic diagnostic = Diagnostic.at(file.toString(), pos, message);
        return new UserError(Main.USAGE, new SpecException(List.of(diagnostic), text).formatted());
    }

    /**
     * A backward pass too large to write out, at its statement of the spec the verb read; the file
     * is read again for its line, and when it no longer can be, the error is given without it.
     */
    public static UserError errorAt(DerivativeTooLargeException e) {
        Diagnostic diagnostic = e.diagnostic();
        try {
            String text = TextFile.readOrRefuse(Path.of(diagnostic.path()), SyntaxLimits.MAX_CHARS + 1, false);
            return new UserError(Main.USAGE, new SpecException(List.of(diagnostic), LineBreaks.normalized(text)).formatted());
        } catch (DataException | RuntimeException unreadable) {
            return new UserError(Main.USAGE, diagnostic.toString());
        }
    }

    /**
     * The checked lines of an equation file's {@code text} (read once, so that a pipe such as
     * {@code <(netgrad derive ...)} works), its derivative names those derive gives.
     */
    public static List<EquationLine> readEquations(Path file, String text, Network network) {
        try {
            return SpecReader.readEquations(file.toString(), text, network, Deriver.derivativeNames(network));
        } catch (SpecException e) {
            throw new UserError(Main.USAGE, e.formatted());
        }
    }

    /** The name standard input goes by in messages, as compilers call it. */
    public static final String STDIN_NAME = "<stdin>";

    /**
     * The file as UTF-8; undecodable bytes become U+FFFD, which the parser refuses at the first. Reading
     * stops one character past {@link SyntaxLimits#MAX_CHARS}: a longer file is refused here, as a
     * whole file is (the parser would place it at 1:1, where nothing is wrong).
     */
    public static String readText(Path file) {
        return withinSyntaxLimit(file.toString(), readText(file, SyntaxLimits.MAX_CHARS + 1, false));
    }

    /** Standard input's text, read and refused as {@link #readText(Path)} reads a file's, named {@link #STDIN_NAME}. */
    public static String readStandardInput(InputStream in) {
        try {
            return withinSyntaxLimit(STDIN_NAME, TextFile.readOrRefuse(in, STDIN_NAME, SyntaxLimits.MAX_CHARS + 1, false));
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.getMessage());
        }
    }

    /** {@code text}, read up to one character past the parser's limit: longer, it is refused as too large to read. */
    private static String withinSyntaxLimit(String name, String text) {
        Optional<String> tooLarge = TextFile.tooLargeToParse(text);
        if (tooLarge.isPresent()) {
            throw new UserError(Main.USAGE, DataException.inFile(name, tooLarge.get()).getMessage());
        }
        return text;
    }

    /**
     * At most {@code maxChars} characters of the file: a text that long may have been cut (see {@link TextFile#read});
     * a file that cannot be read is {@code FILE: error: cannot read: REASON}, as for every file of every verb.
     */
    public static String readText(Path file, int maxChars, boolean stopAtBinary) {
        try {
            return TextFile.readOrRefuse(file, maxChars, stopAtBinary);
        } catch (DataException e) {
            throw new UserError(Main.USAGE, e.getMessage());
        }
    }
}
