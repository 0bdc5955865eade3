package dev.netgrad.maven;

import java.io.IOException;

/**
 * A file the build could not read, write or delete, said in netgrad's words: its message is whole
 * ({@code cannot write FILE: REASON}) and the build's failure says it as it is. Any other
 * IOException is the JDK's, whose message may be a bare reason naming no file
 * ("Input/output error"), and is said after what the build was doing.
 */
final class BuildFileException extends IOException {
    private static final long serialVersionUID = 1L;

    BuildFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
