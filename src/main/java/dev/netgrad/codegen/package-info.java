/**
 * Code generation: takes a {@link dev.netgrad.diff.Derivation} and gives the Java source of a
 * trainer class ({@link dev.netgrad.codegen.TrainerGenerator}) that holds only its network, built
 * with JavaParser over flat row-major buffers and extending the runtime in
 * {@code dev.netgrad.runtime}, whose sources {@link dev.netgrad.codegen.RuntimeSources} writes out
 * beside it; compiles such source in memory against netgrad's own runtime
 * ({@link dev.netgrad.codegen.InMemoryCompiler}) and drives the compiled class through the runtime's
 * {@code Trainer} API ({@link dev.netgrad.codegen.CompiledTrainer}), for the verbs and for the
 * gradient check ({@link dev.netgrad.codegen.GradientCheck}).
 */
package dev.netgrad.codegen;
