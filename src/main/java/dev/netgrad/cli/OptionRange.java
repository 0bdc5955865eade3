package dev.netgrad.cli;

import dev.netgrad.runtime.NetworkTrainer;
import java.util.Locale;

/**
 * The allowed range of a numeric option, checked before a verb works: a count of a hundred
 * million examples or sixteen thousand threads is a typo, to be told at once rather than after
 * minutes of work or an out-of-memory.
 */
record OptionRange(String option, long min, long max, String why) {
    /** Any seed: the whole range of a long. */
    static OptionRange seed() {
        return new OptionRange("--seed", Long.MIN_VALUE, Long.MAX_VALUE, "");
    }

    /** The value when it lies in the range; a usage error (exit 2) naming the range otherwise. */
    int check(String verb, int value) {
        return (int) check(verb, (long) value);
    }

    long check(String verb, long value) {
        if (value < min || value > max) {
            throw refused(verb, String.format(Locale.ROOT, "%,d", value));
        }
        return value;
    }

    /** As the int check, the refusal echoing {@code typed}, the text given ("1e9", not the parsed 1.0E9). */
    double check(String verb, double value, String typed) {
        if (!(value >= min && value <= max)) {
            throw refused(verb, typed != null ? typed : String.valueOf(value));
        }
        return value;
    }

    /** What "must be" asks for: {@code between 1 and 10,000 (why)}. */
    String allowed() {
        return String.format(Locale.ROOT, "between %,d and %,d%s", min, max, why.isEmpty() ? "" : " (" + why + ")");
    }

    /** {@code netgrad VERB: error: OPTION must be ALLOWED, found GIVEN}, a usage error. */
    UserError refused(String verb, String given) {
        return refused(verb, option, allowed(), given);
    }

    static UserError refused(String verb, String option, String allowed, String given) {
        return UserError.usage("netgrad " + verb, option + " must be " + allowed + ", found " + given);
    }

    /** Threads beyond the cores only wait on each other; a few more than the cores are allowed, for measuring that. */
    static OptionRange threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new OptionRange("--threads", 1, Math.min(Math.max(64, cores), NetworkTrainer.MAX_THREADS), "this machine has " + cores + (cores == 1 ? " core" : " cores"));
    }
}
