/**
 * The front end: {@code .nn} and {@code .eq} text to the checked network model. {@link
 * dev.netgrad.spec.SpecReader} is the door; {@link dev.netgrad.spec.Network} and its records are
 * what later stages read; errors come out as {@link dev.netgrad.spec.Diagnostic}s.
 */
package dev.netgrad.spec;
