package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.at;
import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.loop;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.ArrayAccessExpr;
import com.github.javaparser.ast.expr.AssignExpr;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.MethodReferenceExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.expr.VariableDeclarationExpr;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.VoidType;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.ir.Apply;
import dev.netgrad.ir.Node;
import dev.netgrad.ir.Num;
import dev.netgrad.ir.Op;
import dev.netgrad.ir.Ref;
import dev.netgrad.ir.RefKind;
import dev.netgrad.ir.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles one statement {@code dest = value} of the IR into Java statements over flat buffers.
 * Matrix products, softmaxes, transposes and reductions become calls of the class's kernels (or
 * reduction loops); everything elementwise around them is fused into one loop over the entries.
 * A product or reduction that feeds the fused loop at the result's own shape is computed straight
 * into the result (then updated in place), so {@code Z1 = W1 @ X + b1} needs no temporary.
 * A fused loop calling exp, log, tanh ... goes into a method of its own over a range of entries, so
 * that the class's helper threads can share its entries when the batch is big enough.
 */
final class KernelCompiler {
    private final Buffers buffers;
    private final String owner;
    private final Locals locals = new Locals();
    private final List<Statement> out = new ArrayList<>();
    private final Map<Node, Buffer> materialized = new HashMap<>();
    private final List<BodyDeclaration<?>> members = new ArrayList<>();
    private final SharedExps shared;

    /** The statements of a compute method, and the members they use: range methods and the fields holding them. */
    record Compiled(List<Statement> body, List<BodyDeclaration<?>> members) {
    }

    private KernelCompiler(Buffers buffers, String owner, SharedExps shared) {
        this.buffers = buffers;
        this.owner = owner;
        this.shared = shared;
    }

    /**
     * The statements that compute {@code value} into {@code dest}, and the members they need,
     * storing and reading the exp(-|x|) that {@code shared} names.
     */
    static Compiled compile(Buffers buffers, Buffer dest, Node value, SharedExps shared) {
        KernelCompiler k = new KernelCompiler(buffers, dest.java(), shared);
        k.assign(dest, value);
        AssignmentForms.shorten(k.out);
        k.members.forEach(AssignmentForms::compound);
        return new Compiled(k.out, k.members);
    }

    private void assign(Buffer dest, Node value) {
        Buffer source = storedIn(value);
        if (source != null && buffers.sharedWith(dest).filter(buffers.sharedWith(source).orElse(source)::equals).isPresent()) {
            return;
        }
        if (source != null && value.shape().rows() == dest.shape().rows() && value.shape().cols() == dest.shape().cols()) {
            Expression n = Sizes.cells(dest.shape());
            out.add(run(call("System", "arraycopy", name(source.java()), lit(0), name(dest.java()), lit(0), n)));
        } else if (isKernel(value)) {
            kernel(dest, (Apply) value);
        } else if (scaledProduct(value, dest.shape()) instanceof Apply product) {
            scaledIntoProduct(dest, product);
        } else {
            Node inPlace = inPlaceCandidate(value, dest.shape());
            prepare(value, inPlace, dest);
            fused(dest, value);
        }
    }

    /**
     * The product P of {@code 1/m * P} or {@code P * 1/m} (a gradient of J, {@code dW = 1/m * dZ @
     * A.T}) when P is not computed yet and has the destination's shape; else null.
     */
    private Node scaledProduct(Node value, Shape shape) {
        if (value instanceof Apply a && a.op() == Op.MUL && a.args().size() == 2) {
            for (int side = 0; side < 2; side++) {
                if (a.arg(side) instanceof Ref r && r.kind() == RefKind.COST_SCALE && a.arg(1 - side) instanceof Apply p
                        && p.op() == Op.MATMUL && p.shape().equals(shape) && !materialized.containsKey(p)) {
                    return p;
                }
            }
        }
        return null;
    }

    /**
     * {@code dest = 1/m * P}: the product into dest, each entry times 1/m as the product stores it
     * (see MatrixProducts' scaled products), rather than a pass over dest after the product (that
     * pass read and wrote the whole of the mlp's dW1, 800 kB: 4 % of its step at batch 32, even a
     * chunk of rows at a time on the thread that had just summed them). Each entry still gets
     * {@code 1/m * (its sum)}, one rounded multiply of the finished sum: the same bits.
     */
    private void scaledIntoProduct(Buffer dest, Apply product) {
        materialized.put(product, dest);
        product(dest, product, name("oneOverM"));
    }

    /** Operations computed by a kernel or a reduction loop rather than inside a fused loop. */
    private static boolean isKernel(Node node) {
        if (!(node instanceof Apply a)) {
            return false;
        }
        if (a.op() == Op.DROPOUT || a.op() == Op.BATCHNORM) {
            throw new IllegalStateException(a.op() + " must be lowered before code generation");
        }
        return a.op() == Op.MATMUL || a.op() == Op.SOFTMAX || a.op() == Op.LOG_SOFTMAX
                || a.op() == Op.TRANSPOSE || a.op().isReduction()
                || (a.op().isImageOp() && a.op() != Op.FLATTEN && a.op() != Op.UNFLATTEN);
    }

    /**
     * The buffer a node already lives in: a named value, a mask, or a result computed earlier; a
     * flattened image, or an unflattened value, lives where its argument does.
     */
    private Buffer storedIn(Node node) {
        if (node instanceof Apply a && (a.op() == Op.FLATTEN || a.op() == Op.UNFLATTEN)) {
            Buffer inner = storedIn(a.arg(0));
            if (inner != null) {
                return inner;
            }
        }
        if (node instanceof Ref r && !r.kind().isScalarConstant()) {
            return buffers.named(r.name());
        }
        if (node instanceof Apply a && a.op() == Op.MASK) {
            return buffers.mask(((Ref) a.x()).name());
        }
        return materialized.get(node);
    }

    /** The first kernel under the elementwise root whose result has the destination's shape. */
    private Node inPlaceCandidate(Node node, Shape shape) {
        if (isKernel(node)) {
            return node.shape().equals(shape) ? node : null;
        }
        if (Elementwise.isElementwise(node)) {
            for (Node arg : ((Apply) node).args()) {
                Node found = inPlaceCandidate(arg, shape);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /** Computes every kernel that the elementwise tree under {@code node} reads, in evaluation order. */
    private void prepare(Node node, Node inPlace, Buffer dest) {
        if (isKernel(node)) {
            if (!materialized.containsKey(node)) {
                Buffer into = node == inPlace ? dest : buffers.temp(owner, purpose((Apply) node), node.shape());
                kernel(into, (Apply) node);
                materialized.put(node, into);
            }
        } else if (Elementwise.isElementwise(node)) {
            ((Apply) node).args().forEach(arg -> prepare(arg, inPlace, dest));
        }
    }

    /** A buffer holding the value of {@code node}, computing it into a temporary if needed. */
    private Buffer bufferOf(Node node) {
        Buffer known = storedIn(node);
        if (known != null) {
            return known;
        }
        Buffer temp = buffers.temp(owner, node instanceof Apply a ? purpose(a) : "operand", node.shape());
        assign(temp, node);
        materialized.put(node, temp);
        return temp;
    }

    private static String purpose(Apply a) {
        return switch (a.op()) {
            case MATMUL -> "product";
            case SOFTMAX -> "softmax";
            case LOG_SOFTMAX -> "logSoftmax";
            case TRANSPOSE -> "transposed";
            case SUM, SUM0, SUM1 -> "sum";
            case MEAN, MEAN0, MEAN1 -> "mean";
            case GT, LT, GE, LE, ADD, SUB, MUL, DIV, NEG, POW, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, LEAKY_RELU,
                    DROPOUT, BATCHNORM, MASK, ONES_LIKE -> "operand";
            case CONV2D -> "conv";
            case MAXPOOL, AVGPOOL -> "pool";
            case FLATTEN, UNFLATTEN -> "image";
            case CONV2D_INPUT, MAXPOOL_INPUT, AVGPOOL_INPUT -> "input";
            case CONV2D_WEIGHT -> "filters";
            case CHANNEL_SUM -> "channelSum";
        };
    }

    private void kernel(Buffer dest, Apply a) {
        switch (a.op()) {
            case MATMUL -> product(dest, a);
            case SOFTMAX, LOG_SOFTMAX -> {
                Buffer x = bufferOf(a.x());
                String kernel = a.op() == Op.SOFTMAX ? "softmax" : "logSoftmax";
                out.add(run(call(kernel, name(x.java()), name(dest.java()), Sizes.rows(x.shape()), Sizes.cols(x.shape()))));
            }
            case TRANSPOSE -> {
                Buffer t = bufferOf(a.x());
                out.add(run(call("transpose", name(t.java()), name(dest.java()), Sizes.rows(t.shape()), Sizes.cols(t.shape()))));
            }
            case SUM, SUM0, SUM1, MEAN, MEAN0, MEAN1 -> reduce(dest, a);
            case GT, LT, GE, LE, ADD, SUB, MUL, DIV, NEG, POW, TANH, SIGMOID, RELU, EXP, LOG, SQRT, ABS, SOFTPLUS, LEAKY_RELU,
                    DROPOUT, BATCHNORM, MASK, ONES_LIKE -> throw new IllegalStateException(a.op() + " is not a kernel");
            case CONV2D, CONV2D_INPUT, CONV2D_WEIGHT -> convolution(dest, a);
            case MAXPOOL, AVGPOOL, MAXPOOL_INPUT, AVGPOOL_INPUT -> pooling(dest, a);
            case CHANNEL_SUM -> {
                Buffer g = bufferOf(a.x());
                out.add(run(call("images", "channelSum", name(g.java()), name(dest.java()), Sizes.rows(g.shape()),
                        Sizes.cols(g.shape()), lit(a.shape().rows()))));
            }
            case FLATTEN, UNFLATTEN -> throw new IllegalStateException(a.op() + " is computed in place (nothing moves)");
        }
    }

    /**
     * conv2d(x, W), conv2d_input(G, W, like=x) or conv2d_weight(x, G, like=W): one call of
     * ImageKernels with the sizes of the input image, the filters and the output image.
     */
    private void convolution(Buffer dest, Apply a) {
        Shape.Grid in;
        Shape.Grid filters;
        Shape.Grid result;
        String method;
        Node first;
        Node second;
        switch (a.op()) {
            case CONV2D -> {
                method = "conv2d";
                first = a.arg(0);
                second = a.arg(1);
                in = first.shape().grid();
                filters = second.shape().grid();
                result = a.shape().grid();
            }
            case CONV2D_INPUT -> {
                method = "conv2dInput";
                first = a.arg(0);
                second = a.arg(1);
                result = first.shape().grid();
                filters = second.shape().grid();
                in = a.shape().grid();
            }
            default -> {
                method = "conv2dWeight";
                first = a.arg(0);
                second = a.arg(1);
                in = first.shape().grid();
                result = second.shape().grid();
                filters = a.shape().grid();
            }
        }
        int stride = count(a.arg(a.op() == Op.CONV2D ? 2 : 3));
        int pad = count(a.arg(a.op() == Op.CONV2D ? 3 : 4));
        Buffer x = bufferOf(first);
        Buffer y = bufferOf(second);
        int cOut = a.op() == Op.CONV2D_WEIGHT ? a.shape().cols() : second.shape().cols();
        Statement kernelCall = run(call("images", method, name(x.java()), name(y.java()), name(dest.java()), name("m"),
                lit(in.h()), lit(in.w()), lit(in.c()), lit(filters.h()), lit(cOut), lit(result.h()), lit(result.w()),
                lit(stride), lit(pad)));
        kernelCall.setLineComment(" " + (a.op() == Op.CONV2D ? "" : "the conv2d's ") + in.h() + " x " + in.w() + " x " + in.c() + " in, "
                + filters.h() + " x " + filters.h() + " filters, " + result.h() + " x " + result.w() + " x " + cOut + " out, stride "
                + stride + ", pad " + pad);
        out.add(kernelCall);
    }

    /**
     * The sizes of a pooling call in words, in the order the call passes them ({@code // 8 x 8 x 8
     * in, 2 x 2 windows, 4 x 4 x 8 out, stride 2}), for the pool itself or, with {@code of}, the
     * pool a derivative belongs to.
     */
    private static String poolSizes(String of, Shape.Grid in, int window, Shape.Grid result, int stride) {
        return " " + of + in.h() + " x " + in.w() + " x " + in.c() + " in, " + window + " x " + window + " windows, "
                + result.h() + " x " + result.w() + " x " + result.c() + " out, stride " + stride;
    }

    /**
     * maxpool(x, f), avgpool(x, f), maxpool_input(G, x, f) or avgpool_input(G, f, like=x): one
     * call of ImageKernels with the sizes of the input image, the window and the output image.
     */
    private void pooling(Buffer dest, Apply a) {
        switch (a.op()) {
            case MAXPOOL, AVGPOOL -> {
                Buffer x = bufferOf(a.arg(0));
                Shape.Grid in = a.arg(0).shape().grid();
                Shape.Grid result = a.shape().grid();
                int window = count(a.arg(1));
                int stride = count(a.arg(2));
                Statement pool = run(call("images", a.op() == Op.MAXPOOL ? "maxpool" : "avgpool", name(x.java()), name(dest.java()),
                        name("m"), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                pool.setLineComment(poolSizes("", in, window, result, stride));
                out.add(pool);
            }
            case MAXPOOL_INPUT -> {
                Buffer g = bufferOf(a.arg(0));
                Buffer x = bufferOf(a.arg(1));
                Shape.Grid result = a.arg(0).shape().grid();
                Shape.Grid in = a.shape().grid();
                int window = count(a.arg(2));
                int stride = count(a.arg(3));
                Statement input = run(call("images", "maxpoolInput", name(g.java()), name(x.java()), name(dest.java()), name("m"),
                        lit(in.h()), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                input.setLineComment(poolSizes("the maxpool's ", in, window, result, stride));
                out.add(input);
            }
            default -> {
                Buffer g = bufferOf(a.arg(0));
                Shape.Grid result = a.arg(0).shape().grid();
                Shape.Grid in = a.shape().grid();
                int window = count(a.arg(1));
                int stride = count(a.arg(3));
                Statement input = run(call("images", "avgpoolInput", name(g.java()), name(dest.java()), name("m"),
                        lit(in.h()), lit(in.w()), lit(in.c()), lit(window), lit(result.h()), lit(result.w()), lit(stride)));
                input.setLineComment(poolSizes("the avgpool's ", in, window, result, stride));
                out.add(input);
            }
        }
    }

    /** A stride, padding or window size of an image operation: a whole number in the IR. */
    private static int count(Node n) {
        return (int) ((Num) n).value();
    }

    /** {@code A @ B}, {@code A.T @ B} or {@code A @ B.T} without computing a transpose as a value. */
    private void product(Buffer dest, Apply a) {
        product(dest, a, null);
    }

    /** {@link #product(Buffer, Apply)}, passing {@code scale} (what each entry is multiplied by once summed) when not null. */
    private void product(Buffer dest, Apply a, Expression scale) {
        Node left = a.arg(0);
        Node right = a.arg(1);
        boolean leftT = isTranspose(left) && !isTranspose(right);
        boolean rightT = isTranspose(right);
        Buffer l = bufferOf(leftT ? ((Apply) left).x() : left);
        Buffer r = bufferOf(rightT ? ((Apply) right).x() : right);
        Expression n = Sizes.side(a.shape().rows());
        Expression k = Sizes.side(left.shape().cols());
        Expression p = Sizes.side(a.shape().cols());
        String method = rightT ? "multiplyTransB" : leftT ? "multiplyTransA" : "multiply";
        out.add(scale == null
                ? run(call("products", method, name(l.java()), name(r.java()), name(dest.java()), n, k, p))
                : run(call("products", method, name(l.java()), name(r.java()), name(dest.java()), n, k, p, scale)));
    }

    private static boolean isTranspose(Node node) {
        return node instanceof Apply a && a.op() == Op.TRANSPOSE;
    }

    /** One fused loop: {@code dest[i] = f(operands at i)}, broadcasting resolved per operand; no loop for a 1 x 1 result. */
    private void fused(Buffer dest, Node value) {
        Elementwise e = new Elementwise(buffers, materialized, dest.shape(), locals, shared);
        Expression entry = e.entry(value);
        List<Statement> hoists = e.scalarHoists();
        if (dest.shape().isScalar()) {
            out.addAll(hoists);
            out.addAll(e.entryLocals());
            out.add(Ast.assign(at(dest.java(), lit(0)), entry));
            return;
        }
        List<Statement> body = new ArrayList<>(e.entryLocals());
        body.add(Ast.assign(at(dest.java(), name("i")), entry));
        readOnce(body);
        List<Statement> all = new ArrayList<>(e.stores());
        all.addAll(body);
        int calls = heavyCalls(all);
        if (calls > 0 && !e.needsRowsAndColumns()) {
            shareable(dest, hoists, e.firstPass(() -> buffers.temp(owner, "exp", dest.shape())), !e.stores().isEmpty(), body, calls);
            return;
        }
        if (!e.stores().isEmpty()) {
            throw new IllegalStateException(dest.java() + " stores exp(-|x|) for later statements but is not a flat loop");
        }
        Optional<Statement> whole = hoists.isEmpty() && body.size() == 1 && !e.needsRowsAndColumns()
                ? cheapRangeLoop(body.get(0), Sizes.cells(dest.shape())) : Optional.empty();
        if (whole.isPresent()) {
            out.add(whole.get());
            return;
        }
        out.addAll(hoists);
        out.add(entries(dest.shape(), e, body, true));
    }

    /**
     * Each {@code X[i]} that the body's last statement (its assignment) reads more than once is
     * read once, into a local declared before it: {@code -(Y[i] * -(Math.max(-Z2[i], 0.0) + e0) +
     * (1.0 - Y[i]) * -(Math.max(Z2[i], 0.0) + e0))}, binary cross-entropy's loss, stayed scalar in
     * C2 (JDK 17) with Z2[i] read twice, and ran on SIMD registers with it read once: 1.2 against
     * 0.25 us for 400 entries. The reads are of arrays the loop does not write before them, so the
     * value is the same. The body's other statements (softplus's tails, which later passes match
     * by their form) are left as they are: the first passes, taken after this, move only those
     * tails, so they never read a local declared here.
     */
    private void readOnce(List<Statement> body) {
        Statement last = body.get(body.size() - 1);
        if (!(last instanceof ExpressionStmt stmt && stmt.getExpression() instanceof AssignExpr assign)) {
            return;
        }
        Map<String, List<ArrayAccessExpr>> reads = new LinkedHashMap<>();
        for (ArrayAccessExpr read : assign.getValue().findAll(ArrayAccessExpr.class)) {
            entryArray(read).ifPresent(array -> reads.computeIfAbsent(array, a -> new ArrayList<>()).add(read));
        }
        List<Statement> declared = new ArrayList<>();
        for (Map.Entry<String, List<ArrayAccessExpr>> array : reads.entrySet()) {
            if (array.getValue().size() < 2) {
                continue;
            }
            String local = locals.entry();
            declared.add(Ast.localDouble(local, at(array.getKey(), name("i"))));
            array.getValue().forEach(read -> read.replace(name(local)));
        }
        if (!declared.isEmpty()) {
            declared.get(0).setLineComment(" entries read more than once, read once: C2 may then run the loop on SIMD registers");
            body.addAll(body.size() - 1, declared);
        }
    }

    /**
     * The runtime's loop over all {@code cells} entries for {@code T[i] = relu(Z[i])}
     * ({@code relu(Z, T, 0, cells)}) or {@code T[i] = G[i] * positive(Z[i])}
     * ({@code reluGradient(G, Z, T, 0, cells)}): the same bits, and a tool may run it on SIMD
     * registers, which C2 does not do for these branch-free kernels. Not shared with the helpers:
     * a pass over the entries costs less than handing it over.
     */
    private static Optional<Statement> cheapRangeLoop(Statement s, Expression cells) {
        return entryAssignment(s).flatMap(assignment -> {
            String out = assignment.out();
            Expression value = assignment.value();
            if (value instanceof MethodCallExpr call && call.getScope().isEmpty() && call.getNameAsString().equals("relu")
                    && call.getArguments().size() == 1) {
                return entryArray(call.getArgument(0)).map(z -> run(call("relu", name(z), name(out), lit(0), cells.clone())));
            }
            if (value instanceof BinaryExpr product && product.getOperator() == BinaryExpr.Operator.MULTIPLY
                    && product.getRight() instanceof MethodCallExpr positive && positive.getScope().isEmpty()
                    && positive.getNameAsString().equals("positive") && positive.getArguments().size() == 1) {
                Optional<String> g = entryArray(product.getLeft());
                Optional<String> z = entryArray(positive.getArgument(0));
                if (g.isPresent() && z.isPresent()) {
                    return Optional.of(run(call("reluGradient", name(g.get()), name(z.get()), name(out), lit(0), cells.clone())));
                }
            }
            return Optional.empty();
        });
    }

    /**
     * The loop {@code for i: body} (after {@code for i: first}, when there is a first pass) as a
     * method over a range of entries, called through the class's
     * products, which share the entries among threads when there are enough calls to gain:
     * {@code products.forEntries(n, calls, loopOfA1)} with {@code loopOfA1 = this::entriesOfA1}, a
     * field so that no step allocates.
     */
    private void shareable(Buffer dest, List<Statement> hoists, List<Statement> first, boolean stores, List<Statement> body, int calls) {
        List<Statement> statements = new ArrayList<>(hoists);
        List<Statement> logs = log1pPasses(dest, body);
        // Calls made in the runtime's loops over a range: they count as cheaper when a tool runs those loops on SIMD registers.
        int inRangeLoops = 0;
        if (!first.isEmpty() || !logs.isEmpty()) {
            List<Statement> all = new ArrayList<>(first);
            all.addAll(logs);
            inRangeLoops += (int) all.stream().filter(s -> rangeLoop(s).isPresent()).count();
            List<Statement> passes = firstPasses(all);
            String why = ": alone in a loop, one entry's call overlaps the next's";
            passes.get(0).setLineComment(first.isEmpty() ? " log1p first, in a loop of its own" + why
                    : stores ? " exp first, in a loop of its own (the loss reads it too)" + why
                    : " exp first, in a loop of its own" + why);
            statements.addAll(passes);
        }
        // A body that is one statement the runtime has a loop over ranges for calls that loop (after the first passes, if any).
        Optional<Statement> whole = hoists.isEmpty() && body.size() == 1 ? rangeLoop(body.get(0)) : Optional.empty();
        statements.add(whole.orElseGet(() -> loop("i", name("from"), name("to"), body)));
        inRangeLoops = Math.min(calls, inRangeLoops + (whole.isPresent() ? 1 : 0));
        String field = rangeTask(dest, statements);
        Statement share = inRangeLoops == 0
                ? run(call("products", "forEntries", Sizes.cells(dest.shape()), lit(calls), name(field)))
                : run(call("products", "forEntries", Sizes.cells(dest.shape()), lit(calls), lit(inRangeLoops), name(field)));
        share.setLineComment(" " + calls + (calls == 1 ? " call" : " calls") + " of exp, log, tanh ... per entry"
                + (inRangeLoops == 0 ? "" : inRangeLoops == calls ? (calls == 1 ? ", made in a loop over the range" : ", all made in loops over the range")
                        : ", " + inRangeLoops + " of them in loops over the range")
                + ": shared with the helper threads when there are enough");
        out.add(share);
    }

    /**
     * A method {@code entriesOfDest(int from, int to)} running {@code statements} over entries from ..
     * to - 1 of dest, and a field {@code loopOfDest} holding it as an EntryRange (so that no step
     * allocates), both added to the class's members; returns the field's name.
     */
    private String rangeTask(Buffer dest, List<Statement> statements) {
        String suffix = Character.toUpperCase(dest.java().charAt(0)) + dest.java().substring(1);
        String method = buffers.names().allocate("entriesOf" + suffix);
        String field = buffers.names().allocate("loopOf" + suffix);
        MethodDeclaration m = new MethodDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE), new VoidType(), method);
        m.addParameter(new Parameter(PrimitiveType.intType(), "from"));
        m.addParameter(new Parameter(PrimitiveType.intType(), "to"));
        m.setBody(Ast.block(statements));
        m.setJavadocComment("Entries from .. to - 1 of " + dest.java() + "; threads may compute several ranges at once.");
        FieldDeclaration f = new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL),
                new ClassOrInterfaceType(null, "EntryRange"), field);
        f.getVariable(0).setInitializer(new MethodReferenceExpr(new ThisExpr(), null, method));
        f.setLineComment(" " + method + " as a task the helper threads can run");
        members.add(f);
        members.add(m);
        return field;
    }

    /**
     * The first pass's statements in their order, each {@code T[i] = f(Z[i])} that the runtime has a
     * loop over a range for ({@link #rangeLoop}) as that loop, the others in loops over the range.
     * Each statement reads only its own entry, so passes one after the other compute what one loop
     * does.
     */
    private static List<Statement> firstPasses(List<Statement> first) {
        List<Statement> passes = new ArrayList<>();
        List<Statement> pending = new ArrayList<>();
        for (Statement s : first) {
            Optional<Statement> call = rangeLoop(s);
            if (call.isEmpty()) {
                pending.add(s);
                continue;
            }
            if (!pending.isEmpty()) {
                passes.add(loop("i", name("from"), name("to"), pending));
                pending = new ArrayList<>();
            }
            passes.add(call.get());
        }
        if (!pending.isEmpty()) {
            passes.add(loop("i", name("from"), name("to"), pending));
        }
        return passes;
    }

    /**
     * softplus's {@code double e0 = log1p(E[i]);} in a body becomes a pass of its own,
     * {@code T[i] = log1p(E[i])} into a new buffer T, and the local reads {@code T[i]}: a loop over
     * a range that a tool may run on SIMD registers (see {@link #firstPasses}).
     */
    private List<Statement> log1pPasses(Buffer dest, List<Statement> body) {
        List<Statement> passes = new ArrayList<>();
        for (Statement s : body) {
            if (s instanceof ExpressionStmt stmt && stmt.getExpression() instanceof VariableDeclarationExpr declaration
                    && declaration.getVariables().size() == 1) {
                Expression value = declaration.getVariable(0).getInitializer().orElse(null);
                if (value != null && kernelOverRange(value).filter(k -> k.kernel().equals("log1p")).isPresent()) {
                    Buffer logs = buffers.temp(owner, "log1p", dest.shape());
                    passes.add(Ast.assign(at(logs.java(), name("i")), value.clone()));
                    declaration.getVariable(0).setInitializer(at(logs.java(), name("i")));
                }
            }
        }
        return passes;
    }

    /**
     * The runtime's loop over a range for the statement {@code T[i] = f(Z[i])}, when it has one
     * ({@code tanh(Z, T, from, to)}, {@code log1p(Z, T, from, to)}, {@code expOfMinusAbs(Z, T, from,
     * to)} for {@code exp(-Math.abs(Z[i]))}, {@code sigmoidOfExps(Z, E, T, from, to)} for
     * {@code sigmoidOfExp(Z[i], E[i])}): the same bits, and a tool may run it on SIMD registers, where
     * the JIT cannot.
     */
    private static Optional<Statement> rangeLoop(Statement s) {
        return entryAssignment(s).flatMap(assignment -> kernelOverRange(assignment.value()).map(k -> {
            List<Expression> args = new ArrayList<>();
            k.sources().forEach(source -> args.add(name(source)));
            args.addAll(List.of(name(assignment.out()), name("from"), name("to")));
            return run(call(k.kernel(), args.toArray(Expression[]::new)));
        }));
    }

    /** {@code T[i] = value}: the array T and the value assigned to its entry i. */
    private record EntryAssignment(String out, Expression value) {
    }

    /** The statement as {@code T[i] = value}, when it is a plain assignment to entry i of an array. */
    private static Optional<EntryAssignment> entryAssignment(Statement s) {
        if (s instanceof ExpressionStmt stmt && stmt.getExpression() instanceof AssignExpr assign
                && assign.getOperator() == AssignExpr.Operator.ASSIGN) {
            return entryArray(assign.getTarget()).map(out -> new EntryAssignment(out, assign.getValue()));
        }
        return Optional.empty();
    }

    /** The runtime kernel with a loop over ranges that {@code value} calls at entry i of each of {@code sources}. */
    private record KernelCall(String kernel, List<String> sources) {
    }

    /**
     * {@code tanh(Z[i])}, {@code log1p(Z[i])} or {@code exp(-Math.abs(Z[i]))} as its kernel and Z;
     * {@code sigmoidOfExp(Z[i], E[i])} as sigmoidOfExps and Z, E.
     */
    private static Optional<KernelCall> kernelOverRange(Expression value) {
        if (value instanceof MethodCallExpr call && call.getScope().isEmpty() && call.getNameAsString().equals("sigmoidOfExp")
                && call.getArguments().size() == 2) {
            Optional<String> x = entryArray(call.getArgument(0));
            Optional<String> e = entryArray(call.getArgument(1));
            return x.isPresent() && e.isPresent() ? Optional.of(new KernelCall("sigmoidOfExps", List.of(x.get(), e.get()))) : Optional.empty();
        }
        if (!(value instanceof MethodCallExpr call) || call.getScope().isPresent() || call.getArguments().size() != 1) {
            return Optional.empty();
        }
        String name = call.getNameAsString();
        Expression arg = call.getArgument(0);
        if (name.equals("tanh") || name.equals("log1p")) {
            return entryArray(arg).map(source -> new KernelCall(name, List.of(source)));
        }
        if (name.equals("exp") && arg instanceof UnaryExpr minus && minus.getOperator() == UnaryExpr.Operator.MINUS
                && minus.getExpression() instanceof MethodCallExpr abs && abs.getScope().filter(scope -> scope.toString().equals("Math")).isPresent()
                && abs.getNameAsString().equals("abs") && abs.getArguments().size() == 1) {
            return entryArray(abs.getArgument(0)).map(source -> new KernelCall("expOfMinusAbs", List.of(source)));
        }
        return Optional.empty();
    }

    /** X when {@code e} is {@code X[i]}. */
    private static Optional<String> entryArray(Expression e) {
        return e instanceof ArrayAccessExpr a && a.getName() instanceof NameExpr n && a.getIndex() instanceof NameExpr i
                && i.getNameAsString().equals("i") ? Optional.of(n.getNameAsString()) : Optional.empty();
    }

    /** The kernels that cost about 10 ns a call, and how many calls of exp or log1p each makes. */
    private static final Map<String, Integer> HEAVY = Map.of(
            "exp", 1, "log1p", 1, "tanh", 1, "sigmoid", 1, "softplus", 2, "log", 1, "pow", 1, "power", 1);

    /** Calls of exp, log, tanh ... in one entry of a fused loop (its statements): what makes a loop worth sharing. */
    private static int heavyCalls(List<Statement> statements) {
        int calls = 0;
        for (Statement s : statements) {
            for (MethodCallExpr call : s.findAll(MethodCallExpr.class)) {
                calls += HEAVY.getOrDefault(call.getNameAsString(), 0);
            }
        }
        return calls;
    }

    /**
     * The loops over a domain: one flat loop when no operand is broadcast along one side, else
     * rows then columns with {@code i = r * cols + c}.
     */
    private static Statement entries(Shape domain, Elementwise e, List<Statement> body, boolean needsFlat) {
        if (!e.needsRowsAndColumns()) {
            return loop("i", Sizes.cells(domain), body);
        }
        List<Statement> inner = new ArrayList<>();
        if (needsFlat || e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(body);
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(loop("c", Sizes.cols(domain), inner));
        return loop("r", Sizes.rows(domain), outer);
    }

    private void reduce(Buffer dest, Apply a) {
        Node x = a.x();
        prepare(x, null, null);
        Elementwise e = new Elementwise(buffers, materialized, x.shape(), locals, shared);
        Expression entry = e.entry(x);
        out.addAll(e.scalarHoists());
        boolean mean = a.op() == Op.MEAN || a.op() == Op.MEAN0 || a.op() == Op.MEAN1;
        // Along the only row, or down the only column, is the sum of all entries, in the same order.
        int axis = a.op().axis();
        if ((axis == 1 && x.shape().rows() == 1) || (axis == 0 && x.shape().cols() == 1)) {
            axis = -1;
        }
        switch (axis) {
            case 0 -> sumDownColumns(dest, x.shape(), e, entry, mean);
            case 1 -> sumAlongRows(dest, x.shape(), e, entry, mean);
            default -> sumAll(dest, x.shape(), e, entry, mean);
        }
    }

    /**
     * A sum of all the entries, in {@link #partialSums}' order: the runtime's sumOfAll over a
     * stored value's entries, a loop here when each entry is an expression. An entry that needs
     * locals or reads a broadcast operand (rows and columns) is first stored in a buffer of its
     * own, then summed by sumOfAll.
     */
    private void sumAll(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        Optional<String> stored = entryArray(entry);
        if (e.needsRowsAndColumns() || !e.entryLocals().isEmpty()) {
            Buffer entries = buffers.temp(owner, "entries", domain);
            List<Statement> body = new ArrayList<>(e.entryLocals());
            body.add(Ast.assign(at(entries.java(), name("i")), entry));
            out.add(entries(domain, e, body, true));
            stored = Optional.of(entries.java());
        }
        Expression sum = stored.isPresent()
                ? call("sumOfAll", name(stored.get()), Sizes.cells(domain))
                : partialSums(domain, entry);
        Expression total = mean ? Ast.divide(sum, Sizes.cells(domain)) : sum;
        out.add(Ast.assign(at(dest.java(), lit(0)), total));
    }

    /** The partial sums a sum of all entries is taken in (see {@link #partialSums}). */
    private static final int PARTIAL_SUMS = 4;

    /**
     * The sum of every entry of a flat domain as four partial sums, entry i going to partial sum
     * i mod 4 (the last cells mod 4 entries to the first), added as (s0 + s1) + (s2 + s3): the
     * order of the reference evaluator's sums of all entries (Evaluator.sumOfAll), so the two agree
     * bit for bit. One sum is a chain of additions each waiting for the one before it (4 cycles:
     * 400 entries about 0.5 us); four chains overlap. The order is fixed by the code alone, the
     * same on every machine and thread count, and a little more accurate than one chain.
     */
    private Expression partialSums(Shape domain, Expression entry) {
        List<String> sums = new ArrayList<>();
        for (int j = 0; j < PARTIAL_SUMS; j++) {
            String s = locals.sum();
            sums.add(s);
            out.add(Ast.localDouble(s, lit(0.0)));
        }
        Expression cells = Sizes.cells(domain);
        boolean fixed = !domain.hasBatchSide();
        Expression whole = fixed
                ? lit(Sizes.fixedCells(domain) / PARTIAL_SUMS * PARTIAL_SUMS)
                : Ast.minus(cells, Ast.bin(cells.clone(), BinaryExpr.Operator.REMAINDER, lit(PARTIAL_SUMS)));
        if (!fixed || Sizes.fixedCells(domain) >= PARTIAL_SUMS) {
            List<Statement> unrolled = new ArrayList<>();
            for (int j = 0; j < PARTIAL_SUMS; j++) {
                unrolled.add(Ast.addAssign(name(sums.get(j)), entryAt(entry, j)));
            }
            ForStmt main = loop("i", whole, unrolled);
            main.setUpdate(new NodeList<>(new AssignExpr(name("i"), lit(PARTIAL_SUMS), AssignExpr.Operator.PLUS)));
            out.add(main);
        }
        if (!fixed || Sizes.fixedCells(domain) % PARTIAL_SUMS != 0) {
            out.add(loop("i", whole.clone(), cells.clone(), List.of(Ast.addAssign(name(sums.get(0)), entry.clone()))));
        }
        return Ast.plus(new EnclosedExpr(Ast.plus(name(sums.get(0)), name(sums.get(1)))), new EnclosedExpr(Ast.plus(name(sums.get(2)), name(sums.get(3)))));
    }

    /** The entry expression at i + offset: every read of i becomes i + offset. */
    private static Expression entryAt(Expression entry, int offset) {
        Expression copy = entry.clone();
        if (offset == 0) {
            return copy;
        }
        if (copy instanceof NameExpr n && n.getNameAsString().equals("i")) {
            return Ast.plus(name("i"), lit(offset));
        }
        for (NameExpr n : copy.findAll(NameExpr.class, n -> n.getNameAsString().equals("i"))) {
            Expression shifted = Ast.plus(name("i"), lit(offset));
            boolean index = n.getParentNode().filter(parent -> parent instanceof ArrayAccessExpr a && a.getIndex() == n).isPresent();
            n.replace(index ? shifted : new EnclosedExpr(shifted));
        }
        return copy;
    }

    /**
     * {@code sum(x, axis=1)}: each row's entries, left to right. A stored x goes to the kernel
     * sumRows, which sums four rows in one pass: one row at a time, each addition waits for the
     * one before it.
     */
    private void sumAlongRows(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        if (!mean && e.entryLocals().isEmpty() && e.rowHoists().isEmpty() && entry instanceof ArrayAccessExpr read
                && read.getIndex().equals(name("i"))) {
            out.add(run(call("sumRows", read.getName().clone(), name(dest.java()), Sizes.rows(domain), Sizes.cols(domain))));
            return;
        }
        String s = locals.sum();
        List<Statement> inner = new ArrayList<>();
        if (e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(e.entryLocals());
        inner.add(Ast.addAssign(name(s), entry));
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(Ast.localDouble(s, lit(0.0)));
        outer.add(loop("c", Sizes.cols(domain), inner));
        Expression total = mean ? Ast.divide(name(s), Sizes.cols(domain)) : name(s);
        outer.add(Ast.assign(at(dest.java(), name("r")), total));
        out.add(loop("r", Sizes.rows(domain), outer));
    }

    /**
     * {@code sum(x, axis=0)}: each column's entries, top to bottom, accumulated row by row. A negated
     * sum ({@code L = -sum(Y * log(A), axis=0)}) stays this sum, then a pass {@code L[i] = -L[i]}:
     * negation is exact and rounding to nearest is symmetric, but a zero's sign is not. Terms all
     * -0.0 (a column of zero targets) sum from 0.0 to +0.0, negated -0.0, while 0.0 - -0.0 - ...
     * is +0.0; and x + -x is +0.0 whichever x is. Folding the minus in would change those bits.
     */
    private void sumDownColumns(Buffer dest, Shape domain, Elementwise e, Expression entry, boolean mean) {
        out.add(loop("c", Sizes.cols(domain), List.of(Ast.assign(at(dest.java(), name("c")), lit(0.0)))));
        List<Statement> inner = new ArrayList<>();
        if (e.readsFlat()) {
            inner.add(Ast.localInt("i", Sizes.flatIndex(domain)));
        }
        inner.addAll(e.entryLocals());
        inner.add(Ast.addAssign(at(dest.java(), name("c")), entry));
        List<Statement> outer = new ArrayList<>(e.rowHoists());
        outer.add(loop("c", Sizes.cols(domain), inner));
        out.add(loop("r", Sizes.rows(domain), outer));
        if (mean) {
            Expression average = Ast.divide(at(dest.java(), name("c")), Sizes.rows(domain));
            out.add(loop("c", Sizes.cols(domain), List.of(Ast.assign(at(dest.java(), name("c")), average))));
        }
    }
}
