package dev.netgrad.maven;

import dev.netgrad.spec.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * What a run of the generator did. With errors nothing was written or deleted; {@code errorLines}
 * are the messages to log, each error's {@code path:line:col: error: message} line followed by its
 * source line and caret. {@code deleted} are the outputs of earlier builds that this one no longer
 * produces; {@code kept} the files in output folders that netgrad did not generate, which it leaves.
 * {@code specs} are the spec files read; {@code warnings} what the build should say of the files it did
 * not read though they look like specs (a spec named {@code Iris.NN}), or of the runtime; {@code notes} what
 * it should say besides (the runtime taken from a dependency).
 */
record Outcome(List<Path> specs, List<String> warnings, List<Diagnostic> diagnostics, List<String> errorLines, List<Path> written,
        List<Path> unchanged, List<Path> deleted, List<Path> kept, List<String> notes) {
    Outcome {
        notes = List.copyOf(notes);
        warnings = List.copyOf(warnings);
        specs = List.copyOf(specs);
        diagnostics = List.copyOf(diagnostics);
        errorLines = List.copyOf(errorLines);
        written = List.copyOf(written);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
        kept = List.copyOf(kept);
    }

    int specCount() {
        return specs.size();
    }

    int errorCount() {
        return diagnostics.size();
    }

    boolean failed() {
        return !diagnostics.isEmpty();
    }
}
