package dev.netgrad;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * Several files written as one, all of them or none that were not there before. Each content is
 * first written whole to a temporary file beside its target (making the folders it needs); only
 * when every one is written are they renamed over their targets, one rename each. A failure
 * before the renames (a full disk, a folder that cannot be made) changes nothing: the temporary
 * files and the folders made for them are removed. A failure among the renames removes the files
 * and folders this write made; a file it had already replaced keeps its new content, whole. A
 * file that was there before is never left half-written and never deleted.
 *
 * <p>Each file is staged as {@link OutputFiles#writeAtomically} stages one ({@link OutputFiles#stage}),
 * but its target is taken as it is, on purpose: no link is followed and no folder or device refused
 * here, since both callers (generate, the Maven plugin) have already refused every target that is
 * not a regular file netgrad wrote ({@link GeneratedFiles#usersFile}), links included.
 */
public final class StagedFiles {
    /**
     * A write that failed, with the target it failed at; its message is the reason alone. {@code replaced}:
     * the files that were there before and had already been given their new content when it failed (none
     * unless a rename failed).
     */
    public static final class Failure extends IOException {
        private static final long serialVersionUID = 1L;

        private final transient Path target;
        private final transient List<Path> replaced;

        Failure(Path target, IOException cause) {
            this(target, cause, List.of());
        }

        private Failure(Path target, IOException cause, List<Path> replaced) {
            super(IoReason.ofWrite(cause), cause);
            this.target = target;
            this.replaced = List.copyOf(replaced);
        }

        public Path target() {
            return target;
        }

        /** The files that were there before and hold their new content, whole: none unless a rename failed. */
        public List<Path> replaced() {
            return replaced;
        }

        /**
         * What the failed write left, for the user who must decide whether to trust the folder: as a failed
         * --save says where the params went. Almost always nothing written, every file kept (a full disk
         * fails a temporary file, before any rename); a rename that fails names the files it had replaced.
         */
        public String whatWasKept() {
            if (replaced.isEmpty()) {
                return "nothing was written: every file already there is kept as it was";
            }
            List<String> names = replaced.stream().map(Path::toString).toList();
            return "the files written before it keep their new content (" + String.join(", ", names)
                    + "); no new file was left, and every other file already there is kept as it was";
        }

        private Failure after(List<Path> replaced) {
            return new Failure(target, (IOException) getCause(), replaced);
        }
    }

    /** A target and the temporary file holding its new content; {@code existed}: whether the rename replaces a file. */
    private record Staged(Path target, Path temp, boolean existed) {
    }

    private final List<Path> madeFolders = new ArrayList<>();
    private final List<Staged> staged = new ArrayList<>();
    private final List<Path> madeFiles = new ArrayList<>();
    private final List<Path> replacedFiles = new ArrayList<>();

    private StagedFiles() {
    }

    /** Writes every file its content, in the map's order, all or none (see the class comment). */
    public static void writeAll(Map<Path, byte[]> contents) throws Failure {
        StagedFiles write = new StagedFiles();
        try {
            for (Map.Entry<Path, byte[]> file : contents.entrySet()) {
                write.stage(file.getKey(), file.getValue());
            }
            for (Staged file : write.staged) {
                write.rename(file);
            }
            write.forceFolders();
        } catch (Failure failure) {
            Failure said = failure.after(write.replacedFiles);
            write.undo(said);
            throw said;
        }
    }

    private void stage(Path target, byte[] content) throws Failure {
        try {
            makeFolders(target.toAbsolutePath().getParent());
            boolean existed = Files.exists(target, LinkOption.NOFOLLOW_LINKS);
            staged.add(new Staged(target, OutputFiles.stage(target.toAbsolutePath(), content), existed));
        } catch (IOException e) {
            throw new Failure(target, e);
        }
    }

    private void rename(Staged file) throws Failure {
        try {
            OutputFiles.move(file.temp(), file.target().toAbsolutePath());
        } catch (IOException e) {
            throw new Failure(file.target(), e);
        }
        (file.existed() ? replacedFiles : madeFiles).add(file.target());
    }

    /** Forces every folder a rename or a new folder changed (best effort: see {@link OutputFiles#forceFolder}). */
    private void forceFolders() {
        LinkedHashSet<Path> changed = new LinkedHashSet<>();
        madeFolders.forEach(folder -> changed.add(folder.getParent()));
        staged.forEach(file -> changed.add(file.target().toAbsolutePath().getParent()));
        changed.forEach(OutputFiles::forceFolder);
    }

    /** Makes the folders missing down to {@code folder}, outermost first, remembering each it made. */
    private void makeFolders(Path folder) throws IOException {
        List<Path> missing = new ArrayList<>();
        for (Path f = folder; f != null && !Files.isDirectory(f); f = f.getParent()) {
            missing.add(f);
        }
        Collections.reverse(missing);
        for (Path f : missing) {
            try {
                Files.createDirectory(f);
                madeFolders.add(f);
            } catch (FileAlreadyExistsException e) {
                // Made meanwhile by someone else (then it is theirs), or a file in the way.
                if (!Files.isDirectory(f)) {
                    throw e;
                }
            }
        }
    }

    /** Removes what this write made: the temporary files, the new files, then the new folders, innermost first. */
    private void undo(Failure failure) {
        List<Path> made = new ArrayList<>();
        staged.forEach(file -> made.add(file.temp()));
        made.addAll(madeFiles);
        List<Path> folders = new ArrayList<>(madeFolders);
        Collections.reverse(folders);
        made.addAll(folders);
        for (Path path : made) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                // A folder someone else has put a file into meanwhile is theirs to remove.
                failure.addSuppressed(e);
            }
        }
    }
}
