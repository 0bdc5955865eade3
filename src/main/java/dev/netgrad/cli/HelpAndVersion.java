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
 * no other word. Neither takes a value ({@code --version=x} was picocli's "not a boolean" above the whole
 * usage, {@code --help=false} printed the help), as javac's, git's and Maven's do not; and the help verb
 * takes one verb and {@code -h} alone, as every verb takes its own words ({@code netgrad help -V} printed
 * netgrad's help, {@code netgrad help derive x} derive's, each ignoring a word).
 */
final class HelpAndVersion {
    private HelpAndVersion() {
    }

    /** The names of -V, which every verb but help takes. */
    private static final List<String> VERSION = List.of("-V", "--version");

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
        for (ParseResult level : levels) {
            for (OptionSpec option : level.matchedOptions()) {
                Optional<UserError> refusal = valueGiven(option, level.commandSpec().commandLine(), level.originalArgs());
                if (refusal.isPresent()) {
                    throw refusal.get();
                }
            }
        }
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
        if (verb.commandSpec().userObject() instanceof CommandLine.HelpCommand && !verb.unmatched().isEmpty()
                && !verb.isUsageHelpRequested()) {
            // picocli's help verb lets every word it does not know pass: -V is said as beside any verb
            // (netgrad -V help), another word as any verb's unknown option or extra argument.
            CommandLine help = verb.commandSpec().commandLine();
            String first = verb.unmatched().get(0);
            if (VERSION.contains(first.replaceFirst("=.*", ""))) {
                throw UserError.usage(Main.place(help), "--version prints the version and takes no other argument, found 'help'");
            }
            throw VerbUsageError.of(new CommandLine.UnmatchedArgumentException(help, verb.unmatched()));
        }
        // After -h and -V, which answer whatever else the command line says: -output is read as -o utput.
        Optional<UserError> oneDash = AttachedValues.refusal(parsed);
        if (oneDash.isPresent() && levels.stream().noneMatch(ParseResult::isUsageHelpRequested)) {
            throw oneDash.get();
        }
        return new CommandLine.RunLast().execute(parsed);
    }

    /**
     * Whether picocli refused a repeated {@code -h} ({@code netgrad derive -h --help}), which then prints
     * the help of the command line it is in, as one does: --help answers whatever else the command line says.
     */
    static boolean helpTwice(CommandLine.ParameterException ex) {
        return ex instanceof CommandLine.OverwrittenOptionException twice && twice.getOverwritten() instanceof OptionSpec option
                && option.usageHelp();
    }

    /**
     * Whether a verb's command line asks for its help beside an option whose value is missing or cannot be read
     * ({@code derive x.nn --help --format}, {@code generate x.nn -h -o}, {@code derive x.nn --format jsno --help}),
     * which picocli refuses before it looks at the help: --help answers whatever else the command line says. A value
     * given to -h or -V itself ({@code --help=no}) is no such option; words after {@code --} are arguments.
     */
    static boolean helpBeside(CommandLine.ParameterException ex) {
        CommandLine at = ex.getCommandLine();
        CommandLine.ParseResult parsed = at.getParseResult();
        boolean valueMissing = ex instanceof CommandLine.MissingParameterException missing && !missing.getMissing().isEmpty()
                && missing.getMissing().stream().allMatch(a -> a instanceof OptionSpec o && !o.usageHelp() && !o.versionHelp());
        boolean valueUnread = ex.getClass() == CommandLine.ParameterException.class && ex.getArgSpec() instanceof OptionSpec o
                && !o.usageHelp() && !o.versionHelp();
        if (at.getParent() == null || parsed == null || !(valueMissing || valueUnread)) {
            return false;
        }
        List<String> options = VerbUsageError.beforeEndOfOptions(parsed.originalArgs());
        OptionSpec help = at.getCommandSpec().options().stream().filter(OptionSpec::usageHelp).findFirst().orElse(null);
        return help != null && options.stream().anyMatch(w -> List.of(help.names()).contains(w) || helpInCluster(w, at));
    }

    /**
     * Whether {@code word} is a cluster of one-letter options that holds -h ({@code -ho}, {@code -Vh}): picocli reads
     * {@code -hogen} as -h and -o gen, and printed the help, but refused {@code -ho}, -o's value missing, where -h was
     * given all the same. Letters after an option that takes a value are its value ({@code -oh} is -o h).
     */
    private static boolean helpInCluster(String word, CommandLine at) {
        if (word.length() < 3 || !word.startsWith("-") || word.startsWith("--")) {
            return false;
        }
        for (int i = 1; i < word.length(); i++) {
            OptionSpec option = at.getCommandSpec().posixOptionsMap().get(word.charAt(i));
            if (option == null || option.arity().max() > 0) {
                return false;
            }
            if (option.usageHelp()) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code --version=x} or {@code -h=no}, which picocli cannot parse (it reads the value as a boolean
     * option's): said as a value given to {@code -V} or {@code -h} is, below.
     */
    static Optional<UserError> valueGiven(CommandLine.ParameterException ex) {
        if (ex instanceof CommandLine.OverwrittenOptionException twice && twice.getOverwritten() instanceof OptionSpec option
                && option.versionHelp()) {
            // -V -V: picocli's "should be specified only once" above the whole usage; the second is another argument.
            CommandLine.ParseResult parsed = ex.getCommandLine().getParseResult();
            List<String> words = parsed == null ? List.of() : parsed.originalArgs().stream().filter(VERSION::contains).toList();
            String second = words.size() > 1 ? words.get(1) : option.longestName();
            return Optional.of(UserError.usage(Main.place(ex.getCommandLine()),
                    "--version prints the version and takes no other argument, found '" + second + "'"));
        }
        CommandLine.ParseResult parsed = ex.getCommandLine().getParseResult();
        return ex.getArgSpec() instanceof OptionSpec option && parsed != null
                ? valueGiven(option, ex.getCommandLine(), parsed.originalArgs()) : Optional.empty();
    }

    /**
     * A value given to {@code -V} or {@code -h} ({@code --version=true}, {@code --help=false}, which picocli
     * reads as a boolean's): a usage error naming the word, as {@code -V x} is, where the option is said.
     */
    private static Optional<UserError> valueGiven(OptionSpec option, CommandLine at, List<String> args) {
        if (!option.versionHelp() && !option.usageHelp()) {
            return Optional.empty();
        }
        // Words after -- are positional parameters, whatever they look like.
        Optional<String> word = VerbUsageError.beforeEndOfOptions(args).stream()
                .filter(w -> List.of(option.names()).stream().anyMatch(name -> w.startsWith(name + "="))).findFirst();
        String problem = option.versionHelp() ? "--version prints the version and takes no other argument"
                : "--help prints the help and takes no value";
        return word.map(w -> UserError.usage(Main.place(at), problem + ", found '" + w + "'"));
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
