package dev.netgrad.codegen;

import static dev.netgrad.codegen.Ast.call;
import static dev.netgrad.codegen.Ast.lit;
import static dev.netgrad.codegen.Ast.name;
import static dev.netgrad.codegen.Ast.run;
import static dev.netgrad.codegen.Ast.str;

import com.github.javaparser.ast.Modifier;
import com.github.javaparser.ast.ArrayCreationLevel;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.ConstructorDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.comments.LineComment;
import com.github.javaparser.ast.expr.ArrayCreationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.BooleanLiteralExpr;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.ExplicitConstructorInvocationStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NullLiteralExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.stmt.ReturnStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.ThrowStmt;
import com.github.javaparser.ast.type.ArrayType;
import com.github.javaparser.ast.type.ClassOrInterfaceType;
import com.github.javaparser.ast.type.PrimitiveType;
import com.github.javaparser.ast.type.Type;
import com.github.javaparser.ast.type.VoidType;
import dev.netgrad.codegen.Buffers.Buffer;
import dev.netgrad.codegen.Buffers.Kind;
import dev.netgrad.codegen.Dropouts.Dropout;
import dev.netgrad.diff.BatchCoupling;
import dev.netgrad.diff.Derivation;
import dev.netgrad.ir.Shape;
import dev.netgrad.runtime.Prediction;
import dev.netgrad.spec.Constant;
import dev.netgrad.spec.Init;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.NetworkPrinter;
import dev.netgrad.spec.Optimizer;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.TrainConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * The members of a generated class that come from the network: the public name and size
 * constants, the tables the runtime reads, the consts, one field per buffer, the constructor that
 * initializes the params, the allocation of per-batch buffers and the lookups from an index to a
 * buffer. Everything here is built from typed nodes.
 */
final class Members {
    /** Table entry for a side of size m. */
    private static final int BATCH_SIDE = -1;
    /** Tables longer than this are written as one string. */
    private static final int LONG_TABLE = 256;

    private final Derivation d;
    private final Network network;
    private final Buffers buffers;
    private final List<Dropout> dropouts;
    private final String className;

    Members(Derivation d, Buffers buffers, List<Dropout> dropouts, String className) {
        this.d = d;
        this.network = d.network();
        this.buffers = buffers;
        this.dropouts = List.copyOf(dropouts);
        this.className = className;
    }

    /** The fixed names of the members built here: spec values must not take them. */
    static List<String> names() {
        return List.of("PARAM_NAMES", "INPUT_NAME", "TARGET_NAME", "INPUT_SIZE", "TARGET_SIZE", "OUTPUT_NAME", "PREDICTION",
                "MASK_NAMES", "NETWORK", "LOSS_NAME", "COST_NAME", "GRADIENT_NAMES", "PARAM_ROWS", "PARAM_COLS",
                "VALUE_NAMES", "VALUE_ROWS", "VALUE_COLS", "DELTA_NAMES", "DELTA_ROWS", "DELTA_COLS",
                "MASK_ROWS", "MASK_COLS", "MASK_KEEP", "BATCH_COUPLING", "REGULARIZED", "LOSSES_SUMMED", "BATCH_PENALTY",
                "UNIT_SUM_TARGET", "FORWARD", "LAYOUT", "BATCHNORMS", "EPOCHS", "BATCH", "paramBuffer", "gradientBuffer", "valueBuffer",
                "deltaBuffer", "maskBuffer", "inputBuffer", "targetBuffer", "allocate", "forward", "backward",
                "predictForward", "evaluationForward", "predictionCouplesExamples", "forwardCost", "index", "size", "seed", "i", "r", "c", "from", "to");
    }

    /** The public constants every trainer has: its names and sizes, for code that uses it, each with its javadoc. */
    List<BodyDeclaration<?>> publicConstants() {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        out.add(constant(strings(), "PARAM_NAMES", strings(network.params().stream().map(Param::name).toList()),
                "The params' names, in the spec's order; the trainers read a copy, so writing here renames none."));
        out.add(constant(string(), "INPUT_NAME", str(network.inputs().get(0).name()), "The input's name in the spec."));
        out.add(constant(string(), "TARGET_NAME", network.targets().isEmpty() ? new NullLiteralExpr() : str(network.targets().get(0).name()),
                network.targets().isEmpty() ? "The network has no target." : "The target's name in the spec."));
        out.add(constant(PrimitiveType.intType(), "INPUT_SIZE", lit(network.inputs().get(0).rows()),
                "The values of one example's input: the length of each row of x (an image flattened, channels last)."));
        out.add(constant(PrimitiveType.intType(), "TARGET_SIZE", lit(network.targets().isEmpty() ? 0 : network.targets().get(0).rows()),
                "The values of one example's target: the length of each row of y."));
        out.add(constant(string(), "OUTPUT_NAME", str(network.output()), "The value predict returns, one row per example."));
        Prediction prediction = OutputKind.of(network);
        out.add(constant(new ClassOrInterfaceType(null, "Prediction"), "PREDICTION",
                new FieldAccessExpr(name("Prediction"), prediction.name()), switch (prediction) {
                    case CLASSES -> "The output scores classes: the prediction is the largest.";
                    case CLASS_LOGITS -> "The output is the classes' logits (the loss applies the softmax): the prediction is the largest.";
                    case PROBABILITY -> "The output is the probability of class 1: the prediction is 1 from 0.5.";
                    case LOGIT -> "The output is the logit of class 1 (the loss applies the sigmoid): the prediction is 1 from 0.";
                    case NUMBER -> "The output is the prediction itself, a number.";
                }));
        out.add(constant(strings(), "MASK_NAMES", strings(dropouts.stream().map(Dropout::owner).toList()),
                "The dropout masks, each named by the value its dropout assigns (the keys of setMasks); the trainers read a copy."));
        TrainConfig train = network.train().orElse(TrainConfig.DEFAULT);
        out.add(constant(PrimitiveType.intType(), "EPOCHS", lit(train.epochs()), network.train().isPresent()
                ? "The train block's epochs, which fit(x, y, progress) trains"
                        + (train.epochs() == TrainConfig.DEFAULT.epochs() ? " (" + train.epochs() + ", the default)." : ".")
                : "No train block: fit(x, y, progress) trains " + TrainConfig.DEFAULT.epochs() + " epochs."));
        out.add(constant(PrimitiveType.intType(), "BATCH", lit(train.batch().orElse(0)), network.train().isPresent()
                ? "The train block's batch size, which fit(x, y, progress) uses (0: full batches)."
                : "No train block: fit(x, y, progress) trains on full batches (0)."));
        return out;
    }

    /** The tables the runtime reads (through {@code LAYOUT}); a side of -1 is the batch size m. */
    List<BodyDeclaration<?>> tables() {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        out.add(privateConstant(string(), "NETWORK", str(network.name())));
        out.add(privateConstant(string(), "LOSS_NAME", str(network.loss())));
        out.add(privateConstant(string(), "COST_NAME", str(network.cost())));
        out.add(privateConstant(strings(), "GRADIENT_NAMES", strings(network.params().stream().map(p -> d.gradient(p.name()).name()).toList())));
        out.addAll(shapeTables());
        out.addAll(batchFlags());
        out.add(commented(privateConstant(strings(), "FORWARD", forwardLines(NetworkPrinter.forward(network))),
                "The forward pass as netgrad show prints it, which saves record: params trained through another are not taken unnoticed."));
        out.add(layout());
        if (!d.batchnorms().isEmpty()) {
            out.add(batchnorms());
        }
        for (Constant c : network.consts()) {
            out.add(commented(privateConstant(PrimitiveType.doubleType(), buffers.constant(c.name()), lit(c.value())), "const " + c.name()));
        }
        return out;
    }

    /** The params', values', deltas' and dropout masks' names and shapes, and the masks' keep probabilities. */
    private List<BodyDeclaration<?>> shapeTables() {
        List<Buffer> params = buffers.of(Kind.PARAM);
        List<Buffer> values = values();
        List<Buffer> deltas = deltas();
        List<BodyDeclaration<?>> out = new ArrayList<>();
        FieldDeclaration paramRows = privateConstant(ints(), "PARAM_ROWS", ints(params, b -> b.shape().rows()));
        paramRows.setComment(new LineComment(" Shapes as rows and columns; -1 stands for the batch size m."));
        out.add(paramRows);
        out.add(privateConstant(ints(), "PARAM_COLS", ints(params, b -> b.shape().cols())));
        out.add(privateConstant(strings(), "VALUE_NAMES", strings(values.stream().map(Buffer::key).toList())));
        out.add(privateConstant(ints(), "VALUE_ROWS", ints(values, b -> b.shape().rows())));
        out.add(privateConstant(ints(), "VALUE_COLS", ints(values, b -> b.shape().cols())));
        out.add(privateConstant(strings(), "DELTA_NAMES", strings(deltas.stream().map(Buffer::key).toList())));
        out.add(privateConstant(ints(), "DELTA_ROWS", ints(deltas, b -> b.shape().rows())));
        out.add(privateConstant(ints(), "DELTA_COLS", ints(deltas, b -> b.shape().cols())));
        out.add(privateConstant(ints(), "MASK_ROWS", ints(buffers.of(Kind.MASK), b -> b.shape().rows())));
        out.add(privateConstant(ints(), "MASK_COLS", ints(buffers.of(Kind.MASK), b -> b.shape().cols())));
        ArrayInitializerExpr keeps = new ArrayInitializerExpr(new NodeList<>(dropouts.stream().map(x -> lit(x.keep())).toList()));
        out.add(privateConstant(new ArrayType(PrimitiveType.doubleType()), "MASK_KEEP", keeps));
        return out;
    }

    /**
     * What the runtime needs to know to split a batch into parts (on threads, or on Spark's
     * partitions) and put their gradient sums together, each with a comment saying why it is so.
     */
    private List<BodyDeclaration<?>> batchFlags() {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        Optional<String> valueCoupling = BatchCoupling.of(d);
        Optional<String> coupling = valueCoupling.or(this::costCoupling);
        out.add(commented(privateConstant(string(), "BATCH_COUPLING", coupling.map(c -> (Expression) str(c)).orElse(new NullLiteralExpr())),
                coupling.isEmpty()
                        ? "Every value is per example: a batch may be split into parts whose gradient sums add up."
                        : valueCoupling.isPresent()
                                ? "What couples the examples of a batch: its gradients cannot be summed over parts."
                                : "Why the cost's gradient cannot be made from sums over parts of a batch."));
        out.add(privateConstant(PrimitiveType.booleanType(), "REGULARIZED", new BooleanLiteralExpr(network.costForm().regularizer().isPresent())));
        boolean summed = !network.costForm().mean();
        out.add(commented(privateConstant(PrimitiveType.booleanType(), "LOSSES_SUMMED", new BooleanLiteralExpr(summed)), summed
                ? "The cost sums the losses: a batch's gradient is the sum of its parts' gradient sums, without 1/m."
                : "The cost is the losses' mean: a batch's gradient is 1/m times the sum of its parts' gradient sums."));
        boolean batchPenalty = CostInParts.batchPenalty(network.costForm());
        out.add(commented(privateConstant(PrimitiveType.booleanType(), "BATCH_PENALTY", new BooleanLiteralExpr(batchPenalty)), batchPenalty
                ? "The penalty has a term without m, the batch's: a part's sums leave it out, and it is added once."
                : network.costForm().regularizer().isEmpty() ? "No penalty."
                : "No penalty term without m: a part's pass, m taken as infinite, leaves the penalty out."));
        boolean unitSum = !d.unitSumTargets().isEmpty();
        out.add(commented(privateConstant(PrimitiveType.booleanType(), "UNIT_SUM_TARGET", new BooleanLiteralExpr(unitSum)), unitSum
                ? "A softmax's cross-entropy reads the target, derived as A - Y: its derivative only when every example's target sums to 1."
                : "No target needs to sum to 1."));
        return out;
    }

    /** LAYOUT: the tables, in the order the runtime's Layout takes them. */
    private FieldDeclaration layout() {
        List<String> layout = List.of("NETWORK", "INPUT_NAME", "INPUT_SIZE", "TARGET_NAME", "TARGET_SIZE", "OUTPUT_NAME", "PREDICTION", "LOSS_NAME",
                "COST_NAME", "BATCH_COUPLING", "REGULARIZED", "LOSSES_SUMMED", "BATCH_PENALTY", "UNIT_SUM_TARGET", "PARAM_NAMES", "GRADIENT_NAMES", "PARAM_ROWS", "PARAM_COLS",
                "VALUE_NAMES", "VALUE_ROWS", "VALUE_COLS", "DELTA_NAMES", "DELTA_ROWS", "DELTA_COLS",
                "MASK_NAMES", "MASK_ROWS", "MASK_COLS", "MASK_KEEP", "EPOCHS", "BATCH", "FORWARD");
        ObjectCreationExpr create = new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "Layout"),
                new NodeList<>(layout.stream().map(n -> (Expression) name(n)).toList()));
        return commented(privateConstant(new ClassOrInterfaceType(null, "Layout"), "LAYOUT", create),
                "The tables above, in the order the runtime's Layout takes them.");
    }

    /** {@code field} with a line comment above it (the text after "// "). */
    private static FieldDeclaration commented(FieldDeclaration field, String comment) {
        field.setComment(new LineComment(" " + comment));
        return field;
    }

    /** {@code BATCHNORMS}: what the runtime needs to keep and read the running statistics of each batchnorm. */
    private FieldDeclaration batchnorms() {
        List<dev.netgrad.diff.Batchnorm> all = d.batchnorms();
        Function<List<Expression>, Expression> array = entries -> new ArrayCreationExpr(entries.isEmpty() || entries.get(0).isStringLiteralExpr()
                ? string() : PrimitiveType.doubleType(), new NodeList<>(new ArrayCreationLevel()), new ArrayInitializerExpr(new NodeList<>(entries)));
        ObjectCreationExpr create = new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "Batchnorms"), new NodeList<>(
                array.apply(all.stream().map(b -> (Expression) str(b.name())).toList()),
                array.apply(all.stream().map(b -> (Expression) str(b.mean())).toList()),
                array.apply(all.stream().map(b -> (Expression) str(b.std())).toList()),
                array.apply(all.stream().map(b -> lit(b.eps())).toList())));
        FieldDeclaration field = privateConstant(new ClassOrInterfaceType(null, "Batchnorms"), "BATCHNORMS", create);
        field.setComment(new LineComment(" The batchnorms (the value each assigns, its batch's mean and sqrt(variance + eps), eps):"
                + " training keeps running averages of their statistics, prediction normalizes with them."));
        return field;
    }

    /** One field per buffer: fixed-size ones allocated here, per-batch ones by {@code allocate}. */
    List<BodyDeclaration<?>> bufferFields() {
        List<BodyDeclaration<?>> out = new ArrayList<>();
        for (Buffer b : buffers.all()) {
            FieldDeclaration f;
            if (b.perBatch()) {
                f = new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE),
                        new VariableDeclarator(doubles(), b.java(), newDoubles(lit(0))));
            } else {
                f = new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE, Modifier.Keyword.FINAL),
                        new VariableDeclarator(doubles(), b.java(), newDoubles(lit(Sizes.fixedCells(b.shape())))));
            }
            String sharing = buffers.sharedWith(b).map(source -> ", " + source.key() + "'s array (the same entries in the same order)").orElse("");
            // A mask's key is the value its dropout assigns; the equations write the mask as mask(A1).
            String label = b.kind() == Kind.MASK ? "mask(" + b.key() + ")" : b.key();
            f.setComment(new LineComment(" " + label + " (" + b.shape() + "): " + role(b) + sharing));
            out.add(f);
        }
        return out;
    }

    private String role(Buffer b) {
        return switch (b.kind()) {
            case INPUT -> "input";
            case TARGET -> "target";
            case PARAM -> "param, init " + initText(network.param(b.key()).orElseThrow().init());
            case GRADIENT, DELTA -> d.equation(b.key()).orElseThrow().label();
            case VALUE -> "forward value";
            case MASK -> "dropout keep-mask of " + b.key();
            case TEMP -> "temporary";
        };
    }

    /** Why a cost whose values are all per example still keeps a batch whole: its parts' sums would give another gradient. */
    private Optional<String> costCoupling() {
        return d.forward().stream()
                .filter(s -> s.role() == dev.netgrad.spec.Statement.Role.COST)
                .findFirst()
                .flatMap(cost -> CostInParts.problem(cost.name(), cost.value(), network.costForm()));
    }

    /** {@code public Network(long seed)}: params drawn from a SplittableRandom in declaration order. */
    ConstructorDeclaration constructor() {
        ConstructorDeclaration ctor = new ConstructorDeclaration(Modifier.createModifierList(Modifier.Keyword.PUBLIC), className);
        ctor.addParameter(new Parameter(PrimitiveType.longType(), "seed"));
        List<Statement> body = new ArrayList<>();
        body.add(new ExplicitConstructorInvocationStmt(false, null, d.batchnorms().isEmpty()
                ? new NodeList<>(name("LAYOUT"), name("seed")) : new NodeList<>(name("LAYOUT"), name("BATCHNORMS"), name("seed"))));
        List<String> zeros = new ArrayList<>();
        for (Param p : network.params()) {
            // A param's array is a final field allocated at its size, so it starts at zero: init zeros has nothing to write.
            if (p.init().kind() == Init.Kind.ZEROS) {
                zeros.add(p.name());
                continue;
            }
            Statement fill = init(p);
            fill.setComment(new LineComment(" " + p.name() + " (" + p.shape() + "): " + initText(p.init())));
            body.add(fill);
        }
        Optimizer o = network.train().orElse(TrainConfig.DEFAULT).optimizer();
        Statement optimizer = run(call("useOptimizer", str(o.kind().name().toLowerCase(Locale.ROOT)),
                lit(o.lr()), lit(o.beta()), lit(o.beta1()), lit(o.beta2()), lit(o.eps())));
        // A train block without an optimizer line keeps the default, which "the train block's optimizer" alone would hide.
        String optimizerComment = network.train().isEmpty() ? " No train block: gradient descent, lr 0.01."
                : o.equals(TrainConfig.DEFAULT.optimizer()) ? " The train block's optimizer (gradient descent, lr 0.01, the default)."
                : " The train block's optimizer.";
        optimizer.setComment(new LineComment(optimizerComment));
        body.add(optimizer);
        ctor.setBody(Ast.block(body));
        ctor.setJavadocComment("A trainer whose params are initialized as the spec says, from a SplittableRandom seeded with {@code seed}\n"
                + "(which then also draws dropout masks and shuffles mini-batches)."
                + (zeros.isEmpty() ? "" : "\n" + String.join(", ", zeros) + (zeros.size() == 1 ? " starts" : " start")
                        + " at zero as allocated (init zeros)."));
        return ctor;
    }

    private Statement init(Param p) {
        String w = buffers.named(p.name()).java();
        List<Double> args = p.init().args();
        // A filter bank (f·f·cIn) x cOut reads f·f·cIn inputs per output, a weight n_out x n_in reads n_in.
        int fanIn = p.shape().isFilterBank() ? p.shape().rows() : p.shape().cols();
        return switch (p.init().kind()) {
            case ZEROS -> throw new IllegalStateException(p.name() + ": init zeros writes nothing (the array starts at zero)");
            case ONES -> run(call("Arrays", "fill", name(w), lit(1.0)));
            case CONST -> run(call("Arrays", "fill", name(w), lit(args.get(0))));
            case RANDN -> run(call("fillGaussian", name(w), lit(args.get(0))));
            case UNIFORM -> run(call("fillUniform", name(w), lit(args.get(0)), lit(args.get(1))));
            case XAVIER -> run(call("fillGaussian", name(w), call("Math", "sqrt", Ast.divide(lit(1.0), lit(fanIn)))));
            case HE -> run(call("fillGaussian", name(w), call("Math", "sqrt", Ast.divide(lit(2.0), lit(fanIn)))));
        };
    }

    private static String initText(Init init) {
        return switch (init.kind()) {
            case XAVIER -> "xavier (randn * sqrt(1 / n_in))";
            case HE -> "he (randn * sqrt(2 / n_in))";
            case ZEROS, ONES, CONST, RANDN, UNIFORM -> init.args().isEmpty() ? init.kind().keyword()
                    : init.kind().keyword() + "(" + String.join(", ", init.args().stream().map(dev.netgrad.ir.ExprPrinter::number).toList()) + ")";
        };
    }

    /** {@code allocate(int size)}: every per-batch buffer. */
    MethodDeclaration allocate() {
        List<Statement> body = new ArrayList<>();
        for (Buffer b : buffers.all()) {
            if (b.perBatch()) {
                Optional<Buffer> source = buffers.sharedWith(b);
                body.add(Ast.assign(name(b.java()), source.isPresent() ? name(source.get().java()) : newDoubles(cellsAt(b.shape()))));
            }
        }
        MethodDeclaration m = override(new VoidType(), "allocate", body);
        m.addParameter(new Parameter(PrimitiveType.intType(), "size"));
        m.setComment(new LineComment(" Allocates every per-batch buffer for batches of up to size examples."));
        return m;
    }

    /** {@code cells(rows, size)} for a shape with a side m. */
    private static Expression cellsAt(Shape s) {
        if (s.rows() == Shape.M && s.cols() == Shape.M) {
            return call("cells", name("size"), name("size"));
        }
        int fixed = s.rows() == Shape.M ? s.cols() : s.rows();
        return call("cells", lit(fixed), name("size"));
    }

    /** The lookups from an index in the tables to the buffer itself. */
    List<MethodDeclaration> lookups() {
        List<MethodDeclaration> out = new ArrayList<>();
        out.add(lookup("paramBuffer", buffers.of(Kind.PARAM)));
        out.add(lookup("gradientBuffer", network.params().stream().map(p -> buffers.named(d.gradient(p.name()).name())).toList()));
        out.add(lookup("valueBuffer", values()));
        out.add(lookup("deltaBuffer", deltas()));
        out.add(lookup("maskBuffer", buffers.of(Kind.MASK)));
        out.add(override(doubles(), "inputBuffer", List.of(new ReturnStmt(name(buffers.named(network.inputs().get(0).name()).java())))));
        Expression target = network.targets().isEmpty() ? new NullLiteralExpr() : name(buffers.named(network.targets().get(0).name()).java());
        out.add(override(doubles(), "targetBuffer", List.of(new ReturnStmt(target))));
        return out;
    }

    /**
     * The AST nodes of a lookup over {@code entries} buffers, as {@link #lookup} builds it: {@link ClassLimits}
     * tells a lookup too long for one method from the network alone.
     */
    static int lookupNodes(int entries) {
        return entries == 0 ? 17 : 22 + 5 * entries;
    }

    /** {@code return switch (index) { case 0 -> W1; ... default -> throw ... };} (a bare throw for an empty table). */
    private MethodDeclaration lookup(String name, List<Buffer> table) {
        ObjectCreationExpr error = new ObjectCreationExpr(null, new ClassOrInterfaceType(null, "IndexOutOfBoundsException"), new NodeList<>(name("index")));
        Statement body;
        if (table.isEmpty()) {
            body = new ThrowStmt(error);
        } else {
            NodeList<SwitchEntry> entries = new NodeList<>();
            for (int i = 0; i < table.size(); i++) {
                entries.add(new SwitchEntry(new NodeList<>(lit(i)), SwitchEntry.Type.EXPRESSION,
                        new NodeList<>(new ExpressionStmt(name(table.get(i).java())))));
            }
            entries.add(new SwitchEntry(new NodeList<>(), SwitchEntry.Type.THROWS_STATEMENT, new NodeList<>(new ThrowStmt(error))));
            body = new ReturnStmt(new SwitchExpr(name("index"), entries));
        }
        MethodDeclaration m = override(doubles(), name, List.of(body));
        m.addParameter(new Parameter(PrimitiveType.intType(), "index"));
        return m;
    }

    /** Inputs, targets and forward values: what {@code value(name)} reads. */
    private List<Buffer> values() {
        List<Buffer> out = new ArrayList<>(buffers.of(Kind.INPUT));
        out.addAll(buffers.of(Kind.TARGET));
        out.addAll(buffers.of(Kind.VALUE));
        return out;
    }

    /** Every derived equation, gradients included, in order: what {@code delta(name)} reads. */
    private List<Buffer> deltas() {
        return d.equations().stream().map(e -> buffers.named(e.name())).toList();
    }

    /**
     * The override of {@code filterSides()} for a network with a filter bank: each param's filter side f
     * (0 for any other param), in the order of PARAM_ROWS, so that load takes a filter bank nested, f x f
     * x c_in x c_out, as the command line does. Absent otherwise (the runtime's: no filter bank).
     */
    Optional<MethodDeclaration> filterSides() {
        List<Buffer> params = buffers.of(Kind.PARAM);
        List<String> banks = params.stream().filter(b -> b.shape().isFilterBank()).map(Buffer::key).toList();
        if (banks.isEmpty()) {
            return Optional.empty();
        }
        Expression sides = ints(params, b -> b.shape().isFilterBank() ? b.shape().grid().h() : 0);
        Expression array = sides instanceof ArrayInitializerExpr init
                ? new ArrayCreationExpr(PrimitiveType.intType(), new NodeList<>(new ArrayCreationLevel()), init)
                : sides;
        MethodDeclaration m = override(ints(), "filterSides", List.of(new ReturnStmt(array)));
        m.setComment(new LineComment(" The filter banks' sides f, 0 for the other params: load also takes "
                + String.join(", ", banks) + " nested, f x f x c_in x c_out."));
        return Optional.of(m);
    }

    /** A protected method the runtime's NetworkTrainer declares abstract. */
    static MethodDeclaration override(Type type, String name, List<Statement> body) {
        MethodDeclaration m = new MethodDeclaration(Modifier.createModifierList(Modifier.Keyword.PROTECTED), type, name);
        m.addMarkerAnnotation("Override");
        m.setBody(Ast.block(body));
        return m;
    }

    private static FieldDeclaration constant(Type type, String name, Expression value, String javadoc) {
        FieldDeclaration field = new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PUBLIC, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL),
                new VariableDeclarator(type, name, value));
        field.setJavadocComment(javadoc);
        return field;
    }

    private static FieldDeclaration privateConstant(Type type, String name, Expression value) {
        return new FieldDeclaration(Modifier.createModifierList(Modifier.Keyword.PRIVATE, Modifier.Keyword.STATIC, Modifier.Keyword.FINAL),
                new VariableDeclarator(type, name, value));
    }

    /**
     * A table as an array initializer, or, past {@link #LONG_TABLE} entries, as one string the
     * runtime splits ({@code Layout.names("W1 b1 ...")}): the JVM caps a class's static initializer
     * at 64 kB of code, about 8 bytes an entry, so a network of a thousand layers could not list them.
     */
    private static Expression strings(List<String> values) {
        if (values.size() > LONG_TABLE) {
            return call("Layout", "names", str(String.join(" ", values)));
        }
        return new ArrayInitializerExpr(new NodeList<>(values.stream().map(v -> (Expression) str(v)).toList()));
    }

    /**
     * The forward pass's lines as an array initializer, or, past {@link #LONG_TABLE} lines, as a few strings of
     * lines joined by newlines ({@code Layout.lines("Z1 = W1 @ X + b1\nA1 = relu(Z1)...", ...)}), each under the
     * JVM's 65535 bytes a string (a line over it is left to {@link ClassLimits#requireFits} to refuse).
     */
    private static Expression forwardLines(List<String> lines) {
        if (lines.size() <= LONG_TABLE) {
            return strings(lines);
        }
        List<Expression> chunks = new ArrayList<>();
        StringBuilder chunk = new StringBuilder();
        long bytes = 0;
        for (String line : lines) {
            long more = ClassLimits.modifiedUtf8Bytes(line) + 1;
            if (chunk.length() > 0 && bytes + more > ClassLimits.JVM_LIMIT) {
                chunks.add(str(chunk.substring(1)));
                chunk.setLength(0);
                bytes = 0;
            }
            chunk.append('\n').append(line);
            bytes += more;
        }
        chunks.add(str(chunk.substring(1)));
        return call("Layout", "lines", chunks.toArray(new Expression[0]));
    }

    /** The bytes of the one string {@link #strings} makes of a long table (0 for a short one, a literal a name). */
    static long tableStringBytes(List<String> values) {
        if (values.size() <= LONG_TABLE) {
            return 0;
        }
        return values.stream().mapToLong(ClassLimits::modifiedUtf8Bytes).sum() + values.size() - 1;
    }

    private static Expression ints(List<Buffer> table, ToIntFunction<Buffer> side) {
        if (table.size() > LONG_TABLE) {
            return call("Layout", "sizes", str(String.join(" ", table.stream().map(b -> String.valueOf(side.applyAsInt(b) == Shape.M ? BATCH_SIDE : side.applyAsInt(b))).toList())));
        }
        Function<Integer, Expression> entry = n -> n == Shape.M ? Ast.neg(lit(-BATCH_SIDE)) : lit(n);
        return new ArrayInitializerExpr(new NodeList<>(table.stream().map(b -> entry.apply(side.applyAsInt(b))).toList()));
    }

    private static Type string() {
        return new ClassOrInterfaceType(null, "String");
    }

    private static Type strings() {
        return new ArrayType(string());
    }

    private static Type ints() {
        return new ArrayType(PrimitiveType.intType());
    }

    private static Type doubles() {
        return new ArrayType(PrimitiveType.doubleType());
    }

    private static ArrayCreationExpr newDoubles(Expression size) {
        return new ArrayCreationExpr(PrimitiveType.doubleType(), new NodeList<>(new ArrayCreationLevel(size)), null);
    }
}
