package dev.netgrad.spec;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Collects the problems of one source file, stage by stage. A stage that produces more than
 * {@link #MAX_ERRORS} stops: binary garbage would otherwise yield a million messages.
 */
public final class Diagnostics {
    public static final int MAX_ERRORS = 100;

    private final String path;
    private final List<Diagnostic> found = new ArrayList<>();

    public Diagnostics(String path) {
        this.path = Objects.requireNonNull(path, "path");
    }

    public String path() {
        return path;
    }

    /** Records an error; throws {@link TooManyErrors} once the limit is reached. */
    public void error(SourcePos pos, String message) {
        if (found.size() >= MAX_ERRORS) {
            throw new TooManyErrors();
        }
        found.add(Diagnostic.at(path, pos, message));
        if (found.size() == MAX_ERRORS) {
            found.add(Diagnostic.at(path, pos, "too many errors (" + MAX_ERRORS + "); stopping here"));
            throw new TooManyErrors();
        }
    }

    public boolean hasErrors() {
        return !found.isEmpty();
    }

    public int count() {
        return found.size();
    }

    /** Every error so far, in source order (stable for errors at one place). */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(found);
        copy.sort(Comparator.comparingInt(Diagnostic::line).thenComparingInt(Diagnostic::column));
        return List.copyOf(copy);
    }

    /** Thrown when a stage has reported {@link #MAX_ERRORS} errors; the collected ones stand. */
    public static final class TooManyErrors extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooManyErrors() {
            super("too many errors", null, false, false);
        }
    }
}
