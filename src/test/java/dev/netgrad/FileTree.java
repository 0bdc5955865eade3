package dev.netgrad;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A test's folder written as one line, {@code "a/B.java=old, empty/"} (files with their text, folders
 * ending in /), to make before a write and to read back after it: the tests of all-or-none writes
 * compare what a failure left with what was there.
 */
public record FileTree(Path dir) {
    /** Makes the files and folders of {@code tree}. */
    public void make(String tree) throws IOException {
        for (String entry : tree.split(",")) {
            String e = entry.strip();
            if (e.endsWith("/")) {
                Files.createDirectories(dir.resolve(e));
            } else {
                String[] file = e.split("=", 2);
                Files.createDirectories(dir.resolve(file[0]).getParent());
                Files.writeString(dir.resolve(file[0]), file[1]);
            }
        }
    }

    /** The folder as {@link #make} takes it: its files with their text and its empty folders, sorted. */
    public String read() throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir))
                    .filter(p -> Files.isRegularFile(p) || isEmptyFolder(p))
                    .map(this::entry)
                    .sorted()
                    .collect(Collectors.joining(", "));
        }
    }

    /** The files of {@code list} ("a/A.java, old.txt") each to be written "new", in the list's order. */
    public Map<Path, byte[]> newContents(String list) {
        Map<Path, byte[]> contents = new LinkedHashMap<>();
        for (String target : list.split(",")) {
            contents.put(dir.resolve(target.strip()), "new".getBytes(StandardCharsets.UTF_8));
        }
        return contents;
    }

    private String entry(Path p) {
        String name = dir.relativize(p).toString();
        try {
            return Files.isDirectory(p) ? name + "/" : name + "=" + Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isEmptyFolder(Path p) {
        String[] inside = p.toFile().list();
        return inside != null && Arrays.asList(inside).isEmpty();
    }
}
