package dev.netgrad.spec.check;

import dev.netgrad.ir.Nodes;
import dev.netgrad.ir.Op;
import dev.netgrad.spec.Diagnostics;
import dev.netgrad.spec.Network;
import dev.netgrad.spec.Param;
import dev.netgrad.spec.SourcePos;
import dev.netgrad.spec.Statement;
import dev.netgrad.spec.TrainConfig;
import dev.netgrad.spec.ast.Expr;
import dev.netgrad.spec.ast.Member;
import dev.netgrad.spec.ast.SpecAst;
import dev.netgrad.spec.ast.TrainSetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The check stage: a syntax tree to a checked {@link Network}, or every independent error. Runs the
 * passes in a row (declarations, shorthand, statements, loss and cost, output, usage, training);
 * a declaration with an error poisons its name so its uses stay silent.
 */
public final class NetworkChecker {
    private final SpecAst ast;
    private final Diagnostics diagnostics;
    private final Symbols symbols = new Symbols();
    private final ConstantFolder folder;
    private final Declarations declarations;

    /** The members that may appear once, each checked for a second occurrence. */
    private final Optional<Member> loss;
    private final Optional<Member.Assignment> cost;
    private final Optional<Member.Output> output;
    private final Optional<Member.Regularize> regularize;
    private final Optional<Member.Train> train;

    private NetworkChecker(SpecAst ast, Diagnostics diagnostics) {
        this.ast = ast;
        this.diagnostics = diagnostics;
        this.folder = new ConstantFolder(symbols, diagnostics);
        this.declarations = new Declarations(symbols, diagnostics, folder);
        this.loss = single(m -> m instanceof Member.LossShorthand
                || (m instanceof Member.Assignment a && a.role() == Statement.Role.LOSS), "a loss");
        this.cost = single(m -> m instanceof Member.Assignment a && a.role() == Statement.Role.COST, "a cost")
                .map(Member.Assignment.class::cast);
        this.output = single(Member.Output.class::isInstance, "an output").map(Member.Output.class::cast);
        this.regularize = single(Member.Regularize.class::isInstance, "a regularize line")
                .map(Member.Regularize.class::cast);
        this.train = single(Member.Train.class::isInstance, "a train block").map(Member.Train.class::cast);
    }

    /** The checked network; empty when there were errors (they are in {@code diagnostics}). */
    public static Optional<Network> check(SpecAst ast, String path, Diagnostics diagnostics) {
        return new NetworkChecker(ast, diagnostics).run(path);
    }

    private Optional<Network> run(String path) {
        declarations.declare(ast);
        ShorthandExpander.Expansion expansion = new ShorthandExpander(declarations, folder, diagnostics)
                .expand(ast, loss.filter(Member.LossShorthand.class::isInstance).isPresent());
        List<Param> params = new ArrayList<>(expansion.params());
        params.addAll(declarations.params);
        Optional<Member.Assignment> lossDecl = loss.filter(Member.Assignment.class::isInstance)
                .map(Member.Assignment.class::cast).or(expansion::loss);
        Optional<Member.Assignment> costDecl = regularized(cost.or(expansion::cost), params);
        requireLossAndCost();

        List<Statement> statements = new StatementBuilder(symbols, diagnostics)
                .build(ordered(expansion, costDecl));
        Optional<TrainConfig> trainConfig = train.flatMap(t -> new TrainSettings(folder, diagnostics).config(t));
        trainConfig.ifPresent(c -> refuseBatchOfOneForBatchnorm(c, statements));
        OutputChooser outputs = new OutputChooser(symbols, diagnostics);
        Optional<String> lossName = lossDecl.map(Member.Assignment::name);
        Optional<String> costName = costDecl.map(Member.Assignment::name);
        Optional<String> declaredOutput = output.flatMap(o -> outputs.declared(o, lossName, costName));
        if (lossDecl.isEmpty() || costDecl.isEmpty()) {
            return Optional.empty();
        }
        Optional<LossCostChecker.Result> checked = new LossCostChecker(diagnostics)
                .check(statements, lossName.get(), costName.get(), costDecl.get().value());
        if (checked.isEmpty()) {
            return Optional.empty();
        }
        LossCostChecker.Result r = checked.get();
        Optional<String> out = output.isPresent() ? declaredOutput
                : outputs.byDefault(expansion.output(), r.ordered(), r.loss());
        if (!diagnostics.hasErrors()) {
            UsageChecker.check(params, r.ordered(), r.cost(), ast.pos(), diagnostics);
        }
        if (diagnostics.hasErrors() || out.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Network(ast.name(), path, ast.pos(), declarations.dims, declarations.consts,
                declarations.inputs, declarations.targets, params, r.ordered(), r.loss().name(), r.cost().name(),
                r.form(), out.get(), trainConfig));
    }

    /**
     * {@code batch 1} on a network with a batchnorm: a batch of one example has variance 0, so its
     * normalized values are beta alone and nothing before the batchnorm trains. The trainer's fit
     * refuses it; said here, at the train block's line, check, generate and train say it alike.
     */
    private void refuseBatchOfOneForBatchnorm(TrainConfig config, List<Statement> statements) {
        if (config.batch().orElse(0) != 1) {
            return;
        }
        Optional<Statement> batchnorm = statements.stream().filter(s -> Nodes.applies(s.value(), Op.BATCHNORM)).findFirst();
        if (batchnorm.isEmpty()) {
            return;
        }
        SourcePos at = train.get().settings().stream()
                .filter(s -> s instanceof TrainSetting.Count c && c.kind() == TrainSetting.Count.Kind.BATCH)
                .map(TrainSetting::pos).findFirst().orElse(train.get().pos());
        diagnostics.error(at, "a batch of 1 cannot train the batchnorm " + batchnorm.get().name() + " (line "
                + batchnorm.get().pos().line() + "): the variance of one example is 0, so nothing before the batchnorm"
                + " would train; use a batch of 2 or more");
    }

    /** The one member matching {@code kind}; a second one is an error. */
    private Optional<Member> single(Predicate<Member> kind, String what) {
        Member first = null;
        for (Member m : ast.members()) {
            if (!kind.test(m)) {
                continue;
            }
            if (first == null) {
                first = m;
            } else {
                SourcePos at = first.pos();
                diagnostics.error(m.pos(), "the network already has " + what + " (at " + at.line() + ":" + at.column()
                        + ")");
            }
        }
        return Optional.ofNullable(first);
    }

    private void requireLossAndCost() {
        if (loss.isEmpty()) {
            SourcePos at = cost.map(Member::pos).orElse(ast.pos());
            diagnostics.error(at, "the network has no loss: write 'loss L = expr' with 'cost J = mean(L)', or use "
                    + "the shorthand 'loss cross_entropy' or 'loss mse'");
        } else if (loss.get() instanceof Member.Assignment l && cost.isEmpty()) {
            diagnostics.error(l.pos(), "a loss written as 'loss " + l.name() + " = ...' needs a cost: add 'cost J = mean("
                    + l.name() + ")'");
        }
    }

    /** The cost with {@code regularize l2(...)}'s term added, if there is one. */
    private Optional<Member.Assignment> regularized(Optional<Member.Assignment> costDecl, List<Param> params) {
        if (regularize.isEmpty() || costDecl.isEmpty()) {
            return costDecl;
        }
        Member.Regularize r = regularize.get();
        Optional<Expr> term = Regularization.term(r, params, symbols, folder, diagnostics);
        Member.Assignment c = costDecl.get();
        return Optional.of(term.map(t -> new Member.Assignment(c.name(), c.role(),
                new Expr.Binary(Op.ADD, c.value(), t, r.pos()), c.pos())).orElse(c));
    }

    /** Shorthand first (docs/language.md section 6), then the explicit statements in source order. */
    private List<Member.Assignment> ordered(ShorthandExpander.Expansion expansion,
            Optional<Member.Assignment> costDecl) {
        List<Member.Assignment> ordered = new ArrayList<>(expansion.layers());
        expansion.loss().ifPresent(ordered::add);
        for (Member m : ast.members()) {
            if (m instanceof Member.Assignment a) {
                boolean chosenCost = cost.filter(c -> c == a).isPresent();
                ordered.add(chosenCost ? costDecl.orElse(a) : a);
            }
        }
        expansion.cost().flatMap(c -> costDecl).ifPresent(ordered::add);
        return ordered;
    }
}
