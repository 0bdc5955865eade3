package dev.netgrad.spec;

/** A place in a source file; line and column both count from 1. */
public record SourcePos(int line, int column) {
    public static final SourcePos NONE = new SourcePos(0, 0);
}
