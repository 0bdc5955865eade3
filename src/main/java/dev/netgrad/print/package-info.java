/**
 * Printers of a derived backward pass ({@link dev.netgrad.diff.Derivation}): text that parses
 * back as an equation file, LaTeX in the course's notation, Markdown for GitHub, JSON, and the
 * forward and backward graph as Graphviz DOT. They read the IR as the derivation left it and
 * never re-derive or simplify; the same derivation always prints the same bytes.
 */
package dev.netgrad.print;
