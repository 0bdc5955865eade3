package dev.netgrad.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * How netgrad answers {@code -h} and {@code -V}, which picocli answers whatever else the command line
 * holds. {@code --help} keeps that, being what one adds to a half-written command line
 * ({@code netgrad train x.nn --help}); before a verb it is that verb's help, as {@code netgrad help VERB}
 * is (git's rule: picocli printed netgrad's own, for {@code netgrad --help deriv} too). {@code --version}
 * prints the version alone: {@code netgrad -V x} printed it and ignored {@code x}, where netgrad ignores
 * no other word.
 */
final class HelpAndVersion {
    private HelpAndVersion() {
    }

    /** Runs a parsed command line as picocli's {@link CommandLine.RunLast} does, once -h and -V are settled. */
    static int execute(ParseResult parsed) {
        try {
            return settled(parsed);
        } catch (UserError e) {
            // Said here: picocli would wrap it as a failure of the verb's own run.
            return Main.failed(e, parsed.commandSpec().commandLine().getErr());
        }
    }

    private static int settled(ParseResult parsed) {
        List<ParseResult> levels = levels(parsed);
        ParseResult verb = levels.get(levels.size() - 1);
        if (levels.stream().noneMatch(ParseResult::isUsageHelpRequested)) {
            levels.stream().filter(ParseResult::isVersionHelpRequested).findFirst().ifPresent(HelpAndVersion::versionAlone);
        } else if (parsed.isUsageHelpRequested() && verb != parsed) {
            verb.commandSpec().commandLine().usage(verb.commandSpec().commandLine().getOut());
            return Main.OK;
        } else if (parsed.isUsageHelpRequested()) {
            // An unknown option beside --help is let pass, as picocli lets it for every verb.
            Optional<String> word = parsed.unmatched().stream().filter(w -> !w.startsWith("-")).findFirst();
            if (word.isPresent()) {
                throw Main.unknownVerb("netgrad", new CommandLine.UnmatchedArgumentException(parsed.commandSpec().commandLine(),
                        List.of(word.get())));
            }
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /** {@code -V} with any other word, of netgrad's or of the verb it follows, is a usage error naming the first. */
    private static void versionAlone(ParseResult level) {
        List<String> others = new ArrayList<>();
        for (ParseResult l = level; l != null; l = l.subcommand()) {
            if (l != level) {
                others.add(l.commandSpec().name());
            }
            for (ArgSpec arg : l.matchedArgs()) {
                if (arg instanceof OptionSpec option) {
                    if (option.versionHelp()) {
                        continue;
                    }
                    others.addAll(List.of(option.names()));
                }
                others.addAll(arg.originalStringValues());
            }
            // picocli says a cluster's unknown letter as "-x (while processing option: '-Vx')": the word is -Vx.
            l.unmatched().stream().map(w -> w.replaceFirst("^.* \\(while processing option: '(.*)'\\)$", "$1")).forEach(others::add);
        }
        // The first of them as the command line has it: --data rather than its value.
        Optional<String> extra = level.originalArgs().stream().filter(others::contains).findFirst()
                .or(() -> others.stream().findFirst());
        if (extra.isPresent()) {
            throw UserError.usage(Main.place(level.commandSpec().commandLine()),
                    "--version prints the version and takes no other argument, found '" + extra.get() + "'");
        }
    }

    /** netgrad's parse result, then its verb's. */
    private static List<ParseResult> levels(ParseResult parsed) {
        List<ParseResult> levels = new ArrayList<>();
        for (ParseResult l = parsed; l != null; l = l.subcommand()) {
            levels.add(l);
        }
        return levels;
    }
}
