package dev.netgrad.runtime.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The forward pass a saved model was trained through (its metadata's "forward", the trainer's
 * {@link Trainer#forwardPass} lines), checked on load against the trainer class's now: a class
 * generated again from a spec that changed only an activation (relu for tanh) has the same params'
 * names and shapes, and would predict through another network without a word. The rule is the
 * command line's for its params files: values only renamed ({@code H1} for {@code A1}) compute the
 * same network.
 */
final class ForwardPasses {
    /** A name in a forward line that may be a value's: not after a dot ({@code .T}), not a keyword argument ({@code axis=0}). */
    private static final Pattern NAME = Pattern.compile("(?<![\\w.])[A-Za-z_][A-Za-z0-9_]*(?![\\w]|=(?!=))");

    private ForwardPasses() {
    }

    /**
     * The lines of the metadata's "forward" (none when the model was saved before models recorded it),
     * refused as damaged unless it is an array of strings.
     */
    static List<String> saved(JsonNode metadata, String path) {
        JsonNode forward = metadata.path("forward");
        if (forward.isMissingNode()) {
            return List.of();
        }
        String expected = path + " is damaged: its metadata's forward should be an array of the lines of the forward pass"
                + " the model was trained through, strings, found ";
        if (!forward.isArray()) {
            throw new IllegalArgumentException(expected + forward);
        }
        List<String> lines = new ArrayList<>();
        for (JsonNode line : forward) {
            if (!line.isTextual()) {
                throw new IllegalArgumentException(expected + forward);
            }
            lines.add(line.asText());
        }
        return lines;
    }

    /**
     * Refuses params saved at {@code path} through the forward pass {@code trained} when {@code trainer}'s
     * differs, naming the first line that differs; nothing when they agree, when they differ only in the names
     * of the values they define, or when either does not say (a model saved before, a trainer written by hand).
     */
    static void requireSame(List<String> trained, Trainer trainer, String path) {
        List<String> now = trainer.forwardPass();
        if (trained.isEmpty() || now.isEmpty() || sameButForValueNames(trained, now)) {
            return;
        }
        int i = 0;
        while (i < trained.size() && i < now.size() && trained.get(i).equals(now.get(i))) {
            i++;
        }
        String then = i < trained.size() ? "'" + trained.get(i) + "'" : "no more lines";
        String here = i < now.size() ? "'" + now.get(i) + "'" : "no more lines";
        throw new IllegalArgumentException(path + " was trained through another forward pass than " + trainer.networkName() + " ("
                + trainer.getClass().getName() + ")'s now: line " + (i + 1) + " of it was " + then + ", where the class has "
                + here + "; the params fit by names and shapes, but the network they make is not the one trained: fit the model"
                + " again, or load it with the class it was trained by");
    }

    /**
     * Whether two forward passes (lines {@code NAME = EXPR}) are the same computation with the values they define
     * renamed line by line: line i of {@code trained}, its earlier values' names replaced by {@code now}'s, is line i of
     * {@code now} but for the name it defines. Params, the input and functions keep their names.
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
