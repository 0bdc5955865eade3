package dev.netgrad.cli;

import dev.netgrad.data.Heap;
import dev.netgrad.spec.DiagnosticFormatter;
import picocli.CommandLine;

/**
 * What {@code netgrad VERB} says when the Java heap ran out: what the verb's memory grows with and
 * what the user can make smaller. "Use smaller inputs" was every verb's advice, wrong for check,
 * whose memory grows with the network's size and which reads no data file at all.
 */
final class OutOfMemoryAdvice {
    private OutOfMemoryAdvice() {
    }

    /** The whole message, for the verb that ran (null when none had been parsed). */
    static String message(CommandLine verb) {
        if (verb == null || verb.getParent() == null) {
            return DiagnosticFormatter.error(Main.place(verb), outOfMemory() + "; use smaller inputs or layers, or " + Heap.LARGER);
        }
        String name = verb.getCommandName();
        return DiagnosticFormatter.error(Main.place(verb), outOfMemory() + ": " + advice(name, given(verb, "--data")));
    }

    /**
     * "out of memory (the Java heap allows 4096 MB)": the one wording of a heap that ran out, in this
     * message and in those of a step that fails alone (train's scoring, its held-out trace).
     */
    static String outOfMemory() {
        return "out of memory (the Java heap allows " + (Runtime.getRuntime().maxMemory() >> 20) + " MB)";
    }

    /** What {@code verb}'s memory grows with, then what to make smaller (a larger heap last, always). */
    private static String advice(String verb, boolean data) {
        String layers = "what " + verb + " needs grows with the sizes of the network's layers";
        switch (verb) {
            case "check":
                return layers + " (check evaluates it on a few random batches of a few examples), not with any data file; "
                        + Heap.LARGER;
            case "gradcheck":
                return data ? layers + " and the rows of --data; use a smaller data file, or " + Heap.LARGER
                        : layers + " and --examples (16 unless given); use fewer --examples, or " + Heap.LARGER;
            case "train":
                return layers + ", the rows of --data and --batch; use a smaller data file or --batch, or " + Heap.LARGER;
            case "predict":
                return layers + " (predict reads --data 4,096 rows at a time), not with the data file's size; " + Heap.LARGER;
            case "eval":
                return layers + " and the examples of --in; use a smaller case, or " + Heap.LARGER;
            case "bench":
                return layers + " and --batch; use a smaller --batch, or " + Heap.LARGER;
            case "derive":
            case "generate":
            case "show":
            case "graph":
                return "what " + verb + " needs grows with the size of the spec; " + Heap.LARGER;
            default:
                return "use smaller inputs or layers, or " + Heap.LARGER;
        }
    }

    private static boolean given(CommandLine verb, String option) {
        return verb.getParseResult() != null && verb.getParseResult().hasMatchedOption(option);
    }
}
