/**
 * Code generation: takes a {@link dev.netgrad.diff.Derivation} and gives the Java source of a
 * dependency-free trainer class ({@link dev.netgrad.codegen.TrainerGenerator}), built with
 * JavaParser over flat row-major buffers; compiles such source in memory
 * ({@link dev.netgrad.codegen.InMemoryCompiler}) and drives the compiled class by reflection
 * ({@link dev.netgrad.codegen.CompiledTrainer}), for the verbs and for the gradient check
 * ({@link dev.netgrad.codegen.GradientCheck}).
 */
package dev.netgrad.codegen;
