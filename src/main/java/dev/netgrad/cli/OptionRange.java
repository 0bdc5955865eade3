package dev.netgrad.cli;

import java.util.Locale;

/**
 * The allowed range of a numeric option, checked before a verb works: a count of a hundred
 * million examples or sixteen thousand threads is a typo, to be told at once rather than after
 * minutes of work or an out-of-memory.
 */
record OptionRange(String option, long min, long max, String why) {
    /** The value when it lies in the range; a usage error (exit 2) naming the range otherwise. */
    int check(String verb, int value) {
        return (int) check(verb, (long) value);
    }

    long check(String verb, long value) {
        if (value < min || value > max) {
            throw new UserError(Main.USAGE, String.format(Locale.ROOT, "netgrad %s: %s must be between %,d and %,d%s, got %,d",
                    verb, option, min, max, why.isEmpty() ? "" : " (" + why + ")", value));
        }
        return value;
    }

    double check(String verb, double value) {
        if (!(value >= min && value <= max)) {
            throw new UserError(Main.USAGE, String.format(Locale.ROOT, "netgrad %s: %s must be between %,d and %,d%s, got %s",
                    verb, option, min, max, why.isEmpty() ? "" : " (" + why + ")", value));
        }
        return value;
    }

    /** Threads beyond the cores only wait on each other; a few more than the cores are allowed, for measuring that. */
    static OptionRange threads() {
        int cores = Runtime.getRuntime().availableProcessors();
        return new OptionRange("--threads", 1, Math.max(64, cores), "this machine has " + cores + (cores == 1 ? " core" : " cores"));
    }
}
