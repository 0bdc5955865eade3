package dev.netgrad.spec.ast;

import dev.netgrad.spec.SourcePos;
import java.util.List;
import java.util.Objects;

/** A parsed {@code network NAME { ... }} block: its members in source order. */
public record SpecAst(String name, SourcePos pos, List<Member> members) {
    public SpecAst {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pos, "pos");
        members = List.copyOf(members);
    }
}
