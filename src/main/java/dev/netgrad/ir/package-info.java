/**
 * The matrix-expression IR every stage after the front end shares: immutable, hash-consed
 * {@link dev.netgrad.ir.Node}s (numbers, references, operations applied to arguments), each with
 * the {@link dev.netgrad.ir.Shape} that {@link dev.netgrad.ir.Shapes} infers (rows x cols, either of
 * which may be the batch size m). It also holds the reference {@link dev.netgrad.ir.Evaluator}, the
 * elementary functions it shares bit for bit with the generated classes, and the printer of
 * expressions in the {@code .nn} syntax. It takes nothing from other stages and gives them nodes.
 */
package dev.netgrad.ir;
