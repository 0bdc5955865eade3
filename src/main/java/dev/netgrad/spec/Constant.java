package dev.netgrad.spec;

/** A named number: {@code const lambda = 0.7}. */
public record Constant(String name, double value, SourcePos pos) {
}
