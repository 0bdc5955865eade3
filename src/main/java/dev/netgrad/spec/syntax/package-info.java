/**
 * The syntax stage: text to {@link dev.netgrad.spec.ast} trees with every syntax error collected.
 * The only package that sees ANTLR (and the generated {@code dev.netgrad.spec.parser}).
 */
package dev.netgrad.spec.syntax;
