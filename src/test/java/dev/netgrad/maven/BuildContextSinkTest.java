package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.netgrad.FileTree;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sonatype.plexus.build.incremental.DefaultBuildContext;

/**
 * The plugin's outputs are written all or none in an IDE's incremental build as on Maven's command
 * line, and the build context hears of each file that holds new content. A tree is written
 * {@code path=content} a file and {@code path/} an empty folder, sorted, comma-separated; every
 * target is written the content "new".
 */
class BuildContextSinkTest {
    @TempDir
    Path dir;

    private static final String NOTHING = "nothing was written: every file already there is kept as it was";

    /**
     * An IDE's context (m2e) or Maven's: it records the files it is told of, and the files opened through its
     * streams, which write in place (a failure half-way left the files before it rewritten, and a new one).
     */
    private static final class Context extends DefaultBuildContext {
        private final boolean incremental;
        final List<String> refreshed = new ArrayList<>();
        final List<File> opened = new ArrayList<>();

        Context(boolean incremental) {
            this.incremental = incremental;
        }

        @Override
        public boolean isIncremental() {
            return incremental;
        }

        @Override
        public void refresh(File file) {
            refreshed.add(file.getName());
        }

        @Override
        public OutputStream newFileOutputStream(File file) throws IOException {
            opened.add(file);
            return super.newFileOutputStream(file);
        }
    }

    @ParameterizedTest(name = "{0}, incremental {1}")
    @CsvSource(delimiter = '|', value = {
        // what | incremental | the tree before | the targets, in order | the tree after | files refreshed | the build's failure ('' none)
        "every file written | true | old.txt=old | a/b/A.java, old.txt "
            + "| a/b/A.java=new, old.txt=new | A.java, old.txt | ''",
        "every file written | false | old.txt=old | a/b/A.java, old.txt "
            + "| a/b/A.java=new, old.txt=new | A.java, old.txt | ''",
        "a file where a folder belongs, after a file written | true | old.txt=old, blocker=x | old.txt, new/A.java, blocker/B.java "
            + "| blocker=x, old.txt=old | '' | cannot write DIR/blocker/B.java: DIR/blocker is a file, not a folder; " + NOTHING,
        "a file where a folder belongs, after a file written | false | old.txt=old, blocker=x | old.txt, new/A.java, blocker/B.java "
            + "| blocker=x, old.txt=old | '' | cannot write DIR/blocker/B.java: DIR/blocker is a file, not a folder; " + NOTHING,
        "a folder in the way of the last rename | true | old.txt=old, C.java/in=x | new/A.java, old.txt, C.java "
            + "| C.java/in=x, old.txt=new | old.txt | cannot write DIR/C.java: it is a directory; the files written "
            + "before it keep their new content (DIR/old.txt); no new file was left, and every other file already there is kept as it was",
        "a folder in the way of the last rename | false | old.txt=old, C.java/in=x | new/A.java, old.txt, C.java "
            + "| C.java/in=x, old.txt=new | old.txt | cannot write DIR/C.java: it is a directory; the files written "
            + "before it keep their new content (DIR/old.txt); no new file was left, and every other file already there is kept as it was",
    })
    void theFilesAreWrittenAllOrNoneAndTheContextHearsOfThoseChanged(String what, boolean incremental, String before,
            String targets, String after, String refreshed, String failure) throws IOException {
        make(before);
        Context context = new Context(incremental);
        BuildContextSink sink = new BuildContextSink(context);
        if (failure.isEmpty()) {
            sink.writeAll(targets(targets));
        } else {
            IOException e = assertThrows(IOException.class, () -> sink.writeAll(targets(targets)));
            assertEquals("netgrad: " + failure.replace("DIR", dir.toString()), GenerateMojo.failure(e));
        }
        assertEquals(after, tree(), "no temporary file, new file or new folder left");
        assertEquals(refreshed, String.join(", ", context.refreshed));
        assertEquals(List.of(), context.opened, "nothing written in place through the context's streams");
    }

    private Map<Path, byte[]> targets(String list) {
        return new FileTree(dir).newContents(list);
    }

    private void make(String tree) throws IOException {
        new FileTree(dir).make(tree);
    }

    private String tree() throws IOException {
        return new FileTree(dir).read();
    }
}
