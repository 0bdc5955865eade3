package dev.netgrad.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.netgrad.ir.Apply;
import dev.netgrad.ir.ExprPrinter;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

/** What the front end makes of valid specs: the checked model, shorthand expanded. */
class SpecReaderTest {
    static Network read(String text) {
        try {
            return SpecReader.read("test.nn", text);
        } catch (SpecException e) {
            throw new AssertionError("unexpected errors:\n" + e.formatted(), e);
        }
    }

    /** A network with input X[2], target Y[1], param W[1, 2], the given lines, and a loss on Z. */
    static Network withLines(String lines) {
        return read("network T {\n input X[2]\n target Y[1]\n param W[1, 2]\n " + lines
                + "\n loss L = (Z - Y)^2\n cost J = mean(L)\n}\n");
    }

    static Node value(Network n, String name) {
        return n.statement(name).orElseThrow().value();
    }

    static String printed(Network n, String name) {
        return ExprPrinter.print(value(n, name));
    }

    @Test
    void planarReadsAsWritten() {
        Network n = read(TestFiles.PLANAR);
        assertEquals("Planar", n.name());
        assertEquals("test.nn", n.path());
        assertEquals(List.of("Z1", "A1", "Z2", "A2", "L", "J"), n.statements().stream().map(Statement::name).toList());
        assertEquals(new Shape(4, Shape.M), n.statement("Z1").orElseThrow().shape());
        assertEquals("W1 @ X + b1", printed(n, "Z1"));
        assertEquals("L", n.loss());
        assertEquals("J", n.cost());
        assertEquals("A2", n.output());
        assertEquals(new CostForm(true, java.util.Optional.empty()), n.costForm());
        assertEquals(Init.of(Init.Kind.RANDN, 0.01), n.param("W1").orElseThrow().init());
        assertEquals(Statement.Role.LOSS, n.statement("L").orElseThrow().role());
        assertFalse(n.train().isPresent());
    }

    @Test
    void refsHaveTheKindsOfTheirDeclarations() {
        Network n = read("""
                network K {
                  dim n_h = 3
                  const lambda = 0.5
                  input X[2]
                  target Y[1]
                  param W[n_h, 2]
                  param V[1, n_h]
                  Z = lambda * (V @ (W @ X)) * n_h / m
                  loss L = (Z - Y)^2
                  cost J = mean(L)
                }
                """);
        Apply z = (Apply) value(n, "Z");
        List<Ref> refs = refs(z);
        assertTrue(refs.contains(Ref.constant("lambda", 0.5)), "named consts stay refs, with their values");
        assertTrue(refs.contains(Ref.of("X", RefKind.INPUT, Shape.batch(2))));
        assertTrue(refs.contains(Ref.of("W", RefKind.PARAM, new Shape(3, 2))));
        assertTrue(refs.contains(Ref.batchSize()));
        assertEquals("lambda * (V @ (W @ X)) * 3 / m", ExprPrinter.print(z), "dims become numbers");
        assertTrue(refs(value(n, "L")).contains(Ref.of("Z", RefKind.VALUE, Shape.batch(1))));
        assertTrue(refs(value(n, "L")).contains(Ref.of("Y", RefKind.TARGET, Shape.batch(1))));
        assertEquals(List.of(new Dim("n_h", 3, new SourcePos(2, 7))), n.dims());
        assertEquals(0.5, n.constValue("lambda"));
    }

    private static List<Ref> refs(Node node) {
        List<Ref> refs = new java.util.ArrayList<>();
        java.util.ArrayDeque<Node> todo = new java.util.ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            Node x = todo.pop();
            if (x instanceof Ref r) {
                refs.add(r);
            } else if (x instanceof Apply a) {
                todo.addAll(a.args());
            }
        }
        return refs;
    }

    @Test
    void builtinsMapToOps() {
        Network n = withLines("""
                Z = W @ X
                  S0 = sum(W @ X, axis=0)
                  S1 = mean(W @ X, axis=1)
                  S = sum(W)
                  K = leaky_relu(Z)
                  K2 = leaky_relu(Z, 0.2)
                  D = dropout(Z, 0.8)
                  O = ones_like(Z)""");
        assertEquals(Op.SUM0, ((Apply) value(n, "S0")).op());
        assertEquals(Op.MEAN1, ((Apply) value(n, "S1")).op());
        assertEquals(Op.SUM, ((Apply) value(n, "S")).op());
        assertEquals(Num.of(0.01), ((Apply) value(n, "K")).arg(1), "leaky_relu's slope defaults to 0.01");
        assertEquals(Num.of(0.2), ((Apply) value(n, "K2")).arg(1));
        assertEquals(Op.DROPOUT, ((Apply) value(n, "D")).op());
        assertEquals(Num.of(0.8), ((Apply) value(n, "D")).arg(1));
        assertEquals(Op.ONES_LIKE, ((Apply) value(n, "O")).op());
    }

    @Test
    void precedenceFollowsPython() {
        Network n = withLines("""
                Z = W @ X
                  P = -Z^2
                  Q = 2^-1 * Z
                  R = Z ** 2 + Z * Z
                  C = Z + 1 > Z * 2
                  T = (W.T @ Z).T""");
        assertEquals("-Z^2", printed(n, "P"));
        Apply p = (Apply) value(n, "P");
        assertEquals(Op.NEG, p.op(), "unary minus binds looser than the power");
        Apply q = (Apply) ((Apply) value(n, "Q")).arg(0);
        assertEquals(Op.POW, q.op());
        assertEquals(Num.of(-1), q.arg(1), "a negated exponent is the number -1");
        assertEquals(Op.ADD, ((Apply) value(n, "R")).op());
        assertEquals(Op.GT, ((Apply) value(n, "C")).op(), "comparisons bind loosest");
        assertEquals(Op.TRANSPOSE, ((Apply) value(n, "T")).op());
        assertEquals(new Shape(Shape.M, 2), value(n, "T").shape());
    }

    @Test
    void semicolonsBracketsAndBlockCommentsSeparateAsDocumented() {
        Network n = read("""
                network S { input X[2]; target Y[1]; param W[1,
                    2]
                  /* a block comment
                     over lines */ Z = W @ (X +
                     X); loss L = (Z - Y)^2; cost J = mean(L) }
                """);
        assertEquals("W @ (X + X)", printed(n, "Z"));
    }

    /** A zero written with an exponent beyond a double's is still 0; a nonzero literal that would round to 0 is an error (errors/). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0e-400", "0.000e-999", "00.0E+400"})
    void aZeroWithAHugeExponentIsZero(String literal) {
        Network n = read("network N { const c = " + literal + "\n input X[2]\n target Y[1]\n param W[1, 2]\n"
                + " Z = c * W @ X\n loss L = (Z - Y)^2\n cost J = mean(L) }");
        assertEquals("c * W @ X", printed(n, "Z"));
    }

    /** Numbers as Python writes them, the course's 1./m among them; a '.' before a T stays the transpose's (2.T is 2 transposed). */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"'.5', 0.5 * W @ X", "'1.', 1 * W @ X", "'1./2', 1/2 * W @ X", "'.25e1', 2.5 * W @ X", "'3.E-1', 0.3 * W @ X",
            "'2.T', 2.T * W @ X"})
    void numbersWithADotAtEitherEndReadAsPython(String literal, String expected) {
        Network n = read("network N {\n input X[2]\n target Y[1]\n param W[1, 2]\n"
                + " Z = " + literal + " * W @ X\n loss L = (Z - Y)^2\n cost J = mean(L) }");
        assertEquals(expected, printed(n, "Z"));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMarkAreFine() {
        Network n = read("\uFEFF" + TestFiles.PLANAR.replace("\n", "\r\n"));
        assertEquals(new SourcePos(11, 3), n.statement("Z1").orElseThrow().pos());
    }

    @Test
    void denseShorthandExpandsToNamedParamsAndStatements() {
        Network n = read("""
                network Deep {
                  input X[12288]
                  target Y[1]
                  dense 20 relu init he
                  dense 7 relu dropout 0.8
                  dense 5 linear
                  dense 1 sigmoid
                  loss cross_entropy
                }
                """);
        assertEquals(List.of("W1", "b1", "W2", "b2", "W3", "b3", "W4", "b4"),
                n.params().stream().map(Param::name).toList());
        assertEquals(new Shape(20, 12288), n.param("W1").orElseThrow().shape());
        assertEquals(Init.of(Init.Kind.HE), n.param("W1").orElseThrow().init());
        assertEquals(Init.of(Init.Kind.XAVIER), n.param("W4").orElseThrow().init(), "weights default to xavier");
        assertEquals(Init.of(Init.Kind.ZEROS), n.param("b1").orElseThrow().init(), "biases default to zeros");
        assertTrue(n.param("W2").orElseThrow().weight());
        assertFalse(n.param("b2").orElseThrow().weight());
        assertEquals("W1 @ X + b1", printed(n, "Z1"));
        assertEquals("dropout(relu(Z2), 0.8)", printed(n, "A2"));
        assertEquals("Z3", printed(n, "A3"), "linear has no activation");
        assertEquals("-(Y * log(A4) + (1 - Y) * log(1 - A4))", printed(n, "L"));
        assertEquals("mean(L)", printed(n, "J"));
        assertEquals("A4", n.output());
    }

    @Test
    void crossEntropyIsCategoricalForSoftmaxAndSummedForMultiLabelSigmoid() {
        String head = "network C {\n input X[4]\n target Y[3]\n dense 3 ";
        Network softmax = read(head + "softmax\n loss cross_entropy\n}\n");
        assertEquals("-sum(Y * log(A1), axis=0)", printed(softmax, "L"));
        Network sigmoid = read(head + "sigmoid\n loss cross_entropy\n}\n");
        assertEquals("-sum(Y * log(A1) + (1 - Y) * log(1 - A1), axis=0)", printed(sigmoid, "L"));
        Network mse = read(head + "linear\n loss mse\n}\n");
        assertEquals("sum((A1 - Y)^2, axis=0) / 2", printed(mse, "L"));
        assertEquals(Shape.batch(1), mse.statement("L").orElseThrow().shape());
    }

    @Test
    void regularizeAddsTheL2TermToTheDefaultCost() {
        Network n = read("""
                network R {
                  const lambda = 0.7
                  input X[2]
                  target Y[1]
                  dense 3 relu
                  dense 1 sigmoid
                  loss cross_entropy
                  regularize l2(lambda)
                }
                """);
        assertEquals("mean(L) + lambda / (2 * m) * (sum(W1^2) + sum(W2^2))", printed(n, "J"));
        assertTrue(n.costForm().mean());
        assertEquals("lambda / (2 * m) * (sum(W1^2) + sum(W2^2))",
                ExprPrinter.print(n.costForm().regularizer().orElseThrow()));
    }

    @Test
    void regularizeAddsOntoAnExplicitCostAndSkipsBiases() {
        Network n = read("""
                network R {
                  input X[2]
                  target Y[1]
                  param W[1, 2]
                  param b[1]
                  Z = W @ X + b
                  loss L = (Z - Y)^2
                  cost J = sum(L) + 0.1 * sum(b^2)
                  regularize l2(0.5)
                }
                """);
        assertEquals("sum(L) + 0.1 * sum(b^2) + 0.5 / (2 * m) * sum(W^2)", printed(n, "J"));
        assertFalse(n.costForm().mean());
        assertEquals("0.1 * sum(b^2) + 0.5 / (2 * m) * sum(W^2)",
                ExprPrinter.print(n.costForm().regularizer().orElseThrow()));
    }

    @Test
    void outputDefaultsToTheLastValueTheLossReads() {
        Network n = read("""
                network O {
                  input X[2]
                  target Y[1]
                  param W[1, 2]
                  Z = W @ X
                  A = sigmoid(Z)
                  loss L = (A - Y)^2 + 0 * Z
                  cost J = mean(L)
                }
                """);
        assertEquals("A", n.output());
    }

    @Test
    void statementsEndWithTheLossAndTheCost() {
        Network n = read("""
                network P {
                  input X[2]
                  target Y[3]
                  param W[3, 2]
                  Z = W @ X
                  loss L = -sum(Y * log_softmax(Z), axis=0)
                  cost J = mean(L)
                  P = softmax(Z)
                  output P
                }
                """);
        assertEquals(List.of("Z", "P", "L", "J"), n.statements().stream().map(Statement::name).toList());
        assertEquals("P", n.output());
    }

    @Test
    void trainBlockFillsEveryDefault() {
        Network n = read("""
                network T {
                  input X[2]
                  target Y[1]
                  dense 1 sigmoid
                  loss cross_entropy
                  train {
                    optimizer momentum(0.05)
                    batch 64
                    seed 123456789012345
                  }
                }
                """);
        TrainConfig t = n.train().orElseThrow();
        assertEquals(Optimizer.momentum(0.05, 0.9), t.optimizer());
        assertEquals(OptionalInt.of(64), t.batch());
        assertEquals(TrainConfig.DEFAULT.epochs(), t.epochs());
        assertEquals(123456789012345L, t.seed());
        Network adam = read("network A {\n input X[2]\n target Y[1]\n dense 1 sigmoid\n loss cross_entropy\n"
                + " train {\n optimizer adam(0.001, beta2 = 0.99)\n epochs 5\n }\n}\n");
        assertEquals(Optimizer.adam(0.001, 0.9, 0.99, 1e-8), adam.train().orElseThrow().optimizer());
    }

    @Test
    void initsAndSizesAreFolded() {
        Network n = read("""
                network I {
                  dim h = 2 * 3
                  input X[2]
                  target Y[1]
                  param W1[h, 2] init uniform(-0.5, 0.5)
                  param W2[1, h] init const(0.25)
                  param V[1, 1]
                  param U[1, 2]
                  param b[1]
                  Z = W2 @ (W1 @ X) + V + U @ X + b
                  loss L = (Z - Y)^2
                  cost J = mean(L)
                }
                """);
        assertEquals(new Shape(6, 2), n.param("W1").orElseThrow().shape());
        assertEquals(Init.of(Init.Kind.UNIFORM, -0.5, 0.5), n.param("W1").orElseThrow().init());
        assertEquals(Init.of(Init.Kind.CONST, 0.25), n.param("W2").orElseThrow().init());
        assertEquals(Init.of(Init.Kind.ZEROS), n.param("V").orElseThrow().init(), "r x 1 params default to zeros");
        assertEquals(Init.of(Init.Kind.XAVIER), n.param("U").orElseThrow().init(), "others to xavier");
        assertEquals(Init.of(Init.Kind.ZEROS), n.param("b").orElseThrow().init());
    }

    /** A batch of one example has variance 0, so nothing before a batchnorm would train: fit refuses it, so does the spec. */
    @Test
    void aBatchOfOneIsRefusedAtItsLineForANetworkWithABatchnorm() throws Exception {
        String spec = java.nio.file.Files.readString(java.nio.file.Path.of("samples/batchnorm.nn"));
        assertTrue(spec.contains("    batch 32\n"));
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("bn.nn", spec.replace("    batch 32\n", "    batch 1\n")));
        assertTrue(e.formatted().startsWith("bn.nn:35:5: error: a batch of 1 cannot train the batchnorm Zn1 (line 20): the variance of"
                + " one example is 0, so nothing before the batchnorm would train; use a batch of 2 or more\n    batch 1\n    ^"), e.formatted());
        assertEquals(1, e.diagnostics().size());
        // Batch 2, and batch 1 without a batchnorm, are read.
        assertEquals(OptionalInt.of(2), read(spec.replace("    batch 32\n", "    batch 2\n")).train().orElseThrow().batch());
        assertEquals(OptionalInt.of(1), read("network A {\n input X[2]\n target Y[1]\n dense 1 sigmoid\n loss cross_entropy\n"
                + " train {\n batch 1\n }\n}\n").train().orElseThrow().batch());
    }

    @Test
    void everyIndependentErrorIsReportedInSourceOrder() {
        SpecException e = assertThrows(SpecException.class, () -> SpecReader.read("bad.nn", """
                network B {
                  input X[2]
                  target Y[1]
                  param W[1, 2]
                  Z = W @ X + undefined_a
                  A = tanh(Z, Z)
                  B = W @ W
                  loss L = (Z - Y)^2
                  cost J = mean(L)
                }
                """));
        assertEquals(List.of(5, 6, 7), e.diagnostics().stream().map(Diagnostic::line).toList());
        assertInstanceOf(String.class, e.formatted());
        assertTrue(e.formatted().startsWith("bad.nn:5:15: error: undefined name 'undefined_a'\n"));
    }
}
