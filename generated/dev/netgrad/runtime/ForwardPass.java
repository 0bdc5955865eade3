package dev.netgrad.runtime;

import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Two forward passes compared, each a line a value ({@code A1 = tanh(Z1)}, as {@link Trainer#forwardPass} gives
 * them and a params file's or a saved model's "forward" keeps them): params trained through one and used through
 * another whose computation differs (relu where tanh trained them; the same names and shapes, so nothing else tells) make
 * another network than the one trained. The one rule of the command line's warning, and of the refusals of a trainer's
 * load and the Spark model's.
 */
public final class ForwardPass {
    /** A name in a forward line that may be a value's: not after a dot ({@code .T}), not a keyword argument ({@code axis=0}). */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])[A-Za-z_][A-Za-z0-9_]*(?![\\w]|=(?!=))");

    private ForwardPass() {
    }

    /**
     * Where params trained through {@code trained} meet another network in {@code now}, as the command line's warning
     * and the refusals of a trainer's load and the Spark model's say it: {@code line 2 of it was 'A1 = relu(Z1)', where
     * the class has 'A1 = tanh(Z1)'} ({@code holder} is what has {@code now}: "the class", "this spec"). Empty when the
     * two compute the same network ({@link #firstOtherLine}), or when either does not say (a file or a model saved
     * before netgrad recorded it, a trainer written by hand).
     */
    public static Optional<String> otherLine(List<String> trained, List<String> now, String holder) {
        int i = trained.isEmpty() || now.isEmpty() ? -1 : firstOtherLine(trained, now);
        return i < 0 ? Optional.empty()
                : Optional.of("line " + (i + 1) + " of it was " + quoted(trained, i) + ", where " + holder + " has " + quoted(now, i));
    }

    /**
     * The index of the first line of {@code trained} that differs from {@code now}'s (the shorter one's length when one
     * is the other's start), or -1 when they compute the same network: the same lines, or lines that differ only in
     * the names of the values they define ({@code H1} for {@code A1}).
     */
    public static int firstOtherLine(List<String> trained, List<String> now) {
        if (sameButForValueNames(trained, now)) {
            return -1;
        }
        int i = 0;
        while (i < trained.size() && i < now.size() && trained.get(i).equals(now.get(i))) {
            i++;
        }
        return i;
    }

    /** Line {@code i} of {@code lines} in quotes, or "no more lines" past their end: how a message names it. */
    public static String quoted(List<String> lines, int i) {
        return i < lines.size() ? "'" + lines.get(i) + "'" : "no more lines";
    }

    /**
     * Whether two forward passes (lines {@code NAME = EXPR}) are the same computation with the values they define
     * renamed line by line: line i of {@code trained}, its earlier values' names replaced by {@code now}'s, is line i of
     * {@code now} but for the name it defines. Params, the input and functions keep their names (a param renamed
     * would not load; an input renamed counts as another pass).
     */
    static boolean sameButForValueNames(List<String> trained, List<String> now) {
        if (trained.size() != now.size()) {
            return false;
        }
        Map<String, String> renamed = new HashMap<>();
        for (int i = 0; i < trained.size(); i++) {
            String[] then = trained.get(i).split(" = ", 2);
            String[] here = now.get(i).split(" = ", 2);
            if (then.length != 2 || here.length != 2 || renamed.containsKey(then[0])) {
                return false;
            }
            String expression = NAME.matcher(then[1]).replaceAll(m -> Matcher.quoteReplacement(renamed.getOrDefault(m.group(), m.group())));
            if (!expression.equals(here[1])) {
                return false;
            }
            renamed.put(then[0], here[0]);
        }
        return true;
    }
}
