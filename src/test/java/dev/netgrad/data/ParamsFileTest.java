package dev.netgrad.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.spec.Network;
import dev.netgrad.spec.SpecException;
import dev.netgrad.spec.SpecReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParamsFileTest {
    private static final String SPEC = """
            network Tiny {
              input X[2]
              target Y[1]
              dense 1 sigmoid
              loss cross_entropy
            }
            """;
    private static Network tiny;

    @TempDir
    Path dir;

    @BeforeAll
    static void readSpec() throws SpecException {
        tiny = SpecReader.read("tiny.nn", SPEC);
    }

    private static SavedParams parse(String json) throws DataException {
        return ParamsFile.parse("p.json", json, tiny);
    }

    private static String error(String json) {
        return assertThrows(DataException.class, () -> parse(json)).getMessage();
    }

    private static SavedParams sample() {
        Map<String, double[][]> params = new LinkedHashMap<>();
        params.put("W1", new double[][] {{0.1, -1.0 / 3}});
        params.put("b1", new double[][] {{Math.PI}});
        return new SavedParams("Tiny", params, Optional.of(new Standardization(new double[] {1, 2}, new double[] {0.5, 3})));
    }

    @Test
    void writtenFileReadsBackBitForBit() throws DataException {
        Path file = dir.resolve("p.json");
        ParamsFile.write(file, sample());
        SavedParams back = ParamsFile.read(file, tiny);
        assertArrayEquals(new double[][] {{0.1, -1.0 / 3}}, back.params().get("W1"));
        assertArrayEquals(new double[][] {{Math.PI}}, back.params().get("b1"));
        assertEquals(sample().standardization(), back.standardization());
    }

    @Test
    void writeReplacesTheFileAndLeavesNoTemporaryBehind() throws DataException, IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        ParamsFile.write(file, sample());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
        assertTrue(Files.readString(file).contains("\"standardization\""));
    }

    @Test
    void aNewFileGetsTheUsualPermissionsNotATemporaryFilesOwnerOnlyOnes() throws DataException, IOException {
        Path usual = Files.createFile(dir.resolve("usual"));
        Path file = dir.resolve("p.json");
        ParamsFile.write(file, sample());
        assertEquals(Files.getPosixFilePermissions(usual), Files.getPosixFilePermissions(file));
    }

    @Test
    void aReplacedFileKeepsItsPermissions() throws DataException, IOException {
        Path file = dir.resolve("p.json");
        Files.writeString(file, "old");
        Set<PosixFilePermission> shared = PosixFilePermissions.fromString("rw-rw-r--");
        Files.setPosixFilePermissions(file, shared);
        ParamsFile.write(file, sample());
        assertEquals(shared, Files.getPosixFilePermissions(file));
    }

    @Test
    void readsTheEvalLayoutWithoutStandardization() throws DataException {
        SavedParams p = parse("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0.0]]}, \"inputs\": {}}");
        assertFalse(p.standardization().isPresent());
        assertArrayEquals(new double[][] {{3, 4}}, p.prepare(new double[][] {{3, 4}}));
    }

    @Test
    void wrongShapeNamesBothShapes() {
        assertEquals("p.json: error: param W1 is 2 x 2, but network declares it 1 x 2",
                error("{\"params\": {\"W1\": [[1, 2], [3, 4]], \"b1\": [[0]]}}"));
    }

    @Test
    void missingAndUnknownParamsAreRefused() {
        assertEquals("p.json: error: param b1 of network Tiny is missing", error("{\"params\": {\"W1\": [[1, 2]]}}"));
        assertEquals("p.json: error: unknown param W9: network Tiny has params W1, b1",
                error("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]], \"W9\": [[0]]}}"));
    }

    @Test
    void corruptFilesGiveOneCleanLine() {
        assertTrue(error("{\"params\": {\"W1\": [[1, 2]").startsWith("p.json:"));
        assertTrue(error("").startsWith("p.json: error:"));
        assertTrue(error("[1]").startsWith("p.json: error: the file should be an object"));
        assertTrue(error("{\"params\": {\"W1\": [[1, \"x\"]], \"b1\": [[0]]}}").contains("W1[0][1] should be a finite number"));
        assertTrue(error("{\"network\": \"Other\", \"params\": {}}").contains("belong to network Other, not to Tiny"));
        assertTrue(error("{\"params\": {\"W1\": [[1, 2]], \"b1\": [[0]]}, \"standardization\": {\"mean\": [0, 0], \"std\": [1, 0]}}")
                .contains("std[1] is 0.0; it must be positive"));
    }
}
