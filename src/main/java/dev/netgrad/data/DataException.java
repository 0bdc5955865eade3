package dev.netgrad.data;

import dev.netgrad.IoReason;
import dev.netgrad.spec.DiagnosticFormatter;
import dev.netgrad.spec.NearMiss;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A data or params file that cannot be used. The message is ready for stderr as it is
 * ({@code FILE:LINE:COL: error: ...} lines, with the source line and a caret where there is one).
 */
public final class DataException extends Exception {
    private static final long serialVersionUID = 1L;
    /** The most names of a folder looked at for a "did you mean" (a folder of a million files is not read whole). */
    private static final int MAX_LISTED = 10_000;

    /** The problem of an {@link #unplaced} exception, said after its verb; null for one whose message is ready. */
    private final String problem;

    public DataException(String message) {
        this(Objects.requireNonNull(message, "message"), null);
    }

    private DataException(String message, String problem) {
        super(message, null, false, false);
        this.problem = problem;
    }

    /**
     * A problem with no place in a file (a statistic computed over the data, not a cell of it), in
     * words alone: the verb that meets it says it once, {@code netgrad VERB: error: PROBLEM}, through
     * {@link #messageFor}. A prefix of its own is refused, so that it cannot be said twice.
     */
    public static DataException unplaced(String problem) {
        if (problem.startsWith("netgrad") || problem.startsWith("error:")) {
            throw new IllegalArgumentException("an unplaced problem is said without a prefix: " + problem);
        }
        return new DataException(DiagnosticFormatter.error("netgrad", problem), problem);
    }

    /**
     * The message for stderr of the verb {@code verb}: an {@link #unplaced} problem after
     * {@code netgrad VERB: error: }, any other as it is ({@code FILE:LINE:COL: error: ...} names its place).
     */
    public String messageFor(String verb) {
        return problem == null ? getMessage() : DiagnosticFormatter.error("netgrad " + verb, problem);
    }

    /** A problem with a whole file, not a place in it: {@code FILE: error: MESSAGE}. */
    public static DataException inFile(String path, String message) {
        return new DataException(DiagnosticFormatter.error(DiagnosticFormatter.escapeName(path), message));
    }

    /**
     * A file that cannot be read at all (missing, a directory, no permission, too large), in the one
     * form every verb gives for every file it reads: {@code FILE: error: cannot read: REASON}.
     */
    public static DataException cannotRead(String path, String reason) {
        return inFile(path, cannotReadMessage(reason));
    }

    /** {@link #cannotRead}'s message after {@code FILE: error: }, for a marker that an IDE places in the file itself. */
    public static String cannotReadMessage(String reason) {
        return "cannot read: " + reason;
    }

    /**
     * The same, for an I/O failure opening or reading the file; a missing file gets the name it was probably meant
     * to be, and a missing {@code -} says where standard input is read, since elsewhere it is a file's name.
     */
    public static DataException cannotRead(String path, IOException e) {
        if (e instanceof NoSuchFileException && path.equals(STANDARD_INPUT)) {
            return cannotRead(path, IoReason.of(e) + STANDARD_INPUT_HINT);
        }
        return cannotRead(path, IoReason.of(e) + (e instanceof NoSuchFileException ? meant(path) : ""));
    }

    /** The argument that names standard input for check's EQUATIONS, and a file's name anywhere else. */
    public static final String STANDARD_INPUT = "-";

    private static final String STANDARD_INPUT_HINT = " (standard input is read as '-' only for check's EQUATIONS: "
            + "netgrad derive x.nn | netgrad check x.nn -)";

    /**
     * {@code ; did you mean samples/planar.nn?} for {@code samples/planr.nn}: a file of the same folder
     * whose name is a couple of edits away; empty when there is none or the folder cannot be listed.
     */
    static String meant(String path) {
        try {
            Path file = Path.of(path);
            Path folder = file.getParent();
            if (file.getFileName() == null || !Files.isDirectory(folder == null ? Path.of(".") : folder)) {
                return "";
            }
            List<String> names;
            try (Stream<Path> listed = Files.list(folder == null ? Path.of(".") : folder)) {
                names = listed.limit(MAX_LISTED).map(p -> p.getFileName().toString()).toList();
            }
            return NearMiss.nearest(file.getFileName().toString(), names)
                    .map(name -> "; did you mean " + (folder == null ? name : folder.resolve(name).toString()) + "?")
                    .orElse("");
        } catch (IOException | RuntimeException unlisted) {
            // A path the file system cannot take, or a folder it will not list: no suggestion, the error stands.
            return "";
        }
    }
}
