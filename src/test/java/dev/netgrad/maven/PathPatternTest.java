package dev.netgrad.maven;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PathPatternTest {
    @Test
    void doubleStarSlashAlsoMatchesTheRootFolder() {
        PathPattern p = PathPattern.of("**/*.nn");
        assertTrue(p.matches("Iris.nn"));
        assertTrue(p.matches("com/acme/Iris.nn"));
        assertFalse(p.matches("com/acme/Iris.nn.bak"));
        assertFalse(p.matches("com/acme/Iris.eq"));
    }

    @Test
    void singleStarStaysInsideOneFolder() {
        PathPattern p = PathPattern.of("nets/*.nn");
        assertTrue(p.matches("nets/A.nn"));
        assertFalse(p.matches("nets/deep/A.nn"));
        assertFalse(p.matches("A.nn"));
    }

    @Test
    void questionMarkIsOneCharacterButNotASlash() {
        PathPattern p = PathPattern.of("a?.nn");
        assertTrue(p.matches("ab.nn"));
        assertFalse(p.matches("a/.nn"));
        assertFalse(p.matches("abc.nn"));
    }

    @Test
    void trailingSlashMeansEverythingBelow() {
        PathPattern p = PathPattern.of("drafts/");
        assertTrue(p.matches("drafts/A.nn"));
        assertTrue(p.matches("drafts/old/B.nn"));
        assertFalse(p.matches("A.nn"));
    }

    @Test
    void regexCharactersInPatternsAreLiteral() {
        PathPattern p = PathPattern.of("v1.0+(x)/*.nn");
        assertTrue(p.matches("v1.0+(x)/A.nn"));
        assertFalse(p.matches("v100+(x)/A.nn"));
    }

    @Test
    void backslashesAreFolderSeparators() {
        assertTrue(PathPattern.of("com\\**\\*.nn").matches("com/acme/A.nn"));
        assertTrue(PathPattern.of("/**/*.nn").matches("A.nn"));
    }
}
