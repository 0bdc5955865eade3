package dev.netgrad.maven;

import dev.netgrad.spec.SourcePos;
import java.util.Objects;

/** The class a spec generates and where its network is declared, for reporting clashes. */
record ClassOrigin(String qualifiedName, String specPath, SourcePos pos) {
    ClassOrigin {
        Objects.requireNonNull(qualifiedName, "qualifiedName");
        Objects.requireNonNull(specPath, "specPath");
        Objects.requireNonNull(pos, "pos");
    }
}
