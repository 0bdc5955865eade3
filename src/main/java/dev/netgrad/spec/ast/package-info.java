/**
 * The syntax tree of {@code .nn} and {@code .eq} files as the user wrote them: names unresolved,
 * shapes unknown, shorthand unexpanded, every node with its source position. The parser
 * ({@code dev.netgrad.spec.syntax}) gives it; the checker ({@code dev.netgrad.spec.check}) takes it.
 */
package dev.netgrad.spec.ast;
