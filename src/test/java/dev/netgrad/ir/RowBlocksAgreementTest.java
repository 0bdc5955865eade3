package dev.netgrad.ir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RowBlocks' claim, tried on random terms: a term of the operations it makes a block of rows at a time
 * has, made so, the bits of the Evaluator's whole value of it (an evaluator keeping every value, one
 * planned to let values go, and each added into a sum as the evaluation of {@code S + term} adds it).
 *
 * <p>Compared bit for bit with {@link Double#doubleToRawLongBits}, except that a NaN matches any NaN:
 * which of two NaN operands of a sum x86 hands on, and so the sign of the NaN, is the JIT's choice of
 * operand order (the sum of -NaN and NaN came out 0xfff8... one way and 0x7ff8... the other, in the
 * same run), and no reader of a bound tells NaNs apart. The entries mix plain numbers with NaN, both
 * infinities, both zeros, subnormals and magnitudes near overflow and underflow, so that products and
 * sums overflow, cancel and make NaN.
 */
class RowBlocksAgreementTest {
    /** Row counts above a block of 64 and not a multiple of it (65's last block is a single row). */
    private static final int[] ROWS = {65, 130, 200};
    private static final int BATCH = 7;
    private static final int TERMS_PER_SEED = 40;

    /** One random case: its environment grows with the names the term reads. */
    private static final class Case {
        final SplittableRandom rnd;
        final Environment env = new Environment(BATCH);
        int names;

        Case(long seed) {
            rnd = new SplittableRandom(seed);
        }

        double entry() {
            return switch (rnd.nextInt(16)) {
                case 0 -> Double.NaN;
                case 1 -> Double.POSITIVE_INFINITY;
                case 2 -> Double.NEGATIVE_INFINITY;
                case 3 -> -0.0;
                case 4 -> 0.0;
                case 5 -> Double.MIN_VALUE * (1 + rnd.nextInt(1000)) * (rnd.nextBoolean() ? 1 : -1);
                case 6 -> Double.MAX_VALUE * (rnd.nextDouble() - 0.5);
                case 7 -> Double.MIN_NORMAL * (rnd.nextDouble() - 0.5) * 8;
                case 8 -> 1e300 * (rnd.nextDouble() - 0.5);
                default -> rnd.nextDouble() * 4 - 2;
            };
        }

        /** A name of the given shape, its value random (nearly all plain numbers when {@code plain}). */
        Node ref(int rows, int cols, boolean plain) {
            String name = "v" + names++;
            int r = rows == Shape.M ? BATCH : rows;
            int c = cols == Shape.M ? BATCH : cols;
            Matrix value = Matrix.zeros(r, c);
            for (int i = 0; i < value.data().length; i++) {
                value.data()[i] = plain && rnd.nextInt(8) != 0 ? rnd.nextDouble() - 0.5 : entry();
            }
            env.put(name, value);
            RefKind kind = List.of(RefKind.PARAM, RefKind.VALUE, RefKind.DERIVATIVE, RefKind.INPUT).get(rnd.nextInt(4));
            return Ref.of(name, kind, new Shape(rows, cols));
        }

        /** A term of rows x cols made only of the operations RowBlocks makes in blocks (its whole values aside). */
        Node blocked(int rows, int cols, int depth) {
            int pick = depth <= 0 ? 0 : rnd.nextInt(8);
            return switch (pick) {
                case 0 -> ref(rows, cols, false);
                case 1 -> Apply.of(List.of(Op.ABS, Op.NEG, Op.ONES_LIKE).get(rnd.nextInt(3)), blocked(rows, cols, depth - 1));
                case 2, 3 -> {
                    // A product: the left operand in blocks, never a transpose; the right whole, of any operation.
                    int inner = List.of(1, 3, 17, 20, BATCH).get(rnd.nextInt(5));
                    yield Apply.of(Op.MATMUL, blocked(rows, inner, depth - 1), whole(inner, cols, depth - 1));
                }
                default -> elementwise(rows, cols, depth);
            };
        }

        /** An elementwise operation whose operands broadcast to rows x cols: columns and rows of one, numbers. */
        Node elementwise(int rows, int cols, int depth) {
            Op op = List.of(Op.ADD, Op.SUB, Op.MUL, Op.DIV).get(rnd.nextInt(4));
            // Which operand has the term's rows (the other may too), and which has its columns.
            boolean leftRows = rnd.nextBoolean();
            boolean bothRows = rnd.nextInt(3) == 0;
            boolean leftCols = rnd.nextBoolean();
            boolean bothCols = cols == 1 || rnd.nextInt(3) == 0;
            Node left = operand(leftRows || bothRows, leftCols || bothCols, rows, cols, depth - 1);
            Node right = operand(!leftRows || bothRows, !leftCols || bothCols, rows, cols, depth - 1);
            return Apply.of(op, left, right);
        }

        private Node operand(boolean hasRows, boolean hasCols, int rows, int cols, int depth) {
            int c = hasCols ? cols : 1;
            return hasRows ? blocked(rows, c, depth) : whole(1, c, depth);
        }

        /** A value evaluated whole (a product's right operand, a single row): any operation, transposes too. */
        Node whole(int rows, int cols, int depth) {
            int pick = depth <= 0 ? rnd.nextInt(2) : rnd.nextInt(7);
            return switch (pick) {
                case 0 -> ref(rows, cols, rnd.nextBoolean());
                case 1 -> rows == 1 && cols == 1 ? List.of(Num.of(rnd.nextDouble() * 3 - 1.5), Ref.costScale(),
                        Ref.batchSize(), Num.of(-2)).get(rnd.nextInt(4)) : ref(rows, cols, true);
                case 2 -> Apply.of(Op.TRANSPOSE, whole(cols, rows, depth - 1));
                case 3 -> Apply.of(List.of(Op.TANH, Op.EXP, Op.ABS, Op.NEG, Op.RELU).get(rnd.nextInt(5)),
                        whole(rows, cols, depth - 1));
                case 4 -> rows == 1 ? Apply.of(Op.SUM0, whole(1 + rnd.nextInt(9), cols, depth - 1))
                        : Apply.of(Op.ADD, whole(rows, cols, depth - 1), whole(1, cols, depth - 1));
                case 5 -> Apply.of(Op.MATMUL, whole(rows, 5, depth - 1), whole(5, cols, depth - 1));
                default -> Apply.of(Op.MUL, whole(rows, 1, depth - 1), whole(1, cols, depth - 1));
            };
        }
    }

    static Stream<Arguments> seeds() {
        return IntStream.range(0, 30).mapToObj(s -> Arguments.of((long) s));
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void aRandomTermMadeInBlocksHasTheBitsOfEveryWholeEvaluation(long seed) {
        Case c = new Case(seed * 7919 + 1);
        for (int t = 0; t < TERMS_PER_SEED; t++) {
            int rows = ROWS[c.rnd.nextInt(ROWS.length)];
            int cols = List.of(1, 1, 2, 9, 70, Shape.M).get(c.rnd.nextInt(6));
            Node term = c.blocked(rows, cols, 1 + c.rnd.nextInt(4));
            String what = "seed " + seed + ", term " + t + ": " + ExprPrinter.print(term);
            RowBlocks blocks = RowBlocks.of(term, c.env);
            assertNotNull(blocks, what);
            Matrix made = blocks.addInto(null);
            sameBits(new Evaluator(c.env).eval(term), made, what + " (an evaluator keeping every value)");
            sameBits(Evaluator.of(c.env, List.of(term)).eval(term), made, what + " (a planned evaluator)");
            sameBits(Evaluator.evaluate(term, c.env), made, what + " (Evaluator.evaluate)");
            // Added into a sum: as the evaluation of S + term, entry by entry.
            Node sum = c.ref(rows, cols, false);
            Matrix expected = Evaluator.evaluate(Apply.of(Op.ADD, sum, term), c.env);
            Matrix into = c.env.value(((Ref) sum).name()).copy();
            sameBits(expected, RowBlocks.of(term, c.env).addInto(into), what + " (added into a sum)");
        }
    }

    private static void sameBits(Matrix expected, Matrix actual, String what) {
        assertEquals(expected.rows(), actual.rows(), what);
        assertEquals(expected.cols(), actual.cols(), what);
        for (int i = 0; i < expected.data().length; i++) {
            long e = Double.doubleToRawLongBits(expected.data()[i]);
            long a = Double.doubleToRawLongBits(actual.data()[i]);
            if (e != a && !(Double.isNaN(expected.data()[i]) && Double.isNaN(actual.data()[i]))) {
                fail(what + ": entry (" + i / expected.cols() + ", " + i % expected.cols() + ") is "
                        + actual.data()[i] + " (0x" + Long.toHexString(a) + "), the whole value's "
                        + expected.data()[i] + " (0x" + Long.toHexString(e) + ")");
            }
        }
    }

    private static Node ref(String name, int rows, int cols) {
        return Ref.of(name, RefKind.VALUE, new Shape(rows, cols));
    }

    static Stream<Arguments> refused() {
        Node w = ref("W", 130, 9);
        Node a = ref("A", 9, 130);
        Node x = ref("X", Shape.M, 9);
        Node b = ref("B", 9, 4);
        Node half = ref("H", 65, 9);
        Node image = Ref.of("I", RefKind.VALUE, Shape.image(10, 13, 1));
        Node perChannel = ref("c", 1, 1);
        List<Arguments> rows = new ArrayList<>();
        rows.add(Arguments.of("rows m", Apply.of(Op.ADD, x, Num.of(1))));
        rows.add(Arguments.of("rows m under a product", Apply.of(Op.MATMUL, x, Apply.of(Op.TRANSPOSE, w))));
        rows.add(Arguments.of("an image", Apply.of(Op.MUL, image, perChannel)));
        rows.add(Arguments.of("an image's own value", image));
        rows.add(Arguments.of("a transposed left operand", Apply.of(Op.MATMUL, Apply.of(Op.TRANSPOSE, a), b)));
        rows.add(Arguments.of("a transpose under abs on the left", Apply.of(Op.MATMUL, Apply.of(Op.ABS,
                Apply.of(Op.TRANSPOSE, a)), b)));
        rows.add(Arguments.of("a transpose as an elementwise operand", Apply.of(Op.ADD, Apply.of(Op.TRANSPOSE, a), w)));
        rows.add(Arguments.of("tanh", Apply.of(Op.TANH, w)));
        rows.add(Arguments.of("tanh under a sum", Apply.of(Op.ADD, w, Apply.of(Op.TANH, w))));
        rows.add(Arguments.of("a comparison", Apply.of(Op.GT, w, Num.of(0))));
        rows.add(Arguments.of("a power", Apply.of(Op.POW, w, Num.of(2))));
        rows.add(Arguments.of("sum along rows", Apply.of(Op.MUL, Apply.of(Op.SUM1, w), w)));
        rows.add(Arguments.of("softmax", Apply.of(Op.SOFTMAX, w)));
        rows.add(Arguments.of("64 rows", ref("F", 64, 9)));
        rows.add(Arguments.of("a name with no value", Apply.of(Op.ADD, w, ref("nowhere", 130, 9))));
        rows.add(Arguments.of("a name whose value has other rows", Apply.of(Op.ADD, ref("V", 130, 9), w)));
        rows.add(Arguments.of("a named number", Apply.of(Op.ADD, Ref.constant("k", 2), w)) /* read whole: made */);
        rows.add(Arguments.of("65 rows against 130 (the image rule)", new Apply(Op.ADD, List.of(w, half), w.shape())));
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aTermItCannotMakeInBlocksIsRefusedNotMadeWrong(String what, Node term) {
        SplittableRandom rnd = new SplittableRandom(3);
        Environment env = new Environment(BATCH).put("W", random(rnd, 130, 9)).put("A", random(rnd, 9, 130))
                .put("X", random(rnd, BATCH, 9)).put("H", random(rnd, 65, 9)).put("I", random(rnd, 130, BATCH))
                .put("c", random(rnd, 1, 1)).put("F", random(rnd, 64, 9)).put("V", random(rnd, 65, 9))
                .put("k", Matrix.scalar(2)).put("B", random(rnd, 9, 4));
        RowBlocks blocks = RowBlocks.of(term, env);
        if (what.equals("a named number")) {
            // A number read whole in every row is among what it makes: it must be made right.
            assertNotNull(blocks);
            sameBits(new Evaluator(env).eval(term), blocks.addInto(null), what);
            return;
        }
        assertNull(blocks, what);
    }

    private static Matrix random(SplittableRandom rnd, int rows, int cols) {
        Matrix out = Matrix.zeros(rows, cols);
        for (int i = 0; i < out.data().length; i++) {
            out.data()[i] = rnd.nextDouble() - 0.5;
        }
        return out;
    }
}
