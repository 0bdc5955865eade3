package dev.netgrad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several files written all or none. A tree is written {@code path=content} a file and {@code path/}
 * an empty folder, sorted, comma-separated; every target is written the content "new".
 */
class StagedFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyFileIsWrittenWithItsFoldersAndNoTemporaryFileIsLeft() throws IOException {
        make("old.txt=old");
        StagedFiles.writeAll(targets("a/b/A.java, old.txt, a/B.java"));
        assertEquals("a/B.java=new, a/b/A.java=new, old.txt=new", tree());
    }

    private static final String NOTHING = "nothing was written: every file already there is kept as it was";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // what fails | the tree before | the targets, in order | fails at | the tree after | what it says was kept
        "a file where a folder belongs, before any rename | blocker=x "
            + "| new/a/A.java, blocker/B.java | blocker/B.java | blocker=x | " + NOTHING,
        "the folders it made go, not those it found | kept/, blocker=x "
            + "| kept/new/A.java, blocker/B.java | blocker/B.java | blocker=x, kept/ | " + NOTHING,
        "an existing file is untouched when the failure comes before the renames | old.txt=old, blocker=x "
            + "| old.txt, blocker/B.java | blocker/B.java | blocker=x, old.txt=old | " + NOTHING,
        "a non-empty folder in the way of the last rename | old.txt=old, C.java/in=x "
            + "| new/A.java, old.txt, C.java | C.java | C.java/in=x, old.txt=new "
            + "| the files written before it keep their new content (DIR/old.txt); no new file was left, "
            + "and every other file already there is kept as it was",
        "a file after the failed rename keeps its old content | later.txt=old, C.java/in=x "
            + "| new/A.java, C.java, later.txt | C.java | C.java/in=x, later.txt=old | " + NOTHING,
    })
    void aFailureRemovesWhatTheWriteMadeAndLeavesEveryOtherFileWhole(String what, String before, String targets,
            String failsAt, String after, String kept) throws IOException {
        make(before);
        StagedFiles.Failure failure = assertThrows(StagedFiles.Failure.class,
                () -> StagedFiles.writeAll(targets(targets)));
        assertEquals(dir.resolve(failsAt), failure.target());
        assertEquals(after, tree(), "no temporary file, new file or new folder left");
        assertEquals(kept.replace("DIR", dir.toString()), failure.whatWasKept());
    }

    @Test
    void aFailureNamesItsReasonAndNoTemporaryFile() throws IOException {
        make("blocker=x");
        StagedFiles.Failure failure = assertThrows(StagedFiles.Failure.class,
                () -> StagedFiles.writeAll(targets("blocker/B.java")));
        assertEquals(dir.resolve("blocker") + " is a file, not a folder", failure.getMessage());
    }

    /**
     * The reason of each failure in words, naming no temporary file: a file-system error without a reason
     * gave its message, the temporary file's name alone. The command line's check that a folder takes new
     * files says the same reasons (IoReason.ofWrite, one for both; IoReasonTest has every kind).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            access denied                      | permission denied
            a reason given                     | read-only file system
            a file where a folder belongs      | /out/gen is a file, not a folder
            a folder in the way                | a folder is in the way
            a folder gone                      | the folder /out does not exist
            a file-system error without reason | the file system refuses it
            """)
    void aFailureSaysItsReasonInWords(String what, String reason) {
        String temp = "/out/.netgrad-1-ab-cd.tmp";
        IOException cause = switch (what) {
            case "access denied" -> new AccessDeniedException(temp);
            case "a reason given" -> new FileSystemException(temp, null, "Read-only file system");
            case "a file where a folder belongs" -> new FileAlreadyExistsException("/out/gen");
            case "a folder in the way" -> new DirectoryNotEmptyException(temp);
            case "a folder gone" -> new NoSuchFileException(temp);
            default -> new FileSystemException(temp);
        };
        assertEquals(reason, new StagedFiles.Failure(Path.of("/out/A.java"), cause).getMessage());
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
