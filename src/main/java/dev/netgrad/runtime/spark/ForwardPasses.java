package dev.netgrad.runtime.spark;

import com.fasterxml.jackson.databind.JsonNode;
import dev.netgrad.runtime.ForwardPass;
import dev.netgrad.runtime.Trainer;
import java.util.ArrayList;
import java.util.List;

/**
 * The forward pass a saved model was trained through (its metadata's "forward", the trainer's
 * {@link Trainer#forwardPass} lines), checked on load against the trainer class's now: a class
 * generated again from a spec that changed only an activation (relu for tanh) has the same params'
 * names and shapes, and would predict through another network without a word. The rule is the
 * command line's for its params files, {@link ForwardPass}: values only renamed ({@code H1} for {@code A1})
 * compute the same network.
 */
final class ForwardPasses {
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
        ForwardPass.otherLine(trained, trainer.forwardPass(), "the class").ifPresent(line -> {
            throw new IllegalArgumentException(path + " was trained through another forward pass than " + trainer.networkName() + " ("
                    + trainer.getClass().getName() + ")'s now: " + line + "; the params fit by names and shapes, but the network"
                    + " they make is not the one trained: fit the model again, or load it with the class it was trained by");
        });
    }
}
