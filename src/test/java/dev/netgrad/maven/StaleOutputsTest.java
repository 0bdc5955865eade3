package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaleOutputsTest {
    @TempDir
    Path dir;

    private Path file(String relative) throws IOException {
        Path file = dir.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, relative);
        return file;
    }

    @Test
    void filesNotProducedAreDeletedAndProducedOnesKeepTheirTimestamps() throws IOException {
        Path kept = file("out/a/Kept.java");
        Path stale = file("out/a/Stale.java");
        FileTime old = FileTime.fromMillis(1_000_000_000_000L);
        Files.setLastModifiedTime(kept, old);
        List<Path> deleted = StaleOutputs.delete(List.of(dir.resolve("out")), Set.of(kept), OutputSink.DIRECT);
        assertEquals(List.of(stale), deleted);
        assertFalse(Files.exists(stale));
        assertEquals(old, Files.getLastModifiedTime(kept));
    }

    @Test
    void emptiedFoldersGoButTheRootStays() throws IOException {
        file("out/a/b/c/Stale.java");
        Path kept = file("out/x/Kept.java");
        StaleOutputs.delete(List.of(dir.resolve("out")), Set.of(kept), OutputSink.DIRECT);
        assertFalse(Files.exists(dir.resolve("out/a")));
        assertTrue(Files.isRegularFile(kept));
        StaleOutputs.delete(List.of(dir.resolve("out")), Set.of(), OutputSink.DIRECT);
        assertTrue(Files.isDirectory(dir.resolve("out")));
        assertFalse(Files.exists(dir.resolve("out/x")));
    }

    @Test
    void onlyTheRootsAreSweptAndAMissingRootIsNothing() throws IOException {
        Path outside = file("src/main/java/Mine.java");
        Path stale = file("out/Stale.md");
        List<Path> deleted = StaleOutputs.delete(List.of(dir.resolve("out"), dir.resolve("missing")), Set.of(),
                OutputSink.DIRECT);
        assertEquals(List.of(stale), deleted);
        assertTrue(Files.isRegularFile(outside));
    }

    @Test
    void aFileProducedUnderOneRootIsKeptWhenRootsNest() throws IOException {
        Path java = file("out/a/Net.java");
        Path md = file("out/eq/Net.md");
        List<Path> deleted = StaleOutputs.delete(List.of(dir.resolve("out"), dir.resolve("out/eq")),
                Set.of(java, dir.resolve("out/eq/../eq/Net.md")), OutputSink.DIRECT);
        assertEquals(List.of(), deleted);
        assertTrue(Files.isRegularFile(md));
    }

    @Test
    void theSinkHearsOfEveryDeletion() throws IOException {
        Path one = file("out/One.java");
        Path two = file("out/p/Two.java");
        List<Path> heard = new ArrayList<>();
        OutputSink sink = new OutputSink() {
            @Override
            public OutputStream open(Path file) throws IOException {
                return Files.newOutputStream(file);
            }

            @Override
            public void deleted(Path file) {
                heard.add(file);
            }
        };
        StaleOutputs.delete(List.of(dir.resolve("out")), Set.of(), sink);
        assertEquals(List.of(one, two), heard);
    }
}
