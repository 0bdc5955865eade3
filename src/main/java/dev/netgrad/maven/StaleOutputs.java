package dev.netgrad.maven;

import dev.netgrad.GeneratedFiles;
import dev.netgrad.IoReason;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Removes what earlier builds generated and this one did not: the class of a network that was
 * renamed or deleted would otherwise stay in the output folder and keep compiling. The output
 * folders belong to netgrad (as protobuf-maven-plugin's does to it), but only files netgrad
 * generated are ever deleted ({@link GeneratedFiles}): an output folder set to a folder of the
 * user's ({@code <equationsDirectory>docs</equationsDirectory>}) had every file there deleted at
 * the first build. Other files are left and named. Files this
 * build produced are left alone, unchanged ones with their timestamps, so incremental builds stay
 * incremental.
 */
final class StaleOutputs {
    private StaleOutputs() {
    }

    /** What a clean-up did: the files it deleted, and those it left because netgrad did not generate them. */
    record Cleanup(List<Path> deleted, List<Path> kept) {
        Cleanup {
            deleted = List.copyOf(deleted);
            kept = List.copyOf(kept);
        }
    }

    /**
     * Deletes every file under each of {@code roots} that is not in {@code produced} and that
     * netgrad generated ({@link #generated}), then the folders this left empty (never a root
     * itself, nor a folder that was empty before: an output folder set to one of the user's,
     * {@code docs}, may hold empty folders of theirs); gives the deleted files and the others left,
     * each in path order.
     */
    static Cleanup delete(List<Path> roots, Set<Path> produced, OutputSink sink) throws IOException {
        return delete(roots, produced, sink, Reads.FILE_SYSTEM, Files::deleteIfExists);
    }

    /**
     * How the output folders are read: the file system's, or a test's that fails. Root reads whatever the mode,
     * and a read fails by a race or a disk, so the failures come through here.
     */
    interface Reads {
        Reads FILE_SYSTEM = new Reads() {
        };

        /** Every path under {@code root}, as {@link Files#walk} gives them (its later failures unchecked). */
        default Stream<Path> walk(Path root) throws IOException {
            return Files.walk(root);
        }

        /** Whether netgrad generated {@code file}: {@link GeneratedFiles#byNetgrad}, which reads its first lines. */
        default boolean byNetgrad(Path root, Path file) throws IOException {
            return GeneratedFiles.byNetgrad(root, file);
        }

        /** What {@code folder} holds, as {@link Files#list} gives it. */
        default Stream<Path> list(Path folder) throws IOException {
            return Files.list(folder);
        }
    }

    /** Removes a file or an empty folder, saying whether it was there: the file system's, or a test's that fails. */
    interface Removal {
        boolean remove(Path path) throws IOException;
    }

    /**
     * {@link #delete(List, Set, OutputSink)} through {@code removal}. A delete that fails is said in a delete's
     * words ({@link IoReason#ofDelete}), naming what was deleted and why: the JDK's exception was said by the
     * Mojo as a failure to read specs or write outputs.
     */
    static Cleanup delete(List<Path> roots, Set<Path> produced, OutputSink sink, Removal removal) throws IOException {
        return delete(roots, produced, sink, Reads.FILE_SYSTEM, removal);
    }

    /**
     * {@link #delete(List, Set, OutputSink, Removal)} reading through {@code reads}. A read that fails is said in a
     * read's words ({@link IoReason#of}), naming the output file or folder: the JDK's exception was said by the Mojo
     * as a failure to read specs or write outputs, and a folder the walk could not enter (unchecked) as the exception
     * itself ("netgrad: java.nio.file.AccessDeniedException: F").
     */
    static Cleanup delete(List<Path> roots, Set<Path> produced, OutputSink sink, Reads reads, Removal removal)
            throws IOException {
        Set<Path> keep = produced.stream().map(StaleOutputs::normalized).collect(Collectors.toSet());
        List<Path> deleted = new ArrayList<>();
        List<Path> kept = new ArrayList<>();
        for (Path root : roots.stream().map(StaleOutputs::normalized).distinct().toList()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            List<Path> deletedHere = new ArrayList<>();
            try {
                for (Path file : files(root, reads)) {
                    if (keep.contains(file)) {
                        continue;
                    }
                    if (!generated(reads, root, file)) {
                        kept.add(file);
                    } else if (removed(removal, file, "the stale file " + file)) {
                        sink.deleted(file);
                        deletedHere.add(file);
                    }
                }
                deleteEmptiedFolders(root, deletedHere, reads, removal);
            } catch (IOException e) {
                deleted.addAll(deletedHere);
                throw deletedBefore(e, deleted);
            }
            deleted.addAll(deletedHere);
        }
        deleted.sort(Comparator.naturalOrder());
        kept.sort(Comparator.naturalOrder());
        return new Cleanup(deleted, kept);
    }

    // A symbolic link is a file here: deleting it never touches what it points to.
    // An output folder that is itself a link to a folder is swept where it points, its files named under
    // the link, as the build wrote them: a walk does not follow a link, the first one included, so it gave
    // the link alone, kept as a file of the user's, and the stale files behind it stayed.
    private static List<Path> files(Path root, Reads reads) throws IOException {
        try {
            Path walked = Files.isSymbolicLink(root) ? root.toRealPath() : root;
            try (Stream<Path> paths = reads.walk(walked)) {
                return paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                        .map(p -> normalized(root.resolve(walked.relativize(p)))).sorted().toList();
            }
        } catch (IOException e) {
            throw cannotWalk(root, e);
        } catch (UncheckedIOException e) {
            // A folder under the root that the walk could not enter, met while it went on.
            throw cannotWalk(root, e.getCause());
        }
    }

    /** {@code the output folder R}, or what under it the exception names: {@code F, under the output folder R}. */
    private static IOException cannotWalk(Path root, IOException e) {
        Path named = e instanceof FileSystemException f && f.getFile() != null ? normalized(Path.of(f.getFile())) : root;
        return cannotRead(named.equals(root) ? "the output folder " + root : named + ", under the output folder " + root, e);
    }

    private static boolean generated(Reads reads, Path root, Path file) throws IOException {
        try {
            return reads.byNetgrad(root, file);
        } catch (IOException e) {
            throw cannotRead("the output file " + file, e);
        }
    }

    /**
     * A read or delete that failed after stale files were deleted, saying which: the build reports its deletions from
     * a sweep that ends, so "netgrad: deleted F" was never said of them, and the folders they emptied stay (a later
     * sweep removes only the folders of files it deletes itself).
     */
    private static IOException deletedBefore(IOException e, List<Path> deleted) {
        if (deleted.isEmpty()) {
            return e;
        }
        List<Path> sorted = deleted.stream().sorted().toList();
        String files = sorted.size() == 1 ? "the stale file " : sorted.size() + " stale files, ";
        return new BuildFileException(e.getMessage() + "; " + files + sorted.stream().map(Path::toString)
                .collect(Collectors.joining(", ")) + ", deleted before it", e.getCause() != null ? e.getCause() : e);
    }

    /** {@code cannot read WHAT: REASON}, as a delete that fails is {@code cannot delete WHAT: REASON}. */
    private static IOException cannotRead(String what, IOException e) {
        return new BuildFileException("cannot read " + what + ": " + IoReason.of(e), e);
    }

    // The folders that held a deleted file, deepest first, and each one's parents up to the root
    // while they are left empty: a package folder whose only content was an emptied folder goes too.
    private static void deleteEmptiedFolders(Path root, List<Path> deleted, Reads reads, Removal removal) throws IOException {
        Set<Path> folders = new java.util.TreeSet<>(Comparator.reverseOrder());
        for (Path file : deleted) {
            for (Path folder = file.getParent(); folder != null && !folder.equals(root) && folder.startsWith(root); folder = folder.getParent()) {
                folders.add(folder);
            }
        }
        for (Path folder : folders) {
            if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> entries = reads.list(folder)) {
                    if (entries.findAny().isPresent()) {
                        continue;
                    }
                } catch (IOException e) {
                    throw cannotRead("the folder " + folder + ", emptied of stale files", e);
                } catch (UncheckedIOException e) {
                    throw cannotRead("the folder " + folder + ", emptied of stale files", e.getCause());
                }
                removed(removal, folder, "the folder " + folder + ", emptied of stale files");
            }
        }
    }

    /** Removes {@code path}, said as {@code what} should that fail: {@code cannot delete WHAT: REASON}. */
    private static boolean removed(Removal removal, Path path, String what) throws IOException {
        try {
            return removal.remove(path);
        } catch (IOException e) {
            throw new BuildFileException("cannot delete " + what + ": " + IoReason.ofDelete(e), e);
        }
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
