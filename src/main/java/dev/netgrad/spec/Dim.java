package dev.netgrad.spec;

/** A named size: {@code dim n_h = 4}. */
public record Dim(String name, int value, SourcePos pos) {
}
