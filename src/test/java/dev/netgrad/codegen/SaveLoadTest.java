package dev.netgrad.codegen;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.diff.Derivation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Params files: exact round trips, atomic writes, and refusals that say what is wrong. */
class SaveLoadTest {
    private static final Derivation PLANAR = Specs.derive(Specs.read(Path.of("samples/planar.nn")));

    @TempDir
    Path dir;

    @Test
    void savedParamsLoadBackToTheSameDoubles() throws IOException {
        CompiledTrainer a = CompiledTrainer.of(PLANAR, 1);
        a.setParam("b2", new double[][] {{0.1 + 0.2}});
        Path file = dir.resolve("planar.json");
        save(a, file);
        CompiledTrainer b = CompiledTrainer.of(PLANAR, 2);
        load(b, file);
        for (String p : a.paramNames()) {
            assertArrayEquals(a.getParam(p), b.getParam(p), p);
        }
        String text = Files.readString(file);
        assertTrue(text.startsWith("{\n  \"network\": \"Planar\",\n  \"params\": {\n    \"W1\": [["), text);
        assertTrue(text.contains("\"b2\": [[0.30000000000000004]]"), text);
    }

    @Test
    void savingReplacesTheFileAndLeavesNoTemporaryBehind() throws IOException {
        Path file = dir.resolve("params.json");
        Files.writeString(file, "old");
        save(CompiledTrainer.of(PLANAR, 1), file);
        save(CompiledTrainer.of(PLANAR, 2), file);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList());
        }
        assertTrue(Files.readString(file).contains("\"network\": \"Planar\""));
    }

    // A save killed mid-write leaves its temporary file; the next save of the same file deletes it
    // if its process has ended and nothing has written it for ten minutes, and leaves a live process's
    // (this JVM's) alone.
    @Test
    void aSaveDeletesTheLeftoverOfADeadSaveOfTheSameFileOnly() throws Exception {
        Path file = dir.resolve("params.json");
        String tag = Integer.toHexString("params.json".hashCode());
        Path dead = dir.resolve(".netgrad-" + deadPid() + "-" + tag + "-1a2b.tmp");
        Path live = dir.resolve(".netgrad-" + ProcessHandle.current().pid() + "-" + tag + "-1a2b.tmp");
        Path other = dir.resolve(".netgrad-" + deadPid() + "-0-1a2b.tmp");
        Path fresh = dir.resolve(".netgrad-" + deadPid() + "-" + tag + "-3c4d.tmp");
        for (Path leftover : List.of(dead, live, other, fresh)) {
            Files.writeString(leftover, "{\"network\"");
            if (leftover != fresh) {
                Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(
                        java.time.Instant.now().minus(java.time.Duration.ofMinutes(11))));
            }
        }
        save(CompiledTrainer.of(PLANAR, 1), file);
        assertTrue(Files.notExists(dead), "a dead save's leftover is deleted");
        assertTrue(Files.exists(live), "a live save's is kept");
        assertTrue(Files.exists(other), "another file's is kept");
        assertTrue(Files.exists(fresh), "a dead-looking save's written in the last ten minutes is kept (a saver in another container)");
    }

    // An older netgrad's save left .netgrad-RANDOM.tmp (createTempFile's decimal, or the tool's hex),
    // naming neither its process nor its target: a save beside it deletes it once nothing has
    // written it for ten minutes. Each case: the name, how many minutes ago it was written, whether
    // the save deletes it.
    @ParameterizedTest(name = "{0}, {1} min old -> deleted: {2}")
    @org.junit.jupiter.params.provider.CsvSource({
        ".netgrad-8125369512381092364.tmp, 11, true",  // an older trainer's save, killed
        ".netgrad-1a2b3c.tmp,              11, true",  // an older tool's write, killed
        ".netgrad-8125369512381092364.tmp,  9, false", // perhaps being written now
        ".netgrad-1a2b3c.tmp.bak,          11, false", // not a name netgrad makes
    })
    void aSaveDeletesAnOlderNetgradsLeftoverByItsAgeAlone(String name, int minutesOld, boolean deleted) throws Exception {
        Path leftover = Files.writeString(dir.resolve(name), "{\"network\"");
        Files.setLastModifiedTime(leftover, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofMinutes(minutesOld))));
        save(CompiledTrainer.of(PLANAR, 1), dir.resolve("params.json"));
        assertEquals(!deleted, Files.exists(leftover), name);
    }

    @Test
    void aNewFileGetsTheUsualPermissionsAndAFileSavedOverKeepsItsOwn() throws IOException {
        Path fresh = dir.resolve("fresh.json");
        Path plain = dir.resolve("plain.txt");
        Files.writeString(plain, "made as any file is");
        save(CompiledTrainer.of(PLANAR, 1), fresh);
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(fresh),
                "a temporary file's 0600 would leave the params readable by their owner alone");
        Path shared = dir.resolve("shared.json");
        Files.writeString(shared, "old");
        Set<PosixFilePermission> groupWritable = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(shared, groupWritable);
        save(CompiledTrainer.of(PLANAR, 1), shared);
        assertEquals(groupWritable, Files.getPosixFilePermissions(shared));
    }

    // The temporary file's name does not grow with the target's: "." + a 250-byte name + a random
    // number + ".tmp" could not exist on a file system of 255-byte names.
    @ParameterizedTest(name = "a file name of {0} bytes")
    @ValueSource(ints = {10, 240, 250, 255})
    void aFileNamedUpToTheFileSystemsLimitIsSaved(int length) throws IOException {
        Path file = dir.resolve("p".repeat(length - ".json".length()) + ".json");
        CompiledTrainer saved = CompiledTrainer.of(PLANAR, 1);
        save(saved, file);
        CompiledTrainer loaded = CompiledTrainer.of(PLANAR, 2);
        load(loaded, file);
        assertArrayEquals(saved.getParam("W1"), loaded.getParam("W1"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    /**
     * A 0644 file on a read-only mount: the file system is named, not the file's mode (its "make it writable"
     * sent the user to a chmod that fails there). Skipped where this process may not mount (it needs root).
     */
    @Test
    void savingOntoAReadOnlyFileSystemSaysSo() throws IOException {
        java.util.Optional<dev.netgrad.ReadOnlyMount> mounted = dev.netgrad.ReadOnlyMount.on(dir.resolve("ro"), java.util.Map.of("p.json", "kept"));
        org.junit.jupiter.api.Assumptions.assumeTrue(mounted.isPresent(), "mounting a tmpfs needs root");
        try (dev.netgrad.ReadOnlyMount mount = mounted.get()) {
            Path file = dir.resolve("ro/p.json");
            IOException e = assertThrows(IOException.class, () -> save(CompiledTrainer.of(PLANAR, 1), file));
            assertEquals(file + ": cannot write: it is on a read-only file system; save cannot replace it there (choose a file "
                    + "on a writable one, or remount it read-write)", e.getMessage());
            assertEquals("kept", Files.readString(file));
        }
    }

    /**
     * A file this user may not write, or one the system keeps though its mode allows the write, is not called
     * read-only, whose "make it writable" is a chmod its user cannot or need not do. Each case: the file's owner
     * and mode, whether it has the immutable flag (chattr +i), who saves it (nobody in a JVM of its own), then
     * what save says after "PATH: cannot write: it ". The folder lets anyone make files, so that only the
     * check keeps the file from a rename over it. Skipped without root, which all three steps need.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            # what                                      | owner  | mode      | immutable | saver  | what save says
            root's file that only root may write        | root   | rw-r--r-- | false     | nobody | is not writable by nobody: it belongs to root (mode rw-r--r--); save does not replace it (choose another file, or ask root for write access)
            root's file without a write bit             | root   | r--r--r-- | false     | nobody | is read-only and belongs to root; save does not replace it (choose another file, or ask root to make it writable)
            the saver's own file without a write bit    | nobody | r--r--r-- | false     | nobody | is read-only; save does not replace it (make it writable or choose another file)
            an immutable file, saved by root            | root   | rw-r--r-- | true      | root   | is not writable by root, though its mode (rw-r--r--) lets its owner write it: an immutable flag (lsattr shows an i) or an access control list keeps it; save does not replace it (choose another file)
            the saver's own immutable file              | nobody | rw-r--r-- | true      | nobody | is not writable by nobody, though its mode (rw-r--r--) lets its owner write it: an immutable flag (lsattr shows an i) or an access control list keeps it; save does not replace it (choose another file)
            """)
    void aFileThisUserMayNotWriteIsSaidToBeKeptByWhatKeepsIt(String what, String owner, String mode, boolean immutable, String saver,
            String says) throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "giving a file to another user, saving as one and setting the immutable flag need root");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path shared = Files.createDirectory(dir.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Path file = Files.writeString(shared.resolve("p.json"), "kept");
        Files.setOwner(file, file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(owner));
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        if (immutable) {
            org.junit.jupiter.api.Assumptions.assumeTrue(new ProcessBuilder("chattr", "+i", file.toString()).start().waitFor() == 0,
                    "the immutable flag needs a file system that has it");
        }
        try {
            String said = saver.equals("root")
                    ? assertThrows(IOException.class, () -> save(CompiledTrainer.of(PLANAR, 1), file)).getMessage()
                    : dev.netgrad.runtime.SaveAsAnotherUser.save(saver, file);
            assertEquals(file + ": cannot write: it " + says, said);
            assertEquals("kept", Files.readString(file));
        } finally {
            if (immutable) {
                new ProcessBuilder("chattr", "-i", file.toString()).start().waitFor();
            }
        }
        try (Stream<Path> files = Files.list(shared)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    // Each case: what stands at the path saved to, then the message expected (after "PATH: "), or
    // '' when the params are saved. Whatever stood there is left as it was, and no temporary file.
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            a folder                                | cannot write: it is a directory; give a file name (save writes one file, never into a folder)
            a folder, named with a trailing slash   | cannot write: it is a directory; give a file name (save writes one file, never into a folder)
            a link to a folder                      | cannot write: it is a directory; give a file name (save writes one file, never into a folder)
            a socket, as a device or a pipe would be | cannot write: it is not a regular file (a device, a pipe or a socket), which save does not replace
            nothing, in a folder that is missing    | cannot write: the folder DIR/missing does not exist
            a read-only file, kept as a user keeps one | cannot write: it is read-only; save does not replace it (make it writable or choose another file)
            a link to a file, which gets the params | ''
            """)
    void savingWritesOnlyRegularFilesAndNamesTheFileItCouldNotWrite(String what, String expected) throws IOException {
        // A user meaning "into the folder" writes the slash; the Path drops it.
        Path path = what.contains("slash") ? Path.of(dir.resolve("p.json") + "/")
                : dir.resolve(what.startsWith("nothing") ? "missing/p.json" : "p.json");
        Path linked = dir.resolve("linked.json");
        java.nio.channels.ServerSocketChannel socket = null;
        if (what.startsWith("a folder")) {
            Files.createDirectory(path);
        } else if (what.startsWith("a link to a folder")) {
            Files.createSymbolicLink(path, Files.createDirectory(linked));
        } else if (what.startsWith("a socket")) {
            socket = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX);
            socket.bind(java.net.UnixDomainSocketAddress.of(path));
        } else if (what.startsWith("a read-only")) {
            Files.writeString(path, "kept");
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r--r--r--"));
        } else if (what.startsWith("a link to a file")) {
            Files.writeString(linked, "old");
            Files.createSymbolicLink(path, linked);
        }
        try (java.nio.channels.ServerSocketChannel closed = socket) {
            CompiledTrainer trainer = CompiledTrainer.of(PLANAR, 1);
            if (expected.isEmpty()) {
                save(trainer, path);
                assertTrue(Files.isSymbolicLink(path), "the link stays a link");
                assertTrue(Files.readString(linked).contains("\"network\": \"Planar\""), "the file linked to holds the params");
            } else {
                IOException e = assertThrows(IOException.class, () -> save(trainer, path));
                assertEquals(path + ": " + expected.replace("DIR", dir.toString()), e.getMessage());
                assertEquals(what.startsWith("a folder") || what.startsWith("a link to a folder"), Files.isDirectory(path));
                assertEquals(what.startsWith("a link to a folder"), Files.isSymbolicLink(path), "the link stays a link");
                assertEquals(what.startsWith("a read-only"), Files.isRegularFile(path) && Files.readString(path).equals("kept"));
                assertEquals(what.startsWith("a socket"), Files.exists(path) && !Files.isRegularFile(path) && !Files.isDirectory(path),
                        "the socket is still there, not replaced by a file");
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith(".netgrad-")), "no temporary file left");
        }
        if (Files.isDirectory(linked)) {
            try (Stream<Path> files = Files.list(linked)) {
                assertEquals(0, files.count(), "nothing written into the folder linked to");
            }
        }
    }

    @Test
    void aCorruptFileIsRefusedWithWhereItBreaks() throws IOException {
        Path file = dir.resolve("p.json");
        save(CompiledTrainer.of(PLANAR, 1), file);
        String text = Files.readString(file);
        Files.writeString(file, text.substring(0, text.length() / 2));
        IOException e = assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), file));
        assertTrue(e.getMessage().contains("p.json:") && e.getMessage().contains("not a valid params file"), e.getMessage());
        Files.writeString(file, "{\"network\": \"Planar\", \"params\": {\"W1\": [[1, NaN]]}}");
        e = assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), file));
        assertTrue(e.getMessage().contains("1:45: not a valid params file: expected a number"), e.getMessage());
        Files.writeString(file, "[]");
        assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), file));
    }

    @Test
    void paramsOfAnotherNetworkOrShapeAreRefusedAndNothingChanges() throws IOException {
        Path file = dir.resolve("iris.json");
        save(CompiledTrainer.of(Specs.derive(Specs.read(Path.of("samples/iris.nn"))), 1), file);
        CompiledTrainer planar = CompiledTrainer.of(PLANAR, 1);
        double[][] before = planar.getParam("W1");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(planar, file));
        assertTrue(e.getMessage().contains("holds params of the network Iris, not of Planar"), e.getMessage());

        Path planarFile = dir.resolve("planar.json");
        save(planar, planarFile);
        Files.writeString(planarFile, Files.readString(planarFile).replaceFirst("\\[\\[([^\\]]*)\\], ", "["));
        e = assertThrows(IllegalArgumentException.class, () -> load(planar, planarFile));
        assertTrue(e.getMessage().contains("must be 4 x 2, found 3 x 2"), e.getMessage());

        Files.writeString(planarFile, "{\"network\": \"Planar\", \"params\": {\"W1\": [[1, 2], [3, 4], [5, 6], [7, 8]]}}");
        e = assertThrows(IllegalArgumentException.class, () -> load(planar, planarFile));
        assertTrue(e.getMessage().contains("has no param b1"), e.getMessage());
        assertArrayEquals(before, planar.getParam("W1"));
    }

    // A file that does not name its network (an eval case, the course's initial params), then what load says, or ''
    // when it loads: such a file is taken by its params' names and shapes, to the numbers the command line's reader
    // (--params, --init) takes from it; one that names another network is refused (above), and so is one without params.
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            samples/planar.case.json         | ''
            samples/data/planar_init.json    | ''
            an object without params         | not a netgrad params file: it has no "params" entry
            """)
    void aFileThatDoesNotNameItsNetworkIsTakenByItsParams(String given, String expected) throws Exception {
        Path file = given.startsWith("samples/") ? Path.of(given) : Files.writeString(dir.resolve("p.json"), "{\"columns\": []}");
        CompiledTrainer planar = CompiledTrainer.of(PLANAR, 1);
        double[][] before = planar.getParam("W1");
        if (!expected.isEmpty()) {
            IOException e = assertThrows(IOException.class, () -> load(planar, file));
            assertEquals(file + ": " + expected, e.getMessage());
            assertArrayEquals(before, planar.getParam("W1"), "nothing changes");
            return;
        }
        load(planar, file);
        dev.netgrad.data.SavedParams read = dev.netgrad.data.ParamsFile.read(file, PLANAR.network());
        for (String p : planar.paramNames()) {
            assertArrayEquals(read.params().get(p), planar.getParam(p), p);
        }
    }

    // A Planar file whose "forward" is edited (a regular expression and its replacement, in the file's text), then what
    // load says: the params trained through another forward pass than the class's (the same names and shapes) are
    // refused, naming the first line that differs, and nothing changes; a file that does not say, or one whose values
    // are only renamed, loads. '' when it loads.
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            relu where the class has tanh       | tanh                          | relu                                    | FILE was trained through another forward pass than Planar (CLASS)'s: line 2 of it was 'A1 = relu(Z1)', where the class has 'A1 = tanh(Z1)'; the params fit by names and shapes, but the network they make is not the one trained: load them with the class they were trained by (or, to start from them anyway, delete the file's "forward" entry)
            a line more than the class has      | "A2 = sigmoid\\(Z2\\)"    | "A2 = sigmoid(Z2)", "A3 = A2"           | FILE was trained through another forward pass than Planar (CLASS)'s: line 5 of it was 'A3 = A2', where the class has no more lines; the params fit by names and shapes, but the network they make is not the one trained: load them with the class they were trained by (or, to start from them anyway, delete the file's "forward" entry)
            the values only renamed             | A1                            | H1                                      | ''
            no forward pass (an older file)     | ,\\s*"forward": \\[[^]]*]  | ''                                      | ''
            an empty forward pass               | "forward": \\[[^]]*]        | "forward": []                           | ''
            a forward pass that is not strings  | "forward": \\[              | "forward": [1,                          | LINE:15: not a valid params file: expected '"', found '1'
            """)
    void paramsTrainedThroughAnotherForwardPassAreRefused(String name, String regex, String replacement, String expected) throws IOException {
        Path file = dir.resolve("p.json");
        CompiledTrainer saved = CompiledTrainer.of(PLANAR, 1);
        save(saved, file);
        String text = Files.readString(file);
        Files.writeString(file, text.replaceAll(regex, replacement));
        CompiledTrainer loaded = CompiledTrainer.of(PLANAR, 2);
        double[][] before = loaded.getParam("W1");
        if (expected.isEmpty()) {
            load(loaded, file);
            assertArrayEquals(saved.getParam("W1"), loaded.getParam("W1"));
            return;
        }
        Class<? extends Exception> refusal = expected.startsWith("LINE") ? IOException.class : IllegalArgumentException.class;
        Exception e = assertThrows(refusal, () -> load(loaded, file));
        int line = text.substring(0, text.indexOf("\"forward\"")).split("\n", -1).length;
        assertEquals(expected.replace("FILE", file.toString()).replace("CLASS", loaded.trainer().getClass().getName())
                .replace("LINE", file + ":" + line), e.getMessage());
        assertArrayEquals(before, loaded.getParam("W1"), "nothing changes");
    }

    // Each case: what replaces the saved file's text (from a valid Planar file), then the message
    // expected, or "" when it loads.
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            a misspelt key is refused, not skipped    | s/"standardization"/"standardisation"/ | 9:3: not a valid params file: unknown key "standardisation"
            a key of no params file is refused        | s/^\\{/{"extra": [1, {"a": null}],/    | 1:2: not a valid params file: unknown key "extra"; the keys of a params file are "network", "params", "batchnorm", "standardization", "columns" and "forward" (and a netgrad eval case's "inputs", "masks" and "convention", which load skips)
            the keys of an eval case are taken        | s/^\\{/{"convention": "loss",/          | ''
            a byte order mark is skipped              | s/^/\uFEFF/                              | ''
            a file far larger than the params is refused | s/$/                                 | not a valid params file: larger than 1051264 bytes, far more than the params of Planar would take
            """)
    void paramsFilesAreReadStrictly(String name, String edit, String expected) throws IOException {
        Path file = dir.resolve("p.json");
        CompiledTrainer saved = CompiledTrainer.of(PLANAR, 1);
        saved.trainer().setStandardization(new double[] {1, 2}, new double[] {3, 4});
        save(saved, file);
        String[] sed = edit.split("/", -1);
        String text = Files.readString(file);
        text = sed[2].isEmpty() && sed[1].equals("$") ? text + " ".repeat(1 << 21) : text.replaceFirst(sed[1], sed[2]);
        Files.writeString(file, text);
        CompiledTrainer loaded = CompiledTrainer.of(PLANAR, 2);
        if (expected.isEmpty()) {
            load(loaded, file);
            assertArrayEquals(saved.getParam("W1"), loaded.getParam("W1"));
            assertArrayEquals(new double[][] {{-1.0 / 3, -0.5}}, loaded.trainer().standardize(new double[][] {{0, 0}}));
        } else {
            IOException e = assertThrows(IOException.class, () -> load(loaded, file));
            assertTrue(e.getMessage().contains(expected), e.getMessage());
        }
    }

    // Each case: the image network, the param whose saved rows are rewritten as the nested array f x f x c_in x
    // c_out (numpy's tolist(), as the command line's --params and an eval case take a filter bank), the nested
    // array's sides when they are changed (f, f, c_in, c_out), then the message expected, or "" when it loads:
    // the generated class's load takes what the command line's reader takes, to the same rows.
    @ParameterizedTest(name = "{0} {1} {2}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            samples/images/digits_cnn.nn | W1 | ''      | ''
            samples/images/lenet.nn      | W1 | ''      | ''
            samples/images/lenet.nn      | W3 | ''      | ''
            samples/images/lenet.nn      | W3 | 3 3 6 8 | param W3 in FILE must be 3 x 3 x 6 x 16 (f x f x c_in x c_out) nested, or its 54 x 16 rows; its [0][0][0] has 8 entries, not 16
            samples/images/lenet.nn      | W3 | 3 3 3 16 | param W3 in FILE must be 3 x 3 x 6 x 16 (f x f x c_in x c_out) nested, or its 54 x 16 rows; its [0][0] has 3 entries, not 6
            samples/images/lenet.nn      | W3 | 2 3 6 16 | param W3 in FILE must be 3 x 3 x 6 x 16 (f x f x c_in x c_out) nested, or its 54 x 16 rows; found 2 arrays of rows of filter pixels, not 3
            samples/images/digits_cnn.nn | W2 | 2 5 1 10 | param W2 in FILE must be 10 x 128 (an array of rows), found a nested array: only a filter bank is given nested, f x f x c_in x c_out
            """)
    void aFilterBankIsLoadedFromItsNestedArrayAsTheCommandLineReadsIt(String spec, String param, String sides, String expected)
            throws Exception {
        dev.netgrad.spec.Network network = Specs.read(Path.of(spec));
        Derivation d = Specs.derive(network);
        Path file = dir.resolve("p.json");
        CompiledTrainer saved = CompiledTrainer.of(d, 1);
        save(saved, file);
        double[][] rows = saved.getParam(param);
        int f = param.equals("W1") || rows.length == 54 ? 3 : 1;
        int[] shape = sides.isEmpty() ? new int[] {f, f, rows.length / (f * f), rows[0].length}
                : java.util.Arrays.stream(sides.split(" ")).mapToInt(Integer::parseInt).toArray();
        StringBuilder nested = new StringBuilder("[");
        for (int a = 0; a < shape[0]; a++) {
            nested.append(a == 0 ? "[" : ", [");
            for (int b = 0; b < shape[1]; b++) {
                nested.append(b == 0 ? "[" : ", [");
                for (int ci = 0; ci < shape[2]; ci++) {
                    double[] row = rows[((a * shape[1] + b) * shape[2] + ci) % rows.length];
                    nested.append(ci == 0 ? "" : ", ").append(java.util.Arrays.toString(java.util.Arrays.copyOf(row, shape[3])));
                }
                nested.append(']');
            }
            nested.append(']');
        }
        String text = Files.readString(file).replaceFirst("\"" + param + "\": \\[\\[[^\n]*\\]\\](,?)\n", "\"" + param + "\": " + nested + "]$1\n");
        assertTrue(text.contains("\"" + param + "\": [[[["), text);
        Files.writeString(file, text);
        CompiledTrainer loaded = CompiledTrainer.of(d, 2);
        if (expected.isEmpty()) {
            load(loaded, file);
            assertArrayEquals(rows, loaded.getParam(param));
            assertArrayEquals(rows, dev.netgrad.data.ParamsFile.read(file, network).params().get(param), "the command line's reader");
        } else {
            double[][] before = loaded.getParam(param);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> load(loaded, file));
            assertEquals(expected.replace("FILE", file.toString()), e.getMessage());
            assertArrayEquals(before, loaded.getParam(param));
            assertThrows(dev.netgrad.data.DataException.class, () -> dev.netgrad.data.ParamsFile.read(file, network), "the command line's reader");
        }
    }

    /**
     * A filter bank in PyTorch's layout, c_out x c_in x f x f (a Conv2d weight's tolist()), is told so by the generated
     * class's load, with the permutation that gives the trainer's f x f x c_in x c_out; the command line's reader
     * refuses it too (ParamsFileTest has its words). Before, load said only that the file had 16 arrays where 3 belong.
     */
    @Test
    void aFilterBankInPyTorchsLayoutIsToldHowToReorderIt() throws Exception {
        aFilterBankIsLoadedFromItsNestedArrayAsTheCommandLineReadsIt("samples/images/lenet.nn", "W3", "16 6 3 3",
                "param W3 in FILE must be 3 x 3 x 6 x 16 (f x f x c_in x c_out) nested, or its 54 x 16 rows; found 16 x 6 x 3 x 3,"
                        + " PyTorch's layout of a Conv2d weight (c_out x c_in x f x f): give numpy's W.transpose(2, 3, 1, 0).tolist()"
                        + " (PyTorch's W.permute(2, 3, 1, 0).tolist())");
    }

    @Test
    void anEndlessFileIsRefusedBeforeItFillsTheHeap() {
        IOException e = assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), Path.of("/dev/zero")));
        assertTrue(e.getMessage().startsWith("/dev/zero: not a valid params file: larger than"), e.getMessage());
    }

    @Test
    void aBinaryFileOrADirectoryIsRefusedSayingWhatAndWhere() throws IOException {
        Path binary = dir.resolve("p.class");
        byte[] text = "{\"network\":\n \"Pl".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] bytes = java.util.Arrays.copyOf(text, text.length + 3);
        bytes[text.length] = (byte) 0xCA;
        bytes[text.length + 1] = (byte) 0xFE;
        Files.write(binary, bytes);
        IOException e = assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), binary));
        assertEquals(binary + ":2:5: not a valid params file: not UTF-8 text (a binary file?): byte 0xCA at byte offset 16 is no UTF-8",
                e.getMessage());
        e = assertThrows(IOException.class, () -> load(CompiledTrainer.of(PLANAR, 1), dir));
        assertEquals(dir + ": not a valid params file: it is a directory", e.getMessage());
    }

    /** The id of a process that has ended: a child started and waited for. */
    private static long deadPid() throws IOException, InterruptedException {
        Process child = new ProcessBuilder("true").start();
        child.waitFor();
        assertTrue(ProcessHandle.of(child.pid()).isEmpty(), "the child has ended");
        return child.pid();
    }

    /** The adapter's save, its UncheckedIOException unwrapped so that tests see the trainer's IOException. */
    static void save(CompiledTrainer t, Path file) throws IOException {
        try {
            t.save(file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    static void load(CompiledTrainer t, Path file) throws IOException {
        try {
            t.load(file);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
