package dev.netgrad.cli;

import dev.netgrad.IoReason;
import dev.netgrad.OutputFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The files a verb will write, checked before it does any work, so that a mistake in an output
 * path costs neither the work (minutes of training) nor an input file. Refused: a folder, a
 * device or a file this user may not (or should not) write in the way; a missing or unwritable
 * folder; a name ending in / (a folder's, which the path drops: "new/" would be written as a file
 * "new"); an output that is one of the inputs (also through another path or a symbolic link); two
 * outputs naming one file.
 */
final class OutputPaths {
    /**
     * A file the command line names, with the option or role that names it ("--save", "--data")
     * and the text it was given as, which errors echo ("new/", where the path says "new").
     */
    record Named(String what, Path path, String given) {
        /** Whether the name ends in a slash, as a folder's may: a Path drops it. */
        boolean namesFolder() {
            return given.endsWith("/") || given.endsWith(java.io.File.separator);
        }
    }

    private final String verb;
    private final boolean createFolders;
    private final List<Named> inputs = new ArrayList<>();
    private final List<Named> outputs = new ArrayList<>();

    /** Errors start with {@code verb} ("netgrad train"); with {@code createFolders} missing folders are made when writing. */
    OutputPaths(String verb, boolean createFolders) {
        this.verb = verb;
        this.createFolders = createFolders;
    }

    OutputPaths input(String what, Path path) {
        if (path != null) {
            inputs.add(new Named(what, path, path.toString()));
        }
        return this;
    }

    OutputPaths output(String what, Path path) {
        return output(what, path, path == null ? null : path.toString());
    }

    /** An output given on the command line as {@code given} (null: as its path prints). */
    OutputPaths output(String what, Path path, String given) {
        if (path != null) {
            outputs.add(new Named(what, path, given != null ? given : path.toString()));
        }
        return this;
    }

    /** Throws a UserError (exit 2) naming the first problem. */
    void check() {
        List<Named> checked = new ArrayList<>();
        for (Named output : outputs) {
            checkTarget(output);
            checkFolder(output);
            for (Named input : inputs) {
                if (Files.exists(input.path()) && sameFile(output.path(), input.path())) {
                    throw refuse(output, "is the same file as " + input.what() + " " + input.path()
                            + "; writing it would destroy that input; choose another file name");
                }
            }
            for (Named earlier : checked) {
                if (sameFile(output.path(), earlier.path())) {
                    throw refuse(output, "is the same file as " + earlier.what() + " " + earlier.path()
                            + "; give each output its own file");
                }
            }
            checked.add(output);
        }
    }

    /** One file by two names: through links, relative steps, or (when both exist) a hard link. */
    static boolean sameFile(Path a, Path b) {
        if (Files.exists(a) && Files.exists(b)) {
            try {
                return Files.isSameFile(a, b);
            } catch (IOException e) {
                // Fall back on the names.
            }
        }
        return canonical(a).equals(canonical(b));
    }

    /**
     * Refuses '-' as an output file or folder, given as {@code given} for {@code what} ("--save", "-o"): many
     * tools read it as standard output, where netgrad would write a file (or a folder of files) named '-' in
     * the current folder. Every verb that writes a file or a folder the command line names asks here.
     */
    static void refuseStandardOutput(String verb, String what, String given, boolean folder) {
        if ("-".equals(given)) {
            throw UserError.usage(verb, what + " is '-', which netgrad does not take for standard output: it "
                    + (folder ? "writes files under a folder; give a folder name (./- for a folder named -)"
                            : "writes a file; give a file name (./- for a file named -)"));
        }
    }

    /**
     * The text an option was last given as on the command line, as typed ("new/", which a Path shortens to "new";
     * "1", not 1.0), which errors echo; or null.
     */
    static String given(CommandLine commandLine, String option) {
        OptionSpec given = commandLine.getParseResult().matchedOption(option);
        List<String> texts = given == null ? List.of() : given.stringValues();
        return texts.isEmpty() ? null : texts.get(texts.size() - 1);
    }

    private void checkTarget(Named output) {
        Path path = output.path();
        refuseStandardOutput(verb, output.what(), output.given(), false);
        if (output.namesFolder() && !Files.isDirectory(path)) {
            // As cp's "Not a directory": writing a file in the place of a name that says folder is no answer.
            throw refuse(output, "names a folder (it ends in /), but " + path + (!Files.exists(path) ? " does not exist"
                    : Files.isRegularFile(path) ? " is a file, not a folder" : " is not a folder") + "; give a file name");
        }
        if (Files.isDirectory(path)) {
            throw refuse(output, "is a folder; give a file name");
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw refuse(output, "is not a regular file");
        }
        if (Files.exists(path)) {
            String locked = Access.of(path).problem();
            if (locked != null) {
                throw refuse(output, locked);
            }
        }
    }

    /** The folder that will hold the file exists (or, when folders are made, its nearest existing ancestor) and takes files. */
    private void checkFolder(Named output) {
        Path folder = output.path().toAbsolutePath().getParent();
        while (createFolders && folder.getParent() != null && !Files.exists(folder)) {
            folder = folder.getParent();
        }
        if (Files.exists(folder) && !Files.isDirectory(folder)) {
            throw refuse(output, "cannot be written: " + folder + " is a file, not a folder");
        }
        if (!Files.isDirectory(folder)) {
            throw refuse(output, "cannot be written: the folder " + folder + " does not exist");
        }
        try {
            // Not OutputFiles.createTemp: a probe made and deleted at once, before any work, whose mode does not matter.
            Files.delete(Files.createTempFile(folder, ".netgrad-", ".probe"));
        } catch (IOException e) {
            // A folder that is there yet answers "no such file" (/proc's): the write's words said it did not exist.
            String reason = e instanceof NoSuchFileException && Files.isDirectory(folder) ? "its file system says no such file"
                    : IoReason.ofWrite(e);
            throw refuse(output, "cannot be written: the folder " + folder + " does not take new files (" + reason + ")");
        } catch (SecurityException e) {
            throw refuse(output, "cannot be written: the folder " + folder + " does not take new files ("
                    + e.getMessage() + ")");
        }
    }

    /**
     * What keeps a file from being replaced: nothing; the file system it is on, mounted read-only, where
     * no chmod helps; the file's mode, without a write bit, which its owner (or root) can change; another
     * user's file this one may not write, which only its owner can open; or a refusal its mode does not
     * explain (an immutable flag, an access control list). All but the first two were "is read-only
     * (make it writable)", which was false of a 0644 file of root's and sent its user to a chmod that fails.
     */
    enum Lock { NONE, FILE_SYSTEM, READ_ONLY, READ_ONLY_OTHERS, OTHERS, REFUSED }

    /**
     * What decides whether an existing file may be replaced: whether its file system is mounted read-only,
     * whether this process may write it, its mode (null where the file system has none), its owner and this
     * process's user (null where unknown). Read-only for its owner's intent too: root may write any file, but
     * a file without any write bit is not meant to change. The runtime's AtomicWrite (a trainer's save) has a
     * copy of its own in the same words but for its name (save, not netgrad), held to OutputPathsTest's table
     * by AtomicWriteReasonTest, as it has of {@link OutputFiles} (see there).
     */
    record Access(boolean onReadOnlyFileSystem, boolean writable, Set<PosixFilePermission> mode, String owner, String user) {
        static Access of(Path path) {
            boolean readOnlyStore;
            try {
                readOnlyStore = Files.getFileStore(path).isReadOnly();
            } catch (IOException | SecurityException e) {
                readOnlyStore = false;
            }
            Set<PosixFilePermission> mode;
            String owner;
            try {
                mode = Files.getPosixFilePermissions(path);
                owner = Files.getOwner(path).getName();
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                mode = null;
                owner = null;
            }
            return new Access(readOnlyStore, Files.isWritable(path), mode, owner, System.getProperty("user.name"));
        }

        /**
         * The file system comes first: on a read-only one no write bit would help, and a process may not write
         * there even where the mode says it may. A file this process may write is locked only by a mode without
         * a write bit (root's case); one it may not, by that mode, by its owner being another user, or else by
         * something the mode does not show.
         */
        Lock lock() {
            if (onReadOnlyFileSystem) {
                return Lock.FILE_SYSTEM;
            }
            boolean anyWriteBit = mode == null || mode.contains(PosixFilePermission.OWNER_WRITE)
                    || mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE);
            if (writable) {
                return anyWriteBit ? Lock.NONE : Lock.READ_ONLY;
            }
            // Root may chmod any file, so no file is another's to root.
            boolean others = owner != null && user != null && !owner.equals(user) && !user.equals("root");
            if (!anyWriteBit) {
                return others ? Lock.READ_ONLY_OTHERS : Lock.READ_ONLY;
            }
            if (others) {
                return Lock.OTHERS;
            }
            // Its owner's own write bit off (r--rw-r--) is read-only for its owner; with it on, the mode says yes.
            return mode == null || !mode.contains(PosixFilePermission.OWNER_WRITE) ? Lock.READ_ONLY : Lock.REFUSED;
        }

        /** Why netgrad does not replace the file, after its name ("--save p.json ..."), and what to do; null if nothing keeps it. */
        String problem() {
            String kept = "; netgrad does not replace it (";
            return switch (lock()) {
                case NONE -> null;
                case FILE_SYSTEM -> "is on a read-only file system; netgrad cannot replace it there "
                        + "(choose a file on a writable one, or remount it read-write)";
                case READ_ONLY -> "is read-only" + kept + "make it writable or choose another file)";
                case READ_ONLY_OTHERS -> "is read-only and belongs to " + owner + kept
                        + "choose another file, or ask " + owner + " to make it writable)";
                case OTHERS -> "is not writable by " + user + ": it belongs to " + owner + " (mode "
                        + PosixFilePermissions.toString(mode) + ")" + kept + "choose another file, or ask " + owner
                        + " for write access)";
                case REFUSED -> "is not writable by " + user + ", though its mode (" + PosixFilePermissions.toString(mode)
                        + ") lets its owner write it: an immutable flag (lsattr shows an i) or an access control list "
                        + "keeps it" + kept + "choose another file)";
            };
        }
    }

    /** The path with every link and relative step resolved; a file yet to be written resolves through its folder. */
    static Path canonical(Path path) {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            return absolute.toRealPath();
        } catch (IOException missing) {
            Path parent = absolute.getParent();
            return parent == null ? absolute : canonical(parent).resolve(absolute.getFileName());
        }
    }

    private UserError refuse(Named output, String problem) {
        return UserError.usage(verb, output.what() + " " + output.given() + " " + problem);
    }
}
