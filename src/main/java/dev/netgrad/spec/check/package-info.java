/**
 * The check stage: syntax trees to the checked model. Takes a {@link dev.netgrad.spec.ast.SpecAst}
 * and gives a {@link dev.netgrad.spec.Network} whose statements are IR with inferred shapes
 * (names resolved, shorthand expanded, loss and cost checked), or every error found.
 */
package dev.netgrad.spec.check;
