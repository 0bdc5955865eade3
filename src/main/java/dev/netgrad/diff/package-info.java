/**
 * The middle of the pipeline: a checked {@link dev.netgrad.spec.Network} to a
 * {@link dev.netgrad.diff.Derivation}, in these steps ({@link dev.netgrad.diff.Deriver#derive}):
 * <ol>
 *   <li>lower: dropout to masks, batchnorm to named helpers ({@link dev.netgrad.diff.Lowering});</li>
 *   <li>differentiate: one reverse walk, adjoints accumulating, one rule per operation
 *       ({@link dev.netgrad.diff.Rules}), cross-entropy fused to {@code A - Y}
 *       ({@link dev.netgrad.diff.LossFusion}), each value labelled dL, d(sum L) or dJ by how it depends
 *       on the examples ({@link dev.netgrad.diff.Coupling});</li>
 *   <li>verify that the cost's 1/m appears exactly once on every path from J to every param
 *       ({@link dev.netgrad.diff.ScaleAnalysis}; a failure is a
 *       {@link dev.netgrad.diff.DerivationException}, a bug in netgrad);</li>
 *   <li>simplify and name what the forward pass already computes ({@link dev.netgrad.diff.Simplifier});</li>
 *   <li>stabilize the forward pass for saturated outputs ({@link dev.netgrad.diff.Stabilizer}).</li>
 * </ol>
 * It also judges users' hand-written equations against the derivation
 * ({@link dev.netgrad.diff.EquationChecker}, {@link dev.netgrad.diff.Diagnosis}) and evaluates a
 * derivation on concrete matrices ({@link dev.netgrad.diff.Evaluation}), the oracle of the tests.
 */
package dev.netgrad.diff;
