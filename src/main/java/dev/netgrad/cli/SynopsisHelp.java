package dev.netgrad.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.ColorScheme;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * picocli's usage help, but a synopsis that wraps only between options: picocli wraps it as prose,
 * with {@link java.text.BreakIterator}'s line breaks, which fall inside an option too ({@code [--init=P.}
 * then {@code json]} on the next line; after the hyphen of {@code --plot-log}, the bar of
 * {@code text|latex}). picocli has no setting for that, so this {@link CommandLine.IHelpFactory} lays
 * out the synopsis picocli generated from the options, as picocli does (the same indentation, the same
 * width), with a line break only at a space outside brackets.
 */
final class SynopsisHelp extends CommandLine.Help {
    /** The most of the width an indentation takes (picocli's own bound). */
    private static final double MAX_INDENT_SHARE = 0.9;

    SynopsisHelp(CommandSpec spec, ColorScheme colorScheme) {
        super(spec, colorScheme);
    }

    /** The factory to give {@link CommandLine#setHelpFactory}. */
    static CommandLine.IHelpFactory factory() {
        return SynopsisHelp::new;
    }

    /**
     * The command name, then the options and parameters ({@code details}, each after a space), in lines
     * of the usage width; a line too narrow for an option holds it alone.
     */
    @Override
    protected String insertSynopsisCommandName(int synopsisHeadingLength, Text details) {
        int width = commandSpec().usageMessage().width();
        String name = commandSpec().qualifiedName();
        int indent = indent(synopsisHeadingLength, name, width);
        StringBuilder out = new StringBuilder();
        Text line = colorScheme().commandText(name);
        int column = synopsisHeadingLength + name.length();
        boolean lineHasOption = false;
        for (Text option : options(details)) {
            int length = option.plainString().length();
            if (lineHasOption && column + 1 + length > width) {
                out.append(line).append(System.lineSeparator());
                line = CommandLine.Help.Ansi.OFF.new Text(" ".repeat(indent), colorScheme());
                column = indent;
            } else {
                line = line.concat(" ");
                column++;
            }
            line = line.concat(option);
            column += length;
            lineHasOption = true;
        }
        return out.append(line).append(System.lineSeparator()).toString();
    }

    /** Where continuation lines start: under the first option, unless the name is too long for that (as picocli decides). */
    private int indent(int synopsisHeadingLength, String name, int width) {
        UsageMessageSpec usage = commandSpec().usageMessage();
        int indent = synopsisHeadingLength + name.length() + 1;
        if (indent > usage.synopsisAutoIndentThreshold() * width) {
            indent = usage.synopsisIndent() < 0 ? synopsisHeadingLength : usage.synopsisIndent();
            indent = Math.min(indent, (int) (MAX_INDENT_SHARE * width));
        }
        return indent;
    }

    /** The words of {@code details} split at its spaces outside brackets: {@code [--init=P.json]}, {@code SPEC...}. */
    static List<Text> options(Text details) {
        String plain = details.plainString();
        List<Text> options = new ArrayList<>();
        int depth = 0;
        int start = -1;
        for (int i = 0; i <= plain.length(); i++) {
            char c = i < plain.length() ? plain.charAt(i) : ' ';
            if (c == ' ' && depth == 0) {
                if (start >= 0) {
                    options.add(details.substring(start, i));
                    start = -1;
                }
                continue;
            }
            if (start < 0) {
                start = i;
            }
            if (c == '[' || c == '(') {
                depth++;
            } else if ((c == ']' || c == ')') && depth > 0) {
                depth--;
            }
        }
        return options;
    }
}
