package dev.netgrad.print;

import java.util.Map;

/**
 * The width a LaTeX math formula takes when typeset, roughly, in units of about one letter: what decides
 * where {@link LatexPrinter} breaks a long equation. A fraction is as wide as the wider of its numerator
 * and denominator, a superscript or subscript is smaller, a relation or binary sign takes its spaces, and
 * a name's letters in {@code \text}, {@code \mathit} or {@code \operatorname} count as letters.
 */
final class LatexWidth {
    /** Commands wider or narrower than one letter; any other command (a Greek letter, {@code \partial}) is one. */
    private static final Map<String, Double> COMMANDS = Map.ofEntries(
            Map.entry("odot", 2.4), Map.entry("cdot", 2.0), Map.entry("times", 2.4), Map.entry("geq", 2.6),
            Map.entry("leq", 2.6), Map.entry("sum", 1.8), Map.entry("quad", 2.0), Map.entry("left", 0.0),
            Map.entry("right", 0.0), Map.entry("textstyle", 0.0), Map.entry("tanh", 4.0), Map.entry("log", 3.0),
            Map.entry("exp", 3.0));
    private static final double SCRIPT = 0.7;

    private final String s;
    private int i;

    private LatexWidth(String s) {
        this.s = s;
    }

    static double of(String latex) {
        LatexWidth w = new LatexWidth(latex);
        return w.until(latex.length());
    }

    /** The width of the text from {@link #i} to {@code end}, or to the closing brace of the group it is in. */
    private double until(int end) {
        double width = 0;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '}') {
                i++;
                return width;
            }
            width += item();
        }
        return width;
    }

    /** The width of one item at {@link #i}: a character, a group, a command with its arguments, a script. */
    private double item() {
        char c = s.charAt(i++);
        switch (c) {
            case '{':
                return until(s.length());
            case '^':
            case '_':
                return SCRIPT * scripts(c);
            case ' ':
                return 0;
            case '+':
            case '-':
            case '=':
            case '<':
            case '>':
                return 2.4;
            case ',':
                return 1.2;
            case '(':
            case ')':
            case '[':
            case ']':
            case '|':
                return 0.7;
            case '\\':
                return command();
            default:
                return 1;
        }
    }

    /** A superscript and a subscript after it (or the other way round) stack: the wider of the two. */
    private double scripts(char first) {
        double width = argument();
        char other = first == '^' ? '_' : '^';
        if (i < s.length() && s.charAt(i) == other) {
            i++;
            width = Math.max(width, argument());
        }
        return width;
    }

    /** One argument: a group, a command or a character. */
    private double argument() {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i < s.length() ? item() : 0;
    }

    private double command() {
        int start = i;
        while (i < s.length() && Character.isLetter(s.charAt(i))) {
            i++;
        }
        if (i == start) {
            // An escaped character (\_), or a spacing command.
            i = Math.min(i + 1, s.length());
            return 1;
        }
        String name = s.substring(start, i);
        switch (name) {
            case "frac":
                return Math.max(argument(), argument()) + 0.4;
            case "sqrt":
                return argument() + 1;
            case "text":
            case "mathit":
            case "mathtt":
            case "mathrm":
            case "mathbf":
            case "mathcal":
            case "operatorname":
            case "hat":
                return argument();
            default:
                return COMMANDS.getOrDefault(name, 1.0);
        }
    }
}
