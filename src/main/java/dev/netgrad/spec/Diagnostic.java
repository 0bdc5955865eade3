package dev.netgrad.spec;

/** One problem in a source file, printed as {@code path:line:col: error: message}. */
public record Diagnostic(String path, int line, int column, String message) {
    public static Diagnostic at(String path, SourcePos pos, String message) {
        return new Diagnostic(path, pos.line(), pos.column(), message);
    }

    @Override
    public String toString() {
        return path + ":" + line + ":" + column + ": error: " + message;
    }
}
