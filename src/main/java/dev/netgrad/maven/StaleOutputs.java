package dev.netgrad.maven;

import java.io.IOException;
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
 * folders belong to netgrad (as protobuf-maven-plugin's does to it); files this build produced
 * are left alone, unchanged ones with their timestamps, so incremental builds stay incremental.
 */
final class StaleOutputs {
    private StaleOutputs() {
    }

    /**
     * Deletes every file under each of {@code roots} that is not in {@code produced}, then the
     * folders this left empty (never a root itself); gives the deleted files in path order.
     */
    static List<Path> delete(List<Path> roots, Set<Path> produced, OutputSink sink) throws IOException {
        Set<Path> keep = produced.stream().map(StaleOutputs::normalized).collect(Collectors.toSet());
        List<Path> deleted = new ArrayList<>();
        for (Path root : roots.stream().map(StaleOutputs::normalized).distinct().toList()) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            for (Path file : files(root)) {
                if (!keep.contains(file) && Files.deleteIfExists(file)) {
                    sink.deleted(file);
                    deleted.add(file);
                }
            }
            deleteEmptyFolders(root);
        }
        deleted.sort(Comparator.naturalOrder());
        return List.copyOf(deleted);
    }

    // A symbolic link is a file here: deleting it never touches what it points to.
    private static List<Path> files(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(p -> !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                    .map(StaleOutputs::normalized).sorted().toList();
        }
    }

    // Deepest first, so a folder whose only content was an emptied folder goes too.
    private static void deleteEmptyFolders(Path root) throws IOException {
        List<Path> folders;
        try (Stream<Path> paths = Files.walk(root)) {
            folders = paths.filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).filter(p -> !p.equals(root))
                    .sorted(Comparator.reverseOrder()).toList();
        }
        for (Path folder : folders) {
            try (Stream<Path> entries = Files.list(folder)) {
                if (entries.findAny().isEmpty()) {
                    Files.delete(folder);
                }
            }
        }
    }

    private static Path normalized(Path path) {
        return path.toAbsolutePath().normalize();
    }
}
