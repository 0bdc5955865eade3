package dev.netgrad.cli;

import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/**
 * A file or folder given as the empty string ({@code -o "$OUT"} with OUT unset). {@code Path.of("")}
 * is the current folder: {@code generate -o ""} wrote into it, and a file to read was refused as
 * {@code : error: cannot read: it is a directory}, naming no file. Every path argument is refused
 * while the command line is parsed, with what it is and what to give instead.
 */
final class EmptyPaths {
    private EmptyPaths() {
    }

    /** picocli's converter for every {@link Path} argument of every verb. */
    static Path convert(String value) {
        if (value.isEmpty()) {
            throw new CommandLine.TypeConversionException("is empty");
        }
        return Path.of(value);
    }

    /** The one-line usage error for an empty path argument; empty for any other problem. */
    static Optional<UserError> refusal(ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u && e.getCommandLine().getParent() != null
                && u.getUnmatched().contains("") && e.getCommandLine().getCommandSpec().positionalParameters().stream()
                        .anyMatch(p -> p.isMultiValue() && isPath(p))) {
            // One of several SPECs: picocli leaves an argument it cannot convert unmatched.
            return Optional.of(UserError.usage(e.getCommandLine().getCommandSpec().qualifiedName(),
                    "an argument is empty; give a file name"));
        }
        if (e.getArgSpec() == null || !"".equals(e.getValue()) || !isPath(e.getArgSpec())
                || e.getCommandLine().getParent() == null) {
            return Optional.empty();
        }
        String name = e.getArgSpec() instanceof OptionSpec option ? option.shortestName() : e.getArgSpec().paramLabel();
        boolean folder = "DIR".equals(e.getArgSpec().paramLabel());
        return Optional.of(UserError.usage(e.getCommandLine().getCommandSpec().qualifiedName(), name
                + " is empty; give a " + (folder ? "folder name (. for this one)" : "file name")));
    }

    private static boolean isPath(CommandLine.Model.ArgSpec arg) {
        if (arg.type() == Path.class) {
            return true;
        }
        Class<?>[] elements = arg.auxiliaryTypes();
        return elements != null && elements.length == 1 && elements[0] == Path.class;
    }
}
